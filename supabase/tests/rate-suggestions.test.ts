// Rate suggestions (migration 20261206160100, decision 028) against values worked out by hand on a tiny
// hotel in UTC: a Double (4 rooms, 100.00, bounds 80.00–140.00, step 15.00) and a Suite (2 rooms, 200.00,
// bounds 195.00–205.00, step 50.00), three nights 10–12 days ahead, a forecast for two of them, stays on
// the books now and a year earlier at the same lead time. Then accepting: overrides and audit rows,
// idempotence, a stale suggestion refused; RLS: staff may read the bounds but not suggest or accept,
// another organization sees nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let hotel: string;
let double: string;
let suite: string;
let doublePlan: string;
let today: string;
const day = (offset: number) => addDays(today, offset);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface Suggestion {
  stay_date: string;
  resource_type_name: string;
  current_minor: string;
  target_minor: string;
  suggested_minor: string;
  change_minor: string;
  anchor_minor: string;
  on_the_books: number;
  on_the_books_last_year: number | null;
  forecast_occupancy: string | null;
  demand_index: string;
  accepted_minor: string | null;
  reason: string;
}

const suggestionsAs = (user: TestUser, from = day(10), to = day(12)) =>
  asUser(
    db.admin,
    user,
    (tx) => tx<Suggestion[]>`
      select stay_date::text, resource_type_name, current_minor::text, target_minor::text, suggested_minor::text,
        change_minor::text, anchor_minor::text, on_the_books, on_the_books_last_year, forecast_occupancy::text,
        demand_index::text, accepted_minor::text, reason
      from public.rate_suggestions(${hotel}, ${from}, ${to})`,
  );

const acceptAs = (user: TestUser, items: { resource_type_id: string; stay_date: string; price_minor: number }[]) =>
  asUser(
    db.admin,
    user,
    (tx) => tx<{ stay_date: string; price_minor: string; previous_price_minor: string; changed: boolean }[]>`
      select stay_date::text, price_minor::text, previous_price_minor::text, changed
      from public.accept_rate_suggestions(${hotel}, ${tx.json(items)})`,
  );

const find = (rows: Suggestion[], date: string, type: string) => {
  const row = rows.find((r) => r.stay_date === date && r.resource_type_name === type);
  if (!row) throw new Error(`no suggestion for ${type} on ${date}`);
  return row;
};

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'rates');
  other = await createTenant(db.admin, 'rates-other');
  const sql = db.admin;
  const org = tenant.organizationId;
  const [property] = await sql`
    insert into public.properties (organization_id, name, kind, time_zone)
    values (${org}, 'Rates Hotel', 'hotel', 'UTC') returning id`;
  hotel = property?.id as string;
  const [row] = await sql`select (now() at time zone 'UTC')::date::text as today`;
  today = row?.today as string;
  const type = async (name: string) => {
    const [t] = await sql`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${org}, ${hotel}, 'room', ${name}, 'night') returning id`;
    return t?.id as string;
  };
  double = await type('Double');
  suite = await type('Suite');
  const rooms: string[] = [];
  for (const [name, typeId] of [
    ['101', double],
    ['102', double],
    ['103', double],
    ['104', double],
    ['201', suite],
    ['202', suite],
  ] as const) {
    const [r] = await sql`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${org}, ${hotel}, ${typeId}, ${name}, 2) returning id`;
    rooms.push(r?.id as string);
  }
  // An inactive Double is not a room for sale.
  await sql`
    insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests, active)
    values (${org}, ${hotel}, ${double}, '105', 2, false)`;
  const [plan] = await sql`
    insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests, extra_guest_minor)
    values (${org}, ${hotel}, ${double}, 'Flexible', 10000, 2, 2500) returning id`;
  doublePlan = plan?.id as string;
  const [suitePlan] = await sql`
    insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
    values (${org}, ${hotel}, ${suite}, 'Flexible', 20000, 2) returning id`;
  // A dearer plan of the Double is not the reference (the cheapest active one is).
  await sql`
    insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
    values (${org}, ${hotel}, ${double}, 'Breakfast included', 13000, 2)`;
  // The Suite's price on night 12 is an override of 210.00, above its ceiling.
  await sql`
    insert into public.rate_overrides (organization_id, property_id, rate_plan_id, dates, price_minor)
    values (${org}, ${hotel}, ${suitePlan?.id}, daterange(${day(12)}::date, ${day(13)}::date), 21000)`;
  await sql`
    insert into public.rate_bounds (organization_id, property_id, resource_type_id, floor_minor, ceiling_minor, max_step_minor)
    values (${org}, ${hotel}, ${double}, 8000, 14000, 1500), (${org}, ${hotel}, ${suite}, 19500, 20500, 5000)`;

  // Forecasts: night 10 at 90 % (the latest; an older one said 10 %), night 11 at 40 %, none for night 12.
  await sql`
    insert into public.forecasts (organization_id, property_id, kind, model_version, forecast_date, value, trained_through)
    values (${org}, ${hotel}, 'occupancy', 'old', ${day(10)}, 0.10, ${day(-5)}),
      (${org}, ${hotel}, 'occupancy', 'new', ${day(10)}, 0.90, ${day(-1)}),
      (${org}, ${hotel}, 'occupancy', 'new', ${day(11)}, 0.40, ${day(-1)})`;

  const stay = async (
    room: string,
    arrival: string,
    status: string,
    confirmedAgo: string | null,
    cancelledAgo?: string,
  ) => {
    await sql`
      insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period, arrival_date,
        departure_date, party_size, currency, total_minor, price_breakdown, hold_expires_at, confirmed_at, cancelled_at,
        cancellation_fee_minor, created_at)
      select ${org}, ${hotel}, ${room}, ${status}::public.booking_status, r, r, ${arrival}::date, ${arrival}::date + 1, 2,
        'EUR', 10000, '{"lines": []}'::jsonb, case when ${status} = 'held' then now() + interval '1 day' end,
        now() - ${confirmedAgo}::interval, now() - ${cancelledAgo ?? null}::interval,
        case when ${status} = 'cancelled' then 0 end, now() - interval '400 days'
      from (select tstzrange(${arrival}::date + time '15:00', ${arrival}::date + 1 + time '11:00') as r) p`;
  };
  const [r101, r102, r103, r104] = rooms as [string, string, string, string];
  // Night 10 now: three Doubles confirmed; a hold and a cancelled stay on 104 do not count.
  await stay(r101, day(10), 'confirmed', '1 day');
  await stay(r102, day(10), 'confirmed', '2 days');
  await stay(r103, day(10), 'confirmed', '3 days');
  await stay(r104, day(10), 'held', null);
  await stay(r104, day(10), 'cancelled', '5 days', '1 hour');
  // A year earlier (364 days), at the same lead time: one Double on night 10's twin; another booked later
  // (after the same lead time) and one cancelled before it do not count.
  await stay(r101, day(10 - 364), 'checked_out', '370 days');
  await stay(r102, day(10 - 364), 'checked_out', '360 days');
  await stay(r103, day(10 - 364), 'cancelled', '380 days', '370 days');
  // Night 12's twin: two Doubles on the books a year earlier.
  await stay(r101, day(12 - 364), 'checked_out', '380 days');
  await stay(r102, day(12 - 364), 'checked_out', '380 days');
});

describe('rate suggestions', () => {
  it('works out each night from the forecast, the pace and the bounds, as computed by hand', async () => {
    const rows = await suggestionsAs(tenant.members.manager);
    expect(rows).toHaveLength(6);

    // Double, night 10: forecast 0.90 − 0.70 = +0.20; pace (3 − 1) / 4 = +0.50; demand 0.70;
    // target 100.00 × (1 + 0.5 × 0.70) = 135.00; the step allows 115.00 at most.
    const d10 = find(rows, day(10), 'Double');
    expect(d10).toMatchObject({
      current_minor: '10000',
      forecast_occupancy: '0.9000',
      on_the_books: 3,
      on_the_books_last_year: 1,
      demand_index: '0.7000',
      target_minor: '13500',
      suggested_minor: '11500',
      change_minor: '1500',
    });
    expect(d10.reason).toContain('forecast 90%');
    expect(d10.reason).toContain('3 of 4 booked vs 1 a year ago');
    expect(d10.reason).toContain('limited by the step');

    // Double, night 11: forecast 0.40 → −0.30; nothing on the books either year; target 85.00 = the step's limit.
    expect(find(rows, day(11), 'Double')).toMatchObject({
      demand_index: '-0.3000',
      target_minor: '8500',
      suggested_minor: '8500',
      change_minor: '-1500',
    });

    // Double, night 12: no forecast; pace (0 − 2) / 4 = −0.50; target 75.00, the step stops at 85.00.
    const d12 = find(rows, day(12), 'Double');
    expect(d12).toMatchObject({
      forecast_occupancy: null,
      demand_index: '-0.5000',
      target_minor: '7500',
      suggested_minor: '8500',
    });
    expect(d12.reason).toContain('no forecast');

    // Suite, night 10: +0.20 → 220.00, within the step (50.00) but held at the ceiling (205.00).
    const s10 = find(rows, day(10), 'Suite');
    expect(s10).toMatchObject({ target_minor: '22000', suggested_minor: '20500', change_minor: '500' });
    expect(s10.reason).toContain('held at the ceiling');
    // Suite, night 11: −0.30 → 170.00, held at the floor (195.00).
    const s11 = find(rows, day(11), 'Suite');
    expect(s11).toMatchObject({ target_minor: '17000', suggested_minor: '19500', change_minor: '-500' });
    expect(s11.reason).toContain('held at the floor');
    // Suite, night 12: the override (210.00) is the current price; no signal moves it, the ceiling brings it to 205.00.
    expect(find(rows, day(12), 'Suite')).toMatchObject({
      current_minor: '21000',
      demand_index: '0.0000',
      suggested_minor: '20500',
      change_minor: '-500',
    });
  });

  it('accepts suggestions into one-night overrides, audits each, and is idempotent', async () => {
    const manager = tenant.members.manager;
    const auditBefore =
      await db.admin`select count(*)::int as n from public.audit_log where organization_id = ${tenant.organizationId}`;
    const accepted = await acceptAs(manager, [
      { resource_type_id: double, stay_date: day(10), price_minor: 11500 },
      { resource_type_id: double, stay_date: day(11), price_minor: 8500 },
    ]);
    expect(accepted).toEqual([
      { stay_date: day(10), price_minor: '11500', previous_price_minor: '10000', changed: true },
      { stay_date: day(11), price_minor: '8500', previous_price_minor: '10000', changed: true },
    ]);

    // The one pricing function now quotes the accepted prices (a two-night stay: 115.00 + 85.00).
    const [quote] = await db.admin`
      select private.quote(rp, 'room', 'night', array[${day(10)}::date, ${day(11)}::date], 2) -> 'lines' as lines
      from public.rate_plans rp where rp.id = ${doublePlan}`;
    expect(((quote?.lines ?? []) as { rate_minor: number }[]).map((l) => l.rate_minor)).toEqual([11500, 8500]);

    const audit = await db.admin<{ table_name: string; action: string; actor_id: string }[]>`
      select table_name, action, actor_id from public.audit_log
      where organization_id = ${tenant.organizationId} and table_name in ('rate_overrides', 'rate_suggestion_acceptances')
      order by id desc limit 4`;
    expect(audit.map((a) => `${a.table_name} ${a.action}`).sort()).toEqual([
      'rate_overrides insert',
      'rate_overrides insert',
      'rate_suggestion_acceptances insert',
      'rate_suggestion_acceptances insert',
    ]);
    expect(new Set(audit.map((a) => a.actor_id))).toEqual(new Set([manager.id]));
    const acceptances = await db.admin`
      select a.accepted_by, a.anchor_price_minor::int as anchor, a.reason from public.rate_suggestion_acceptances a
      where a.property_id = ${hotel} order by a.stay_date`;
    expect(acceptances.map((a) => [a.accepted_by, a.anchor])).toEqual([
      [manager.id, 10000],
      [manager.id, 10000],
    ]);

    // The rows show the new prices; night 10 moves on from the anchor (100.00 → target 135.00) by one more step.
    const after = await suggestionsAs(manager);
    expect(find(after, day(10), 'Double')).toMatchObject({
      current_minor: '11500',
      anchor_minor: '10000',
      accepted_minor: '11500',
      suggested_minor: '13000',
    });
    // Night 11 has arrived where the rule wants it: no further change.
    expect(find(after, day(11), 'Double')).toMatchObject({
      current_minor: '8500',
      suggested_minor: '8500',
      change_minor: '0',
    });

    // Accepting the same again changes nothing and writes nothing.
    const count = async () =>
      (
        await db.admin`select count(*)::int as n from public.audit_log where organization_id = ${tenant.organizationId}`
      )[0]?.n;
    const before = await count();
    expect(before).toBeGreaterThan(auditBefore[0]?.n);
    const again = await acceptAs(manager, [
      { resource_type_id: double, stay_date: day(10), price_minor: 11500 },
      { resource_type_id: double, stay_date: day(11), price_minor: 8500 },
    ]);
    expect(again.map((r) => r.changed)).toEqual([false, false]);
    expect(await count()).toBe(before);
    const [overrides] = await db.admin`
      select count(*)::int as n from public.rate_overrides where rate_plan_id = ${doublePlan}`;
    expect(overrides?.n).toBe(2);

    // A price that is not the suggestion any more is refused, and nothing is written.
    const stale = await pgError(
      acceptAs(manager, [{ resource_type_id: double, stay_date: day(12), price_minor: 9000 }]),
    );
    expect(stale).toMatchObject({ code: 'P0001', message: 'suggestion_changed' });
    expect(await count()).toBe(before);

    // Accepting night 10's next step updates its override (no second one) and keeps the anchor.
    const next = await acceptAs(manager, [{ resource_type_id: double, stay_date: day(10), price_minor: 13000 }]);
    expect(next).toEqual([{ stay_date: day(10), price_minor: '13000', previous_price_minor: '11500', changed: true }]);
    const [still] =
      await db.admin`select count(*)::int as n from public.rate_overrides where rate_plan_id = ${doublePlan}`;
    expect(still?.n).toBe(2);
    const updates = await db.admin`
      select table_name, action from public.audit_log
      where organization_id = ${tenant.organizationId} and id > (select max(id) - 2 from public.audit_log)
      order by id`;
    expect(updates.map((a) => `${a.table_name} ${a.action}`)).toEqual([
      'rate_overrides update',
      'rate_suggestion_acceptances update',
    ]);
    const [anchor] = await db.admin`
      select anchor_price_minor::int as anchor, previous_price_minor::int as previous from public.rate_suggestion_acceptances
      where resource_type_id = ${double} and stay_date = ${day(10)}`;
    expect(anchor).toEqual({ anchor: 10000, previous: 11500 });
  });

  it('keeps bounds valid: floor at most the ceiling, a positive step', async () => {
    const manager = tenant.members.manager;
    const floorAbove = await pgError(
      asUser(
        db.admin,
        manager,
        (tx) => tx`update public.rate_bounds set floor_minor = 15000 where resource_type_id = ${double}`,
      ),
    );
    expect(floorAbove).toMatchObject({ code: '23514' });
    expect(floorAbove.message).toContain('rate_bounds_floor_below_ceiling');
    const noStep = await pgError(
      asUser(
        db.admin,
        manager,
        (tx) => tx`update public.rate_bounds set max_step_minor = 0 where resource_type_id = ${double}`,
      ),
    );
    expect(noStep.message).toContain('rate_bounds_step_positive');
  });

  it('lets staff read the bounds but not change them, suggest or accept', async () => {
    const staff = tenant.members.staff;
    const seen = await asUser(
      db.admin,
      staff,
      (tx) => tx`select id from public.rate_bounds where property_id = ${hotel}`,
    );
    expect(seen).toHaveLength(2);
    const changed = await asUser(
      db.admin,
      staff,
      (tx) => tx`update public.rate_bounds set ceiling_minor = 99999 where property_id = ${hotel} returning id`,
    );
    expect(changed).toHaveLength(0);
    expect(await pgError(suggestionsAs(staff))).toMatchObject({ code: '42501', message: 'insufficient_role' });
    const refused = await pgError(
      acceptAs(staff, [{ resource_type_id: double, stay_date: day(12), price_minor: 8500 }]),
    );
    expect(refused).toMatchObject({ code: '42501', message: 'insufficient_role' });
    const [price] = await db.admin`
      select private.quote(rp, 'room', 'night', array[${day(12)}::date], 2) -> 'lines' -> 0 ->> 'rate_minor' as rate
      from public.rate_plans rp where rp.id = ${doublePlan}`;
    expect(price?.rate).toBe('10000');
  });

  it('shows another organization nothing', async () => {
    const outsider = other.members.owner;
    expect(await pgError(suggestionsAs(outsider))).toMatchObject({ code: 'PT404', message: 'property_not_found' });
    expect(
      await pgError(acceptAs(outsider, [{ resource_type_id: double, stay_date: day(12), price_minor: 8500 }])),
    ).toMatchObject({ code: 'PT404', message: 'property_not_found' });
    const bounds = await asUser(
      db.admin,
      outsider,
      (tx) => tx`select id from public.rate_bounds where property_id = ${hotel}`,
    );
    expect(bounds).toHaveLength(0);
    const accepted = await asUser(
      db.admin,
      outsider,
      (tx) => tx`select id from public.rate_suggestion_acceptances where property_id = ${hotel}`,
    );
    expect(accepted).toHaveLength(0);
    const inserted = await pgError(
      asUser(
        db.admin,
        outsider,
        (tx) => tx`
          insert into public.rate_bounds (organization_id, property_id, resource_type_id, floor_minor, ceiling_minor, max_step_minor)
          values (${tenant.organizationId}, ${hotel}, ${double}, 1, 2, 1)`,
      ),
    );
    expect(inserted.code).toBe('42501');
  });
});
