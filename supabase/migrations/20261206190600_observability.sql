-- Observability (decision 039): the request id reaches SQL and the jobs a request creates, and
-- statement statistics are collected.
--
-- - private.current_request_id(): the id of the request this transaction serves: the setting
--   `roost.request_id` (code that runs SQL itself sets it: set_config('roost.request_id', id, true)),
--   else the `x-request-id` of `request.headers` (PostgREST, and the local REST service, set that
--   from the request; the gateway assigns the id). Only ids of the gateway's shape are returned
--   (1-128 of A-Z a-z 0-9 . _ : @ / + = -); anything else gives null.
-- - public.jobs.request_id: filled from it when a job is created (create_job, inbox uploads), so
--   the worker's log lines of the job name the request that asked for it.
-- - pg_stat_statements in `extensions`, where the server has it (hosted Supabase already does;
--   the local cluster preloads it, supabase/local/cluster.ts). The operator reads it through the
--   gateway's /_operator/statements (service role only).

do $$
begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_stat_statements') then
    create extension if not exists pg_stat_statements with schema extensions;
  end if;
end
$$;

create function private.current_request_id()
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_id text := nullif(pg_catalog.current_setting('roost.request_id', true), '');
  v_headers text;
begin
  if v_id is null then
    v_headers := nullif(pg_catalog.current_setting('request.headers', true), '');
    if v_headers is not null then
      begin
        v_id := v_headers::jsonb ->> 'x-request-id';
      exception when others then
        v_id := null; -- not JSON: no id rather than a failed insert
      end;
    end if;
  end if;
  if v_id is null or v_id !~ '^[A-Za-z0-9._:@/+=-]{1,128}$' then
    return null;
  end if;
  return v_id;
end;
$$;

revoke execute on function private.current_request_id() from public;
grant execute on function private.current_request_id() to authenticated, service_role;

alter table public.jobs
  add column request_id text default private.current_request_id()
    constraint jobs_request_id_shape check (request_id ~ '^[A-Za-z0-9._:@/+=-]{1,128}$');

comment on column public.jobs.request_id is
  'The x-request-id of the request that created the job (decision 039); the worker logs it.';
