-- Audit log: one row for every insert, update and delete on a tenant table, written by a trigger
-- so no code path can skip it. Admins and owners read their organization's log; nobody edits it.
-- A later migration that adds a tenant table attaches `private.record_audit()` to it (the
-- catalogue test in supabase/tests fails until it does).

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.audit_log (
  id bigint generated always as identity primary key,
  -- No foreign key: the log outlives the rows, and the deletion of an organization is logged too.
  organization_id uuid not null,
  actor_id uuid,
  -- The request's database role (authenticated, service_role, postgres): who acted, not their
  -- role in the organization, which memberships' own log rows tell.
  actor_role text not null,
  table_schema text not null,
  table_name text not null,
  row_id text not null,
  action text not null,
  old_data jsonb,
  new_data jsonb,
  created_at timestamptz not null default now(),
  constraint audit_log_action_valid check (action in ('insert', 'update', 'delete'))
);
comment on table public.audit_log is 'Every change to tenant rows: who, what, when, before and after.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index audit_log_organization_id_created_at_idx on public.audit_log (organization_id, created_at desc);

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- Argument 1: the column holding the organization id. Further arguments: columns never copied
-- into the log (secrets such as token hashes). The audited table needs an `id` column.
create function private.record_audit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  v_new jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_hidden text[] := tg_argv[1:];
begin
  if tg_op = 'UPDATE' and v_old = v_new then
    return null;
  end if;
  insert into public.audit_log (organization_id, actor_id, actor_role, table_schema, table_name, row_id, action, old_data, new_data)
  values (
    (v_row ->> tg_argv[0])::uuid,
    auth.uid(),
    coalesce(auth.role(), current_user),
    tg_table_schema,
    tg_table_name,
    v_row ->> 'id',
    lower(tg_op),
    v_old - v_hidden,
    v_new - v_hidden
  );
  return null;
end;
$$;

create trigger organizations_audit after insert or update or delete on public.organizations
  for each row execute function private.record_audit('id');
create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.record_audit('organization_id');
create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function private.record_audit('organization_id', 'token_hash');
create trigger properties_audit after insert or update or delete on public.properties
  for each row execute function private.record_audit('organization_id');
create trigger member_property_access_audit after insert or update or delete on public.member_property_access
  for each row execute function private.record_audit('organization_id');

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.audit_log enable row level security;

create policy "admins can read their organization's audit log" on public.audit_log
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('admin')));

-- ============================================================================================
-- Grants
-- ============================================================================================

-- Append-only for everyone, the service role included: only the trigger writes.
revoke all on table public.audit_log from anon, authenticated, service_role;
grant select on table public.audit_log to authenticated, service_role;
revoke execute on function private.record_audit() from public, anon, authenticated;
