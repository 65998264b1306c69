// The dashboards bench's data, written as the superuser before any service starts (Realtime never
// sees these rows): the demo (supabase/seed.sql) with its generated year of history anchored at
// BENCH_HISTORY_TODAY, as bench/web seeds it, plus "Bench Group", an organisation of 100 small
// hotels (5 rooms each, two-night stays every third night from 60 days back to 60 ahead of today:
// the roll-up reads "today" from the real clock) whose owner is Maria Manager (an owner reads every
// property). Bulk SQL, no audit entry per row (as the demo history loads).
import type { Sql } from 'postgres';
import { seed } from '../../supabase/local/migrate.ts';
import { BENCH_HISTORY_TODAY, loadDemoHistory } from '../../supabase/seed/history.ts';

export { HOTEL, MANAGER, ORGANIZATION, SLUG } from '../staff/fixture.ts';

import { HOTEL } from '../staff/fixture.ts';

export const GROUP = 'b0000000-0000-4000-8000-0000000000d0';
export const GROUP_SLUG = 'bench-group';
export const GROUP_PROPERTIES = 100;
const GROUP_ROOMS = 5;
/** Maria Manager (supabase/seed.sql). */
const MANAGER_ID = 'a0000000-0000-4000-8000-000000000003';

export interface Fixture {
  /** Bookings of the demo hotel and of the group. */
  hotelBookings: number;
  groupBookings: number;
  /** A room of the demo hotel free tonight: the marker bookings' room. */
  markerRoom: string;
  /** The demo hotel's other rooms: the writer's. */
  rooms: string[];
}

export async function loadFixture(admin: Sql): Promise<Fixture> {
  let groupBookings = 0;
  await seed(admin, undefined, async (tx) => {
    await loadDemoHistory(tx, { today: BENCH_HISTORY_TODAY });
    await tx`alter table public.bookings disable trigger bookings_audit`;
    await tx`
      insert into public.organizations (id, slug, name, time_zone, currency, locale, created_by)
      values (${GROUP}, ${GROUP_SLUG}, 'Bench Group', 'Europe/Lisbon', 'EUR', 'en', ${MANAGER_ID})`;
    await tx`
      insert into public.memberships (organization_id, user_id, role, all_properties)
      values (${GROUP}, ${MANAGER_ID}, 'owner', true)`;
    await tx`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      select ${GROUP}, format('Bench Inn %s', n), 'hotel', 'Europe/Lisbon', 'EUR'
      from generate_series(1, ${GROUP_PROPERTIES}::int) n`;
    await tx`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      select ${GROUP}, p.id, 'room', 'Double', 'night' from public.properties p where p.organization_id = ${GROUP}`;
    await tx`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      select ${GROUP}, t.property_id, t.id, (100 + n)::text, 2
      from public.resource_types t cross join generate_series(1, ${GROUP_ROOMS}::int) n
      where t.organization_id = ${GROUP}`;
    const inserted = await tx`
      with today as (select (now() at time zone 'Europe/Lisbon')::date as d),
      s as (
        select r.id as resource_id, r.property_id, t.d - 60 + 3 * k + (row_number() over () % 3)::int as arrival
        from public.resources r cross join today t cross join generate_series(0, 39) k
        where r.organization_id = ${GROUP}
      )
      insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, confirmed_at,
        checked_in_at, checked_out_at)
      select ${GROUP}, s.property_id, s.resource_id,
        (case when s.arrival + 2 <= t.d then 'checked_out' when s.arrival <= t.d then 'checked_in' else 'confirmed' end)::public.booking_status,
        p.period, p.period, s.arrival, s.arrival + 2, 2, 'EUR', 18000, '{}', lower(p.period) - interval '20 days',
        case when s.arrival <= t.d then lower(p.period) end,
        case when s.arrival + 2 <= t.d then upper(p.period) - interval '30 minutes' end
      from s cross join today t
      cross join lateral (select tstzrange((s.arrival + time '15:00') at time zone 'Europe/Lisbon',
        (s.arrival + 2 + time '11:00') at time zone 'Europe/Lisbon') as period) p`;
    groupBookings = inserted.count;
    // A room free tonight for the markers: the demo hotel's history may have sold every room.
    await tx`
      with today as (select (now() at time zone 'Europe/Lisbon')::date as d),
      room as (select id from public.resources where property_id = ${HOTEL} order by name desc limit 1)
      update public.bookings b set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 0
      from today t, room
      where b.resource_id = room.id and b.status in ('held', 'confirmed', 'checked_in')
        and b.arrival_date <= t.d + 1 and b.departure_date >= t.d`;
    await tx`alter table public.bookings enable trigger bookings_audit`;
  });
  await admin.unsafe('vacuum (analyze)');
  const rooms = await admin<{ id: string }[]>`
    select id from public.resources where property_id = ${HOTEL} order by name desc`;
  const [hotel] = await admin<{ count: string }[]>`
    select count(*) from public.bookings where property_id = ${HOTEL}`;
  return {
    hotelBookings: Number(hotel?.count ?? 0),
    groupBookings,
    markerRoom: (rooms[0] as { id: string }).id,
    rooms: rooms.slice(1).map((row) => row.id),
  };
}
