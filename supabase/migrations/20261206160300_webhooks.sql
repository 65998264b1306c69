-- Outgoing webhooks (issue 17 item 3, decision 030): per-organization endpoints, events born in
-- the transaction of the change that causes them (an outbox: one delivery row per subscribed,
-- enabled endpoint, and a pg_notify that wakes the sender at commit), Standard Webhooks secrets
-- that rotate with a grace period, and the RPCs admins manage them with.
--
-- Everything lives in `private`: the Data API exposes none of it; admins (and owners) read and
-- change endpoints and their delivery log only through the security definer RPCs below, and a
-- secret is returned once (by create and rotate) and never readable by `authenticated` again.
-- The sender (gpu-worker/src/webhooks/) connects as the database owner.
-- Errors carry a stable code (docs/decisions/003-database-errors.md).

-- ============================================================================================
-- Settings of the installation
-- ============================================================================================

-- One row. Both default to off (production); the local stack and tests turn them on so that a
-- receiver on 127.0.0.1 can be used. The sender has its own switch for send time (DNS answers
-- change): ROOST_WEBHOOKS_ALLOW_PRIVATE_TARGETS (docs/decisions/030-outgoing-webhooks.md).
create table private.webhook_settings (
  id boolean primary key default true,
  allow_http boolean not null default false,
  allow_private_targets boolean not null default false,
  constraint webhook_settings_single_row check (id)
);
insert into private.webhook_settings default values;

-- ============================================================================================
-- Helpers used by constraints
-- ============================================================================================

-- The events an endpoint may subscribe to ('webhook.test' is sent only on request).
create function private.webhook_event_types()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array[
    'booking.created', 'booking.updated', 'booking.cancelled', 'booking.checked_in', 'booking.checked_out',
    'booking.no_show', 'order.created', 'order.status_changed', 'payment.succeeded', 'payment.refunded',
    'guest.created'
  ]::text[];
$$;

-- Addresses a webhook must not reach unless the installation allows it: loopback, private,
-- link-local, CGNAT, multicast, documentation and reserved ranges, IPv6 ULA and IPv4-mapped.
-- The sender applies the same list to every DNS answer (gpu-worker/src/webhooks/addresses.ts).
create function private.is_private_address(p_address inet)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select exists (
    select 1 from unnest(array[
      '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
      '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24',
      '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
      '::/128', '::1/128', '::ffff:0:0/96', '64:ff9b::/96', '100::/64', '2001:db8::/32', 'fc00::/7',
      'fe80::/10', 'ff00::/8'
    ]::inet[]) as r(range)
    where family(r.range) = family(p_address) and p_address <<= r.range
  );
$$;

-- The problem with a webhook URL as a stable code, or null when it is acceptable.
create function private.webhook_url_problem(p_url text)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_settings private.webhook_settings;
  v_parts text[];
  v_authority text;
  v_host text;
  v_port text;
  v_address inet;
begin
  if p_url is null or char_length(p_url) > 2048 or p_url ~ '[[:space:][:cntrl:]]' then
    return 'invalid_webhook_url';
  end if;
  v_parts := regexp_match(p_url, '^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([/?#].*)?$');
  if v_parts is null then
    return 'invalid_webhook_url';
  end if;
  select * into v_settings from private.webhook_settings;
  v_authority := v_parts[2];
  if lower(v_parts[1]) not in ('https', 'http') then
    return 'invalid_webhook_url';
  end if;
  if position('@' in v_authority) > 0 then
    return 'webhook_url_has_credentials';
  end if;
  if lower(v_parts[1]) = 'http' and not coalesce(v_settings.allow_http, false) then
    return 'webhook_url_not_https';
  end if;
  -- host[:port] or [ipv6][:port]
  v_parts := regexp_match(v_authority, '^(\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::([0-9]{1,5}))?$');
  if v_parts is null then
    return 'invalid_webhook_url';
  end if;
  v_host := lower(v_parts[1]);
  v_port := v_parts[2];
  if v_port is not null and (v_port::integer < 1 or v_port::integer > 65535) then
    return 'invalid_webhook_url';
  end if;
  if v_host ~ '^\[.*\]$' then
    begin
      v_address := trim(both '[]' from v_host)::inet;
    exception when others then
      return 'invalid_webhook_url';
    end;
  elsif v_host ~ '^[0-9.]+$' then
    begin
      v_address := v_host::inet;
    exception when others then
      return 'invalid_webhook_url';
    end;
  elsif v_host !~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$'
     or char_length(v_host) > 253 then
    return 'invalid_webhook_url';
  end if;
  if not coalesce(v_settings.allow_private_targets, false)
     and ((v_address is not null and private.is_private_address(v_address))
          or v_host in ('localhost', 'localhost.') or v_host like '%.localhost' or v_host like '%.localhost.') then
    return 'webhook_url_private_address';
  end if;
  return null;
end;
$$;

-- ============================================================================================
-- Tables
-- ============================================================================================

create table private.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  url text not null,
  description text,
  events text[] not null,
  enabled boolean not null default true,
  disabled_reason text,
  disabled_at timestamptz,
  -- Deliveries in a row that ended failed (all retries spent); reset by a success or re-enabling.
  consecutive_failures integer not null default 0,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint webhook_endpoints_url_length check (char_length(url) between 8 and 2048),
  constraint webhook_endpoints_description_length check (description is null or char_length(description) between 1 and 500),
  constraint webhook_endpoints_events_valid check (
    cardinality(events) between 1 and 20 and events <@ private.webhook_event_types()
  ),
  constraint webhook_endpoints_disabled_state check (enabled = (disabled_at is null)),
  constraint webhook_endpoints_failures_nonnegative check (consecutive_failures >= 0)
);
comment on table private.webhook_endpoints is 'Where an organization wants its events POSTed (decision 030).';

create table private.webhook_secrets (
  id uuid primary key default gen_random_uuid(),
  endpoint_id uuid not null references private.webhook_endpoints (id) on delete cascade,
  -- Standard Webhooks format: whsec_ + base64 of 32 random bytes.
  secret text not null,
  created_at timestamptz not null default now(),
  -- null: the current secret. A rotated secret still signs until then (the grace period).
  expires_at timestamptz,
  constraint webhook_secrets_format check (secret ~ '^whsec_[A-Za-z0-9+/]+=*$')
);
comment on table private.webhook_secrets is 'Signing secrets; every unexpired one signs, so rotation needs no downtime.';
create unique index webhook_secrets_current_key on private.webhook_secrets (endpoint_id) where expires_at is null;
create index webhook_secrets_endpoint_idx on private.webhook_secrets (endpoint_id, created_at);

create table private.webhook_events (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  type text not null,
  -- The exact body POSTed: { id, type, timestamp, data }.
  payload jsonb not null,
  created_at timestamptz not null default now(),
  constraint webhook_events_type_valid check (type = 'webhook.test' or type = any (private.webhook_event_types()))
);
comment on table private.webhook_events is 'Events born in the transaction of the change; their id is the webhook-id header.';
create index webhook_events_organization_idx on private.webhook_events (organization_id, created_at);

create table private.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  endpoint_id uuid not null references private.webhook_endpoints (id) on delete cascade,
  event_id uuid not null references private.webhook_events (id) on delete cascade,
  -- A replay from the log: a new delivery of the same event (same webhook-id).
  replay_of uuid references private.webhook_deliveries (id) on delete set null,
  status text not null default 'queued',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_attempt_at timestamptz,
  last_status_code integer,
  last_latency_ms integer,
  last_response_excerpt text,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  constraint webhook_deliveries_status_valid check (status in ('queued', 'succeeded', 'failed')),
  constraint webhook_deliveries_attempts_nonnegative check (attempts >= 0),
  constraint webhook_deliveries_delivered_when_succeeded check ((status = 'succeeded') = (delivered_at is not null)),
  constraint webhook_deliveries_excerpt_length check (last_response_excerpt is null or char_length(last_response_excerpt) <= 1000),
  constraint webhook_deliveries_error_length check (last_error is null or char_length(last_error) <= 2000)
);
comment on table private.webhook_deliveries is 'The outbox: one row per event and endpoint (plus replays), claimed by the sender with SKIP LOCKED.';
-- One delivery per endpoint and event; replays are extra rows pointing at the original.
create unique index webhook_deliveries_endpoint_event_key on private.webhook_deliveries (endpoint_id, event_id) where replay_of is null;
create index webhook_deliveries_due_idx on private.webhook_deliveries (next_attempt_at) where status = 'queued';
create index webhook_deliveries_endpoint_log_idx on private.webhook_deliveries (endpoint_id, created_at desc, id desc);
create index webhook_deliveries_event_idx on private.webhook_deliveries (event_id);
create index webhook_deliveries_replay_of_idx on private.webhook_deliveries (replay_of);
create index webhook_deliveries_organization_idx on private.webhook_deliveries (organization_id);
create index webhook_endpoints_organization_idx on private.webhook_endpoints (organization_id) where enabled;
create index webhook_endpoints_organization_all_idx on private.webhook_endpoints (organization_id);
create index webhook_endpoints_created_by_idx on private.webhook_endpoints (created_by);

-- Configuration changes of endpoints are audited (never the secrets, which live apart; the
-- failure counter the sender moves is not a configuration change).
create trigger webhook_endpoints_audit
  after insert or delete or update of url, description, events, enabled on private.webhook_endpoints
  for each row execute function private.record_audit('organization_id');

-- ============================================================================================
-- Events: born in the transaction of the change
-- ============================================================================================

create function private.new_webhook_secret()
returns text
language sql
volatile
set search_path = ''
as $$
  select 'whsec_' || encode(extensions.gen_random_bytes(32), 'base64');
$$;

-- Writes the event and one delivery per enabled endpoint of the organization subscribed to it
-- (or only p_endpoint_id, for a test event), then wakes the sender at commit. Returns the event
-- id, or null when nobody listens (no row is written then).
create function private.emit_webhook_event(
  p_organization_id uuid,
  p_type text,
  p_data jsonb,
  p_endpoint_id uuid default null
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_event_id uuid;
begin
  if not exists (
    select 1 from private.webhook_endpoints e
    where e.organization_id = p_organization_id and e.enabled
      and (case when p_endpoint_id is null then p_type = any (e.events) else e.id = p_endpoint_id end)
  ) then
    return null;
  end if;
  v_event_id := gen_random_uuid();
  insert into private.webhook_events (id, organization_id, type, payload)
  values (v_event_id, p_organization_id, p_type, jsonb_build_object(
    'id', v_event_id,
    'type', p_type,
    'timestamp', to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'data', p_data
  ));
  insert into private.webhook_deliveries (organization_id, endpoint_id, event_id)
  select p_organization_id, e.id, v_event_id
  from private.webhook_endpoints e
  where e.organization_id = p_organization_id and e.enabled
    and (case when p_endpoint_id is null then p_type = any (e.events) else e.id = p_endpoint_id end);
  perform pg_notify('roost_webhooks', v_event_id::text);
  return v_event_id;
end;
$$;

create function private.webhook_booking_data(p_booking public.bookings)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_booking.id,
    'property_id', p_booking.property_id,
    'reference', p_booking.reference,
    'status', p_booking.status,
    'resource_id', p_booking.resource_id,
    'guest_id', p_booking.guest_id,
    'arrival_date', p_booking.arrival_date,
    'departure_date', p_booking.departure_date,
    'starts_at', lower(p_booking.period),
    'ends_at', upper(p_booking.period),
    'party_size', p_booking.party_size,
    'currency', p_booking.currency,
    'total_minor', p_booking.total_minor,
    'source', p_booking.source,
    'cancellation_fee_minor', p_booking.cancellation_fee_minor,
    'cancellation_reason', p_booking.cancellation_reason,
    'created_at', p_booking.created_at,
    'updated_at', p_booking.updated_at
  );
$$;

create function private.webhooks_on_booking()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_types text[] := '{}';
  v_data jsonb;
  v_type text;
begin
  if tg_op = 'INSERT' then
    if new.status <> 'held' then
      v_types := array['booking.created'];
      if new.status in ('checked_in', 'checked_out', 'cancelled', 'no_show') then
        v_types := v_types || ('booking.' || new.status::text);
      end if;
    end if;
  elsif old.status = 'held' then
    -- A hold is not a booking yet: it becomes one when confirmed (or checked in at once).
    if new.status <> 'held' and new.status <> 'cancelled' then
      v_types := array['booking.created'];
      if new.status <> 'confirmed' then
        v_types := v_types || ('booking.' || new.status::text);
      end if;
    end if;
  elsif old.status is distinct from new.status then
    v_types := array[case when new.status in ('cancelled', 'checked_in', 'checked_out', 'no_show')
      then 'booking.' || new.status::text else 'booking.updated' end];
  elsif (old.period, old.resource_id, old.party_size, old.guest_id, old.total_minor, old.arrival_date, old.departure_date)
        is distinct from
        (new.period, new.resource_id, new.party_size, new.guest_id, new.total_minor, new.arrival_date, new.departure_date) then
    v_types := array['booking.updated'];
  end if;
  if cardinality(v_types) = 0 then
    return null;
  end if;
  v_data := private.webhook_booking_data(new);
  if tg_op = 'UPDATE' then
    v_data := v_data || jsonb_build_object('previous_status', old.status);
  end if;
  foreach v_type in array v_types loop
    perform private.emit_webhook_event(new.organization_id, v_type, v_data);
  end loop;
  return null;
end;
$$;

create trigger bookings_webhooks
  after insert or update of status, period, resource_id, party_size, guest_id, total_minor, arrival_date, departure_date
  on public.bookings
  for each row execute function private.webhooks_on_booking();

create function private.webhook_order_data(p_order public.orders)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_order.id,
    'property_id', p_order.property_id,
    'kind', p_order.kind,
    'status', p_order.status,
    'booking_id', p_order.booking_id,
    'table_resource_id', p_order.table_resource_id,
    'currency', p_order.currency,
    'subtotal_minor', p_order.subtotal_minor,
    'discount_minor', p_order.discount_minor,
    'tax_minor', p_order.tax_minor,
    'service_charge_minor', p_order.service_charge_minor,
    'total_minor', p_order.total_minor,
    'submitted_at', p_order.submitted_at,
    'closed_at', p_order.closed_at,
    'created_at', p_order.created_at
  );
$$;

-- order.created fires at commit (a deferred constraint trigger) so that it carries the totals
-- the order's items gave it in the same transaction.
create function private.webhooks_on_order_created()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
begin
  select * into v_order from public.orders o where o.id = new.id;
  if v_order.id is not null then
    perform private.emit_webhook_event(v_order.organization_id, 'order.created', private.webhook_order_data(v_order));
  end if;
  return null;
end;
$$;

create constraint trigger orders_webhooks_created
  after insert on public.orders
  deferrable initially deferred
  for each row execute function private.webhooks_on_order_created();

create function private.webhooks_on_order_status()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.status is distinct from new.status then
    perform private.emit_webhook_event(new.organization_id, 'order.status_changed',
      private.webhook_order_data(new) || jsonb_build_object('previous_status', old.status));
  end if;
  return null;
end;
$$;

create trigger orders_webhooks_status
  after update of status on public.orders
  for each row execute function private.webhooks_on_order_status();

create function private.webhooks_on_folio_entry()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folio public.folios;
begin
  if new.kind not in ('payment', 'refund') then
    return null;
  end if;
  select * into v_folio from public.folios f where f.id = new.folio_id;
  perform private.emit_webhook_event(
    new.organization_id,
    case new.kind when 'payment' then 'payment.succeeded' else 'payment.refunded' end,
    jsonb_build_object(
      'id', new.id,
      'property_id', new.property_id,
      'folio_id', new.folio_id,
      'booking_id', v_folio.booking_id,
      'guest_id', v_folio.guest_id,
      -- Positive for both: the amount paid or refunded.
      'amount_minor', abs(new.amount_minor),
      'currency', new.currency,
      'payment_method', new.payment_method,
      'external_reference', new.external_reference,
      'description', new.description,
      'created_at', new.created_at
    ));
  return null;
end;
$$;

create trigger folio_entries_webhooks
  after insert on public.folio_entries
  for each row execute function private.webhooks_on_folio_entry();

create function private.webhooks_on_guest()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.emit_webhook_event(new.organization_id, 'guest.created', jsonb_build_object(
    'id', new.id,
    'full_name', new.full_name,
    'email', new.email,
    'phone', new.phone,
    'language', new.language,
    'marketing_consent', new.marketing_consent,
    'created_at', new.created_at
  ));
  return null;
end;
$$;

create trigger guests_webhooks
  after insert on public.guests
  for each row execute function private.webhooks_on_guest();

-- ============================================================================================
-- What the sender calls (as the database owner)
-- ============================================================================================

-- A failed attempt: retried at p_retry_at, or (null) the delivery has failed for good; then the
-- endpoint's run of failed deliveries grows, and at p_disable_after it is disabled and its
-- organization's admins and owners are emailed.
create function private.webhook_delivery_failed(
  p_delivery_id uuid,
  p_status_code integer,
  p_latency_ms integer,
  p_response_excerpt text,
  p_error text,
  p_retry_at timestamptz,
  p_disable_after integer
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_delivery private.webhook_deliveries;
  v_endpoint private.webhook_endpoints;
  v_admin record;
  v_url_html text;
begin
  update private.webhook_deliveries d
  set status = case when p_retry_at is null then 'failed' else 'queued' end,
      next_attempt_at = coalesce(p_retry_at, d.next_attempt_at),
      last_attempt_at = now(),
      last_status_code = p_status_code,
      last_latency_ms = p_latency_ms,
      last_response_excerpt = left(p_response_excerpt, 1000),
      last_error = left(p_error, 2000)
  where d.id = p_delivery_id and d.status = 'queued'
  returning * into v_delivery;
  if v_delivery.id is null or p_retry_at is not null then
    return;
  end if;
  update private.webhook_endpoints e
  set consecutive_failures = e.consecutive_failures + 1
  where e.id = v_delivery.endpoint_id
  returning * into v_endpoint;
  if not v_endpoint.enabled or v_endpoint.consecutive_failures < p_disable_after then
    return;
  end if;
  update private.webhook_endpoints e
  set enabled = false, disabled_at = now(),
      disabled_reason = format('Disabled after %s deliveries in a row failed every retry.', v_endpoint.consecutive_failures),
      updated_at = now()
  where e.id = v_endpoint.id;
  v_url_html := replace(replace(replace(replace(v_endpoint.url, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;');
  for v_admin in
    select distinct u.email from public.memberships m join auth.users u on u.id = m.user_id
    where m.organization_id = v_endpoint.organization_id and m.role >= 'admin' and private.is_email(u.email)
  loop
    perform private.enqueue_mail(
      v_admin.email,
      'A webhook endpoint was disabled',
      format('<p>Roost stopped sending events to <strong>%s</strong>: %s deliveries in a row failed every retry.</p>'
        || '<p>Fix the receiver, then enable the endpoint again in the admin portal (Webhooks); its delivery log '
        || 'shows each response, and failed deliveries can be replayed.</p>', v_url_html, v_endpoint.consecutive_failures),
      format(E'Roost stopped sending events to %s: %s deliveries in a row failed every retry.\n\n'
        || 'Fix the receiver, then enable the endpoint again in the admin portal (Webhooks); its delivery log '
        || 'shows each response, and failed deliveries can be replayed.', v_endpoint.url, v_endpoint.consecutive_failures),
      null,
      'webhook_endpoint_disabled'
    );
  end loop;
end;
$$;

create function private.webhook_delivery_succeeded(
  p_delivery_id uuid,
  p_status_code integer,
  p_latency_ms integer,
  p_response_excerpt text
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_endpoint_id uuid;
begin
  update private.webhook_deliveries d
  set status = 'succeeded', delivered_at = now(), last_attempt_at = now(), last_status_code = p_status_code,
      last_latency_ms = p_latency_ms, last_response_excerpt = left(p_response_excerpt, 1000), last_error = null
  where d.id = p_delivery_id and d.status = 'queued'
  returning d.endpoint_id into v_endpoint_id;
  if v_endpoint_id is not null then
    update private.webhook_endpoints e set consecutive_failures = 0
    where e.id = v_endpoint_id and e.consecutive_failures <> 0;
  end if;
end;
$$;

-- ============================================================================================
-- RPCs for admins and owners
-- ============================================================================================

create function private.check_webhook_endpoint_input(p_url text, p_description text, p_events text[])
returns void
language plpgsql
stable
set search_path = ''
as $$
declare
  v_problem text := private.webhook_url_problem(p_url);
begin
  if v_problem is not null then
    perform private.raise_error(v_problem, case v_problem
      when 'webhook_url_not_https' then 'A webhook URL must use https.'
      when 'webhook_url_has_credentials' then 'A webhook URL must not carry a user name or password.'
      when 'webhook_url_private_address' then 'A webhook URL must not point at a private, loopback or link-local address.'
      else 'A webhook URL is an absolute https URL of at most 2048 characters.' end, '22023');
  end if;
  perform private.check_input(
    p_description is null or char_length(btrim(p_description)) between 1 and 500,
    'invalid_webhook_description', 'A description is 1 to 500 characters.');
  perform private.check_input(
    p_events is not null and cardinality(p_events) between 1 and 20 and array_position(p_events, null) is null
      and p_events <@ private.webhook_event_types()
      and cardinality(p_events) = (select count(distinct e) from unnest(p_events) e),
    'invalid_webhook_events', 'Choose one or more of the listed events, each once.');
end;
$$;

-- The endpoint, when the caller is an admin (or owner) of its organization; not found otherwise.
create function private.require_webhook_endpoint(p_endpoint_id uuid)
returns private.webhook_endpoints
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_endpoint private.webhook_endpoints;
begin
  perform private.check_input(p_endpoint_id is not null, 'invalid_webhook_endpoint_id', 'Endpoint id is required.');
  perform private.require_user();
  select * into v_endpoint from private.webhook_endpoints e where e.id = p_endpoint_id;
  if v_endpoint.id is null or not private.has_org_role(v_endpoint.organization_id, 'admin') then
    perform private.raise_error('webhook_endpoint_not_found', 'No such webhook endpoint.', 'P0002');
  end if;
  perform private.require_admin_mfa(v_endpoint.organization_id);
  return v_endpoint;
end;
$$;

create function public.create_webhook_endpoint(
  p_organization_id uuid,
  p_url text,
  p_description text,
  p_events text[]
)
returns table (endpoint_id uuid, secret text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_secret text := private.new_webhook_secret();
begin
  perform private.require_org_role(p_organization_id, 'admin');
  perform private.check_webhook_endpoint_input(p_url, p_description, p_events);
  if (select count(*) from private.webhook_endpoints e where e.organization_id = p_organization_id) >= 20 then
    perform private.raise_error('webhook_endpoint_limit', 'An organization has at most 20 webhook endpoints.', 'P0001');
  end if;
  insert into private.webhook_endpoints (organization_id, url, description, events, created_by)
  values (p_organization_id, p_url, nullif(btrim(p_description), ''), p_events, auth.uid())
  returning id into v_id;
  insert into private.webhook_secrets (endpoint_id, secret) values (v_id, v_secret);
  return query select v_id, v_secret;
end;
$$;

create function public.update_webhook_endpoint(
  p_endpoint_id uuid,
  p_url text,
  p_description text,
  p_events text[]
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_webhook_endpoint(p_endpoint_id);
  perform private.check_webhook_endpoint_input(p_url, p_description, p_events);
  update private.webhook_endpoints e
  set url = p_url, description = nullif(btrim(p_description), ''), events = p_events, updated_at = now()
  where e.id = p_endpoint_id;
end;
$$;

-- Enabling again clears the reason and the run of failures; queued deliveries resume.
create function public.set_webhook_endpoint_enabled(p_endpoint_id uuid, p_enabled boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_webhook_endpoint(p_endpoint_id);
  perform private.check_input(p_enabled is not null, 'invalid_enabled', 'Say whether the endpoint is enabled.');
  update private.webhook_endpoints e
  set enabled = p_enabled,
      disabled_at = case when p_enabled then null else coalesce(e.disabled_at, now()) end,
      disabled_reason = case when p_enabled then null when e.enabled then 'Disabled by an admin.' else e.disabled_reason end,
      consecutive_failures = case when p_enabled then 0 else e.consecutive_failures end,
      updated_at = now()
  where e.id = p_endpoint_id and e.enabled is distinct from p_enabled;
end;
$$;

-- A new secret, returned once; the previous one keeps signing for 24 hours, so a receiver can
-- switch secrets without missing a delivery (Standard Webhooks: several signatures per header).
create function public.rotate_webhook_secret(p_endpoint_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_secret text := private.new_webhook_secret();
begin
  perform private.require_webhook_endpoint(p_endpoint_id);
  delete from private.webhook_secrets s where s.endpoint_id = p_endpoint_id and s.expires_at <= now();
  update private.webhook_secrets s set expires_at = now() + interval '24 hours'
  where s.endpoint_id = p_endpoint_id and s.expires_at is null;
  insert into private.webhook_secrets (endpoint_id, secret) values (p_endpoint_id, v_secret);
  return v_secret;
end;
$$;

create function public.delete_webhook_endpoint(p_endpoint_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_webhook_endpoint(p_endpoint_id);
  delete from private.webhook_endpoints e where e.id = p_endpoint_id;
end;
$$;

-- A 'webhook.test' event to this endpoint only; returns its delivery id.
create function public.send_test_webhook(p_endpoint_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_endpoint private.webhook_endpoints := private.require_webhook_endpoint(p_endpoint_id);
  v_event_id uuid;
begin
  if not v_endpoint.enabled then
    perform private.raise_error('webhook_endpoint_disabled', 'Enable the endpoint before sending it a test event.', 'P0001');
  end if;
  v_event_id := private.emit_webhook_event(v_endpoint.organization_id, 'webhook.test',
    jsonb_build_object('endpoint_id', v_endpoint.id, 'message', 'A test event sent from the Roost admin portal.'),
    v_endpoint.id);
  return (select d.id from private.webhook_deliveries d where d.event_id = v_event_id and d.endpoint_id = v_endpoint.id);
end;
$$;

-- A new delivery of a finished delivery's event (same webhook-id, so receivers may de-duplicate).
create function public.replay_webhook_delivery(p_delivery_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_delivery private.webhook_deliveries;
  v_id uuid;
begin
  perform private.check_input(p_delivery_id is not null, 'invalid_webhook_delivery_id', 'Delivery id is required.');
  perform private.require_user();
  select * into v_delivery from private.webhook_deliveries d where d.id = p_delivery_id;
  if v_delivery.id is null or not private.has_org_role(v_delivery.organization_id, 'admin') then
    perform private.raise_error('webhook_delivery_not_found', 'No such webhook delivery.', 'P0002');
  end if;
  perform private.require_webhook_endpoint(v_delivery.endpoint_id);
  if v_delivery.status = 'queued' then
    perform private.raise_error('webhook_delivery_pending', 'This delivery is still being tried.', 'P0001');
  end if;
  insert into private.webhook_deliveries (organization_id, endpoint_id, event_id, replay_of)
  values (v_delivery.organization_id, v_delivery.endpoint_id, v_delivery.event_id, v_delivery.id)
  returning id into v_id;
  perform pg_notify('roost_webhooks', v_delivery.event_id::text);
  return v_id;
end;
$$;

create function public.list_webhook_endpoints(p_organization_id uuid)
returns table (
  id uuid,
  url text,
  description text,
  events text[],
  enabled boolean,
  disabled_reason text,
  disabled_at timestamptz,
  consecutive_failures integer,
  created_at timestamptz,
  secret_rotated_at timestamptz,
  queued_deliveries bigint,
  last_delivery_at timestamptz,
  last_status_code integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_org_role(p_organization_id, 'admin');
  return query
    select e.id, e.url, e.description, e.events, e.enabled, e.disabled_reason, e.disabled_at,
      e.consecutive_failures, e.created_at,
      (select max(s.created_at) from private.webhook_secrets s where s.endpoint_id = e.id and s.expires_at is null),
      (select count(*) from private.webhook_deliveries d where d.endpoint_id = e.id and d.status = 'queued'),
      last.last_attempt_at, last.last_status_code
    from private.webhook_endpoints e
    left join lateral (
      select d.last_attempt_at, d.last_status_code from private.webhook_deliveries d
      where d.endpoint_id = e.id and d.last_attempt_at is not null
      order by d.last_attempt_at desc limit 1
    ) last on true
    where e.organization_id = p_organization_id
    order by e.created_at, e.id;
end;
$$;

-- One page of an endpoint's delivery log, newest first, with the total for the pager.
create function public.list_webhook_deliveries(p_endpoint_id uuid, p_limit integer, p_offset integer)
returns table (
  id uuid,
  event_id uuid,
  event_type text,
  status text,
  attempts integer,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_status_code integer,
  last_latency_ms integer,
  last_response_excerpt text,
  last_error text,
  replay_of uuid,
  created_at timestamptz,
  delivered_at timestamptz,
  total_count bigint
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_webhook_endpoint(p_endpoint_id);
  perform private.check_input(p_limit between 1 and 100, 'invalid_limit', 'A page holds 1 to 100 deliveries.');
  perform private.check_input(p_offset between 0 and 1000000, 'invalid_offset', 'The offset is 0 or more.');
  return query
    select d.id, d.event_id, ev.type, d.status, d.attempts,
      case when d.status = 'queued' then d.next_attempt_at end,
      d.last_attempt_at, d.last_status_code, d.last_latency_ms, d.last_response_excerpt, d.last_error,
      d.replay_of, d.created_at, d.delivered_at, count(*) over ()
    from private.webhook_deliveries d
    join private.webhook_events ev on ev.id = d.event_id
    where d.endpoint_id = p_endpoint_id
    order by d.created_at desc, d.id desc
    limit p_limit offset p_offset;
end;
$$;

-- What the installation accepts, so the portal's form checks the same rules before it posts.
create function public.webhook_url_rules()
returns table (allow_http boolean, allow_private_targets boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select s.allow_http, s.allow_private_targets from private.webhook_settings s;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table private.webhook_settings, private.webhook_endpoints, private.webhook_secrets,
  private.webhook_events, private.webhook_deliveries from public, anon, authenticated, service_role;
grant select on table private.webhook_endpoints, private.webhook_events, private.webhook_deliveries to service_role;

revoke execute on function
  private.webhook_event_types(),
  private.is_private_address(inet),
  private.webhook_url_problem(text),
  private.new_webhook_secret(),
  private.emit_webhook_event(uuid, text, jsonb, uuid),
  private.webhook_booking_data(public.bookings),
  private.webhook_order_data(public.orders),
  private.webhook_delivery_failed(uuid, integer, integer, text, text, timestamptz, integer),
  private.webhook_delivery_succeeded(uuid, integer, integer, text),
  private.check_webhook_endpoint_input(text, text, text[]),
  private.require_webhook_endpoint(uuid),
  private.webhooks_on_booking(),
  private.webhooks_on_order_created(),
  private.webhooks_on_order_status(),
  private.webhooks_on_folio_entry(),
  private.webhooks_on_guest()
from public, anon, authenticated;

revoke execute on function
  public.create_webhook_endpoint(uuid, text, text, text[]),
  public.update_webhook_endpoint(uuid, text, text, text[]),
  public.set_webhook_endpoint_enabled(uuid, boolean),
  public.rotate_webhook_secret(uuid),
  public.delete_webhook_endpoint(uuid),
  public.send_test_webhook(uuid),
  public.replay_webhook_delivery(uuid),
  public.list_webhook_endpoints(uuid),
  public.list_webhook_deliveries(uuid, integer, integer),
  public.webhook_url_rules()
from public, anon;
grant execute on function
  public.create_webhook_endpoint(uuid, text, text, text[]),
  public.update_webhook_endpoint(uuid, text, text, text[]),
  public.set_webhook_endpoint_enabled(uuid, boolean),
  public.rotate_webhook_secret(uuid),
  public.delete_webhook_endpoint(uuid),
  public.send_test_webhook(uuid),
  public.replay_webhook_delivery(uuid),
  public.list_webhook_endpoints(uuid),
  public.list_webhook_deliveries(uuid, integer, integer),
  public.webhook_url_rules()
to authenticated;
