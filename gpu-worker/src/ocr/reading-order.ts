// Lines in reading order (top to bottom, then left to right within a row), and rows of lines for the document
// parsers: the detector splits a row wherever a wide gap separates words ("Soup ...... 6.50" → two boxes).
// Rows are found along the page's own axes (the boxes' mean reading direction), so a tilted photo still
// groups its rows correctly.
import type { OcrLine } from './engine.ts';

interface Placed {
  line: OcrLine;
  /** Position across the rows (down the tilted page) and along them. */
  across: number;
  along: number;
  height: number;
}

function place(lines: OcrLine[]): Placed[] {
  // Mean reading direction, weighted by box length (long lines know their angle best).
  let ux = 0;
  let uy = 0;
  for (const line of lines) {
    const [tl, tr] = line.box as [[number, number], [number, number]];
    ux += tr[0] - tl[0];
    uy += tr[1] - tl[1];
  }
  const length = Math.hypot(ux, uy) || 1;
  ux = ux ? ux / length : 1;
  uy /= length;
  return lines.map((line) => {
    const [tl, , , bl] = line.box as [[number, number], [number, number], [number, number], [number, number]];
    const cx = line.box.reduce((sum, p) => sum + p[0], 0) / line.box.length;
    const cy = line.box.reduce((sum, p) => sum + p[1], 0) / line.box.length;
    return {
      line,
      across: -uy * cx + ux * cy,
      along: ux * tl[0] + uy * tl[1],
      height: Math.hypot(bl[0] - tl[0], bl[1] - tl[1]),
    };
  });
}

/** Groups lines whose centres lie within half a line height of the row's first line. */
export function groupRows(lines: OcrLine[]): OcrLine[][] {
  const sorted = place(lines).sort((a, b) => a.across - b.across);
  const rows: Placed[][] = [];
  let anchor: Placed | undefined;
  for (const item of sorted) {
    const row = rows.at(-1);
    if (row && anchor && Math.abs(item.across - anchor.across) < 0.5 * Math.min(anchor.height, item.height)) {
      row.push(item);
    } else {
      rows.push([item]);
      anchor = item;
    }
  }
  return rows.map((row) => row.sort((a, b) => a.along - b.along).map((item) => item.line));
}

export function readingOrder(lines: OcrLine[]): OcrLine[] {
  return groupRows(lines).flat();
}

/** Each row's text, its boxes joined by one space. */
export function rowTexts(lines: OcrLine[]): string[] {
  return groupRows(lines).map((row) => row.map((line) => line.text).join(' '));
}
