-- Widget keys, deposit policy, widget holds and the public API's rate limiter (decision 034).
--
-- - public.widget_keys: a property's public key for the embeddable widgets. The key sits in the
--   tenant's HTML, so it is not a secret: it names the property and carries the origins that may
--   embed it and the key's rate limits. Organization admins create, edit and revoke them (RLS);
--   members who work at the property may read them. A revoked key stays revoked.
-- - property_settings.deposit_kind / deposit_bps: what a guest pays when confirming online.
-- - private.widget_holds: the widget's proof of owning a hold (the SHA-256 of its hold token).
-- - private.widget_rate_windows + private.widget_admit: fixed one-minute windows per key and per
--   client address, counted in the database that every function instance shares. Called by the
--   edge function as the connection's owner in a statement of its own, so a request that later
--   fails still counts, and a Data API caller cannot spend another address's budget.

-- ============================================================================================
-- Helpers used by defaults and check constraints
-- ============================================================================================

-- `wk_` and 32 base64url characters (24 random bytes).
create function private.new_widget_key()
returns text
language sql
volatile
set search_path = ''
as $$
  select 'wk_' || translate(encode(extensions.gen_random_bytes(24), 'base64'), '+/', '-_');
$$;

-- Whether every entry is an exact web origin as browsers send it: `http(s)://host[:port]`, lower
-- case, no path, query, fragment, credentials or trailing slash; at most 20, no duplicates.
create function private.are_exact_origins(p_origins text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_origins is not null
    and cardinality(p_origins) <= 20
    and (cardinality(p_origins) = 0 or array_ndims(p_origins) = 1)
    and array_position(p_origins, null) is null
    and (select count(distinct o) = count(*) from unnest(p_origins) o)
    and not exists (
      select 1 from unnest(p_origins) o
      where char_length(o) > 200
        or o !~ '^https?://([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?$'
        or coalesce(substring(o from ':([0-9]+)$')::integer, 1) > 65535
        or o ~ '^http://.*:80$' or o ~ '^https://.*:443$'
    );
$$;

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.widget_keys (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  label text not null,
  key text not null default private.new_widget_key(),
  allowed_origins text[] not null default '{}',
  -- Requests per minute for the key as a whole, and for one client address through this key.
  rate_limit_per_minute integer not null default 600,
  address_limit_per_minute integer not null default 120,
  revoked_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint widget_keys_key_key unique (key),
  constraint widget_keys_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint widget_keys_label_length check (char_length(label) between 1 and 80 and label = btrim(label)),
  constraint widget_keys_key_format check (key ~ '^wk_[A-Za-z0-9_-]{8,64}$'),
  constraint widget_keys_allowed_origins_exact check (private.are_exact_origins(allowed_origins)),
  constraint widget_keys_rate_limit_range check (rate_limit_per_minute between 1 and 100000),
  constraint widget_keys_address_limit_range check (address_limit_per_minute between 1 and 100000)
);
comment on table public.widget_keys is 'Public keys of the embeddable widgets of a property: allowed origins, rate limits, revocation.';

create index widget_keys_organization_property_idx on public.widget_keys (organization_id, property_id);
create index widget_keys_property_idx on public.widget_keys (property_id);
create index widget_keys_created_by_idx on public.widget_keys (created_by);

alter table public.property_settings
  add column deposit_kind text not null default 'none',
  add column deposit_bps integer not null default 10000,
  add constraint property_settings_deposit_kind check (deposit_kind in ('none', 'first_night', 'percentage', 'full')),
  add constraint property_settings_deposit_bps_range check (deposit_bps between 0 and 10000);
comment on column public.property_settings.deposit_kind is 'Paid online when a guest confirms through a widget: none, the first night, a percentage (deposit_bps) or the full total.';

-- A widget's hold: only the SHA-256 of the token the guest's browser holds.
create table private.widget_holds (
  booking_id uuid primary key references public.bookings (id) on delete cascade,
  widget_key_id uuid not null references public.widget_keys (id) on delete cascade,
  token_hash bytea not null,
  -- The idempotency key of the first confirmation, and the guest it named.
  confirm_idempotency_key text,
  created_at timestamptz not null default now(),
  constraint widget_holds_token_hash_key unique (token_hash),
  constraint widget_holds_token_hash_length check (octet_length(token_hash) = 32),
  constraint widget_holds_confirm_key_length check (confirm_idempotency_key is null or char_length(confirm_idempotency_key) between 1 and 200)
);
create index widget_holds_widget_key_idx on private.widget_holds (widget_key_id);

-- The installation's secret from which hold tokens are derived (HMAC of the booking): a replayed
-- hold request answers the same token without the token ever being stored.
create table private.widget_secrets (
  id boolean primary key default true check (id),
  hold_secret bytea not null default extensions.gen_random_bytes(32)
);
insert into private.widget_secrets default values;

create table private.widget_rate_windows (
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null default 1,
  primary key (bucket, window_start)
);

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- A key's property, organization, value and author are fixed; a revoked key stays revoked.
create function private.guard_widget_key()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.revoked_at := null;
    new.created_at := now();
    return new;
  end if;
  if new.property_id <> old.property_id or new.key <> old.key or new.created_by is distinct from old.created_by then
    perform private.raise_error('widget_key_fixed_field', 'A key''s property, value and author cannot change.', '22023');
  end if;
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    perform private.raise_error('widget_key_revoked', 'A revoked key stays revoked; create a new one.', 'P0001');
  end if;
  return new;
end;
$$;

create trigger widget_keys_guard before insert or update on public.widget_keys
  for each row execute function private.guard_widget_key();
create trigger widget_keys_touch_updated_at before update on public.widget_keys
  for each row execute function private.touch_updated_at();
create trigger widget_keys_organization_immutable before update on public.widget_keys
  for each row execute function private.forbid_organization_change();
create trigger widget_keys_audit after insert or update or delete on public.widget_keys
  for each row execute function private.record_audit('organization_id');

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.widget_keys enable row level security;

create policy "members can read widget keys of properties they work in" on public.widget_keys
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "admins can create widget keys" on public.widget_keys
  for insert to authenticated
  with check (organization_id in (select private.orgs_with_role('admin')));
create policy "admins can change widget keys" on public.widget_keys
  for update to authenticated
  using (organization_id in (select private.orgs_with_role('admin')))
  with check (organization_id in (select private.orgs_with_role('admin')));

-- ============================================================================================
-- The property's settings with the deposit defaults (keep in step with the column defaults)
-- ============================================================================================

create or replace function private.property_settings_of(p_property_id uuid)
returns public.property_settings
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_settings public.property_settings;
begin
  select * into v_settings from public.property_settings s where s.property_id = p_property_id;
  if v_settings.id is null then
    v_settings := jsonb_populate_record(null::public.property_settings, jsonb_build_object(
      'property_id', p_property_id, 'check_in_time', '15:00', 'check_out_time', '11:00',
      'slot_turn_minutes', 15, 'min_notice_minutes', 0, 'booking_window_days', 365, 'hold_minutes', 15,
      'free_cancellation_hours', 48, 'cancellation_fee_kind', 'first_night', 'cancellation_fee_bps', 10000,
      'deposit_kind', 'none', 'deposit_bps', 10000));
  end if;
  return v_settings;
end;
$$;

-- The deposit due online for a price breakdown (private.quote's shape) under the settings:
-- the first night (its line, no taxes, never above the total), a percentage of the total (half
-- up, rule R6's rounding) or the total.
create function private.deposit_due(p_settings public.property_settings, p_breakdown jsonb)
returns bigint
language sql
immutable
set search_path = ''
as $$
  select case p_settings.deposit_kind
    when 'first_night' then least(coalesce((p_breakdown -> 'lines' -> 0 ->> 'amount_minor')::bigint, 0),
      (p_breakdown ->> 'total_minor')::bigint)
    when 'percentage' then round((p_breakdown ->> 'total_minor')::numeric * p_settings.deposit_bps / 10000)::bigint
    when 'full' then (p_breakdown ->> 'total_minor')::bigint
    else 0::bigint
  end;
$$;

-- ============================================================================================
-- Rate limiter
-- ============================================================================================

-- Counts one request of a client address through a key and says whether it may go on:
-- {status: 'ok'|'unknown_key'|'revoked'|'rate_limited', retry_after (seconds, 0 when ok),
--  key_id, property_id, allowed_origins}. Fixed one-minute windows: the key's own limit and the
-- address's limit through that key; an unknown key is counted against the address alone (at
-- the default address limit), so guessing keys is throttled too. Runs as the caller of the edge
-- function's connection, never as anon: it is not part of the Data API.
create function private.widget_admit(p_key text, p_address text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_window timestamptz := date_trunc('minute', now());
  v_retry integer := greatest(1, ceil(extract(epoch from (v_window + interval '1 minute' - now())))::integer);
  v_key public.widget_keys;
  v_address text := left(coalesce(nullif(btrim(p_address), ''), 'unknown'), 64);
  v_key_hits integer;
  v_address_hits integer;
begin
  if p_key ~ '^wk_[A-Za-z0-9_-]{8,64}$' then
    select * into v_key from public.widget_keys k where k.key = p_key;
  end if;
  insert into private.widget_rate_windows as w (bucket, window_start)
  values ('address:' || coalesce(v_key.id::text, 'none') || ':' || v_address, v_window)
  on conflict (bucket, window_start) do update set hits = w.hits + 1
  returning w.hits into v_address_hits;
  -- Now and then, forget windows that ended (a minute ago or more).
  if random() < 0.01 then
    delete from private.widget_rate_windows w where w.window_start < v_window - interval '1 minute';
  end if;
  if v_key.id is null then
    return jsonb_build_object('status', case when v_address_hits > 120 then 'rate_limited' else 'unknown_key' end,
      'retry_after', case when v_address_hits > 120 then v_retry else 0 end);
  end if;
  if v_address_hits > v_key.address_limit_per_minute then
    return jsonb_build_object('status', 'rate_limited', 'retry_after', v_retry);
  end if;
  insert into private.widget_rate_windows as w (bucket, window_start)
  values ('key:' || v_key.id::text, v_window)
  on conflict (bucket, window_start) do update set hits = w.hits + 1
  returning w.hits into v_key_hits;
  if v_key_hits > v_key.rate_limit_per_minute then
    return jsonb_build_object('status', 'rate_limited', 'retry_after', v_retry);
  end if;
  return jsonb_build_object(
    'status', case when v_key.revoked_at is null then 'ok' else 'revoked' end, 'retry_after', 0,
    'key_id', v_key.id, 'property_id', v_key.property_id, 'allowed_origins', to_jsonb(v_key.allowed_origins));
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.widget_keys from anon, authenticated;
grant select on table public.widget_keys to authenticated;
grant insert (organization_id, property_id, label, allowed_origins, rate_limit_per_minute, address_limit_per_minute)
  on table public.widget_keys to authenticated;
grant update (label, allowed_origins, rate_limit_per_minute, address_limit_per_minute, revoked_at)
  on table public.widget_keys to authenticated;
grant select, insert, update, delete on table public.widget_keys to service_role;

revoke all on table private.widget_holds, private.widget_secrets, private.widget_rate_windows
  from public, anon, authenticated;

revoke execute on function
  private.new_widget_key(),
  private.are_exact_origins(text[]),
  private.guard_widget_key(),
  private.deposit_due(public.property_settings, jsonb),
  private.widget_admit(text, text)
from public, anon, authenticated;
-- The key default runs as whoever inserts (an admin through RLS) and the check as anyone who writes.
grant execute on function private.new_widget_key(), private.are_exact_origins(text[]) to authenticated, service_role;
grant execute on function private.widget_admit(text, text) to service_role;
