-- The widget's guest gets the language they booked in (decision 044 amended, session 8): a stay
-- confirmed or a table reserved through the widget says which language its page was in
-- (`p_language`, a tag such as de or pt-PT; null when the caller does not say), and a guest
-- without a language of their own takes it. Confirmation and reminder emails pick their
-- catalogue from the guest's language (shared/mail/i18n.ts), so a guest who booked on the
-- German page now reads the confirmation in German. A language staff or an earlier booking set
-- is kept.

-- Replaced with one more parameter: the old five-argument form would make calls ambiguous.
drop function private.widget_guest(uuid, text, text, text, boolean);

create function private.widget_guest(p_organization_id uuid, p_name text, p_email text, p_phone text,
  p_marketing boolean, p_language text default null)
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
  perform private.check_input(p_language is null or p_language ~ '^[a-z]{2,3}(-[A-Z]{2})?$', 'invalid_language',
    'Language must look like en or pt-PT.');
  begin
    v_guest := private.upsert_guest_in(p_organization_id, p_name, p_email, p_phone, null, null, null,
      case when p_marketing then true end);
  exception when unique_violation then
    v_guest := private.upsert_guest_in(p_organization_id, p_name, p_email, null, null, null, null,
      case when p_marketing then true end);
  end;
  if p_language is not null and v_guest.language is null then
    update public.guests g set language = p_language where g.id = v_guest.id;
  end if;
  return v_guest.id;
end;
$$;

revoke execute on function private.widget_guest(uuid, text, text, text, boolean, text) from public, anon, authenticated;

-- As in 20261206190120, with the guest's language.
drop function public.widget_confirm(text, uuid, text, text, text, text, boolean, boolean, text);

create function public.widget_confirm(
  p_key text,
  p_booking_id uuid,
  p_hold_token text,
  p_name text,
  p_email text,
  p_phone text,
  p_terms boolean,
  p_marketing boolean,
  p_idempotency_key text,
  p_language text default null
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
  update public.bookings b
  set guest_id = private.widget_guest(v_key.organization_id, p_name, p_email, p_phone, p_marketing, p_language)
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

-- As in 20261206200500 (seating times only), with the guest's language.
drop function public.widget_reserve_table(text, uuid, date, time, integer, text, text, text, boolean, boolean, text);

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
  p_idempotency_key text,
  p_language text default null
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
    private.widget_guest(v_key.organization_id, p_name, p_email, p_phone, p_marketing, p_language), false);
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

-- The widget RPCs to anon only (the edge function runs them as anon), as in 20261206190120.
revoke execute on function
  public.widget_confirm(text, uuid, text, text, text, text, boolean, boolean, text, text),
  public.widget_reserve_table(text, uuid, date, time, integer, text, text, text, boolean, boolean, text, text)
from public, authenticated;
grant execute on function
  public.widget_confirm(text, uuid, text, text, text, text, boolean, boolean, text, text),
  public.widget_reserve_table(text, uuid, date, time, integer, text, text, text, boolean, boolean, text, text)
to anon, service_role;
