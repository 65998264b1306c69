-- Folios and loyalty. Every booking (and every table tab) has a folio: the account of what the
-- guest owes. Entries are append-only; the folio's balance is kept by a trigger and always equals
-- the sum of its entries (charges positive, payments negative, refunds positive).
--
-- - Room charges: one entry per night (or slot), taken from the booking's price snapshot: the
--   night's amount plus its share of the exclusive taxes, computed with the same rules as the
--   quote (docs/decisions/006-money-and-rounding.md, R2 and R4), so the nights of a full stay add
--   up to the booking's total_minor exactly. A night is posted once (unique per folio and date)
--   when it has been stayed: nights before the property's local today (a slot on its day). An
--   early departure is charged the nights stayed. (A night-audit job will post nights as they
--   pass; until then opening the folio and checking out post them.)
-- - Orders: a served or closed order is charged once, with its total_minor; a charged order can
--   no longer change its total or be voided (refund it on the folio instead).
-- - Payments: cash, card or an external reference; refunds never exceed what was paid.
-- - Check-out (the seam private.booking_checkout_allowed of the bookings migration): the nights
--   stayed are posted first; then a zero balance is required, unless a manager or above gives an
--   override reason.
-- - Loyalty: settling a folio with a guest earns 1 point per whole major unit charged
--   (floor(charges_minor / 100)); redeeming spends points; guests.loyalty_points is the balance,
--   kept by a trigger and never negative (a check constraint, so concurrent redemptions cannot
--   overdraw it).

-- ============================================================================================
-- Types
-- ============================================================================================

create type public.folio_kind as enum ('booking', 'tab');
create type public.folio_status as enum ('open', 'settled');
create type public.folio_entry_kind as enum ('room_charge', 'order', 'payment', 'refund', 'adjustment');
create type public.payment_method as enum ('cash', 'card', 'external');

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.folios (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  kind public.folio_kind not null,
  booking_id uuid,
  -- A table tab: the table and a label the staff recognise ("T4, the Silvas").
  table_resource_id uuid,
  label text,
  guest_id uuid,
  currency text not null,
  status public.folio_status not null default 'open',
  balance_minor bigint not null default 0,
  charges_minor bigint not null default 0,
  settled_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint folios_organization_id_id_key unique (organization_id, id),
  constraint folios_booking_key unique (booking_id),
  constraint folios_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint folios_booking_fkey foreign key (organization_id, booking_id)
    references public.bookings (organization_id, id) on delete cascade,
  constraint folios_table_fkey foreign key (property_id, table_resource_id)
    references public.resources (property_id, id),
  constraint folios_guest_fkey foreign key (organization_id, guest_id)
    references public.guests (organization_id, id) on delete set null (guest_id),
  constraint folios_kind_shape check (
    (kind = 'booking' and booking_id is not null and table_resource_id is null)
    or (kind = 'tab' and booking_id is null and label is not null)
  ),
  constraint folios_label_length check (label is null or char_length(label) between 1 and 120),
  constraint folios_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint folios_settled_state check ((status = 'settled') = (settled_at is not null)),
  constraint folios_settled_balanced check (status <> 'settled' or balance_minor = 0),
  constraint folios_charges_non_negative check (charges_minor >= 0)
);
comment on table public.folios is 'The account of a booking or a table tab: charges, payments, balance.';

create table public.folio_entries (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  folio_id uuid not null,
  kind public.folio_entry_kind not null,
  -- Charges and refunds positive, payments negative; adjustments either way.
  amount_minor bigint not null,
  -- The exclusive taxes inside amount_minor (room charges), for reports.
  tax_minor bigint not null default 0,
  currency text not null,
  description text not null,
  night date,
  order_id uuid,
  payment_method public.payment_method,
  external_reference text,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint folio_entries_folio_fkey foreign key (organization_id, folio_id)
    references public.folios (organization_id, id) on delete cascade,
  constraint folio_entries_order_fkey foreign key (organization_id, order_id)
    references public.orders (organization_id, id),
  constraint folio_entries_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint folio_entries_description_length check (char_length(description) between 1 and 200),
  constraint folio_entries_reference_length check (external_reference is null or char_length(external_reference) between 1 and 200),
  constraint folio_entries_sign check (
    case kind
      when 'payment' then amount_minor < 0
      when 'adjustment' then amount_minor <> 0
      else amount_minor >= 0
    end
  ),
  constraint folio_entries_kind_shape check (
    (kind = 'room_charge') = (night is not null)
    and (kind = 'order') = (order_id is not null)
    and (kind in ('payment', 'refund')) = (payment_method is not null)
  )
);
comment on table public.folio_entries is 'Append-only lines of a folio.';

-- ============================================================================================
-- Changes to earlier tables
-- ============================================================================================

-- Orders link to bookings and tables now that both exist, and to the folio they were charged to.
alter table public.orders
  add column folio_id uuid,
  add constraint orders_booking_fkey foreign key (organization_id, booking_id)
    references public.bookings (organization_id, id),
  add constraint orders_table_resource_fkey foreign key (property_id, table_resource_id)
    references public.resources (property_id, id),
  add constraint orders_folio_fkey foreign key (organization_id, folio_id)
    references public.folios (organization_id, id);

alter table public.guests
  add column loyalty_points integer not null default 0,
  add constraint guests_loyalty_points_non_negative check (loyalty_points >= 0);

create table public.loyalty_ledger (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  guest_id uuid not null,
  folio_id uuid,
  -- Earned positive, redeemed negative.
  points integer not null,
  reason text not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint loyalty_ledger_guest_fkey foreign key (organization_id, guest_id)
    references public.guests (organization_id, id) on delete cascade,
  constraint loyalty_ledger_folio_fkey foreign key (organization_id, folio_id)
    references public.folios (organization_id, id) on delete set null (folio_id),
  constraint loyalty_ledger_points_non_zero check (points <> 0),
  constraint loyalty_ledger_reason_length check (char_length(reason) between 1 and 200)
);
comment on table public.loyalty_ledger is 'Loyalty points earned on settled folios and redeemed, per guest.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index folios_property_idx on public.folios (organization_id, property_id);
create index folios_property_resource_idx on public.folios (property_id, table_resource_id) where table_resource_id is not null;
create index folios_guest_idx on public.folios (organization_id, guest_id) where guest_id is not null;
create index folios_booking_idx on public.folios (organization_id, booking_id) where booking_id is not null;
create index folios_created_by_idx on public.folios (created_by);
create index folio_entries_folio_idx on public.folio_entries (organization_id, folio_id);
create index folio_entries_property_idx on public.folio_entries (property_id);
create unique index folio_entries_one_charge_per_night on public.folio_entries (folio_id, night) where kind = 'room_charge';
create unique index folio_entries_one_charge_per_order on public.folio_entries (order_id) where kind = 'order';
create index folio_entries_order_idx on public.folio_entries (organization_id, order_id) where order_id is not null;
create index folio_entries_created_by_idx on public.folio_entries (created_by);
create index orders_folio_idx on public.orders (organization_id, folio_id) where folio_id is not null;
create index orders_booking_fk_idx on public.orders (organization_id, booking_id) where booking_id is not null;
create index orders_table_resource_fk_idx on public.orders (property_id, table_resource_id) where table_resource_id is not null;
create index loyalty_ledger_guest_idx on public.loyalty_ledger (organization_id, guest_id);
create index loyalty_ledger_folio_idx on public.loyalty_ledger (organization_id, folio_id) where folio_id is not null;
create index loyalty_ledger_created_by_idx on public.loyalty_ledger (created_by);

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- Entries are never edited or removed (a folio's deletion cascades; corrections are new entries).
create function private.forbid_folio_entry_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if pg_trigger_depth() > 1 then
    return old; -- the cascade of a deleted folio or organization
  end if;
  raise exception using errcode = '42501', message = 'folio_entry_immutable',
    detail = 'Folio entries are never changed; post a correcting entry instead.';
end;
$$;

-- Keeps folios.balance_minor and charges_minor equal to the sums of the entries, and refuses
-- entries on a settled folio.
create function private.apply_folio_entry()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_status public.folio_status;
begin
  update public.folios f
  set balance_minor = f.balance_minor + new.amount_minor,
      charges_minor = f.charges_minor + case when new.kind in ('room_charge', 'order') then new.amount_minor else 0 end
  where f.id = new.folio_id
  returning f.status into v_status;
  if v_status = 'settled' then
    raise exception using errcode = 'P0001', message = 'folio_settled', detail = 'This folio is settled; open a new one.';
  end if;
  return null;
end;
$$;

-- Once charged to a folio, an order's amount is fixed.
create function private.protect_charged_order()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.folio_id is not null
     and (new.total_minor is distinct from old.total_minor or new.status = 'voided'
          or new.folio_id is distinct from old.folio_id) then
    raise exception using errcode = 'P0001', message = 'order_charged',
      detail = 'This order is charged to a folio; refund it on the folio instead.';
  end if;
  return new;
end;
$$;

-- guests.loyalty_points follows the ledger; its check constraint refuses an overdraft.
create function private.apply_loyalty_entry()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.guests g set loyalty_points = g.loyalty_points + new.points where g.id = new.guest_id;
  return null;
end;
$$;

-- guests.loyalty_points moves only with the ledger (its trigger runs one level deeper).
create function private.guard_loyalty_points()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if pg_trigger_depth() = 1
     and new.loyalty_points is distinct from (case when tg_op = 'INSERT' then 0 else old.loyalty_points end) then
    raise exception using errcode = '42501', message = 'loyalty_points_from_ledger',
      detail = 'Loyalty points change only through the loyalty ledger.';
  end if;
  return new;
end;
$$;

create trigger guests_guard_loyalty_points before insert or update on public.guests
  for each row execute function private.guard_loyalty_points();

create trigger folios_touch_updated_at before update on public.folios
  for each row execute function private.touch_updated_at();
create trigger folios_organization_immutable before update on public.folios
  for each row execute function private.forbid_organization_change();
create trigger folios_audit after insert or update or delete on public.folios
  for each row execute function private.record_audit('organization_id');

create trigger folio_entries_immutable before update or delete on public.folio_entries
  for each row execute function private.forbid_folio_entry_change();
create trigger folio_entries_organization_immutable before update on public.folio_entries
  for each row execute function private.forbid_organization_change();
create trigger folio_entries_apply after insert on public.folio_entries
  for each row execute function private.apply_folio_entry();
create trigger folio_entries_audit after insert or update or delete on public.folio_entries
  for each row execute function private.record_audit('organization_id');

create trigger orders_protect_charged before update on public.orders
  for each row execute function private.protect_charged_order();

create trigger loyalty_ledger_touch_updated_at before update on public.loyalty_ledger
  for each row execute function private.touch_updated_at();
create trigger loyalty_ledger_organization_immutable before update on public.loyalty_ledger
  for each row execute function private.forbid_organization_change();
create trigger loyalty_ledger_apply after insert on public.loyalty_ledger
  for each row execute function private.apply_loyalty_entry();
create trigger loyalty_ledger_audit after insert or update or delete on public.loyalty_ledger
  for each row execute function private.record_audit('organization_id');

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- The folio of a booking, created on first use.
create function private.booking_folio(p_booking public.bookings)
returns public.folios
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folio public.folios;
begin
  insert into public.folios (organization_id, property_id, kind, booking_id, guest_id, currency, created_by)
  values (p_booking.organization_id, p_booking.property_id, 'booking', p_booking.id, p_booking.guest_id,
          p_booking.currency, auth.uid())
  on conflict (booking_id) do nothing;
  select * into v_folio from public.folios f where f.booking_id = p_booking.id for update;
  return v_folio;
end;
$$;

-- Posts the nights (or slots) of a booking's price snapshot up to p_through (inclusive), each
-- once: the line's amount plus its exclusive taxes (R2 per line half up, R4 fixed per unit).
create function private.post_room_charges(p_booking public.bookings, p_through date)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folio public.folios := private.booking_folio(p_booking);
  v_posted integer;
begin
  with lines as (
    select (l ->> 'date')::date as night, (l ->> 'amount_minor')::bigint as amount
    from jsonb_array_elements(p_booking.price_breakdown -> 'lines') l
  ), taxed as (
    select lines.night, lines.amount,
      coalesce((
        select sum(case when t ->> 'basis' = 'percentage'
                        then round(lines.amount::numeric * (t ->> 'rate_bps')::integer / 10000)
                        else (t ->> 'amount_per_unit_minor')::bigint end)
        from jsonb_array_elements(p_booking.price_breakdown -> 'taxes') t
        where not (t ->> 'inclusive')::boolean
      ), 0)::bigint as tax
    from lines
  )
  insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, tax_minor, currency,
    description, night, created_by)
  select p_booking.organization_id, p_booking.property_id, v_folio.id, 'room_charge', taxed.amount + taxed.tax,
    taxed.tax, p_booking.currency, format('Stay %s, %s', p_booking.reference, taxed.night), taxed.night, auth.uid()
  from taxed
  where taxed.night <= p_through
  on conflict do nothing;
  get diagnostics v_posted = row_count;
  return v_posted;
end;
$$;

-- Replaces the seam of the orders migration: a table order names a table of the property, a
-- room-service order a stay of the property that is checked in (or about to be).
create or replace function private.check_order_target(
  p_property_id uuid,
  p_kind public.order_kind,
  p_table_resource_id uuid,
  p_booking_id uuid
)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_table_resource_id is not null and not exists (
    select 1 from public.resources r
    join public.resource_types t on t.id = r.resource_type_id
    where r.id = p_table_resource_id and r.property_id = p_property_id and t.kind = 'table'
  ) then
    perform private.raise_error('table_not_found', 'No such table at this property.', 'P0002');
  end if;
  if p_booking_id is not null and not exists (
    select 1 from public.bookings b
    where b.id = p_booking_id and b.property_id = p_property_id and b.status in ('confirmed', 'checked_in')
  ) then
    perform private.raise_error('booking_not_found', 'No confirmed or checked-in stay with this id at this property.', 'P0002');
  end if;
end;
$$;

-- The last date of a booking's price lines that is due now: nights before the property's local
-- today (and before departure), a slot on its own day.
create function private.booking_charges_due_through(p_booking public.bookings)
returns date
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_today date;
begin
  select (now() at time zone p.time_zone)::date into v_today from public.properties p where p.id = p_booking.property_id;
  if p_booking.price_breakdown ->> 'unit' = 'slot' then
    return v_today;
  end if;
  return least(v_today, p_booking.departure_date) - 1;
end;
$$;

-- Replaces the seam of the bookings migration: post the nights stayed, then require a zero
-- balance unless a manager or above gives an override reason.
create or replace function private.booking_checkout_allowed(p_booking_id uuid, p_override_reason text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
  v_folio public.folios;
begin
  select * into v_booking from public.bookings b where b.id = p_booking_id;
  perform private.post_room_charges(v_booking, private.booking_charges_due_through(v_booking));
  select * into v_folio from public.folios f where f.booking_id = p_booking_id;
  if v_folio.balance_minor = 0 then
    return true;
  end if;
  return p_override_reason is not null and private.has_org_role(v_booking.organization_id, 'manager');
end;
$$;

-- The folio locked for a change by a member with at least p_min_role at its property.
create function private.lock_folio(p_folio_id uuid, p_min_role public.org_role)
returns public.folios
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folio public.folios;
begin
  perform private.check_input(p_folio_id is not null, 'invalid_folio_id', 'Folio id is required.');
  perform private.require_user();
  select * into v_folio from public.folios f where f.id = p_folio_id for update;
  perform private.require_property_role(v_folio.property_id, p_min_role, 'folio_not_found', 'No such folio.');
  if v_folio.status = 'settled' then
    perform private.raise_error('folio_settled', 'This folio is settled; open a new one.', 'P0001');
  end if;
  return v_folio;
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.folios enable row level security;
alter table public.folio_entries enable row level security;
alter table public.loyalty_ledger enable row level security;

create policy "members can read folios of properties they work in" on public.folios
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "members can read folio entries of properties they work in" on public.folio_entries
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "members can read their organization's loyalty ledger" on public.loyalty_ledger
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('viewer')));

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- The folio of a booking (created when missing), with the nights stayed so far posted.
create function public.open_booking_folio(p_booking_id uuid)
returns public.folios
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings := private.lock_booking(p_booking_id, 'staff');
  v_folio public.folios;
begin
  if v_booking.status = 'checked_in' then
    perform private.post_room_charges(v_booking, private.booking_charges_due_through(v_booking));
  end if;
  v_folio := private.booking_folio(v_booking);
  select * into v_folio from public.folios f where f.id = v_folio.id;
  return v_folio;
end;
$$;

-- A tab for a table (or a counter, when p_table_resource_id is null).
create function public.open_tab(p_property_id uuid, p_label text, p_table_resource_id uuid default null)
returns public.folios
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_property public.properties;
  v_folio public.folios;
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.check_input(char_length(btrim(p_label)) between 1 and 120, 'invalid_label', 'Label must be 1 to 120 characters.');
  perform private.require_user();
  select * into v_property from public.properties p where p.id = p_property_id;
  if v_property.id is null or not private.can_access_property(p_property_id, 'staff') then
    perform private.raise_error('property_not_found', 'No such property, or you do not work there.', 'P0002');
  end if;
  if p_table_resource_id is not null and not exists (
    select 1 from public.resources r where r.id = p_table_resource_id and r.property_id = p_property_id
  ) then
    perform private.raise_error('resource_not_found', 'No such table at this property.', 'P0002');
  end if;
  insert into public.folios (organization_id, property_id, kind, table_resource_id, label, currency, created_by)
  values (v_property.organization_id, p_property_id, 'tab', p_table_resource_id, btrim(p_label), v_property.currency, auth.uid())
  returning * into v_folio;
  return v_folio;
end;
$$;

-- Charges a served or closed order to a folio of the same property, once. Room-service orders
-- go to their booking's folio.
create function public.charge_order_to_folio(p_order_id uuid, p_folio_id uuid)
returns public.folio_entries
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folio public.folios := private.lock_folio(p_folio_id, 'staff');
  v_order public.orders;
  v_entry public.folio_entries;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  select * into v_order from public.orders o where o.id = p_order_id for update;
  if v_order.id is null or v_order.property_id <> v_folio.property_id then
    perform private.raise_error('order_not_found', 'No such order at this folio''s property.', 'P0002');
  end if;
  if v_order.folio_id is not null then
    perform private.raise_error('order_charged', 'This order is already charged to a folio.', '23505');
  end if;
  if v_order.status not in ('served', 'closed') then
    perform private.raise_error('order_not_served', 'Only served or closed orders are charged.', 'P0001');
  end if;
  if v_order.booking_id is not null and v_order.booking_id is distinct from v_folio.booking_id then
    perform private.raise_error('wrong_folio', 'A room-service order goes to its booking''s folio.', 'P0001');
  end if;
  if v_order.currency <> v_folio.currency then
    perform private.raise_error('currency_mismatch', 'The order and the folio use different currencies.', 'P0001');
  end if;
  insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, currency, description,
    order_id, created_by)
  values (v_folio.organization_id, v_folio.property_id, v_folio.id, 'order', v_order.total_minor, v_order.currency,
    format('Order %s', left(v_order.id::text, 8)), v_order.id, auth.uid())
  returning * into v_entry;
  update public.orders o set folio_id = v_folio.id where o.id = v_order.id;
  return v_entry;
end;
$$;

-- Money in (payment) or back out (refund) on a folio, after checking the arguments both share.
create function private.record_money_movement(
  p_folio public.folios,
  p_kind public.folio_entry_kind,
  p_amount_minor bigint,
  p_method text,
  p_external_reference text
)
returns public.folio_entries
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_refundable bigint;
  v_entry public.folio_entries;
begin
  perform private.check_input(p_amount_minor between 1 and 100000000000, 'invalid_amount', 'Amount must be a positive number of minor units.');
  perform private.check_input(p_method = any (enum_range(null::public.payment_method)::text[]), 'invalid_method',
    'Method must be cash, card or external.');
  perform private.check_input(p_external_reference is null or char_length(btrim(p_external_reference)) between 1 and 200,
    'invalid_external_reference', 'External reference must be 1 to 200 characters.');
  if p_kind = 'refund' then
    select coalesce(-sum(e.amount_minor), 0) into v_refundable
    from public.folio_entries e where e.folio_id = p_folio.id and e.kind in ('payment', 'refund');
    if p_amount_minor > v_refundable then
      perform private.raise_error('refund_exceeds_payments', 'A refund cannot exceed what was paid.', 'P0001');
    end if;
  end if;
  insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, currency, description,
    payment_method, external_reference, created_by)
  values (p_folio.organization_id, p_folio.property_id, p_folio.id, p_kind,
    case when p_kind = 'payment' then -p_amount_minor else p_amount_minor end, p_folio.currency,
    format('%s (%s)', initcap(p_kind::text), p_method), p_method::public.payment_method, btrim(p_external_reference), auth.uid())
  returning * into v_entry;
  return v_entry;
end;
$$;

create function public.record_payment(
  p_folio_id uuid,
  p_amount_minor bigint,
  p_method text,
  p_external_reference text default null
)
returns public.folio_entries
language plpgsql
security definer
set search_path = ''
as $$
begin
  return private.record_money_movement(private.lock_folio(p_folio_id, 'staff'), 'payment', p_amount_minor, p_method,
    p_external_reference);
end;
$$;

-- Pays money back (manager and above), never more than was paid on the folio.
create function public.record_refund(
  p_folio_id uuid,
  p_amount_minor bigint,
  p_method text,
  p_external_reference text default null
)
returns public.folio_entries
language plpgsql
security definer
set search_path = ''
as $$
begin
  return private.record_money_movement(private.lock_folio(p_folio_id, 'manager'), 'refund', p_amount_minor, p_method,
    p_external_reference);
end;
$$;

-- A correction (manager and above): a discount or a charge with a reason.
create function public.post_folio_adjustment(p_folio_id uuid, p_amount_minor bigint, p_reason text)
returns public.folio_entries
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folio public.folios := private.lock_folio(p_folio_id, 'manager');
  v_entry public.folio_entries;
begin
  perform private.check_input(p_amount_minor <> 0 and abs(p_amount_minor) <= 100000000000, 'invalid_amount',
    'Amount must be a non-zero number of minor units.');
  perform private.check_input(char_length(btrim(p_reason)) between 1 and 200, 'invalid_reason', 'Reason must be 1 to 200 characters.');
  insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, currency, description, created_by)
  values (v_folio.organization_id, v_folio.property_id, v_folio.id, 'adjustment', p_amount_minor, v_folio.currency,
    btrim(p_reason), auth.uid())
  returning * into v_entry;
  return v_entry;
end;
$$;

-- Closes a balanced folio; a folio with a guest earns them loyalty points.
create function public.settle_folio(p_folio_id uuid)
returns public.folios
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folio public.folios := private.lock_folio(p_folio_id, 'staff');
  v_points integer;
begin
  if v_folio.balance_minor <> 0 then
    perform private.raise_error('balance_outstanding', format('The folio still has a balance of %s minor units.', v_folio.balance_minor), 'P0001');
  end if;
  update public.folios f set status = 'settled', settled_at = now() where f.id = v_folio.id returning * into v_folio;
  v_points := (v_folio.charges_minor / 100)::integer;
  if v_folio.guest_id is not null and v_points > 0 then
    insert into public.loyalty_ledger (organization_id, guest_id, folio_id, points, reason, created_by)
    values (v_folio.organization_id, v_folio.guest_id, v_folio.id, v_points, 'Earned on a settled folio', auth.uid());
  end if;
  return v_folio;
end;
$$;

create function public.redeem_loyalty_points(p_guest_id uuid, p_points integer, p_reason text)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
begin
  perform private.check_input(p_guest_id is not null, 'invalid_guest_id', 'Guest id is required.');
  perform private.check_input(p_points between 1 and 10000000, 'invalid_points', 'Points must be between 1 and 10,000,000.');
  perform private.check_input(char_length(btrim(p_reason)) between 1 and 200, 'invalid_reason', 'Reason must be 1 to 200 characters.');
  perform private.require_user();
  select * into v_guest from public.guests g where g.id = p_guest_id;
  if v_guest.id is null or not private.has_org_role(v_guest.organization_id, 'viewer') then
    perform private.raise_error('guest_not_found', 'No such guest.', 'P0002');
  end if;
  perform private.require_org_role(v_guest.organization_id, 'staff');
  begin
    insert into public.loyalty_ledger (organization_id, guest_id, points, reason, created_by)
    values (v_guest.organization_id, v_guest.id, -p_points, btrim(p_reason), auth.uid());
  exception when check_violation then
    perform private.raise_error('insufficient_points', 'The guest does not have that many points.', 'P0001');
  end;
  select * into v_guest from public.guests g where g.id = p_guest_id;
  return v_guest;
end;
$$;

-- ============================================================================================
-- Realtime
-- ============================================================================================

alter publication supabase_realtime add table public.folios, public.folio_entries;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.folios, public.folio_entries, public.loyalty_ledger from anon, authenticated;
grant select on table public.folios, public.folio_entries, public.loyalty_ledger to authenticated;
-- The ledger and the entries are append-only for the service role too.
revoke insert, update, delete, truncate on table public.folio_entries, public.loyalty_ledger from service_role;

revoke execute on function
  private.forbid_folio_entry_change(),
  private.apply_folio_entry(),
  private.protect_charged_order(),
  private.apply_loyalty_entry(),
  private.guard_loyalty_points(),
  private.booking_folio(public.bookings),
  private.booking_charges_due_through(public.bookings),
  private.post_room_charges(public.bookings, date),
  private.lock_folio(uuid, public.org_role),
  private.record_money_movement(public.folios, public.folio_entry_kind, bigint, text, text)
from public, anon, authenticated;

revoke execute on function
  public.open_booking_folio(uuid),
  public.open_tab(uuid, text, uuid),
  public.charge_order_to_folio(uuid, uuid),
  public.record_payment(uuid, bigint, text, text),
  public.record_refund(uuid, bigint, text, text),
  public.post_folio_adjustment(uuid, bigint, text),
  public.settle_folio(uuid),
  public.redeem_loyalty_points(uuid, integer, text)
from public, anon;
grant execute on function
  public.open_booking_folio(uuid),
  public.open_tab(uuid, text, uuid),
  public.charge_order_to_folio(uuid, uuid),
  public.record_payment(uuid, bigint, text, text),
  public.record_refund(uuid, bigint, text, text),
  public.post_folio_adjustment(uuid, bigint, text),
  public.settle_folio(uuid),
  public.redeem_loyalty_points(uuid, integer, text)
to authenticated, service_role;
