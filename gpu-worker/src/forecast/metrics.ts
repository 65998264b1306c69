// Forecast error measures. MAPE is what the spec asks for, but it is undefined on days with zero actuals
// (a closed restaurant): those days are left out of MAPE, and WAPE (Σ|error| / Σ|actual|), which stays
// defined and weighs busy days more, is reported beside it.
export interface ForecastErrors {
  /** Mean absolute percentage error over days with a non-zero actual, as a fraction (0.1 = 10 %). */
  mape: number;
  wape: number;
  /** Days left out of MAPE because the actual was zero. */
  zeroDays: number;
}

export function forecastErrors(actual: number[], predicted: number[]): ForecastErrors {
  let ape = 0;
  let counted = 0;
  let absError = 0;
  let absActual = 0;
  actual.forEach((a, i) => {
    const error = Math.abs(a - (predicted[i] as number));
    absError += error;
    absActual += Math.abs(a);
    if (a !== 0) {
      ape += error / Math.abs(a);
      counted++;
    }
  });
  return {
    mape: counted ? ape / counted : Number.NaN,
    wape: absActual ? absError / absActual : Number.NaN,
    zeroDays: actual.length - counted,
  };
}

/** Seasonal-naive baseline: the last observed week repeated over the horizon. */
export function seasonalNaive(values: number[], horizon: number): number[] {
  const week = values.slice(-7);
  return Array.from({ length: horizon }, (_, h) => week[h % 7] as number);
}
