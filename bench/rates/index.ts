// `npm run bench -- rates`: a backtest of the rate suggestions (migration 20261206160100, decision 028)
// on the demo hotel's year of history (supabase/seed.sql + supabase/seed/history.ts, anchored to
// BENCH_HISTORY_TODAY). For each of the last WEEKS weeks of nights, the suggestions are worked out by the
// database's own rule (private.rate_suggestions_at) as they would have been LEAD_DAYS before the week,
// from a forecast the worker's model trains on the history up to that day; then the room revenue the
// static rates earned is compared with what the suggested prices would have earned under a stated demand
// response (below). The history has a year of stays, so for these nights there are no stays a year
// earlier: the pace half of the rule is absent and the suggestions come from the forecast alone.
//
// Demand response (the assumption, also in the JSON and decision 028): a night of a room type sold in the
// history at the static price P0 keeps its price if it was booked before the decision; of the nights booked
// after it, the expected number sold at the suggested price P1 is late × (P1 / P0)^ε, capped at the rooms
// of the type left after the early bookings, each paying P1. ε (the price elasticity of demand) is −0.8 in
// the headline, with −0.4, −1.2 and −2.0 beside it. Room rates only: extra-guest charges and taxes are left
// out of both sides; turned-away demand on sold-out nights is not in the history and is not invented.
import {
  forecastNext,
  loadDailyHistory,
  saveForecast,
  trainForecastModel,
} from '../../gpu-worker/src/forecast/index.ts';
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { seed } from '../../supabase/local/migrate.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { BENCH_HISTORY_TODAY, loadDemoHistory } from '../../supabase/seed/history.ts';
import type { BenchResult } from '../run.ts';

const DATABASE = 'bench';
const HOTEL = 'c0000000-0000-4000-8000-000000000001';
const WEEKS = 8;
const LEAD_DAYS = 14;
const HEADLINE_ELASTICITY = -0.8;
const ELASTICITIES = [-0.4, -0.8, -1.2, -2.0];
/** Bounds per room type, as fractions of its plan's base price (the demo has none of its own). */
const BOUNDS = { floor: 0.7, ceiling: 1.6, step: 0.15 };

const log = (line: string) => process.stderr.write(`rates: ${line}\n`);
const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Night {
  stayDate: string;
  typeId: string;
  rooms: number;
  staticMinor: number;
  suggestedMinor: number;
  forecast: number | null;
  /** Room-nights sold in the history, booked before / after the decision. */
  early: number;
  late: number;
  /** What the sold nights paid (their own line rates). */
  earlyRevenueMinor: number;
  lateRevenueMinor: number;
}

/** Room revenue (minor units) under the stated response with elasticity `e`. */
function revenueWith(nights: Night[], e: number): number {
  let total = 0;
  for (const night of nights) {
    const ratio = night.suggestedMinor / night.staticMinor;
    const late = Math.min(Math.max(night.rooms - night.early, 0), night.late * ratio ** e);
    total += night.earlyRevenueMinor + late * night.suggestedMinor;
  }
  return total;
}

export async function run(): Promise<BenchResult> {
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  try {
    await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
    const sql = connectAdmin(cluster, DATABASE, 2);
    try {
      const today = BENCH_HISTORY_TODAY;
      await seed(sql, undefined, (tx) => loadDemoHistory(tx, { today }));
      log(`seeded the demo history up to ${today}`);
      await sql`
        insert into public.rate_bounds (organization_id, property_id, resource_type_id, floor_minor, ceiling_minor, max_step_minor)
        select rp.organization_id, rp.property_id, rp.resource_type_id, round(rp.base_price_minor * ${BOUNDS.floor}::numeric),
          round(rp.base_price_minor * ${BOUNDS.ceiling}::numeric), round(rp.base_price_minor * ${BOUNDS.step}::numeric)
        from public.rate_plans rp where rp.property_id = ${HOTEL}
        on conflict (resource_type_id) do update
          set floor_minor = excluded.floor_minor, ceiling_minor = excluded.ceiling_minor,
            max_step_minor = excluded.max_step_minor`;

      const nights: Night[] = [];
      const firstNight = addDays(today, -7 * WEEKS);
      let trainMs = 0;
      let suggestMs = 0;
      for (let week = 0; week < WEEKS; week++) {
        const from = addDays(firstNight, 7 * week);
        const to = addDays(from, 6);
        const decisionDay = addDays(from, -LEAD_DAYS);
        // The forecast the worker would have had: trained on the days before the decision day.
        const started = performance.now();
        const history = await loadDailyHistory(sql, HOTEL, { today: decisionDay });
        const trained = trainForecastModel(history);
        const days = await forecastNext(trained.onnx, history, 30);
        await saveForecast(sql, {
          propertyId: HOTEL,
          kind: history.kind,
          modelVersion: trained.modelVersion,
          trainedThrough: trained.trainedThrough,
          backtest: trained.backtest,
          days,
        });
        trainMs += performance.now() - started;

        const suggestStarted = performance.now();
        const rows = await sql<
          {
            stay_date: string;
            type_id: string;
            rooms: number;
            current_minor: string;
            suggested_minor: string;
            forecast: string | null;
            as_of: string;
          }[]
        >`
          with decision as (
            select (${decisionDay}::date + time '10:00') at time zone p.time_zone as as_of
            from public.properties p where p.id = ${HOTEL}
          )
          select s.stay_date::text, s.resource_type_id as type_id, s.rooms, s.current_minor::text, s.suggested_minor::text,
            s.forecast_occupancy::text as forecast, d.as_of::text
          from decision d, private.rate_suggestions_at(${HOTEL}, ${from}::date, ${to}::date, d.as_of) s`;
        suggestMs += performance.now() - suggestStarted;
        const asOf = rows[0]?.as_of ?? decisionDay;
        const sold = await sql<
          { stay_date: string; type_id: string; early: number; late: number; early_minor: string; late_minor: string }[]
        >`
          select (l ->> 'date') as stay_date, r.resource_type_id as type_id,
            count(*) filter (where b.confirmed_at <= ${asOf}::timestamptz)::int as early,
            count(*) filter (where b.confirmed_at > ${asOf}::timestamptz)::int as late,
            coalesce(sum((l ->> 'rate_minor')::bigint) filter (where b.confirmed_at <= ${asOf}::timestamptz), 0)::text as early_minor,
            coalesce(sum((l ->> 'rate_minor')::bigint) filter (where b.confirmed_at > ${asOf}::timestamptz), 0)::text as late_minor
          from public.bookings b
          join public.resources r on r.id = b.resource_id
          cross join lateral jsonb_array_elements(b.price_breakdown -> 'lines') l
          where b.property_id = ${HOTEL} and b.status in ('confirmed', 'checked_in', 'checked_out')
            and (l ->> 'date')::date between ${from}::date and ${to}::date
          group by 1, 2`;
        const soldBy = new Map(sold.map((row) => [`${row.stay_date} ${row.type_id}`, row]));
        for (const row of rows) {
          const history = soldBy.get(`${row.stay_date} ${row.type_id}`);
          nights.push({
            stayDate: row.stay_date,
            typeId: row.type_id,
            rooms: row.rooms,
            staticMinor: Number(row.current_minor),
            suggestedMinor: Number(row.suggested_minor),
            forecast: row.forecast === null ? null : Number(row.forecast),
            early: history?.early ?? 0,
            late: history?.late ?? 0,
            earlyRevenueMinor: Number(history?.early_minor ?? 0),
            lateRevenueMinor: Number(history?.late_minor ?? 0),
          });
        }
        log(`week from ${from}: decided ${decisionDay}, ${rows.length} night × room type rows`);
      }

      const staticRevenue = nights.reduce((sum, n) => sum + n.earlyRevenueMinor + n.lateRevenueMinor, 0);
      const metrics: Record<string, number> = {
        weeks: WEEKS,
        lead_days: LEAD_DAYS,
        night_room_types: nights.length,
        nights_raised: nights.filter((n) => n.suggestedMinor > n.staticMinor).length,
        nights_lowered: nights.filter((n) => n.suggestedMinor < n.staticMinor).length,
        nights_unchanged: nights.filter((n) => n.suggestedMinor === n.staticMinor).length,
        nights_without_forecast: nights.filter((n) => n.forecast === null).length,
        room_nights_sold: nights.reduce((sum, n) => sum + n.early + n.late, 0),
        room_nights_booked_after_decision: nights.reduce((sum, n) => sum + n.late, 0),
        mean_forecast_occupancy: round(
          nights.filter((n) => n.forecast !== null).reduce((sum, n) => sum + (n.forecast ?? 0), 0) /
            Math.max(1, nights.filter((n) => n.forecast !== null).length),
        ),
        mean_price_change_pct: round(
          (100 * nights.reduce((sum, n) => sum + (n.suggestedMinor - n.staticMinor) / n.staticMinor, 0)) /
            Math.max(1, nights.length),
          2,
        ),
        static_room_revenue_eur: round(staticRevenue / 100, 2),
        forecast_train_ms: round(trainMs, 1),
        suggestions_sql_ms: round(suggestMs, 1),
      };
      const ratios: Record<string, number> = {};
      for (const e of ELASTICITIES) {
        const key = `elasticity_${String(Math.abs(e)).replace('.', '_')}`;
        const revenue = revenueWith(nights, e);
        metrics[`suggested_room_revenue_eur_${key}`] = round(revenue / 100, 2);
        metrics[`difference_eur_${key}`] = round((revenue - staticRevenue) / 100, 2);
        ratios[`suggested_vs_static_revenue_${key}`] = round(revenue / staticRevenue, 4);
      }
      const headline = `elasticity_${String(Math.abs(HEADLINE_ELASTICITY)).replace('.', '_')}`;
      log(
        `static ${metrics.static_room_revenue_eur} EUR vs suggested ${metrics[`suggested_room_revenue_eur_${headline}`]} EUR at ε=${HEADLINE_ELASTICITY} (${metrics.nights_raised} raised, ${metrics.nights_lowered} lowered, ${metrics.nights_unchanged} unchanged)`,
      );
      return {
        metrics,
        ratios,
        attachments: {
          assumption: {
            replay: `the last ${WEEKS} weeks of nights before ${today}; each week's suggestions as the rule would have made them ${LEAD_DAYS} days before the week (10:00 local), from the demo forecast model trained on the history up to that day`,
            bounds: `per room type: floor ${BOUNDS.floor}×, ceiling ${BOUNDS.ceiling}×, step ${BOUNDS.step}× the plan's base price`,
            pace: 'absent: the history holds one year, so no night of the replay has stays a year earlier at the same lead time',
            demand_response: `nights booked before the decision keep the static price; of those booked after it, late × (P1/P0)^ε are sold at the suggested price P1, capped at the rooms left; headline ε = ${HEADLINE_ELASTICITY}`,
            left_out:
              'extra-guest charges and taxes (both sides); demand turned away on sold-out nights (not in the history)',
          },
          nights,
        },
      };
    } finally {
      await sql.end();
    }
  } finally {
    destroyCluster(cluster);
  }
}
