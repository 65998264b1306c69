// Roost's OCR engine: PP-OCRv4 detection + recognition called directly through onnxruntime-node. One call of
// `recognize(images)` micro-batches its inputs: images of the same detector size share a detector run, and the text
// lines of all images are sorted by width and recognised in batches of similar widths (little padding).
import { loadModel, readVerifiedFile } from '../models/loader.ts';
import type { ExecutionProviderName } from '../models/providers.ts';
import { parseDictionary } from './ctc.ts';
import { decodeImage } from './decode.ts';
import { corners } from './geometry.ts';
import { readingOrder } from './reading-order.ts';
import { detectLines, type OcrStats, type ReadyImage, recognizeLines, type Stages } from './stages.ts';

export { OcrInputError, type OcrInputErrorCode } from './errors.ts';
export type { OcrStats } from './stages.ts';

export interface OcrLine {
  text: string;
  confidence: number;
  /** Corners clockwise from top-left, in the input's (EXIF-oriented) pixels. */
  box: [number, number][];
}

export interface OcrResult {
  width: number;
  height: number;
  lines: OcrLine[];
}

export type OcrOutcome = { ok: true; result: OcrResult } | { ok: false; error: Error };

export interface OcrEngineOptions {
  providers?: ExecutionProviderName[];
  manifestPath?: string;
  /** Inputs declaring more pixels are refused unread (image_too_large). Default 40 MP. */
  maxPixels?: number;
  /** Longer side of the decoded working copy. Default 2560. */
  workingMaxSide?: number;
  /** Longer side of the detector's input. Default 960 (PaddleOCR's). */
  detectionMaxSide?: number;
  /** Images per detector run (same size only). Default 4 on a GPU provider, 1 on CPU. */
  detectionBatch?: number;
  /** Lines per recogniser run. Default 8 on a GPU provider, 1 on CPU (batches measured 45% slower there). */
  recognitionBatch?: number;
  /** Lines whose mean character probability is lower are dropped. Default 0.5. */
  minConfidence?: number;
}

export interface OcrEngine {
  /** One result per input, in order; the first bad input throws its OcrInputError. */
  recognize(images: Uint8Array[]): Promise<OcrResult[]>;
  /** One outcome per input, in order: a bad input fails alone, the others are still read. */
  recognizeSettled(images: Uint8Array[]): Promise<OcrOutcome[]>;
  /** The execution provider the models run on. */
  readonly provider: string;
  /** Milliseconds spent per stage since the engine was created (for benchmarks and metrics). */
  readonly stats: OcrStats;
  close(): Promise<void>;
}

export async function createOcrEngine(options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const loadOptions = { providers: options.providers, manifestPath: options.manifestPath };
  const [det, rec, keys] = await Promise.all([
    loadModel('ppocr-v4-det', loadOptions),
    loadModel('ppocr-v4-rec', loadOptions),
    readVerifiedFile('ppocr-keys-v1', options.manifestPath),
  ]);
  const dictionary = parseDictionary(new TextDecoder().decode(keys.bytes));
  const limits = { maxPixels: options.maxPixels ?? 40_000_000, workingMaxSide: options.workingMaxSide ?? 2560 };
  const onGpu = det.provider !== 'cpu';
  const minConfidence = options.minConfidence ?? 0.5;
  let closed = false;
  const stats: OcrStats = {
    images: 0,
    lines: 0,
    decodeMs: 0,
    detectionInputMs: 0,
    detectionModelMs: 0,
    detectionPostMs: 0,
    recognitionInputMs: 0,
    recognitionModelMs: 0,
    recognitionPostMs: 0,
  };
  const stages: Stages = {
    det,
    rec,
    dictionary,
    detMaxSide: options.detectionMaxSide ?? 960,
    // On CPU a batch costs more than its items run one by one (the recogniser's attention over padded widths), so
    // micro-batching is on where it pays: GPU providers.
    detBatch: options.detectionBatch ?? (onGpu ? 4 : 1),
    recBatch: options.recognitionBatch ?? (onGpu ? 8 : 1),
    timed: (stage, started) => {
      stats[stage] += performance.now() - started;
    },
  };

  async function recognizeSettled(images: Uint8Array[]): Promise<OcrOutcome[]> {
    if (closed) throw new Error('the OCR engine is closed');
    const decodeStart = performance.now();
    const decoded = await Promise.allSettled(images.map((bytes) => decodeImage(bytes, limits)));
    stages.timed('decodeMs', decodeStart);
    const ready: ReadyImage[] = [];
    decoded.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') ready.push({ index, image: outcome.value });
    });
    stats.images += ready.length;
    const pending = await detectLines(stages, ready);
    stats.lines += pending.length;
    const texts = await recognizeLines(stages, pending, ready);
    const lines = new Map<number, OcrLine[]>();
    pending.forEach((line, i) => {
      const text = texts[i];
      const image = decoded[line.image];
      if (!text?.text || text.confidence < minConfidence || image?.status !== 'fulfilled') return;
      const list = lines.get(line.image) ?? [];
      list.push({
        text: text.text,
        confidence: text.confidence,
        box: corners(line.rect, image.value.width / image.value.workWidth),
      });
      lines.set(line.image, list);
    });
    return decoded.map((outcome, index) =>
      outcome.status === 'rejected'
        ? { ok: false, error: outcome.reason as Error }
        : {
            ok: true,
            result: {
              width: outcome.value.width,
              height: outcome.value.height,
              lines: readingOrder(lines.get(index) ?? []),
            },
          },
    );
  }

  return {
    provider: det.provider,
    stats,
    async recognize(images) {
      const outcomes = await recognizeSettled(images);
      return outcomes.map((outcome) => {
        if (!outcome.ok) throw outcome.error;
        return outcome.result;
      });
    },
    recognizeSettled,
    async close() {
      // Sessions are shared per process (the loader's cache); closing the engine only stops this handle.
      closed = true;
    },
  };
}
