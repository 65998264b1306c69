// The engine's two model stages. Detection: same-size images share a detector call; the probability maps become
// rotated boxes in working-image pixels. Recognition: lines of all images sorted by width, grouped into calls of
// similar widths (≤ 30% padding), each straightened into the tensor and CTC-decoded.
import { Tensor } from 'onnxruntime-node';
import type { LoadedModel } from '../models/loader.ts';
import { lineWidth, recHeight, writeLine } from './crop.ts';
import { ctcGreedy, type DecodedLine } from './ctc.ts';
import { type DecodedImage, detectionSize, writeDetectionInput } from './decode.ts';
import { findTextBoxes } from './detect.ts';
import type { RotatedRect } from './geometry.ts';

export interface OcrStats {
  images: number;
  lines: number;
  decodeMs: number;
  detectionInputMs: number;
  detectionModelMs: number;
  detectionPostMs: number;
  recognitionInputMs: number;
  recognitionModelMs: number;
  recognitionPostMs: number;
}

export type TimedStage = Exclude<keyof OcrStats, 'images' | 'lines'>;

export interface Stages {
  det: LoadedModel;
  rec: LoadedModel;
  dictionary: string[];
  detMaxSide: number;
  detBatch: number;
  recBatch: number;
  timed: (stage: TimedStage, started: number) => void;
}

export interface ReadyImage {
  index: number;
  image: DecodedImage;
}

export interface PendingLine {
  image: number;
  rect: RotatedRect;
  width: number;
}

const maxRecWidth = 48 * 50;

export async function detectLines(stage: Stages, ready: ReadyImage[]): Promise<PendingLine[]> {
  const { det, detMaxSide, detBatch, timed } = stage;
  const groups = new Map<string, ReadyImage[]>();
  for (const item of ready) {
    const size = detectionSize(item.image.workWidth, item.image.workHeight, detMaxSide);
    const key = `${size.width}x${size.height}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const lines: PendingLine[] = [];
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += detBatch) {
      const chunk = group.slice(start, start + detBatch);
      const first = chunk[0] as { image: DecodedImage };
      const { width, height } = detectionSize(first.image.workWidth, first.image.workHeight, detMaxSide);
      const plane = width * height;
      const input = new Float32Array(chunk.length * 3 * plane);
      let started = performance.now();
      await Promise.all(
        chunk.map((item, k) => writeDetectionInput(item.image, { width, height }, input, k * 3 * plane)),
      );
      timed('detectionInputMs', started);
      started = performance.now();
      const maps = (await run(det, new Tensor('float32', input, [chunk.length, 3, height, width])))
        .data as Float32Array;
      timed('detectionModelMs', started);
      started = performance.now();
      chunk.forEach((item, k) => {
        const sx = item.image.workWidth / width;
        const sy = item.image.workHeight / height;
        for (const box of findTextBoxes(maps.subarray(k * plane, (k + 1) * plane), width, height)) {
          const rect = scaleRect(box, sx, sy);
          lines.push({ image: item.index, rect, width: lineWidth(rect, maxRecWidth) });
        }
      });
      timed('detectionPostMs', started);
    }
  }
  return lines;
}

export async function recognizeLines(
  stage: Stages,
  pending: PendingLine[],
  ready: ReadyImage[],
): Promise<(DecodedLine | undefined)[]> {
  const { rec, recBatch, dictionary, timed } = stage;
  const images = new Map(ready.map((item) => [item.index, item.image]));
  const order = pending.map((_, i) => i).sort((a, b) => (pending[a]?.width ?? 0) - (pending[b]?.width ?? 0));
  const out: (DecodedLine | undefined)[] = new Array(pending.length);
  for (let start = 0; start < order.length; ) {
    // Widths ascend, so the batch is as wide as its last line; stop adding once padding would exceed 30%.
    let end = start + 1;
    let sum = pending[order[start] as number]?.width ?? 0;
    while (end < order.length && end - start < recBatch) {
      const next = pending[order[end] as number]?.width ?? 0;
      if (next * (end - start + 1) > 1.3 * (sum + next)) break;
      sum += next;
      end++;
    }
    const batch = order.slice(start, end);
    const batchWidth = pending[batch.at(-1) as number]?.width ?? 16;
    let started = performance.now();
    const input = new Float32Array(batch.length * 3 * recHeight * batchWidth);
    batch.forEach((lineIndex, k) => {
      const line = pending[lineIndex] as PendingLine;
      const image = images.get(line.image) as DecodedImage;
      writeLine(
        { rgb: image.rgb, width: image.workWidth, height: image.workHeight },
        line.rect,
        line.width,
        input,
        k,
        batchWidth,
      );
    });
    timed('recognitionInputMs', started);
    started = performance.now();
    const output = await run(rec, new Tensor('float32', input, [batch.length, 3, recHeight, batchWidth]));
    timed('recognitionModelMs', started);
    started = performance.now();
    const [n, steps, classes] = output.dims as [number, number, number];
    const decoded = ctcGreedy(output.data as Float32Array, n, steps, classes, dictionary);
    batch.forEach((lineIndex, k) => {
      out[lineIndex] = decoded[k];
    });
    timed('recognitionPostMs', started);
    start = end;
  }
  return out;
}

async function run(model: LoadedModel, input: Tensor): Promise<Tensor> {
  const { session } = model;
  const outputs = await session.run({ [session.inputNames[0] as string]: input });
  return outputs[session.outputNames[0] as string] as Tensor;
}

/** A box found on the detector's map, in working-image pixels (the map may be scaled unevenly by the 32-rounding). */
function scaleRect(rect: RotatedRect, sx: number, sy: number): RotatedRect {
  const ux = rect.ux * sx;
  const uy = rect.uy * sy;
  const uLength = Math.hypot(ux, uy);
  const vLength = Math.hypot(-rect.uy * sx, rect.ux * sy);
  return {
    cx: rect.cx * sx,
    cy: rect.cy * sy,
    ux: ux / uLength,
    uy: uy / uLength,
    width: rect.width * uLength,
    height: rect.height * vLength,
  };
}
