// Forecasts from a real database: a tenant's hotel and restaurant get a known weekly pattern of stays and
// table orders; the history loader must read it back exactly, the model must learn the weekly shape, and
// the forecast must be saved idempotently and readable only through the property's RLS.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, useTestDatabase } from '../../../supabase/tests/support/db.ts';
import type { BookingsFixtureIds } from '../../../supabase/tests/support/fixtures/bookings.ts';
import { createTenant, type Tenant } from '../../../supabase/tests/support/tenants.ts';
import { loadDailyHistory } from './history.ts';
import { runForecastJob } from './job.ts';
import { forecastNext, trainForecastModel } from './model.ts';
import { saveForecast } from './save.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let today: string;

// Rooms sold per weekday (Sunday first) of the 4-room hotel; table orders per weekday of the restaurant.
const ROOMS_SOLD = [1, 2, 2, 2, 2, 4, 4];
const ORDERS = [8, 5, 5, 5, 5, 12, 14];
const HOTEL_DAYS = 140;
const RESTAURANT_DAYS = 130;

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'forecast');
  other = await createTenant(db.admin, 'forecast-other');
  const [hotel, restaurant] = tenant.propertyIds;
  const ids = tenant.extra.bookings as BookingsFixtureIds;
  const [row] = await db.admin`select (now() at time zone 'Europe/Lisbon')::date::text as today`;
  today = row?.today as string;
  // One-night stays that ended in the past, up to the day before yesterday (yesterday holds the fixture's
  // checked-in stay in room 101).
  await db.admin`
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
      arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, source, created_at, confirmed_at,
      checked_in_at, checked_out_at)
    select ${tenant.organizationId}, ${hotel}, (${[ids.room101, ids.room102, ids.room103, ids.room104]}::uuid[])[k], ${ids.guestId},
      'checked_out', tstzrange(d + time '15:00', d + 1 + time '11:00'), tstzrange(d + time '15:00', d + 1 + time '11:00'),
      d, d + 1, 2, 'EUR', 10000, '{}'::jsonb, 'staff', d - 10, d - 10, d + time '15:00', d + 1 + time '11:00'
    from generate_series(${today}::date - ${HOTEL_DAYS}::int, ${today}::date - 2, interval '1 day') as g(day)
    cross join lateral (select g.day::date as d) as day
    cross join generate_series(1, 4) as k
    where k <= (${ROOMS_SOLD}::int[])[extract(dow from d)::int + 1]`;
  // Table orders at 20:00 local time, plus a takeaway order a day that must not count as covers.
  await db.admin`
    insert into public.orders (organization_id, property_id, kind, table_resource_id, status, currency, submitted_at, closed_at, created_at)
    select ${tenant.organizationId}, ${restaurant}, o.kind::public.order_kind, case when o.kind = 'table' then ${ids.tableId}::uuid end,
      'closed', 'EUR', (d + time '20:00') at time zone 'Europe/Lisbon', (d + time '21:00') at time zone 'Europe/Lisbon',
      (d + time '20:00') at time zone 'Europe/Lisbon'
    from generate_series(${today}::date - ${RESTAURANT_DAYS}::int, ${today}::date - 1, interval '1 day') as g(day)
    cross join lateral (select g.day::date as d) as day
    cross join lateral (
      select 'table' as kind from generate_series(1, (${ORDERS}::int[])[extract(dow from d)::int + 1])
      union all select 'takeaway'
    ) as o`;
});

describe('daily history from the database', () => {
  it('reads hotel occupancy (rooms sold / rooms) for every day up to yesterday', async () => {
    const history = await loadDailyHistory(db.admin, tenant.propertyIds[0]);
    expect(history.kind, 'a hotel forecasts occupancy').toBe('occupancy');
    expect(history.days.length, 'from the first stay to yesterday').toBe(HOTEL_DAYS);
    const last = history.days.at(-1);
    expect(last?.value, "yesterday: only the fixture's checked-in stay").toBe(0.25);
    for (const day of history.days.slice(0, -1)) {
      expect(day.value, `${day.date}`).toBe((ROOMS_SOLD[weekdayOf(day.date)] as number) / 4);
    }
  });

  it('reads restaurant covers from table orders, leaving takeaways out', async () => {
    const history = await loadDailyHistory(db.admin, tenant.propertyIds[1]);
    expect(history.kind, 'a restaurant forecasts covers').toBe('covers');
    expect(history.days.length, 'from the first order to yesterday').toBe(RESTAURANT_DAYS);
    for (const day of history.days) expect(day.value, `${day.date}`).toBe(ORDERS[weekdayOf(day.date)]);
  });

  it('fails with property_not_found for an unknown property and gives an empty history without data', async () => {
    await expect(
      loadDailyHistory(db.admin, '00000000-0000-4000-8000-000000000000'),
      'unknown id',
    ).rejects.toMatchObject({
      code: 'property_not_found',
    });
    await db.admin`update public.properties set kind = 'venue' where id = ${other.propertyIds[1]}`;
    const empty = await loadDailyHistory(db.admin, other.propertyIds[1]);
    expect(empty, 'a venue without rooms has no occupancy history').toEqual({ kind: 'occupancy', days: [] });
    expect(() => trainForecastModel(empty), 'and cannot be trained').toThrow(
      expect.objectContaining({ code: 'insufficient_history' }),
    );
  });
});

describe('forecast of the restaurant, saved', () => {
  it('learns the weekly shape, saves 30 days idempotently, and shows them only to the tenant', async () => {
    const propertyId = tenant.propertyIds[1];
    const history = await loadDailyHistory(db.admin, propertyId);
    const trained = trainForecastModel(history);
    expect(trained.backtest.mape, 'a pure weekly pattern is learnt almost exactly').toBeLessThan(0.02);
    const forecast = await forecastNext(trained.onnx, history, 30);
    expect(forecast[0]?.date, 'the forecast starts today').toBe(today);
    for (const day of forecast) {
      expect(day.value, `${day.date}`).toBeCloseTo(ORDERS[weekdayOf(day.date)] as number, 0);
    }

    const save = () =>
      saveForecast(db.admin, {
        propertyId,
        kind: history.kind,
        modelVersion: trained.modelVersion,
        trainedThrough: trained.trainedThrough,
        backtest: trained.backtest,
        days: forecast,
      });
    expect(await save(), 'the first save writes 30 rows').toEqual({ written: 30 });
    expect(await save(), 'a retried save changes nothing').toEqual({ written: 0 });
    const [stored] = await db.admin`
      select count(*)::int as n, min(baseline_mape) as baseline from public.forecasts
      where property_id = ${propertyId} and model_version = ${trained.modelVersion}`;
    expect(stored?.n, 'one row per day').toBe(30);
    expect(stored?.baseline, 'the seasonal-naive MAPE is stored with each day').toBe(
      trained.backtest.seasonalNaiveMape,
    );

    const visible = (t: Tenant) =>
      asUser(
        db.admin,
        t.members.viewer,
        (tx) => tx`select count(*)::int as n from public.forecasts where model_version = ${trained.modelVersion}`,
      );
    expect((await visible(tenant))[0]?.n, "the tenant's viewer reads the forecast").toBe(30);
    expect((await visible(other))[0]?.n, "another organization's viewer does not").toBe(0);
  });
});

describe('the forecast job', () => {
  it('runs history → model → forecast → storage in one call, and rewrites the same rows on a retry', async () => {
    const jobId = randomUUID();
    const first = await runForecastJob(db.admin, { propertyId: tenant.propertyIds[0], jobId });
    expect(first.kind, 'the hotel forecasts occupancy').toBe('occupancy');
    expect(first.days.length, '30 days').toBe(30);
    expect(first.written, 'all 30 written').toBe(30);
    expect(first.backtest.mape, 'the backtest is reported').toBeGreaterThanOrEqual(0);
    const retry = await runForecastJob(db.admin, { propertyId: tenant.propertyIds[0], jobId });
    expect(retry.modelVersion, 'the same history trains the same model').toBe(first.modelVersion);
    expect(retry.written, 'a retry changes nothing').toBe(0);
    const [row] = await db.admin`select count(*)::int as n from public.forecasts where job_id = ${jobId}`;
    expect(row?.n, 'the rows name their job').toBe(30);
  });

  it('fails with insufficient_history for a property without history', async () => {
    await expect(
      runForecastJob(db.admin, { propertyId: other.propertyIds[0] }),
      "the other tenant's hotel has 1 day",
    ).rejects.toMatchObject({
      code: 'insufficient_history',
    });
  });
});
