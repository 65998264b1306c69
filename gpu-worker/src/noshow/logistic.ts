// Logistic regression by Newton's method (IRLS) with an L2 penalty on standardised features, and the AUC
// that judges it. A few hundred to a few thousand bookings by ~20 features: exact Newton steps converge in
// a handful of iterations and need no learning rate.
import { fitStandardizer, solveSymmetric, standardize, unstandardize } from '../forecast/ridge.ts';

export function fitLogistic(
  rows: ArrayLike<number>[],
  labels: number[],
  width: number,
  lambda = 1e-3,
  iterations = 25,
): { weights: number[]; bias: number } {
  const s = fitStandardizer(rows, width);
  const z = rows.map((row) => standardize(row, s));
  const n = width + 1; // last coefficient: the intercept (not penalised)
  const beta = new Float64Array(n);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const hessian = new Float64Array(n * n);
    const gradient = new Float64Array(n);
    z.forEach((row, i) => {
      let logit = beta[width] as number;
      for (let j = 0; j < width; j++) logit += (beta[j] as number) * (row[j] as number);
      const p = 1 / (1 + Math.exp(-logit));
      const weight = Math.max(p * (1 - p), 1e-9);
      const residual = p - (labels[i] as number);
      for (let a = 0; a < n; a++) {
        const xa = a === width ? 1 : (row[a] as number);
        gradient[a] = (gradient[a] as number) + xa * residual;
        for (let b = 0; b <= a; b++) {
          const xb = b === width ? 1 : (row[b] as number);
          hessian[a * n + b] = (hessian[a * n + b] as number) + weight * xa * xb;
        }
      }
    });
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) hessian[b * n + a] = hessian[a * n + b] as number;
    for (let j = 0; j < width; j++) {
      gradient[j] = (gradient[j] as number) + lambda * rows.length * (beta[j] as number);
      hessian[j * n + j] = (hessian[j * n + j] as number) + lambda * rows.length;
    }
    hessian[width * n + width] = (hessian[width * n + width] as number) + 1e-9;
    const step = solveSymmetric(hessian, gradient, n);
    let moved = 0;
    for (let a = 0; a < n; a++) {
      beta[a] = (beta[a] as number) - (step[a] as number);
      moved = Math.max(moved, Math.abs(step[a] as number));
    }
    if (moved < 1e-8) break;
  }
  return unstandardize(beta.subarray(0, width), beta[width] as number, s);
}

/** Area under the ROC curve (Mann–Whitney U, ties counted half); NaN without both classes. */
export function auc(scores: ArrayLike<number>, labels: number[]): number {
  const order = labels.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    const rank = (start + end) / 2 + 1; // average rank of a run of ties
    for (let k = start; k <= end; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (!positives || !negatives) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
