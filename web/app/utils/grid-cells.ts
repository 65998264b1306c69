// What the booking grid and the reservation book share as grids of resources (rows) × time
// (columns) with a sticky header and a sticky name column: scrolling a focused cell into view,
// and keyboard moves that skip the group header rows.
import { useEffect, useLayoutEffect } from 'react';

/** A layout effect in the browser, a plain effect on the server (where layout effects warn). */
export const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

export interface CellGeometry {
  rowHeight: number;
  cellWidth: number;
  /** The sticky header's height and the sticky name column's width, which cover the body's edges. */
  headerHeight: number;
  nameWidth: number;
}

/** Scrolls `element` so the cell at (row, column) is clear of the sticky header and names. */
export function scrollCellIntoView(element: HTMLElement, row: number, column: number, geometry: CellGeometry): void {
  const top = row * geometry.rowHeight;
  const bodyHeight = element.clientHeight - geometry.headerHeight;
  if (top < element.scrollTop) element.scrollTop = top;
  else if (top + geometry.rowHeight > element.scrollTop + bodyHeight)
    element.scrollTop = top + geometry.rowHeight - bodyHeight;
  const left = column * geometry.cellWidth;
  const bodyWidth = element.clientWidth - geometry.nameWidth;
  if (left < element.scrollLeft) element.scrollLeft = left;
  else if (left + geometry.cellWidth > element.scrollLeft + bodyWidth)
    element.scrollLeft = left + geometry.cellWidth - bodyWidth;
}

/** The resource row `step` resource rows away from `row` (group rows skipped), or `row` at an end. */
export function resourceRowNear(rows: readonly { kind: string }[], row: number, step: number): number {
  let next = row;
  for (let moved = 0; moved < Math.abs(step); ) {
    const candidate = next + Math.sign(step);
    if (candidate < 0 || candidate >= rows.length) break;
    next = candidate;
    if (rows[next]?.kind === 'resource') moved++;
  }
  return rows[next]?.kind === 'resource' ? next : row;
}
