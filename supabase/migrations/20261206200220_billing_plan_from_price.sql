-- Plan changes in Stripe's customer portal (decision 036, session 5): each plan is a Price on
-- Roost's account carrying metadata.roost_plan (functions/billing creates them), and switching
-- plans in the portal changes the subscription item's price, not the subscription's metadata.
-- customer.subscription.updated now takes the plan from the price first. Otherwise as in
-- 20261206190210.
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
  -- The price's plan first (a plan switched in the customer portal changes the price, not the
  -- subscription's metadata), then the subscription's own (subscriptions made before prices).
  v_plan text := coalesce(p_subscription -> 'items' -> 'data' -> 0 -> 'price' -> 'metadata' ->> 'roost_plan',
    v_meta ->> 'roost_plan');
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
