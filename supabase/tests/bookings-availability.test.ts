// What the availability search offers and what booking and modifying accept: capacity,
// out-of-service periods, active bookings, minimum stay, minimum notice (guests only) and the
// booking window; modifications go through the same rules and are repriced. Also who may edit
// the set-up tables (managers of the property) directly.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'avail');
});

/** Rooms offered for a stay from today + `from` for `nights` nights, as the viewer sees them. */
async function offered(from: number, nights: number, party = 2): Promise<string[]> {
  const rows = await asUser(
    db.admin,
    tenant.members.viewer,
    (tx) => tx`
      select resource_ids from public.search_availability(${tenant.propertyIds[0]}, (now() at time zone 'Europe/Lisbon')::date + ${from}::int,
        (now() at time zone 'Europe/Lisbon')::date + ${from + nights}::int, ${party})`,
  );
  return rows.flatMap((r) => r.resource_ids as string[]);
}

const codeOf = async (promise: Promise<unknown>) => {
  const error = await pgError(promise);
  return { code: error.code, message: error.message };
};

function createAs(user: TestUser, room: string, from: number, nights: number, source = 'staff', party = 2) {
  return asUser(
    db.admin,
    user,
    (tx) => tx`
      select * from public.create_booking(p_resource_id => ${room}, p_guest_id => null,
        p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${from}::int, p_departure => (now() at time zone 'Europe/Lisbon')::date + ${from + nights}::int,
        p_party_size => ${party}, p_source => ${source}, p_confirm => true)`,
  );
}

describe('availability', () => {
  it('offers free rooms only: not booked, not out of service, big enough', async () => {
    const all = [ids().room101, ids().room102, ids().room103, ids().room104];
    expect((await offered(100, 2)).sort(), 'every room is free 100 days ahead').toEqual([...all].sort());
    // The fixture's confirmed stay of 102 runs from day 30 to day 33.
    expect(await offered(31, 1), 'a booked room is not offered').not.toContain(ids().room102);
    await db.admin`
      insert into public.resource_out_of_service (organization_id, property_id, resource_id, period)
      values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${ids().room103},
        tstzrange(now() + interval '110 days', now() + interval '112 days'))`;
    expect(await offered(110, 1), 'a room out of service is not offered').not.toContain(ids().room103);
    expect(await codeOf(createAs(tenant.members.staff, ids().room103, 110, 1)), 'nor can it be booked').toEqual({
      code: 'P0001',
      message: 'not_available',
    });
    expect(await offered(100, 2, 4), 'rooms take at most 3 guests').toEqual([]);
    expect(
      await codeOf(createAs(tenant.members.staff, ids().room104, 100, 2, 'staff', 4)),
      'a party too large for the room is refused',
    ).toEqual({ code: 'P0001', message: 'party_size_not_accepted' });
  });

  it('applies the minimum stay of the rate plan', async () => {
    await db.admin`update public.rate_plans set min_stay = 2 where id = ${ids().ratePlanId}`;
    expect(await offered(120, 1), 'one night is below the minimum stay').toEqual([]);
    expect((await offered(120, 2)).length, 'two nights are offered').toBe(4);
    expect(
      await codeOf(createAs(tenant.members.staff, ids().room104, 120, 1)),
      'a one-night booking is refused',
    ).toEqual({ code: 'P0001', message: 'stay_length_not_accepted' });
    await db.admin`update public.rate_plans set min_stay = 1 where id = ${ids().ratePlanId}`;
  });

  it('keeps guests to the minimum notice and everyone to the booking window', async () => {
    await db.admin`
      update public.property_settings set min_notice_minutes = 72 * 60, booking_window_days = 200
      where property_id = ${tenant.propertyIds[0]}`;
    expect(await offered(1, 1), 'tomorrow is inside the 72-hour notice').toEqual([]);
    expect((await offered(5, 1)).length, 'in five days is bookable').toBeGreaterThan(0);
    expect(await offered(201, 1), 'beyond the 200-day window nothing is offered').toEqual([]);
    expect(
      await codeOf(createAs(tenant.members.staff, ids().room104, 1, 1, 'widget')),
      'a widget booking for tomorrow is refused',
    ).toEqual({ code: 'P0001', message: 'outside_booking_window' });
    const [walkIn] = await createAs(tenant.members.staff, ids().room104, 1, 1, 'staff');
    expect(walkIn?.status, 'staff may book at short notice').toBe('confirmed');
    expect(
      await codeOf(createAs(tenant.members.staff, ids().room104, 201, 1)),
      'nobody books beyond the window',
    ).toEqual({ code: 'P0001', message: 'outside_booking_window' });
    expect(await codeOf(createAs(tenant.members.staff, ids().room104, -2, 1)), 'nor in the past').toEqual({
      code: 'P0001',
      message: 'outside_booking_window',
    });
    await db.admin`
      update public.property_settings set min_notice_minutes = 0, booking_window_days = 365
      where property_id = ${tenant.propertyIds[0]}`;
  });
});

describe('modifications', () => {
  it('moves, extends and grows a booking, repriced, and refuses a move onto another booking', async () => {
    const [created] = await createAs(tenant.members.staff, ids().room104, 140, 2, 'staff', 2);
    const id = created?.id as string;
    const modify = (args: { room?: string; from?: number; nights?: number; party?: number }) =>
      asUser(
        db.admin,
        tenant.members.staff,
        (tx) => tx`
          select * from public.modify_booking(p_booking_id => ${id}, p_resource_id => ${args.room ?? null},
            p_arrival => ${args.from === undefined ? null : tx`(now() at time zone 'Europe/Lisbon')::date + ${args.from}::int`},
            p_departure => ${args.from === undefined || args.nights === undefined ? null : tx`(now() at time zone 'Europe/Lisbon')::date + ${args.from + args.nights}::int`},
            p_party_size => ${args.party ?? null})`,
      );
    const base = Number(created?.total_minor);
    const [grown] = await modify({ party: 3 });
    // One extra guest at 2500 a night for two nights: +5000 on the lines, +400 city tax unchanged.
    expect(Number(grown?.total_minor) - base, 'a third guest costs 2 × 2500').toBe(5000);
    const [moved] = await modify({ room: ids().room103, from: 141, nights: 3 });
    expect(moved?.resource_id, 'moved to room 103').toBe(ids().room103);
    expect(moved?.price_breakdown?.units, 'three nights now').toBe(3);
    const [blocker] = await createAs(tenant.members.staff, ids().room104, 141, 1);
    expect(await codeOf(modify({ room: ids().room104 })), 'moving onto a booked room is refused').toEqual({
      code: 'P0001',
      message: 'not_available',
    });
    const [still] = await db.admin`select resource_id from public.bookings where id = ${id}`;
    expect(still?.resource_id, 'the refused move changed nothing').toBe(ids().room103);
    expect(blocker?.status, 'the other booking stays').toBe('confirmed');
  });
});

describe('set-up tables', () => {
  it('lets managers of the property edit rooms and rates directly, and nobody below', async () => {
    const insertRoom = (user: TestUser, name: string) =>
      asUser(
        db.admin,
        user,
        (tx) => tx`
          insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
          values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${ids().roomTypeId}, ${name}, 2)`,
      );
    await insertRoom(tenant.members.manager, '201');
    const [row] = await db.admin`select count(*)::int as n from public.resources where name = '201'`;
    expect(row?.n, 'a manager adds a room').toBe(1);
    expect((await pgError(insertRoom(tenant.members.staff, '202'))).code, 'staff cannot').toBe('42501');
    expect((await pgError(insertRoom(tenant.members.viewer, '203'))).code, 'viewers cannot').toBe('42501');
    const updated = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`update public.rate_plans set base_price_minor = 1 where id = ${ids().ratePlanId}`,
    );
    expect(updated.count, 'staff change no rate').toBe(0);
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`update public.rate_plans set currency = 'USD' where id = ${ids().ratePlanId}`,
      ),
    );
    expect({ code: error.code, message: error.message }, "a rate is in the property's currency").toEqual({
      code: '22023',
      message: 'currency_mismatch',
    });
  });
});
