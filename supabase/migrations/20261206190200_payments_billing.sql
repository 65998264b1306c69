-- Stripe in the database (decision 036): guest payments taken on each organization's connected
-- account (Connect, with Roost's application fee), Stripe's events stored by id and processed
-- exactly once in any order, and Roost's own billing of its tenants (plans by number of
-- properties, a trial, the subscription mirrored as Basejump's billing_subscriptions does).
-- Stripe is called only by edge functions (functions/_shared/stripe.ts, functions/billing,
-- functions/stripe-webhook); the rows here are what those calls left, applied by the functions
-- below as the service role. Tenants read their billing through RLS and public.billing_overview.

-- ============================================================================================
-- Plans and the tenants' subscriptions
-- ============================================================================================

create table public.billing_plans (
  id text primary key,
  name text not null,
  max_properties integer not null,
  monthly_price_minor bigint not null,
  currency text not null default 'EUR',
  -- Roost's share of each guest payment taken for the tenant (basis points).
  application_fee_bps integer not null,
  sort_order integer not null,
  constraint billing_plans_id_format check (id ~ '^[a-z][a-z0-9_]{1,30}$'),
  constraint billing_plans_name_length check (char_length(name) between 1 and 60),
  constraint billing_plans_max_properties_positive check (max_properties > 0),
  constraint billing_plans_price_nonnegative check (monthly_price_minor >= 0),
  constraint billing_plans_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint billing_plans_fee_range check (application_fee_bps between 0 and 1000)
);
comment on table public.billing_plans is 'What Roost sells its tenants: plans by number of properties.';

insert into public.billing_plans (id, name, max_properties, monthly_price_minor, currency, application_fee_bps, sort_order)
values
  ('starter', 'Starter', 1, 2900, 'EUR', 200, 1),
  ('growth', 'Growth', 5, 9900, 'EUR', 150, 2),
  ('scale', 'Scale', 50, 29900, 'EUR', 100, 3);

-- One Stripe customer per organization (Roost's own Stripe account, not the tenant's).
create table public.billing_customers (
  organization_id uuid primary key references public.organizations (id) on delete cascade,
  stripe_customer_id text not null,
  created_at timestamptz not null default now(),
  constraint billing_customers_stripe_customer_id_key unique (stripe_customer_id),
  constraint billing_customers_stripe_customer_id_format check (stripe_customer_id ~ '^cus_[A-Za-z0-9]{1,64}$')
);

-- The mirror of the tenant's Stripe subscriptions, written only from Stripe's events.
create table public.billing_subscriptions (
  id text primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  stripe_customer_id text not null,
  plan_id text not null references public.billing_plans (id),
  status text not null,
  trial_end timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  canceled_at timestamptz,
  -- The `created` of the last event applied: an older event arriving later changes nothing.
  last_event_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint billing_subscriptions_id_format check (id ~ '^sub_[A-Za-z0-9]{1,64}$'),
  constraint billing_subscriptions_status_known check (status in ('incomplete', 'incomplete_expired', 'trialing',
    'active', 'past_due', 'canceled', 'unpaid', 'paused'))
);
create index billing_subscriptions_organization_idx on public.billing_subscriptions (organization_id, updated_at desc);

-- The tenant's connected Stripe account (Connect): guest money goes there, minus Roost's fee.
create table public.payment_accounts (
  organization_id uuid primary key references public.organizations (id) on delete cascade,
  stripe_account_id text not null,
  charges_enabled boolean not null default false,
  payouts_enabled boolean not null default false,
  details_submitted boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payment_accounts_stripe_account_id_key unique (stripe_account_id),
  constraint payment_accounts_stripe_account_id_format check (stripe_account_id ~ '^acct_[A-Za-z0-9_]{1,64}$')
);

create trigger billing_subscriptions_touch_updated_at before update on public.billing_subscriptions
  for each row execute function private.touch_updated_at();
create trigger payment_accounts_touch_updated_at before update on public.payment_accounts
  for each row execute function private.touch_updated_at();

alter table public.billing_plans enable row level security;
alter table public.billing_customers enable row level security;
alter table public.billing_subscriptions enable row level security;
alter table public.payment_accounts enable row level security;

create policy "signed-in users can read the plans" on public.billing_plans
  for select to authenticated using (true);
create policy "admins can read their billing customer" on public.billing_customers
  for select to authenticated using (organization_id in (select private.orgs_with_role('admin')));
create policy "admins can read their subscriptions" on public.billing_subscriptions
  for select to authenticated using (organization_id in (select private.orgs_with_role('admin')));
create policy "admins can read their payment account" on public.payment_accounts
  for select to authenticated using (organization_id in (select private.orgs_with_role('admin')));

-- ============================================================================================
-- Guest payments and Stripe's events (service side only)
-- ============================================================================================

create table private.guest_payments (
  intent_id text primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  property_id uuid not null references public.properties (id) on delete cascade,
  kind text not null,
  booking_id uuid references public.bookings (id) on delete cascade,
  order_id uuid references public.orders (id) on delete cascade,
  stripe_account_id text not null,
  amount_minor bigint not null,
  currency text not null,
  application_fee_minor bigint not null default 0,
  -- Stripe's PaymentIntent status as last heard (requires_payment_method, succeeded, …).
  status text not null,
  amount_received_minor bigint not null default 0,
  -- What Stripe says was refunded (charge.refunded), and what Roost has asked back so far.
  refunded_minor bigint not null default 0,
  refund_requested_minor bigint not null default 0,
  last_error text,
  payment_entry_id uuid references public.folio_entries (id) on delete set null,
  paid_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint guest_payments_intent_id_format check (intent_id ~ '^pi_[A-Za-z0-9_]{1,64}$'),
  constraint guest_payments_kind_known check (kind in ('booking', 'order')),
  constraint guest_payments_target check ((kind = 'booking') = (booking_id is not null)
    and (kind = 'order') = (order_id is not null)),
  constraint guest_payments_amounts check (amount_minor > 0 and application_fee_minor >= 0
    and amount_received_minor >= 0 and refunded_minor >= 0 and refund_requested_minor >= 0)
);
create index guest_payments_booking_idx on private.guest_payments (booking_id) where booking_id is not null;
create index guest_payments_order_idx on private.guest_payments (order_id) where order_id is not null;
create trigger guest_payments_touch_updated_at before update on private.guest_payments
  for each row execute function private.touch_updated_at();

create table private.stripe_events (
  id text primary key,
  type text not null,
  account text,
  stripe_created_at timestamptz not null,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  outcome text,
  error text,
  constraint stripe_events_id_format check (id ~ '^evt_[A-Za-z0-9_]{1,128}$')
);
create index stripe_events_unprocessed_idx on private.stripe_events (received_at) where processed_at is null;

alter table private.guest_payments enable row level security;
alter table private.stripe_events enable row level security;

-- ============================================================================================
-- Plans: what an organization may do
-- ============================================================================================

-- Every organization starts with a trial of the Growth plan; afterwards its subscription decides.
create function private.trial_days()
returns integer
language sql
immutable
set search_path = ''
as $$ select 14 $$;

-- The organization's plan now: a live subscription (trialing, active, past_due) first, else the
-- trial while it lasts, else none (status 'none', no plan).
create function private.org_plan(p_organization_id uuid)
returns table (plan_id text, status text, source text, trial_end timestamptz, current_period_end timestamptz,
  cancel_at_period_end boolean, max_properties integer, application_fee_bps integer)
language sql
stable
security definer
set search_path = ''
as $$
  with live as (
    select s.plan_id, s.status, 'subscription'::text as source, s.trial_end, s.current_period_end,
      s.cancel_at_period_end
    from public.billing_subscriptions s
    where s.organization_id = p_organization_id and s.status in ('trialing', 'active', 'past_due')
    order by s.updated_at desc
    limit 1
  ), trial as (
    select 'growth'::text as plan_id, 'trialing'::text as status, 'trial'::text as source,
      o.created_at + make_interval(days => private.trial_days()) as trial_end, null::timestamptz, false
    from public.organizations o
    where o.id = p_organization_id and not exists (select 1 from live)
      and o.created_at + make_interval(days => private.trial_days()) > now()
  ), chosen as (
    select * from live union all select * from trial
  )
  select c.plan_id, c.status, c.source, c.trial_end, c.current_period_end, c.cancel_at_period_end,
    p.max_properties, p.application_fee_bps
  from chosen c join public.billing_plans p on p.id = c.plan_id
  union all
  select null, 'none', 'none', null, null, false, 0, null
  where not exists (select 1 from chosen);
$$;

-- Whether the organization's plan allows a feature: 'properties' (one more property),
-- 'online_payments' (a live plan). Unknown features are not allowed.
create function private.org_plan_allows(p_organization_id uuid, p_feature text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_plan record;
begin
  select * into v_plan from private.org_plan(p_organization_id);
  if v_plan.plan_id is null then
    return false;
  end if;
  return case p_feature
    when 'properties' then
      (select count(*) from public.properties p where p.organization_id = p_organization_id) < v_plan.max_properties
    when 'online_payments' then true
    else false
  end;
end;
$$;

-- Before a member's new property: the plan must have room for it. The organization row is locked
-- so two concurrent inserts cannot both take the last place. The service side (seeds, fixtures,
-- benchmarks) is not limited, as it is not by RLS.
create function private.require_property_slot(p_organization_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_plan record;
begin
  perform 1 from public.organizations o where o.id = p_organization_id for no key update;
  if not private.org_plan_allows(p_organization_id, 'properties') then
    select * into v_plan from private.org_plan(p_organization_id);
    if v_plan.plan_id is null then
      perform private.raise_error('subscription_required',
        'The trial has ended: choose a plan on the Billing page to add properties.', 'P0001');
    end if;
    perform private.raise_error('plan_limit_reached',
      format('Your plan allows %s %s: upgrade on the Billing page to add more.', v_plan.max_properties,
        case when v_plan.max_properties = 1 then 'property' else 'properties' end), 'P0001');
  end if;
end;
$$;

create function private.enforce_property_plan()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user = 'authenticated' and private.has_org_role(new.organization_id, 'viewer') then
    perform private.require_property_slot(new.organization_id);
  end if;
  return new;
end;
$$;

create trigger properties_enforce_plan before insert on public.properties
  for each row execute function private.enforce_property_plan();

-- What the Billing page shows (admins and owners): the plan now, the plans on sale, the count of
-- properties, and the Connect account's state.
create function public.billing_overview(p_organization_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_plan record;
  v_account public.payment_accounts;
begin
  perform private.require_org_role(p_organization_id, 'admin');
  select * into v_plan from private.org_plan(p_organization_id);
  select * into v_account from public.payment_accounts a where a.organization_id = p_organization_id;
  return jsonb_build_object(
    'plan_id', v_plan.plan_id,
    'status', v_plan.status,
    'source', v_plan.source,
    'trial_end', v_plan.trial_end,
    'current_period_end', v_plan.current_period_end,
    'cancel_at_period_end', v_plan.cancel_at_period_end,
    'max_properties', v_plan.max_properties,
    'property_count', (select count(*) from public.properties p where p.organization_id = p_organization_id),
    'has_customer', exists (select 1 from public.billing_customers c where c.organization_id = p_organization_id),
    'payments', case when v_account.organization_id is null then null else jsonb_build_object(
      'charges_enabled', v_account.charges_enabled, 'payouts_enabled', v_account.payouts_enabled,
      'details_submitted', v_account.details_submitted) end,
    'plans', (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name,
        'max_properties', p.max_properties, 'monthly_price_minor', p.monthly_price_minor, 'currency', p.currency,
        'application_fee_bps', p.application_fee_bps) order by p.sort_order), '[]'::jsonb)
      from public.billing_plans p)
  );
end;
$$;

-- ============================================================================================
-- Service side: customers, connected accounts, guest payments
-- ============================================================================================

create function private.billing_customer_of(p_organization_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select c.stripe_customer_id from public.billing_customers c where c.organization_id = p_organization_id;
$$;

-- Keeps the first customer recorded for an organization and returns it.
create function private.set_billing_customer(p_organization_id uuid, p_customer_id text)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into public.billing_customers (organization_id, stripe_customer_id) values (p_organization_id, p_customer_id)
  on conflict (organization_id) do nothing;
  return private.billing_customer_of(p_organization_id);
end;
$$;

create function private.payment_account_of(p_organization_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select a.stripe_account_id from public.payment_accounts a where a.organization_id = p_organization_id;
$$;

create function private.set_payment_account(p_organization_id uuid, p_account_id text)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into public.payment_accounts (organization_id, stripe_account_id) values (p_organization_id, p_account_id)
  on conflict (organization_id) do nothing;
  return private.payment_account_of(p_organization_id);
end;
$$;

-- The property's organization, its connected account and Roost's fee (the plan's, or Starter's
-- when the organization has no live plan: guests are never refused for their host's billing).
create function private.guest_payment_terms(p_property_id uuid)
returns table (organization_id uuid, stripe_account_id text, charges_enabled boolean, application_fee_bps integer,
  currency text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.organization_id, a.stripe_account_id, coalesce(a.charges_enabled, false),
    coalesce((select op.application_fee_bps from private.org_plan(p.organization_id) op),
      (select bp.application_fee_bps from public.billing_plans bp where bp.id = 'starter')),
    p.currency
  from public.properties p
  left join public.payment_accounts a on a.organization_id = p.organization_id
  where p.id = p_property_id;
$$;

-- Records a PaymentIntent Roost created (once; a retried create with the same key finds the row).
create function private.record_guest_payment(
  p_intent_id text,
  p_account_id text,
  p_property_id uuid,
  p_kind text,
  p_target_id uuid,
  p_amount_minor bigint,
  p_currency text,
  p_fee_minor bigint,
  p_status text
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_org uuid;
begin
  if p_kind = 'booking' then
    select b.organization_id into v_org from public.bookings b where b.id = p_target_id and b.property_id = p_property_id;
  elsif p_kind = 'order' then
    select o.organization_id into v_org from public.orders o where o.id = p_target_id and o.property_id = p_property_id;
  end if;
  if v_org is null then
    perform private.raise_error('payment_target_not_found', 'No such booking or order at this property.', 'P0002');
  end if;
  insert into private.guest_payments (intent_id, organization_id, property_id, kind, booking_id, order_id,
    stripe_account_id, amount_minor, currency, application_fee_minor, status)
  values (p_intent_id, v_org, p_property_id, p_kind, case when p_kind = 'booking' then p_target_id end,
    case when p_kind = 'order' then p_target_id end, p_account_id, p_amount_minor, upper(p_currency), p_fee_minor,
    p_status)
  on conflict (intent_id) do nothing;
end;
$$;

-- The guest payment of an intent, locked; created from the intent's metadata when the create
-- call's own record is missing (the process died between Stripe's answer and the insert).
create function private.lock_guest_payment(p_intent jsonb, p_account text)
returns private.guest_payments
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_payment private.guest_payments;
  v_meta jsonb := coalesce(p_intent -> 'metadata', '{}'::jsonb);
begin
  select * into v_payment from private.guest_payments g where g.intent_id = p_intent ->> 'id' for update;
  if found then
    return v_payment;
  end if;
  if v_meta ->> 'roost_kind' in ('booking', 'order') and v_meta ->> 'roost_id' ~ '^[0-9a-f-]{36}$'
     and v_meta ->> 'property_id' ~ '^[0-9a-f-]{36}$' and p_account is not null then
    begin
      perform private.record_guest_payment(p_intent ->> 'id', p_account, (v_meta ->> 'property_id')::uuid,
        v_meta ->> 'roost_kind', (v_meta ->> 'roost_id')::uuid, (p_intent ->> 'amount')::bigint,
        p_intent ->> 'currency', coalesce((p_intent ->> 'application_fee_amount')::bigint, 0),
        coalesce(p_intent ->> 'status', 'requires_payment_method'));
    exception when sqlstate 'PT404' or sqlstate 'P0002' then
      return null;
    end;
    select * into v_payment from private.guest_payments g where g.intent_id = p_intent ->> 'id' for update;
  end if;
  return v_payment;
end;
$$;

-- payment_intent.succeeded (or a charge that proves it): the payment posted to the booking's
-- folio once, the held booking confirmed; a payment for a booking that is no longer held or
-- confirmed is asked back in full (the outcome carries the refund for the caller to request).
create function private.apply_guest_payment(p_intent jsonb, p_account text, p_amount_received bigint)
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
    return jsonb_build_object('outcome', 'processed', 'order_id', v_payment.order_id);
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

-- payment_intent.payment_failed: noted unless the intent already succeeded (an older event).
create function private.apply_guest_payment_failure(p_intent jsonb, p_account text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_payment private.guest_payments := private.lock_guest_payment(p_intent, p_account);
begin
  if v_payment.intent_id is null or v_payment.stripe_account_id is distinct from p_account then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'unknown_payment');
  end if;
  if v_payment.paid_at is not null then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'already_succeeded');
  end if;
  update private.guest_payments g
  set status = 'requires_payment_method',
    last_error = left(coalesce(p_intent -> 'last_payment_error' ->> 'message', 'The payment failed.'), 500)
  where g.intent_id = v_payment.intent_id;
  return jsonb_build_object('outcome', 'processed', 'payment_status', 'failed');
end;
$$;

-- charge.refunded: Stripe's running total of refunds on the charge; what is new is posted to the
-- folio, so replays and out-of-order refund events post each unit once. A refund proves the
-- payment: when its payment_intent.succeeded has not arrived yet, the payment is applied first.
create function private.apply_guest_refund(p_charge jsonb, p_account text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_intent jsonb := jsonb_build_object('id', p_charge ->> 'payment_intent', 'amount', p_charge ->> 'amount',
    'currency', p_charge ->> 'currency', 'metadata', coalesce(p_charge -> 'metadata', '{}'::jsonb), 'status', 'succeeded');
  v_payment private.guest_payments;
  v_total bigint := coalesce((p_charge ->> 'amount_refunded')::bigint, 0);
  v_new bigint;
  v_booking public.bookings;
begin
  if p_charge ->> 'payment_intent' is null then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'no_payment_intent');
  end if;
  v_payment := private.lock_guest_payment(v_intent, p_account);
  if v_payment.intent_id is null or v_payment.stripe_account_id is distinct from p_account then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'unknown_payment');
  end if;
  if v_payment.paid_at is null then
    perform private.apply_guest_payment(v_intent, p_account,
      coalesce((p_charge ->> 'amount_captured')::bigint, (p_charge ->> 'amount')::bigint));
    select * into v_payment from private.guest_payments g where g.intent_id = v_payment.intent_id for update;
  end if;
  v_total := least(v_total, v_payment.amount_received_minor);
  v_new := v_total - v_payment.refunded_minor;
  if v_new <= 0 then
    return jsonb_build_object('outcome', 'duplicate');
  end if;
  update private.guest_payments g
  set refunded_minor = v_total, refund_requested_minor = greatest(g.refund_requested_minor, v_total)
  where g.intent_id = v_payment.intent_id;
  if v_payment.kind = 'booking' then
    select * into v_booking from public.bookings b where b.id = v_payment.booking_id;
    perform private.record_money_movement(private.booking_folio(v_booking), 'refund', v_new, 'card',
      p_charge ->> 'id');
  end if;
  return jsonb_build_object('outcome', 'processed', 'refunded_minor', v_new);
end;
$$;

-- What a cancelled booking gives back under its policy: what was paid minus the cancellation
-- fee, less what was already asked back; spread over its payments, and marked as asked for in
-- the same statement, so a second call returns nothing new. The caller asks Stripe for it.
create function private.booking_refunds_due(p_booking_id uuid)
returns table (intent_id text, stripe_account_id text, amount_minor bigint)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
  v_left bigint;
  v_payment private.guest_payments;
  v_part bigint;
begin
  select * into v_booking from public.bookings b where b.id = p_booking_id for update;
  if v_booking.id is null or v_booking.status <> 'cancelled' then
    return;
  end if;
  select greatest(coalesce(sum(g.amount_received_minor), 0) - v_booking.cancellation_fee_minor, 0)
    - coalesce(sum(greatest(g.refund_requested_minor, g.refunded_minor)), 0)
  into v_left
  from private.guest_payments g where g.booking_id = p_booking_id and g.paid_at is not null;
  for v_payment in
    select * from private.guest_payments g where g.booking_id = p_booking_id and g.paid_at is not null
    order by g.paid_at desc for update
  loop
    exit when v_left <= 0;
    v_part := least(v_left, v_payment.amount_received_minor
      - greatest(v_payment.refund_requested_minor, v_payment.refunded_minor));
    continue when v_part <= 0;
    update private.guest_payments g
    set refund_requested_minor = greatest(g.refund_requested_minor, g.refunded_minor) + v_part
    where g.intent_id = v_payment.intent_id;
    intent_id := v_payment.intent_id;
    stripe_account_id := v_payment.stripe_account_id;
    amount_minor := v_part;
    v_left := v_left - v_part;
    return next;
  end loop;
end;
$$;

-- A guest payment's state for the public API (widget-api): the latest intent of a booking/order.
create function private.guest_payment_state(p_kind text, p_target_id uuid)
returns table (intent_id text, status text, amount_minor bigint, currency text, paid_at timestamptz,
  refunded_minor bigint, last_error text)
language sql
stable
security definer
set search_path = ''
as $$
  select g.intent_id, g.status, g.amount_minor, g.currency, g.paid_at, g.refunded_minor, g.last_error
  from private.guest_payments g
  where (p_kind = 'booking' and g.booking_id = p_target_id) or (p_kind = 'order' and g.order_id = p_target_id)
  order by g.paid_at desc nulls last, g.created_at desc
  limit 1;
$$;

-- ============================================================================================
-- Service side: subscriptions and accounts from Stripe's events
-- ============================================================================================

create function private.apply_billing_subscription(p_subscription jsonb, p_type text, p_event_at timestamptz)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_meta jsonb := coalesce(p_subscription -> 'metadata', '{}'::jsonb);
  v_org uuid;
  v_plan text := v_meta ->> 'roost_plan';
  v_status text := case when p_type = 'customer.subscription.deleted' then 'canceled'
    else p_subscription ->> 'status' end;
  v_existing public.billing_subscriptions;
  v_period_end bigint := coalesce((p_subscription ->> 'current_period_end')::bigint,
    (p_subscription -> 'items' -> 'data' -> 0 ->> 'current_period_end')::bigint);
begin
  select c.organization_id into v_org from public.billing_customers c
  where c.stripe_customer_id = p_subscription ->> 'customer';
  if v_org is null then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'unknown_customer');
  end if;
  if v_plan is null or not exists (select 1 from public.billing_plans p where p.id = v_plan) then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'unknown_plan');
  end if;
  select * into v_existing from public.billing_subscriptions s where s.id = p_subscription ->> 'id' for update;
  if v_existing.id is not null and (v_existing.last_event_at > p_event_at
      or (v_existing.last_event_at = p_event_at and v_existing.status = 'canceled')) then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'stale_event');
  end if;
  insert into public.billing_subscriptions as s (id, organization_id, stripe_customer_id, plan_id, status, trial_end,
    current_period_end, cancel_at_period_end, canceled_at, last_event_at)
  values (p_subscription ->> 'id', v_org, p_subscription ->> 'customer', v_plan, v_status,
    to_timestamp((p_subscription ->> 'trial_end')::bigint), to_timestamp(v_period_end),
    coalesce((p_subscription ->> 'cancel_at_period_end')::boolean, false),
    to_timestamp((p_subscription ->> 'canceled_at')::bigint), p_event_at)
  on conflict (id) do update set plan_id = excluded.plan_id, status = excluded.status, trial_end = excluded.trial_end,
    current_period_end = excluded.current_period_end, cancel_at_period_end = excluded.cancel_at_period_end,
    canceled_at = excluded.canceled_at, last_event_at = excluded.last_event_at;
  return jsonb_build_object('outcome', 'processed', 'subscription_status', v_status);
end;
$$;

create function private.apply_payment_account(p_account jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.payment_accounts a
  set charges_enabled = coalesce((p_account ->> 'charges_enabled')::boolean, false),
    payouts_enabled = coalesce((p_account ->> 'payouts_enabled')::boolean, false),
    details_submitted = coalesce((p_account ->> 'details_submitted')::boolean, false)
  where a.stripe_account_id = p_account ->> 'id';
  if not found then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'unknown_account');
  end if;
  return jsonb_build_object('outcome', 'processed');
end;
$$;

-- ============================================================================================
-- Stripe's events: stored by id, processed once
-- ============================================================================================

-- Stores a verified event (the caller checked its signature) and processes it unless it already
-- was: one transaction per event, the event row locked, so a concurrent replay waits and then
-- finds it processed. Unknown types are stored and ignored. A handler that fails leaves the
-- event unprocessed with its error, and the outcome 'failed' tells the caller to answer 500 so
-- that Stripe retries.
create function private.process_stripe_event(p_event jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id text := p_event ->> 'id';
  v_type text := p_event ->> 'type';
  v_account text := p_event ->> 'account';
  v_object jsonb := p_event -> 'data' -> 'object';
  v_created timestamptz;
  v_event private.stripe_events;
  v_result jsonb;
begin
  perform private.check_input(v_id ~ '^evt_[A-Za-z0-9_]{1,128}$', 'invalid_event_id', 'Not a Stripe event id.');
  perform private.check_input(v_type ~ '^[a-z_.]{1,100}$', 'invalid_event_type', 'Not a Stripe event type.');
  perform private.check_input(jsonb_typeof(v_object) = 'object', 'invalid_event_object', 'The event has no object.');
  v_created := to_timestamp(coalesce((p_event ->> 'created')::bigint, extract(epoch from now())::bigint));
  insert into private.stripe_events (id, type, account, stripe_created_at, payload)
  values (v_id, v_type, v_account, v_created, p_event)
  on conflict (id) do nothing;
  select * into v_event from private.stripe_events e where e.id = v_id for update;
  if v_event.processed_at is not null then
    return jsonb_build_object('outcome', 'duplicate');
  end if;
  begin
    v_result := case
      when v_type = 'payment_intent.succeeded' then
        private.apply_guest_payment(v_object, v_account, coalesce((v_object ->> 'amount_received')::bigint,
          (v_object ->> 'amount')::bigint))
      when v_type = 'payment_intent.payment_failed' then private.apply_guest_payment_failure(v_object, v_account)
      when v_type = 'charge.refunded' then private.apply_guest_refund(v_object, v_account)
      when v_type in ('customer.subscription.created', 'customer.subscription.updated',
        'customer.subscription.deleted') then private.apply_billing_subscription(v_object, v_type, v_created)
      when v_type = 'account.updated' then private.apply_payment_account(v_object)
      else jsonb_build_object('outcome', 'ignored', 'reason', 'unhandled_type')
    end;
  exception when others then
    update private.stripe_events e set error = left(sqlerrm, 500), outcome = 'failed' where e.id = v_id;
    return jsonb_build_object('outcome', 'failed');
  end;
  update private.stripe_events e set processed_at = now(), outcome = v_result ->> 'outcome', error = null
  where e.id = v_id;
  return v_result;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.billing_plans, public.billing_customers, public.billing_subscriptions,
  public.payment_accounts from anon, authenticated;
grant select on table public.billing_plans, public.billing_customers, public.billing_subscriptions,
  public.payment_accounts to authenticated;
grant select on table public.billing_plans, public.billing_customers, public.billing_subscriptions,
  public.payment_accounts to service_role;
revoke all on table private.guest_payments, private.stripe_events from public, anon, authenticated, service_role;
grant select on table private.guest_payments, private.stripe_events to service_role;

revoke execute on function
  private.trial_days(),
  private.org_plan(uuid),
  private.org_plan_allows(uuid, text),
  private.require_property_slot(uuid),
  private.enforce_property_plan(),
  private.billing_customer_of(uuid),
  private.set_billing_customer(uuid, text),
  private.payment_account_of(uuid),
  private.set_payment_account(uuid, text),
  private.guest_payment_terms(uuid),
  private.record_guest_payment(text, text, uuid, text, uuid, bigint, text, bigint, text),
  private.lock_guest_payment(jsonb, text),
  private.apply_guest_payment(jsonb, text, bigint),
  private.apply_guest_payment_failure(jsonb, text),
  private.apply_guest_refund(jsonb, text),
  private.booking_refunds_due(uuid),
  private.guest_payment_state(text, uuid),
  private.apply_billing_subscription(jsonb, text, timestamptz),
  private.apply_payment_account(jsonb),
  private.process_stripe_event(jsonb)
from public, anon, authenticated;
-- The property trigger runs as the inserting member.
grant execute on function private.enforce_property_plan(), private.require_property_slot(uuid),
  private.org_plan_allows(uuid, text), private.org_plan(uuid) to authenticated;
grant execute on function
  private.org_plan(uuid),
  private.org_plan_allows(uuid, text),
  private.billing_customer_of(uuid),
  private.set_billing_customer(uuid, text),
  private.payment_account_of(uuid),
  private.set_payment_account(uuid, text),
  private.guest_payment_terms(uuid),
  private.record_guest_payment(text, text, uuid, text, uuid, bigint, text, bigint, text),
  private.booking_refunds_due(uuid),
  private.guest_payment_state(text, uuid),
  private.process_stripe_event(jsonb)
to service_role;

revoke execute on function public.billing_overview(uuid) from public, anon;
grant execute on function public.billing_overview(uuid) to authenticated;
