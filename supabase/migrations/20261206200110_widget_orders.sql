-- Online ordering through the public widget API (decision 042): takeaway paid online, room
-- service charged to an in-house stay's folio.
--
-- - public.widget_place_order (anon only, like every widget_* RPC: widget key first, refuses the
--   Data API with widget_api_only, idempotency key): the order's rules are place_order's own,
--   through private.place_order_in (20261206200100); prices are computed here only.
--   Takeaway: a pickup time inside the property's takeaway hours and lead time
--   (order_settings.takeaway_opens/closes/lead_minutes, constraint-backed). A takeaway with
--   something to pay stays a DRAFT until its payment succeeds: drafts never reach the kitchen
--   (the kitchen display shows submitted orders only). It must be paid by pay_by (now + the
--   property's hold_minutes, as a booking hold); an unpaid draft then expires: the status answers
--   `expired` at once and the next order placed at the property voids it.
--   Room service: booking reference + the guest's surname must match a checked-in stay at the
--   key's property; nothing is paid now: the order goes to the kitchen at once, and when it is
--   served its total is charged to that stay's folio (trigger below), as staff would.
-- - Stripe's payment_intent.succeeded for an order (private.apply_guest_payment, replaced here
--   with its order branch filled in) submits the paid draft to the kitchen; a payment that
--   arrives for an expired or voided draft, or for an order whose stock ran out meanwhile, voids
--   the draft and is refunded in full (the outcome carries the refund for the webhook function).
-- - public.widget_order_status: the order's state for the guest, with the one-time order token
--   returned on creation (`ot_` + HMAC of the order id under the installation's widget secret;
--   only its SHA-256 is stored in private.widget_orders, as hold tokens are).
-- - public.widget_pickup_times: the pickup times the widget offers (every 15 minutes).
--
-- Errors (decision 003): widget_key_* / widget_api_only (42501), invalid_* (22023),
-- stay_not_found / order_not_found / item_not_found (PT404), pickup_time_not_accepted,
-- payments_not_configured, out_of_stock, invalid_modifiers (P0001), not_available (P0001),
-- idempotency_key_reused (23505).

-- ============================================================================================
-- Columns and tables
-- ============================================================================================

alter table public.order_settings
  add column takeaway_opens time not null default '11:00',
  add column takeaway_closes time not null default '22:00',
  add column takeaway_lead_minutes integer not null default 20;
alter table public.order_settings
  add constraint order_settings_takeaway_hours check (takeaway_opens < takeaway_closes),
  add constraint order_settings_takeaway_lead_range check (takeaway_lead_minutes between 0 and 240);
comment on column public.order_settings.takeaway_opens is 'First takeaway pickup time of the day (property local time).';
comment on column public.order_settings.takeaway_closes is 'Last takeaway pickup time of the day (property local time).';
comment on column public.order_settings.takeaway_lead_minutes is 'The kitchen needs at least this long between an online order and its pickup.';

alter table public.orders
  add column source text not null default 'staff',
  add column pickup_at timestamptz,
  add column pay_by timestamptz;
alter table public.orders
  add constraint orders_source_known check (source in ('staff', 'widget')),
  add constraint orders_pickup_only_takeaway check (pickup_at is null or kind = 'takeaway'),
  add constraint orders_pickup_whole_minutes check (pickup_at is null or pickup_at = date_trunc('minute', pickup_at)),
  add constraint orders_widget_takeaway_has_pickup check (source <> 'widget' or kind <> 'takeaway' or pickup_at is not null),
  add constraint orders_pay_by_only_widget check (pay_by is null or source = 'widget');
comment on column public.orders.source is 'Who placed the order: staff (POS) or widget (online).';
comment on column public.orders.pickup_at is 'When an online takeaway order is picked up.';
comment on column public.orders.pay_by is 'An online order waiting for its payment stays a draft until then; after it, it expires.';
create index orders_unpaid_widget_drafts_idx on public.orders (property_id, pay_by)
  where status = 'draft' and pay_by is not null;

-- The widget's proof of owning an order (the SHA-256 of its order token) and the guest it names.
create table private.widget_orders (
  order_id uuid primary key references public.orders (id) on delete cascade,
  widget_key_id uuid not null references public.widget_keys (id) on delete cascade,
  guest_id uuid references public.guests (id) on delete set null,
  token_hash bytea not null,
  created_at timestamptz not null default now(),
  constraint widget_orders_token_hash_key unique (token_hash),
  constraint widget_orders_token_hash_length check (octet_length(token_hash) = 32)
);
create index widget_orders_widget_key_idx on private.widget_orders (widget_key_id);
create index widget_orders_guest_idx on private.widget_orders (guest_id);
alter table private.widget_orders enable row level security;
revoke all on table private.widget_orders from public, anon, authenticated;

-- ============================================================================================
-- Helpers
-- ============================================================================================

create function private.widget_order_token(p_order_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select 'ot_' || rtrim(translate(encode(extensions.hmac(convert_to('order:' || p_order_id::text, 'UTF8'), s.hold_secret,
    'sha256'), 'base64'), '+/', '-_'), '=')
  from private.widget_secrets s;
$$;

-- What the guest calls the order: the first six characters of its id, upper case.
create function private.order_number(p_order_id uuid)
returns text
language sql
immutable
set search_path = ''
as $$
  select upper(left(p_order_id::text, 6));
$$;

-- The takeaway rules of a property (defaults when it has no order settings row).
create function private.takeaway_rules(p_property_id uuid)
returns table (opens time, closes time, lead_minutes integer, time_zone text)
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(s.takeaway_opens, '11:00'), coalesce(s.takeaway_closes, '22:00'), coalesce(s.takeaway_lead_minutes, 20),
    p.time_zone
  from public.properties p
  left join public.order_settings s on s.property_id = p.id
  where p.id = p_property_id;
$$;

-- A pickup time is accepted when it is on a 5-minute mark, at least the lead time from now (less
-- 10 minutes for the time the guest spent on the form after the times were offered), at most
-- 24 hours ahead, and inside the takeaway hours on its local day.
create function private.pickup_accepted(p_property_id uuid, p_pickup_at timestamptz)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_pickup_at = date_trunc('minute', p_pickup_at)
    and extract(minute from p_pickup_at)::integer % 5 = 0
    and p_pickup_at >= now() + make_interval(mins => r.lead_minutes) - interval '10 minutes'
    and p_pickup_at <= now() + interval '24 hours'
    and (p_pickup_at at time zone r.time_zone)::time between r.opens and r.closes
  from private.takeaway_rules(p_property_id) r;
$$;

-- Voids the property's online drafts whose time to pay ran out (they never reached the kitchen).
create function private.expire_unpaid_orders(p_property_id uuid)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  update public.orders o set status = 'voided', void_reason = 'payment_expired'
  where o.property_id = p_property_id and o.status = 'draft' and o.pay_by is not null and o.pay_by <= now();
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- The checked-in stay at the key's property whose reference and guest surname are these.
create function private.widget_in_house_stay(p_property_id uuid, p_reference text, p_surname text)
returns public.bookings
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  perform private.check_input(p_reference ~ '^[A-Za-z0-9]{8}$', 'invalid_reference',
    'The booking reference is 8 letters and digits.');
  perform private.check_input(char_length(btrim(p_surname)) between 1 and 100, 'invalid_surname',
    'The surname is 1 to 100 characters.');
  select b.* into v_booking
  from public.bookings b join public.guests g on g.id = b.guest_id
  where b.property_id = p_property_id and b.reference = upper(p_reference) and b.status = 'checked_in'
    and (lower(g.full_name) = lower(btrim(p_surname))
      or lower(regexp_replace(g.full_name, '^.*\s', '')) = lower(btrim(p_surname)));
  if v_booking.id is null then
    perform private.raise_error('stay_not_found',
      'No checked-in stay here has this booking reference and surname.', 'P0002');
  end if;
  return v_booking;
end;
$$;

-- An online order as the guest may see it.
create function private.widget_order_summary(p_order public.orders)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'order_id', p_order.id,
    'number', private.order_number(p_order.id),
    'mode', case when p_order.kind = 'room' then 'room_service' else 'takeaway' end,
    'status', case
      when p_order.status = 'draft' and p_order.pay_by is not null and p_order.pay_by <= now() then 'expired'
      when p_order.status = 'voided' and p_order.void_reason = 'payment_expired' then 'expired'
      when p_order.status = 'draft' then 'awaiting_payment'
      else p_order.status::text end,
    'pickup_at', p_order.pickup_at,
    'pay_by', case when p_order.status = 'draft' then p_order.pay_by end,
    'subtotal_minor', p_order.subtotal_minor,
    'discount_minor', p_order.discount_minor,
    -- Tax shown as a line only when it is added to the prices (else it is inside them).
    'tax_minor', case when p_order.prices_include_tax then 0 else p_order.tax_minor end,
    'service_charge_minor', p_order.service_charge_minor,
    'total_minor', p_order.total_minor,
    'currency', p_order.currency,
    'payment_status', coalesce((
      select case when g.paid_at is not null then 'paid' when g.last_error is not null then 'failed' else 'pending' end
      from private.guest_payment_state('order', p_order.id) g where g.intent_id is not null),
      case when p_order.kind = 'room' then 'on_folio' else 'none' end),
    'lines', coalesce((
      select jsonb_agg(jsonb_build_object('name', i.item_name, 'quantity', i.quantity,
        'options', (select coalesce(jsonb_agg(o ->> 'name'), '[]') from jsonb_array_elements(i.options) o),
        'status', i.status) order by i.created_at, i.id)
      from public.order_items i where i.order_id = p_order.id and i.status <> 'voided'), '[]'));
$$;

-- ============================================================================================
-- Public RPCs (anon only)
-- ============================================================================================

-- The pickup times the widget offers: every 15 minutes from the lead time on, for 24 hours,
-- inside the takeaway hours.
create function public.widget_pickup_times(p_key text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_rules record;
  v_first timestamptz;
begin
  select * into v_rules from private.takeaway_rules(v_key.property_id);
  v_first := to_timestamp(ceil(extract(epoch from now() + make_interval(mins => v_rules.lead_minutes)) / 900) * 900);
  return jsonb_build_object(
    'lead_minutes', v_rules.lead_minutes,
    'opens', to_char(v_rules.opens, 'HH24:MI'),
    'closes', to_char(v_rules.closes, 'HH24:MI'),
    'times', coalesce((
      select jsonb_agg(t order by t)
      from generate_series(v_first, now() + interval '24 hours', interval '15 minutes') t
      where (t at time zone v_rules.time_zone)::time between v_rules.opens and v_rules.closes), '[]'));
end;
$$;

-- p_mode: 'takeaway' (p_pickup_at required) or 'room_service' (p_booking_reference and
-- p_surname required). p_lines: [{"item_id", "quantity", "option_ids"?, "note"?}] as place_order's.
create function public.widget_place_order(
  p_key text,
  p_mode text,
  p_pickup_at timestamptz,
  p_booking_reference text,
  p_surname text,
  p_lines jsonb,
  p_name text,
  p_email text,
  p_phone text,
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
  v_idempotency_key text := private.widget_check_idempotency_key(p_idempotency_key);
  v_booking public.bookings;
  v_order public.orders;
  v_short record;
  v_settings public.property_settings := private.property_settings_of(v_key.property_id);
  v_new boolean;
begin
  perform private.check_input(p_mode in ('takeaway', 'room_service'), 'invalid_mode',
    'Mode must be takeaway or room_service.');
  perform private.check_input(char_length(btrim(p_name)) between 1 and 120, 'invalid_guest_name',
    'The name is 1 to 120 characters.');
  perform private.check_input(p_email is not null and private.is_email(lower(btrim(p_email))), 'invalid_email',
    'Email must be a valid address of at most 254 characters.');
  perform private.check_input(p_phone is null or p_phone ~ '^\+?[0-9 ()-]{6,30}$', 'invalid_phone',
    'The phone number may hold digits, spaces, +, (, ) and - (6 to 30).');
  perform private.check_order_lines(p_lines);
  perform private.check_input(not exists (
      select 1 from jsonb_array_elements(p_lines) l where l ? 'seat' or l ? 'course'),
    'invalid_lines', 'Online order lines take item_id, quantity, option_ids and note only.');
  if p_mode = 'takeaway' then
    perform private.check_input(p_pickup_at is not null, 'invalid_pickup_at', 'A takeaway order needs a pickup time.');
    perform private.check_input(p_booking_reference is null and p_surname is null, 'invalid_booking_reference',
      'A takeaway order takes no booking reference or surname.');
  else
    perform private.check_input(p_pickup_at is null, 'invalid_pickup_at', 'Room service takes no pickup time.');
    v_booking := private.widget_in_house_stay(v_key.property_id, p_booking_reference, p_surname);
  end if;

  perform private.expire_unpaid_orders(v_key.property_id);
  v_order := private.place_order_in(v_key.property_id, v_idempotency_key,
    case when p_mode = 'takeaway' then 'takeaway' else 'room' end, p_lines, null, v_booking.id, btrim(p_name), null,
    false, jsonb_build_object('pickup_at', p_pickup_at, 'reference', upper(p_booking_reference),
      'surname', lower(btrim(p_surname)), 'email', lower(btrim(p_email)), 'phone', p_phone));
  -- A new order was made in this transaction; a replay found the key's order.
  v_new := v_order.created_at = now() and v_order.source = 'staff' and v_order.status = 'draft';
  if v_new then
    if p_mode = 'takeaway' and not private.pickup_accepted(v_key.property_id, p_pickup_at) then
      perform private.raise_error('pickup_time_not_accepted',
        'Choose a pickup time from the list: within the takeaway hours and after the kitchen''s lead time.', 'P0001');
    end if;
    insert into private.widget_orders (order_id, widget_key_id, guest_id, token_hash)
    values (v_order.id, v_key.id, private.widget_guest(v_key.organization_id, p_name, p_email, p_phone, false),
      private.widget_token_hash(private.widget_order_token(v_order.id)));
    update public.orders o
    set source = 'widget', pickup_at = p_pickup_at,
      pay_by = case when p_mode = 'takeaway' and o.total_minor > 0
        then now() + make_interval(mins => v_settings.hold_minutes) end
    where o.id = v_order.id returning * into v_order;
    if v_order.pay_by is null then
      v_order := private.submit_locked_order(v_order);
    else
      -- Refused now rather than after the payment: tracked stock that is already short.
      select i.item_name into v_short
      from public.order_items i join public.item_availability a on a.property_id = i.property_id and a.item_id = i.item_id
      where i.order_id = v_order.id and a.stock_count is not null
      group by i.item_id, i.item_name, a.stock_count having sum(i.quantity) > a.stock_count
      limit 1;
      if found then
        perform private.raise_error('out_of_stock', format('Not enough %s in stock.', v_short.item_name), 'P0001');
      end if;
      if not coalesce((select t.charges_enabled from private.guest_payment_terms(v_key.property_id) t), false) then
        perform private.raise_error('payments_not_configured',
          'This place does not take online payments yet, so takeaway cannot be ordered here.', 'P0001');
      end if;
    end if;
  elsif v_order.source <> 'widget' then
    perform private.raise_error('idempotency_key_reused', 'This idempotency key was used for another order.', '23505');
  end if;

  return private.widget_order_summary(v_order) || jsonb_build_object(
    'order_token', private.widget_order_token(v_order.id),
    'payment_required', v_order.status = 'draft' and v_order.pay_by > now() and not exists (
      select 1 from private.guest_payments g where g.order_id = v_order.id and g.paid_at is not null),
    'payment_idempotency_key', 'widget-order-' || v_order.id::text);
end;
$$;

create function public.widget_order_status(p_key text, p_order_id uuid, p_order_token text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_key public.widget_keys := private.widget_key_of(p_key);
  v_order public.orders;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  perform private.check_input(p_order_token ~ '^ot_[A-Za-z0-9_-]{20,100}$', 'invalid_order_token',
    'The order token is missing or malformed.');
  select o.* into v_order
  from private.widget_orders w join public.orders o on o.id = w.order_id
  where w.order_id = p_order_id and w.token_hash = private.widget_token_hash(p_order_token)
    and o.property_id = v_key.property_id;
  if v_order.id is null then
    perform private.raise_error('order_not_found', 'No such order for this widget.', 'P0002');
  end if;
  return private.widget_order_summary(v_order);
end;
$$;

-- ============================================================================================
-- Payments: a paid draft goes to the kitchen
-- ============================================================================================

-- The order's side of payment_intent.succeeded (the payment row already marked paid): submits
-- the paid draft; a payment for a draft whose time ran out, a voided order or stock that ran
-- out meanwhile voids the draft and asks the money back in full.
create function private.apply_order_payment(p_payment private.guest_payments, p_amount_received bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
  v_reason text;
begin
  select * into v_order from public.orders o where o.id = p_payment.order_id for update;
  if v_order.status = 'draft' and (v_order.pay_by is null or v_order.pay_by > now()) then
    begin
      v_order := private.submit_locked_order(v_order);
      return jsonb_build_object('outcome', 'processed', 'order_id', v_order.id, 'order_status', v_order.status);
    exception when sqlstate 'P0001' then
      v_reason := sqlerrm;
    end;
  elsif v_order.status not in ('draft', 'voided') then
    return jsonb_build_object('outcome', 'processed', 'order_id', v_order.id, 'order_status', v_order.status);
  end if;
  if v_order.status = 'draft' then
    update public.orders o set status = 'voided',
      void_reason = case when v_reason is null then 'payment_expired' else 'not_submitted: ' || v_reason end
    where o.id = v_order.id;
  end if;
  update private.guest_payments g set refund_requested_minor = g.amount_received_minor
  where g.intent_id = p_payment.intent_id;
  return jsonb_build_object('outcome', 'processed', 'order_id', v_order.id, 'order_status', 'voided',
    'refund', jsonb_build_object('intent_id', p_payment.intent_id, 'stripe_account_id', p_payment.stripe_account_id,
      'amount_minor', p_amount_received));
end;
$$;

-- As in 20261206190200, with the order branch: a paid order goes to private.apply_order_payment.
create or replace function private.apply_guest_payment(p_intent jsonb, p_account text, p_amount_received bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_payment private.guest_payments := private.lock_guest_payment(p_intent, p_account);
  v_booking public.bookings;
  v_entry public.folio_entries;
begin
  if v_payment.intent_id is null then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'unknown_payment');
  end if;
  if v_payment.stripe_account_id is distinct from p_account then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'account_mismatch');
  end if;
  if v_payment.paid_at is not null then
    return jsonb_build_object('outcome', 'duplicate');
  end if;
  update private.guest_payments g
  set status = 'succeeded', amount_received_minor = p_amount_received, paid_at = now(), last_error = null
  where g.intent_id = v_payment.intent_id returning * into v_payment;
  if v_payment.kind = 'order' then
    return private.apply_order_payment(v_payment, p_amount_received);
  end if;
  select * into v_booking from public.bookings b where b.id = v_payment.booking_id for update;
  v_entry := private.record_money_movement(private.booking_folio(v_booking), 'payment', p_amount_received, 'card',
    v_payment.intent_id);
  update private.guest_payments g set payment_entry_id = v_entry.id where g.intent_id = v_payment.intent_id;
  if v_booking.status = 'held' then
    begin
      update public.bookings b set status = 'confirmed', confirmed_at = now() where b.id = v_booking.id;
      return jsonb_build_object('outcome', 'processed', 'booking_id', v_booking.id, 'booking_status', 'confirmed');
    exception when exclusion_violation then
      -- The hold lapsed and the room went to someone else meanwhile: the guest gets the money back.
      update public.bookings b set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 0,
        cancellation_reason = 'hold_expired' where b.id = v_booking.id;
    end;
  elsif v_booking.status in ('confirmed', 'checked_in', 'checked_out', 'no_show') then
    return jsonb_build_object('outcome', 'processed', 'booking_id', v_booking.id, 'booking_status', v_booking.status);
  end if;
  update private.guest_payments g set refund_requested_minor = g.amount_received_minor
  where g.intent_id = v_payment.intent_id;
  return jsonb_build_object('outcome', 'processed', 'booking_id', v_booking.id, 'booking_status', 'cancelled',
    'refund', jsonb_build_object('intent_id', v_payment.intent_id, 'stripe_account_id', v_payment.stripe_account_id,
      'amount_minor', p_amount_received));
end;
$$;

-- ============================================================================================
-- Room service: charged to the stay's folio when served
-- ============================================================================================

create function private.charge_served_room_order()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
  v_folio public.folios;
  v_entry public.folio_entries;
begin
  select * into v_booking from public.bookings b where b.id = new.booking_id;
  v_folio := private.booking_folio(v_booking);
  insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, currency, description,
    order_id, created_by)
  values (v_folio.organization_id, v_folio.property_id, v_folio.id, 'order', new.total_minor, new.currency,
    format('Room service %s', private.order_number(new.id)), new.id, null)
  returning * into v_entry;
  update public.orders o set folio_id = v_folio.id where o.id = new.id;
  return null;
end;
$$;

create trigger orders_charge_served_room_service after update of status on public.orders
  for each row
  when (new.status = 'served' and old.status is distinct from 'served' and new.source = 'widget' and new.kind = 'room'
    and new.folio_id is null and new.total_minor > 0)
  execute function private.charge_served_room_order();

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke execute on function
  private.widget_order_token(uuid),
  private.order_number(uuid),
  private.takeaway_rules(uuid),
  private.pickup_accepted(uuid, timestamptz),
  private.expire_unpaid_orders(uuid),
  private.widget_in_house_stay(uuid, text, text),
  private.widget_order_summary(public.orders),
  private.apply_order_payment(private.guest_payments, bigint),
  private.charge_served_room_order()
from public, anon, authenticated;

revoke execute on function
  public.widget_pickup_times(text),
  public.widget_place_order(text, text, timestamptz, text, text, jsonb, text, text, text, text),
  public.widget_order_status(text, uuid, text)
from public, authenticated;
grant execute on function
  public.widget_pickup_times(text),
  public.widget_place_order(text, text, timestamptz, text, text, jsonb, text, text, text, text),
  public.widget_order_status(text, uuid, text)
to anon, service_role;
