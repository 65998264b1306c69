-- Local-only platform bootstrap, part 5: what Supabase Realtime itself adds to a project's
-- database (supabase/realtime, priv/repo/migrations): realtime.messages (Broadcast from the
-- database and the rows Realtime Authorization policies are written on), realtime.topic(),
-- realtime.send() and realtime.broadcast_changes(). Application migrations only reference them.
-- Upstream partitions realtime.messages by day; one table is enough locally (the realtime
-- server deletes old rows). See docs/decisions/014-local-realtime.md.

create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid() primary key,
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now()
);
create index if not exists messages_inserted_at_idx on realtime.messages (inserted_at);
create index if not exists messages_topic_idx on realtime.messages (topic);
alter table realtime.messages owner to supabase_realtime_admin;
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated, service_role;
grant all on realtime.messages to postgres;

-- The topic of the channel being authorised (set by the realtime server while it checks a join).
create or replace function realtime.topic()
returns text
language sql
stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;

-- Broadcast from the database: a row the realtime server reads from the WAL once the
-- transaction commits (nothing for a rolled-back one). As upstream, a failure is a warning, never
-- an error in the caller's transaction.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (payload, event, topic, private, extension)
    values (payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

-- A trigger helper: broadcasts a row change (record, old_record, operation, table, schema).
create or replace function realtime.broadcast_changes(
  topic_name text,
  event_name text,
  operation text,
  table_name text,
  table_schema text,
  new record,
  old record,
  level text default 'ROW'
)
returns void
language plpgsql
as $$
declare
  row_data jsonb := jsonb_build_object(
    'old_record', case when old is null then null else to_jsonb(old) end,
    'record', case when new is null then null else to_jsonb(new) end,
    'operation', operation,
    'table', table_name,
    'schema', table_schema
  );
begin
  if level = 'STATEMENT' then
    row_data := jsonb_build_object('operation', operation, 'table', table_name, 'schema', table_schema);
  end if;
  perform realtime.send(row_data, event_name, topic_name, true);
end;
$$;

grant execute on function realtime.topic(), realtime.send(jsonb, text, text, boolean),
  realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  to postgres, anon, authenticated, service_role;

-- The realtime server streams realtime.messages inserts from its slot (as upstream's
-- supabase_realtime_messages_publication).
do $pub$
begin
  if not exists (select from pg_catalog.pg_publication where pubname = 'supabase_realtime_messages_publication') then
    create publication supabase_realtime_messages_publication for table realtime.messages with (publish = 'insert');
  end if;
end
$pub$;
