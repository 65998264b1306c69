-- Tenancy: organizations, memberships with ordered roles, invitations, profiles, properties and
-- member-to-property restrictions. RLS is the tenant boundary; writes that carry rules (roles,
-- ownership, invitations) go through the RPCs at the end, never through direct table grants.
--
-- Errors raised here carry a stable snake_case code as MESSAGE, a sentence as DETAIL and a
-- SQLSTATE of its class: 22023 bad input, 42501 not allowed, P0002 not found, 23505 conflict,
-- P0001 a business rule (see docs/decisions/003-error-codes.md).

create extension if not exists pgcrypto with schema extensions;
create extension if not exists citext with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;
-- Functions are executable by PUBLIC by default; nothing in private is, unless granted below.
alter default privileges in schema private revoke execute on functions from public;

-- ============================================================================================
-- Types
-- ============================================================================================

-- Declared from least to most privileged: enum order makes `role >= 'manager'` meaningful.
create type public.org_role as enum ('viewer', 'staff', 'manager', 'admin', 'owner');
create type public.property_kind as enum ('hotel', 'restaurant', 'venue', 'other');

-- ============================================================================================
-- Validation helpers (used by check constraints, so they come before the tables)
-- ============================================================================================

-- IANA Area/Location names (and UTC) known to the server when this migration ran; not aliases
-- such as localtime, posixrules or Factory, nor POSIX offsets. A table, because reading
-- pg_timezone_names walks every zone file (tens of milliseconds a call) and check constraints
-- call this on every write.
create table private.time_zones (name text primary key);
insert into private.time_zones (name)
select name from pg_catalog.pg_timezone_names
where name = 'UTC'
   or name ~ '^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z0-9_+/-]+$';
revoke all on table private.time_zones from public;

create function private.is_time_zone(p_time_zone text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select 1 from private.time_zones z where z.name = p_time_zone);
end;
$$;

create function private.is_email(p_email text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(p_email) <= 254;
$$;

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null,
  name text not null,
  time_zone text not null default 'UTC',
  currency text not null default 'EUR',
  locale text not null default 'en',
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint organizations_slug_key unique (slug),
  constraint organizations_slug_format check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$'),
  constraint organizations_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint organizations_time_zone_valid check (private.is_time_zone(time_zone)),
  constraint organizations_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint organizations_locale_format check (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$')
);
comment on table public.organizations is 'A tenant: a business that runs one or more properties.';

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.org_role not null,
  -- false: the member works only in the properties listed in member_property_access.
  -- Admins and owners always reach every property, whatever this says.
  all_properties boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint memberships_organization_user_key unique (organization_id, user_id)
);
comment on table public.memberships is 'A user''s role in an organization.';

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  email extensions.citext not null,
  role public.org_role not null,
  -- Only the SHA-256 of the token is kept; the token itself is shown once, to the inviter.
  token_hash bytea not null,
  invited_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint invitations_token_hash_key unique (token_hash),
  constraint invitations_token_hash_length check (octet_length(token_hash) = 32),
  constraint invitations_email_format check (private.is_email(email::text)),
  constraint invitations_accepted_by_needs_accepted_at check (accepted_by is null or accepted_at is not null),
  constraint invitations_closed_once check (accepted_at is null or revoked_at is null),
  constraint invitations_expiry_after_creation check (expires_at > created_at)
);
comment on table public.invitations is 'Pending, accepted or revoked invitations to join an organization.';

create table public.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text,
  avatar_path text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_display_name_length check (display_name is null or char_length(display_name) between 1 and 80),
  constraint profiles_avatar_path_length check (avatar_path is null or char_length(avatar_path) between 1 and 512)
);
comment on table public.profiles is 'Per-user public profile, visible to the user and to co-members.';

create table public.properties (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  kind public.property_kind not null default 'hotel',
  -- Filled from the organization when omitted (trigger below).
  time_zone text not null,
  currency text not null,
  address jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint properties_organization_id_id_key unique (organization_id, id),
  constraint properties_organization_name_key unique (organization_id, name),
  constraint properties_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint properties_time_zone_valid check (private.is_time_zone(time_zone)),
  constraint properties_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint properties_address_object check (jsonb_typeof(address) = 'object' and pg_column_size(address) <= 4096)
);
comment on table public.properties is 'A hotel, restaurant or venue run by an organization.';

create table public.member_property_access (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  user_id uuid not null,
  property_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint member_property_access_user_property_key unique (user_id, property_id),
  -- Composite keys: the member and the property must belong to the same organization.
  constraint member_property_access_membership_fkey foreign key (organization_id, user_id)
    references public.memberships (organization_id, user_id) on delete cascade,
  constraint member_property_access_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade
);
comment on table public.member_property_access is 'Properties a restricted member (all_properties = false) may work in.';

-- ============================================================================================
-- Indexes (every column a policy or helper filters on)
-- ============================================================================================

create index memberships_user_id_idx on public.memberships (user_id, organization_id) include (role, all_properties);
create index invitations_organization_id_idx on public.invitations (organization_id);
create unique index invitations_one_open_per_email on public.invitations (organization_id, email)
  where accepted_at is null and revoked_at is null;
create index member_property_access_membership_idx on public.member_property_access (organization_id, user_id);
create index member_property_access_property_idx on public.member_property_access (property_id, organization_id);
create index organizations_created_by_idx on public.organizations (created_by);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);

-- ============================================================================================
-- Triggers
-- ============================================================================================

create function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- A no-op update keeps its timestamp, so it changes nothing and the audit log skips it.
  if row(new.*) is distinct from row(old.*) then
    new.updated_at := now();
  end if;
  return new;
end;
$$;

-- A row never changes organization: moving data between tenants is not an edit.
create function private.forbid_organization_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.organization_id is distinct from old.organization_id then
    raise exception using errcode = '42501', message = 'organization_immutable',
      detail = format('%I rows cannot move to another organization.', tg_table_name);
  end if;
  return new;
end;
$$;

-- Every organization keeps at least one owner, however its memberships change.
create function private.ensure_organization_keeps_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.role = 'owner'
     and exists (select 1 from public.organizations o where o.id = old.organization_id)
     and not exists (
       select 1 from public.memberships m where m.organization_id = old.organization_id and m.role = 'owner'
     ) then
    raise exception using errcode = 'P0001', message = 'last_owner',
      detail = 'An organization must keep at least one owner; transfer ownership first.';
  end if;
  return null;
end;
$$;

-- An organization is born with an owner (checked at commit, after create_organization's two inserts).
create function private.ensure_organization_has_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if exists (select 1 from public.organizations o where o.id = new.id)
     and not exists (select 1 from public.memberships m where m.organization_id = new.id and m.role = 'owner') then
    raise exception using errcode = 'P0001', message = 'last_owner',
      detail = 'An organization must have an owner.';
  end if;
  return null;
end;
$$;

create function private.fill_property_defaults()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select coalesce(new.time_zone, o.time_zone), coalesce(new.currency, o.currency)
    into new.time_zone, new.currency
  from public.organizations o
  where o.id = new.organization_id;
  return new;
end;
$$;

-- Every new auth user gets a profile, named from sign-up metadata or the email's local part.
create function private.create_profile_for_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (user_id, display_name)
  values (
    new.id,
    nullif(left(btrim(coalesce(
      new.raw_user_meta_data ->> 'display_name',
      new.raw_user_meta_data ->> 'full_name',
      split_part(new.email, '@', 1),
      ''
    )), 80), '')
  )
  on conflict (user_id) do nothing;
  return new;
end;
$$;

create trigger organizations_touch_updated_at before update on public.organizations
  for each row execute function private.touch_updated_at();
create trigger memberships_touch_updated_at before update on public.memberships
  for each row execute function private.touch_updated_at();
create trigger invitations_touch_updated_at before update on public.invitations
  for each row execute function private.touch_updated_at();
create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function private.touch_updated_at();
create trigger properties_touch_updated_at before update on public.properties
  for each row execute function private.touch_updated_at();
create trigger member_property_access_touch_updated_at before update on public.member_property_access
  for each row execute function private.touch_updated_at();

create trigger memberships_organization_immutable before update on public.memberships
  for each row execute function private.forbid_organization_change();
create trigger invitations_organization_immutable before update on public.invitations
  for each row execute function private.forbid_organization_change();
create trigger properties_organization_immutable before update on public.properties
  for each row execute function private.forbid_organization_change();
create trigger member_property_access_organization_immutable before update on public.member_property_access
  for each row execute function private.forbid_organization_change();

create trigger memberships_keep_an_owner after update of role or delete on public.memberships
  for each row execute function private.ensure_organization_keeps_owner();
create constraint trigger organizations_start_with_owner after insert on public.organizations
  deferrable initially deferred
  for each row execute function private.ensure_organization_has_owner();

create trigger properties_fill_defaults before insert on public.properties
  for each row execute function private.fill_property_defaults();

create trigger on_auth_user_created_create_profile after insert on auth.users
  for each row execute function private.create_profile_for_user();

-- ============================================================================================
-- RLS helper functions: stable, security definer, empty search_path, about auth.uid() only.
-- plpgsql rather than sql: a security definer function is never inlined, and PostgreSQL plans
-- a non-inlined sql function's body on every call, while plpgsql keeps its plans per session.
-- ============================================================================================

-- The caller's role in an organization, or null.
create function private.org_role(p_organization_id uuid)
returns public.org_role
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select m.role from public.memberships m
    where m.organization_id = p_organization_id and m.user_id = auth.uid()
  );
end;
$$;

create function private.has_org_role(p_organization_id uuid, p_min_role public.org_role)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce(private.org_role(p_organization_id) >= p_min_role, false);
end;
$$;

-- Organizations where the caller holds at least p_min_role (policies: `organization_id in (select …)`).
create function private.orgs_with_role(p_min_role public.org_role)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select m.organization_id from public.memberships m
    where m.user_id = auth.uid() and m.role >= p_min_role;
end;
$$;

-- Organizations where the caller holds at least p_min_role over every property.
create function private.orgs_with_role_over_all_properties(p_min_role public.org_role)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select m.organization_id from public.memberships m
    where m.user_id = auth.uid() and m.role >= p_min_role
      and (m.all_properties or m.role >= 'admin');
end;
$$;

-- Properties listed for the caller where they are a restricted member with at least p_min_role.
-- Property-scoped policies combine the two small sets:
--   organization_id in (select private.orgs_with_role_over_all_properties(r))
--   or property_id in (select private.listed_properties(r))
create function private.listed_properties(p_min_role public.org_role)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select a.property_id
    from public.memberships m
    join public.member_property_access a on a.organization_id = m.organization_id and a.user_id = m.user_id
    where m.user_id = auth.uid() and m.role >= p_min_role
      and not (m.all_properties or m.role >= 'admin');
end;
$$;

-- Every property the caller may work in with at least p_min_role.
create function private.accessible_properties(p_min_role public.org_role)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select p.id from public.properties p
    where p.organization_id in (select private.orgs_with_role_over_all_properties(p_min_role))
    union
    select private.listed_properties(p_min_role);
end;
$$;

create function private.can_access_property(p_property_id uuid, p_min_role public.org_role default 'viewer')
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.properties p
    where p.id = p_property_id
      and (p.organization_id in (select private.orgs_with_role_over_all_properties(p_min_role))
           or p.id in (select private.listed_properties(p_min_role)))
  );
end;
$$;

-- Users who share at least one organization with the caller (the caller included).
create function private.co_members()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select auth.uid()
    union
    select other.user_id
    from public.memberships mine
    join public.memberships other on other.organization_id = mine.organization_id
    where mine.user_id = auth.uid();
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.organizations enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.profiles enable row level security;
alter table public.properties enable row level security;
alter table public.member_property_access enable row level security;

create policy "members can read their organizations" on public.organizations
  for select to authenticated
  using (id in (select private.orgs_with_role('viewer')));
create policy "admins can update their organizations" on public.organizations
  for update to authenticated
  using (id in (select private.orgs_with_role('admin')))
  with check (id in (select private.orgs_with_role('admin')));
create policy "owners can delete their organizations" on public.organizations
  for delete to authenticated
  using (id in (select private.orgs_with_role('owner')));

create policy "members can read their co-members" on public.memberships
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('viewer')));

create policy "admins can read invitations" on public.invitations
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('admin')));

create policy "users can read profiles of co-members" on public.profiles
  for select to authenticated
  using (user_id in (select private.co_members()));
create policy "users can update their own profile" on public.profiles
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- Unrestricted members by organization (so an insert's RETURNING sees the new row too),
-- restricted ones by their list.
create policy "members can read properties they work in" on public.properties
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or id in (select private.listed_properties('viewer'))
  );
create policy "unrestricted managers can create properties" on public.properties
  for insert to authenticated
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager')));
create policy "managers can update properties they work in" on public.properties
  for update to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or id in (select private.listed_properties('manager'))
  )
  with check (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or id in (select private.listed_properties('manager'))
  );
create policy "admins can delete properties" on public.properties
  for delete to authenticated
  using (organization_id in (select private.orgs_with_role('admin')));

create policy "admins and the member can read property restrictions" on public.member_property_access
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role('admin'))
    or user_id = (select auth.uid())
  );

-- ============================================================================================
-- RPC helpers
-- ============================================================================================

create function private.raise_error(p_code text, p_detail text, p_sqlstate text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  raise exception using errcode = p_sqlstate, message = p_code, detail = p_detail;
end;
$$;

-- Refuses bad input with a stable code (SQLSTATE 22023).
create function private.check_input(p_ok boolean, p_code text, p_detail text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  if p_ok is not true then
    perform private.raise_error(p_code, p_detail, '22023');
  end if;
end;
$$;

-- The signed-in, non-anonymous caller, or an error.
create function private.require_user()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
begin
  if v_user is null or coalesce((auth.jwt() ->> 'is_anonymous')::boolean, false) then
    perform private.raise_error('not_authenticated', 'Sign in with an account to do this.', '42501');
  end if;
  return v_user;
end;
$$;

-- The caller's role in the organization when it is at least p_min_role, or an error.
create function private.require_org_role(p_organization_id uuid, p_min_role public.org_role)
returns public.org_role
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_role public.org_role;
begin
  perform private.check_input(p_organization_id is not null, 'invalid_organization_id', 'Organization id is required.');
  perform private.require_user();
  v_role := private.org_role(p_organization_id);
  if v_role is null then
    perform private.raise_error('organization_not_found', 'No such organization, or you are not a member.', 'P0002');
  end if;
  if v_role < p_min_role then
    perform private.raise_error('insufficient_role', format('This needs the %s role or higher.', p_min_role), '42501');
  end if;
  return v_role;
end;
$$;

-- For a row of a property (a booking, an order, a folio): not found when the caller cannot see
-- the property (or there is no row: p_property_id null), insufficient_role below p_min_role there.
create function private.require_property_role(
  p_property_id uuid,
  p_min_role public.org_role,
  p_not_found_code text,
  p_not_found_detail text
)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_property_id is null or not private.can_access_property(p_property_id, 'viewer') then
    perform private.raise_error(p_not_found_code, p_not_found_detail, 'P0002');
  end if;
  if not private.can_access_property(p_property_id, p_min_role) then
    perform private.raise_error('insufficient_role', format('This needs the %s role or higher.', p_min_role), '42501');
  end if;
end;
$$;

create function private.parse_role(p_role text)
returns public.org_role
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform private.check_input(
    p_role is not null and p_role = any (enum_range(null::public.org_role)::text[]),
    'invalid_role',
    'Role must be one of owner, admin, manager, staff, viewer.'
  );
  return p_role::public.org_role;
end;
$$;

-- Only owners grant or revoke ownership; admins manage members below admin.
create function private.check_can_manage_role(p_actor_role public.org_role, p_target_role public.org_role)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  if p_actor_role <> 'owner' and p_target_role >= 'admin' then
    perform private.raise_error('insufficient_role', 'Only owners manage admins and owners.', '42501');
  end if;
end;
$$;

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

create function public.create_organization(
  p_name text,
  p_slug text,
  p_time_zone text default 'UTC',
  p_currency text default 'EUR',
  p_locale text default 'en'
)
returns public.organizations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_org public.organizations;
begin
  perform private.check_input(char_length(btrim(p_name)) between 1 and 120, 'invalid_name', 'Name must be 1 to 120 characters.');
  perform private.check_input(p_slug ~ '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$', 'invalid_slug',
    'Slug must be 1 to 48 lower-case letters, digits or inner hyphens.');
  perform private.check_input(private.is_time_zone(p_time_zone), 'invalid_time_zone', 'Time zone must be an IANA name such as Europe/Lisbon.');
  perform private.check_input(p_currency ~ '^[A-Z]{3}$', 'invalid_currency', 'Currency must be an ISO 4217 code such as EUR.');
  perform private.check_input(p_locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$', 'invalid_locale', 'Locale must look like en or pt-PT.');
  begin
    insert into public.organizations (slug, name, time_zone, currency, locale, created_by)
    values (p_slug, btrim(p_name), p_time_zone, p_currency, p_locale, v_user)
    returning * into v_org;
  exception when unique_violation then
    -- Also when a concurrent call took the slug first.
    perform private.raise_error('slug_taken', 'Another organization already uses this slug.', '23505');
  end;
  insert into public.memberships (organization_id, user_id, role) values (v_org.id, v_user, 'owner');
  return v_org;
end;
$$;

-- Returns the invitation token once; only its hash is stored. Re-inviting replaces an open invitation.
create function public.invite_member(
  p_organization_id uuid,
  p_email text,
  p_role text,
  p_valid_for interval default interval '7 days'
)
returns table (invitation_id uuid, token text, expires_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor_role public.org_role := private.require_org_role(p_organization_id, 'admin');
  v_role public.org_role := private.parse_role(p_role);
  v_email text := lower(btrim(p_email));
  v_token text := translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  v_invitation public.invitations;
begin
  perform private.check_input(private.is_email(v_email), 'invalid_email', 'Email must be a valid address of at most 254 characters.');
  perform private.check_input(
    now() + p_valid_for between now() + interval '1 hour' and now() + interval '30 days', 'invalid_validity',
    'An invitation is valid for 1 hour to 30 days.');
  perform private.check_can_manage_role(v_actor_role, v_role);
  if exists (
    select 1 from public.memberships m join auth.users u on u.id = m.user_id
    where m.organization_id = p_organization_id and lower(u.email) = v_email
  ) then
    perform private.raise_error('already_member', 'This person is already a member.', '23505');
  end if;
  update public.invitations i set revoked_at = now()
  where i.organization_id = p_organization_id and i.email = v_email
    and i.accepted_at is null and i.revoked_at is null;
  insert into public.invitations (organization_id, email, role, token_hash, invited_by, expires_at)
  values (p_organization_id, v_email, v_role, extensions.digest(v_token, 'sha256'), auth.uid(), now() + p_valid_for)
  returning * into v_invitation;
  return query select v_invitation.id, v_token, v_invitation.expires_at;
end;
$$;

create function public.revoke_invitation(p_invitation_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_invitation public.invitations;
begin
  perform private.check_input(p_invitation_id is not null, 'invalid_invitation_id', 'Invitation id is required.');
  perform private.require_user();
  select * into v_invitation from public.invitations i where i.id = p_invitation_id for update;
  if v_invitation.id is null or not private.has_org_role(v_invitation.organization_id, 'admin') then
    perform private.raise_error('invitation_not_found', 'No such invitation.', 'P0002');
  end if;
  perform private.check_can_manage_role(private.org_role(v_invitation.organization_id), v_invitation.role);
  if v_invitation.accepted_at is not null then
    perform private.raise_error('invitation_used', 'This invitation was already accepted.', 'P0001');
  end if;
  update public.invitations i set revoked_at = coalesce(i.revoked_at, now()) where i.id = p_invitation_id;
end;
$$;

-- Only the signed-in user whose confirmed email the invitation names can accept it, once.
create function public.accept_invitation(p_token text)
returns public.memberships
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_invitation public.invitations;
  v_email text;
  v_membership public.memberships;
begin
  perform private.check_input(char_length(p_token) between 16 and 128, 'invalid_token', 'Token must be 16 to 128 characters.');
  select * into v_invitation from public.invitations i
  where i.token_hash = extensions.digest(p_token, 'sha256')
  for update;
  if v_invitation.id is null then
    perform private.raise_error('invitation_not_found', 'No invitation matches this token.', 'P0002');
  elsif v_invitation.revoked_at is not null then
    perform private.raise_error('invitation_revoked', 'This invitation was revoked.', 'P0001');
  elsif v_invitation.accepted_at is not null then
    perform private.raise_error('invitation_used', 'This invitation was already accepted.', 'P0001');
  elsif v_invitation.expires_at <= now() then
    perform private.raise_error('invitation_expired', 'This invitation has expired; ask for a new one.', 'P0001');
  end if;
  select lower(u.email) into v_email from auth.users u where u.id = v_user and u.email_confirmed_at is not null;
  if v_email is distinct from v_invitation.email::text then
    perform private.raise_error('invitation_email_mismatch',
      'This invitation was sent to another email address than your confirmed one.', '42501');
  end if;
  if exists (select 1 from public.memberships m where m.organization_id = v_invitation.organization_id and m.user_id = v_user) then
    perform private.raise_error('already_member', 'You are already a member of this organization.', '23505');
  end if;
  insert into public.memberships (organization_id, user_id, role)
  values (v_invitation.organization_id, v_user, v_invitation.role)
  returning * into v_membership;
  update public.invitations i set accepted_at = now(), accepted_by = v_user where i.id = v_invitation.id;
  return v_membership;
end;
$$;

-- The target's membership row, locked, or an error.
create function private.lock_membership(p_organization_id uuid, p_user_id uuid)
returns public.memberships
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_membership public.memberships;
begin
  perform private.check_input(p_user_id is not null, 'invalid_user_id', 'User id is required.');
  select * into v_membership from public.memberships m
  where m.organization_id = p_organization_id and m.user_id = p_user_id
  for update;
  if v_membership.id is null then
    perform private.raise_error('member_not_found', 'This user is not a member of the organization.', 'P0002');
  end if;
  return v_membership;
end;
$$;

create function public.change_member_role(p_organization_id uuid, p_user_id uuid, p_role text)
returns public.memberships
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor_role public.org_role := private.require_org_role(p_organization_id, 'admin');
  v_role public.org_role := private.parse_role(p_role);
  v_membership public.memberships := private.lock_membership(p_organization_id, p_user_id);
begin
  perform private.check_can_manage_role(v_actor_role, v_membership.role);
  perform private.check_can_manage_role(v_actor_role, v_role);
  update public.memberships m set role = v_role where m.id = v_membership.id returning * into v_membership;
  return v_membership;
end;
$$;

create function public.remove_member(p_organization_id uuid, p_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor_role public.org_role := private.require_org_role(p_organization_id, 'admin');
  v_membership public.memberships := private.lock_membership(p_organization_id, p_user_id);
begin
  perform private.check_can_manage_role(v_actor_role, v_membership.role);
  delete from public.memberships m where m.id = v_membership.id;
end;
$$;

-- The caller (an owner) hands ownership to another member and stays on as admin.
create function public.transfer_ownership(p_organization_id uuid, p_new_owner_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor_role public.org_role := private.require_org_role(p_organization_id, 'owner');
  v_target public.memberships := private.lock_membership(p_organization_id, p_new_owner_id);
begin
  if p_new_owner_id = auth.uid() then
    perform private.raise_error('invalid_user_id', 'You already own this organization.', '22023');
  end if;
  update public.memberships m set role = 'owner' where m.id = v_target.id;
  update public.memberships m set role = 'admin'
  where m.organization_id = p_organization_id and m.user_id = auth.uid();
end;
$$;

create function public.leave_organization(p_organization_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor_role public.org_role := private.require_org_role(p_organization_id, 'viewer');
begin
  delete from public.memberships m where m.organization_id = p_organization_id and m.user_id = auth.uid();
end;
$$;

-- p_property_ids null: the member works in every property; otherwise only in those listed.
create function public.set_member_property_access(p_organization_id uuid, p_user_id uuid, p_property_ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor_role public.org_role := private.require_org_role(p_organization_id, 'admin');
  v_membership public.memberships := private.lock_membership(p_organization_id, p_user_id);
begin
  perform private.check_can_manage_role(v_actor_role, v_membership.role);
  perform private.check_input(p_property_ids is null or cardinality(p_property_ids) = 0 or array_ndims(p_property_ids) = 1,
    'invalid_property_ids', 'Property ids must be a flat list.');
  perform private.check_input(p_property_ids is null or array_position(p_property_ids, null) is null,
    'invalid_property_ids', 'Property ids must not contain null.');
  perform private.check_input(p_property_ids is null or cardinality(p_property_ids) <= 1000,
    'invalid_property_ids', 'At most 1000 properties.');
  if p_property_ids is not null and exists (
    select 1 from unnest(p_property_ids) as wanted(id)
    where not exists (select 1 from public.properties p where p.id = wanted.id and p.organization_id = p_organization_id)
  ) then
    perform private.raise_error('property_not_found', 'Every property must belong to this organization.', 'P0002');
  end if;
  delete from public.member_property_access a
  where a.organization_id = p_organization_id and a.user_id = p_user_id
    and (p_property_ids is null or a.property_id <> all (p_property_ids));
  if p_property_ids is not null then
    insert into public.member_property_access (organization_id, user_id, property_id)
    select distinct p_organization_id, p_user_id, wanted.id from unnest(p_property_ids) as wanted(id)
    on conflict (user_id, property_id) do nothing;
  end if;
  update public.memberships m set all_properties = (p_property_ids is null) where m.id = v_membership.id;
end;
$$;

-- ============================================================================================
-- Grants (Supabase grants everything in public to anon and authenticated by default: narrow it)
-- ============================================================================================

revoke all on table public.organizations, public.memberships, public.invitations, public.profiles,
  public.properties, public.member_property_access from anon, authenticated;

grant select, delete on table public.organizations to authenticated;
grant update (slug, name, time_zone, currency, locale) on table public.organizations to authenticated;
grant select on table public.memberships to authenticated;
grant select (id, organization_id, email, role, invited_by, expires_at, accepted_at, accepted_by, revoked_at, created_at, updated_at)
  on table public.invitations to authenticated;
grant select on table public.profiles to authenticated;
grant update (display_name, avatar_path) on table public.profiles to authenticated;
grant select, insert, update, delete on table public.properties to authenticated;
grant select on table public.member_property_access to authenticated;

revoke execute on all functions in schema private from public, anon, authenticated;
grant execute on function
  private.is_time_zone(text),
  private.is_email(text),
  private.org_role(uuid),
  private.has_org_role(uuid, public.org_role),
  private.orgs_with_role(public.org_role),
  private.orgs_with_role_over_all_properties(public.org_role),
  private.listed_properties(public.org_role),
  private.accessible_properties(public.org_role),
  private.can_access_property(uuid, public.org_role),
  private.co_members()
to authenticated, service_role;

revoke execute on function
  public.create_organization(text, text, text, text, text),
  public.invite_member(uuid, text, text, interval),
  public.revoke_invitation(uuid),
  public.accept_invitation(text),
  public.change_member_role(uuid, uuid, text),
  public.remove_member(uuid, uuid),
  public.transfer_ownership(uuid, uuid),
  public.leave_organization(uuid),
  public.set_member_property_access(uuid, uuid, uuid[])
from public, anon;
grant execute on function
  public.create_organization(text, text, text, text, text),
  public.invite_member(uuid, text, text, interval),
  public.revoke_invitation(uuid),
  public.accept_invitation(text),
  public.change_member_role(uuid, uuid, text),
  public.remove_member(uuid, uuid),
  public.transfer_ownership(uuid, uuid),
  public.leave_organization(uuid),
  public.set_member_property_access(uuid, uuid, uuid[])
to authenticated, service_role;
