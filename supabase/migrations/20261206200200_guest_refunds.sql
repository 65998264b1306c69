-- Guest refunds as rows (decision 036, amended in session 5): every refund Roost owes a guest under
-- the cancellation policy is one row of private.guest_refunds, written in the transaction that
-- decides it, and asked of Stripe afterwards by whoever holds the Stripe secret:
-- - a cancellation at the desk (public.cancel_booking, a member) queues its refunds and wakes the
--   worker's refund queue (gpu-worker/src/refunds); the web app never calls Stripe;
-- - a guest's own cancellation (widget-api) still asks Stripe at once through
--   private.booking_refunds_due, whose rows the worker's sweep picks up only when the function
--   did not report Stripe's answer within two minutes.
-- A refund Stripe refuses or that fails on the network is retried with a growing pause; after
-- five attempts it is `failed`: a person has to look (managers see it on the booking and may
-- try again). `charge.refunded` still posts the refund to the folio (private.apply_guest_refund);
-- a trigger then marks the rows it covers `refunded`. Stripe idempotency keys: `roost:refund:<row
-- id>[:<n>]` — a retry after a lost answer (network, 5xx, 429) keeps the key, so it is the same
-- refund, never a second one; Stripe keeps a refusal under its key for 24 hours, so after a
-- refusal (Stripe answered: nothing was refunded) the next attempt takes the next key.

create table private.guest_refunds (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  property_id uuid not null references public.properties (id) on delete cascade,
  booking_id uuid not null references public.bookings (id) on delete cascade,
  intent_id text not null references private.guest_payments (intent_id) on delete cascade,
  stripe_account_id text not null,
  amount_minor bigint not null,
  currency text not null,
  -- desk: a member cancelled; guest: manage-my-booking (widget-api).
  source text not null,
  requested_by uuid references auth.users (id) on delete set null,
  status text not null default 'pending',
  attempts integer not null default 0,
  -- Bumped after each refusal: the next attempt's idempotency key (see private.refund_key).
  key_generation integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  stripe_refund_id text,
  requested_at timestamptz,
  refunded_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint guest_refunds_amount_positive check (amount_minor > 0),
  constraint guest_refunds_source_known check (source in ('desk', 'guest')),
  -- pending: not asked yet; requested: Stripe took it, charge.refunded not seen yet; refunded:
  -- posted to the folio; retrying: refused or unreachable, asked again at next_attempt_at;
  -- failed: gave up, a person has to look.
  constraint guest_refunds_status_known check (status in ('pending', 'requested', 'refunded', 'retrying', 'failed')),
  constraint guest_refunds_attempts_nonnegative check (attempts >= 0 and key_generation >= 0),
  constraint guest_refunds_error_length check (char_length(last_error) <= 500)
);
comment on table private.guest_refunds is
  'Refunds owed to guests under the cancellation policy, one per payment and cancellation; asked of Stripe by the worker or widget-api.';
create index guest_refunds_due_idx on private.guest_refunds (next_attempt_at) where status in ('pending', 'retrying');
create index guest_refunds_booking_idx on private.guest_refunds (booking_id, created_at);
create index guest_refunds_intent_idx on private.guest_refunds (intent_id, created_at);
create index guest_refunds_organization_idx on private.guest_refunds (organization_id);
create index guest_refunds_property_idx on private.guest_refunds (property_id, status);
create index guest_refunds_requested_by_idx on private.guest_refunds (requested_by) where requested_by is not null;
create trigger guest_refunds_touch_updated_at before update on private.guest_refunds
  for each row execute function private.touch_updated_at();
alter table private.guest_refunds enable row level security;

-- Attempts before a refund is `failed`, and the pause before attempt n+1: 1, 4, 16, 64 minutes.
create function private.refund_max_attempts()
returns integer
language sql
immutable
set search_path = ''
as $$ select 5 $$;

create function private.refund_backoff(p_attempts integer)
returns interval
language sql
immutable
set search_path = ''
as $$ select make_interval(mins => least(power(4, greatest(p_attempts - 1, 0))::integer, 360)) $$;

create function private.refund_key(p_refund private.guest_refunds)
returns text
language sql
immutable
set search_path = ''
as $$
  select 'roost:refund:' || p_refund.id || case when p_refund.key_generation > 0 then ':' || p_refund.key_generation
    else '' end
$$;

-- What a cancelled booking gives back under its policy (what was paid minus the cancellation fee,
-- less what was already asked back), spread over its payments newest first, written as refund
-- rows in this transaction: a second call finds it all asked for and writes nothing.
create function private.queue_booking_refunds(p_booking_id uuid, p_source text, p_start_after interval)
returns setof private.guest_refunds
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
  v_refund private.guest_refunds;
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
    insert into private.guest_refunds (organization_id, property_id, booking_id, intent_id, stripe_account_id,
      amount_minor, currency, source, requested_by, next_attempt_at)
    values (v_payment.organization_id, v_payment.property_id, p_booking_id, v_payment.intent_id,
      v_payment.stripe_account_id, v_part, v_payment.currency, p_source, auth.uid(), now() + p_start_after)
    returning * into v_refund;
    v_left := v_left - v_part;
    return next v_refund;
  end loop;
end;
$$;

-- Wakes the worker's refund queue (it also sweeps every minute); a no-op without pg-boss.
create function private.wake_refund_worker()
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if exists (select 1 from pgboss.queue q where q.name = 'guest_refunds') then
    perform private.enqueue_queue_job('guest_refunds', '{"data": {}}'::jsonb);
  end if;
end;
$$;

-- As before for widget-api (same first three columns), now from queued rows: the function asks
-- Stripe with each row's key and reports the answer (private.record_refund_attempt); rows whose
-- answer never came are the worker sweep's after two minutes.
drop function private.booking_refunds_due(uuid);
create function private.booking_refunds_due(p_booking_id uuid)
returns table (intent_id text, stripe_account_id text, amount_minor bigint, refund_id uuid, idempotency_key text)
language sql
volatile
security definer
set search_path = ''
as $$
  select r.intent_id, r.stripe_account_id, r.amount_minor, r.id, private.refund_key(r)
  from private.queue_booking_refunds(p_booking_id, 'guest', interval '2 minutes') r;
$$;

-- The desk's cancellation (same signature, errors and order of checks as before): the policy's
-- refunds are queued in the same transaction and the worker woken.
create or replace function public.cancel_booking(p_booking_id uuid, p_reason text default null)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  v_booking := private.cancel_locked_booking(private.lock_booking_and_resource(p_booking_id, 'staff'), p_reason);
  if exists (select 1 from private.queue_booking_refunds(v_booking.id, 'desk', interval '0')) then
    perform private.wake_refund_worker();
  end if;
  return v_booking;
end;
$$;

-- The worker's claim: refunds due now, locked past other workers (skip locked), their attempt
-- counted and pushed past a lease, so a worker that dies mid-call leaves them for a later sweep.
create function private.claim_due_refunds(p_limit integer default 20)
returns table (id uuid, booking_id uuid, intent_id text, stripe_account_id text, amount_minor bigint,
  idempotency_key text, attempts integer)
language sql
volatile
security definer
set search_path = ''
as $$
  with due as (
    select r.id from private.guest_refunds r
    where r.status in ('pending', 'retrying') and r.next_attempt_at <= now()
    order by r.next_attempt_at
    limit greatest(least(p_limit, 100), 1)
    for update skip locked
  )
  update private.guest_refunds r
  set attempts = r.attempts + 1, next_attempt_at = now() + interval '5 minutes'
  from due where r.id = due.id
  returning r.id, r.booking_id, r.intent_id, r.stripe_account_id, r.amount_minor, private.refund_key(r), r.attempts;
$$;

-- Stripe's answer to one attempt: `requested` (with the refund's id), `refused` (Stripe answered
-- with an error: nothing was refunded, the next attempt takes a new key) or `unreachable` (no
-- answer, a 5xx or a 429: the next attempt keeps the key). Retried after refund_backoff until
-- refund_max_attempts, then `failed`. A row already requested or refunded stays so.
create function private.record_refund_attempt(p_refund_id uuid, p_outcome text, p_stripe_refund_id text,
  p_error text)
returns private.guest_refunds
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_refund private.guest_refunds;
  v_error text := left(coalesce(nullif(btrim(p_error), ''), 'Stripe did not answer.'), 500);
begin
  perform private.check_input(p_outcome in ('requested', 'refused', 'unreachable'), 'invalid_outcome',
    'Outcome must be requested, refused or unreachable.');
  select * into v_refund from private.guest_refunds r where r.id = p_refund_id for update;
  if v_refund.id is null or v_refund.status in ('refunded', 'requested') then
    return v_refund;
  end if;
  if p_outcome = 'requested' then
    update private.guest_refunds r
    set status = 'requested', stripe_refund_id = p_stripe_refund_id, requested_at = now(), last_error = null,
      attempts = greatest(r.attempts, 1)
    where r.id = p_refund_id returning * into v_refund;
    return v_refund;
  end if;
  update private.guest_refunds r
  set status = case when greatest(r.attempts, 1) >= private.refund_max_attempts() then 'failed' else 'retrying' end,
    failed_at = case when greatest(r.attempts, 1) >= private.refund_max_attempts() then now() end,
    next_attempt_at = now() + private.refund_backoff(greatest(r.attempts, 1)),
    key_generation = r.key_generation + case when p_outcome = 'refused' then 1 else 0 end,
    last_error = v_error, attempts = greatest(r.attempts, 1)
  where r.id = p_refund_id returning * into v_refund;
  return v_refund;
end;
$$;

-- charge.refunded raised what Stripe says was refunded on a payment: the rows it covers (oldest
-- first, by running total) are refunded — also a failed one a person refunded in Stripe's dashboard.
create function private.guest_refunds_settle()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update private.guest_refunds r
  set status = 'refunded', refunded_at = now(), last_error = null
  from (
    select x.id, sum(x.amount_minor) over (order by x.created_at, x.id) as running
    from private.guest_refunds x where x.intent_id = new.intent_id
  ) covered
  where r.id = covered.id and covered.running <= new.refunded_minor and r.status <> 'refunded';
  return null;
end;
$$;

create trigger guest_payments_settle_refunds after update of refunded_minor on private.guest_payments
  for each row when (new.refunded_minor > old.refunded_minor) execute function private.guest_refunds_settle();

-- The booking's refunds for the desk (anyone who may see the booking): amount, state, attempts,
-- the last error, when. Not found: no such booking, or not the caller's property.
create function public.booking_refunds(p_booking_id uuid)
returns table (id uuid, amount_minor bigint, currency text, source text, status text, attempts integer,
  next_attempt_at timestamptz, last_error text, requested_at timestamptz, refunded_at timestamptz,
  failed_at timestamptz, created_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.check_input(p_booking_id is not null, 'invalid_booking_id', 'Booking id is required.');
  perform private.require_user();
  perform private.require_property_role((select b.property_id from public.bookings b where b.id = p_booking_id),
    'viewer', 'booking_not_found', 'No such booking.');
  return query
    select r.id, r.amount_minor, r.currency, r.source, r.status, r.attempts, r.next_attempt_at, r.last_error,
      r.requested_at, r.refunded_at, r.failed_at, r.created_at
    from private.guest_refunds r where r.booking_id = p_booking_id
    order by r.created_at, r.id;
end;
$$;

-- A manager's "try again" on a refund that failed (after checking Stripe's dashboard): asked
-- again at once, with the same idempotency key, so Stripe cannot refund it twice.
create function public.retry_guest_refund(p_refund_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_refund private.guest_refunds;
begin
  perform private.check_input(p_refund_id is not null, 'invalid_refund_id', 'Refund id is required.');
  perform private.require_user();
  select * into v_refund from private.guest_refunds r where r.id = p_refund_id;
  perform private.require_property_role(v_refund.property_id, 'manager', 'refund_not_found', 'No such refund.');
  select * into v_refund from private.guest_refunds r where r.id = p_refund_id for update;
  if v_refund.status <> 'failed' then
    perform private.raise_error('refund_not_failed', 'Only a refund that failed can be tried again.', 'P0001');
  end if;
  update private.guest_refunds r
  set status = 'pending', attempts = 0, next_attempt_at = now(), failed_at = null
  where r.id = p_refund_id returning * into v_refund;
  perform private.wake_refund_worker();
  return jsonb_build_object('id', v_refund.id, 'status', v_refund.status);
end;
$$;

-- The worker's queue: at most one waiting and one running (stately), no pg-boss retries (the
-- rows carry their own attempts).
select pgboss.create_queue('guest_refunds', '{"policy": "stately", "retryLimit": 0, "expireInSeconds": 900}'::jsonb);

revoke all on table private.guest_refunds from public, anon, authenticated, service_role;
grant select on table private.guest_refunds to service_role;

revoke execute on function
  private.refund_max_attempts(),
  private.refund_backoff(integer),
  private.refund_key(private.guest_refunds),
  private.queue_booking_refunds(uuid, text, interval),
  private.wake_refund_worker(),
  private.booking_refunds_due(uuid),
  private.claim_due_refunds(integer),
  private.record_refund_attempt(uuid, text, text, text),
  private.guest_refunds_settle()
from public, anon, authenticated;
grant execute on function
  private.refund_key(private.guest_refunds),
  private.booking_refunds_due(uuid),
  private.claim_due_refunds(integer),
  private.record_refund_attempt(uuid, text, text, text)
to service_role;

revoke execute on function public.booking_refunds(uuid), public.retry_guest_refund(uuid) from public, anon;
grant execute on function public.booking_refunds(uuid), public.retry_guest_refund(uuid) to authenticated;
