-- Tenant offboarding (issue 18, item 3; docs/decisions/038-retention-and-offboarding.md).
--
-- Export: an owner asks for the whole organization as a zip (public.request_organization_export):
-- a row in public.organization_exports and a pg-boss job in the same transaction; the worker
-- (gpu-worker/src/retention/export.ts) writes every row that belongs to the organization (found
-- through the catalogue: organization_id columns, then foreign keys) and every stored object
-- under its folders into `organization-exports/<org>/<export id>.zip`, updating progress. Owners
-- read (download) their organization's exports; nobody else.
--
-- Deletion: an owner requests it by typing the organization's slug
-- (public.request_organization_deletion). The organization stays usable but flagged for 30 days
-- (the grace period), during which an owner may cancel (public.cancel_organization_deletion).
-- After it, the scheduled deletion (gpu-worker/src/retention/deletion.ts) starts it
-- (private.begin_organization_deletion: from then on it cannot be cancelled), deletes its stored
-- objects through the Storage API, then private.delete_organization deletes the organization
-- (cascade), sweeps every table with an organization_id column, keeps a single audit row of the
-- deletion and records it in private.organization_deletions. Irreversible.

-- ============================================================================================
-- Bucket
-- ============================================================================================

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('organization-exports', 'organization-exports', false, 1024 * 1024 * 1024, array['application/zip'])
on conflict (id) do nothing;

create policy "owners read their organization's exports" on storage.objects
  for select to authenticated
  using (bucket_id = 'organization-exports' and private.path_id(name, 1) in (select private.orgs_with_role('owner')));

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.organization_exports (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  requested_by uuid references auth.users (id) on delete set null,
  status text not null default 'queued',
  progress smallint not null default 0,
  -- The zip in the organization-exports bucket, once written.
  object_name text,
  size_bytes bigint,
  rows_exported integer,
  objects_exported integer,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  constraint organization_exports_status_valid check (status in ('queued', 'running', 'succeeded', 'failed')),
  constraint organization_exports_progress_range check (progress between 0 and 100),
  constraint organization_exports_object_when_succeeded check ((status = 'succeeded') = (object_name is not null)),
  constraint organization_exports_object_name_format
    check (object_name is null or object_name = organization_id::text || '/' || id::text || '.zip'),
  constraint organization_exports_finished_when_final
    check ((finished_at is not null) = (status in ('succeeded', 'failed'))),
  constraint organization_exports_error_length check (error is null or char_length(error) <= 2000)
);
comment on table public.organization_exports is 'Exports of a whole organization (every row and stored object) as a zip.';

create table public.organization_deletion_requests (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  requested_by uuid references auth.users (id) on delete set null,
  requested_at timestamptz not null default now(),
  -- The end of the grace period: from then on the scheduled deletion deletes the organization.
  delete_after timestamptz not null,
  cancelled_at timestamptz,
  cancelled_by uuid references auth.users (id) on delete set null,
  -- Set by the scheduled deletion when it starts: no cancelling after this.
  started_at timestamptz,
  created_at timestamptz not null default now(),
  constraint organization_deletion_requests_grace check (delete_after > requested_at),
  constraint organization_deletion_requests_cancel_or_start check (cancelled_at is null or started_at is null)
);
comment on table public.organization_deletion_requests is
  'An owner''s request to delete the organization after a grace period; cancellable until it starts.';

-- What was deleted, kept after the organization is gone (no foreign key).
create table private.organization_deletions (
  organization_id uuid primary key,
  slug text not null,
  name text not null,
  requested_by uuid,
  requested_at timestamptz not null,
  deleted_at timestamptz not null default now(),
  rows_deleted integer not null,
  objects_deleted integer not null
);
comment on table private.organization_deletions is 'Organizations deleted after their grace period: the record that outlives them.';

create index organization_exports_organization_idx on public.organization_exports (organization_id, created_at desc);
create index organization_exports_requested_by_idx on public.organization_exports (requested_by);
create unique index organization_deletion_requests_open_key
  on public.organization_deletion_requests (organization_id) where cancelled_at is null;
create index organization_deletion_requests_organization_idx on public.organization_deletion_requests (organization_id, requested_at desc);
create index organization_deletion_requests_requested_by_idx on public.organization_deletion_requests (requested_by);
create index organization_deletion_requests_cancelled_by_idx on public.organization_deletion_requests (cancelled_by);
create index organization_deletion_requests_due_idx on public.organization_deletion_requests (delete_after)
  where cancelled_at is null;

create trigger organization_exports_organization_immutable before update on public.organization_exports
  for each row execute function private.forbid_organization_change();
create trigger organization_exports_audit after insert or update or delete on public.organization_exports
  for each row execute function private.record_audit('organization_id');
create trigger organization_deletion_requests_organization_immutable before update on public.organization_deletion_requests
  for each row execute function private.forbid_organization_change();
create trigger organization_deletion_requests_audit after insert or update or delete on public.organization_deletion_requests
  for each row execute function private.record_audit('organization_id');

-- ============================================================================================
-- Policies and grants
-- ============================================================================================

alter table public.organization_exports enable row level security;
alter table public.organization_deletion_requests enable row level security;

create policy "owners read their organization's exports" on public.organization_exports
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('owner')));
-- Every member sees that the organization is going to be deleted (the flag).
create policy "members read their organization's deletion requests" on public.organization_deletion_requests
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('viewer')));

revoke all on table public.organization_exports, public.organization_deletion_requests from anon, authenticated;
revoke all on table private.organization_deletions from public, anon, authenticated;
grant select on table public.organization_exports, public.organization_deletion_requests to authenticated;
grant select on table public.organization_exports, public.organization_deletion_requests to service_role;

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- Queues an export of the whole organization (owners). One at a time.
create function public.request_organization_export(p_organization_id uuid)
returns public.organization_exports
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_export public.organization_exports;
begin
  perform private.require_org_role(p_organization_id, 'owner');
  perform pg_advisory_xact_lock(hashtextextended('organization_export:' || p_organization_id::text, 0));
  if exists (
    select 1 from public.organization_exports e
    where e.organization_id = p_organization_id and e.status in ('queued', 'running')
  ) then
    perform private.raise_error('export_in_progress', 'An export of this organization is already being prepared.', 'P0001');
  end if;
  insert into public.organization_exports (organization_id, requested_by)
  values (p_organization_id, auth.uid())
  returning * into v_export;
  perform private.enqueue_queue_job('organization_export', jsonb_build_object(
    'id', v_export.id,
    'data', jsonb_build_object('exportId', v_export.id, 'organizationId', p_organization_id)));
  return v_export;
end;
$$;

-- Requests the deletion of the organization (owners), confirmed by typing its slug. It happens
-- after a grace period of 30 days unless an owner cancels it.
create function public.request_organization_deletion(p_organization_id uuid, p_confirmation text)
returns public.organization_deletion_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_slug text;
  v_request public.organization_deletion_requests;
begin
  perform private.require_org_role(p_organization_id, 'owner');
  select o.slug into v_slug from public.organizations o where o.id = p_organization_id for update;
  perform private.check_input(btrim(coalesce(p_confirmation, '')) = v_slug, 'confirmation_mismatch',
    'Type the organization''s short name exactly to confirm.');
  if exists (
    select 1 from public.organization_deletion_requests r
    where r.organization_id = p_organization_id and r.cancelled_at is null
  ) then
    perform private.raise_error('deletion_already_requested', 'The deletion of this organization is already requested.', 'P0001');
  end if;
  insert into public.organization_deletion_requests (organization_id, requested_by, delete_after)
  values (p_organization_id, auth.uid(), now() + interval '30 days')
  returning * into v_request;
  return v_request;
end;
$$;

-- Cancels the organization's pending deletion (owners), until the deletion has started; returns
-- the cancelled request, or null when none was pending.
create function public.cancel_organization_deletion(p_organization_id uuid)
returns public.organization_deletion_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_request public.organization_deletion_requests;
begin
  perform private.require_org_role(p_organization_id, 'owner');
  select * into v_request from public.organization_deletion_requests r
  where r.organization_id = p_organization_id and r.cancelled_at is null
  for update;
  -- Nothing pending is what cancelling asks for: no error (a second click, another owner first).
  if v_request.id is null then
    return null;
  end if;
  if v_request.started_at is not null then
    perform private.raise_error('deletion_in_progress', 'The deletion has started and cannot be cancelled.', 'P0001');
  end if;
  update public.organization_deletion_requests
  set cancelled_at = now(), cancelled_by = auth.uid()
  where id = v_request.id
  returning * into v_request;
  return v_request;
end;
$$;

revoke execute on function
  public.request_organization_export(uuid),
  public.request_organization_deletion(uuid, text),
  public.cancel_organization_deletion(uuid)
  from public, anon;
grant execute on function
  public.request_organization_export(uuid),
  public.request_organization_deletion(uuid, text),
  public.cancel_organization_deletion(uuid)
  to authenticated;

-- ============================================================================================
-- The worker's side
-- ============================================================================================

-- Organizations whose grace period is over (p_now), oldest request first.
create function private.due_organization_deletions(p_now timestamptz default now())
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select r.organization_id from public.organization_deletion_requests r
  where r.cancelled_at is null and r.delete_after <= p_now
  order by r.delete_after;
$$;

-- Starts a due deletion: from now on it cannot be cancelled. False when it is not due (cancelled
-- meanwhile, or not yet).
create function private.begin_organization_deletion(p_organization_id uuid, p_now timestamptz default now())
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.organization_deletion_requests r
  set started_at = coalesce(r.started_at, p_now)
  where r.organization_id = p_organization_id and r.cancelled_at is null and r.delete_after <= p_now;
  return found;
end;
$$;

-- Every stored object under the organization's folders, in any bucket (paths start with its id).
create function private.organization_objects(p_organization_id uuid)
returns table (bucket text, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select o.bucket_id, o.name from storage.objects o
  where o.name like p_organization_id::text || '/%'
  order by o.bucket_id, o.name;
$$;

-- Deletes a started deletion's organization: the organization row (its tenant rows cascade), then
-- any row left in a table with an organization_id column (tables without a foreign key, such as
-- the audit log); keeps one audit row of the deletion (the organization's own) and the record in
-- private.organization_deletions. Returns the number of rows deleted.
create function private.delete_organization(p_organization_id uuid, p_objects_deleted integer)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_org public.organizations;
  v_request public.organization_deletion_requests;
  v_table record;
  v_count integer;
  v_rows integer := 0;
begin
  select * into v_org from public.organizations o where o.id = p_organization_id for update;
  if v_org.id is null then
    return 0;
  end if;
  select * into v_request from public.organization_deletion_requests r
  where r.organization_id = p_organization_id and r.cancelled_at is null and r.started_at is not null;
  if v_request.id is null then
    perform private.raise_error('deletion_not_started', 'This organization''s deletion has not started.', 'P0001');
  end if;
  -- Rows of the organization everywhere, counted before the cascade (the audit log apart).
  for v_table in
    select n.nspname as schema_name, c.relname as table_name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
    where c.relkind in ('r', 'p') and n.nspname in ('public', 'private')
      and not (n.nspname = 'public' and c.relname = 'audit_log')
      and not (n.nspname = 'private' and c.relname = 'organization_deletions')
  loop
    execute format('select count(*) from %I.%I where organization_id = $1', v_table.schema_name, v_table.table_name)
      into v_count using p_organization_id;
    v_rows := v_rows + v_count;
  end loop;
  delete from public.organizations o where o.id = p_organization_id;
  v_rows := v_rows + 1;
  for v_table in
    select n.nspname as schema_name, c.relname as table_name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
    where c.relkind in ('r', 'p') and n.nspname in ('public', 'private')
      and not (n.nspname = 'public' and c.relname = 'audit_log')
      and not (n.nspname = 'private' and c.relname = 'organization_deletions')
  loop
    execute format('delete from %I.%I where organization_id = $1', v_table.schema_name, v_table.table_name)
      using p_organization_id;
  end loop;
  -- The log of the organization's rows goes with them (it holds their data); one row remains:
  -- the organization's deletion.
  delete from public.audit_log l
  where l.organization_id = p_organization_id
    and not (l.table_schema = 'public' and l.table_name = 'organizations' and l.action = 'delete'
             and l.created_at = now());
  insert into private.organization_deletions
    (organization_id, slug, name, requested_by, requested_at, rows_deleted, objects_deleted)
  values (v_org.id, v_org.slug, v_org.name, v_request.requested_by, v_request.requested_at, v_rows,
    coalesce(p_objects_deleted, 0));
  return v_rows;
end;
$$;

revoke execute on function
  private.due_organization_deletions(timestamptz),
  private.begin_organization_deletion(uuid, timestamptz),
  private.organization_objects(uuid),
  private.delete_organization(uuid, integer)
  from public, anon, authenticated;

-- Queues: exports on request; the scheduled deletion sweep (gpu-worker/src/retention).
select pgboss.create_queue('organization_export', '{"policy": "standard", "retryLimit": 2, "retryDelay": 30, "expireInSeconds": 3600}'::jsonb);
select pgboss.create_queue('organization_deletion', '{"policy": "singleton", "retryLimit": 0, "expireInSeconds": 3600}'::jsonb);
