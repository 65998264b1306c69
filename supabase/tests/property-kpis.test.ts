// The dashboards' figures (migration 20261206150600) against values worked out by hand on a small
// hotel in Lisbon around the end of summer time (Sunday 2026-10-25, a 25-hour day): occupancy,
// ADR and RevPAR with an out-of-order room, an inclusive tax taken out of revenue, arrivals,
// departures, no-shows and guests in house; covers of a table booking that runs past midnight;
// pickup and cancellations counted by the local day; food, beverage and other sales by station;
// ticket times and open orders. RLS decides: a member without the property gets property_not_found.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let hotel: string;
let rooms: string[];
let table: string;
let kitchen: string;
let bar: string;

const LISBON = 'Europe/Lisbon';

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'kpi');
  other = await createTenant(db.admin, 'kpi-other');
  const sql = db.admin;
  const org = tenant.organizationId;
  const [property] = await sql`
    insert into public.properties (organization_id, name, kind, time_zone)
    values (${org}, 'KPI Hotel', 'venue', ${LISBON}) returning id`;
  hotel = property?.id as string;
  const [roomType] = await sql`
    insert into public.resource_types (organization_id, property_id, kind, name, pricing)
    values (${org}, ${hotel}, 'room', 'Double', 'night') returning id`;
  const [tableType] = await sql`
    insert into public.resource_types (organization_id, property_id, kind, name, pricing)
    values (${org}, ${hotel}, 'table', 'Table for four', 'slot') returning id`;
  rooms = [];
  for (const name of ['101', '102', '103', '104']) {
    const [room] = await sql`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${org}, ${hotel}, ${roomType?.id}, ${name}, 2) returning id`;
    rooms.push(room?.id as string);
  }
  // An inactive room is not for sale and not counted.
  await sql`
    insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests, active)
    values (${org}, ${hotel}, ${roomType?.id}, '105', 2, false)`;
  const [tableRow] = await sql`
    insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
    values (${org}, ${hotel}, ${tableType?.id}, 'T1', 4) returning id`;
  table = tableRow?.id as string;

  // Room 104 is out of order from Sunday noon to Monday 10:00: the night of Sunday only.
  await sql`
    insert into public.resource_out_of_service (organization_id, property_id, resource_id, period)
    values (${org}, ${hotel}, ${rooms[3] as string},
      tstzrange(timestamp '2026-10-25 12:00' at time zone ${LISBON}, timestamp '2026-10-26 10:00' at time zone ${LISBON}))`;

  const stay = async (
    room: string,
    status: string,
    arrival: string,
    nights: number[],
    extra: { inclusive?: number; confirmedAt?: string; cancelledAt?: string } = {},
  ) => {
    const lines = nights.map((amount, index) => ({ date: addDays(arrival, index), amount_minor: amount }));
    const subtotal = nights.reduce((sum, amount) => sum + amount, 0);
    const breakdown = {
      lines,
      subtotal_minor: subtotal,
      inclusive_taxes_minor: extra.inclusive ?? 0,
      total_minor: subtotal,
    };
    await sql`
      insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, hold_expires_at,
        confirmed_at, cancelled_at, cancellation_fee_minor)
      select ${org}, ${hotel}, ${room}, ${status}::public.booking_status, r, r, ${arrival}::date,
        ${arrival}::date + ${nights.length}::int, 2, 'EUR', ${subtotal}, ${sql.json(breakdown)},
        case when ${status} = 'held' then now() + interval '1 day' end,
        ${extra.confirmedAt ?? null}::timestamptz, ${extra.cancelledAt ?? null}::timestamptz,
        case when ${status} = 'cancelled' then 0 end
      from (select tstzrange((${arrival}::date + time '15:00') at time zone ${LISBON},
        (${arrival}::date + ${nights.length}::int + time '11:00') at time zone ${LISBON}) as r) p`;
  };
  // 101: two nights from Saturday, confirmed at 00:30 on Sunday, Lisbon time (still Saturday in UTC).
  await stay(rooms[0] as string, 'confirmed', '2026-10-24', [10_000, 10_000], {
    confirmedAt: '2026-10-25T00:30:00+01:00',
  });
  // 102: in house from Sunday for two nights, 10 % inclusive tax in its lines (2,400 of 24,000).
  await stay(rooms[1] as string, 'checked_in', '2026-10-25', [12_000, 12_000], {
    inclusive: 2_400,
    confirmedAt: '2026-10-25T23:30:00+00:00',
  });
  // 103: a hold (not sold) on Sunday, and a no-show on Saturday.
  await stay(rooms[2] as string, 'held', '2026-10-25', [9_000]);
  await stay(rooms[2] as string, 'no_show', '2026-10-24', [9_000], { confirmedAt: '2026-10-01T10:00:00Z' });
  // 104: confirmed long before, cancelled at 00:15 on Sunday, Lisbon time.
  await stay(rooms[3] as string, 'cancelled', '2026-10-25', [9_000], {
    confirmedAt: '2026-10-01T10:00:00Z',
    cancelledAt: '2026-10-25T00:15:00+01:00',
  });

  // Dinner on Sunday at 23:30 for four (seated), past midnight; and a table for two at 20:00 (booked).
  const dinner = async (start: string, party: number, status: string) => {
    await sql`
      insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, confirmed_at)
      select ${org}, ${hotel}, ${table}, ${status}::public.booking_status, r, r, date '2026-10-25', date '2026-10-25',
        ${party}, 'EUR', 0, '{"lines": []}'::jsonb, now()
      from (select tstzrange(${start}::timestamp at time zone ${LISBON},
        (${start}::timestamp + interval '2 hours') at time zone ${LISBON}) as r) p`;
  };
  await dinner('2026-10-25 20:00', 2, 'confirmed');
  await dinner('2026-10-25 23:30', 4, 'checked_in');

  const [kitchenRow] = await sql`
    insert into public.stations (organization_id, property_id, name, kind) values (${org}, ${hotel}, 'Kitchen', 'kitchen') returning id`;
  const [barRow] = await sql`
    insert into public.stations (organization_id, property_id, name, kind) values (${org}, ${hotel}, 'Bar', 'bar') returning id`;
  kitchen = kitchenRow?.id as string;
  bar = barRow?.id as string;
});

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

async function dailyKpis(user: TestUser, from: string, to: string): Promise<Record<string, unknown>[]> {
  return asUser(db.admin, user, (tx) => tx`select * from public.property_daily_kpis(${hotel}, ${from}, ${to})`);
}

describe('property_daily_kpis', () => {
  it('counts rooms, occupancy, ADR and RevPAR by the local night, around the end of summer time', async () => {
    const days = await dailyKpis(tenant.members.manager, '2026-10-24', '2026-10-26');
    const pick = (row: Record<string, unknown>) => ({
      day: row.day instanceof Date ? row.day.toISOString().slice(0, 10) : String(row.day),
      total: row.rooms_total,
      outOfOrder: row.rooms_out_of_order,
      available: row.rooms_available,
      sold: row.rooms_sold,
      occupancy: Number(row.occupancy),
      revenue: Number(row.room_revenue_minor),
      adr: Number(row.adr_minor),
      revpar: Number(row.revpar_minor),
      arrivals: row.arrivals,
      departures: row.departures,
      noShows: row.no_shows,
      inHouse: row.in_house,
    });
    expect(days.map(pick)).toEqual([
      // Saturday: 101 sold (10,000); the no-show on 103 is neither sold nor an arrival.
      {
        day: '2026-10-24',
        total: 4,
        outOfOrder: 0,
        available: 4,
        sold: 1,
        occupancy: 0.25,
        revenue: 10_000,
        adr: 10_000,
        revpar: 2_500,
        arrivals: 1,
        departures: 0,
        noShows: 1,
        inHouse: 0,
      },
      // Sunday: 104 out of order, 101 and 102 sold; 102's night is 12,000 − 1,200 of tax.
      {
        day: '2026-10-25',
        total: 4,
        outOfOrder: 1,
        available: 3,
        sold: 2,
        occupancy: 0.6667,
        revenue: 20_800,
        adr: 10_400,
        revpar: 6_933,
        arrivals: 1,
        departures: 0,
        noShows: 0,
        inHouse: 1,
      },
      // Monday: 101 left, 102 stays; 104 is back.
      {
        day: '2026-10-26',
        total: 4,
        outOfOrder: 0,
        available: 4,
        sold: 1,
        occupancy: 0.25,
        revenue: 10_800,
        adr: 10_800,
        revpar: 2_700,
        arrivals: 0,
        departures: 1,
        noShows: 0,
        inHouse: 1,
      },
    ]);
  });

  it('counts covers on the day a table booking starts, pickup and cancellations by the local day', async () => {
    const days = await dailyKpis(tenant.members.manager, '2026-10-24', '2026-10-26');
    const figures = days.map((row) => [row.covers_booked, row.covers_seated, row.bookings_made, row.cancellations]);
    expect(figures).toEqual([
      [0, 0, 0, 0],
      // Sunday: 2 + 4 booked, 4 seated; 101 confirmed at 00:30 and 102 at 23:30 (both Sunday in Lisbon);
      // 104 cancelled at 00:15 on Sunday.
      [6, 4, 2, 1],
      [0, 0, 0, 0],
    ]);
  });

  it('splits sales into food, beverage and other by station, net of tax, leaving voided lines out', async () => {
    const sql = db.admin;
    const org = tenant.organizationId;
    const [order] = await sql`
      insert into public.orders (organization_id, property_id, kind, currency, guest_name)
      values (${org}, ${hotel}, 'takeaway', 'EUR', 'Walk-in') returning id`;
    const line = (station: string | null, name: string, price: number, quantity: number) => sql`
      insert into public.order_items (organization_id, property_id, order_id, station_id, item_name, unit_price_minor,
        quantity, tax_rate_bp)
      values (${org}, ${hotel}, ${order?.id}, ${station}, ${name}, ${price}, ${quantity}, 1300) returning id`;
    const [soup] = await line(kitchen, 'Soup', 1_500, 2);
    const [wine] = await line(bar, 'Wine', 600, 1);
    await line(null, 'Bread', 400, 1);
    const [voided] = await line(kitchen, 'Steak', 3_000, 1);
    await sql`update public.order_items set status = 'voided', void_reason = 'wrong table', tax_minor = 0 where id = ${voided?.id}`;
    // Submitted at 23:50 on Sunday, Lisbon time (after the clocks went back: UTC+0).
    await sql`update public.orders set status = 'submitted', submitted_at = '2026-10-25T23:50:00Z' where id = ${order?.id}`;

    const [sunday] = await dailyKpis(tenant.members.staff, '2026-10-25', '2026-10-25');
    expect(
      [sunday?.food_revenue_minor, sunday?.beverage_revenue_minor, sunday?.other_revenue_minor].map(Number),
    ).toEqual([3_000, 600, 400]);

    // The soup and the wine are made; the soup's ticket took 12 minutes, the wine's 3.
    for (const id of [soup?.id, wine?.id]) {
      await sql`update public.order_items set status = 'preparing' where id = ${id}`;
      await sql`update public.order_items set status = 'ready' where id = ${id}`;
    }
    const [stamped] = await sql`select ready_at from public.order_items where id = ${soup?.id}`;
    expect(stamped?.ready_at, 'the trigger stamps the moment a line is ready').toBeInstanceOf(Date);
    await sql`update public.order_items set ready_at = '2026-10-26T00:02:00Z' where id = ${soup?.id}`;
    await sql`update public.order_items set ready_at = '2026-10-25T23:53:00Z' where id = ${wine?.id}`;

    const service = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`select * from public.property_service_kpis(${hotel}, '2026-10-25')`,
    );
    expect(
      service.map((row) => [row.station_name, row.tickets_done, row.average_ticket_seconds, row.lines_waiting]),
    ).toEqual([
      ['Kitchen', 0, null, 0],
      ['Bar', 1, 180, 0],
    ]);
    const monday = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`select * from public.property_service_kpis(${hotel}, '2026-10-26')`,
    );
    expect(monday.map((row) => [row.station_name, row.tickets_done, row.average_ticket_seconds])).toEqual([
      ['Kitchen', 1, 720],
      ['Bar', 0, null],
    ]);
    const open = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`select * from public.property_open_orders(${hotel})`,
    );
    expect(open.map((row) => [row.status, row.orders])).toEqual([['submitted', 1]]);
  });

  it('refuses a member without the property, and another organization, as not found', async () => {
    for (const user of [tenant.restrictedStaff, other.members.owner]) {
      const error = await pgError(dailyKpis(user, '2026-10-24', '2026-10-26'));
      expect({ code: error.code, message: error.message }).toEqual({ code: 'PT404', message: 'property_not_found' });
      const service = await pgError(
        asUser(db.admin, user, (tx) => tx`select * from public.property_service_kpis(${hotel}, '2026-10-25')`),
      );
      expect(service.message).toBe('property_not_found');
    }
  });
});

describe('organization_kpis', () => {
  it('sums each property over the period, ratios from the sums, and shows a member only their properties', async () => {
    const period = (user: TestUser) =>
      asUser(
        db.admin,
        user,
        (tx) => tx`select * from public.organization_kpis(${tenant.organizationId}, '2026-10-24', '2026-10-26')`,
      );
    const rows = await period(tenant.members.owner);
    expect(rows.map((row) => row.property_name)).toEqual(['Hotel', 'KPI Hotel', 'Restaurant']);
    const kpi = rows.find((row) => row.property_id === hotel);
    // 4 + 3 + 4 rooms available, 1 + 2 + 1 sold, 10,000 + 20,800 + 10,800 of room revenue.
    expect({
      available: kpi?.rooms_available,
      sold: kpi?.rooms_sold,
      occupancy: Number(kpi?.occupancy),
      revenue: Number(kpi?.room_revenue_minor),
      adr: Number(kpi?.adr_minor),
      revpar: Number(kpi?.revpar_minor),
      covers: kpi?.covers_booked,
    }).toEqual({ available: 11, sold: 4, occupancy: 0.3636, revenue: 41_600, adr: 10_400, revpar: 3_782, covers: 6 });

    const restricted = await period(tenant.restrictedStaff);
    expect(restricted.map((row) => row.property_id)).toEqual([tenant.propertyIds[0]]);

    const error = await pgError(period(other.members.owner));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'PT404', message: 'organization_not_found' });
  });
});
