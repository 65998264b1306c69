-- Profile photos: a public `avatars` bucket (anyone may download a photo through
-- /object/public, since co-members and e-mails show it), images only, 2 MiB at most. Each user
-- writes, changes, lists and deletes only the objects under their own folder, `<user id>/…`;
-- no one can overwrite or remove another user's photo. SVG is left out: a drawing can carry
-- script, and a photo does not need it.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', true, 2 * 1024 * 1024, array['image/png', 'image/jpeg', 'image/webp', 'image/gif'])
on conflict (id) do nothing;

-- private.path_id (20261122002100_storage_buckets.sql) is null for a first folder that is not a
-- uuid, so a malformed path matches no policy.
create policy "users can list their own avatars" on storage.objects
  for select to authenticated
  using (bucket_id = 'avatars' and private.path_id(name, 1) = (select auth.uid()));
create policy "users can add their own avatars" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'avatars' and private.path_id(name, 1) = (select auth.uid()));
create policy "users can change their own avatars" on storage.objects
  for update to authenticated
  using (bucket_id = 'avatars' and private.path_id(name, 1) = (select auth.uid()))
  with check (bucket_id = 'avatars' and private.path_id(name, 1) = (select auth.uid()));
create policy "users can delete their own avatars" on storage.objects
  for delete to authenticated
  using (bucket_id = 'avatars' and private.path_id(name, 1) = (select auth.uid()));

-- A profile shows a photo from its own user's folder only (the account page stores the
-- object's name here after uploading it).
alter table public.profiles
  add constraint profiles_avatar_path_own_folder
  check (avatar_path is null or avatar_path like user_id::text || '/%');
