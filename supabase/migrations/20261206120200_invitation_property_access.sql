-- An invitation can name the properties the new member will work in: a manager, staff member or
-- viewer invited to one hotel of a group reaches only it from the moment they accept, with no
-- window in which they see every property. Kept as rows (not an array) so each property is a
-- foreign key of the same organization, and a deleted property leaves no dangling id.

-- false: the member will work only in the properties listed in invitation_property_access (the
-- flag, not the rows' presence, decides, so deleting those properties never widens access).
alter table public.invitations
  add column all_properties boolean not null default true,
  add constraint invitations_organization_id_id_key unique (organization_id, id),
  add constraint invitations_admins_reach_every_property check (all_properties or role < 'admin');
grant select (all_properties) on table public.invitations to authenticated;

create table public.invitation_property_access (
  id uuid primary key default gen_random_uuid(),
  invitation_id uuid not null,
  organization_id uuid not null,
  property_id uuid not null,
  created_at timestamptz not null default now(),
  constraint invitation_property_access_invitation_property_key unique (invitation_id, property_id),
  -- Composite keys: the invitation and the property belong to the same organization.
  constraint invitation_property_access_invitation_fkey foreign key (organization_id, invitation_id)
    references public.invitations (organization_id, id) on delete cascade,
  constraint invitation_property_access_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade
);
comment on table public.invitation_property_access is
  'The properties an invited member will work in; none listed: every property.';
create index invitation_property_access_invitation_id_idx on public.invitation_property_access (organization_id, invitation_id);
create index invitation_property_access_property_id_idx on public.invitation_property_access (organization_id, property_id);
create trigger invitation_property_access_organization_immutable before update on public.invitation_property_access
  for each row execute function private.forbid_organization_change();

alter table public.invitation_property_access enable row level security;
create policy "admins can read invitations' property access" on public.invitation_property_access
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('admin')));
revoke all on table public.invitation_property_access from anon, authenticated;
grant select on table public.invitation_property_access to authenticated;
grant all on table public.invitation_property_access to service_role;

create trigger invitation_property_access_audit after insert or update or delete on public.invitation_property_access
  for each row execute function private.record_audit('organization_id');

-- invite_member gains p_property_ids (null: every property). The old signature is dropped so a
-- call by name or position resolves to this one.
drop function public.invite_member(uuid, text, text, interval);

create function public.invite_member(
  p_organization_id uuid,
  p_email text,
  p_role text,
  p_valid_for interval default interval '7 days',
  p_property_ids uuid[] default null
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
  if p_property_ids is not null then
    perform private.check_input(v_role < 'admin', 'property_access_not_applicable',
      'Admins and owners work in every property; choose properties only for managers, staff and viewers.');
    perform private.check_input(cardinality(p_property_ids) between 1 and 1000 and array_ndims(p_property_ids) = 1,
      'invalid_property_ids', 'Choose 1 to 1000 properties, or none for every property.');
    perform private.check_input(array_position(p_property_ids, null) is null,
      'invalid_property_ids', 'Property ids must not contain null.');
    if exists (
      select 1 from unnest(p_property_ids) as wanted(id)
      where not exists (select 1 from public.properties p where p.id = wanted.id and p.organization_id = p_organization_id)
    ) then
      perform private.raise_error('property_not_found', 'Every property must belong to this organization.', 'P0002');
    end if;
  end if;
  if exists (
    select 1 from public.memberships m join auth.users u on u.id = m.user_id
    where m.organization_id = p_organization_id and lower(u.email) = v_email
  ) then
    perform private.raise_error('already_member', 'This person is already a member.', '23505');
  end if;
  update public.invitations i set revoked_at = now()
  where i.organization_id = p_organization_id and i.email = v_email
    and i.accepted_at is null and i.revoked_at is null;
  insert into public.invitations (organization_id, email, role, token_hash, invited_by, expires_at, all_properties)
  values (p_organization_id, v_email, v_role, extensions.digest(v_token, 'sha256'), auth.uid(), now() + p_valid_for,
    p_property_ids is null)
  returning * into v_invitation;
  if p_property_ids is not null then
    insert into public.invitation_property_access (invitation_id, organization_id, property_id)
    select distinct v_invitation.id, p_organization_id, wanted.id from unnest(p_property_ids) as wanted(id);
  end if;
  return query select v_invitation.id, v_token, v_invitation.expires_at;
end;
$$;

-- Only the signed-in user whose confirmed email the invitation names can accept it, once; the
-- membership starts with the invitation's property restriction, in the same transaction.
create or replace function public.accept_invitation(p_token text)
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
  -- Restricted from the first moment when the invitation names properties (even if all of them
  -- were deleted since: the member then works in none until an admin grants one).
  insert into public.memberships (organization_id, user_id, role, all_properties)
  values (v_invitation.organization_id, v_user, v_invitation.role, v_invitation.all_properties)
  returning * into v_membership;
  insert into public.member_property_access (organization_id, user_id, property_id)
  select a.organization_id, v_user, a.property_id
  from public.invitation_property_access a where a.invitation_id = v_invitation.id;
  update public.invitations i set accepted_at = now(), accepted_by = v_user where i.id = v_invitation.id;
  return v_membership;
end;
$$;

revoke execute on function public.invite_member(uuid, text, text, interval, uuid[]) from public, anon;
grant execute on function public.invite_member(uuid, text, text, interval, uuid[]) to authenticated, service_role;
