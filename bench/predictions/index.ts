// `npm run bench -- predictions`: the forecast and no-show models on the demo year of history
// (supabase/seed.sql + supabase/seed/history.ts) — training time, backtest MAPE against the seasonal-naive
// baseline, held-out AUC against the base-rate baseline, and ONNX inference rows/s. BENCH_QUICK=1 measures
// each throughput for 0.2 s instead of 2 s.
import { addDays, FEATURE_COUNT, featureRow, MAX_LAG } from '../../gpu-worker/src/forecast/features.ts';
import { forecastNext, loadDailyHistory, trainForecastModel } from '../../gpu-worker/src/forecast/index.ts';
import {
  bookingFeatures,
  loadBookingHistory,
  NOSHOW_FEATURE_COUNT,
  trainNoShowModel,
} from '../../gpu-worker/src/noshow/index.ts';
import { syntheticBookings } from '../../gpu-worker/src/noshow/synthetic.ts';
import { openTrainedModel } from '../../gpu-worker/src/onnx/session.ts';
import { measureRowsPerSecond } from '../../gpu-worker/src/onnx/throughput.ts';
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { seed } from '../../supabase/local/migrate.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { BENCH_HISTORY_TODAY, loadDemoHistory } from '../../supabase/seed/history.ts';
import type { BenchResult } from '../run.ts';

const DATABASE = 'bench';
const HOTEL = 'c0000000-0000-4000-8000-000000000001';
const RESTAURANT = 'c0000000-0000-4000-8000-000000000002';
const QUICK = process.env.BENCH_QUICK === '1';
const MIN_SECONDS = QUICK ? 0.2 : 2;

const log = (line: string) => process.stderr.write(`predictions: ${line}\n`);
const round = (value: number, digits = 4) => Number(value.toFixed(digits));

async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** Rows/s in batches of 1024 (a bench of many properties or bookings) and of 1 (one recursive step). */
async function throughput(
  onnx: Uint8Array,
  rows: number[][],
  width: number,
  prefix: string,
  metrics: Record<string, number>,
) {
  const session = await openTrainedModel(onnx);
  const big = Array.from({ length: 8192 }, (_, i) => rows[i % rows.length] as number[]);
  const batched = await measureRowsPerSecond(session, big, width, { batchSize: 1024, minSeconds: MIN_SECONDS });
  const single = await measureRowsPerSecond(session, big.slice(0, 256), width, {
    batchSize: 1,
    minSeconds: MIN_SECONDS,
  });
  metrics[`${prefix}_inference_rows_per_s_batch1024`] = Math.round(batched.rowsPerSecond);
  metrics[`${prefix}_inference_rows_per_s_batch1`] = Math.round(single.rowsPerSecond);
  await session.release();
}

export async function run(): Promise<BenchResult> {
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  try {
    await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
    const sql = connectAdmin(cluster, DATABASE, 2);
    try {
      // Anchored to a fixed day, so the figures do not change with the day the bench runs.
      const today = BENCH_HISTORY_TODAY;
      const seeded = await timed(() => seed(sql, undefined, (tx) => loadDemoHistory(tx, { today })));
      log(`seeded the demo history in ${(seeded.ms / 1000).toFixed(1)} s`);
      const metrics: Record<string, number> = {};
      const ratios: Record<string, number> = {};

      for (const [name, propertyId] of [
        ['hotel', HOTEL],
        ['restaurant', RESTAURANT],
      ] as const) {
        const history = await timed(() => loadDailyHistory(sql, propertyId, { today }));
        const trained = await timed(() => trainForecastModel(history.value));
        const forecast = await timed(() => forecastNext(trained.value.onnx, history.value, 30));
        const { backtest } = trained.value;
        const candidates = trained.value.validation.map((v) => `${v.candidate} ${v.wape.toFixed(4)}`).join(', ');
        log(`${name}: validation WAPE ${candidates}; chose ${trained.value.chosen}`);
        log(
          `${name} (${history.value.kind}, ${history.value.days.length} days): MAPE ${backtest.mape.toFixed(4)} vs seasonal naive ${backtest.seasonalNaiveMape.toFixed(4)}`,
        );
        Object.assign(metrics, {
          [`forecast_${name}_history_days`]: history.value.days.length,
          [`forecast_${name}_load_ms`]: round(history.ms, 1),
          [`forecast_${name}_train_ms`]: round(trained.ms, 1),
          [`forecast_${name}_next30_ms`]: round(forecast.ms, 1),
          [`forecast_${name}_chose_boosted_trees`]: trained.value.chosen.startsWith('forecast-gbt') ? 1 : 0,
          [`forecast_${name}_mape`]: round(backtest.mape),
          [`forecast_${name}_seasonal_naive_mape`]: round(backtest.seasonalNaiveMape),
          [`forecast_${name}_wape`]: round(backtest.wape),
          [`forecast_${name}_seasonal_naive_wape`]: round(backtest.seasonalNaiveWape),
        });
        ratios[`forecast_${name}_mape_model_vs_seasonal_naive`] = round(backtest.mape / backtest.seasonalNaiveMape, 3);
        const values = history.value.days.map((day) => day.value);
        const first = history.value.days[0]?.date as string;
        const rows = values.slice(MAX_LAG).map((_, i) => featureRow(values, i + MAX_LAG, addDays(first, i + MAX_LAG)));
        await throughput(trained.value.onnx, rows, FEATURE_COUNT, `forecast_${name}`, metrics);
      }

      const bookings = await timed(() => loadBookingHistory(sql, HOTEL, { today }));
      const noShow = await timed(() => trainNoShowModel(bookings.value));
      const { heldOut, trainedOn } = noShow.value;
      log(
        `no-show on the demo hotel (${bookings.value.length} bookings): AUC ${heldOut.auc.toFixed(4)} vs base rate ${heldOut.baseRateAuc}`,
      );
      Object.assign(metrics, {
        noshow_demo_bookings: bookings.value.length,
        noshow_demo_base_rate: round(trainedOn.baseRate),
        noshow_demo_load_ms: round(bookings.ms, 1),
        noshow_demo_train_ms: round(noShow.ms, 1),
        noshow_demo_held_out_auc: round(heldOut.auc),
        noshow_demo_base_rate_auc: heldOut.baseRateAuc,
        noshow_demo_held_out_bookings: heldOut.bookings,
        noshow_demo_held_out_no_shows: heldOut.noShows,
      });
      ratios.noshow_demo_auc_vs_base_rate = round(heldOut.auc / heldOut.baseRateAuc, 3);
      await throughput(noShow.value.onnx, bookingFeatures(bookings.value), NOSHOW_FEATURE_COUNT, 'noshow', metrics);

      // The demo history draws no-shows independently of every feature; the synthetic set has a known signal.
      const synthetic = syntheticBookings({ count: 3000, seed: 11 });
      const syntheticModel = await timed(() => trainNoShowModel(synthetic.rows));
      Object.assign(metrics, {
        noshow_synthetic_train_ms: round(syntheticModel.ms, 1),
        noshow_synthetic_held_out_auc: round(syntheticModel.value.heldOut.auc),
      });
      ratios.noshow_synthetic_auc_vs_base_rate = round(
        syntheticModel.value.heldOut.auc / syntheticModel.value.heldOut.baseRateAuc,
        3,
      );
      return { metrics, ratios };
    } finally {
      await sql.end();
    }
  } finally {
    destroyCluster(cluster);
  }
}
