// The forecast model, trained per property on its own daily history from calendar and lag features
// (features.ts): candidates are the seasonal-naive baseline itself, ridge regression (four penalties; both
// ONNX MatMul + Add + Clip) and gradient-boosted trees (ONNX-ML TreeEnsembleRegressor + Clip). The candidate with the lowest WAPE on a
// 30-day recursive validation inside the training window (mean over up to three rolling origins) wins; the winner is then backtested on the last
// 30 days (never seen while choosing) against the seasonal-naive baseline, refitted on the whole history,
// exported to ONNX and forecast recursively one day at a time.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { linearModelToOnnx, predictLinear } from '../onnx/linear.ts';
import { openTrainedModel, runRows, type SessionOrBytes } from '../onnx/session.ts';
import { PredictionError } from './errors.ts';
import { addDays, FEATURE_COUNT, FEATURE_NAMES, featureRow, MAX_LAG } from './features.ts';
import { type ForecastErrors, forecastErrors, seasonalNaive } from './metrics.ts';
import { fitRidge } from './ridge.ts';
import { boostedTreesToOnnx, fitBoostedTrees, predictTrees } from './trees.ts';

export const BACKTEST_DAYS = 30;
const MIN_TRAIN_ROWS = 42;
/** 28 days of lags, six weeks of training rows, then the 30-day backtest. */
export const MIN_HISTORY_DAYS = MAX_LAG + MIN_TRAIN_ROWS + BACKTEST_DAYS;

type Predict = (row: ArrayLike<number>) => number;
interface Fitted {
  predict: Predict;
  toOnnx: (metadata: Record<string, string>) => Uint8Array;
}
interface Candidate {
  /** Model family and settings, e.g. "forecast-ridge-1/0.01"; the family prefixes the model version. */
  name: string;
  family: string;
  fit: (rows: number[][], targets: number[], clip: [number, number]) => Fitted;
}

const ridge = (lambda: number): Candidate => ({
  name: `forecast-ridge-1/lambda=${lambda}`,
  family: 'forecast-ridge-1',
  fit: (rows, targets, clip) => {
    const model = { ...fitRidge(rows, targets, FEATURE_COUNT, lambda), link: 'identity' as const, clip };
    return { predict: (row) => predictLinear(model, row), toOnnx: (metadata) => linearModelToOnnx(model, metadata) };
  },
});
/** The seasonal-naive baseline as a linear model (weight 1 on lag7): recursively it repeats the last week.
 *  A candidate, so a property whose history the learnt models cannot beat gets the baseline, not worse. */
const seasonalNaiveCandidate: Candidate = {
  name: 'forecast-seasonal-naive-1',
  family: 'forecast-seasonal-naive-1',
  fit: (_rows, _targets, clip) => {
    const weights = FEATURE_NAMES.map((name) => (name === 'lag7' ? 1 : 0));
    const model = { weights, bias: 0, link: 'identity' as const, clip };
    return { predict: (row) => predictLinear(model, row), toOnnx: (metadata) => linearModelToOnnx(model, metadata) };
  },
};
const CANDIDATES: Candidate[] = [
  seasonalNaiveCandidate,
  ...[0.001, 0.01, 0.1, 1].map(ridge),
  {
    name: 'forecast-gbt-1/150x3',
    family: 'forecast-gbt-1',
    fit: (rows, targets, clip) => {
      const model = { ...fitBoostedTrees(rows, targets), clip };
      return {
        predict: (row) => predictTrees(model, row),
        toOnnx: (metadata) => boostedTreesToOnnx(model, FEATURE_COUNT, metadata),
      };
    },
  },
];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
export const dailyHistorySchema = z.object({
  kind: z.enum(['occupancy', 'covers']),
  days: z.array(z.object({ date: isoDate, value: z.number().finite().min(0) })),
});
export type DailyHistory = z.infer<typeof dailyHistorySchema>;
export type ForecastKind = DailyHistory['kind'];

export interface ForecastBacktest extends ForecastErrors {
  seasonalNaiveMape: number;
  seasonalNaiveWape: number;
  days: number;
}

export interface TrainedForecast {
  onnx: Uint8Array;
  modelVersion: string;
  backtest: ForecastBacktest;
  /** The same model in TypeScript (for checking the ONNX export). */
  predict: Predict;
  kind: ForecastKind;
  /** The chosen candidate, and every candidate's WAPE on the validation window inside the training data. */
  chosen: string;
  validation: { candidate: string; wape: number }[];
  trainedThrough: string;
}

function parseHistory(input: unknown, minDays: number): DailyHistory {
  const parsed = dailyHistorySchema.safeParse(input);
  if (!parsed.success)
    throw new PredictionError('invalid_history', `daily history: ${parsed.error.issues[0]?.message}`);
  const { days } = parsed.data;
  days.forEach((day, i) => {
    if (i > 0 && day.date !== addDays(days[i - 1]?.date as string, 1)) {
      throw new PredictionError(
        'invalid_history',
        `daily history must be consecutive days; ${day.date} follows ${days[i - 1]?.date}`,
      );
    }
  });
  if (days.length < minDays) {
    throw new PredictionError(
      'insufficient_history',
      `${days.length} days of history; the model needs at least ${minDays}`,
    );
  }
  return parsed.data;
}

const clipOf = (kind: ForecastKind): [number, number] => (kind === 'occupancy' ? [0, 1] : [0, 1e9]);

function fit(candidate: Candidate, values: number[], firstDate: string, kind: ForecastKind): Fitted {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (let t = MAX_LAG; t < values.length; t++) {
    rows.push(featureRow(values, t, addDays(firstDate, t)));
    targets.push(values[t] as number);
  }
  return candidate.fit(rows, targets, clipOf(kind));
}

/** Recursive forecast in TypeScript: each predicted day becomes a lag of the next. */
export function forecastRecursive(predict: Predict, values: number[], firstDate: string, horizon: number): number[] {
  const series = [...values];
  for (let h = 0; h < horizon; h++) {
    const t = series.length;
    series.push(predict(featureRow(series, t, addDays(firstDate, t))));
  }
  return series.slice(values.length);
}

/** Validation windows per candidate: the last 30 days of the training data and up to two months before. */
const VALIDATION_WINDOWS = 3;

/**
 * Scores every candidate by 30-day recursive forecasts from several origins inside the training data
 * (rolling origin: each window is forecast from the data before it), as the mean WAPE over the windows.
 * One window alone let a candidate win on a single month that the next month did not resemble.
 */
function chooseCandidate(values: number[], firstDate: string, kind: ForecastKind): TrainedForecast['validation'] {
  const origins: number[] = [];
  for (let w = 1; w <= VALIDATION_WINDOWS; w++) {
    const origin = values.length - w * BACKTEST_DAYS;
    if (origin >= MAX_LAG + MIN_TRAIN_ROWS) origins.push(origin);
  }
  // Too short to hold a validation window out: the middle ridge penalty, unscored.
  if (origins.length === 0) return [{ candidate: ridge(0.01).name, wape: Number.NaN }];
  return CANDIDATES.map((candidate) => {
    const wapes = origins.map((origin) => {
      const past = values.slice(0, origin);
      const predicted = forecastRecursive(
        fit(candidate, past, firstDate, kind).predict,
        past,
        firstDate,
        BACKTEST_DAYS,
      );
      return forecastErrors(values.slice(origin, origin + BACKTEST_DAYS), predicted).wape;
    });
    return { candidate: candidate.name, wape: wapes.reduce((sum, wape) => sum + wape, 0) / wapes.length };
  });
}

export function trainForecastModel(history: DailyHistory): TrainedForecast {
  const { kind, days } = parseHistory(history, MIN_HISTORY_DAYS);
  const values = days.map((day) => day.value);
  const firstDate = days[0]?.date as string;
  const cut = values.length - BACKTEST_DAYS;
  const training = values.slice(0, cut);
  const actual = values.slice(cut);

  const validation = chooseCandidate(training, firstDate, kind);
  // Lowest WAPE wins; ties (and NaN, a window of zeros) keep the earlier, simpler candidate.
  const best = validation.reduce((a, b) =>
    b.wape < a.wape || (Number.isNaN(a.wape) && !Number.isNaN(b.wape)) ? b : a,
  );
  const candidate = CANDIDATES.find((c) => c.name === best.candidate) ?? ridge(0.01);
  const predicted = forecastRecursive(
    fit(candidate, training, firstDate, kind).predict,
    training,
    firstDate,
    BACKTEST_DAYS,
  );
  const errors = forecastErrors(actual, predicted);
  const naive = forecastErrors(actual, seasonalNaive(training, BACKTEST_DAYS));

  const model = fit(candidate, values, firstDate, kind);
  const trainedThrough = days[days.length - 1]?.date as string;
  const onnx = model.toOnnx({
    'roost.model': candidate.name,
    'roost.kind': kind,
    'roost.features': FEATURE_NAMES.join(','),
    'roost.trained_through': trainedThrough,
  });
  const digest = createHash('sha256').update(onnx).digest('hex').slice(0, 12);
  return {
    onnx,
    modelVersion: `${candidate.family}:${kind}:${trainedThrough}:${digest}`,
    backtest: {
      ...errors,
      seasonalNaiveMape: naive.mape,
      seasonalNaiveWape: naive.wape,
      days: BACKTEST_DAYS,
    },
    predict: model.predict,
    kind,
    chosen: candidate.name,
    validation,
    trainedThrough,
  };
}

/** The next `horizonDays` days after the history's last day, one ONNX call per day (recursive lags). */
export async function forecastNext(
  sessionOrOnnx: SessionOrBytes,
  history: DailyHistory,
  horizonDays = 30,
): Promise<{ date: string; value: number }[]> {
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 366) {
    throw new PredictionError('invalid_history', 'horizonDays must be a whole number of days between 1 and 366');
  }
  const { days } = parseHistory(history, MAX_LAG);
  const session = await openTrainedModel(sessionOrOnnx);
  const firstDate = days[0]?.date as string;
  const series = days.map((day) => day.value);
  const forecast: { date: string; value: number }[] = [];
  for (let h = 0; h < horizonDays; h++) {
    const t = series.length;
    const date = addDays(firstDate, t);
    const [value] = await runRows(session, [featureRow(series, t, date)], FEATURE_COUNT);
    series.push(value as number);
    forecast.push({ date, value: value as number });
  }
  return forecast;
}
