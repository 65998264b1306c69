// Prices worked out by hand (rounding rules R1–R6 of docs/decisions/006-money-and-rounding.md),
// and stays across daylight-saving changes in two time zones: a night across the change is one
// night, priced once, and the period is as long as the local clocks say.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;

interface Place {
  propertyId: string;
  resourceId: string;
}

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'price');
});

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** The first date on or after `from` that falls on `weekday` (0 = Sunday). */
function nextWeekday(from: Date, weekday: number): Date {
  let day = from;
  while (day.getUTCDay() !== weekday) day = addDays(day, 1);
  return day;
}

/** A property with one resource type, one resource and one rate plan, set up as the platform. */
async function createPlace(options: {
  name: string;
  timeZone: string;
  kind: 'room' | 'table';
  basePrice: number;
  extraGuest?: number;
  checkIn?: string;
  checkOut?: string;
}): Promise<Place & { ratePlanId: string }> {
  const org = tenant.organizationId;
  const [property] = await db.admin`
    insert into public.properties (organization_id, name, kind, time_zone, currency)
    values (${org}, ${options.name}, ${options.kind === 'room' ? 'hotel' : 'restaurant'}, ${options.timeZone}, 'EUR')
    returning id`;
  const propertyId = property?.id as string;
  await db.admin`
    insert into public.property_settings (organization_id, property_id, check_in_time, check_out_time, booking_window_days)
    values (${org}, ${propertyId}, ${options.checkIn ?? '15:00'}, ${options.checkOut ?? '11:00'}, 1000)`;
  const pricing = options.kind === 'room' ? 'night' : 'slot';
  const [type] = await db.admin`
    insert into public.resource_types (organization_id, property_id, kind, name, pricing)
    values (${org}, ${propertyId}, ${options.kind}, 'Standard', ${pricing}) returning id`;
  const [resource] = await db.admin`
    insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
    values (${org}, ${propertyId}, ${type?.id}, 'One', 4) returning id`;
  const [plan] = await db.admin`
    insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests, extra_guest_minor)
    values (${org}, ${propertyId}, ${type?.id}, 'Standard', ${options.basePrice}, 2, ${options.extraGuest ?? 0}) returning id`;
  return { propertyId, resourceId: resource?.id as string, ratePlanId: plan?.id as string };
}

interface Breakdown {
  units: number;
  lines: { date: string; rate_minor: number; extra_guests_minor: number; amount_minor: number }[];
  subtotal_minor: number;
  taxes: { name: string; inclusive: boolean; amount_minor: number }[];
  exclusive_taxes_minor: number;
  inclusive_taxes_minor: number;
  total_minor: number;
}

async function searchStay(place: Place, arrival: string, departure: string, party: number) {
  const rows = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`select * from public.search_availability(${place.propertyId}, ${arrival}, ${departure}, ${party})`,
  );
  return rows as unknown as { resource_ids: string[]; total_minor: string; price_breakdown: Breakdown }[];
}

async function bookStay(place: Place, arrival: string, departure: string, party: number) {
  const [row] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`
      select b.*, extract(epoch from upper(b.period) - lower(b.period))::int / 3600.0 as hours,
        lower(b.period) as starts_at, upper(b.period) as ends_at
      from public.create_booking(${place.resourceId}, null, ${arrival}, ${departure}, ${party}, p_confirm => true) b`,
  );
  return row as Record<string, unknown> & { price_breakdown: Breakdown; hours: string; starts_at: Date; ends_at: Date };
}

describe('prices, taxes and rounding', () => {
  it('prices a four-night stay with overrides, extra guests and three kinds of taxes, as worked out by hand', async () => {
    const place = await createPlace({
      name: 'Rounding Inn',
      timeZone: 'Europe/Lisbon',
      kind: 'room',
      basePrice: 10004,
      extraGuest: 1500,
    });
    const thursday = nextWeekday(addDays(new Date(), 14), 4);
    const saturday = iso(addDays(thursday, 2));
    const org = tenant.organizationId;
    await db.admin`
      insert into public.rate_overrides (organization_id, property_id, rate_plan_id, weekdays, dates, price_minor, priority)
      values (${org}, ${place.propertyId}, ${place.ratePlanId}, '{5,6}', null, 12002, 0),
             (${org}, ${place.propertyId}, ${place.ratePlanId}, null, daterange(${saturday}::date, ${saturday}::date + 1), 9001, 1)`;
    await db.admin`
      insert into public.property_taxes (organization_id, property_id, name, basis, rate_bps, amount_minor, inclusive, applies_to)
      values (${org}, ${place.propertyId}, 'VAT', 'percentage', 1250, null, false, '{room}'),
             (${org}, ${place.propertyId}, 'City tax', 'per_unit', null, 150, false, '{room}'),
             (${org}, ${place.propertyId}, 'Tourism levy', 'percentage', 100, null, true, '{room}'),
             (${org}, ${place.propertyId}, 'Cover charge', 'per_unit', null, 300, false, '{table}')`;

    // Nights Thu, Fri, Sat, Sun; party 3 = 2 included + 1 extra at 1500 each night.
    //   Thu 10004 (base) + 1500 = 11504
    //   Fri 12002 (weekday override) + 1500 = 13502
    //   Sat  9001 (date override, priority 1 beats the weekday one) + 1500 = 10501
    //   Sun 10004 (base) + 1500 = 11504           subtotal 47011
    // VAT 12.5 % exclusive, per line, half up (R2):
    //   11504 × 0.125 = 1438; 13502 × 0.125 = 1687.75 → 1688; 10501 × 0.125 = 1312.625 → 1313;
    //   11504 → 1438; sum 5877 (on the subtotal it would be 5876.375 → 5876)
    // City tax 150 per night exclusive (R4): 600. Cover charge: tables only, not here.
    // Tourism levy 1 % inclusive (R3): line × 100 / 10100, half up:
    //   113.90 → 114; 133.68 → 134; 103.97 → 104; 113.90 → 114; sum 466, shown, not added.
    // Total (R5): 47011 + 5877 + 600 = 53488.
    const arrival = iso(thursday);
    const departure = iso(addDays(thursday, 4));
    const [offer] = await searchStay(place, arrival, departure, 3);
    expect(offer?.resource_ids, 'the room is offered').toEqual([place.resourceId]);
    const breakdown = offer?.price_breakdown as Breakdown;
    expect(
      breakdown.lines.map((l) => [l.date, l.rate_minor, l.extra_guests_minor, l.amount_minor]),
      'one line per night',
    ).toEqual([
      [arrival, 10004, 1500, 11504],
      [iso(addDays(thursday, 1)), 12002, 1500, 13502],
      [saturday, 9001, 1500, 10501],
      [iso(addDays(thursday, 3)), 10004, 1500, 11504],
    ]);
    expect(breakdown.subtotal_minor, 'subtotal').toBe(47011);
    expect(
      Object.fromEntries(breakdown.taxes.map((t) => [t.name, t.amount_minor])),
      'each tax, per rules R2–R4',
    ).toEqual({ VAT: 5877, 'City tax': 600, 'Tourism levy': 466 });
    expect(breakdown.exclusive_taxes_minor, 'exclusive taxes and fees').toBe(6477);
    expect(breakdown.inclusive_taxes_minor, 'inclusive taxes').toBe(466);
    expect(breakdown.total_minor, 'total').toBe(53488);
    expect(Number(offer?.total_minor), 'the offer carries the total').toBe(53488);

    const booking = await bookStay(place, arrival, departure, 3);
    expect(Number(booking.total_minor), 'the booking snapshots the same total').toBe(53488);
    expect(booking.price_breakdown, 'and the same breakdown').toEqual(breakdown);
  });

  it('picks the cheapest plan whose stay limits fit when no plan is named', async () => {
    const place = await createPlace({ name: 'Plans', timeZone: 'Europe/Lisbon', kind: 'room', basePrice: 10000 });
    // A cheaper plan for stays of three nights or more.
    const [long] = await db.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, min_stay)
      select organization_id, property_id, resource_type_id, 'Long stay', 8000, 3
      from public.rate_plans where id = ${place.ratePlanId} returning id`;
    const start = addDays(new Date(), 60);
    const short = await bookStay(place, iso(start), iso(addDays(start, 1)), 2);
    expect(short.rate_plan_id, 'one night: the standard plan, the long-stay plan does not fit').toBe(place.ratePlanId);
    expect(short.total_minor, 'one night at 10000').toBe('10000');
    const longer = await bookStay(place, iso(addDays(start, 10)), iso(addDays(start, 13)), 2);
    expect(longer.rate_plan_id, 'three nights: the cheaper long-stay plan').toBe(long?.id);
    expect(longer.total_minor, 'three nights at 8000').toBe('24000');
  });

  it('rounds an exact half up on a slot price', async () => {
    const place = await createPlace({
      name: 'Half Up Bistro',
      timeZone: 'Europe/Lisbon',
      kind: 'table',
      basePrice: 10004,
    });
    await db.admin`
      insert into public.property_taxes (organization_id, property_id, name, basis, rate_bps, inclusive, applies_to)
      values (${tenant.organizationId}, ${place.propertyId}, 'VAT', 'percentage', 1250, false, '{table}')`;
    // 10004 × 0.125 = 1250.5 → 1251 (half up); total 10004 + 1251 = 11255.
    const date = iso(addDays(new Date(), 20));
    const [offer] = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`select * from public.search_table_availability(${place.propertyId}, ${date}, '20:00', 120, 2)`,
    );
    expect(offer?.price_breakdown?.taxes?.[0]?.amount_minor, '1250.5 rounds to 1251').toBe(1251);
    expect(Number(offer?.total_minor), 'total').toBe(11255);
  });

  it("keeps the turn time free after a table's slot", async () => {
    const place = await createPlace({ name: 'Turn Table', timeZone: 'Europe/Lisbon', kind: 'table', basePrice: 0 });
    const date = iso(addDays(new Date(), 20));
    const tableAt = (time: string) =>
      asUser(
        db.admin,
        tenant.members.staff,
        (tx) =>
          tx`select resource_ids from public.search_table_availability(${place.propertyId}, ${date}, ${time}, 90, 2)`,
      );
    await asUser(
      db.admin,
      tenant.members.staff,
      (tx) =>
        tx`select * from public.create_booking(${place.resourceId}, null, ${date}, null, 2, '19:00', 90, p_confirm => true)`,
    );
    // Booked 19:00–20:30, turn 15 minutes: free again from 20:45; a slot ending after 18:45 collides.
    expect(await tableAt('20:30'), '20:30 falls in the turn time').toEqual([]);
    expect((await tableAt('20:45')).length, '20:45 is free').toBe(1);
    expect(await tableAt('17:30'), '17:30–19:00 leaves no turn time before 19:00').toEqual([]);
    expect((await tableAt('17:15')).length, '17:15–18:45 leaves 15 minutes').toBe(1);
  });
});

describe('daylight-saving changes', () => {
  const year = new Date().getUTCFullYear() + 1;
  /** The last Sunday of a month (0-based) of `year`. */
  const lastSunday = (month: number) => {
    let day = new Date(Date.UTC(year, month + 1, 0));
    while (day.getUTCDay() !== 0) day = addDays(day, -1);
    return day;
  };
  /** The n-th Sunday of a month (0-based) of `year`. */
  const nthSunday = (month: number, n: number) =>
    addDays(nextWeekday(new Date(Date.UTC(year, month, 1)), 0), 7 * (n - 1));

  it('Europe/Lisbon: the spring night is one night of 19 hours and the autumn one of 21 (15:00 → 11:00)', async () => {
    const place = await createPlace({ name: 'Lisbon DST', timeZone: 'Europe/Lisbon', kind: 'room', basePrice: 8000 });
    const spring = lastSunday(2);
    // Saturday 15:00 WET (UTC+0) = 15:00Z; Sunday 11:00 WEST (UTC+1) = 10:00Z: 19 hours.
    const springStay = await bookStay(place, iso(addDays(spring, -1)), iso(spring), 2);
    expect(springStay.starts_at.toISOString(), 'check-in at 15:00 WET').toBe(
      `${iso(addDays(spring, -1))}T15:00:00.000Z`,
    );
    expect(springStay.ends_at.toISOString(), 'check-out at 11:00 WEST').toBe(`${iso(spring)}T10:00:00.000Z`);
    expect(Number(springStay.hours), 'one hour less than the usual 20').toBe(19);
    expect(springStay.price_breakdown.units, 'one night').toBe(1);
    expect(Number(springStay.total_minor), 'priced once').toBe(8000);

    const autumn = lastSunday(9);
    // Saturday 15:00 WEST = 14:00Z; Sunday 11:00 WET = 11:00Z: 21 hours.
    const autumnStay = await bookStay(place, iso(addDays(autumn, -1)), iso(autumn), 2);
    expect(Number(autumnStay.hours), 'one hour more than the usual 20').toBe(21);
    expect(autumnStay.price_breakdown.units, 'one night').toBe(1);
    expect(Number(autumnStay.total_minor), 'priced once').toBe(8000);
  });

  it('America/New_York: noon to noon across the change spans 23 and 25 hours, one night each', async () => {
    const place = await createPlace({
      name: 'New York DST',
      timeZone: 'America/New_York',
      kind: 'room',
      basePrice: 20000,
      checkIn: '12:00',
      checkOut: '12:00',
    });
    const spring = nthSunday(2, 2);
    // Saturday 12:00 EST (UTC-5) = 17:00Z; Sunday 12:00 EDT (UTC-4) = 16:00Z: 23 hours.
    const springStay = await bookStay(place, iso(addDays(spring, -1)), iso(spring), 2);
    expect(springStay.starts_at.toISOString(), 'check-in at noon EST').toBe(
      `${iso(addDays(spring, -1))}T17:00:00.000Z`,
    );
    expect(springStay.ends_at.toISOString(), 'check-out at noon EDT').toBe(`${iso(spring)}T16:00:00.000Z`);
    expect(Number(springStay.hours), '23 hours').toBe(23);
    expect(springStay.price_breakdown.lines.length, 'one night').toBe(1);
    expect(Number(springStay.total_minor), 'priced once').toBe(20000);

    const autumn = nthSunday(10, 1);
    const autumnStay = await bookStay(place, iso(addDays(autumn, -2)), iso(addDays(autumn, 1)), 2);
    // Three nights (Fri, Sat, Sun), one of them 25 hours long: 24 + 25 + 24 = 73 hours, 3 × 20000.
    expect(Number(autumnStay.hours), '73 hours for three nights').toBe(73);
    expect(
      autumnStay.price_breakdown.lines.map((l) => l.date),
      'each night once',
    ).toEqual([iso(addDays(autumn, -2)), iso(addDays(autumn, -1)), iso(autumn)]);
    expect(Number(autumnStay.total_minor), 'three nights').toBe(60000);
  });
});
