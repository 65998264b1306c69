-- Who writes an organization's public assets, narrowed to who may use them: the logo folder
-- (`<org>/logo/…`, organizations.logo_path) is the admins' as the logo setting is; everything else
-- (item photos under `<org>/items/…`) belongs to managers over every property, as the catalogue
-- tables do. A manager limited to some properties could otherwise put files in the
-- organization's public folder that no row of theirs may point at.

create function private.can_write_org_asset(p_name text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select case
    when split_part(p_name, '/', 2) = 'logo'
      then private.path_id(p_name, 1) in (select private.orgs_with_role('admin'))
    else private.path_id(p_name, 1) in (select private.orgs_with_role_over_all_properties('manager'))
  end;
$$;
revoke execute on function private.can_write_org_asset(text) from public, anon;
grant execute on function private.can_write_org_asset(text) to authenticated, service_role;

drop policy "managers can add their organization's assets" on storage.objects;
drop policy "managers can change their organization's assets" on storage.objects;
drop policy "managers can delete their organization's assets" on storage.objects;

create policy "admins and unrestricted managers can add their organization's assets" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'org-assets' and private.can_write_org_asset(name));
create policy "admins and unrestricted managers can change their organization's assets" on storage.objects
  for update to authenticated
  using (bucket_id = 'org-assets' and private.can_write_org_asset(name))
  with check (bucket_id = 'org-assets' and private.can_write_org_asset(name));
create policy "admins and unrestricted managers can delete their organization's assets" on storage.objects
  for delete to authenticated
  using (bucket_id = 'org-assets' and private.can_write_org_asset(name));
