-- Local-only platform bootstrap, part 4: schema `realtime` and the publication realtime reads.
-- Only what application migrations touch today: `alter publication supabase_realtime add table
-- ...` and grants on schema realtime. realtime.messages, realtime.send(), realtime.topic() and the
-- rest arrive with the realtime server work. See docs/local-stack/bootstrap.md.

-- Owned by supabase_admin, administered by supabase_realtime_admin
-- (supabase/postgres init-scripts/00000000000003-realtime-schema.sql).
create schema if not exists realtime authorization supabase_admin;
grant usage on schema realtime to postgres, anon, authenticated, service_role;
grant all on schema realtime to supabase_realtime_admin with grant option;

-- The realtime server calls auth.* helpers and extension functions while authorising changes.
grant usage on schema auth to supabase_realtime_admin;
grant execute on all functions in schema auth to supabase_realtime_admin;
grant usage on schema extensions to supabase_realtime_admin;

-- Empty, owned by postgres, publishing insert, update, delete and truncate (the defaults), as
-- upstream (init-scripts/00000000000000-initial-schema.sql). Applications add their tables.
-- Needs wal_level = logical only when changes are actually streamed.
do $pub$
begin
  if not exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$pub$;
