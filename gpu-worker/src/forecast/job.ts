// The whole forecast job in one call, for the worker's `forecast` handler: history → model → 30 days →
// public.forecasts, returning the summary the job's result keeps. Deterministic, so a retried job writes
// the same rows again (saveForecast is idempotent per model version).
import type { Sql } from 'postgres';
import { openTrainedModel } from '../onnx/session.ts';
import { loadDailyHistory } from './history.ts';
import { type ForecastBacktest, type ForecastKind, forecastNext, trainForecastModel } from './model.ts';
import { saveForecast } from './save.ts';

export interface ForecastJobResult {
  kind: ForecastKind;
  modelVersion: string;
  model: string;
  trainedThrough: string;
  historyDays: number;
  backtest: ForecastBacktest;
  days: { date: string; value: number }[];
  written: number;
}

/** Throws PredictionError (`insufficient_history`, `property_not_found`, `invalid_history`) on bad input. */
export async function runForecastJob(
  sql: Sql,
  input: { propertyId: string; jobId?: string | null; horizonDays?: number },
): Promise<ForecastJobResult> {
  const history = await loadDailyHistory(sql, input.propertyId);
  const trained = trainForecastModel(history);
  const session = await openTrainedModel(trained.onnx);
  try {
    const days = await forecastNext(session, history, input.horizonDays ?? 30);
    const { written } = await saveForecast(sql, {
      propertyId: input.propertyId,
      kind: history.kind,
      modelVersion: trained.modelVersion,
      trainedThrough: trained.trainedThrough,
      backtest: trained.backtest,
      days,
      jobId: input.jobId ?? null,
    });
    return {
      kind: history.kind,
      modelVersion: trained.modelVersion,
      model: trained.chosen,
      trainedThrough: trained.trainedThrough,
      historyDays: history.days.length,
      backtest: trained.backtest,
      days,
      written,
    };
  } finally {
    await session.release();
  }
}
