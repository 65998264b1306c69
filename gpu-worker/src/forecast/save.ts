// Writes a forecast to public.forecasts (supabase/migrations/20261122004100_predictions.sql), one row per
// day, idempotently: a retried job with the same model version rewrites the same rows (`written` counts
// rows inserted or changed). Runs on the
// worker's platform connection (RLS would refuse authenticated writers).
import type { Sql, TransactionSql } from 'postgres';
import { PredictionError } from './errors.ts';
import type { ForecastBacktest, ForecastKind } from './model.ts';

export interface ForecastToSave {
  propertyId: string;
  kind: ForecastKind;
  modelVersion: string;
  trainedThrough: string;
  backtest: Pick<ForecastBacktest, 'mape' | 'wape' | 'seasonalNaiveMape' | 'seasonalNaiveWape'>;
  days: { date: string; value: number }[];
  jobId?: string | null;
}

/** NaN (an undefined MAPE) is stored as null. */
const finite = (value: number) => (Number.isFinite(value) ? value : null);

export async function saveForecast(sql: Sql | TransactionSql, forecast: ForecastToSave): Promise<{ written: number }> {
  const [property] = await sql<{ organizationId: string }[]>`
    select organization_id as "organizationId" from public.properties where id = ${forecast.propertyId}`;
  if (!property) throw new PredictionError('property_not_found', `property ${forecast.propertyId} does not exist`);
  if (!forecast.days.length) return { written: 0 };
  const { backtest } = forecast;
  const written = await sql`
    insert into public.forecasts as f (organization_id, property_id, kind, model_version, forecast_date, value, trained_through,
      backtest_mape, backtest_wape, baseline_mape, baseline_wape, job_id)
    select ${property.organizationId}, ${forecast.propertyId}, ${forecast.kind}::public.forecast_kind, ${forecast.modelVersion},
      d.day::date, d.value::float8, ${forecast.trainedThrough}::date,
      ${finite(backtest.mape)}, ${finite(backtest.wape)}, ${finite(backtest.seasonalNaiveMape)}, ${finite(backtest.seasonalNaiveWape)},
      ${forecast.jobId ?? null}::uuid
    from unnest(${forecast.days.map((day) => day.date)}::text[], ${forecast.days.map((day) => String(day.value))}::text[]) as d(day, value)
    on conflict (property_id, kind, model_version, forecast_date) do update
      set value = excluded.value, backtest_mape = excluded.backtest_mape, backtest_wape = excluded.backtest_wape,
        baseline_mape = excluded.baseline_mape, baseline_wape = excluded.baseline_wape, job_id = excluded.job_id
      where (f.value, f.backtest_mape, f.backtest_wape, f.baseline_mape, f.baseline_wape, f.job_id)
        is distinct from (excluded.value, excluded.backtest_mape, excluded.backtest_wape, excluded.baseline_mape,
          excluded.baseline_wape, excluded.job_id)
    returning f.id`;
  return { written: written.length };
}
