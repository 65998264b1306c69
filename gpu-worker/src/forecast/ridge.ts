// Ridge regression by its normal equations on standardised features — the problems here are a few hundred
// rows by a few dozen features, so a dense Cholesky solve is exact and takes microseconds.

/** Solves A x = b for a symmetric positive-definite A (row-major, n × n) by Cholesky decomposition. */
export function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / (l[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * n + i] as number);
  }
  return x;
}

export interface Standardizer {
  mean: Float64Array;
  /** 0 for a constant feature: its standardised value is 0 and it gets no weight. */
  scale: Float64Array;
}

export function fitStandardizer(rows: ArrayLike<number>[], width: number): Standardizer {
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (const row of rows)
    for (let j = 0; j < width; j++) mean[j] = (mean[j] as number) + (row[j] as number) / rows.length;
  for (const row of rows) {
    for (let j = 0; j < width; j++)
      scale[j] = (scale[j] as number) + ((row[j] as number) - (mean[j] as number)) ** 2 / rows.length;
  }
  for (let j = 0; j < width; j++) {
    const sd = Math.sqrt(scale[j] as number);
    scale[j] = sd > 1e-9 ? 1 / sd : 0;
  }
  return { mean, scale };
}

export function standardize(row: ArrayLike<number>, s: Standardizer): Float64Array {
  const out = new Float64Array(s.mean.length);
  for (let j = 0; j < out.length; j++) out[j] = ((row[j] as number) - (s.mean[j] as number)) * (s.scale[j] as number);
  return out;
}

/** Weights on the standardised scale → weights and bias on the raw feature scale (what the ONNX graph uses). */
export function unstandardize(
  weights: Float64Array,
  intercept: number,
  s: Standardizer,
): { weights: number[]; bias: number } {
  const raw = Array.from(weights, (w, j) => w * (s.scale[j] as number));
  const bias = intercept - raw.reduce((sum, w, j) => sum + w * (s.mean[j] as number), 0);
  return { weights: raw, bias };
}

/** Least squares with an L2 penalty `lambda · n · |w|²` on standardised features; the intercept is not penalised. */
export function fitRidge(
  rows: ArrayLike<number>[],
  targets: number[],
  width: number,
  lambda: number,
): { weights: number[]; bias: number } {
  const s = fitStandardizer(rows, width);
  const z = rows.map((row) => standardize(row, s));
  const yMean = targets.reduce((a, b) => a + b, 0) / targets.length;
  const xtx = new Float64Array(width * width);
  const xty = new Float64Array(width);
  z.forEach((row, i) => {
    const y = (targets[i] as number) - yMean;
    for (let a = 0; a < width; a++) {
      xty[a] = (xty[a] as number) + (row[a] as number) * y;
      for (let b = 0; b < width; b++)
        xtx[a * width + b] = (xtx[a * width + b] as number) + (row[a] as number) * (row[b] as number);
    }
  });
  for (let a = 0; a < width; a++) xtx[a * width + a] = (xtx[a * width + a] as number) + lambda * rows.length + 1e-9;
  return unstandardize(solveSymmetric(xtx, xty, width), yMean, s);
}
