// Table service periods (migration 20261206200500_service_periods.sql, decision 044): the widget's
// slots follow the restaurant's periods by weekday, a day without periods has none, a time outside
// them is refused, the staff's table_service_hours answers the same times, and malformed periods
// are refused by the settings row's constraints.
import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type Tx, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let ids: BookingsFixtureIds;
let restaurant: string;
let restaurantKey: string;

function asWidget<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
    return fn(tx);
  }) as Promise<T>;
}

// biome-ignore lint/suspicious/noExplicitAny: jsonb answers
type Json = any;
const call = (sql: string, args: unknown[]): Promise<Json> =>
  asWidget(db.admin, async (tx) => {
    const [row] = await tx.unsafe(`select ${sql} as answer`, args as never[]);
    return row?.answer;
  });

/** A date `days` from now and its ISO weekday (1 = Monday). */
function dayAhead(days: number): { date: string; weekday: number } {
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const weekday = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { date, weekday };
}
const nextWeekday = (weekday: number) => (weekday % 7) + 1;

const slotTimes = async (date: string): Promise<string[]> => {
  const answer = await call('public.widget_table_slots($1, $2, $3)', [restaurantKey, date, 2]);
  return [...new Set<string>(answer.slots.map((slot: Json) => slot.time))];
};
const reserve = (date: string, time: string) =>
  call('public.widget_reserve_table($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
    restaurantKey,
    ids.tableTypeId,
    date,
    time,
    2,
    'Period Guest',
    `period-${randomUUID().slice(0, 8)}@example.test`,
    null,
    true,
    false,
    `k${randomUUID().replaceAll('-', '')}`,
  ]);

async function setPeriods(periods: unknown): Promise<void> {
  await asUser(db.admin, tenant.members.manager, async (tx) => {
    await tx`
      insert into public.property_settings (organization_id, property_id, service_periods)
      values (${tenant.organizationId}, ${restaurant}, ${periods === null ? null : tx.json(periods as never)})
      on conflict (property_id) do update set service_periods = excluded.service_periods`;
  });
}

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'periods');
  other = await createTenant(db.admin, 'periodsother');
  ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
  restaurant = tenant.propertyIds[1];
  const [row] = await db.admin`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
    values (${tenant.organizationId}, ${restaurant}, 'Website', ${['https://table.example']}) returning key`;
  restaurantKey = row?.key as string;
});

afterAll(async () => {
  await db.admin`update public.property_settings set service_periods = null where property_id = ${restaurant}`;
});

describe('service periods', () => {
  it('keeps the former 12:00–21:30 every 30 minutes while a property has set none', async () => {
    await setPeriods(null);
    const { date } = dayAhead(30);
    const times = await slotTimes(date);
    expect(times[0]).toBe('12:00');
    expect(times.at(-1)).toBe('21:30');
    expect(times).toHaveLength(20);
  });

  it('offers the weekday’s periods only, at their own step, and none on a closed day', async () => {
    const { date, weekday } = dayAhead(31);
    const closed = dayAhead(32);
    expect(closed.weekday).toBe(nextWeekday(weekday));
    await setPeriods([
      { weekday, opens: '18:00', last_seating: '20:00', slot_minutes: 45 },
      { weekday, opens: '12:00', last_seating: '13:00', slot_minutes: 30 },
    ]);
    expect(await slotTimes(date)).toEqual(['12:00', '12:30', '13:00', '18:00', '18:45', '19:30']);
    expect(await slotTimes(closed.date)).toEqual([]);

    const hours = await asUser(db.admin, tenant.members.staff, async (tx) => {
      const [row] = await tx`select public.table_service_hours(${restaurant}, ${date}) as answer`;
      return row?.answer as Json;
    });
    expect(hours).toEqual({
      date,
      configured: true,
      periods: [
        { opens: '12:00', last_seating: '13:00', slot_minutes: 30 },
        { opens: '18:00', last_seating: '20:00', slot_minutes: 45 },
      ],
      times: ['12:00', '12:30', '13:00', '18:00', '18:45', '19:30'],
    });
  });

  it('reserves at a seating time and refuses a time outside the periods or on a closed day', async () => {
    const { date, weekday } = dayAhead(33);
    await setPeriods([{ weekday, opens: '19:00', last_seating: '21:00', slot_minutes: 60 }]);
    expect(await reserve(date, '20:00')).toMatchObject({ status: 'confirmed' });
    for (const [day, time] of [
      [date, '19:30'],
      [date, '12:00'],
      [dayAhead(34).date, '20:00'],
    ] as const) {
      expect(await pgError(reserve(day, time))).toMatchObject({ code: 'P0001', message: 'outside_service_hours' });
    }
  });

  it('refuses malformed or overlapping periods', async () => {
    const good = { weekday: 1, opens: '12:00', last_seating: '14:00', slot_minutes: 30 };
    const bad: [string, unknown][] = [
      ['shape', { weekday: 1 }],
      ['shape', [{ ...good, weekday: 8 }]],
      ['shape', [{ ...good, weekday: 0 }]],
      ['shape', [{ ...good, weekday: '1' }]],
      ['shape', [{ ...good, opens: '25:00' }]],
      ['shape', [{ ...good, opens: '12:00:00' }]],
      ['shape', [{ ...good, last_seating: '11:00' }]],
      ['shape', [{ ...good, slot_minutes: 0 }]],
      ['shape', [{ ...good, slot_minutes: 241 }]],
      ['shape', [{ ...good, slot_minutes: 7.5 }]],
      ['shape', [{ ...good, extra: true }]],
      ['shape', Array.from({ length: 29 }, () => good)],
      ['overlap', [good, { ...good, opens: '14:00', last_seating: '15:00' }]],
    ];
    for (const [kind, periods] of bad) {
      const error = await pgError(setPeriods(periods));
      expect(error, JSON.stringify(periods)).toMatchObject({
        code: '23514',
        constraint_name: `property_settings_service_periods_${kind}`,
      });
    }
    // Two periods of different weekdays may share hours; an empty list closes every day.
    await setPeriods([good, { ...good, weekday: 2 }]);
    await setPeriods([]);
    expect(await slotTimes(dayAhead(35).date)).toEqual([]);
  });

  it('answers table_service_hours only to people who work at the property', async () => {
    const { date } = dayAhead(36);
    const error = await pgError(
      asUser(db.admin, other.members.owner, (tx) => tx`select public.table_service_hours(${restaurant}, ${date})`),
    );
    expect(error).toMatchObject({ code: 'PT404', message: 'property_not_found' });
    const anon = await pgError(call('public.table_service_hours($1, $2)', [restaurant, date]));
    expect(anon.code).toBe('42501');
  });
});
