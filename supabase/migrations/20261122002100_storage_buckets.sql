-- Roost's storage buckets and who may use them. RLS on storage.objects decides every operation of
-- the Storage API (the service role bypasses it):
-- - org-assets (public: logos, item photos; anyone may download through /object/public): paths
--   `<organization_id>/…`; members list and read them, managers and above write them.
-- - documents (private: invoices, menus, ID scans): paths `<organization_id>/<property_id>/…`;
--   members who work at that property read them, staff and above there write them. The property
--   must belong to the organization named by the path, so no folder of one tenant can hold files
--   reachable through another tenant's property.
-- A path that does not start with a well-formed id matches nothing (and raises nothing).

-- ============================================================================================
-- Buckets
-- ============================================================================================

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('org-assets', 'org-assets', true, 5 * 1024 * 1024,
   array['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/svg+xml']),
  ('documents', 'documents', false, 20 * 1024 * 1024,
   array['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/tiff'])
on conflict (id) do nothing;

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- The id in the n-th folder of an object path, or null when that folder is not a uuid.
create function private.path_id(p_name text, p_position integer)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case
    when split_part(p_name, '/', p_position) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then split_part(p_name, '/', p_position)::uuid
  end;
$$;

-- Whether the caller works with at least p_min_role at the property of a documents path, and that
-- property belongs to the organization the path starts with.
create function private.can_use_property_path(p_name text, p_min_role public.org_role)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_property uuid := private.path_id(p_name, 2);
begin
  return v_property is not null
    and exists (
      select 1 from public.properties p
      where p.id = v_property and p.organization_id = private.path_id(p_name, 1)
    )
    and private.can_access_property(v_property, p_min_role);
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

create policy "members can read their organization's assets" on storage.objects
  for select to authenticated
  using (bucket_id = 'org-assets' and private.path_id(name, 1) in (select private.orgs_with_role('viewer')));
create policy "managers can add their organization's assets" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'org-assets' and private.path_id(name, 1) in (select private.orgs_with_role('manager')));
create policy "managers can change their organization's assets" on storage.objects
  for update to authenticated
  using (bucket_id = 'org-assets' and private.path_id(name, 1) in (select private.orgs_with_role('manager')))
  with check (bucket_id = 'org-assets' and private.path_id(name, 1) in (select private.orgs_with_role('manager')));
create policy "managers can delete their organization's assets" on storage.objects
  for delete to authenticated
  using (bucket_id = 'org-assets' and private.path_id(name, 1) in (select private.orgs_with_role('manager')));

create policy "members can read documents of properties they work in" on storage.objects
  for select to authenticated
  using (bucket_id = 'documents' and private.can_use_property_path(name, 'viewer'));
create policy "staff can add documents of properties they work in" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'documents' and private.can_use_property_path(name, 'staff'));
create policy "staff can change documents of properties they work in" on storage.objects
  for update to authenticated
  using (bucket_id = 'documents' and private.can_use_property_path(name, 'staff'))
  with check (bucket_id = 'documents' and private.can_use_property_path(name, 'staff'));
create policy "staff can delete documents of properties they work in" on storage.objects
  for delete to authenticated
  using (bucket_id = 'documents' and private.can_use_property_path(name, 'staff'));

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke execute on function private.path_id(text, integer), private.can_use_property_path(text, public.org_role)
  from public, anon;
grant execute on function private.path_id(text, integer), private.can_use_property_path(text, public.org_role)
  to authenticated, service_role;
