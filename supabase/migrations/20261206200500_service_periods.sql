-- Table service periods per property (issue 16 remainder, decision 044): when a restaurant seats
-- guests, by ISO weekday (1 = Monday … 7 = Sunday): first seating, last seating and the minutes
-- between seatings. The public widget offers exactly these times and refuses others; the staff
-- reservation book shows the day's hours from the same function. A property that never set them
-- (null) keeps the former fixed hours, 12:00–21:30 every 30 minutes, every day; an empty list
-- means closed every day.

-- The shape: an array of at most 28 objects with exactly weekday (1–7), opens and last_seating
-- ("HH:MM", last seating not before opening) and slot_minutes (5–240).
create function private.are_service_periods(p_periods jsonb)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_period jsonb;
begin
  if jsonb_typeof(p_periods) <> 'array' or jsonb_array_length(p_periods) > 28 then
    return false;
  end if;
  for v_period in select value from jsonb_array_elements(p_periods) loop
    if jsonb_typeof(v_period) <> 'object'
      or (select array_agg(k order by k) from jsonb_object_keys(v_period) k)
        is distinct from array['last_seating', 'opens', 'slot_minutes', 'weekday']
      or jsonb_typeof(v_period -> 'weekday') <> 'number' or (v_period ->> 'weekday') !~ '^[1-7]$'
      or jsonb_typeof(v_period -> 'slot_minutes') <> 'number' or (v_period ->> 'slot_minutes') !~ '^[0-9]{1,3}$'
      or jsonb_typeof(v_period -> 'opens') <> 'string' or (v_period ->> 'opens') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
      or jsonb_typeof(v_period -> 'last_seating') <> 'string'
      or (v_period ->> 'last_seating') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' then
      return false;
    end if;
    if (v_period ->> 'slot_minutes')::integer not between 5 and 240
      or (v_period ->> 'last_seating') < (v_period ->> 'opens') then
      return false;
    end if;
  end loop;
  return true;
end;
$$;

-- No two periods of one weekday share a minute (well-shaped lists only; the shape check refuses the rest).
create function private.service_periods_apart(p_periods jsonb)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select not private.are_service_periods(p_periods) or not exists (
    select 1
    from jsonb_array_elements(p_periods) with ordinality a(period, n)
    join jsonb_array_elements(p_periods) with ordinality b(period, n)
      on a.n < b.n and a.period -> 'weekday' = b.period -> 'weekday'
    where (a.period ->> 'opens') <= (b.period ->> 'last_seating')
      and (b.period ->> 'opens') <= (a.period ->> 'last_seating'));
$$;

alter table public.property_settings
  add column service_periods jsonb,
  add constraint property_settings_service_periods_shape
    check (service_periods is null or private.are_service_periods(service_periods)),
  add constraint property_settings_service_periods_overlap
    check (service_periods is null or private.service_periods_apart(service_periods));
comment on column public.property_settings.service_periods is
  'Table service: [{weekday 1-7 (ISO), opens HH:MM, last_seating HH:MM, slot_minutes}]; null = 12:00-21:30 every 30 min daily; [] = closed.';

-- The seating times of one local date, in order (the weekday's periods, or the former fixed hours).
create function private.service_slot_times(p_settings public.property_settings, p_date date)
returns setof time
language sql
stable
set search_path = ''
as $$
  select distinct t::time
  from (
    select (p ->> 'opens')::time as opens, (p ->> 'last_seating')::time as last_seating,
      (p ->> 'slot_minutes')::integer as slot_minutes
    from jsonb_array_elements(p_settings.service_periods) p
    where (p ->> 'weekday')::integer = extract(isodow from p_date)::integer
    union all
    select time '12:00', time '21:30', 30 where p_settings.service_periods is null
  ) s
  cross join generate_series(timestamp '2000-01-01' + s.opens, timestamp '2000-01-01' + s.last_seating,
    make_interval(mins => s.slot_minutes)) t
  order by 1;
$$;

-- The check constraints run as the writer (managers through the Data API): their two functions to
-- authenticated; the slot times only inside security definer functions; nothing to anon.
revoke execute on function
  private.are_service_periods(jsonb),
  private.service_periods_apart(jsonb),
  private.service_slot_times(public.property_settings, date)
  from public, anon;
grant execute on function private.are_service_periods(jsonb), private.service_periods_apart(jsonb)
  to authenticated, service_role;

-- For the staff reservation book: the day's periods and seating times, for anyone working at the property.
create function public.table_service_hours(p_property_id uuid, p_date date)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_property public.properties := private.search_property(p_property_id, 1);
  v_settings public.property_settings := private.property_settings_of(v_property.id);
begin
  perform private.check_input(p_date between date '2000-01-01' and date '2200-01-01', 'invalid_date',
    'Date is required (between 2000 and 2200).');
  return jsonb_build_object(
    'date', p_date,
    'configured', v_settings.service_periods is not null,
    'periods', coalesce((
      select jsonb_agg(jsonb_build_object('opens', p ->> 'opens', 'last_seating', p ->> 'last_seating',
          'slot_minutes', (p ->> 'slot_minutes')::integer) order by p ->> 'opens')
      from jsonb_array_elements(coalesce(v_settings.service_periods,
        '[{"weekday": 0, "opens": "12:00", "last_seating": "21:30", "slot_minutes": 30}]'::jsonb)) p
      where (p ->> 'weekday')::integer in (extract(isodow from p_date)::integer, 0)), '[]'::jsonb),
    'times', coalesce((select jsonb_agg(to_char(t, 'HH24:MI') order by t) from private.service_slot_times(v_settings, p_date) t),
      '[]'::jsonb));
end;
$$;
revoke execute on function public.table_service_hours(uuid, date) from public, anon;
grant execute on function public.table_service_hours(uuid, date) to authenticated, service_role;

-- The widget's slots: the service periods' seating times instead of the fixed 12:00–21:30.
create or replace function public.widget_table_slots(p_key text, p_date date, p_party integer)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_property public.properties;
  v_settings public.property_settings := private.property_settings_of(v_key.property_id);
  v_time time;
  v_stay record;
  v_slots jsonb := '[]';
begin
  perform private.check_input(p_date between date '2000-01-01' and date '2200-01-01', 'invalid_date',
    'Date is required (between 2000 and 2200).');
  perform private.check_input(p_party between 1 and 1000, 'invalid_party_size', 'Party size must be 1 to 1000.');
  select * into v_property from public.properties p where p.id = v_key.property_id;
  for v_time in select t from private.service_slot_times(v_settings, p_date) t loop
    select * into v_stay from private.booking_stay('slot', v_settings, v_property.time_zone, p_date, null, v_time, 90);
    continue when not private.booking_time_allowed(v_settings, v_property.time_zone, v_stay.period, v_stay.arrival_date, 'widget');
    select v_slots || coalesce(jsonb_agg(jsonb_build_object('time', to_char(v_time, 'HH24:MI'), 'starts_at', lower(v_stay.period),
        'resource_type_id', c.resource_type_id, 'name', c.resource_type_name, 'available_count', c.available,
        'total_minor', c.total_minor, 'currency', c.currency,
        'deposit_minor', private.deposit_due(v_settings, c.price_breakdown)) order by c.total_minor, c.resource_type_name), '[]')
    into v_slots
    from (
      select distinct on (o.resource_type_id) o.resource_type_id, o.resource_type_name, o.total_minor, o.currency,
        o.price_breakdown, cardinality(o.resource_ids) as available
      from private.available_offers(v_key.property_id, 'slot', v_stay.blocked_period, v_stay.dates, p_party) o
      order by o.resource_type_id, o.total_minor
    ) c;
  end loop;
  return jsonb_build_object('date', p_date, 'duration_minutes', 90, 'slots', v_slots);
end;
$$;

-- A widget reservation only at one of the day's seating times (outside_service_hours otherwise:
-- the API would otherwise book 03:00 for anyone who calls it directly).
create or replace function public.widget_reserve_table(
  p_key text,
  p_resource_type_id uuid,
  p_date date,
  p_time time,
  p_party integer,
  p_name text,
  p_email text,
  p_phone text,
  p_terms boolean,
  p_marketing boolean,
  p_idempotency_key text
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_settings public.property_settings := private.property_settings_of(v_key.property_id);
  v_booking public.bookings;
  v_deposit bigint;
begin
  perform private.check_input(p_time is not null, 'invalid_time', 'Start time is required.');
  perform private.check_input(p_terms is true, 'terms_not_accepted', 'Accept the terms to book.');
  perform private.check_input(p_marketing is not null, 'invalid_marketing_consent', 'Say whether you want marketing email.');
  perform private.check_input(p_date between date '2000-01-01' and date '2200-01-01', 'invalid_date',
    'Date is required (between 2000 and 2200).');
  if not exists (select 1 from private.service_slot_times(v_settings, p_date) t where t = p_time) then
    perform private.raise_error('outside_service_hours', 'The restaurant does not seat guests at this time.', 'P0001');
  end if;
  -- The guest first (their input is checked before anything is held), then the booking.
  v_booking := private.widget_book(v_key, p_resource_type_id, p_date, null, p_time, 90, p_party, p_idempotency_key,
    private.widget_guest(v_key.organization_id, p_name, p_email, p_phone, p_marketing), false);
  insert into private.widget_holds (booking_id, widget_key_id, token_hash)
  values (v_booking.id, v_key.id, private.widget_token_hash(private.widget_hold_token(v_booking.id)))
  on conflict (booking_id) do nothing;
  v_deposit := private.deposit_due(v_settings, v_booking.price_breakdown);
  if v_booking.status = 'held' and v_deposit = 0 then
    v_booking := private.confirm_locked_booking(private.lock_bookable(v_booking.id));
  end if;
  if v_booking.status = 'held' then
    return private.widget_hold_answer(v_booking) || jsonb_build_object('status', 'payment_required',
      'amount_minor', v_deposit, 'payment_idempotency_key', 'widget-booking-' || v_booking.id::text);
  end if;
  return jsonb_build_object('status', v_booking.status, 'booking_id', v_booking.id, 'reference', v_booking.reference);
end;
$$;
