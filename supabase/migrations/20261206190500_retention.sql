-- Retention (issue 18, item 2; docs/decisions/038-retention-and-offboarding.md).
--
-- Every organization has one row of retention policies, created with safe defaults when the
-- organization is created (and for those that already exist):
-- - id_scan_days (30, 1…365): identity documents captured at check-in, the scans of ID documents
--   kept in the documents bucket (properties with id_document_retention = mrz_fields_and_scan) and
--   the MRZ fields in OCR job results go this many days after the capture/upload. A row's own
--   delete_after (check-out + 30 days, decision 025) still applies when it comes first.
-- - inactive_guest_years (3, 1…10): a guest profile with no activity (profile change, stay, order)
--   for this many years is anonymised: a GDPR erasure request is queued for it (decision 037).
-- - mail_body_days (90, 7…730): bodies and attachments of sent or failed mail about the
--   organization (tags naming it, one of its properties or bookings) are purged; the delivery
--   record (recipient, subject, status) stays.
-- - notification_days (180, 7…730): in-app notifications of its properties and its outgoing
--   webhook deliveries and events older than this are deleted.
-- Members read the policies; owners and admins change them (columns only, ranges by constraint).
--
-- The worker runs the policies (gpu-worker/src/retention, a scheduled pg-boss job): for each
-- organization and policy it calls private.apply_retention (rows) and deletes the due stored
-- objects through the Storage API (private.retention_due_objects lists them), then logs the run in
-- public.retention_runs (admins read it; nobody else writes it).

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.retention_policies (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  id_scan_days integer not null default 30,
  inactive_guest_years integer not null default 3,
  mail_body_days integer not null default 90,
  notification_days integer not null default 180,
  updated_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint retention_policies_organization_key unique (organization_id),
  constraint retention_policies_id_scan_days_range check (id_scan_days between 1 and 365),
  constraint retention_policies_inactive_guest_years_range check (inactive_guest_years between 1 and 10),
  constraint retention_policies_mail_body_days_range check (mail_body_days between 7 and 730),
  constraint retention_policies_notification_days_range check (notification_days between 7 and 730)
);
comment on table public.retention_policies is
  'How long an organization keeps ID documents, inactive guests, mail bodies and notifications.';

create table public.retention_runs (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  policy text not null,
  -- The policy's setting for this run (days, or years for inactive_guests) and what it meant.
  setting integer not null,
  cutoff timestamptz not null,
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  status text not null,
  rows_deleted integer not null default 0,
  rows_anonymised integer not null default 0,
  objects_deleted integer not null default 0,
  error text,
  created_at timestamptz not null default now(),
  constraint retention_runs_policy_valid
    check (policy in ('id_scans', 'inactive_guests', 'mail_bodies', 'notifications')),
  constraint retention_runs_status_valid check (status in ('succeeded', 'failed')),
  constraint retention_runs_error_when_failed check ((status = 'failed') = (error is not null)),
  constraint retention_runs_error_length check (error is null or char_length(error) <= 2000),
  constraint retention_runs_counts_nonnegative
    check (rows_deleted >= 0 and rows_anonymised >= 0 and objects_deleted >= 0),
  constraint retention_runs_finished_after_start check (finished_at >= started_at)
);
comment on table public.retention_runs is 'One row per retention policy run for an organization, with what it removed.';

create index retention_runs_organization_idx on public.retention_runs (organization_id, started_at desc);
create index retention_policies_updated_by_idx on public.retention_policies (updated_by);

-- ============================================================================================
-- Triggers
-- ============================================================================================

create function private.create_retention_policies()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.retention_policies (organization_id) values (new.id) on conflict (organization_id) do nothing;
  return null;
end;
$$;

create trigger organizations_retention_policies after insert on public.organizations
  for each row execute function private.create_retention_policies();

-- A change is an admin-level write: the organization's MFA requirement applies (decision 021).
create function private.stamp_retention_policies()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if row(new.*) is distinct from row(old.*) then
    perform private.require_admin_mfa(new.organization_id);
    new.updated_at := now();
    new.updated_by := coalesce(auth.uid(), old.updated_by);
  end if;
  return new;
end;
$$;

create trigger retention_policies_stamp before update on public.retention_policies
  for each row execute function private.stamp_retention_policies();
create trigger retention_policies_organization_immutable before update on public.retention_policies
  for each row execute function private.forbid_organization_change();
create trigger retention_policies_audit after insert or update or delete on public.retention_policies
  for each row execute function private.record_audit('organization_id');
create trigger retention_runs_organization_immutable before update on public.retention_runs
  for each row execute function private.forbid_organization_change();
create trigger retention_runs_audit after insert or update or delete on public.retention_runs
  for each row execute function private.record_audit('organization_id');

insert into public.retention_policies (organization_id) select id from public.organizations on conflict do nothing;

-- ============================================================================================
-- Policies and grants
-- ============================================================================================

alter table public.retention_policies enable row level security;
alter table public.retention_runs enable row level security;

create policy "members read their organization's retention policies" on public.retention_policies
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('viewer')));
create policy "admins change their organization's retention policies" on public.retention_policies
  for update to authenticated
  using (organization_id in (select private.orgs_with_role('admin')))
  with check (organization_id in (select private.orgs_with_role('admin')));
create policy "admins read their organization's retention runs" on public.retention_runs
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('admin')));

revoke all on table public.retention_policies, public.retention_runs from anon, authenticated;
grant select on table public.retention_policies, public.retention_runs to authenticated;
grant update (id_scan_days, inactive_guest_years, mail_body_days, notification_days)
  on table public.retention_policies to authenticated;
grant select, insert, update, delete on table public.retention_policies, public.retention_runs to service_role;

-- ============================================================================================
-- What is due
-- ============================================================================================

-- The instant before which a policy's data is due, for the organization at p_now.
create function private.retention_cutoff(p_organization_id uuid, p_policy text, p_now timestamptz)
returns table (setting integer, cutoff timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select s.setting,
    case when p_policy = 'inactive_guests' then p_now - make_interval(years => s.setting)
         else p_now - make_interval(days => s.setting) end
  from public.retention_policies p
  cross join lateral (
    select case p_policy
      when 'id_scans' then p.id_scan_days
      when 'inactive_guests' then p.inactive_guest_years
      when 'mail_bodies' then p.mail_body_days
      when 'notifications' then p.notification_days
    end as setting
  ) s
  where p.organization_id = p_organization_id and s.setting is not null;
$$;

-- Stored objects due under a policy: for id_scans, the scans in the organization's ID document
-- inboxes (`documents/<org>/<property>/inbox/id-documents/…`) uploaded before the cutoff.
create function private.retention_due_objects(p_organization_id uuid, p_policy text, p_now timestamptz)
returns table (bucket text, name text, version text)
language sql
stable
security definer
set search_path = ''
as $$
  select o.bucket_id, o.name, o.version
  from storage.objects o, private.retention_cutoff(p_organization_id, p_policy, p_now) c
  where p_policy = 'id_scans'
    and o.bucket_id = 'documents'
    and o.name like p_organization_id::text || '/%/inbox/id-documents/%'
    and private.path_id(o.name, 1) = p_organization_id
    and o.created_at < c.cutoff
  order by o.name;
$$;

-- ============================================================================================
-- Applying a policy (rows)
-- ============================================================================================

-- Applies one policy's row changes for the organization as of p_now and returns what it did:
-- {setting, cutoff, rows_deleted, rows_anonymised}. Stored objects are the worker's part.
create function private.apply_retention(p_organization_id uuid, p_policy text, p_now timestamptz default now())
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_setting integer;
  v_cutoff timestamptz;
  v_deleted integer := 0;
  v_anonymised integer := 0;
  v_count integer;
  v_guest uuid;
begin
  select c.setting, c.cutoff into v_setting, v_cutoff from private.retention_cutoff(p_organization_id, p_policy, p_now) c;
  if v_setting is null then
    perform private.raise_error('invalid_retention_policy', 'No such retention policy or organization.', '22023');
  end if;

  if p_policy = 'id_scans' then
    delete from public.guest_identity_documents d
    where d.organization_id = p_organization_id and (d.created_at < v_cutoff or d.delete_after <= p_now);
    get diagnostics v_deleted = row_count;
    -- The MRZ fields the OCR job read from the scan (decision 025).
    update public.jobs j set result = null
    where j.organization_id = p_organization_id and j.kind = 'ocr_id_document' and j.result is not null
      and j.finished_at < v_cutoff;
    get diagnostics v_anonymised = row_count;

  elsif p_policy = 'inactive_guests' then
    -- Anonymised by the GDPR erasure (migration 20261206190400, decision 037): one erasure
    -- request per guest, queued like an admin's (its worker deletes the stored documents, then
    -- private.erase_guest keeps the financial records under a pseudonym and sweeps the rest).
    for v_guest in
      select g.id from public.guests g
      where g.organization_id = p_organization_id
        and g.erased_at is null
        and g.updated_at < v_cutoff
        and not exists (
          select 1 from public.guest_data_requests q
          where q.guest_id = g.id and q.kind = 'erasure' and q.status in ('queued', 'running')
        )
        and not exists (
          select 1 from public.bookings b
          where b.guest_id = g.id and (upper(b.period) >= v_cutoff or b.updated_at >= v_cutoff)
        )
        and not exists (
          select 1 from public.orders o
          join public.bookings b on b.id = o.booking_id
          where b.guest_id = g.id and o.created_at >= v_cutoff
        )
      order by g.id
    loop
      insert into public.guest_data_requests (organization_id, guest_id, kind, channel)
      values (p_organization_id, v_guest, 'erasure', 'portal');
      v_anonymised := v_anonymised + 1;
    end loop;

  elsif p_policy = 'mail_bodies' then
    create temporary table if not exists pg_temp.retention_mail (id uuid primary key) on commit drop;
    truncate pg_temp.retention_mail;
    insert into pg_temp.retention_mail (id)
    select m.id from private.mail_outbox m
    where m.status <> 'queued' and m.created_at < v_cutoff
      and (m.html is not null or m.text <> '')
      and (
        m.tags ->> 'organization' = p_organization_id::text
        or exists (
          select 1 from public.properties p
          where p.organization_id = p_organization_id and p.id::text = m.tags ->> 'property')
        or exists (
          select 1 from public.bookings b
          where b.organization_id = p_organization_id and b.id::text = m.tags ->> 'booking')
      );
    update private.mail_outbox m set html = null, text = ''
    where m.id in (select id from pg_temp.retention_mail);
    get diagnostics v_anonymised = row_count;
    delete from private.mail_attachments a where a.outbox_id in (select id from pg_temp.retention_mail);
    update private.mailbox b set html = null, text = '', links = '{}'
    where b.outbox_id in (select id from pg_temp.retention_mail);

  elsif p_policy = 'notifications' then
    delete from public.notifications n
    using public.properties p
    where p.id = n.property_id and p.organization_id = p_organization_id and n.created_at < v_cutoff;
    get diagnostics v_count = row_count;
    v_deleted := v_count;
    delete from private.webhook_deliveries d
    where d.organization_id = p_organization_id and d.status <> 'queued' and d.created_at < v_cutoff;
    get diagnostics v_count = row_count;
    v_deleted := v_deleted + v_count;
    delete from private.webhook_events e
    where e.organization_id = p_organization_id and e.created_at < v_cutoff
      and not exists (select 1 from private.webhook_deliveries d where d.event_id = e.id);
    get diagnostics v_count = row_count;
    v_deleted := v_deleted + v_count;
  end if;

  return jsonb_build_object(
    'setting', v_setting, 'cutoff', v_cutoff, 'rows_deleted', v_deleted, 'rows_anonymised', v_anonymised);
end;
$$;

revoke execute on function
  private.create_retention_policies(),
  private.stamp_retention_policies(),
  private.retention_cutoff(uuid, text, timestamptz),
  private.retention_due_objects(uuid, text, timestamptz),
  private.apply_retention(uuid, text, timestamptz)
  from public, anon, authenticated;
grant execute on function
  private.retention_cutoff(uuid, text, timestamptz),
  private.retention_due_objects(uuid, text, timestamptz),
  private.apply_retention(uuid, text, timestamptz)
  to service_role;

-- The scheduled run's queue (pg-boss schedules it; gpu-worker/src/retention). No retries of a
-- failed run: the next scheduled one does the same work.
select pgboss.create_queue('retention_run', '{"policy": "singleton", "retryLimit": 0, "expireInSeconds": 3600}'::jsonb);
