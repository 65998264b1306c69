-- The booking and guest rules, callable without a signed-in member (decision 034).
--
-- create_booking, confirm_booking, cancel_booking and upsert_guest checked the caller (a member
-- of the property or organization) and applied the rules in one body. The public widget API has
-- no member: it must apply the same rules on behalf of a widget key. Rather than a second copy,
-- each body moves here into a private function without the caller check, and the public RPC
-- becomes the caller check followed by a call to it, with the same signature, errors and order
-- of checks as before:
--   private.book_resource(..., p_actor)     ← public.create_booking (p_actor = the member)
--   private.confirm_locked_booking(booking) ← public.confirm_booking
--   private.cancellation_fee(booking)       ← public.cancel_booking (rule R6), also shown by lookups
--   private.cancel_locked_booking(booking, reason) ← public.cancel_booking
--   private.upsert_guest_in(...)            ← public.upsert_guest
-- private.lock_bookable(booking_id) locks a booking's resource then the booking (the lock order
-- of every booking writer) without a role check, for callers that proved their right otherwise.
-- None of the private functions is executable by anon or authenticated.

create function private.book_resource(
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
  p_rate_plan_id uuid default null,
  p_actor uuid default null
)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := p_actor;
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
  if v_resource.id is null then
    perform private.raise_error('resource_not_found', 'No such resource.', 'P0002');
  end if;
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

create or replace function public.create_booking(
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
begin
  perform private.check_input(p_resource_id is not null, 'invalid_resource_id', 'Resource id is required.');
  perform private.require_property_role((select r.property_id from public.resources r where r.id = p_resource_id),
    'staff', 'resource_not_found', 'No such resource, or you do not work in its property.');
  return private.book_resource(p_resource_id, p_guest_id, p_arrival, p_departure, p_party_size, p_time,
    p_duration_minutes, p_confirm, p_source, p_idempotency_key, p_rate_plan_id, v_user);
end;
$$;


-- The booking's resource, then the booking, locked (no role check: the caller proved its right).
create function private.lock_bookable(p_booking_id uuid)
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
  select b.resource_id into v_resource_id from public.bookings b where b.id = p_booking_id;
  if v_resource_id is null then
    perform private.raise_error('booking_not_found', 'No such booking.', 'P0002');
  end if;
  perform 1 from public.resources r where r.id = v_resource_id for no key update;
  select * into v_booking from public.bookings b where b.id = p_booking_id for update;
  if v_booking.resource_id is distinct from v_resource_id then
    perform private.raise_error('booking_changed', 'The booking changed meanwhile; try again.', 'P0001');
  end if;
  return v_booking;
end;
$$;

-- Confirms a locked booking (an unexpired hold).
create function private.confirm_locked_booking(p_booking public.bookings)
returns public.bookings
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  perform private.require_transition(p_booking, 'confirmed');
  update public.bookings b set status = 'confirmed', confirmed_at = now()
  where b.id = p_booking.id returning * into v_booking;
  return v_booking;
end;
$$;

create or replace function public.confirm_booking(p_booking_id uuid)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
begin
  return private.confirm_locked_booking(private.lock_booking_and_resource(p_booking_id, 'staff'));
end;
$$;

-- What cancelling the booking now costs under its property's policy: nothing for a hold or
-- before free_cancellation_hours ahead of the start, else the fee (rule R6).
create function private.cancellation_fee(p_booking public.bookings)
returns bigint
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_settings public.property_settings := private.property_settings_of(p_booking.property_id);
begin
  if p_booking.status = 'confirmed'
     and now() >= lower(p_booking.period) - make_interval(hours => v_settings.free_cancellation_hours) then
    if v_settings.cancellation_fee_kind = 'percentage' then
      return round(p_booking.total_minor::numeric * v_settings.cancellation_fee_bps / 10000)::bigint;
    end if;
    return least(coalesce((p_booking.price_breakdown -> 'lines' -> 0 ->> 'amount_minor')::bigint, 0),
      p_booking.total_minor);
  end if;
  return 0;
end;
$$;

-- Cancels a locked hold or confirmed booking, recording the policy's fee.
create function private.cancel_locked_booking(p_booking public.bookings, p_reason text)
returns public.bookings
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  perform private.check_input(p_reason is null or char_length(p_reason) <= 500, 'invalid_reason',
    'Reason must be at most 500 characters.');
  perform private.require_transition(p_booking, 'cancelled');
  update public.bookings b
  set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = private.cancellation_fee(p_booking),
    cancellation_reason = nullif(btrim(p_reason), '')
  where b.id = p_booking.id
  returning * into v_booking;
  return v_booking;
end;
$$;

create or replace function public.cancel_booking(p_booking_id uuid, p_reason text default null)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
begin
  return private.cancel_locked_booking(private.lock_booking_and_resource(p_booking_id, 'staff'), p_reason);
end;
$$;

create function private.upsert_guest_in(
  p_organization_id uuid,
  p_full_name text,
  p_email text default null,
  p_phone text default null,
  p_language text default null,
  p_notes text default null,
  p_tags text[] default null,
  p_marketing_consent boolean default null
)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_name text := btrim(p_full_name);
  v_email text := nullif(lower(btrim(p_email)), '');
  v_phone text := private.normalize_phone(p_phone);
  v_by_email public.guests;
  v_by_phone public.guests;
  v_guest public.guests;
  v_attempt int := 0;
begin
  perform private.check_input(char_length(v_name) between 1 and 200, 'invalid_full_name', 'Full name must be 1 to 200 characters.');
  perform private.check_input(v_email is null or private.is_email(v_email), 'invalid_email',
    'Email must be a valid address of at most 254 characters.');
  perform private.check_input(v_phone is null or v_phone ~ '^\+[1-9][0-9]{6,14}$', 'invalid_phone',
    'Phone must be an international number such as +351 912 345 678.');
  perform private.check_input(p_language is null or p_language ~ '^[a-z]{2,3}(-[A-Z]{2})?$', 'invalid_language',
    'Language must look like en or pt-PT.');
  perform private.check_input(p_notes is null or char_length(p_notes) <= 4000, 'invalid_notes', 'Notes must be at most 4000 characters.');
  perform private.check_input(
    p_tags is null or (
      cardinality(p_tags) <= 50 and (cardinality(p_tags) = 0 or array_ndims(p_tags) = 1)
      and array_position(p_tags, null) is null
      and not exists (select 1 from unnest(p_tags) t where char_length(btrim(t)) not between 1 and 40)
    ),
    'invalid_tags', 'Tags must be a flat list of at most 50 tags of 1 to 40 characters.');

  loop
    v_attempt := v_attempt + 1;
    v_by_email := null;
    v_by_phone := null;
    if v_email is not null then
      select * into v_by_email from public.guests g
      where g.organization_id = p_organization_id and g.email = v_email::extensions.citext for update;
    end if;
    if v_phone is not null then
      select * into v_by_phone from public.guests g
      where g.organization_id = p_organization_id and g.phone = v_phone for update;
    end if;
    if v_by_email.id is not null and v_by_phone.id is not null and v_by_email.id <> v_by_phone.id then
      perform private.raise_error('guest_conflict', 'The email and the phone belong to two different guests.', '23505');
    end if;
    -- Not coalesce(): a row variable a query found nothing for is a row of nulls, not null.
    v_guest := case when v_by_email.id is not null then v_by_email else v_by_phone end;
    begin
      if v_guest.id is null then
        insert into public.guests (organization_id, full_name, email, phone, language, notes, tags,
          marketing_consent, marketing_consent_at)
        values (p_organization_id, v_name, v_email, v_phone, p_language, p_notes,
          coalesce((select array_agg(distinct btrim(t) order by btrim(t)) from unnest(p_tags) t), '{}'),
          coalesce(p_marketing_consent, false), case when p_marketing_consent then now() end)
        returning * into v_guest;
      else
        update public.guests g set
          full_name = v_name,
          email = coalesce(v_email::extensions.citext, g.email),
          phone = coalesce(v_phone, g.phone),
          language = coalesce(p_language, g.language),
          notes = coalesce(p_notes, g.notes),
          tags = coalesce((select array_agg(distinct btrim(t) order by btrim(t)) from unnest(p_tags) t),
            case when p_tags is not null then '{}'::text[] end, g.tags),
          marketing_consent = coalesce(p_marketing_consent, g.marketing_consent),
          marketing_consent_at = case
            when p_marketing_consent is null then g.marketing_consent_at
            when p_marketing_consent then coalesce(g.marketing_consent_at, now())
          end
        where g.id = v_guest.id
        returning * into v_guest;
      end if;
      return v_guest;
    exception when unique_violation then
      -- A concurrent call created the same guest (or took this email or phone) first: look again.
      if v_attempt >= 3 then
        perform private.raise_error('guest_conflict', 'Another guest already uses this email or phone.', '23505');
      end if;
    end;
  end loop;
end;
$$;

create or replace function public.upsert_guest(
  p_organization_id uuid,
  p_full_name text,
  p_email text default null,
  p_phone text default null,
  p_language text default null,
  p_notes text default null,
  p_tags text[] default null,
  p_marketing_consent boolean default null
)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_org_role(p_organization_id, 'staff');
  return private.upsert_guest_in(p_organization_id, p_full_name, p_email, p_phone, p_language, p_notes, p_tags,
    p_marketing_consent);
end;
$$;

revoke execute on function
  private.book_resource(uuid, uuid, date, date, integer, time, integer, boolean, text, text, uuid, uuid),
  private.lock_bookable(uuid),
  private.confirm_locked_booking(public.bookings),
  private.cancellation_fee(public.bookings),
  private.cancel_locked_booking(public.bookings, text),
  private.upsert_guest_in(uuid, text, text, text, text, text, text[], boolean)
from public, anon, authenticated;
