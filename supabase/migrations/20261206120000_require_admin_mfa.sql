-- Organization setting "admins must use MFA" (decision 021) and the organization's logo.
--
-- When organizations.require_admin_mfa is on, an admin or owner whose session has no second
-- factor (JWT claim aal <> 'aal2') cannot make admin-level writes in that organization; they get
-- `mfa_required` (SQLSTATE 42501). Admin-level writes are those that need the admin role or
-- higher:
-- - every RPC that calls private.require_org_role with 'admin' or 'owner' (invite_member,
--   change_member_role, remove_member, transfer_ownership, set_member_property_access, and any
--   later RPC that does the same), plus revoke_invitation (which checks the role itself);
-- - updating or deleting the organization row, and deleting a property (RLS: admins only).
-- Turning the setting on (or off) needs aal2 whatever the current value, so an owner can only
-- require it from a session that already has a second factor and cannot lock themselves out.
-- Requests that are not a signed-in user's (service role, migrations, the platform) are exempt.

-- ============================================================================================
-- Columns
-- ============================================================================================

alter table public.organizations
  add column require_admin_mfa boolean not null default false,
  -- Path of the logo in the org-assets bucket: `<organization id>/logo/<file>`.
  add column logo_path text,
  add constraint organizations_logo_path_format check (
    logo_path is null
    or (char_length(logo_path) <= 512 and logo_path ~ ('^' || id::text || '/logo/[A-Za-z0-9._-]+$'))
  );

comment on column public.organizations.require_admin_mfa is
  'Admins and owners need an aal2 session (a verified second factor) for admin-level writes.';
comment on column public.organizations.logo_path is 'The logo''s object path in the org-assets bucket.';

grant update (require_admin_mfa, logo_path) on table public.organizations to authenticated;

-- ============================================================================================
-- Helpers
-- ============================================================================================

-- Whether the caller may make admin-level writes in the organization as far as MFA goes: the
-- organization does not require it, the session is aal2, or the caller is not a signed-in user.
create function private.admin_mfa_satisfied(p_organization_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce(auth.jwt() ->> 'role', '') <> 'authenticated'
    or coalesce(auth.jwt() ->> 'aal', '') = 'aal2'
    or not exists (
      select 1 from public.organizations o where o.id = p_organization_id and o.require_admin_mfa
    );
end;
$$;

create function private.require_admin_mfa(p_organization_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.admin_mfa_satisfied(p_organization_id) then
    perform private.raise_error('mfa_required',
      'This organization requires admins to confirm a second factor (an authenticator app code) first.', '42501');
  end if;
end;
$$;

-- As before (20261122000100_tenancy.sql), plus the MFA requirement for admin-level calls.
create or replace function private.require_org_role(p_organization_id uuid, p_min_role public.org_role)
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
  if p_min_role >= 'admin' then
    perform private.require_admin_mfa(p_organization_id);
  end if;
  return v_role;
end;
$$;

-- As before, plus the MFA requirement (it checks the admin role itself, not through require_org_role).
create or replace function public.revoke_invitation(p_invitation_id uuid)
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
  perform private.require_admin_mfa(v_invitation.organization_id);
  if v_invitation.accepted_at is not null then
    perform private.raise_error('invitation_used', 'This invitation was already accepted.', 'P0001');
  end if;
  update public.invitations i set revoked_at = coalesce(i.revoked_at, now()) where i.id = p_invitation_id;
end;
$$;

-- ============================================================================================
-- Triggers: writes that RLS allows admins (and owners) directly
-- ============================================================================================

create function private.guard_organization_admin_mfa()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    -- Changing the setting either way needs aal2: nobody requires MFA without having it.
    if new.require_admin_mfa is distinct from old.require_admin_mfa
       and coalesce(auth.jwt() ->> 'role', '') = 'authenticated'
       and coalesce(auth.jwt() ->> 'aal', '') <> 'aal2' then
      perform private.raise_error('mfa_required',
        'Changing the MFA requirement needs a second factor in this session: confirm your authenticator app code first.',
        '42501');
    end if;
    perform private.require_admin_mfa(old.id);
    return new;
  end if;
  perform private.require_admin_mfa(old.id);
  return old;
end;
$$;

create trigger organizations_admin_mfa before update or delete on public.organizations
  for each row execute function private.guard_organization_admin_mfa();

create function private.guard_property_delete_admin_mfa()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.require_admin_mfa(old.organization_id);
  return old;
end;
$$;

create trigger properties_admin_mfa before delete on public.properties
  for each row execute function private.guard_property_delete_admin_mfa();

-- ============================================================================================
-- Who still lacks a second factor (admins read it before turning the requirement on)
-- ============================================================================================

-- The organization's admins and owners without a verified factor. Admins and owners only; a read,
-- so it is open to them whatever their session's aal.
create function public.admins_without_mfa(p_organization_id uuid)
returns table (user_id uuid, role public.org_role, display_name text)
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
  if v_role < 'admin' then
    perform private.raise_error('insufficient_role', 'This needs the admin role or higher.', '42501');
  end if;
  return query
    select m.user_id, m.role, p.display_name
    from public.memberships m
    left join public.profiles p on p.user_id = m.user_id
    where m.organization_id = p_organization_id and m.role >= 'admin'
      and not exists (
        select 1 from auth.mfa_factors f where f.user_id = m.user_id and f.status = 'verified'
      )
    order by m.role desc, p.display_name, m.user_id;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke execute on function
  private.admin_mfa_satisfied(uuid),
  private.require_admin_mfa(uuid),
  private.guard_organization_admin_mfa(),
  private.guard_property_delete_admin_mfa()
from public, anon, authenticated;
revoke execute on function public.admins_without_mfa(uuid) from public, anon;
grant execute on function public.admins_without_mfa(uuid) to authenticated, service_role;
