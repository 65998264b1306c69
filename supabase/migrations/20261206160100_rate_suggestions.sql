-- Rate suggestions (issue 15 item 6, decision 028): per room type and night, a suggested price from
-- the latest occupancy forecast and the on-the-books pace against last year, within bounds the
-- manager sets; the manager accepts suggestions into rate overrides. Nothing here changes a price
-- except public.accept_rate_suggestions, called by a person.
--
-- The rule (all numbers in numeric, money in bigint minor units as in decision 006):
-- - current: what a one-night stay of included_guests would pay per night today, i.e. the line rate of
--   private.quote() under the type's reference plan (private.pick_rate_plan for one night): the base
--   price or the winning override. Prices are never recomputed outside private.quote.
-- - forecast gap = the latest occupancy forecast for the night (public.forecasts, trained through the
--   as-of day at the latest) − 0.70, the neutral occupancy; absent without a forecast.
-- - pace = (rooms of the type on the books for the night − rooms that were on the books for the same
--   weekday 52 weeks earlier at the same lead time) ÷ rooms of the type. On the books at a moment:
--   confirmed by then and not cancelled by then. Absent when the property's history does not reach
--   back that far (no stay arrived on or before that night a year earlier).
-- - demand index = forecast gap + pace (each 0 when absent); target = anchor × (1 + 0.5 × demand index),
--   rounded to 100 minor units; the anchor is the price before the first accepted suggestion of that night
--   while that suggestion's override is still the one in effect (so accepting does not compound), else
--   the current price.
-- - the neutral 0.70 and the factor 0.5 are the rule's two constants (decision 028).
-- - suggested = target clamped to current ± max step, then to [floor, ceiling] (the bounds win over the
--   step, so a price outside the bounds is brought back in one change).
-- Only room types (priced per night) with bounds and an active rate plan get suggestions.

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.rate_bounds (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  resource_type_id uuid not null,
  -- The property's currency (filled and checked by a trigger).
  currency text not null,
  floor_minor bigint not null,
  ceiling_minor bigint not null,
  -- The most one accepted suggestion may move the price, up or down.
  max_step_minor bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint rate_bounds_type_key unique (resource_type_id),
  constraint rate_bounds_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint rate_bounds_type_fkey foreign key (property_id, resource_type_id)
    references public.resource_types (property_id, id) on delete cascade,
  constraint rate_bounds_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint rate_bounds_floor_range check (floor_minor between 0 and 100000000000),
  constraint rate_bounds_floor_below_ceiling check (floor_minor <= ceiling_minor and ceiling_minor <= 100000000000),
  constraint rate_bounds_step_positive check (max_step_minor > 0 and max_step_minor <= 100000000000)
);
comment on table public.rate_bounds is 'Floor, ceiling and maximum step per change that rate suggestions keep to, per room type.';

-- One row per accepted night and room type (the latest acceptance); the audit log keeps every one.
create table public.rate_suggestion_acceptances (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  resource_type_id uuid not null,
  rate_plan_id uuid not null,
  stay_date date not null,
  currency text not null,
  price_minor bigint not null,
  previous_price_minor bigint not null,
  -- The price before the first accepted suggestion of this night: what later suggestions start from.
  anchor_price_minor bigint not null,
  rate_override_id uuid,
  reason text not null,
  accepted_by uuid,
  accepted_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint rate_suggestion_acceptances_night_key unique (resource_type_id, stay_date),
  constraint rate_suggestion_acceptances_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint rate_suggestion_acceptances_type_fkey foreign key (property_id, resource_type_id)
    references public.resource_types (property_id, id) on delete cascade,
  constraint rate_suggestion_acceptances_plan_fkey foreign key (property_id, rate_plan_id)
    references public.rate_plans (property_id, id) on delete cascade,
  constraint rate_suggestion_acceptances_override_fkey foreign key (rate_override_id)
    references public.rate_overrides (id) on delete set null,
  constraint rate_suggestion_acceptances_accepted_by_fkey foreign key (accepted_by)
    references auth.users (id) on delete set null,
  constraint rate_suggestion_acceptances_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint rate_suggestion_acceptances_prices check (
    price_minor between 0 and 100000000000 and previous_price_minor between 0 and 100000000000
    and anchor_price_minor between 0 and 100000000000
  ),
  constraint rate_suggestion_acceptances_reason_length check (char_length(reason) between 1 and 500)
);
comment on table public.rate_suggestion_acceptances is 'Rate suggestions a manager accepted into rate overrides, per room type and night.';

create index rate_bounds_organization_property_idx on public.rate_bounds (organization_id, property_id);
create index rate_bounds_property_type_idx on public.rate_bounds (property_id, resource_type_id);
create index rate_suggestion_acceptances_organization_property_idx
  on public.rate_suggestion_acceptances (organization_id, property_id);
create index rate_suggestion_acceptances_property_type_idx
  on public.rate_suggestion_acceptances (property_id, resource_type_id);
create index rate_suggestion_acceptances_plan_idx on public.rate_suggestion_acceptances (property_id, rate_plan_id);
create index rate_suggestion_acceptances_override_idx on public.rate_suggestion_acceptances (rate_override_id);
create index rate_suggestion_acceptances_accepted_by_idx on public.rate_suggestion_acceptances (accepted_by);
-- Pace: the stays of a resource by night.
create index if not exists bookings_property_arrival_idx on public.bookings (property_id, arrival_date);

create trigger rate_bounds_touch_updated_at before update on public.rate_bounds
  for each row execute function private.touch_updated_at();
create trigger rate_suggestion_acceptances_touch_updated_at before update on public.rate_suggestion_acceptances
  for each row execute function private.touch_updated_at();
create trigger rate_bounds_organization_immutable before update on public.rate_bounds
  for each row execute function private.forbid_organization_change();
create trigger rate_suggestion_acceptances_organization_immutable before update on public.rate_suggestion_acceptances
  for each row execute function private.forbid_organization_change();
create trigger rate_bounds_audit after insert or update or delete on public.rate_bounds
  for each row execute function private.record_audit('organization_id');
create trigger rate_suggestion_acceptances_audit after insert or update or delete on public.rate_suggestion_acceptances
  for each row execute function private.record_audit('organization_id');
create trigger rate_bounds_match_currency before insert or update of currency, property_id on public.rate_bounds
  for each row execute function private.match_property_currency();
create trigger rate_suggestion_acceptances_match_currency before insert or update of currency, property_id
  on public.rate_suggestion_acceptances for each row execute function private.match_property_currency();

-- ============================================================================================
-- Policies: staff read, managers write the bounds; acceptances are written by the RPC only.
-- ============================================================================================

alter table public.rate_bounds enable row level security;
alter table public.rate_suggestion_acceptances enable row level security;

create policy "staff can read rate bounds of properties they work in" on public.rate_bounds
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff')));
create policy "managers can add rate bounds to properties they work in" on public.rate_bounds
  for insert to authenticated
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can change rate bounds of properties they work in" on public.rate_bounds
  for update to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can remove rate bounds of properties they work in" on public.rate_bounds
  for delete to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));

create policy "staff can read accepted rate suggestions of properties they work in" on public.rate_suggestion_acceptances
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff')));

revoke all on table public.rate_bounds, public.rate_suggestion_acceptances from anon, authenticated;
grant select, insert, update, delete on table public.rate_bounds to authenticated;
grant select on table public.rate_suggestion_acceptances to authenticated;
grant all on table public.rate_bounds, public.rate_suggestion_acceptances to service_role;

-- ============================================================================================
-- Suggestions
-- ============================================================================================

-- The suggestions for the nights p_from … p_to as they would have been at p_as_of (no access
-- checks: the public function and benchmarks call it). The rule is at the top of this file.
create function private.rate_suggestions_at(p_property_id uuid, p_from date, p_to date, p_as_of timestamptz)
returns table (
  stay_date date,
  resource_type_id uuid,
  resource_type_name text,
  rate_plan_id uuid,
  currency text,
  rooms integer,
  on_the_books integer,
  on_the_books_last_year integer,
  forecast_occupancy numeric,
  demand_index numeric,
  anchor_minor bigint,
  current_minor bigint,
  target_minor bigint,
  suggested_minor bigint,
  change_minor bigint,
  floor_minor bigint,
  ceiling_minor bigint,
  max_step_minor bigint,
  accepted_minor bigint,
  reason text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_dates date[] := array(select d::date from generate_series(p_from, p_to, interval '1 day') d order by 1);
  v_history_from date;
  v_as_of_day date;
begin
  select (p_as_of at time zone p.time_zone)::date into v_as_of_day from public.properties p where p.id = p_property_id;
  select min(b.arrival_date) into v_history_from from public.bookings b where b.property_id = p_property_id;

  return query
  with types as (
    select t.id, t.name, rb.floor_minor, rb.ceiling_minor, rb.max_step_minor, rb.currency,
      private.pick_rate_plan(t.id, null, 1) as plan,
      (select count(*)::integer from public.resources r where r.resource_type_id = t.id and r.active) as rooms
    from public.resource_types t
    join public.rate_bounds rb on rb.resource_type_id = t.id
    where t.property_id = p_property_id and t.kind = 'room' and t.pricing = 'night'
      and exists (select 1 from public.rate_plans rp where rp.resource_type_id = t.id and rp.active)
  ),
  -- One quote per type for all the nights: its lines carry each night's rate and winning override.
  -- Materialized, as are the signals: the later steps refer to their columns many times, and an
  -- inlined subquery would run once per reference.
  quoted as materialized (
    select ty.*, (l ->> 'date')::date as day, (l ->> 'rate_minor')::bigint as current_minor,
      nullif(l ->> 'override_id', '')::uuid as override_id
    from types ty
    cross join lateral jsonb_array_elements(
      private.quote(ty.plan, 'room', 'night', v_dates, (ty.plan).included_guests) -> 'lines') l
  ),
  signals as materialized (
    select q.*,
      (select count(*)::integer from public.bookings b
        join public.resources r on r.id = b.resource_id
        where b.property_id = p_property_id and r.resource_type_id = q.id
          and b.arrival_date <= q.day and b.departure_date > q.day
          and b.confirmed_at <= p_as_of and (b.cancelled_at is null or b.cancelled_at > p_as_of)) as otb,
      case when v_history_from <= q.day - 364 then
        (select count(*)::integer from public.bookings b
          join public.resources r on r.id = b.resource_id
          where b.property_id = p_property_id and r.resource_type_id = q.id
            and b.arrival_date <= q.day - 364 and b.departure_date > q.day - 364
            and b.confirmed_at <= p_as_of - interval '364 days'
            and (b.cancelled_at is null or b.cancelled_at > p_as_of - interval '364 days'))
      end as otb_ly,
      (select f.value::numeric from public.forecasts f
        where f.property_id = p_property_id and f.kind = 'occupancy' and f.forecast_date = q.day
          and f.trained_through <= v_as_of_day
        order by f.trained_through desc, f.created_at desc, f.id
        limit 1) as fc,
      (select a from public.rate_suggestion_acceptances a
        where a.resource_type_id = q.id and a.stay_date = q.day
          and a.rate_override_id is not distinct from q.override_id and a.rate_override_id is not null) as accepted
    from quoted q
  ),
  indexed as (
    select s.*,
      round(s.fc, 4) as fc4,
      case when s.rooms > 0 and s.otb_ly is not null then (s.otb - s.otb_ly)::numeric / s.rooms end as pace,
      coalesce((s.accepted).anchor_price_minor, s.current_minor) as anchor
    from signals s
  ),
  priced as (
    select i.*,
      round(coalesce(i.fc4 - 0.70, 0) + coalesce(i.pace, 0), 4) as demand,
      (round(coalesce((i.accepted).anchor_price_minor, i.current_minor)
        * (1 + 0.5 * round(coalesce(i.fc4 - 0.70, 0) + coalesce(i.pace, 0), 4)) / 100) * 100)::bigint as target
    from indexed i
  ),
  clamped as (
    select p.*,
      greatest(least(p.target, p.current_minor + p.max_step_minor), p.current_minor - p.max_step_minor) as stepped
    from priced p
  ),
  final as (
    select c.*, greatest(least(c.stepped, c.ceiling_minor), c.floor_minor) as suggested
    from clamped c
  )
  select f.day, f.id, f.name, (f.plan).id, f.currency, f.rooms, f.otb, f.otb_ly, f.fc4, f.demand, f.anchor,
    f.current_minor, f.target, f.suggested, f.suggested - f.current_minor, f.floor_minor, f.ceiling_minor,
    f.max_step_minor, (f.accepted).price_minor,
    concat_ws(' · ',
      case when f.fc4 is null then 'no forecast' else format('forecast %s%%', round(f.fc4 * 100)) end,
      case when f.otb_ly is null then format('%s of %s booked, no year-ago data', f.otb, f.rooms)
        else format('%s of %s booked vs %s a year ago', f.otb, f.rooms, f.otb_ly) end,
      case
        when f.fc4 is null and f.otb_ly is null then 'no demand signal: price kept'
        when f.demand > 0 then format('demand +%s pts', round(f.demand * 100))
        when f.demand < 0 then format('demand −%s pts', round(-f.demand * 100))
        else 'demand normal' end,
      case when f.suggested = f.ceiling_minor and f.stepped > f.ceiling_minor then 'held at the ceiling'
        when f.suggested = f.floor_minor and f.stepped < f.floor_minor then 'held at the floor' end,
      case when f.stepped <> f.target and f.suggested = f.stepped then 'limited by the step' end,
      case when (f.accepted).price_minor = f.current_minor then 'accepted earlier' end)
  from final f
  order by f.day, f.name, f.id;
end;
$$;

-- What public.rate_suggestions checks before reading: the property (manager or above there) and a
-- period of upcoming nights; returns the property's local today.
create function private.check_rate_suggestion_period(p_property_id uuid, p_from date, p_to date)
returns date
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_today date;
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.require_user();
  perform private.require_property_role(p_property_id, 'manager', 'property_not_found',
    'No such property, or you do not work there.');
  select (now() at time zone p.time_zone)::date into v_today from public.properties p where p.id = p_property_id;
  perform private.check_input(p_from is not null and p_to is not null and p_from >= v_today and p_to >= p_from
    and p_to - p_from <= 92, 'invalid_period', 'From and to are required, from today on, to not before from, at most 93 nights.');
  return v_today;
end;
$$;

-- Suggestions for upcoming nights, for managers (read only; nothing changes).
create function public.rate_suggestions(p_property_id uuid, p_from date, p_to date)
returns table (
  stay_date date,
  resource_type_id uuid,
  resource_type_name text,
  rate_plan_id uuid,
  currency text,
  rooms integer,
  on_the_books integer,
  on_the_books_last_year integer,
  forecast_occupancy numeric,
  demand_index numeric,
  anchor_minor bigint,
  current_minor bigint,
  target_minor bigint,
  suggested_minor bigint,
  change_minor bigint,
  floor_minor bigint,
  ceiling_minor bigint,
  max_step_minor bigint,
  accepted_minor bigint,
  reason text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.check_rate_suggestion_period(p_property_id, p_from, p_to);
  return query select * from private.rate_suggestions_at(p_property_id, p_from, p_to, now());
end;
$$;

-- ============================================================================================
-- Accepting
-- ============================================================================================

-- Accepts suggestions: p_items is a JSON array of { resource_type_id, stay_date, price_minor }, each
-- the price public.rate_suggestions suggests now for that night (else `suggestion_changed`: the
-- manager reviews the new one). Per night and room type, one rate override of one night under the
-- reference plan, one priority above every override matching that night, carries the price; accepting
-- again updates it (a night already accepted at that price is left alone: idempotent). Every
-- acceptance is a row of rate_suggestion_acceptances, so the audit log records it, with the override.
-- All or nothing. Returns one row per item.
create function public.accept_rate_suggestions(p_property_id uuid, p_items jsonb)
returns table (
  resource_type_id uuid,
  stay_date date,
  price_minor bigint,
  previous_price_minor bigint,
  rate_override_id uuid,
  changed boolean
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_user uuid;
  v_property public.properties;
  v_today date;
  v_item jsonb;
  v_type uuid;
  v_day date;
  v_price bigint;
  v_from date;
  v_to date;
  v_suggestion record;
  v_override uuid;
  v_priority integer;
  v_plan public.rate_plans;
  v_effective bigint;
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  v_user := private.require_user();
  perform private.require_property_role(p_property_id, 'manager', 'property_not_found',
    'No such property, or you do not work there.');
  select * into v_property from public.properties p where p.id = p_property_id;
  v_today := (now() at time zone v_property.time_zone)::date;

  perform private.check_input(p_items is not null and jsonb_typeof(p_items) = 'array'
    and jsonb_array_length(p_items) between 1 and 500 and pg_column_size(p_items) <= 100000,
    'invalid_items', 'Items must be a list of 1 to 500 suggestions.');
  for v_item in select value from jsonb_array_elements(p_items) loop
    perform private.check_input(jsonb_typeof(v_item) = 'object'
      and (select array_agg(k order by k) from jsonb_object_keys(v_item) k) = array['price_minor', 'resource_type_id', 'stay_date']
      and jsonb_typeof(v_item -> 'resource_type_id') = 'string'
      and (v_item ->> 'resource_type_id') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      and jsonb_typeof(v_item -> 'stay_date') = 'string' and (v_item ->> 'stay_date') ~ '^\d{4}-\d{2}-\d{2}$'
      and jsonb_typeof(v_item -> 'price_minor') = 'number' and (v_item ->> 'price_minor') ~ '^\d{1,12}$',
      'invalid_items', 'Each item needs resource_type_id (a uuid), stay_date (YYYY-MM-DD) and price_minor (a whole amount).');
    begin
      v_day := (v_item ->> 'stay_date')::date;
    exception when others then
      perform private.check_input(false, 'invalid_items', 'Each item needs a real stay_date.');
    end;
    perform private.check_input(v_day between v_today and v_today + 365, 'invalid_stay_date',
      'Only nights from today to a year ahead can be repriced.');
  end loop;
  perform private.check_input((select count(*) = count(distinct (e ->> 'resource_type_id', e ->> 'stay_date'))
    from jsonb_array_elements(p_items) e), 'invalid_items', 'Each night and room type may be listed once.');

  select min((e ->> 'stay_date')::date), max((e ->> 'stay_date')::date) into v_from, v_to
  from jsonb_array_elements(p_items) e;

  for v_item in select value from jsonb_array_elements(p_items) order by value ->> 'stay_date', value ->> 'resource_type_id' loop
    v_type := (v_item ->> 'resource_type_id')::uuid;
    v_day := (v_item ->> 'stay_date')::date;
    v_price := (v_item ->> 'price_minor')::bigint;
    if not exists (select 1 from public.resource_types t where t.id = v_type and t.property_id = p_property_id) then
      perform private.raise_error('resource_type_not_found', 'No such room type at this property.', 'P0002');
    end if;
    if not exists (select 1 from public.rate_bounds rb where rb.resource_type_id = v_type) then
      perform private.raise_error('no_rate_bounds', 'Set a floor, ceiling and step for this room type first.', 'P0001');
    end if;
    -- Serializes acceptances of one room type (two managers accepting the same night).
    perform 1 from public.rate_bounds rb where rb.resource_type_id = v_type for update;

    select * into v_suggestion from private.rate_suggestions_at(p_property_id, v_day, v_day, now()) s
    where s.resource_type_id = v_type;
    if v_suggestion.resource_type_id is null then
      perform private.raise_error('no_rate_plan', 'This room type has no active rate plan.', 'P0001');
    end if;

    if v_suggestion.accepted_minor = v_price and v_suggestion.current_minor = v_price then
      -- Already accepted at this price and still in effect: nothing to do.
      resource_type_id := v_type; stay_date := v_day; price_minor := v_price;
      previous_price_minor := v_price; changed := false;
      select a.rate_override_id into rate_override_id from public.rate_suggestion_acceptances a
      where a.resource_type_id = v_type and a.stay_date = v_day;
      return next;
      continue;
    end if;
    if v_suggestion.suggested_minor <> v_price then
      perform private.raise_error('suggestion_changed',
        format('The suggestion for %s on %s is now %s; review it again.', v_suggestion.resource_type_name, v_day,
          v_suggestion.suggested_minor), 'P0001');
    end if;

    select * into v_plan from public.rate_plans rp where rp.id = v_suggestion.rate_plan_id;
    select a.rate_override_id into v_override from public.rate_suggestion_acceptances a
    where a.resource_type_id = v_type and a.stay_date = v_day
      and exists (select 1 from public.rate_overrides o where o.id = a.rate_override_id and o.rate_plan_id = v_plan.id);
    -- Make sure it wins: one above every other override matching the night (a new one, or when a
    -- manager has since added a higher one).
    select coalesce(max(o.priority), 0) + 1 into v_priority
    from public.rate_overrides o
    where o.rate_plan_id = v_plan.id and o.id is distinct from v_override
      and (o.dates is null or o.dates @> v_day)
      and (o.weekdays is null or extract(isodow from v_day)::smallint = any (o.weekdays));
    if v_priority > 1000 then
      perform private.raise_error('override_not_effective',
        'Another override of this night has the highest priority; lower it first.', 'P0001');
    end if;
    if v_override is null then
      insert into public.rate_overrides (organization_id, property_id, rate_plan_id, dates, price_minor, priority)
      values (v_property.organization_id, p_property_id, v_plan.id, daterange(v_day, v_day + 1), v_price, v_priority)
      returning id into v_override;
    else
      update public.rate_overrides o set price_minor = v_price, priority = greatest(o.priority, v_priority)
      where o.id = v_override;
    end if;

    insert into public.rate_suggestion_acceptances as a (organization_id, property_id, resource_type_id, rate_plan_id,
      stay_date, currency, price_minor, previous_price_minor, anchor_price_minor, rate_override_id, reason, accepted_by)
    values (v_property.organization_id, p_property_id, v_type, v_plan.id, v_day, v_suggestion.currency, v_price,
      v_suggestion.current_minor, v_suggestion.anchor_minor, v_override, left(v_suggestion.reason, 500), v_user)
    on conflict on constraint rate_suggestion_acceptances_night_key do update
      set rate_plan_id = excluded.rate_plan_id, price_minor = excluded.price_minor,
        previous_price_minor = excluded.previous_price_minor,
        -- The anchor stays while the accepted override is the one in effect.
        anchor_price_minor = case when a.rate_override_id = excluded.rate_override_id
          then a.anchor_price_minor else excluded.anchor_price_minor end,
        rate_override_id = excluded.rate_override_id, reason = excluded.reason,
        accepted_by = excluded.accepted_by, accepted_at = now();

    -- The price a guest would now be quoted (the one pricing function decides).
    v_effective := (private.quote(v_plan, 'room', 'night', array[v_day], v_plan.included_guests) -> 'lines' -> 0
      ->> 'rate_minor')::bigint;
    if v_effective is distinct from v_price then
      perform private.raise_error('override_not_effective',
        'Another override of this night wins over the accepted price; review the overrides.', 'P0001');
    end if;

    resource_type_id := v_type; stay_date := v_day; price_minor := v_price;
    previous_price_minor := v_suggestion.current_minor; rate_override_id := v_override; changed := true;
    return next;
  end loop;
end;
$$;

revoke execute on function private.rate_suggestions_at(uuid, date, date, timestamptz),
  private.check_rate_suggestion_period(uuid, date, date) from public, anon, authenticated;
revoke execute on function public.rate_suggestions(uuid, date, date), public.accept_rate_suggestions(uuid, jsonb)
  from public, anon;
grant execute on function public.rate_suggestions(uuid, date, date), public.accept_rate_suggestions(uuid, jsonb)
  to authenticated, service_role;
