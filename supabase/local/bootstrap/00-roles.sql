-- Local-only platform bootstrap, part 0: roles and the defaults of schema public.
-- A Supabase database already has all of this; application migrations only reference it.
-- Mirrors supabase/postgres migrations/db/init-scripts/*.sql plus later migrations/db/migrations
-- (see docs/local-stack/bootstrap.md). Runs once per database as the superuser `postgres`,
-- inside one transaction. Roles are cluster-wide and this file runs in every database of the
-- cluster, so each role is created only when missing and then (re)set to upstream's attributes.
-- No passwords here: the local stack sets them for the login roles at run time.

do $roles$
declare
  -- name, attributes as upstream ends up after all its migrations
  spec text[][] := array[
    -- API roles: created nologin noinherit upstream, later switched to inherit
    -- (migrations/20230529180330_alter_api_roles_for_inherit.sql)
    array['anon',                    'nologin inherit'],
    array['authenticated',           'nologin inherit'],
    array['service_role',            'nologin inherit bypassrls'],
    -- PostgREST (and the local gateway) log in as this one and switch role per request
    array['authenticator',           'login noinherit'],
    -- platform superuser that owns the auth, storage and realtime schemas
    array['supabase_admin',          'login superuser createdb createrole replication bypassrls'],
    -- service roles; supabase_auth_admin lost createrole in
    -- migrations/20260821154147_revoke_createrole_from_auth_admin.sql
    array['supabase_auth_admin',     'login noinherit nocreaterole noreplication'],
    array['supabase_storage_admin',  'login noinherit createrole noreplication'],
    array['supabase_realtime_admin', 'login noinherit createrole replication']
  ];
  i int;
begin
  for i in 1 .. array_length(spec, 1) loop
    if not exists (select from pg_catalog.pg_roles where rolname = spec[i][1]) then
      begin
        execute format('create role %I %s', spec[i][1], spec[i][2]);
      exception when duplicate_object or unique_violation then
        null; -- another database of the cluster created it at the same moment
      end;
    end if;
    execute format('alter role %I %s', spec[i][1], spec[i][2]);
  end loop;
end
$roles$;

-- Memberships (granted only when missing, to keep reruns quiet):
--   authenticator may become any API role. Upstream also grants it supabase_admin; left out on
--   purpose (a login role able to become a superuser has no use in the local stack).
--   supabase_realtime_admin evaluates RLS as each subscriber's role.
do $members$
declare
  pair text[];
begin
  foreach pair slice 1 in array array[
    array['authenticator', 'anon'], array['authenticator', 'authenticated'],
    array['authenticator', 'service_role'],
    array['supabase_realtime_admin', 'anon'], array['supabase_realtime_admin', 'authenticated'],
    array['supabase_realtime_admin', 'service_role']
  ] loop
    if not exists (
      select from pg_catalog.pg_auth_members
      where member = pair[1]::regrole and roleid = pair[2]::regrole
    ) then
      execute format('grant %I to %I', pair[2], pair[1]);
    end if;
  end loop;
end
$members$;
-- realtime.list_changes() sets log_min_messages (init-scripts/00000000000003-realtime-schema.sql)
grant set on parameter log_min_messages to supabase_realtime_admin;

-- Role-level settings exactly where upstream puts them (ALTER ROLE, cluster-wide, not per
-- database). Upstream's post-setup writes "\$user" because of an escaping slip
-- (supabase/supabase#20842); "$user" is what it means. The two differ only if a schema named
-- after the login role exists, which neither side creates.
alter role postgres set search_path to "$user", public, extensions;
alter role supabase_admin set search_path to "$user", public, auth, extensions;
alter role supabase_auth_admin set search_path to auth;
alter role supabase_storage_admin set search_path to storage;
alter role supabase_realtime_admin set search_path to public, extensions, realtime;
alter role anon set statement_timeout to '3s';
alter role authenticated set statement_timeout to '8s';
alter role authenticator set statement_timeout to '8s';
alter role authenticator set lock_timeout to '8s';

-- The service roles may create schemas of their own in this database (upstream grants this on
-- database postgres; here the current database, whatever its name).
do $db$
begin
  execute format('grant create on database %I to supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin',
                 current_database());
end
$db$;

-- Schema public: usage for the API roles, and upstream's default privileges. Every table,
-- sequence and function that postgres (or supabase_admin) creates in public is granted in full
-- to anon, authenticated and service_role; RLS and explicit revokes narrow it down. Functions
-- also keep PostgreSQL's default EXECUTE for PUBLIC, so locking a function down means
-- `revoke execute ... from public, anon` (the same on Supabase).
grant usage on schema public to postgres, anon, authenticated, service_role;
grant create, usage on schema public to supabase_realtime_admin;

alter default privileges for role postgres in schema public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on functions to postgres, anon, authenticated, service_role;

alter default privileges for role supabase_admin in schema public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public
  grant all on functions to postgres, anon, authenticated, service_role;
