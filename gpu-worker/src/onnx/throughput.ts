// Inference rows per second of one of Roost's trained models: the measure bench/worker (and
// bench/predictions) report for the forecast and no-show models. Feature rows are passed in, so the
// number is the runtime's alone (feature building is measured separately by the callers that want it).
import type { InferenceSession } from 'onnxruntime-node';
import { runRows } from './session.ts';

export interface Throughput {
  rowsPerSecond: number;
  batches: number;
  seconds: number;
}

/** Runs `rows` in batches of `batchSize` until `minSeconds` have passed (after one warm-up batch). */
export async function measureRowsPerSecond(
  session: InferenceSession,
  rows: ArrayLike<number>[],
  width: number,
  options: { batchSize?: number; minSeconds?: number } = {},
): Promise<Throughput> {
  const batchSize = options.batchSize ?? 1024;
  const batches: ArrayLike<number>[][] = [];
  for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
  if (!batches.length) throw new Error('no rows to measure');
  await runRows(session, batches[0] as ArrayLike<number>[], width);
  const minMs = (options.minSeconds ?? 1) * 1000;
  const started = performance.now();
  let done = 0;
  let count = 0;
  while (performance.now() - started < minMs) {
    const batch = batches[count % batches.length] as ArrayLike<number>[];
    await runRows(session, batch, width);
    done += batch.length;
    count++;
  }
  const seconds = (performance.now() - started) / 1000;
  return { rowsPerSecond: done / seconds, batches: count, seconds };
}
