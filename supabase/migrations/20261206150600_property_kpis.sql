-- Key figures of a property by local day, for the dashboards (issue 15). Security invoker: the
-- bookings', resources' and orders' own RLS decide what the caller counts, so a member restricted
-- to one property gets zeros for another (its rows are invisible), never another tenant's numbers.
--
-- Definitions (local days in the property's time zone; the dashboard states them too):
-- - rooms: active resources whose type is a room; a room is out of order on a day when an
--   out-of-service period overlaps that night (check-in time of the day to check-out time of the
--   next, from property_settings, 15:00/11:00 by default);
-- - rooms available = rooms − out of order; rooms sold = confirmed, checked-in and checked-out
--   stays of a room covering the night (arrival ≤ day < departure); held, cancelled and no-show
--   nights are not sold;
-- - occupancy = sold ÷ available; room revenue = the sold nights' priced lines (rate and extra
--   guests) net of taxes (exclusive taxes are not in a line; an inclusive tax's share is taken out,
--   half up); ADR = room revenue ÷ sold; RevPAR = room revenue ÷ available (both half up);
-- - arrivals/departures: stays arriving/leaving that day that are confirmed, checked in or out;
--   no-shows: stays due that day marked no-show; in house: checked-in or checked-out stays covering
--   the night;
-- - covers booked: party sizes of table bookings that day (confirmed, checked in or out); covers
--   seated: of those, checked in or out;
-- - pickup: bookings confirmed that day (any resource); cancellations: confirmed bookings
--   cancelled that day;
-- - food / beverage / other revenue: order lines (not voided, of orders not voided) submitted that
--   day, net of their discount share and tax, by the kind of station that prepares them (kitchen →
--   food, bar → beverage, anything else or no station → other).
--
-- Ticket times need the moment a line was ready: order_items.ready_at, stamped by a trigger.

alter table public.order_items add column ready_at timestamptz;
comment on column public.order_items.ready_at is 'When the kitchen or bar marked the line ready (ticket times).';

create function private.stamp_order_item_ready()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status = 'ready' and old.status is distinct from 'ready' then
    new.ready_at := now();
  end if;
  return new;
end;
$$;
create trigger order_items_stamp_ready before update of status on public.order_items
  for each row execute function private.stamp_order_item_ready();
revoke execute on function private.stamp_order_item_ready() from public, anon, authenticated;

-- Reads by day need the stays and orders of a property by date.
create index bookings_property_departure_idx on public.bookings (property_id, departure_date);
create index bookings_property_confirmed_idx on public.bookings (property_id, confirmed_at) where confirmed_at is not null;
create index bookings_property_cancelled_idx on public.bookings (property_id, cancelled_at) where cancelled_at is not null;
create index orders_property_submitted_idx on public.orders (property_id, submitted_at) where submitted_at is not null;

create function public.property_daily_kpis(p_property_id uuid, p_from date, p_to date)
returns table (
  day date,
  rooms_total integer,
  rooms_out_of_order integer,
  rooms_available integer,
  rooms_sold integer,
  occupancy numeric,
  room_revenue_minor bigint,
  adr_minor bigint,
  revpar_minor bigint,
  arrivals integer,
  departures integer,
  no_shows integer,
  in_house integer,
  covers_booked integer,
  covers_seated integer,
  bookings_made integer,
  cancellations integer,
  food_revenue_minor bigint,
  beverage_revenue_minor bigint,
  other_revenue_minor bigint
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_time_zone text;
  v_check_in time;
  v_check_out time;
begin
  -- Security invoker: the checks raise directly (the private helpers are not the caller's).
  if p_property_id is null then
    raise exception using errcode = '22023', message = 'invalid_property_id', detail = 'Property id is required.';
  end if;
  if p_from is null or p_to is null or p_to < p_from or p_to - p_from > 731 then
    raise exception using errcode = '22023', message = 'invalid_period',
      detail = 'From and to are required, to not before from, at most two years apart.';
  end if;
  select p.time_zone, coalesce(s.check_in_time, time '15:00'), coalesce(s.check_out_time, time '11:00')
  into v_time_zone, v_check_in, v_check_out
  from public.properties p
  left join public.property_settings s on s.property_id = p.id
  where p.id = p_property_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'property_not_found', detail = 'No such property, or you do not work there.';
  end if;

  return query
  with days as (
    select d::date as day,
      (d::date + v_check_in) at time zone v_time_zone as night_starts,
      (d::date + 1 + v_check_out) at time zone v_time_zone as night_ends
    from generate_series(p_from, p_to, interval '1 day') d
  ),
  rooms as (
    select r.id
    from public.resources r
    join public.resource_types t on t.id = r.resource_type_id
    where r.property_id = p_property_id and r.active and t.kind = 'room'
  ),
  out_of_order as (
    select d.day, count(distinct o.resource_id)::integer as rooms
    from days d
    join public.resource_out_of_service o
      on o.property_id = p_property_id and o.period && tstzrange(d.night_starts, d.night_ends)
    join rooms on rooms.id = o.resource_id
    group by d.day
  ),
  stays as (
    select b.id, b.status, b.arrival_date, b.departure_date, b.price_breakdown
    from public.bookings b
    join rooms on rooms.id = b.resource_id
    where b.property_id = p_property_id and b.arrival_date <= p_to and b.departure_date >= p_from
  ),
  sold_nights as (
    select (l ->> 'date')::date as day,
      (l ->> 'amount_minor')::bigint - case
        when coalesce((s.price_breakdown ->> 'subtotal_minor')::numeric, 0) > 0
          then round((l ->> 'amount_minor')::numeric * coalesce((s.price_breakdown ->> 'inclusive_taxes_minor')::numeric, 0)
            / (s.price_breakdown ->> 'subtotal_minor')::numeric)::bigint
        else 0
      end as revenue_minor
    from stays s
    cross join lateral jsonb_array_elements(s.price_breakdown -> 'lines') l
    where s.status in ('confirmed', 'checked_in', 'checked_out')
      and (l ->> 'date')::date >= s.arrival_date and (l ->> 'date')::date < s.departure_date
      and (l ->> 'date')::date between p_from and p_to
  ),
  stay_days as (
    select d.day,
      count(*) filter (where s.status in ('confirmed', 'checked_in', 'checked_out')
        and s.arrival_date <= d.day and s.departure_date > d.day)::integer as sold,
      count(*) filter (where s.status in ('confirmed', 'checked_in', 'checked_out') and s.arrival_date = d.day)::integer as arrivals,
      count(*) filter (where s.status in ('confirmed', 'checked_in', 'checked_out') and s.departure_date = d.day)::integer as departures,
      count(*) filter (where s.status = 'no_show' and s.arrival_date = d.day)::integer as no_shows,
      count(*) filter (where s.status in ('checked_in', 'checked_out')
        and s.arrival_date <= d.day and s.departure_date > d.day)::integer as in_house
    from days d
    join stays s on s.arrival_date <= d.day and s.departure_date >= d.day
    group by d.day
  ),
  revenue as (
    select n.day, sum(n.revenue_minor)::bigint as revenue_minor from sold_nights n group by n.day
  ),
  covers as (
    select b.arrival_date as day,
      coalesce(sum(b.party_size) filter (where b.status in ('confirmed', 'checked_in', 'checked_out')), 0)::integer as booked,
      coalesce(sum(b.party_size) filter (where b.status in ('checked_in', 'checked_out')), 0)::integer as seated
    from public.bookings b
    join public.resources r on r.id = b.resource_id
    join public.resource_types t on t.id = r.resource_type_id
    where b.property_id = p_property_id and t.kind = 'table' and b.arrival_date between p_from and p_to
    group by b.arrival_date
  ),
  pickup as (
    select (b.confirmed_at at time zone v_time_zone)::date as day, count(*)::integer as made
    from public.bookings b
    where b.property_id = p_property_id
      and b.confirmed_at >= (p_from::timestamp at time zone v_time_zone)
      and b.confirmed_at < ((p_to + 1)::timestamp at time zone v_time_zone)
    group by 1
  ),
  cancelled as (
    select (b.cancelled_at at time zone v_time_zone)::date as day, count(*)::integer as cancellations
    from public.bookings b
    where b.property_id = p_property_id and b.status = 'cancelled' and b.confirmed_at is not null
      and b.cancelled_at >= (p_from::timestamp at time zone v_time_zone)
      and b.cancelled_at < ((p_to + 1)::timestamp at time zone v_time_zone)
    group by 1
  ),
  sales as (
    select (o.submitted_at at time zone v_time_zone)::date as day,
      coalesce(st.kind::text, 'other') as kind,
      sum(i.line_subtotal_minor - i.discount_minor - case when i.prices_include_tax then i.tax_minor else 0 end)::bigint as net_minor
    from public.orders o
    join public.order_items i on i.order_id = o.id
    left join public.stations st on st.id = i.station_id
    where o.property_id = p_property_id and o.status <> 'voided' and i.status <> 'voided'
      and o.submitted_at >= (p_from::timestamp at time zone v_time_zone)
      and o.submitted_at < ((p_to + 1)::timestamp at time zone v_time_zone)
    group by 1, 2
  ),
  figures as (
    select d.day,
      (select count(*)::integer from rooms) as total,
      coalesce(ooo.rooms, 0) as out_of_order,
      coalesce(sd.sold, 0) as sold,
      coalesce(rv.revenue_minor, 0)::bigint as revenue_minor,
      sd.arrivals, sd.departures, sd.no_shows, sd.in_house,
      cv.booked, cv.seated, pk.made, cn.cancellations
    from days d
    left join out_of_order ooo on ooo.day = d.day
    left join stay_days sd on sd.day = d.day
    left join revenue rv on rv.day = d.day
    left join covers cv on cv.day = d.day
    left join pickup pk on pk.day = d.day
    left join cancelled cn on cn.day = d.day
  )
  select f.day, f.total, f.out_of_order, f.total - f.out_of_order, f.sold,
    case when f.total - f.out_of_order > 0 then round(f.sold::numeric / (f.total - f.out_of_order), 4) end,
    f.revenue_minor,
    case when f.sold > 0 then round(f.revenue_minor::numeric / f.sold)::bigint end,
    case when f.total - f.out_of_order > 0 then round(f.revenue_minor::numeric / (f.total - f.out_of_order))::bigint end,
    coalesce(f.arrivals, 0), coalesce(f.departures, 0), coalesce(f.no_shows, 0), coalesce(f.in_house, 0),
    coalesce(f.booked, 0), coalesce(f.seated, 0), coalesce(f.made, 0), coalesce(f.cancellations, 0),
    coalesce((select s.net_minor from sales s where s.day = f.day and s.kind = 'kitchen'), 0)::bigint,
    coalesce((select s.net_minor from sales s where s.day = f.day and s.kind = 'bar'), 0)::bigint,
    coalesce((select sum(s.net_minor) from sales s where s.day = f.day and s.kind not in ('kitchen', 'bar')), 0)::bigint
  from figures f
  order by f.day;
end;
$$;
comment on function public.property_daily_kpis(uuid, date, date) is
  'Occupancy, ADR, RevPAR, arrivals, covers, pickup and revenue by local day (definitions in the migration header).';

-- The kitchen right now and today: open orders by status, and ticket times per station. A ticket
-- is one order's lines at one station; its time runs from the order's submission to the last of
-- those lines being ready, counted for tickets finished (every line ready or served) on that day.
create function public.property_service_kpis(p_property_id uuid, p_day date)
returns table (
  station_id uuid,
  station_name text,
  station_kind public.station_kind,
  tickets_done integer,
  average_ticket_seconds integer,
  lines_waiting integer
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_time_zone text;
begin
  if p_property_id is null then
    raise exception using errcode = '22023', message = 'invalid_property_id', detail = 'Property id is required.';
  end if;
  if p_day is null then
    raise exception using errcode = '22023', message = 'invalid_day', detail = 'Day is required.';
  end if;
  select p.time_zone into v_time_zone from public.properties p where p.id = p_property_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'property_not_found', detail = 'No such property, or you do not work there.';
  end if;

  return query
  with tickets as (
    select i.station_id, o.id as order_id, o.submitted_at,
      max(i.ready_at) as ready_at,
      bool_and(i.status in ('ready', 'served')) as done
    from public.orders o
    join public.order_items i on i.order_id = o.id and i.status <> 'voided'
    where o.property_id = p_property_id and o.status <> 'voided' and o.submitted_at is not null
      and i.station_id is not null
    group by i.station_id, o.id, o.submitted_at
  ),
  finished as (
    select t.station_id, count(*)::integer as done,
      round(avg(extract(epoch from t.ready_at - t.submitted_at)))::integer as seconds
    from tickets t
    where t.done and t.ready_at is not null
      and (t.ready_at at time zone v_time_zone)::date = p_day
    group by t.station_id
  ),
  waiting as (
    select i.station_id, count(*)::integer as lines
    from public.order_items i
    join public.orders o on o.id = i.order_id
    where o.property_id = p_property_id and o.status in ('submitted', 'preparing', 'ready', 'served')
      and i.status in ('queued', 'preparing')
    group by i.station_id
  )
  select s.id, s.name, s.kind, coalesce(f.done, 0), f.seconds, coalesce(w.lines, 0)
  from public.stations s
  left join finished f on f.station_id = s.id
  left join waiting w on w.station_id = s.id
  where s.property_id = p_property_id
  order by s.kind, s.name;
end;
$$;
comment on function public.property_service_kpis(uuid, date) is
  'Per station: tickets finished on the day with their average time, and lines waiting now.';

create function public.property_open_orders(p_property_id uuid)
returns table (status public.order_status, orders integer)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if p_property_id is null then
    raise exception using errcode = '22023', message = 'invalid_property_id', detail = 'Property id is required.';
  end if;
  if not exists (select 1 from public.properties p where p.id = p_property_id) then
    raise exception using errcode = 'PT404', message = 'property_not_found', detail = 'No such property, or you do not work there.';
  end if;
  return query
  select o.status, count(*)::integer
  from public.orders o
  where o.property_id = p_property_id and o.status in ('submitted', 'preparing', 'ready', 'served')
  group by o.status
  order by o.status;
end;
$$;
comment on function public.property_open_orders(uuid) is 'Orders not yet closed at the property, by status.';

revoke execute on function public.property_daily_kpis(uuid, date, date), public.property_service_kpis(uuid, date),
  public.property_open_orders(uuid) from public, anon;
grant execute on function public.property_daily_kpis(uuid, date, date), public.property_service_kpis(uuid, date),
  public.property_open_orders(uuid) to authenticated, service_role;
