-- The public widget API's RPCs (decision 034), called by the edge function functions/widget-api
-- as `anon`. Each takes the widget key first and works only inside the key's property; each
-- reuses the booking rules (private.available_offers, private.quote through book_resource,
-- private.book_resource, private.confirm_locked_booking, private.cancel_locked_booking,
-- private.cancellation_fee, private.upsert_guest_in) rather than repeating them. Prices are
-- computed here only: no argument carries an amount.
--
-- The Data API is refused (`widget_api_only`): the function checks the Origin and takes the rate
-- limits (private.widget_admit) before calling these, and a caller of /rest/v1 would skip both.
-- PostgREST marks its transactions with `request.method`; the function's connection does not.
--
-- A hold made through a widget gets a hold token: `ht_` + base64url of HMAC-SHA256(booking id)
-- under the installation's secret (private.widget_secrets), so a replayed hold answers the same
-- token; only its SHA-256 is stored (private.widget_holds), and status and confirmation need it.
--
-- Errors (decision 003): widget_key_invalid / widget_key_revoked / widget_api_only (42501),
-- invalid_* (22023), resource_type_not_found / booking_not_found (PT404), not_available,
-- hold_expired, outside_booking_window, terms_not_accepted… (P0001), idempotency_key_reused (23505).

-- ============================================================================================
-- Helpers
-- ============================================================================================

-- The key's row when it may be used; refuses the Data API, unknown and revoked keys.
create function private.widget_key_of(p_key text)
returns public.widget_keys
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys;
begin
  if nullif(current_setting('request.method', true), '') is not null then
    perform private.raise_error('widget_api_only', 'Call the widget API through its edge function.', '42501');
  end if;
  if p_key ~ '^wk_[A-Za-z0-9_-]{8,64}$' then
    select * into v_key from public.widget_keys k where k.key = p_key;
  end if;
  if v_key.id is null then
    perform private.raise_error('widget_key_invalid', 'This widget key is not known.', '42501');
  end if;
  if v_key.revoked_at is not null then
    perform private.raise_error('widget_key_revoked', 'This widget key was revoked.', '42501');
  end if;
  return v_key;
end;
$$;

create function private.widget_check_idempotency_key(p_key text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  perform private.check_input(p_key ~ '^[A-Za-z0-9_-]{8,128}$', 'invalid_idempotency_key',
    'Idempotency key must be 8 to 128 letters, digits, - or _.');
  return 'widget:' || p_key;
end;
$$;

create function private.widget_hold_token(p_booking_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select 'ht_' || rtrim(translate(encode(extensions.hmac(convert_to(p_booking_id::text, 'UTF8'), s.hold_secret, 'sha256'),
    'base64'), '+/', '-_'), '=')
  from private.widget_secrets s;
$$;

create function private.widget_token_hash(p_token text)
returns bytea
language sql
immutable
set search_path = ''
as $$
  select sha256(convert_to(p_token, 'UTF8'));
$$;

-- The booking a hold token names, in the key's property; booking_not_found otherwise.
create function private.widget_held_booking_id(p_key public.widget_keys, p_booking_id uuid, p_hold_token text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  perform private.check_input(p_booking_id is not null, 'invalid_booking_id', 'Booking id is required.');
  perform private.check_input(p_hold_token ~ '^ht_[A-Za-z0-9_-]{20,100}$', 'invalid_hold_token',
    'The hold token is missing or malformed.');
  select h.booking_id into v_id
  from private.widget_holds h join public.bookings b on b.id = h.booking_id
  where h.booking_id = p_booking_id and h.token_hash = private.widget_token_hash(p_hold_token)
    and b.property_id = p_key.property_id;
  if v_id is null then
    perform private.raise_error('booking_not_found', 'No such hold for this widget.', 'P0002');
  end if;
  return v_id;
end;
$$;

-- What a guest may see of one of their bookings.
create function private.widget_booking_summary(p_booking public.bookings)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'booking_id', p_booking.id,
    'reference', p_booking.reference,
    'status', case when p_booking.status = 'held' and p_booking.hold_expires_at <= now() then 'expired'
                   when p_booking.status = 'cancelled' and p_booking.cancellation_reason = 'hold_expired' then 'expired'
                   else p_booking.status::text end,
    'kind', case when t.pricing = 'night' then 'stay' else 'table' end,
    'from', p_booking.arrival_date,
    'to', p_booking.departure_date,
    'time', case when t.pricing = 'slot' then to_char(lower(p_booking.period) at time zone p.time_zone, 'HH24:MI') end,
    'starts_at', lower(p_booking.period),
    'guests', p_booking.party_size,
    'resource_type_id', t.id,
    'room_type', t.name,
    'total_minor', p_booking.total_minor,
    'currency', p_booking.currency,
    'expires_at', case when p_booking.status = 'held' then p_booking.hold_expires_at end,
    'cancellation_fee_minor', coalesce(p_booking.cancellation_fee_minor, private.cancellation_fee(p_booking)),
    'cancellable', p_booking.status in ('held', 'confirmed') and not (p_booking.status = 'held' and p_booking.hold_expires_at <= now()),
    'paid_minor', coalesce((
      select sum(case e.kind when 'payment' then -e.amount_minor when 'refund' then -e.amount_minor else 0 end)
      from public.folios f join public.folio_entries e on e.folio_id = f.id
      where f.booking_id = p_booking.id and e.kind in ('payment', 'refund')), 0))
  from public.resources r
  join public.resource_types t on t.id = r.resource_type_id
  join public.properties p on p.id = r.property_id
  where r.id = p_booking.resource_id;
$$;

-- The guest named at confirmation, found or created in the organization (upsert_guest's rules);
-- marketing consent is recorded when given and never withdrawn from here. When the phone is
-- another guest's than the email's, the phone is left out rather than refusing the booking.
create function private.widget_guest(p_organization_id uuid, p_name text, p_email text, p_phone text, p_marketing boolean)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
begin
  perform private.check_input(p_email is not null and private.is_email(lower(btrim(p_email))), 'invalid_email',
    'Email must be a valid address of at most 254 characters.');
  begin
    v_guest := private.upsert_guest_in(p_organization_id, p_name, p_email, p_phone, null, null, null,
      case when p_marketing then true end);
  exception when unique_violation then
    v_guest := private.upsert_guest_in(p_organization_id, p_name, p_email, null, null, null, null,
      case when p_marketing then true end);
  end;
  return v_guest.id;
end;
$$;

-- ============================================================================================
-- Config, availability and quotes
-- ============================================================================================

create function public.widget_config(p_key text)
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
begin
  select * into v_property from public.properties p where p.id = v_key.property_id;
  return jsonb_build_object(
    'property', jsonb_build_object('id', v_property.id, 'name', v_property.name, 'kind', v_property.kind,
      'currency', v_property.currency, 'time_zone', v_property.time_zone),
    'allowed_origins', to_jsonb(v_key.allowed_origins),
    'policy', jsonb_build_object(
      'hold_minutes', v_settings.hold_minutes,
      'free_cancellation_hours', v_settings.free_cancellation_hours,
      'cancellation', jsonb_build_object('kind', v_settings.cancellation_fee_kind, 'bps', v_settings.cancellation_fee_bps),
      'deposit', jsonb_build_object('kind', v_settings.deposit_kind, 'bps', v_settings.deposit_bps),
      'check_in_time', to_char(v_settings.check_in_time, 'HH24:MI'),
      'check_out_time', to_char(v_settings.check_out_time, 'HH24:MI')));
end;
$$;

-- Offers for a stay at the key's property (the availability search's rules for source widget).
create function private.widget_stay_offers(p_key public.widget_keys, p_from date, p_to date, p_guests integer)
returns table (resource_type_id uuid, rate_plan_id uuid, resource_ids uuid[], currency text, total_minor bigint,
  price_breakdown jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_property public.properties;
  v_settings public.property_settings := private.property_settings_of(p_key.property_id);
  v_stay record;
begin
  perform private.check_input(p_guests between 1 and 1000, 'invalid_party_size', 'Party size must be 1 to 1000.');
  select * into v_property from public.properties p where p.id = p_key.property_id;
  select * into v_stay from private.booking_stay('night', v_settings, v_property.time_zone, p_from, p_to, null, null);
  if not private.booking_time_allowed(v_settings, v_property.time_zone, v_stay.period, v_stay.arrival_date, 'widget') then
    return;
  end if;
  return query
    select o.resource_type_id, o.rate_plan_id, o.resource_ids, o.currency, o.total_minor, o.price_breakdown
    from private.available_offers(p_key.property_id, 'night', v_stay.blocked_period, v_stay.dates, p_guests) o;
end;
$$;

-- One offer as the widget shows it: the cheapest plan of a type.
create function private.widget_offer_json(p_settings public.property_settings, p_type public.resource_types,
  p_breakdown jsonb, p_available integer)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'resource_type_id', p_type.id, 'name', p_type.name, 'description', p_type.description,
    'capacity', (select max(r.max_guests) from public.resources r where r.resource_type_id = p_type.id and r.active),
    'nights', (p_breakdown ->> 'units')::integer,
    'lines', (select coalesce(jsonb_agg(jsonb_build_object('date', l ->> 'date', 'amount_minor', (l ->> 'amount_minor')::bigint)), '[]')
              from jsonb_array_elements(p_breakdown -> 'lines') l),
    'subtotal_minor', (p_breakdown ->> 'subtotal_minor')::bigint,
    'taxes_minor', (p_breakdown ->> 'exclusive_taxes_minor')::bigint,
    'included_taxes_minor', (p_breakdown ->> 'inclusive_taxes_minor')::bigint,
    'total_minor', (p_breakdown ->> 'total_minor')::bigint,
    'deposit_minor', private.deposit_due(p_settings, p_breakdown),
    'currency', p_breakdown ->> 'currency',
    'available_count', p_available);
$$;

create function public.widget_availability(p_key text, p_from date, p_to date, p_guests integer)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_settings public.property_settings := private.property_settings_of(v_key.property_id);
  v_types jsonb;
begin
  select coalesce(jsonb_agg(private.widget_offer_json(v_settings, t, c.price_breakdown, c.available)
    order by c.total_minor, t.name), '[]')
  into v_types
  from (
    select distinct on (o.resource_type_id) o.resource_type_id, o.price_breakdown, o.total_minor,
      cardinality(o.resource_ids) as available
    from private.widget_stay_offers(v_key, p_from, p_to, p_guests) o
    order by o.resource_type_id, o.total_minor
  ) c
  join public.resource_types t on t.id = c.resource_type_id;
  return jsonb_build_object('nights', p_to - p_from, 'currency',
    (select p.currency from public.properties p where p.id = v_key.property_id), 'room_types', v_types);
end;
$$;

create function public.widget_quote(p_key text, p_resource_type_id uuid, p_from date, p_to date, p_guests integer)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_settings public.property_settings := private.property_settings_of(v_key.property_id);
  v_type public.resource_types;
  v_offer record;
begin
  perform private.check_input(p_resource_type_id is not null, 'invalid_resource_type_id', 'Room type is required.');
  select * into v_type from public.resource_types t
  where t.id = p_resource_type_id and t.property_id = v_key.property_id and t.pricing = 'night';
  if v_type.id is null then
    perform private.raise_error('resource_type_not_found', 'No such room type at this property.', 'P0002');
  end if;
  select o.* into v_offer from private.widget_stay_offers(v_key, p_from, p_to, p_guests) o
  where o.resource_type_id = p_resource_type_id order by o.total_minor limit 1;
  if v_offer.resource_type_id is null then
    perform private.raise_error('not_available', 'No room of this type is free for these dates and guests.', 'P0001');
  end if;
  return private.widget_offer_json(v_settings, v_type, v_offer.price_breakdown, cardinality(v_offer.resource_ids));
end;
$$;

-- ============================================================================================
-- Holds, confirmation, status
-- ============================================================================================

-- The answer to a hold (and to its replays): the token is derived, never stored.
create function private.widget_hold_answer(p_booking public.bookings)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('booking_id', p_booking.id, 'reference', p_booking.reference,
    'hold_token', private.widget_hold_token(p_booking.id), 'status', p_booking.status,
    'expires_at', p_booking.hold_expires_at, 'total_minor', p_booking.total_minor,
    'deposit_minor', private.deposit_due(private.property_settings_of(p_booking.property_id), p_booking.price_breakdown),
    'currency', p_booking.currency);
$$;

-- Books a free resource of the type (cheapest plan) as a hold; the same idempotency key
-- returns the same hold (a different request under it: idempotency_key_reused).
create function private.widget_book(
  p_key public.widget_keys,
  p_resource_type_id uuid,
  p_from date,
  p_to date,
  p_time time,
  p_duration_minutes integer,
  p_guests integer,
  p_idempotency_key text,
  p_guest_id uuid,
  p_confirm boolean
)
returns public.bookings
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_idempotency_key text := private.widget_check_idempotency_key(p_idempotency_key);
  v_type public.resource_types;
  v_property public.properties;
  v_settings public.property_settings := private.property_settings_of(p_key.property_id);
  v_stay record;
  v_offer record;
  v_booking public.bookings;
  v_resource_id uuid;
  v_message text;
begin
  perform private.check_input(p_resource_type_id is not null, 'invalid_resource_type_id', 'The type is required.');
  perform private.check_input(p_guests between 1 and 1000, 'invalid_party_size', 'Party size must be 1 to 1000.');
  select * into v_type from public.resource_types t
  where t.id = p_resource_type_id and t.property_id = p_key.property_id;
  if v_type.id is null or (p_time is null) <> (v_type.pricing = 'night') then
    perform private.raise_error('resource_type_not_found', 'No such type at this property.', 'P0002');
  end if;
  select * into v_property from public.properties p where p.id = p_key.property_id;
  select * into v_stay from private.booking_stay(v_type.pricing, v_settings, v_property.time_zone, p_from, p_to, p_time,
    p_duration_minutes);

  -- A replay: the hold this key made, when it is the same request.
  select * into v_booking from public.bookings b
  where b.organization_id = p_key.organization_id and b.idempotency_key = v_idempotency_key;
  if v_booking.id is not null then
    if v_booking.property_id <> p_key.property_id or v_booking.period <> v_stay.period
       or v_booking.party_size <> p_guests
       or (select r.resource_type_id from public.resources r where r.id = v_booking.resource_id) <> p_resource_type_id then
      perform private.raise_error('idempotency_key_reused', 'This idempotency key was used for another booking.', '23505');
    end if;
    return v_booking;
  end if;

  if not private.booking_time_allowed(v_settings, v_property.time_zone, v_stay.period, v_stay.arrival_date, 'widget') then
    perform private.raise_error('outside_booking_window',
      'This start is in the past, too soon or too far ahead for this property.', 'P0001');
  end if;
  select o.* into v_offer
  from private.available_offers(p_key.property_id, v_type.pricing, v_stay.blocked_period, v_stay.dates, p_guests) o
  where o.resource_type_id = p_resource_type_id order by o.total_minor limit 1;
  -- Try the free resources in turn: another guest may take one between the search and the insert.
  foreach v_resource_id in array coalesce(v_offer.resource_ids, '{}') loop
    begin
      return private.book_resource(v_resource_id, p_guest_id, p_from, p_to, p_guests, p_time, p_duration_minutes,
        p_confirm, 'widget', v_idempotency_key, v_offer.rate_plan_id, null);
    exception when sqlstate 'P0001' then
      get stacked diagnostics v_message = message_text;
      if v_message <> 'not_available' then
        raise;
      end if;
    end;
  end loop;
  perform private.raise_error('not_available', 'Nothing of this type is free for this request any more.', 'P0001');
end;
$$;

create function public.widget_hold(
  p_key text,
  p_resource_type_id uuid,
  p_from date,
  p_to date,
  p_guests integer,
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
  v_booking public.bookings;
begin
  v_booking := private.widget_book(v_key, p_resource_type_id, p_from, p_to, null, null, p_guests, p_idempotency_key,
    null, false);
  insert into private.widget_holds (booking_id, widget_key_id, token_hash)
  values (v_booking.id, v_key.id, private.widget_token_hash(private.widget_hold_token(v_booking.id)))
  on conflict (booking_id) do nothing;
  return private.widget_hold_answer(v_booking);
end;
$$;

-- Names the guest of a hold and confirms it when nothing is due now; otherwise leaves it held
-- and answers payment_required with the deposit (the payment's webhook confirms it). A
-- confirmed booking answers confirmed again (a double click makes one booking).
create function public.widget_confirm(
  p_key text,
  p_booking_id uuid,
  p_hold_token text,
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
  v_booking_id uuid := private.widget_held_booking_id(v_key, p_booking_id, p_hold_token);
  v_idempotency_key text := private.widget_check_idempotency_key(p_idempotency_key);
  v_booking public.bookings;
  v_deposit bigint;
begin
  perform private.check_input(p_terms is true, 'terms_not_accepted', 'Accept the terms to book.');
  perform private.check_input(p_marketing is not null, 'invalid_marketing_consent', 'Say whether you want marketing email.');
  v_booking := private.lock_bookable(v_booking_id);
  if v_booking.status = 'confirmed' then
    return jsonb_build_object('status', 'confirmed', 'booking_id', v_booking.id, 'reference', v_booking.reference);
  end if;
  -- Refuses a cancelled or expired hold (hold_expired, invalid_transition) before writing anything.
  perform private.require_transition(v_booking, 'confirmed');
  update public.bookings b set guest_id = private.widget_guest(v_key.organization_id, p_name, p_email, p_phone, p_marketing)
  where b.id = v_booking.id returning * into v_booking;
  update private.widget_holds h set confirm_idempotency_key = coalesce(h.confirm_idempotency_key, v_idempotency_key)
  where h.booking_id = v_booking.id;
  v_deposit := private.deposit_due(private.property_settings_of(v_booking.property_id), v_booking.price_breakdown);
  if v_deposit > 0 then
    return jsonb_build_object('status', 'payment_required', 'booking_id', v_booking.id, 'reference', v_booking.reference,
      'amount_minor', v_deposit, 'currency', v_booking.currency, 'expires_at', v_booking.hold_expires_at,
      'payment_idempotency_key', 'widget-booking-' || v_booking.id::text);
  end if;
  v_booking := private.confirm_locked_booking(v_booking);
  return jsonb_build_object('status', 'confirmed', 'booking_id', v_booking.id, 'reference', v_booking.reference);
end;
$$;

create function public.widget_booking_status(p_key text, p_booking_id uuid, p_hold_token text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_booking public.bookings;
begin
  select * into v_booking from public.bookings b where b.id = private.widget_held_booking_id(v_key, p_booking_id, p_hold_token);
  return private.widget_booking_summary(v_booking);
end;
$$;

-- ============================================================================================
-- Manage my booking: reference + the guest's email
-- ============================================================================================

create function private.widget_booking_by_reference(p_key public.widget_keys, p_reference text, p_email text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  perform private.check_input(upper(btrim(p_reference)) ~ '^[A-HJ-NP-Z2-9]{8}$', 'invalid_reference',
    'A booking reference is 8 letters and digits.');
  perform private.check_input(p_email is not null and char_length(p_email) <= 254, 'invalid_email', 'Email is required.');
  select b.id into v_id
  from public.bookings b join public.guests g on g.id = b.guest_id
  where b.organization_id = p_key.organization_id and b.reference = upper(btrim(p_reference))
    and b.property_id = p_key.property_id and g.email = lower(btrim(p_email))::extensions.citext;
  if v_id is null then
    -- Same answer for a wrong reference and a wrong email: nothing to learn by guessing.
    perform private.raise_error('booking_not_found', 'No booking with this reference and email.', 'P0002');
  end if;
  return v_id;
end;
$$;

create function public.widget_lookup(p_key text, p_reference text, p_email text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_booking public.bookings;
begin
  select * into v_booking from public.bookings b where b.id = private.widget_booking_by_reference(v_key, p_reference, p_email);
  return private.widget_booking_summary(v_booking);
end;
$$;

-- Cancels under the policy (the fee cancel_booking records); cancelling again answers the same.
create function public.widget_cancel(p_key text, p_reference text, p_email text, p_idempotency_key text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_booking public.bookings;
  v_summary jsonb;
begin
  perform private.widget_check_idempotency_key(p_idempotency_key);
  v_booking := private.lock_bookable(private.widget_booking_by_reference(v_key, p_reference, p_email));
  if v_booking.status <> 'cancelled' then
    v_booking := private.cancel_locked_booking(v_booking, 'Cancelled by the guest online');
  end if;
  v_summary := private.widget_booking_summary(v_booking);
  return jsonb_build_object('status', 'cancelled', 'booking_id', v_booking.id, 'reference', v_booking.reference,
    'fee_minor', v_booking.cancellation_fee_minor,
    'refund_minor', greatest((v_summary ->> 'paid_minor')::bigint - v_booking.cancellation_fee_minor, 0),
    'currency', v_booking.currency);
end;
$$;

-- ============================================================================================
-- Tables
-- ============================================================================================

-- Start times of a day with a free table of each type: every 30 minutes from 12:00 to 21:30
-- local time, for a 90-minute slot (the search's rules for source widget).
create function public.widget_table_slots(p_key text, p_date date, p_party integer)
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
  for v_time in select t::time from generate_series(timestamp '2000-01-01 12:00', timestamp '2000-01-01 21:30', interval '30 minutes') t loop
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

-- Reserves a table: confirmed at once when no deposit is due, else held with a hold token and
-- payment_required (the payment's webhook confirms it).
create function public.widget_reserve_table(
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

-- ============================================================================================
-- Menu
-- ============================================================================================

-- What the property sells (active items with an availability row, not out of stock), by
-- category, with its modifier groups and active options; prices in the property's currency.
create function public.widget_menu(p_key text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
begin
  return jsonb_build_object(
    'currency', (select p.currency from public.properties p where p.id = v_key.property_id),
    'categories', coalesce((
      select jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'items', c.items) order by c.sort_order, c.name)
      from (
        select cat.id, cat.name, cat.sort_order,
          jsonb_agg(jsonb_build_object(
            'id', i.id, 'name', i.name, 'description', i.description,
            'price_minor', coalesce(a.price_override_minor, i.price_minor),
            'modifier_groups', coalesce((
              select jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name, 'required', g.required,
                'min', g.min_choices, 'max', g.max_choices,
                'options', coalesce((
                  select jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'price_minor', o.price_delta_minor)
                    order by o.sort_order, o.name)
                  from public.modifier_options o where o.group_id = g.id and o.active), '[]'))
                order by ig.sort_order, g.name)
              from public.item_modifier_groups ig join public.modifier_groups g on g.id = ig.group_id
              where ig.item_id = i.id), '[]'))
            order by i.sort_order, i.name) as items
        from public.catalogue_items i
        join public.item_availability a on a.item_id = i.id and a.property_id = v_key.property_id
        join public.catalogue_categories cat on cat.id = i.category_id
        where i.active and (a.stock_count is null or a.stock_count > 0)
        group by cat.id, cat.name, cat.sort_order
      ) c), '[]'));
end;
$$;

-- ============================================================================================
-- Grants: the widget RPCs to anon only (the edge function runs them as anon); helpers to nobody.
-- ============================================================================================

revoke execute on function
  private.widget_key_of(text),
  private.widget_check_idempotency_key(text),
  private.widget_hold_token(uuid),
  private.widget_token_hash(text),
  private.widget_held_booking_id(public.widget_keys, uuid, text),
  private.widget_booking_summary(public.bookings),
  private.widget_guest(uuid, text, text, text, boolean),
  private.widget_stay_offers(public.widget_keys, date, date, integer),
  private.widget_offer_json(public.property_settings, public.resource_types, jsonb, integer),
  private.widget_hold_answer(public.bookings),
  private.widget_book(public.widget_keys, uuid, date, date, time, integer, integer, text, uuid, boolean),
  private.widget_booking_by_reference(public.widget_keys, text, text)
from public, anon, authenticated;

revoke execute on function
  public.widget_config(text),
  public.widget_availability(text, date, date, integer),
  public.widget_quote(text, uuid, date, date, integer),
  public.widget_hold(text, uuid, date, date, integer, text),
  public.widget_confirm(text, uuid, text, text, text, text, boolean, boolean, text),
  public.widget_booking_status(text, uuid, text),
  public.widget_lookup(text, text, text),
  public.widget_cancel(text, text, text, text),
  public.widget_table_slots(text, date, integer),
  public.widget_reserve_table(text, uuid, date, time, integer, text, text, text, boolean, boolean, text),
  public.widget_menu(text)
from public, authenticated;
grant execute on function
  public.widget_config(text),
  public.widget_availability(text, date, date, integer),
  public.widget_quote(text, uuid, date, date, integer),
  public.widget_hold(text, uuid, date, date, integer, text),
  public.widget_confirm(text, uuid, text, text, text, text, boolean, boolean, text),
  public.widget_booking_status(text, uuid, text),
  public.widget_lookup(text, text, text),
  public.widget_cancel(text, text, text, text),
  public.widget_table_slots(text, date, integer),
  public.widget_reserve_table(text, uuid, date, time, integer, text, text, text, boolean, boolean, text),
  public.widget_menu(text)
to anon, service_role;
