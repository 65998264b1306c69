-- Resources, rates, availability and bookings.
--
-- A property has resource types (room types, table types, spaces), each priced per night
-- (lodging) or per slot (tables, spaces), and resources of those types with a capacity.
-- Rate plans price a type; rate overrides replace the base price on some weekdays and/or dates;
-- property taxes and fees are added (exclusive) or shown as included (inclusive).
--
-- Bookings hold a resource for a period (tstzrange). Lodging: from the check-in time on the
-- arrival date to the check-out time on the departure date, both local times in the property's
-- time zone; the nights are the local dates arrival … departure - 1, so a night across a
-- daylight-saving change is one night, priced once, whatever its length in hours. Slots: the
-- local date and time plus a duration. `blocked_period` is the period plus the property's turn
-- time for slots (equal to the period for lodging); an exclusion constraint over it makes two
-- active bookings (held, confirmed, checked_in) of one resource overlapping impossible, whatever
-- the concurrency. A hold past hold_expires_at blocks nobody: availability ignores it, and every
-- RPC that books or moves first cancels the expired holds in its way (reason 'hold_expired'),
-- in the same transaction, before inserting; the constraint is the final arbiter and its
-- violation (23P01) is reported as `not_available`.
--
-- Lock order (no deadlocks between RPCs): resources (by id), then bookings. Every RPC that
-- writes a booking locks its resource row first (`for no key update`), so two writers of one
-- resource's active bookings never wait on each other's uncommitted rows inside the exclusion
-- check (PostgreSQL would abort one with 40P01). Other code that updates active bookings
-- should do the same (private.lock_booking_and_resource).
--
-- Money: bigint minor units in the property's currency. Rounding rules (also in
-- docs/decisions/006-money-and-rounding.md):
--   R1 A line is one night (lodging) or one slot: rate (override or base) + extra guests ×
--      extra_guest_minor; lines are integers, nothing is rounded there.
--   R2 An exclusive percentage tax is computed per line, rounded half up to a minor unit
--      (round(line × bps / 10000)), and the tax is the sum of the rounded lines.
--   R3 An inclusive percentage tax is the part of each line it accounts for:
--      round(line × bps / (10000 + Σ bps of all inclusive percentage taxes)), half up, summed
--      over lines; it is shown in the breakdown and not added to the total.
--   R4 A fixed tax or fee (basis per_unit) is amount_minor × number of lines (nights, or 1 for a
--      slot); exclusive ones are added, inclusive ones only shown. Percentage taxes never apply
--      to fixed fees.
--   R5 total = Σ lines + Σ exclusive taxes and fees.
--   R6 A percentage cancellation fee is round(total × bps / 10000), half up; 'first_night' is
--      the first line's amount (no taxes), never more than the total.

create extension if not exists btree_gist with schema extensions;

-- ============================================================================================
-- Types
-- ============================================================================================

create type public.resource_kind as enum ('room', 'table', 'space');
create type public.pricing_unit as enum ('night', 'slot');
create type public.charge_basis as enum ('percentage', 'per_unit');
create type public.cancellation_fee_kind as enum ('percentage', 'first_night');
create type public.booking_status as enum ('held', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show');
create type public.booking_source as enum ('staff', 'widget', 'api');

-- ============================================================================================
-- Helper functions used by defaults and check constraints
-- ============================================================================================

-- 8 characters from a 32-letter alphabet without 0, O, 1 and I: 40 random bits.
create function private.new_booking_reference()
returns text
language sql
volatile
set search_path = ''
as $$
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (get_byte(r.bytes, i) & 31) + 1, 1), '' order by i)
  from (select extensions.gen_random_bytes(8) as bytes) r, generate_series(0, 7) i;
$$;

-- ============================================================================================
-- Tables
-- ============================================================================================

-- Booking rules of a property. A property without a row uses the column defaults
-- (private.property_settings_of repeats them).
create table public.property_settings (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  check_in_time time not null default '15:00',
  check_out_time time not null default '11:00',
  -- Minutes a table or space stays blocked after a slot (clearing, resetting).
  slot_turn_minutes integer not null default 15,
  -- Guests (widget, api) book at least this long before the start; staff may book walk-ins.
  min_notice_minutes integer not null default 0,
  -- The latest arrival date: local today + booking_window_days.
  booking_window_days integer not null default 365,
  hold_minutes integer not null default 15,
  -- Free cancellation until this many hours before the start; then the fee below.
  free_cancellation_hours integer not null default 48,
  cancellation_fee_kind public.cancellation_fee_kind not null default 'first_night',
  -- Used when cancellation_fee_kind = 'percentage' (10000 = 100 %).
  cancellation_fee_bps integer not null default 10000,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint property_settings_property_key unique (property_id),
  constraint property_settings_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint property_settings_turn_range check (slot_turn_minutes between 0 and 240),
  constraint property_settings_notice_range check (min_notice_minutes between 0 and 60 * 24 * 30),
  constraint property_settings_window_range check (booking_window_days between 1 and 1000),
  constraint property_settings_hold_range check (hold_minutes between 1 and 60 * 24 * 7),
  constraint property_settings_free_cancellation_range check (free_cancellation_hours between 0 and 24 * 365),
  constraint property_settings_fee_bps_range check (cancellation_fee_bps between 0 and 10000)
);
comment on table public.property_settings is 'Booking rules of a property: check-in/out times, turn time, notice, window, holds, cancellation policy.';

create table public.resource_types (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  kind public.resource_kind not null,
  name text not null,
  description text,
  -- Rooms are priced per night, tables per slot, spaces either way.
  pricing public.pricing_unit not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint resource_types_property_id_id_key unique (property_id, id),
  constraint resource_types_property_name_key unique (property_id, name),
  constraint resource_types_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint resource_types_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint resource_types_description_length check (description is null or char_length(description) <= 2000),
  constraint resource_types_room_per_night check (kind <> 'room' or pricing = 'night'),
  constraint resource_types_table_per_slot check (kind <> 'table' or pricing = 'slot')
);
comment on table public.resource_types is 'A room type, table type or space of a property, priced per night or per slot.';

create table public.resources (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  resource_type_id uuid not null,
  name text not null,
  min_guests integer not null default 1,
  max_guests integer not null,
  attributes jsonb not null default '{}'::jsonb,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint resources_property_id_id_key unique (property_id, id),
  constraint resources_property_name_key unique (property_id, name),
  constraint resources_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint resources_type_fkey foreign key (property_id, resource_type_id)
    references public.resource_types (property_id, id),
  constraint resources_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint resources_capacity check (min_guests >= 1 and max_guests >= min_guests and max_guests <= 1000),
  constraint resources_attributes_object check (jsonb_typeof(attributes) = 'object' and pg_column_size(attributes) <= 4096)
);
comment on table public.resources is 'A bookable room, table or space with its capacity.';

create table public.resource_out_of_service (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  resource_id uuid not null,
  period tstzrange not null,
  reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint resource_out_of_service_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint resource_out_of_service_resource_fkey foreign key (property_id, resource_id)
    references public.resources (property_id, id) on delete cascade,
  constraint resource_out_of_service_period_finite check (
    not isempty(period) and not lower_inf(period) and not upper_inf(period)
  ),
  constraint resource_out_of_service_reason_length check (reason is null or char_length(reason) <= 500)
);
comment on table public.resource_out_of_service is 'Periods when a resource cannot be booked (repairs, private use).';

create table public.rate_plans (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  resource_type_id uuid not null,
  name text not null,
  -- The property's currency (filled and checked by a trigger).
  currency text not null,
  -- Per night (lodging) or per slot (tables, spaces), for up to included_guests guests.
  base_price_minor bigint not null,
  min_stay integer not null default 1,
  max_stay integer,
  included_guests integer not null default 2,
  extra_guest_minor bigint not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint rate_plans_property_id_id_key unique (property_id, id),
  constraint rate_plans_type_name_key unique (resource_type_id, name),
  constraint rate_plans_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint rate_plans_type_fkey foreign key (property_id, resource_type_id)
    references public.resource_types (property_id, id) on delete cascade,
  constraint rate_plans_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint rate_plans_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint rate_plans_price_range check (base_price_minor between 0 and 100000000000),
  constraint rate_plans_stay_range check (min_stay between 1 and 365 and (max_stay is null or max_stay between min_stay and 365)),
  constraint rate_plans_included_guests_range check (included_guests between 1 and 1000),
  constraint rate_plans_extra_guest_range check (extra_guest_minor between 0 and 100000000000)
);
comment on table public.rate_plans is 'A price per night or per slot for a resource type, with stay and guest rules.';

-- The price of a night or slot on matching dates. Matching: weekdays (ISO, 1 = Monday) and/or a
-- date range; when several match, the highest priority wins, then one with a date range over a
-- weekday-only one, then the oldest.
create table public.rate_overrides (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  rate_plan_id uuid not null,
  weekdays smallint[],
  dates daterange,
  price_minor bigint not null,
  priority integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint rate_overrides_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint rate_overrides_plan_fkey foreign key (property_id, rate_plan_id)
    references public.rate_plans (property_id, id) on delete cascade,
  constraint rate_overrides_matches_something check (weekdays is not null or dates is not null),
  constraint rate_overrides_weekdays_valid check (
    weekdays is null or (cardinality(weekdays) between 1 and 7 and array_ndims(weekdays) = 1
      and weekdays <@ '{1,2,3,4,5,6,7}'::smallint[])
  ),
  constraint rate_overrides_dates_finite check (
    dates is null or (not isempty(dates) and not lower_inf(dates) and not upper_inf(dates))
  ),
  constraint rate_overrides_price_range check (price_minor between 0 and 100000000000),
  constraint rate_overrides_priority_range check (priority between -1000 and 1000)
);
comment on table public.rate_overrides is 'Weekday and date-range prices that replace a rate plan''s base price.';

create table public.property_taxes (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  name text not null,
  basis public.charge_basis not null,
  -- percentage: basis points (600 = 6 %); per_unit: amount_minor per night, or per slot booking.
  rate_bps integer,
  amount_minor bigint,
  currency text not null,
  inclusive boolean not null default false,
  applies_to public.resource_kind[] not null default '{room,table,space}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint property_taxes_property_name_key unique (property_id, name),
  constraint property_taxes_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint property_taxes_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint property_taxes_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint property_taxes_basis_amount check (
    (basis = 'percentage' and rate_bps between 0 and 10000 and amount_minor is null)
    or (basis = 'per_unit' and rate_bps is null and amount_minor between 0 and 100000000000)
  ),
  constraint property_taxes_applies_to_something check (cardinality(applies_to) between 1 and 3)
);
comment on table public.property_taxes is 'Taxes and fees of a property: a percentage or a fixed amount per night/slot, inclusive or exclusive.';

create table public.bookings (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  resource_id uuid not null,
  guest_id uuid,
  rate_plan_id uuid,
  status public.booking_status not null default 'held',
  -- Lodging: check-in time on arrival_date to check-out time on departure_date, local times.
  -- Slots: the local start plus the duration; arrival_date = departure_date = the local date.
  period tstzrange not null,
  -- What the exclusion constraint compares: the period plus the turn time for slots.
  blocked_period tstzrange not null,
  arrival_date date not null,
  departure_date date not null,
  party_size integer not null,
  currency text not null,
  total_minor bigint not null,
  -- The quote at booking time (private.quote): lines per night or slot, taxes, total.
  price_breakdown jsonb not null,
  source public.booking_source not null default 'staff',
  reference text not null default private.new_booking_reference(),
  idempotency_key text,
  hold_expires_at timestamptz,
  confirmed_at timestamptz,
  checked_in_at timestamptz,
  checked_out_at timestamptz,
  checkout_override_reason text,
  cancelled_at timestamptz,
  cancellation_fee_minor bigint,
  cancellation_reason text,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint bookings_organization_id_id_key unique (organization_id, id),
  constraint bookings_organization_reference_key unique (organization_id, reference),
  constraint bookings_organization_idempotency_key unique (organization_id, idempotency_key),
  constraint bookings_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint bookings_resource_fkey foreign key (property_id, resource_id)
    references public.resources (property_id, id),
  constraint bookings_guest_fkey foreign key (organization_id, guest_id)
    references public.guests (organization_id, id) on delete set null (guest_id),
  constraint bookings_rate_plan_fkey foreign key (property_id, rate_plan_id)
    references public.rate_plans (property_id, id) on delete set null (rate_plan_id),
  constraint bookings_no_overlap exclude using gist (resource_id with =, blocked_period with &&)
    where (status in ('held', 'confirmed', 'checked_in')),
  constraint bookings_period_finite check (not isempty(period) and not lower_inf(period) and not upper_inf(period)),
  constraint bookings_blocked_covers_period check (blocked_period @> period and not upper_inf(blocked_period)),
  constraint bookings_dates_order check (departure_date >= arrival_date and departure_date - arrival_date <= 365),
  constraint bookings_party_size_range check (party_size between 1 and 1000),
  constraint bookings_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint bookings_total_range check (total_minor >= 0),
  constraint bookings_breakdown_object check (jsonb_typeof(price_breakdown) = 'object' and pg_column_size(price_breakdown) <= 65536),
  constraint bookings_reference_format check (reference ~ '^[A-HJ-NP-Z2-9]{8}$'),
  constraint bookings_idempotency_key_length check (idempotency_key is null or char_length(idempotency_key) between 1 and 200),
  constraint bookings_hold_expiry check (status <> 'held' or hold_expires_at is not null),
  constraint bookings_cancellation_recorded check (
    (status = 'cancelled') = (cancelled_at is not null) and (cancelled_at is null) = (cancellation_fee_minor is null)
  ),
  constraint bookings_cancellation_fee_range check (cancellation_fee_minor is null or cancellation_fee_minor >= 0),
  constraint bookings_reason_length check (
    (cancellation_reason is null or char_length(cancellation_reason) <= 500)
    and (checkout_override_reason is null or char_length(checkout_override_reason) <= 500)
  )
);
comment on table public.bookings is 'A guest''s booking of a resource for a period; active ones never overlap.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index property_settings_organization_property_idx on public.property_settings (organization_id, property_id);
create index resource_types_organization_property_idx on public.resource_types (organization_id, property_id);
create index resources_organization_property_idx on public.resources (organization_id, property_id);
create index resources_property_type_idx on public.resources (property_id, resource_type_id);
create index resource_out_of_service_organization_property_idx on public.resource_out_of_service (organization_id, property_id);
create index resource_out_of_service_resource_idx on public.resource_out_of_service (property_id, resource_id);
create index resource_out_of_service_period_idx on public.resource_out_of_service using gist (resource_id, period);
create index rate_plans_organization_property_idx on public.rate_plans (organization_id, property_id);
create index rate_plans_property_type_idx on public.rate_plans (property_id, resource_type_id);
create index rate_overrides_organization_property_idx on public.rate_overrides (organization_id, property_id);
create index rate_overrides_plan_idx on public.rate_overrides (property_id, rate_plan_id);
create index property_taxes_organization_property_idx on public.property_taxes (organization_id, property_id);
create index bookings_organization_property_idx on public.bookings (organization_id, property_id, arrival_date);
create index bookings_property_resource_idx on public.bookings (property_id, resource_id);
create index bookings_organization_guest_idx on public.bookings (organization_id, guest_id);
create index bookings_property_rate_plan_idx on public.bookings (property_id, rate_plan_id);
create index bookings_created_by_idx on public.bookings (created_by);
create index bookings_expiring_holds_idx on public.bookings (hold_expires_at) where status = 'held';

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- Rows carrying money are in their property's currency: filled when omitted, refused otherwise.
create function private.match_property_currency()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_currency text;
begin
  select p.currency into v_currency from public.properties p where p.id = new.property_id;
  if new.currency is null then
    new.currency := v_currency;
  elsif new.currency is distinct from v_currency then
    raise exception using errcode = '22023', message = 'currency_mismatch',
      detail = format('Amounts of this property are in %s.', v_currency);
  end if;
  return new;
end;
$$;

create function private.is_valid_booking_transition(p_from public.booking_status, p_to public.booking_status)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select (p_from = 'held' and p_to in ('confirmed', 'cancelled'))
      or (p_from = 'confirmed' and p_to in ('checked_in', 'cancelled', 'no_show'))
      or (p_from = 'checked_in' and p_to = 'checked_out');
$$;

-- held → confirmed | cancelled; confirmed → checked_in | cancelled | no_show;
-- checked_in → checked_out; checked_out, cancelled and no_show are final.
create function private.guard_booking_status()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and not private.is_valid_booking_transition(old.status, new.status) then
    raise exception using errcode = 'P0001', message = 'invalid_transition',
      detail = format('A booking cannot go from %s to %s.', old.status, new.status);
  end if;
  return new;
end;
$$;

create trigger property_settings_touch_updated_at before update on public.property_settings
  for each row execute function private.touch_updated_at();
create trigger resource_types_touch_updated_at before update on public.resource_types
  for each row execute function private.touch_updated_at();
create trigger resources_touch_updated_at before update on public.resources
  for each row execute function private.touch_updated_at();
create trigger resource_out_of_service_touch_updated_at before update on public.resource_out_of_service
  for each row execute function private.touch_updated_at();
create trigger rate_plans_touch_updated_at before update on public.rate_plans
  for each row execute function private.touch_updated_at();
create trigger rate_overrides_touch_updated_at before update on public.rate_overrides
  for each row execute function private.touch_updated_at();
create trigger property_taxes_touch_updated_at before update on public.property_taxes
  for each row execute function private.touch_updated_at();
create trigger bookings_touch_updated_at before update on public.bookings
  for each row execute function private.touch_updated_at();

create trigger property_settings_organization_immutable before update on public.property_settings
  for each row execute function private.forbid_organization_change();
create trigger resource_types_organization_immutable before update on public.resource_types
  for each row execute function private.forbid_organization_change();
create trigger resources_organization_immutable before update on public.resources
  for each row execute function private.forbid_organization_change();
create trigger resource_out_of_service_organization_immutable before update on public.resource_out_of_service
  for each row execute function private.forbid_organization_change();
create trigger rate_plans_organization_immutable before update on public.rate_plans
  for each row execute function private.forbid_organization_change();
create trigger rate_overrides_organization_immutable before update on public.rate_overrides
  for each row execute function private.forbid_organization_change();
create trigger property_taxes_organization_immutable before update on public.property_taxes
  for each row execute function private.forbid_organization_change();
create trigger bookings_organization_immutable before update on public.bookings
  for each row execute function private.forbid_organization_change();

create trigger property_settings_audit after insert or update or delete on public.property_settings
  for each row execute function private.record_audit('organization_id');
create trigger resource_types_audit after insert or update or delete on public.resource_types
  for each row execute function private.record_audit('organization_id');
create trigger resources_audit after insert or update or delete on public.resources
  for each row execute function private.record_audit('organization_id');
create trigger resource_out_of_service_audit after insert or update or delete on public.resource_out_of_service
  for each row execute function private.record_audit('organization_id');
create trigger rate_plans_audit after insert or update or delete on public.rate_plans
  for each row execute function private.record_audit('organization_id');
create trigger rate_overrides_audit after insert or update or delete on public.rate_overrides
  for each row execute function private.record_audit('organization_id');
create trigger property_taxes_audit after insert or update or delete on public.property_taxes
  for each row execute function private.record_audit('organization_id');
create trigger bookings_audit after insert or update or delete on public.bookings
  for each row execute function private.record_audit('organization_id');

create trigger rate_plans_match_currency before insert or update of currency, property_id on public.rate_plans
  for each row execute function private.match_property_currency();
create trigger property_taxes_match_currency before insert or update of currency, property_id on public.property_taxes
  for each row execute function private.match_property_currency();
create trigger bookings_match_currency before insert or update of currency, property_id on public.bookings
  for each row execute function private.match_property_currency();

create trigger bookings_guard_status before update of status on public.bookings
  for each row execute function private.guard_booking_status();

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- The property's settings row, or the column defaults when it has none (keep them in step).
create function private.property_settings_of(p_property_id uuid)
returns public.property_settings
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_settings public.property_settings;
begin
  select * into v_settings from public.property_settings s where s.property_id = p_property_id;
  if v_settings.id is null then
    v_settings := jsonb_populate_record(null::public.property_settings, jsonb_build_object(
      'property_id', p_property_id, 'check_in_time', '15:00', 'check_out_time', '11:00',
      'slot_turn_minutes', 15, 'min_notice_minutes', 0, 'booking_window_days', 365, 'hold_minutes', 15,
      'free_cancellation_hours', 48, 'cancellation_fee_kind', 'first_night', 'cancellation_fee_bps', 10000));
  end if;
  return v_settings;
end;
$$;

-- The price of p_dates (one line per night, or one date for a slot) under a rate plan, as the
-- breakdown stored on bookings: { unit, units, currency, rate_plan_id, party_size,
-- lines: [{ date, rate_minor, extra_guests_minor, amount_minor, override_id }], subtotal_minor,
-- taxes: [{ id, name, basis, rate_bps, amount_per_unit_minor, inclusive, amount_minor }],
-- exclusive_taxes_minor, inclusive_taxes_minor, total_minor }. Rounding: rules R1–R5 at the top.
create function private.quote(
  p_plan public.rate_plans,
  p_kind public.resource_kind,
  p_unit public.pricing_unit,
  p_dates date[],
  p_party_size integer
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_extra bigint := greatest(p_party_size - p_plan.included_guests, 0)::bigint * p_plan.extra_guest_minor;
  v_date date;
  v_rate bigint;
  v_override uuid;
  v_line bigint;
  v_amounts bigint[] := '{}';
  v_lines jsonb := '[]'::jsonb;
  v_subtotal bigint := 0;
  v_inclusive_bps integer;
  v_tax public.property_taxes;
  v_amount bigint;
  v_taxes jsonb := '[]'::jsonb;
  v_exclusive bigint := 0;
  v_inclusive bigint := 0;
begin
  foreach v_date in array p_dates loop
    select o.id, o.price_minor into v_override, v_rate
    from public.rate_overrides o
    where o.property_id = p_plan.property_id and o.rate_plan_id = p_plan.id
      and (o.dates is null or o.dates @> v_date)
      and (o.weekdays is null or extract(isodow from v_date)::smallint = any (o.weekdays))
    order by o.priority desc, (o.dates is not null) desc, o.created_at, o.id
    limit 1;
    if not found then
      v_override := null;
      v_rate := p_plan.base_price_minor;
    end if;
    -- R1: a line is an integer, nothing rounded.
    v_line := v_rate + v_extra;
    v_amounts := v_amounts || v_line;
    v_subtotal := v_subtotal + v_line;
    v_lines := v_lines || jsonb_build_object('date', v_date, 'rate_minor', v_rate, 'extra_guests_minor', v_extra,
      'amount_minor', v_line, 'override_id', v_override);
  end loop;

  select coalesce(sum(t.rate_bps), 0) into v_inclusive_bps
  from public.property_taxes t
  where t.property_id = p_plan.property_id and t.active and t.inclusive and t.basis = 'percentage'
    and p_kind = any (t.applies_to);

  for v_tax in
    select * from public.property_taxes t
    where t.property_id = p_plan.property_id and t.active and p_kind = any (t.applies_to)
    order by t.inclusive desc, t.basis, t.name, t.id
  loop
    if v_tax.basis = 'percentage' and v_tax.inclusive then
      -- R3: the part of each line the tax accounts for, half up, summed.
      select coalesce(sum(round(a::numeric * v_tax.rate_bps / (10000 + v_inclusive_bps))), 0)::bigint into v_amount
      from unnest(v_amounts) a;
    elsif v_tax.basis = 'percentage' then
      -- R2: per line, half up (round() of a non-negative numeric), summed.
      select coalesce(sum(round(a::numeric * v_tax.rate_bps / 10000)), 0)::bigint into v_amount
      from unnest(v_amounts) a;
    else
      -- R4: a fixed amount per night or slot.
      v_amount := v_tax.amount_minor * cardinality(p_dates);
    end if;
    if v_tax.inclusive then
      v_inclusive := v_inclusive + v_amount;
    else
      v_exclusive := v_exclusive + v_amount;
    end if;
    v_taxes := v_taxes || jsonb_build_object('id', v_tax.id, 'name', v_tax.name, 'basis', v_tax.basis,
      'rate_bps', v_tax.rate_bps, 'amount_per_unit_minor', v_tax.amount_minor, 'inclusive', v_tax.inclusive,
      'amount_minor', v_amount);
  end loop;

  return jsonb_build_object(
    'unit', p_unit, 'units', cardinality(p_dates), 'currency', p_plan.currency, 'rate_plan_id', p_plan.id,
    'party_size', p_party_size, 'lines', v_lines, 'subtotal_minor', v_subtotal, 'taxes', v_taxes,
    'exclusive_taxes_minor', v_exclusive, 'inclusive_taxes_minor', v_inclusive,
    -- R5
    'total_minor', v_subtotal + v_exclusive);
end;
$$;

-- Where and when a booking would be: validates the dates and times of a request for a resource
-- type and returns the period, the blocked period, the local dates and the priced dates.
create function private.booking_stay(
  p_unit public.pricing_unit,
  p_settings public.property_settings,
  p_time_zone text,
  p_arrival date,
  p_departure date,
  p_time time,
  p_duration_minutes integer,
  out period tstzrange,
  out blocked_period tstzrange,
  out arrival_date date,
  out departure_date date,
  out dates date[]
)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_start timestamptz;
begin
  perform private.check_input(p_arrival is not null and p_arrival between date '2000-01-01' and date '2200-01-01',
    'invalid_arrival', 'Arrival date is required (between 2000 and 2200).');
  if p_unit = 'night' then
    perform private.check_input(p_departure is not null and p_departure > p_arrival and p_departure - p_arrival <= 365,
      'invalid_departure', 'Departure must be 1 to 365 days after arrival.');
    perform private.check_input(p_time is null, 'invalid_time', 'A stay has no start time; check-in time applies.');
    perform private.check_input(p_duration_minutes is null, 'invalid_duration', 'A stay has no duration; give a departure date.');
    -- Local wall-clock times in the property's zone: a night across a DST change is one night.
    period := tstzrange((p_arrival + p_settings.check_in_time) at time zone p_time_zone,
      (p_departure + p_settings.check_out_time) at time zone p_time_zone, '[)');
    blocked_period := period;
    arrival_date := p_arrival;
    departure_date := p_departure;
    dates := array(select d::date from generate_series(p_arrival, p_departure - 1, interval '1 day') d order by 1);
  else
    perform private.check_input(p_departure is null or p_departure = p_arrival, 'invalid_departure',
      'A slot booking has no departure date.');
    perform private.check_input(p_time is not null, 'invalid_time', 'Start time is required.');
    perform private.check_input(p_duration_minutes between 15 and 1440, 'invalid_duration',
      'Duration must be 15 to 1440 minutes.');
    v_start := (p_arrival + p_time) at time zone p_time_zone;
    period := tstzrange(v_start, v_start + make_interval(mins => p_duration_minutes), '[)');
    blocked_period := tstzrange(v_start, upper(period) + make_interval(mins => p_settings.slot_turn_minutes), '[)');
    arrival_date := p_arrival;
    departure_date := p_arrival;
    dates := array[p_arrival];
  end if;
end;
$$;

-- Whether a booking may start then: within the booking window for everyone; guests (widget,
-- api) also respect the minimum notice; staff may book walk-ins (today's stay, a slot not over).
create function private.booking_time_allowed(
  p_settings public.property_settings,
  p_time_zone text,
  p_period tstzrange,
  p_arrival date,
  p_source public.booking_source
)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
  v_today date := (now() at time zone p_time_zone)::date;
begin
  if p_arrival > v_today + p_settings.booking_window_days then
    return false;
  end if;
  if p_source = 'staff' then
    return p_arrival >= v_today and upper(p_period) > now();
  end if;
  return lower(p_period) >= now() + make_interval(mins => p_settings.min_notice_minutes);
end;
$$;

-- Cancels the expired holds of a resource that overlap p_blocked, so that they stop counting
-- for the exclusion constraint before the caller inserts or moves a booking there.
create function private.expire_overlapping_holds(p_resource_id uuid, p_blocked tstzrange)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.bookings b
  set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 0, cancellation_reason = 'hold_expired'
  where b.resource_id = p_resource_id and b.status = 'held' and b.hold_expires_at <= now()
    and b.blocked_period && p_blocked;
end;
$$;

-- Cancels every expired hold (for a periodic job; correctness never depends on it running).
create function private.expire_holds()
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  update public.bookings b
  set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 0, cancellation_reason = 'hold_expired'
  where b.status = 'held' and b.hold_expires_at <= now();
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- The rate plan for a booking: the one named (active, of the type) or the type's cheapest active one.
-- The named plan, or else the cheapest active plan whose stay limits fit p_units nights (the
-- cheapest of all when none fits: the caller then refuses the stay length).
create function private.pick_rate_plan(p_resource_type_id uuid, p_rate_plan_id uuid, p_units integer)
returns public.rate_plans
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_plan public.rate_plans;
begin
  select * into v_plan from public.rate_plans rp
  where rp.resource_type_id = p_resource_type_id and rp.active
    and (p_rate_plan_id is null or rp.id = p_rate_plan_id)
  order by (p_units between rp.min_stay and coalesce(rp.max_stay, 365)) desc, rp.base_price_minor, rp.name, rp.id
  limit 1;
  if v_plan.id is null then
    if p_rate_plan_id is not null then
      perform private.raise_error('rate_plan_not_found', 'No active rate plan with this id for this resource.', 'P0002');
    end if;
    perform private.raise_error('no_rate_plan', 'This resource type has no active rate plan.', 'P0001');
  end if;
  return v_plan;
end;
$$;

-- The booking, locked, when the caller may act on it with p_min_role; or an error.
create function private.lock_booking(p_booking_id uuid, p_min_role public.org_role)
returns public.bookings
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  perform private.check_input(p_booking_id is not null, 'invalid_booking_id', 'Booking id is required.');
  perform private.require_user();
  select * into v_booking from public.bookings b where b.id = p_booking_id for update;
  perform private.require_property_role(v_booking.property_id, p_min_role, 'booking_not_found', 'No such booking.');
  return v_booking;
end;
$$;

-- As lock_booking, after locking the booking's resource: the lock order of every RPC that
-- writes a booking (resources, then bookings). Without it, a confirmation (whose new row
-- version is checked by the exclusion constraint) and an overlapping insert could each wait for
-- the other (a deadlock PostgreSQL resolves by aborting one with 40P01).
create function private.lock_booking_and_resource(p_booking_id uuid, p_min_role public.org_role)
returns public.bookings
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_resource_id uuid;
  v_booking public.bookings;
begin
  perform private.check_input(p_booking_id is not null, 'invalid_booking_id', 'Booking id is required.');
  perform private.require_user();
  select b.resource_id into v_resource_id from public.bookings b
  where b.id = p_booking_id and private.can_access_property(b.property_id, 'viewer');
  if v_resource_id is not null then
    perform 1 from public.resources r where r.id = v_resource_id for no key update;
  end if;
  v_booking := private.lock_booking(p_booking_id, p_min_role);
  if v_booking.resource_id is distinct from v_resource_id then
    perform private.raise_error('booking_changed', 'The booking changed meanwhile; try again.', 'P0001');
  end if;
  return v_booking;
end;
$$;

create function private.require_transition(p_booking public.bookings, p_to public.booking_status)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  if not private.is_valid_booking_transition(p_booking.status, p_to) then
    perform private.raise_error('invalid_transition', format('A booking cannot go from %s to %s.', p_booking.status, p_to), 'P0001');
  end if;
  if p_booking.status = 'held' and p_to = 'confirmed' and p_booking.hold_expires_at <= now() then
    perform private.raise_error('hold_expired', 'This hold has expired; book again.', 'P0001');
  end if;
end;
$$;

-- The seam for folios: whether a checked-in booking may check out. Here always true; the folio
-- migration replaces this function (same signature) to require a zero balance unless a manager
-- gives an override reason. check_out_booking refuses with balance_outstanding when it is false.
create function private.booking_checkout_allowed(p_booking_id uuid, p_override_reason text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  return true;
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.property_settings enable row level security;
alter table public.resource_types enable row level security;
alter table public.resources enable row level security;
alter table public.resource_out_of_service enable row level security;
alter table public.rate_plans enable row level security;
alter table public.rate_overrides enable row level security;
alter table public.property_taxes enable row level security;
alter table public.bookings enable row level security;

-- Set-up tables of a property: members read those of properties they work in, managers of the
-- property write them directly (check constraints and triggers keep them valid).
do $$
declare
  v_table text;
  v_scope constant text := '(organization_id in (select private.orgs_with_role_over_all_properties(%1$L))'
    ' or property_id in (select private.listed_properties(%1$L)))';
begin
  foreach v_table in array array['property_settings', 'resource_types', 'resources', 'resource_out_of_service',
    'rate_plans', 'rate_overrides', 'property_taxes']
  loop
    execute format('create policy %I on public.%I for select to authenticated using %s',
      format('members can read %s of properties they work in', replace(v_table, '_', ' ')), v_table,
      format(v_scope, 'viewer'));
    execute format('create policy %I on public.%I for insert to authenticated with check %s',
      format('managers can add %s to properties they work in', replace(v_table, '_', ' ')), v_table,
      format(v_scope, 'manager'));
    execute format('create policy %I on public.%I for update to authenticated using %s with check %s',
      format('managers can change %s of properties they work in', replace(v_table, '_', ' ')), v_table,
      format(v_scope, 'manager'), format(v_scope, 'manager'));
    execute format('create policy %I on public.%I for delete to authenticated using %s',
      format('managers can remove %s of properties they work in', replace(v_table, '_', ' ')), v_table,
      format(v_scope, 'manager'));
  end loop;
end;
$$;

-- Bookings change only through the RPCs below.
create policy "members can read bookings of properties they work in" on public.bookings
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );

-- ============================================================================================
-- Views
-- ============================================================================================

-- Visit history of guests, from their bookings (orders join in a later migration). Runs with
-- the caller's rights (security_invoker), so the bookings' RLS applies.
create view public.guest_visits with (security_invoker = true) as
select b.organization_id, b.guest_id, b.property_id, b.id as booking_id, b.reference, b.status,
  b.arrival_date, b.departure_date, b.departure_date - b.arrival_date as nights, b.party_size,
  b.currency, b.total_minor
from public.bookings b
where b.guest_id is not null and b.status in ('confirmed', 'checked_in', 'checked_out', 'no_show');
comment on view public.guest_visits is 'Stays and visits of each guest, from bookings, under the bookings'' RLS.';

-- The property a search is about, when the caller works there, with the party size checked.
create function private.search_property(p_property_id uuid, p_party_size integer)
returns public.properties
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_property public.properties;
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.require_user();
  select * into v_property from public.properties p where p.id = p_property_id;
  if v_property.id is null or not private.can_access_property(p_property_id, 'viewer') then
    perform private.raise_error('property_not_found', 'No such property, or you do not work in it.', 'P0002');
  end if;
  perform private.check_input(p_party_size between 1 and 1000, 'invalid_party_size', 'Party size must be 1 to 1000.');
  return v_property;
end;
$$;

-- What both searches return: per resource type priced by p_unit and active rate plan, the free
-- resources (capacity, out of service, active bookings and unexpired holds over the blocked
-- period) and the quote; nights also within the plan's minimum/maximum stay. Sorted by total.
create function private.available_offers(
  p_property_id uuid,
  p_unit public.pricing_unit,
  p_blocked_period tstzrange,
  p_dates date[],
  p_party_size integer
)
returns table (
  resource_type_id uuid,
  resource_type_name text,
  rate_plan_id uuid,
  rate_plan_name text,
  resource_ids uuid[],
  currency text,
  total_minor bigint,
  price_breakdown jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    with free as (
      select r.resource_type_id as type_id, array_agg(r.id order by r.name, r.id) as ids
      from public.resources r
      join public.resource_types t on t.id = r.resource_type_id
      where r.property_id = p_property_id and r.active and t.pricing = p_unit
        and p_party_size between r.min_guests and r.max_guests
        -- Inline rather than a function call per resource: both use the gist indexes.
        and not exists (
          select 1 from public.resource_out_of_service o
          where o.resource_id = r.id and o.period && p_blocked_period
        )
        and not exists (
          select 1 from public.bookings b
          where b.resource_id = r.id and b.blocked_period && p_blocked_period
            and b.status in ('held', 'confirmed', 'checked_in')
            and (b.status <> 'held' or b.hold_expires_at > now())
        )
      group by r.resource_type_id
    )
    select t.id, t.name, rp.id, rp.name, f.ids, rp.currency, (q.quote ->> 'total_minor')::bigint, q.quote
    from free f
    join public.resource_types t on t.id = f.type_id
    join public.rate_plans rp on rp.resource_type_id = t.id and rp.active
      and (p_unit <> 'night'
           or (cardinality(p_dates) >= rp.min_stay and (rp.max_stay is null or cardinality(p_dates) <= rp.max_stay)))
    cross join lateral (select private.quote(rp, t.kind, t.pricing, p_dates, p_party_size) as quote) q
    order by 7, 2, 4;
end;
$$;

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- Bookable room types for a stay, as a guest would see them (source widget: minimum notice and
-- booking window apply): one row per resource type and rate plan with a free room.
create function public.search_availability(
  p_property_id uuid,
  p_arrival date,
  p_departure date,
  p_party_size integer
)
returns table (
  resource_type_id uuid,
  resource_type_name text,
  rate_plan_id uuid,
  rate_plan_name text,
  resource_ids uuid[],
  currency text,
  total_minor bigint,
  price_breakdown jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_property public.properties := private.search_property(p_property_id, p_party_size);
  v_settings public.property_settings := private.property_settings_of(p_property_id);
  v_stay record;
begin
  select * into v_stay from private.booking_stay('night', v_settings, v_property.time_zone, p_arrival, p_departure, null, null);
  if not private.booking_time_allowed(v_settings, v_property.time_zone, v_stay.period, v_stay.arrival_date, 'widget') then
    return;
  end if;
  return query select * from private.available_offers(p_property_id, 'night', v_stay.blocked_period, v_stay.dates, p_party_size);
end;
$$;

-- Bookable tables and spaces for a slot: as search_availability, with the property's turn time
-- kept free after the slot (and before it, by the bookings already there).
create function public.search_table_availability(
  p_property_id uuid,
  p_date date,
  p_time time,
  p_duration_minutes integer,
  p_party_size integer
)
returns table (
  resource_type_id uuid,
  resource_type_name text,
  rate_plan_id uuid,
  rate_plan_name text,
  resource_ids uuid[],
  currency text,
  total_minor bigint,
  price_breakdown jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_property public.properties := private.search_property(p_property_id, p_party_size);
  v_settings public.property_settings;
  v_stay record;
begin
  perform private.check_input(p_date between date '2000-01-01' and date '2200-01-01', 'invalid_date',
    'Date is required (between 2000 and 2200).');
  v_settings := private.property_settings_of(p_property_id);
  select * into v_stay from private.booking_stay('slot', v_settings, v_property.time_zone, p_date, null, p_time, p_duration_minutes);
  if not private.booking_time_allowed(v_settings, v_property.time_zone, v_stay.period, v_stay.arrival_date, 'widget') then
    return;
  end if;
  return query select * from private.available_offers(p_property_id, 'slot', v_stay.blocked_period, v_stay.dates, p_party_size);
end;
$$;

-- Books a resource: a hold (expiring after the property's hold minutes) or, with p_confirm, a
-- confirmed booking. Lodging: p_arrival and p_departure; slots: p_arrival (the date), p_time and
-- p_duration_minutes. A retry with the same p_idempotency_key returns the same booking.
create function public.create_booking(
  p_resource_id uuid,
  p_guest_id uuid,
  p_arrival date,
  p_departure date,
  p_party_size integer,
  p_time time default null,
  p_duration_minutes integer default null,
  p_confirm boolean default false,
  p_source text default 'staff',
  p_idempotency_key text default null,
  p_rate_plan_id uuid default null
)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_resource public.resources;
  v_type public.resource_types;
  v_property public.properties;
  v_settings public.property_settings;
  v_plan public.rate_plans;
  v_stay record;
  v_quote jsonb;
  v_booking public.bookings;
  v_constraint text;
  v_attempt integer := 0;
begin
  perform private.check_input(p_resource_id is not null, 'invalid_resource_id', 'Resource id is required.');
  select * into v_resource from public.resources r where r.id = p_resource_id;
  perform private.require_property_role(v_resource.property_id, 'staff', 'resource_not_found',
    'No such resource, or you do not work in its property.');
  perform private.check_input(p_source is not null and p_source = any (enum_range(null::public.booking_source)::text[]),
    'invalid_source', 'Source must be one of staff, widget, api.');
  perform private.check_input(p_idempotency_key is null or char_length(p_idempotency_key) between 1 and 200,
    'invalid_idempotency_key', 'Idempotency key must be 1 to 200 characters.');
  perform private.check_input(p_party_size between 1 and 1000, 'invalid_party_size', 'Party size must be 1 to 1000.');
  select * into v_type from public.resource_types t where t.id = v_resource.resource_type_id;
  select * into v_property from public.properties p where p.id = v_resource.property_id;
  v_settings := private.property_settings_of(v_property.id);
  select * into v_stay from private.booking_stay(v_type.pricing, v_settings, v_property.time_zone, p_arrival, p_departure, p_time,
    p_duration_minutes);
  if p_guest_id is not null and not exists (
    select 1 from public.guests g where g.id = p_guest_id and g.organization_id = v_resource.organization_id
  ) then
    perform private.raise_error('guest_not_found', 'No such guest in this organization.', 'P0002');
  end if;
  if p_rate_plan_id is not null and not exists (
    select 1 from public.rate_plans rp where rp.id = p_rate_plan_id and rp.resource_type_id = v_type.id
  ) then
    perform private.raise_error('rate_plan_not_found', 'No rate plan with this id for this resource.', 'P0002');
  end if;

  -- A retry: the booking made with this key, when it is the same request.
  if p_idempotency_key is not null then
    select * into v_booking from public.bookings b
    where b.organization_id = v_resource.organization_id and b.idempotency_key = p_idempotency_key;
    if v_booking.id is not null then
      if v_booking.resource_id <> p_resource_id or v_booking.period <> v_stay.period
         or v_booking.party_size <> p_party_size then
        perform private.raise_error('idempotency_key_reused', 'This idempotency key was used for another booking.', '23505');
      end if;
      return v_booking;
    end if;
  end if;

  if p_party_size not between v_resource.min_guests and v_resource.max_guests then
    perform private.raise_error('party_size_not_accepted',
      format('This resource takes %s to %s guests.', v_resource.min_guests, v_resource.max_guests), 'P0001');
  end if;
  v_plan := private.pick_rate_plan(v_type.id, p_rate_plan_id, cardinality(v_stay.dates));
  if v_type.pricing = 'night' and (cardinality(v_stay.dates) < v_plan.min_stay
      or cardinality(v_stay.dates) > coalesce(v_plan.max_stay, 365)) then
    perform private.raise_error('stay_length_not_accepted',
      format('This rate needs a stay of %s to %s nights.', v_plan.min_stay, coalesce(v_plan.max_stay, 365)), 'P0001');
  end if;
  if not private.booking_time_allowed(v_settings, v_property.time_zone, v_stay.period, v_stay.arrival_date,
      p_source::public.booking_source) then
    perform private.raise_error('outside_booking_window',
      'This start is in the past, too soon or too far ahead for this property.', 'P0001');
  end if;

  -- Lock order: the resource, then bookings (the expired holds in the way).
  perform 1 from public.resources r where r.id = p_resource_id for no key update;
  perform private.expire_overlapping_holds(p_resource_id, v_stay.blocked_period);
  if not v_resource.active or exists (
    select 1 from public.resource_out_of_service o where o.resource_id = p_resource_id and o.period && v_stay.blocked_period
  ) then
    perform private.raise_error('not_available', 'This resource is not available for this period.', 'P0001');
  end if;
  v_quote := private.quote(v_plan, v_type.kind, v_type.pricing, v_stay.dates, p_party_size);

  loop
    v_attempt := v_attempt + 1;
    begin
      insert into public.bookings (organization_id, property_id, resource_id, guest_id, rate_plan_id, status, period,
        blocked_period, arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, source,
        idempotency_key, hold_expires_at, confirmed_at, created_by)
      values (v_resource.organization_id, v_resource.property_id, p_resource_id, p_guest_id, v_plan.id,
        case when coalesce(p_confirm, false) then 'confirmed' else 'held' end::public.booking_status,
        v_stay.period, v_stay.blocked_period, v_stay.arrival_date, v_stay.departure_date, p_party_size, v_plan.currency,
        (v_quote ->> 'total_minor')::bigint, v_quote, p_source::public.booking_source, p_idempotency_key,
        case when not coalesce(p_confirm, false) then now() + make_interval(mins => v_settings.hold_minutes) end,
        case when coalesce(p_confirm, false) then now() end, v_user)
      returning * into v_booking;
      return v_booking;
    exception
      when exclusion_violation then
        -- A concurrent retry with the same key may have taken the period first.
        select * into v_booking from public.bookings b
        where p_idempotency_key is not null
          and b.organization_id = v_resource.organization_id and b.idempotency_key = p_idempotency_key;
        if v_booking.id is not null and v_booking.resource_id = p_resource_id and v_booking.period = v_stay.period then
          return v_booking;
        end if;
        perform private.raise_error('not_available', 'This resource is already booked for this period.', 'P0001');
      when unique_violation then
        get stacked diagnostics v_constraint = constraint_name;
        if v_constraint = 'bookings_organization_idempotency_key' then
          select * into v_booking from public.bookings b
          where b.organization_id = v_resource.organization_id and b.idempotency_key = p_idempotency_key;
          if v_booking.resource_id <> p_resource_id or v_booking.period <> v_stay.period then
            perform private.raise_error('idempotency_key_reused', 'This idempotency key was used for another booking.', '23505');
          end if;
          return v_booking;
        elsif v_constraint <> 'bookings_organization_reference_key' or v_attempt >= 5 then
          raise;
        end if;
        -- Else a reference collision (1 in 2^40): try another.
    end;
  end loop;
end;
$$;

create function public.confirm_booking(p_booking_id uuid)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings := private.lock_booking_and_resource(p_booking_id, 'staff');
begin
  perform private.require_transition(v_booking, 'confirmed');
  update public.bookings b set status = 'confirmed', confirmed_at = now()
  where b.id = v_booking.id returning * into v_booking;
  return v_booking;
end;
$$;

-- Moves a held or confirmed booking to another resource (booked the same way), other dates or
-- times, or another party size, repriced, through the same exclusion constraint. Null keeps.
create function public.modify_booking(
  p_booking_id uuid,
  p_resource_id uuid default null,
  p_arrival date default null,
  p_departure date default null,
  p_party_size integer default null,
  p_time time default null,
  p_duration_minutes integer default null
)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_current public.bookings;
  v_booking public.bookings;
  v_resource public.resources;
  v_type public.resource_types;
  v_old_type public.resource_types;
  v_property public.properties;
  v_settings public.property_settings;
  v_plan public.rate_plans;
  v_stay record;
  v_quote jsonb;
  v_party integer;
  v_local_start timestamp;
begin
  perform private.check_input(p_booking_id is not null, 'invalid_booking_id', 'Booking id is required.');
  perform private.require_user();
  select * into v_current from public.bookings b where b.id = p_booking_id;
  if v_current.id is null or not private.can_access_property(v_current.property_id, 'viewer') then
    perform private.raise_error('booking_not_found', 'No such booking.', 'P0002');
  end if;
  perform private.check_input(p_party_size is null or p_party_size between 1 and 1000, 'invalid_party_size',
    'Party size must be 1 to 1000.');
  select * into v_resource from public.resources r
  where r.id = coalesce(p_resource_id, v_current.resource_id) and r.property_id = v_current.property_id;
  if v_resource.id is null then
    perform private.raise_error('resource_not_found', 'No such resource in this booking''s property.', 'P0002');
  end if;
  -- Lock order: resources by id, then the booking.
  perform 1 from public.resources r
  where r.id in (v_current.resource_id, v_resource.id)
  order by r.id
  for no key update;
  v_booking := private.lock_booking(p_booking_id, 'staff');
  if v_booking.resource_id <> v_current.resource_id then
    perform private.raise_error('booking_changed', 'The booking changed meanwhile; try again.', 'P0001');
  end if;
  if v_booking.status not in ('held', 'confirmed') or (v_booking.status = 'held' and v_booking.hold_expires_at <= now()) then
    perform private.raise_error('not_modifiable', 'Only unexpired holds and confirmed bookings can be changed.', 'P0001');
  end if;

  select * into v_type from public.resource_types t where t.id = v_resource.resource_type_id;
  select * into v_old_type from public.resource_types t
  where t.id = (select r.resource_type_id from public.resources r where r.id = v_booking.resource_id);
  perform private.check_input(v_type.pricing = v_old_type.pricing, 'invalid_resource_id',
    'The new resource must be priced the same way (per night or per slot).');
  select * into v_property from public.properties p where p.id = v_booking.property_id;
  v_settings := private.property_settings_of(v_property.id);
  v_local_start := lower(v_booking.period) at time zone v_property.time_zone;
  if v_type.pricing = 'night' then
    select * into v_stay from private.booking_stay('night', v_settings, v_property.time_zone, coalesce(p_arrival, v_booking.arrival_date),
      coalesce(p_departure, v_booking.departure_date), p_time, p_duration_minutes);
  else
    select * into v_stay from private.booking_stay('slot', v_settings, v_property.time_zone, coalesce(p_arrival, v_booking.arrival_date),
      p_departure, coalesce(p_time, v_local_start::time),
      coalesce(p_duration_minutes, (extract(epoch from upper(v_booking.period) - lower(v_booking.period)) / 60)::integer));
  end if;
  v_party := coalesce(p_party_size, v_booking.party_size);
  if v_party not between v_resource.min_guests and v_resource.max_guests then
    perform private.raise_error('party_size_not_accepted',
      format('This resource takes %s to %s guests.', v_resource.min_guests, v_resource.max_guests), 'P0001');
  end if;
  -- Same type: keep the booked plan while it is active; another type: its cheapest plan.
  v_plan := private.pick_rate_plan(v_type.id,
    case when v_type.id = v_old_type.id and exists (
      select 1 from public.rate_plans rp where rp.id = v_booking.rate_plan_id and rp.active
    ) then v_booking.rate_plan_id end, cardinality(v_stay.dates));
  if v_type.pricing = 'night' and (cardinality(v_stay.dates) < v_plan.min_stay
      or cardinality(v_stay.dates) > coalesce(v_plan.max_stay, 365)) then
    perform private.raise_error('stay_length_not_accepted',
      format('This rate needs a stay of %s to %s nights.', v_plan.min_stay, coalesce(v_plan.max_stay, 365)), 'P0001');
  end if;
  if v_stay.period <> v_booking.period
     and not private.booking_time_allowed(v_settings, v_property.time_zone, v_stay.period, v_stay.arrival_date, 'staff') then
    perform private.raise_error('outside_booking_window',
      'This start is in the past, too soon or too far ahead for this property.', 'P0001');
  end if;
  perform private.expire_overlapping_holds(v_resource.id, v_stay.blocked_period);
  if not v_resource.active or exists (
    select 1 from public.resource_out_of_service o where o.resource_id = v_resource.id and o.period && v_stay.blocked_period
  ) then
    perform private.raise_error('not_available', 'This resource is not available for this period.', 'P0001');
  end if;
  v_quote := private.quote(v_plan, v_type.kind, v_type.pricing, v_stay.dates, v_party);
  begin
    update public.bookings b set
      resource_id = v_resource.id, rate_plan_id = v_plan.id, period = v_stay.period,
      blocked_period = v_stay.blocked_period, arrival_date = v_stay.arrival_date,
      departure_date = v_stay.departure_date, party_size = v_party,
      total_minor = (v_quote ->> 'total_minor')::bigint, price_breakdown = v_quote
    where b.id = v_booking.id
    returning * into v_booking;
  exception when exclusion_violation then
    perform private.raise_error('not_available', 'This resource is already booked for this period.', 'P0001');
  end;
  return v_booking;
end;
$$;

-- Cancels a hold (free) or a confirmed booking under the property's policy: free until
-- free_cancellation_hours before the start, then the fee (rule R6), recorded on the booking.
create function public.cancel_booking(p_booking_id uuid, p_reason text default null)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings := private.lock_booking_and_resource(p_booking_id, 'staff');
  v_settings public.property_settings;
  v_fee bigint := 0;
begin
  perform private.check_input(p_reason is null or char_length(p_reason) <= 500, 'invalid_reason',
    'Reason must be at most 500 characters.');
  perform private.require_transition(v_booking, 'cancelled');
  v_settings := private.property_settings_of(v_booking.property_id);
  if v_booking.status = 'confirmed'
     and now() >= lower(v_booking.period) - make_interval(hours => v_settings.free_cancellation_hours) then
    if v_settings.cancellation_fee_kind = 'percentage' then
      v_fee := round(v_booking.total_minor::numeric * v_settings.cancellation_fee_bps / 10000)::bigint;
    else
      v_fee := least(coalesce((v_booking.price_breakdown -> 'lines' -> 0 ->> 'amount_minor')::bigint, 0),
        v_booking.total_minor);
    end if;
  end if;
  update public.bookings b
  set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = v_fee,
    cancellation_reason = nullif(btrim(p_reason), '')
  where b.id = v_booking.id
  returning * into v_booking;
  return v_booking;
end;
$$;

-- From the local arrival date on (early check-in is the desk's call).
create function public.check_in_booking(p_booking_id uuid)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings := private.lock_booking_and_resource(p_booking_id, 'staff');
begin
  perform private.require_transition(v_booking, 'checked_in');
  if (now() at time zone (select p.time_zone from public.properties p where p.id = v_booking.property_id))::date
     < v_booking.arrival_date then
    perform private.raise_error('too_early', 'Check-in opens on the arrival date.', 'P0001');
  end if;
  update public.bookings b set status = 'checked_in', checked_in_at = now()
  where b.id = v_booking.id returning * into v_booking;
  return v_booking;
end;
$$;

-- Allowed when private.booking_checkout_allowed says so (the folio migration: a zero balance,
-- or a manager's override reason).
create function public.check_out_booking(p_booking_id uuid, p_override_reason text default null)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings := private.lock_booking_and_resource(p_booking_id, 'staff');
begin
  perform private.check_input(p_override_reason is null or char_length(btrim(p_override_reason)) between 1 and 500,
    'invalid_override_reason', 'Override reason must be 1 to 500 characters.');
  perform private.require_transition(v_booking, 'checked_out');
  if not private.booking_checkout_allowed(v_booking.id, p_override_reason) then
    perform private.raise_error('balance_outstanding', 'Settle the folio before checking out.', 'P0001');
  end if;
  update public.bookings b
  set status = 'checked_out', checked_out_at = now(), checkout_override_reason = btrim(p_override_reason)
  where b.id = v_booking.id returning * into v_booking;
  return v_booking;
end;
$$;

-- From the local arrival date on.
create function public.mark_no_show(p_booking_id uuid)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings := private.lock_booking_and_resource(p_booking_id, 'staff');
begin
  perform private.require_transition(v_booking, 'no_show');
  if (now() at time zone (select p.time_zone from public.properties p where p.id = v_booking.property_id))::date
     < v_booking.arrival_date then
    perform private.raise_error('too_early', 'A guest is a no-show only from the arrival date on.', 'P0001');
  end if;
  update public.bookings b set status = 'no_show'
  where b.id = v_booking.id returning * into v_booking;
  return v_booking;
end;
$$;

-- ============================================================================================
-- Realtime
-- ============================================================================================

alter publication supabase_realtime add table public.bookings;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.property_settings, public.resource_types, public.resources, public.resource_out_of_service,
  public.rate_plans, public.rate_overrides, public.property_taxes, public.bookings from anon, authenticated;
grant select, insert, update, delete on table public.property_settings, public.resource_types, public.resources,
  public.resource_out_of_service, public.rate_plans, public.rate_overrides, public.property_taxes to authenticated;
grant select on table public.bookings to authenticated;
revoke all on table public.guest_visits from anon, authenticated;
grant select on table public.guest_visits to authenticated;

revoke execute on function
  private.new_booking_reference(),
  private.match_property_currency(),
  private.is_valid_booking_transition(public.booking_status, public.booking_status),
  private.guard_booking_status(),
  private.property_settings_of(uuid),
  private.quote(public.rate_plans, public.resource_kind, public.pricing_unit, date[], integer),
  private.search_property(uuid, integer),
  private.available_offers(uuid, public.pricing_unit, tstzrange, date[], integer),
  private.booking_stay(public.pricing_unit, public.property_settings, text, date, date, time, integer),
  private.booking_time_allowed(public.property_settings, text, tstzrange, date, public.booking_source),
  private.expire_overlapping_holds(uuid, tstzrange),
  private.expire_holds(),
  private.pick_rate_plan(uuid, uuid, integer),
  private.lock_booking(uuid, public.org_role),
  private.lock_booking_and_resource(uuid, public.org_role),
  private.require_transition(public.bookings, public.booking_status),
  private.booking_checkout_allowed(uuid, text)
from public, anon, authenticated;
-- The reference default runs as whoever inserts: the RPCs' owner, or the service role.
grant execute on function private.new_booking_reference(), private.expire_holds() to service_role;

revoke execute on function
  public.search_availability(uuid, date, date, integer),
  public.search_table_availability(uuid, date, time, integer, integer),
  public.create_booking(uuid, uuid, date, date, integer, time, integer, boolean, text, text, uuid),
  public.confirm_booking(uuid),
  public.modify_booking(uuid, uuid, date, date, integer, time, integer),
  public.cancel_booking(uuid, text),
  public.check_in_booking(uuid),
  public.check_out_booking(uuid, text),
  public.mark_no_show(uuid)
from public, anon;
grant execute on function
  public.search_availability(uuid, date, date, integer),
  public.search_table_availability(uuid, date, time, integer, integer),
  public.create_booking(uuid, uuid, date, date, integer, time, integer, boolean, text, text, uuid),
  public.confirm_booking(uuid),
  public.modify_booking(uuid, uuid, date, date, integer, time, integer),
  public.cancel_booking(uuid, text),
  public.check_in_booking(uuid),
  public.check_out_booking(uuid, text),
  public.mark_no_show(uuid)
to authenticated, service_role;
