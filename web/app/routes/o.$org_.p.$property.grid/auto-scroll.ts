// Scrolling a grid while something is dragged near its edges, so a booking can go to a room,
// day or time out of view. The speed grows as the pointer nears (or passes) the edge of the
// scrolling area; the area leaves out the sticky headers (names on the left, times on top).
import { type RefObject, useCallback, useEffect, useRef } from 'react';

export interface Insets {
  /** Width of the sticky names column. */
  left: number;
  /** Height of the sticky header. */
  top: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Pixels from an edge where scrolling starts, and the most it moves per frame. */
export const EDGE = 48;
export const MAX_STEP = 18;

function axisStep(position: number, start: number, end: number): number {
  if (position < start + EDGE) return -Math.ceil(MAX_STEP * Math.min(1, (start + EDGE - position) / EDGE));
  if (position > end - EDGE) return Math.ceil(MAX_STEP * Math.min(1, (position - (end - EDGE)) / EDGE));
  return 0;
}

/** How far to scroll this frame for a pointer at (x, y) over `box` (0, 0 away from the edges). */
export function edgeStep(x: number, y: number, box: Box, insets: Insets): { dx: number; dy: number } {
  return {
    dx: axisStep(x, box.left + insets.left, box.right),
    dy: axisStep(y, box.top + insets.top, box.bottom),
  };
}

/**
 * While `active()` says a drag is on, scrolls `scrollRef` each frame the last pointer position
 * is near an edge and calls `onScrolled` (to recompute the drop target under the pointer).
 * `track(x, y)` records the pointer; `start()`/`stop()` bracket the drag.
 */
export function useEdgeAutoScroll(
  scrollRef: RefObject<HTMLElement | null>,
  insets: Insets,
  onScrolled: (x: number, y: number) => void,
) {
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef<number | null>(null);
  const scrolled = useRef(onScrolled);
  scrolled.current = onScrolled;

  const stop = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    pointer.current = null;
  }, []);

  const tick = useCallback(() => {
    const element = scrollRef.current;
    const at = pointer.current;
    if (!element || !at) {
      frame.current = null;
      return;
    }
    const box = element.getBoundingClientRect();
    const { dx, dy } = edgeStep(at.x, at.y, box, insets);
    if (dx || dy) {
      const before = [element.scrollLeft, element.scrollTop];
      element.scrollLeft += dx;
      element.scrollTop += dy;
      if (element.scrollLeft !== before[0] || element.scrollTop !== before[1]) scrolled.current(at.x, at.y);
    }
    frame.current = requestAnimationFrame(tick);
  }, [scrollRef, insets]);

  const track = useCallback(
    (x: number, y: number) => {
      pointer.current = { x, y };
      if (frame.current === null) frame.current = requestAnimationFrame(tick);
    },
    [tick],
  );

  useEffect(() => stop, [stop]);
  return { track, stop };
}
