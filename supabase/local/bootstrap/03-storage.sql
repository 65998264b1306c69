-- Local-only platform bootstrap, part 3: schema `storage` as Supabase Storage (supabase/storage,
-- migrations/tenant/*.sql) leaves it, reduced to buckets and objects. Access to files is decided
-- by RLS on storage.objects and storage.buckets evaluated as the caller's role: application
-- migrations add the policies, this file adds none. See docs/local-stack/bootstrap.md.

-- Schema owned by supabase_admin, contents by supabase_storage_admin
-- (supabase/postgres init-scripts/00000000000002-storage-schema.sql).
create schema if not exists storage authorization supabase_admin;
grant usage on schema storage to anon, authenticated, service_role;
grant all on schema storage to supabase_storage_admin with grant option;
-- postgres may use and pass on usage, not create (supabase/postgres migrations 20250421084701,
-- 20250709135250).
grant usage on schema storage to postgres with grant option;

-- Whatever the storage admin (or postgres) creates in storage is open to the API roles; RLS
-- decides. Same default privileges as upstream.
alter default privileges for role supabase_storage_admin in schema storage
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema storage
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema storage
  grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema storage
  grant all on functions to postgres, anon, authenticated, service_role;

-- Create as the owner, so ownership and default privileges come out as upstream's.
set local role supabase_storage_admin;

create type storage.buckettype as enum ('STANDARD', 'ANALYTICS', 'VECTOR');

-- The storage server's migration bookkeeping; kept for shape, left empty.
create table storage.migrations (
  id integer not null,
  name varchar(100) not null,
  hash varchar(40) not null,
  executed_at timestamp default current_timestamp,
  constraint migrations_pkey primary key (id),
  constraint migrations_name_key unique (name)
);

-- Column order follows upstream, which grew the tables migration by migration.
create table storage.buckets (
  id text not null,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,          -- bytes; null = the server's global limit
  allowed_mime_types text[],       -- null = any type
  owner_id text,
  type storage.buckettype not null default 'STANDARD',
  constraint buckets_pkey primary key (id)
);
create unique index bname on storage.buckets (name);
comment on column storage.buckets.owner is 'Field is deprecated, use owner_id instead';

-- owner/owner_id carry no foreign key upstream (objects outlive their uploader).
create table storage.objects (
  id uuid not null default gen_random_uuid(),
  bucket_id text,
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,                  -- set by the server: size, mimetype, cacheControl, eTag, ...
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb,             -- set by the client at upload
  constraint objects_pkey primary key (id),
  constraint "objects_bucketId_fkey" foreign key (bucket_id) references storage.buckets (id)
);
create unique index bucketid_objname on storage.objects (bucket_id, name);
create index idx_objects_bucket_id_name on storage.objects (bucket_id, name collate "C");
create index name_prefix_search on storage.objects (name text_pattern_ops);
comment on column storage.objects.owner is 'Field is deprecated, use owner_id instead';

-- Path helpers for policies, e.g. (storage.foldername(name))[1] = auth.uid()::text.
-- IMMUTABLE as upstream; written in SQL so the planner can inline them into policies.
create function storage.foldername(name text) returns text[]
language sql immutable
as $$
  -- every path segment but the last; '{}' for a top-level name
  select parts[1 : array_length(parts, 1) - 1] from string_to_array($1, '/') as parts
$$;

create function storage.filename(name text) returns text
language sql immutable
as $$
  select parts[array_length(parts, 1)] from string_to_array($1, '/') as parts
$$;

create function storage.extension(name text) returns text
language sql immutable
as $$
  -- text after the last '.' of the file name (the whole name when it has no '.')
  select reverse(split_part(reverse(parts[array_length(parts, 1)]), '.', 1))
  from string_to_array($1, '/') as parts
$$;

-- p_key up to and including the first delimiter after p_prefix ("folder" of a listing), or null.
create function storage.get_common_prefix(p_key text, p_prefix text, p_delimiter text) returns text
language sql immutable
as $$
  select case
    when strpos(substr(p_key, length(p_prefix) + 1), p_delimiter) > 0
    then left(p_key, length(p_prefix) + strpos(substr(p_key, length(p_prefix) + 1), p_delimiter))
  end
$$;

create function storage.get_size_by_bucket() returns table (size bigint, bucket_id text)
language sql stable
as $$
  select sum((o.metadata ->> 'size')::bigint)::bigint, o.bucket_id
  from storage.objects o
  group by o.bucket_id
$$;

-- One level of a bucket listing: the storage API's list endpoint. Runs as the caller, so RLS
-- on storage.objects decides what is listed. Same contract as upstream's current version:
--   * prefix || search is matched case-insensitively against the start of object names;
--   * entries are folders (id and timestamps null, one per distinct next segment) and files;
--     `name` is segment number `levels` of the path (levels = segments in prefix + 1);
--   * sortcolumn name|updated_at|created_at|last_accessed_at (anything else: name), sortorder
--     'asc' or anything else = desc; limit capped at 1500; offsets skips entries.
--   * by name, folders and files interleave in byte order of the lower-cased path; by a
--     timestamp, all folders (by name) come first, then files (by that column) — as upstream.
create function storage.search(
  prefix text,
  bucketname text,
  limits integer default 100,
  levels integer default 1,
  offsets integer default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
) returns table (
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql stable
as $fn$
declare
  v_limit integer := least(coalesce(limits, 100), 1500);
  v_offset integer := greatest(coalesce(offsets, 0), 0);
  v_prefix text := coalesce(prefix, '') || coalesce(search, '');
  v_asc boolean := lower(coalesce(sortorder, 'asc')) = 'asc';
  v_column text := lower(coalesce(sortcolumn, 'name'));
begin
  if v_column not in ('name', 'updated_at', 'created_at', 'last_accessed_at') then
    v_column := 'name';
  end if;

  if v_column = 'name' then
    return query
      with matched as (
        select o.name as path, o.id as obj_id, o.updated_at as upd, o.created_at as cre,
               o.last_accessed_at as acc, o.metadata as meta,
               storage.get_common_prefix(lower(o.name), lower(v_prefix), '/') as folder_key
        from storage.objects o
        where o.bucket_id = bucketname
          and starts_with(lower(o.name), lower(v_prefix))
      ),
      entries as (
        (select distinct on (m.folder_key)
                m.folder_key as sort_key,
                split_part(rtrim(storage.get_common_prefix(m.path, v_prefix, '/'), '/'), '/', levels) as entry,
                null::uuid as obj_id, null::timestamptz as upd, null::timestamptz as cre,
                null::timestamptz as acc, null::jsonb as meta
         from matched m
         where m.folder_key is not null
         -- a folder shows the spelling of its first object in listing order
         order by m.folder_key,
                  (case when v_asc then lower(m.path) end) collate "C" asc,
                  (case when not v_asc then lower(m.path) end) collate "C" desc,
                  m.path collate "C")
        union all
        select lower(m.path), split_part(m.path, '/', levels), m.obj_id, m.upd, m.cre, m.acc, m.meta
        from matched m
        where m.folder_key is null
      )
      select e.entry, e.obj_id, e.upd, e.cre, e.acc, e.meta
      from entries e
      order by (case when v_asc then e.sort_key end) collate "C" asc,
               (case when not v_asc then e.sort_key end) collate "C" desc,
               e.entry collate "C"
      limit v_limit offset v_offset;
  else
    return query execute format(
      $q$
      select s.entry, s.obj_id, s.upd, s.cre, s.acc, s.meta
      from (
        select 0 as grp, f.folder as entry, null::uuid as obj_id, null::timestamptz as upd,
               null::timestamptz as cre, null::timestamptz as acc, null::jsonb as meta,
               f.folder as sort_name, null::timestamptz as sort_time
        from (
          select o.path_tokens[$1] as folder
          from storage.objects o
          where o.name ilike $2 || '%%' and o.bucket_id = $3
            and array_length(o.path_tokens, 1) <> $1
          group by 1
        ) f
        union all
        select 1, o.path_tokens[$1], o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
               null, o.%1$I
        from storage.objects o
        where o.name ilike $2 || '%%' and o.bucket_id = $3
          and array_length(o.path_tokens, 1) = $1
      ) s
      order by s.grp, s.sort_name %2$s, s.sort_time %2$s, s.entry
      limit $4 offset $5
      $q$,
      v_column, case when v_asc then 'asc' else 'desc' end
    ) using levels, v_prefix, bucketname, v_limit, v_offset;
  end if;
end
$fn$;

create function storage.update_updated_at_column() returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create function storage.enforce_bucket_name_length() returns trigger
language plpgsql
as $$
begin
  if length(new.name) > 100 then
    raise exception 'bucket name "%" is too long (% characters). Max is 100.', new.name, length(new.name);
  end if;
  return new;
end
$$;

-- Upstream blocks plain SQL deletes so rows never lose their files behind the API's back. The
-- Storage API (and any migration or test that must delete rows) first runs
--   select set_config('storage.allow_delete_query', 'true', true);
create function storage.protect_delete() returns trigger
language plpgsql
as $$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
  end if;
  return null;
end
$$;

create trigger update_objects_updated_at
  before update on storage.objects
  for each row execute function storage.update_updated_at_column();
create trigger enforce_bucket_name_length_trigger
  before insert or update of name on storage.buckets
  for each row execute function storage.enforce_bucket_name_length();
create trigger protect_buckets_delete
  before delete on storage.buckets
  for each statement execute function storage.protect_delete();
create trigger protect_objects_delete
  before delete on storage.objects
  for each statement execute function storage.protect_delete();

alter table storage.migrations enable row level security;
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

reset role;

-- Explicit for readers (the default privileges above already granted it): RLS decides.
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
grant all on storage.buckets, storage.objects to postgres with grant option;
-- The bookkeeping table is the server's alone
-- (supabase/postgres migrations/20250421084701_revoke_admin_roles_from_postgres.sql).
revoke all on storage.migrations from anon, authenticated, service_role, postgres;
