// DB post-processing of the detector's probability map, on typed arrays: threshold, 8-connected components by a
// scanline flood fill, each component's outline reduced to its rows' leftmost and rightmost pixel corners (enough for
// the convex hull), minimum-area rectangle, score filter, and "unclip" (the network predicts shrunken text kernels).
import { convexHull, minAreaRect, type RotatedRect } from './geometry.ts';

export interface DetectionOptions {
  /** Pixels above this probability are text. */
  threshold: number;
  /** Components whose mean probability is below this are dropped. */
  boxThreshold: number;
  /**
   * Expansion of the shrunken kernel: distance = area × ratio / perimeter. PaddleOCR uses 1.5 on OpenCV contours;
   * on these pixel-corner rectangles 2.0 keeps the margin the recogniser needs to see the spaces between words
   * (measured: CER 6–7% at 1.5, 0% at 2.0 on the rendered test lines).
   */
  unclipRatio: number;
  maxCandidates: number;
}

export const defaultDetectionOptions: DetectionOptions = {
  threshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 2,
  maxCandidates: 1000,
};

export interface TextBox extends RotatedRect {
  score: number;
}

/** Text boxes in the map's own pixel coordinates. `map` holds width × height probabilities. */
export function findTextBoxes(
  map: Float32Array,
  width: number,
  height: number,
  options: DetectionOptions = defaultDetectionOptions,
): TextBox[] {
  const size = width * height;
  // 0 = background or visited, 1 = text not yet visited.
  const mask = new Uint8Array(size);
  for (let i = 0; i < size; i++) if ((map[i] as number) > options.threshold) mask[i] = 1;

  const stack = new Int32Array(size);
  const rowMin = new Int32Array(height).fill(width);
  const rowMax = new Int32Array(height).fill(-1);
  const boxes: TextBox[] = [];

  for (let seed = 0; seed < size && boxes.length < options.maxCandidates; seed++) {
    if (mask[seed] !== 1) continue;
    mask[seed] = 0;
    let top = 0;
    stack[top++] = seed;
    let count = 0;
    let sum = 0;
    let minY = height;
    let maxY = -1;
    while (top > 0) {
      const p = stack[--top] as number;
      const y = (p / width) | 0;
      const x = p - y * width;
      count++;
      sum += map[p] as number;
      if (x < (rowMin[y] as number)) rowMin[y] = x;
      if (x > (rowMax[y] as number)) rowMax[y] = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] === 1) {
            mask[q] = 0;
            stack[top++] = q;
          }
        }
      }
    }
    const box = count >= 4 ? componentBox(rowMin, rowMax, minY, maxY, sum / count, options) : null;
    for (let y = minY; y <= maxY; y++) {
      rowMin[y] = width;
      rowMax[y] = -1;
    }
    if (box) boxes.push(box);
  }
  return boxes;
}

function componentBox(
  rowMin: Int32Array,
  rowMax: Int32Array,
  minY: number,
  maxY: number,
  score: number,
  options: DetectionOptions,
): TextBox | null {
  if (score < options.boxThreshold) return null;
  // Each row's extreme pixels as their outer corners: the hull of these is the hull of the component's area.
  const points = new Float64Array((maxY - minY + 1) * 8);
  let n = 0;
  for (let y = minY; y <= maxY; y++) {
    const left = rowMin[y] as number;
    const right = (rowMax[y] as number) + 1;
    if (right <= left) continue;
    points.set([left, y, right, y, left, y + 1, right, y + 1], n);
    n += 8;
  }
  const rect = minAreaRect(convexHull(points.subarray(0, n)));
  if (Math.min(rect.width, rect.height) < 3) return null;
  const distance = (rect.width * rect.height * options.unclipRatio) / (2 * (rect.width + rect.height));
  const grown = { ...rect, width: rect.width + 2 * distance, height: rect.height + 2 * distance, score };
  return grown.height < 5 ? null : grown;
}
