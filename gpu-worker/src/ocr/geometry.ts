// Rotated rectangles of text: convex hull and minimum-area rectangle on flat number arrays (no per-point objects).

/** A rotated rectangle: centre, unit vector along its long (reading) side, and its width × height. */
export interface RotatedRect {
  cx: number;
  cy: number;
  ux: number;
  uy: number;
  width: number;
  height: number;
}

/** Convex hull (Andrew's monotone chain) of points given as [x0, y0, x1, y1, …]; returns the same layout. */
export function convexHull(points: Float64Array | number[]): Float64Array {
  const n = points.length / 2;
  const order = Array.from({ length: n }, (_, i) => i);
  const x = (i: number) => points[2 * i] as number;
  const y = (i: number) => points[2 * i + 1] as number;
  order.sort((a, b) => x(a) - x(b) || y(a) - y(b));
  const hull = new Int32Array(2 * n + 2);
  let k = 0;
  const cross = (o: number, a: number, b: number) => (x(a) - x(o)) * (y(b) - y(o)) - (y(a) - y(o)) * (x(b) - x(o));
  for (let pass = 0; pass < 2; pass++) {
    const start = k;
    for (let j = 0; j < n; j++) {
      const i = order[pass === 0 ? j : n - 1 - j] as number;
      while (k >= start + 2 && cross(hull[k - 2] as number, hull[k - 1] as number, i) <= 0) k--;
      hull[k++] = i;
    }
    k--; // the last point of each half is the first of the other
  }
  const out = new Float64Array(Math.max(k, 1) * 2);
  for (let j = 0; j < Math.max(k, 1); j++) {
    const i = hull[j] as number;
    out[2 * j] = x(i);
    out[2 * j + 1] = y(i);
  }
  return out;
}

/** Minimum-area enclosing rectangle of a convex polygon (rotating calipers over its edges). */
export function minAreaRect(hull: Float64Array): RotatedRect {
  const n = hull.length / 2;
  let best: RotatedRect = { cx: hull[0] ?? 0, cy: hull[1] ?? 0, ux: 1, uy: 0, width: 0, height: 0 };
  let bestArea = Number.POSITIVE_INFINITY;
  for (let e = 0; e < n; e++) {
    const ax = hull[2 * e] as number;
    const ay = hull[2 * e + 1] as number;
    const bx = hull[(2 * e + 2) % (2 * n)] as number;
    const by = hull[(2 * e + 3) % (2 * n)] as number;
    const length = Math.hypot(bx - ax, by - ay);
    if (length === 0) continue;
    const ux = (bx - ax) / length;
    const uy = (by - ay) / length;
    let minU = Number.POSITIVE_INFINITY;
    let maxU = Number.NEGATIVE_INFINITY;
    let minV = Number.POSITIVE_INFINITY;
    let maxV = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      const px = hull[2 * j] as number;
      const py = hull[2 * j + 1] as number;
      const u = px * ux + py * uy;
      const v = -px * uy + py * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, ux, uy, width: maxU - minU, height: maxV - minV };
    }
  }
  return orientForReading(best);
}

/** Makes the long side the reading direction, pointing right (or down when vertical). */
export function orientForReading(rect: RotatedRect): RotatedRect {
  let { ux, uy, width, height } = rect;
  if (height > width) {
    [ux, uy] = [-uy, ux];
    [width, height] = [height, width];
  }
  if (ux < 0 || (ux === 0 && uy < 0)) {
    ux = -ux;
    uy = -uy;
  }
  return { ...rect, ux, uy, width, height };
}

/** Corners clockwise from top-left, in reading orientation (v = u turned 90°, pointing down the page). */
export function corners(rect: RotatedRect, scale = 1): [number, number][] {
  const { cx, cy, ux, uy } = rect;
  const vx = -uy;
  const vy = ux;
  const hw = rect.width / 2;
  const hh = rect.height / 2;
  const point = (s: number, t: number): [number, number] => [
    Math.round((cx + s * hw * ux + t * hh * vx) * scale),
    Math.round((cy + s * hw * uy + t * hh * vy) * scale),
  ];
  return [point(-1, -1), point(1, -1), point(1, 1), point(-1, 1)];
}
