-- Local-only platform bootstrap, part 1: schema `extensions` and the extensions the project uses.
-- Upstream (init-scripts/00000000000000-initial-schema.sql) keeps extensions out of public in a
-- schema owned by postgres that every API role may use; the role search_path of postgres
-- (00-roles.sql) includes it. Extensions not preinstalled upstream (btree_gist, citext, pg_trgm)
-- are what a project enables from the dashboard, which also puts them in `extensions`.

create schema if not exists extensions authorization postgres;
grant usage on schema extensions to postgres, anon, authenticated, service_role;

create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists btree_gist with schema extensions;
create extension if not exists citext with schema extensions;
create extension if not exists pg_trgm with schema extensions;
