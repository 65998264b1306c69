// Numeric helpers of the RLS benchmark: a seeded generator (both modes get the same inputs on
// every run), nearest-rank percentiles and rounding for the JSON result.

export { seededRandom } from '../../gpu-worker/src/seeded-random.ts';

/** Nearest-rank percentile (p in 0..100) of a non-empty list of samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Milliseconds between two process.hrtime.bigint() readings. */
export function elapsedMs(start: bigint, end: bigint): number {
  return Number(end - start) / 1e6;
}
