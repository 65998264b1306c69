// Straightens each text line straight into the recogniser's batch tensor: one pass of bilinear sampling along the
// rotated box (an affine warp — a rotated rectangle needs no more than that), resized to height 48, normalised to
// (v/255 − 0.5)/0.5 in BGR planes. When the line is shrunk by more than 1.5× several taps are averaged, so small
// glyph strokes do not alias away.
import type { RotatedRect } from './geometry.ts';

export const recHeight = 48;

export interface LineSource {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/** Width of the line once resized to height 48 (aspect kept), rounded up to a multiple of 8 (the model's stride). */
export function lineWidth(rect: RotatedRect, maxWidth: number): number {
  const width = Math.ceil((recHeight * rect.width) / Math.max(rect.height, 1) / 8) * 8;
  return Math.min(Math.max(width, 16), maxWidth);
}

/**
 * Writes the line into item `index` of an [N, 3, 48, batchWidth] tensor, using its first `width` columns; the rest
 * stays 0 (padding, as the model was trained with).
 */
export function writeLine(
  source: LineSource,
  rect: RotatedRect,
  width: number,
  target: Float32Array,
  index: number,
  batchWidth: number,
): void {
  const plane = recHeight * batchWidth;
  const base = index * 3 * plane;
  const { rgb, width: sw, height: sh } = source;
  const vx = -rect.uy;
  const vy = rect.ux;
  // Source pixels per target pixel along each axis.
  const stepS = rect.width / width;
  const stepT = rect.height / recHeight;
  const taps = Math.min(4, Math.max(1, Math.ceil(Math.max(stepS, stepT) / 1.5)));
  const weight = 1 / (taps * taps);
  const originX = rect.cx - (rect.width / 2) * rect.ux - (rect.height / 2) * vx;
  const originY = rect.cy - (rect.width / 2) * rect.uy - (rect.height / 2) * vy;
  const maxX = sw - 1;
  const maxY = sh - 1;
  for (let j = 0; j < recHeight; j++) {
    for (let i = 0; i < width; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let tj = 0; tj < taps; tj++) {
        const t = (j + (tj + 0.5) / taps) * stepT;
        for (let ti = 0; ti < taps; ti++) {
          const s = (i + (ti + 0.5) / taps) * stepS;
          // Pixel centres sit at +0.5: sample at the continuous position minus half a pixel.
          const x = Math.max(0, Math.min(maxX, originX + s * rect.ux + t * vx - 0.5));
          const y = Math.max(0, Math.min(maxY, originY + s * rect.uy + t * vy - 0.5));
          const x0 = x | 0;
          const y0 = y | 0;
          const x1 = x0 < maxX ? x0 + 1 : x0;
          const y1 = y0 < maxY ? y0 + 1 : y0;
          const fx = x - x0;
          const fy = y - y0;
          const w00 = (1 - fx) * (1 - fy);
          const w10 = fx * (1 - fy);
          const w01 = (1 - fx) * fy;
          const w11 = fx * fy;
          const p00 = (y0 * sw + x0) * 3;
          const p10 = (y0 * sw + x1) * 3;
          const p01 = (y1 * sw + x0) * 3;
          const p11 = (y1 * sw + x1) * 3;
          r +=
            (rgb[p00] as number) * w00 +
            (rgb[p10] as number) * w10 +
            (rgb[p01] as number) * w01 +
            (rgb[p11] as number) * w11;
          g +=
            (rgb[p00 + 1] as number) * w00 +
            (rgb[p10 + 1] as number) * w10 +
            (rgb[p01 + 1] as number) * w01 +
            (rgb[p11 + 1] as number) * w11;
          b +=
            (rgb[p00 + 2] as number) * w00 +
            (rgb[p10 + 2] as number) * w10 +
            (rgb[p01 + 2] as number) * w01 +
            (rgb[p11 + 2] as number) * w11;
        }
      }
      const o = base + j * batchWidth + i;
      target[o] = (b * weight) / 127.5 - 1;
      target[o + plane] = (g * weight) / 127.5 - 1;
      target[o + 2 * plane] = (r * weight) / 127.5 - 1;
    }
  }
}
