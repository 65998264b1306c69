// The staff bench's data: the demo (supabase/seed.sql: Harbour View Hotel's 40 rooms, Harbour
// Kitchen's 20 tables, menu and stations) plus "Bench Tower", a 200-room hotel of Harbour Hotels.
// Both hotels get a year of stays from one seeded generator (half a year back, half ahead, about
// 70 % of nights sold), laid out around today because the grid reads "today" from the real
// clock; the demo hotel is the 40-room baseline of the grid measure. Also 500 guests for those
// stays and guests named for the latency samples. Written as the superuser before any service
// starts (Realtime never sees these rows).
import type { Sql, TransactionSql } from 'postgres';
import { seed } from '../../supabase/local/migrate.ts';
import { seededRandom } from '../rls/stats.ts';

export const ORGANIZATION = 'b0000000-0000-4000-8000-000000000001';
export const SLUG = 'harbour-hotels';
export const HOTEL = 'c0000000-0000-4000-8000-000000000001';
export const RESTAURANT = 'c0000000-0000-4000-8000-000000000002';
export const KITCHEN_STATION = 'f2000000-0000-4000-8000-000000000001';
/** Sam Staff: front desk, works at the hotel only. */
export const FRONT_DESK = 'frontdesk@demo.roost.test';
/** Maria Manager: every property (the restaurant's screens, the bench hotels). */
export const MANAGER = 'manager@demo.roost.test';
/** A starter: routed to the kitchen station, no modifier group. */
export const KITCHEN_ITEM = 'Caldo verde';

const SEED = 20261206;
const DAYS_BACK = 182;
const DAYS_AHEAD = 183;

export interface Fixture {
  tower: string;
  /** Bookings of the year of stays, in Bench Tower and in the demo hotel. */
  towerBookings: number;
  hotelBookings: number;
  kitchenItem: string;
  tables: { id: string; name: string }[];
  /** Guests "Bench Guest 1…n" of Harbour Hotels, by number. */
  guests: string[];
}

interface Stay {
  resourceId: string;
  arrival: number;
  nights: number;
}

/** Stays of one hotel's rooms: 1–5 nights, then 0–3 free nights, from DAYS_BACK ago to DAYS_AHEAD. */
function planStays(rooms: string[], seed: number): Stay[] {
  const next = seededRandom(seed);
  const stays: Stay[] = [];
  for (const resourceId of rooms) {
    let day = -DAYS_BACK + Math.floor(next() * 4);
    while (day < DAYS_AHEAD) {
      const nights = 1 + Math.floor(next() * 5);
      stays.push({ resourceId, arrival: day, nights });
      day += nights + (next() < 0.35 ? 0 : 1 + Math.floor(next() * 3));
    }
  }
  return stays;
}

async function createHotel(tx: TransactionSql, name: string, rooms: number): Promise<string> {
  const [property] = await tx<{ id: string }[]>`
    insert into public.properties (organization_id, name, kind, time_zone, currency)
    values (${ORGANIZATION}, ${name}, 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
  const propertyId = (property as { id: string }).id;
  const types = await tx<{ id: string }[]>`
    insert into public.resource_types (organization_id, property_id, kind, name, pricing)
    select ${ORGANIZATION}, ${propertyId}, 'room', t, 'night' from unnest(array['Standard', 'Superior', 'Deluxe', 'Suite']) t
    returning id`;
  await tx`
    insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor)
    select ${ORGANIZATION}, ${propertyId}, t.id, 'Best available', 10000 from public.resource_types t
    where t.property_id = ${propertyId}`;
  await tx`
    insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
    select ${ORGANIZATION}, ${propertyId}, (${types.map((t) => t.id)}::uuid[])[1 + (n - 1) * 4 / ${rooms}::int],
      (100 * (1 + (n - 1) / 25) + 1 + (n - 1) % 25)::text, 2
    from generate_series(1, ${rooms}::int) n`;
  return propertyId;
}

/** A year of stays in every room of the property; returns how many bookings. */
async function fillYear(tx: TransactionSql, propertyId: string, seed: number): Promise<number> {
  const created = await tx<{ id: string }[]>`
    select id from public.resources where property_id = ${propertyId} order by name`;
  const stays = planStays(
    created.map((row) => row.id),
    seed,
  );
  const result = await tx`
    with today as (select (now() at time zone 'Europe/Lisbon')::date as d),
    guests as (select array_agg(id order by id) as ids from public.guests where organization_id = ${ORGANIZATION}),
    s as (
      select u.resource_id::uuid as resource_id, t.d + u.arrival::int as arrival, t.d + u.arrival::int + u.nights::int as departure,
        u.ord
      from unnest(${stays.map((s) => s.resourceId)}::text[], ${stays.map((s) => String(s.arrival))}::text[],
        ${stays.map((s) => String(s.nights))}::text[]) with ordinality as u(resource_id, arrival, nights, ord)
      cross join today t
    )
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
      arrival_date, departure_date, party_size, total_minor, price_breakdown, confirmed_at, checked_in_at, checked_out_at)
    select ${ORGANIZATION}, ${propertyId}, s.resource_id, g.ids[(1 + s.ord % array_length(g.ids, 1))::int],
      (case when s.departure <= t.d then 'checked_out' when s.arrival <= t.d then 'checked_in' else 'confirmed' end)::public.booking_status,
      r.period, r.period, s.arrival, s.departure, 2, 10000 * (s.departure - s.arrival), '{}',
      lower(r.period) - interval '20 days',
      case when s.arrival <= t.d then lower(r.period) end,
      case when s.departure <= t.d then upper(r.period) - interval '30 minutes' end
    from s cross join today t cross join guests g
    cross join lateral (select tstzrange((s.arrival + time '15:00') at time zone 'Europe/Lisbon',
      (s.departure + time '11:00') at time zone 'Europe/Lisbon') as period) r`;
  return result.count;
}

export async function loadFixture(admin: Sql, sampleGuests: number): Promise<Fixture> {
  let tower = '';
  let towerBookings = 0;
  let hotelBookings = 0;
  await seed(admin, undefined, async (tx) => {
    await tx`
      insert into public.guests (organization_id, full_name, email)
      select ${ORGANIZATION}, format('Guest %s', n), format('guest-%s@example.test', n) from generate_series(1, 500) n`;
    // Bulk rows: no audit entry each (as the demo history loads).
    await tx`alter table public.bookings disable trigger bookings_audit`;
    tower = await createHotel(tx, 'Bench Tower', 200);
    towerBookings = await fillYear(tx, tower, SEED);
    hotelBookings = await fillYear(tx, HOTEL, SEED);
    await tx`alter table public.bookings enable trigger bookings_audit`;
  });
  const guests = await admin<{ id: string }[]>`
    insert into public.guests (organization_id, full_name, email)
    select ${ORGANIZATION}, format('Bench Guest %s', n), format('bench-guest-%s@example.test', n)
    from generate_series(1, ${sampleGuests}) n
    order by n
    returning id`;
  const [item] = await admin<{ id: string }[]>`
    select id from public.catalogue_items where organization_id = ${ORGANIZATION} and name = ${KITCHEN_ITEM}`;
  const tables = await admin<{ id: string; name: string }[]>`
    select id, name from public.resources where property_id = ${RESTAURANT} order by substr(name, 2)::int`;
  await admin.unsafe('vacuum (analyze)');
  return {
    tower,
    towerBookings,
    hotelBookings,
    kitchenItem: (item as { id: string }).id,
    tables,
    guests: guests.map((row) => row.id),
  };
}
