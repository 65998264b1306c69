// Daily history of a property from its bookings and orders, in the property's own time zone, every day
// from the first day with data to yesterday (days without data are 0):
// - lodging (hotel, venue, other): occupancy = room-nights sold / active rooms; a night is sold when a
//   confirmed, checked-in or checked-out booking of a room covers it (cancelled and no-show nights are not);
// - restaurants: covers = table orders that were not voided, by local day. Orders carry no party size, so a
//   table order counts as one cover group — the demo history (supabase/seed/history.ts) models them that way.
import type { Sql } from 'postgres';
import { PredictionError } from './errors.ts';
import type { DailyHistory } from './model.ts';

interface PropertyRow {
  kind: string;
  today: string;
  rooms: number;
}

/** `today` (YYYY-MM-DD) replaces the property's current date: benchmarks read a fixed day's history. */
export async function loadDailyHistory(
  sql: Sql,
  propertyId: string,
  options: { today?: string } = {},
): Promise<DailyHistory> {
  const [property] = await sql<PropertyRow[]>`
    select p.kind::text as kind,
      coalesce(${options.today ?? null}::date, (now() at time zone p.time_zone)::date)::text as today,
      (select count(*)::int from public.resources r join public.resource_types t on t.id = r.resource_type_id
        where r.property_id = p.id and r.active and t.kind = 'room') as rooms
    from public.properties p where p.id = ${propertyId}`;
  if (!property) throw new PredictionError('property_not_found', `property ${propertyId} does not exist`);

  if (property.kind === 'restaurant') {
    const days = await sql<{ date: string; value: number }[]>`
      with daily as (
        select (coalesce(o.submitted_at, o.created_at) at time zone p.time_zone)::date as day, count(*)::int as covers
        from public.orders o join public.properties p on p.id = o.property_id
        where o.property_id = ${propertyId} and o.kind = 'table' and o.status <> 'voided'
        group by 1
      )
      select d::date::text as date, coalesce(daily.covers, 0)::float8 as value
      from generate_series((select min(day) from daily), ${property.today}::date - 1, interval '1 day') as d
      left join daily on daily.day = d::date
      order by d`;
    return { kind: 'covers', days: days.map((day) => ({ date: day.date, value: day.value })) };
  }

  if (property.rooms === 0) return { kind: 'occupancy', days: [] };
  const days = await sql<{ date: string; value: number }[]>`
    with stays as (
      select b.arrival_date, b.departure_date
      from public.bookings b
      join public.resources r on r.id = b.resource_id
      join public.resource_types t on t.id = r.resource_type_id
      where b.property_id = ${propertyId} and t.kind = 'room' and b.status in ('confirmed', 'checked_in', 'checked_out')
        and b.departure_date > b.arrival_date
    )
    select d::date::text as date,
      ((select count(*) from stays s where s.arrival_date <= d::date and s.departure_date > d::date)::float8 / ${property.rooms}) as value
    from generate_series((select min(arrival_date) from stays), ${property.today}::date - 1, interval '1 day') as d
    order by d`;
  return { kind: 'occupancy', days: days.map((day) => ({ date: day.date, value: day.value })) };
}
