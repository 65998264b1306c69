// 200 attempts to book the same resource for the same stay, each in its own transaction on a
// pool of separate connections, all at once: exactly one succeeds, every other gets the stable
// code not_available (the exclusion constraint is the arbiter), and the table holds one active
// booking of that stay.
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, connectionPool, pgError, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
const ATTEMPTS = 200;
const CONNECTIONS = 40;

let tenant: Tenant;
let pool: Sql;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'race');
  pool = connectionPool(db, CONNECTIONS);
});

afterAll(async () => {
  await pool?.end();
});

const fixture = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

describe('concurrent bookings of one resource', () => {
  it(`lets exactly one of ${ATTEMPTS} simultaneous attempts book the same room and stay`, async () => {
    const room = fixture().room104;
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        asUser(
          pool,
          i % 2 === 0 ? tenant.members.staff : tenant.members.manager,
          (tx) => tx`
            select id from public.create_booking(
              p_resource_id => ${room}, p_guest_id => null,
              p_arrival => (now() at time zone 'Europe/Lisbon')::date + 60, p_departure => (now() at time zone 'Europe/Lisbon')::date + 62, p_party_size => 2,
              p_confirm => ${i % 3 === 0})`,
        ).then(
          () => 'booked',
          (error: { code?: string; message: string }) => `${error.code}:${error.message}`,
        ),
      ),
    );
    const tally: Record<string, number> = {};
    for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
    expect(tally, 'one booking, every other attempt refused with not_available').toEqual({
      booked: 1,
      'P0001:not_available': ATTEMPTS - 1,
    });
    const [row] = await db.admin`
      select count(*)::int as n from public.bookings
      where resource_id = ${room} and status in ('held', 'confirmed', 'checked_in')`;
    expect(row?.n, 'the table holds exactly one active booking of the room').toBe(1);
  });

  it('refuses an overlapping stay made later with not_available', async () => {
    const room = fixture().room104;
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.staff,
        (tx) => tx`
          select * from public.create_booking(${room}, null, (now() at time zone 'Europe/Lisbon')::date + 61, (now() at time zone 'Europe/Lisbon')::date + 63, 1)`,
      ),
    );
    expect({ code: error.code, message: error.message }, 'an overlapping stay is not available').toEqual({
      code: 'P0001',
      message: 'not_available',
    });
  });

  it('keeps the turn time between table slots requested at once at different start times', async () => {
    const table = fixture().tableId;
    // 13 start times 18:00 … 21:00 every 15 minutes, 90 minutes each plus 15 of turn time, four
    // attempts at each: whatever wins, the winners' blocked periods never overlap.
    const starts = Array.from({ length: 13 }, (_, i) => {
      const minutes = 18 * 60 + 15 * i;
      return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    });
    const outcomes = await Promise.all(
      starts.flatMap((start) =>
        Array.from({ length: 4 }, () =>
          asUser(
            pool,
            tenant.members.staff,
            (tx) => tx`
              select id from public.create_booking(${table}, null, (now() at time zone 'Europe/Lisbon')::date + 20, null, 2, ${start}, 90)`,
          ).then(
            () => 'booked',
            (error: { code?: string; message: string }) => `${error.code}:${error.message}`,
          ),
        ),
      ),
    );
    const booked = outcomes.filter((o) => o === 'booked').length;
    expect(booked, 'at least one slot is booked').toBeGreaterThan(0);
    expect(
      outcomes.filter((o) => o !== 'booked' && o !== 'P0001:not_available'),
      'every refusal is not_available',
    ).toEqual([]);
    const [overlaps] = await db.admin`
      select count(*)::int as n from public.bookings a
      join public.bookings b on b.resource_id = a.resource_id and b.id > a.id and b.blocked_period && a.blocked_period
      where a.resource_id = ${table} and a.status in ('held', 'confirmed', 'checked_in')
        and b.status in ('held', 'confirmed', 'checked_in')`;
    expect(overlaps?.n, 'no two slots (with their turn time) overlap').toBe(0);
    const [gaps] = await db.admin`
      select (extract(epoch from min(lower(b.period) - upper(a.period))) / 60)::int as gap from public.bookings a
      join public.bookings b on b.resource_id = a.resource_id and lower(b.period) > lower(a.period)
      where a.resource_id = ${table} and a.status = 'held' and b.status = 'held'`;
    if (booked > 1) expect(gaps?.gap, 'at least the 15-minute turn between two slots').toBeGreaterThanOrEqual(15);
  });
});
