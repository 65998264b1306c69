-- The catalogue guards for the payments and billing tables of 20261206190200: every change of a
-- tenant's billing rows in the audit log (which names rows by a uuid `id`: the subscription's
-- Stripe id moves to stripe_subscription_id), rows that never move to another organization, and
-- the foreign keys' columns indexed.

alter table public.billing_customers add column id uuid not null default gen_random_uuid();
alter table public.billing_customers add constraint billing_customers_id_key unique (id);
alter table public.payment_accounts add column id uuid not null default gen_random_uuid();
alter table public.payment_accounts add constraint payment_accounts_id_key unique (id);
alter table public.billing_subscriptions rename column id to stripe_subscription_id;
alter table public.billing_subscriptions drop constraint billing_subscriptions_pkey;
alter table public.billing_subscriptions add column id uuid not null default gen_random_uuid();
alter table public.billing_subscriptions add constraint billing_subscriptions_pkey primary key (id);
alter table public.billing_subscriptions
  add constraint billing_subscriptions_stripe_subscription_id_key unique (stripe_subscription_id);

-- As in 20261206190200, keyed by the Stripe id's new column.
create or replace function private.apply_billing_subscription(p_subscription jsonb, p_type text, p_event_at timestamptz)
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
  select * into v_existing from public.billing_subscriptions s
  where s.stripe_subscription_id = p_subscription ->> 'id' for update;
  if v_existing.id is not null and (v_existing.last_event_at > p_event_at
      or (v_existing.last_event_at = p_event_at and v_existing.status = 'canceled')) then
    return jsonb_build_object('outcome', 'ignored', 'reason', 'stale_event');
  end if;
  insert into public.billing_subscriptions as s (stripe_subscription_id, organization_id, stripe_customer_id, plan_id,
    status, trial_end, current_period_end, cancel_at_period_end, canceled_at, last_event_at)
  values (p_subscription ->> 'id', v_org, p_subscription ->> 'customer', v_plan, v_status,
    to_timestamp((p_subscription ->> 'trial_end')::bigint), to_timestamp(v_period_end),
    coalesce((p_subscription ->> 'cancel_at_period_end')::boolean, false),
    to_timestamp((p_subscription ->> 'canceled_at')::bigint), p_event_at)
  on conflict (stripe_subscription_id) do update set plan_id = excluded.plan_id, status = excluded.status,
    trial_end = excluded.trial_end, current_period_end = excluded.current_period_end,
    cancel_at_period_end = excluded.cancel_at_period_end, canceled_at = excluded.canceled_at,
    last_event_at = excluded.last_event_at;
  return jsonb_build_object('outcome', 'processed', 'subscription_status', v_status);
end;
$$;

create trigger billing_customers_audit after insert or update or delete on public.billing_customers
  for each row execute function private.record_audit('organization_id');
create trigger billing_subscriptions_audit after insert or update or delete on public.billing_subscriptions
  for each row execute function private.record_audit('organization_id');
create trigger payment_accounts_audit after insert or update or delete on public.payment_accounts
  for each row execute function private.record_audit('organization_id');

create trigger billing_customers_organization_immutable before update on public.billing_customers
  for each row execute function private.forbid_organization_change();
create trigger billing_subscriptions_organization_immutable before update on public.billing_subscriptions
  for each row execute function private.forbid_organization_change();
create trigger payment_accounts_organization_immutable before update on public.payment_accounts
  for each row execute function private.forbid_organization_change();

create index billing_subscriptions_plan_idx on public.billing_subscriptions (plan_id);
create index guest_payments_organization_idx on private.guest_payments (organization_id);
create index guest_payments_property_idx on private.guest_payments (property_id);
create index guest_payments_payment_entry_idx on private.guest_payments (payment_entry_id)
  where payment_entry_id is not null;
