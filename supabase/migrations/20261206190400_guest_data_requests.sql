-- Guest data requests (GDPR, issue 18 item 1, decision 037): an export of everything Roost holds
-- about a guest, and an erasure that anonymises the guest everywhere while keeping the financial
-- records. Both are rows of public.guest_data_requests, queued to pg-boss in the same transaction
-- (queues guest_export and guest_erasure) and carried out by the worker (gpu-worker/src/gdpr/).
--
-- What is the guest's data is found through the catalogue, not a hand-kept list:
-- - private.guest_data_edges(): every foreign key on a path to public.guests (bookings, folios,
--   their entries, orders and their items, loyalty, identity documents, no-show risk, workflow
--   sends…), so a table added later is reached without touching this file;
-- - private.guest_related_rows(guest): the rows reached by walking those keys from the guest;
-- - private.guest_data_rules: what the erasure does to each reached table. The erasure refuses to
--   start (gdpr_rule_missing) while a reached table has no rule, and a test fails the same way.
-- Data that refers to the guest without a foreign key is declared here: mail to the guest (the
-- outbox rows of the guest's workflow sends and of their own data requests), webhook events whose
-- payload names the guest's rows, ID scans in storage (the OCR jobs whose result carries one of
-- the guest's document numbers), and free text anywhere in the organization's rows (the erasure
-- sweeps every text and JSON column of the organization's tables for the guest's name, email,
-- phone and document numbers, the audit log included: its rows stay, the values are replaced).

-- ============================================================================================
-- Tables
-- ============================================================================================

alter table public.guests add column erased_at timestamptz;
comment on column public.guests.erased_at is 'When the guest was erased (GDPR): the row then holds a pseudonym and nothing personal.';

create table public.guest_data_requests (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  -- No foreign key: the record of an erasure outlives whatever happens to the guest's row.
  guest_id uuid not null,
  kind text not null,
  -- portal: an admin asked; self_service: the guest asked with a booking reference and email.
  channel text not null default 'portal',
  status text not null default 'queued',
  progress smallint not null default 0,
  -- The export's zip in the guest-exports bucket (<organization>/<request>/guest-data.zip).
  object_name text,
  -- The erasure's pseudonym, written on the guest's row and wherever the name was.
  pseudonym text,
  -- Rows per table exported or changed; never personal data.
  summary jsonb,
  error jsonb,
  attempts integer not null default 0,
  requested_by uuid references auth.users (id) on delete set null,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint guest_data_requests_kind_valid check (kind in ('export', 'erasure')),
  constraint guest_data_requests_channel_valid check (channel in ('portal', 'self_service') and (kind = 'export' or channel = 'portal')),
  constraint guest_data_requests_status_valid check (status in ('queued', 'running', 'succeeded', 'failed')),
  constraint guest_data_requests_progress_range check (progress between 0 and 100),
  constraint guest_data_requests_finished_when_final check ((finished_at is not null) = (status in ('succeeded', 'failed'))),
  constraint guest_data_requests_error_shape check (
    error is null or (jsonb_typeof(error -> 'code') = 'string' and jsonb_typeof(error -> 'message') = 'string'))
);
comment on table public.guest_data_requests is 'GDPR exports and erasures of a guest, carried out by the worker; an erasure''s row is its record.';

create index guest_data_requests_guest_idx on public.guest_data_requests (organization_id, guest_id, created_at desc);
create index guest_data_requests_requested_by_idx on public.guest_data_requests (requested_by);

-- What the erasure does to each table that reaches public.guests through foreign keys.
--   anonymise: personal columns replaced (the guest's row, an order's guest name, a send's recipient);
--   keep:      kept as they are (financial records and their links) apart from the free-text sweep;
--   delete:    deleted (identity documents, predictions about the guest).
create table private.guest_data_rules (
  table_name text primary key,
  action text not null check (action in ('anonymise', 'keep', 'delete')),
  reason text not null
);
insert into private.guest_data_rules (table_name, action, reason) values
  ('public.guests', 'anonymise', 'Name becomes the pseudonym; email, phone, language, notes, tags and consent are cleared.'),
  ('public.bookings', 'keep', 'Stays and their totals are financial records; free text is swept.'),
  ('public.folios', 'keep', 'Folio totals are financial records; a label naming the guest is swept.'),
  ('public.folio_entries', 'keep', 'Charges and payments are financial records.'),
  ('public.orders', 'anonymise', 'The guest name becomes the pseudonym; totals are kept.'),
  ('public.order_items', 'keep', 'Lines of a kept order; notes are swept.'),
  ('public.loyalty_ledger', 'keep', 'Points history of the pseudonymous profile; reasons are swept.'),
  ('public.guest_identity_documents', 'delete', 'Document numbers, nationality and birth date are deleted.'),
  ('public.booking_no_show_risk', 'delete', 'A prediction about the person is deleted.'),
  ('private.workflow_sends', 'anonymise', 'The recipient is cleared; the mail it sent is anonymised.');
-- Tables of the same release (widget holds, Stripe payments), ruled when they exist.
insert into private.guest_data_rules (table_name, action, reason)
select r.table_name, r.action, r.reason
from (values
  ('private.widget_holds', 'keep', 'A hold''s token hash and idempotency key: nothing personal.'),
  ('private.guest_payments', 'keep', 'Payments are financial records; they hold no name or contact.')
) r(table_name, action, reason)
where to_regclass(r.table_name) is not null;

-- ============================================================================================
-- Buckets
-- ============================================================================================

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('guest-exports', 'guest-exports', false, 200 * 1024 * 1024, array['application/zip'])
on conflict (id) do nothing;

-- Only admins and owners of the organization read its exports; only the worker writes them.
create policy "admins can read their organization's guest exports" on storage.objects
  for select to authenticated
  using (bucket_id = 'guest-exports' and private.path_id(name, 1) in (select private.orgs_with_role('admin')));

-- ============================================================================================
-- Queues (no dead letter queue: the worker marks a request failed on its last attempt)
-- ============================================================================================

select pgboss.create_queue(kind, jsonb_build_object(
  'policy', 'standard',
  'retryLimit', 3,
  'retryDelay', 5,
  'retryBackoff', true,
  'retryDelayMax', 300,
  'expireInSeconds', 900,
  'heartbeatSeconds', 10,
  'notify', true))
from unnest(array['guest_export', 'guest_erasure']) kind;

-- ============================================================================================
-- Helper functions: what is the guest's data
-- ============================================================================================

create function private.qualified_name(p_relation regclass)
returns text
language sql
stable
set search_path = ''
as $$
  select n.nspname || '.' || c.relname
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.oid = p_relation;
$$;

-- Every foreign key on a path to public.guests: child table and columns → parent table and columns.
create function private.guest_data_edges()
returns table (child text, parent text, child_columns text[], child_types text[], parent_columns text[])
language sql
stable
set search_path = ''
as $$
  with recursive edges as (
    select c.conrelid as child, c.confrelid as parent,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as child_columns,
      array(select pg_catalog.format_type(a.atttypid, a.atttypmod) from unnest(c.conkey) with ordinality k(n, i)
            join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as child_types,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
            join pg_catalog.pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as parent_columns
    from pg_catalog.pg_constraint c
    where c.contype = 'f' and c.conrelid <> c.confrelid
  ),
  reach as (
    select 'public.guests'::regclass::oid as rel
    union
    select e.child from edges e join reach r on e.parent = r.rel
  )
  select private.qualified_name(e.child), private.qualified_name(e.parent), e.child_columns, e.child_types, e.parent_columns
  from edges e
  where e.parent in (select r.rel from reach r)
  order by 1, 2;
$$;

-- The guest's row and every row that reaches it through foreign keys, as JSON, table by table.
create function private.guest_related_rows(p_guest_id uuid)
returns table (table_name text, row_data jsonb)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_edge record;
  v_condition text;
  v_added bigint;
  v_changed boolean := true;
begin
  create temp table if not exists gdpr_rows (rel text, row_key text, row_data jsonb, primary key (rel, row_key)) on commit drop;
  delete from pg_temp.gdpr_rows;
  insert into pg_temp.gdpr_rows
  select 'public.guests', md5(to_jsonb(g)::text), to_jsonb(g) from public.guests g where g.id = p_guest_id;
  while v_changed loop
    v_changed := false;
    for v_edge in select * from private.guest_data_edges() loop
      select string_agg(format(
          'c.%I = any(array(select (r.row_data ->> %L)::%s from pg_temp.gdpr_rows r where r.rel = %L))',
          v_edge.child_columns[i], v_edge.parent_columns[i], v_edge.child_types[i], v_edge.parent), ' and ')
      into v_condition
      from generate_subscripts(v_edge.child_columns, 1) i;
      execute format(
        'insert into pg_temp.gdpr_rows select %L, md5(to_jsonb(c)::text), to_jsonb(c) from %s c where %s on conflict do nothing',
        v_edge.child, v_edge.child, v_condition);
      get diagnostics v_added = row_count;
      v_changed := v_changed or v_added > 0;
    end loop;
  end loop;
  return query select r.rel, r.row_data from pg_temp.gdpr_rows r order by r.rel, r.row_data ->> 'created_at', r.row_key;
end;
$$;

-- The guest's personal values as they are and as they were (the audit log keeps earlier names,
-- emails and phones): what the erasure replaces and the tests search for.
create function private.guest_personal_terms(p_guest_id uuid)
returns text[]
language sql
stable
security definer
set search_path = ''
as $$
  with guest as (select g.* from public.guests g where g.id = p_guest_id),
  raw as (
    select g.full_name as term from guest g
    union select g.email::text from guest g
    union select g.phone from guest g
    union select ltrim(g.phone, '+') from guest g
    union select a.data ->> f
      from public.audit_log l
      cross join lateral (values (l.old_data), (l.new_data)) a(data)
      cross join unnest(array['full_name', 'email', 'phone']) f
      join guest g on g.organization_id = l.organization_id
      where l.table_schema = 'public' and l.table_name = 'guests' and l.row_id = g.id::text
    union select d.document_number from public.guest_identity_documents d join guest g on g.id = d.guest_id
  )
  select coalesce(array_agg(distinct r.term order by r.term), '{}')
  from raw r
  where r.term is not null and char_length(r.term) >= 3;
$$;

-- Mail sent to the guest: the outbox rows of the workflow sends about the guest's bookings and
-- orders, and the links of their own data requests.
create function private.guest_mail_ids(p_guest_id uuid)
returns setof uuid
language sql
volatile
security definer
set search_path = ''
as $$
  select distinct m
  from private.workflow_sends s
  cross join unnest(s.mail_ids) m
  where s.booking_id in (select (r.row_data ->> 'id')::uuid from private.guest_related_rows(p_guest_id) r where r.table_name = 'public.bookings')
     or s.order_id in (select (r.row_data ->> 'id')::uuid from private.guest_related_rows(p_guest_id) r where r.table_name = 'public.orders')
  union
  select o.id from private.mail_outbox o
  where o.tags ->> 'gdpr_request' in (select q.id::text from public.guest_data_requests q where q.guest_id = p_guest_id);
$$;

-- The guest's ID document jobs: OCR jobs of the organization whose result carries one of the
-- guest's document numbers (a scan is not linked to the guest otherwise).
create function private.guest_ocr_jobs(p_guest_id uuid)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select j.id
  from public.guests g
  join public.jobs j on j.organization_id = g.organization_id and j.kind = 'ocr_id_document'
  where g.id = p_guest_id
    and exists (
      select 1 from public.guest_identity_documents d
      where d.guest_id = g.id and d.document_number is not null
        and j.result::text like '%' || d.document_number || '%');
$$;

-- ID scans of the guest still in storage: the objects of the guest's ID document jobs.
create function private.guest_stored_documents(p_guest_id uuid)
returns table (bucket text, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select distinct o.bucket_id, o.name
  from public.jobs j
  join storage.objects o on o.bucket_id = j.input ->> 'bucket' and o.name = j.input ->> 'name'
  where j.id in (select private.guest_ocr_jobs(p_guest_id));
$$;

-- Everything Roost holds about the guest, for the export: the rows reached through foreign keys
-- (table by table), consent history, messages sent, webhook events carrying the guest's rows,
-- stored documents (listed; the worker adds their bytes to the zip).
create function private.guest_export_data(p_guest_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
  v_tables jsonb;
  v_ids text[];
begin
  select * into v_guest from public.guests g where g.id = p_guest_id;
  if v_guest.id is null or v_guest.erased_at is not null then
    perform private.raise_error('guest_not_found', 'No such guest.', 'P0002');
  end if;
  select coalesce(jsonb_object_agg(t.table_name, t.rows), '{}') into v_tables
  from (
    select r.table_name, jsonb_agg(r.row_data) as rows
    from private.guest_related_rows(p_guest_id) r group by r.table_name
  ) t;
  select array_agg(r.row_data ->> 'id') into v_ids from private.guest_related_rows(p_guest_id) r where r.row_data ? 'id';
  return jsonb_build_object(
    'format', 'roost-guest-export/1',
    'exported_at', now(),
    'organization_id', v_guest.organization_id,
    'guest_id', v_guest.id,
    'tables', v_tables,
    'consent_history', coalesce((
      select jsonb_agg(jsonb_build_object('changed_at', a.created_at, 'action', a.action,
        'marketing_consent', a.new_data -> 'marketing_consent', 'marketing_consent_at', a.new_data -> 'marketing_consent_at')
        order by a.created_at, a.id)
      from public.audit_log a
      where a.organization_id = v_guest.organization_id and a.table_schema = 'public' and a.table_name = 'guests'
        and a.row_id = v_guest.id::text and a.action in ('insert', 'update')
        and (a.action = 'insert' or (a.new_data -> 'marketing_consent') is distinct from (a.old_data -> 'marketing_consent'))), '[]'),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object('id', o.id, 'recipient', o.recipient, 'subject', o.subject, 'text', o.text,
        'html', o.html, 'template', o.template, 'status', o.status, 'created_at', o.created_at, 'sent_at', o.sent_at)
        order by o.created_at)
      from private.mail_outbox o where o.id in (select private.guest_mail_ids(p_guest_id))), '[]'),
    'webhook_events', coalesce((
      select jsonb_agg(jsonb_build_object('id', e.id, 'type', e.type, 'payload', e.payload, 'created_at', e.created_at)
        order by e.created_at)
      from private.webhook_events e
      where e.organization_id = v_guest.organization_id
        and exists (select 1 from unnest(v_ids) i where e.payload::text like '%' || i || '%')), '[]'),
    'documents', coalesce((
      select jsonb_agg(jsonb_build_object('bucket', d.bucket, 'name', d.name) order by d.name)
      from private.guest_stored_documents(p_guest_id) d), '[]')
  );
end;
$$;

-- ============================================================================================
-- Helper functions: the erasure
-- ============================================================================================

-- p_text with every term replaced (case-insensitive, literally).
create function private.redact_text(p_text text, p_terms text[], p_replacement text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_term text;
  v_text text := p_text;
begin
  if v_text is null then
    return null;
  end if;
  foreach v_term in array p_terms loop
    v_text := regexp_replace(v_text, regexp_replace(v_term, '([.^$*+?()\[\]{}|\\-])', '\\\1', 'g'), p_replacement, 'gi');
  end loop;
  return v_text;
end;
$$;

-- Whether p_text holds one of the terms (case-insensitive, literally).
create function private.mentions(p_text text, p_terms text[])
returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(p_text ilike any (
    select '%' || replace(replace(replace(t, '\', '\\'), '%', '\%'), '_', '\_') || '%' from unnest(p_terms) t), false);
$$;

-- Tables the free-text sweep leaves alone: they hold staff, vendors and settings, never a guest,
-- and their emails must stay addresses.
create function private.gdpr_sweep_excluded()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['public.organizations', 'public.memberships', 'public.invitations', 'public.profiles',
    'public.member_property_access', 'public.properties', 'public.vendors', 'public.quote_requests',
    'public.workflows', 'private.webhook_endpoints', 'private.webhook_secrets', 'private.workflow_secrets',
    'public.guest_data_requests'];
$$;

-- Replaces the terms in every text, text[] and JSON column of the organization's rows (tables in
-- public and private with an organization_id), the audit log included. Returns rows changed by table.
create function private.gdpr_sweep(p_organization_id uuid, p_terms text[], p_replacement text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_column record;
  v_likes text[];
  v_json_likes text[];
  v_json_terms text[];
  v_changed bigint;
  v_summary jsonb := '{}';
begin
  if cardinality(p_terms) = 0 then
    return v_summary;
  end if;
  select array_agg('%' || replace(replace(replace(t, '\', '\\'), '%', '\%'), '_', '\_') || '%'),
    array_agg(substr(to_jsonb(t)::text, 2, char_length(to_jsonb(t)::text) - 2))
  into v_likes, v_json_terms
  from unnest(p_terms) t;
  select array_agg('%' || replace(replace(replace(t, '\', '\\'), '%', '\%'), '_', '\_') || '%') into v_json_likes
  from unnest(v_json_terms) t;
  for v_column in
    select c.table_schema || '.' || c.table_name as tbl, c.column_name, c.data_type, c.udt_name,
      -- Rows of the organization: by organization_id, else (notifications) by property.
      case when exists (select 1 from information_schema.columns o where o.table_schema = c.table_schema
          and o.table_name = c.table_name and o.column_name = 'organization_id')
        then 'organization_id = $3'
        else 'property_id in (select p.id from public.properties p where p.organization_id = $3)' end as scope
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema in ('public', 'private')
      and (c.data_type in ('text', 'character varying', 'jsonb', 'json') or c.udt_name in ('citext', '_text'))
      and exists (select 1 from information_schema.columns o where o.table_schema = c.table_schema
        and o.table_name = c.table_name and o.column_name in ('organization_id', 'property_id') and o.udt_name = 'uuid')
      and c.table_schema || '.' || c.table_name <> all(private.gdpr_sweep_excluded())
      and c.column_name not in ('organization_id', 'property_id')
      and (select a.attgenerated from pg_catalog.pg_attribute a
           where a.attrelid = (c.table_schema || '.' || c.table_name)::regclass and a.attname = c.column_name) = ''
    -- The audit log last: the updates before it write audit rows with the old values.
    order by (c.table_schema || '.' || c.table_name) = 'public.audit_log', 1, 2
  loop
    if v_column.data_type in ('jsonb', 'json') then
      execute format(
        'update %1$s set %2$I = private.redact_text(%2$I::text, $1, $2)::%3$s where %4$s and %2$I::text ilike any($4)',
        v_column.tbl, v_column.column_name, v_column.data_type, v_column.scope)
      using v_json_terms, p_replacement, p_organization_id, v_json_likes;
    elsif v_column.udt_name = '_text' then
      execute format(
        'update %1$s set %2$I = array(select private.redact_text(x, $1, $2) from unnest(%2$I) x) '
        'where %3$s and array_to_string(%2$I, chr(31)) ilike any($4)',
        v_column.tbl, v_column.column_name, v_column.scope)
      using p_terms, p_replacement, p_organization_id, v_likes;
    else
      execute format(
        'update %1$s set %2$I = private.redact_text(%2$I::text, $1, $2) where %3$s and %2$I::text ilike any($4)',
        v_column.tbl, v_column.column_name, v_column.scope)
      using p_terms, p_replacement, p_organization_id, v_likes;
    end if;
    get diagnostics v_changed = row_count;
    if v_changed > 0 then
      v_summary := v_summary || jsonb_build_object(v_column.tbl || '.' || v_column.column_name, v_changed);
    end if;
  end loop;
  return v_summary;
end;
$$;

-- A guests row of the audit log as it reads after the erasure: the columns that are not
-- personal (ids, times, the marketing consent record) as logged, every other one as the erased
-- guest's row has it now.
create function private.erased_guest_values(p_data jsonb, p_guest_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select case when p_data is null then null else (
    select jsonb_object_agg(e.key, case
      when e.key in ('id', 'organization_id', 'created_at', 'updated_at', 'marketing_consent', 'marketing_consent_at')
        then e.value
      else coalesce(to_jsonb(g) -> e.key, 'null'::jsonb) end)
    from jsonb_each(p_data) e, public.guests g
    where g.id = p_guest_id) end;
$$;
revoke execute on function private.erased_guest_values(jsonb, uuid) from public, anon, authenticated;

-- The erasure's database part (the worker has already deleted the stored documents): anonymises
-- the guest's row, applies each reached table's rule, anonymises the mail sent to the guest,
-- sweeps the organization's rows (audit log included) for the guest's personal values, and drops
-- the guest's exports from the request rows. Returns the summary (rows by table). Refuses while a
-- table that reaches guests has no rule.
create function private.erase_guest(p_request_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_request public.guest_data_requests;
  v_guest public.guests;
  v_terms text[];
  v_missing text;
  v_pseudonym text;
  v_rows jsonb;
  v_count bigint;
  v_ocr_jobs uuid[];
  v_summary jsonb := '{}';
begin
  select * into v_request from public.guest_data_requests q where q.id = p_request_id and q.kind = 'erasure' for update;
  if v_request.id is null then
    perform private.raise_error('request_not_found', 'No such erasure request.', 'P0002');
  end if;
  select * into v_guest from public.guests g where g.id = v_request.guest_id for update;
  if v_guest.id is null or v_guest.erased_at is not null then
    return jsonb_build_object('already_erased', true);
  end if;
  select string_agg(e.child, ', ') into v_missing
  from (select distinct d.child from private.guest_data_edges() d) e
  where e.child not in (select r.table_name from private.guest_data_rules r);
  if v_missing is not null then
    perform private.raise_error('gdpr_rule_missing', format('No erasure rule for %s.', v_missing), 'P0001');
  end if;

  v_terms := private.guest_personal_terms(v_guest.id);
  v_pseudonym := coalesce(v_request.pseudonym,
    'Erased guest ' || upper(left(replace(gen_random_uuid()::text, '-', ''), 8)));
  select jsonb_object_agg(t.table_name, t.ids) into v_rows
  from (select r.table_name, jsonb_agg(r.row_data -> 'id') as ids
        from private.guest_related_rows(v_guest.id) r where r.row_data ? 'id' group by r.table_name) t;

  -- Mail to the guest first (its ids come through the guest's sends); the local mailbox's copies go.
  delete from private.mailbox m where m.outbox_id in (select private.guest_mail_ids(v_guest.id));
  update private.mail_outbox o
  set recipient = 'erased@erased.invalid', subject = 'Erased message', html = null, text = v_pseudonym,
    reply_to = null, tags = jsonb_build_object('erased', true)
  where o.id in (select private.guest_mail_ids(v_guest.id));
  get diagnostics v_count = row_count;
  v_summary := v_summary || jsonb_build_object('private.mail_outbox', v_count);
  delete from private.mail_attachments a where a.outbox_id in (select private.guest_mail_ids(v_guest.id));

  update private.workflow_sends s set recipient = null
  where s.id in (select (x #>> '{}')::uuid from jsonb_array_elements(coalesce(v_rows -> 'private.workflow_sends', '[]')) x);

  -- What OCR read from the guest's ID documents (names, numbers, dates) goes with them.
  v_ocr_jobs := array(select private.guest_ocr_jobs(v_guest.id));
  update public.jobs j set result = jsonb_build_object('erased', true) where j.id = any(v_ocr_jobs);
  delete from public.guest_identity_documents d where d.guest_id = v_guest.id;
  get diagnostics v_count = row_count;
  v_summary := v_summary || jsonb_build_object('public.guest_identity_documents', v_count);
  delete from public.booking_no_show_risk n
  where n.booking_id in (select (x #>> '{}')::uuid from jsonb_array_elements(coalesce(v_rows -> 'public.bookings', '[]')) x);

  update public.orders o set guest_name = v_pseudonym
  where o.id in (select (x #>> '{}')::uuid from jsonb_array_elements(coalesce(v_rows -> 'public.orders', '[]')) x)
    and o.guest_name is not null;

  update public.guests g set
    full_name = v_pseudonym, email = null, phone = null, language = null, notes = null, tags = '{}',
    marketing_consent = false, marketing_consent_at = null, erased_at = now()
  where g.id = v_guest.id;

  -- The guest's exports are deleted from storage by the worker; their rows no longer point there.
  update public.guest_data_requests q set object_name = null
  where q.guest_id = v_guest.id and q.kind = 'export' and q.object_name is not null;

  -- Notifications mailed to the organization's members name the guest (new booking: <name> …).
  update private.mail_outbox o set
    subject = private.redact_text(o.subject, v_terms, v_pseudonym),
    text = private.redact_text(o.text, v_terms, v_pseudonym),
    html = private.redact_text(o.html, v_terms, v_pseudonym)
  where o.recipient in (select u.email from auth.users u join public.memberships m on m.user_id = u.id
                        where m.organization_id = v_guest.organization_id)
    and (private.mentions(o.subject, v_terms) or private.mentions(o.text, v_terms) or private.mentions(o.html, v_terms));
  update private.mailbox m set
    subject = private.redact_text(m.subject, v_terms, v_pseudonym),
    text = private.redact_text(m.text, v_terms, v_pseudonym),
    html = private.redact_text(m.html, v_terms, v_pseudonym)
  where m.recipient in (select u.email from auth.users u join public.memberships ms on ms.user_id = u.id
                        where ms.organization_id = v_guest.organization_id)
    and (private.mentions(m.subject, v_terms) or private.mentions(m.text, v_terms) or private.mentions(m.html, v_terms));

  -- Webhook responses of the organization's events may echo a payload.
  update private.webhook_deliveries w set
    last_response_excerpt = private.redact_text(w.last_response_excerpt, v_terms, v_pseudonym),
    last_error = private.redact_text(w.last_error, v_terms, v_pseudonym)
  where w.event_id in (select e.id from private.webhook_events e where e.organization_id = v_guest.organization_id)
    and (private.mentions(w.last_response_excerpt, v_terms) or private.mentions(w.last_error, v_terms));

  -- Last: every change above wrote audit rows and webhook events with the old values.
  v_summary := v_summary || jsonb_build_object('swept', private.gdpr_sweep(v_guest.organization_id, v_terms, v_pseudonym));
  -- MRZ fields (surname and given names apart) in the audit rows of the guest's OCR jobs.
  update public.audit_log a set
    old_data = case when a.old_data ? 'result' then jsonb_set(a.old_data, '{result}', '{"erased": true}') else a.old_data end,
    new_data = case when a.new_data ? 'result' then jsonb_set(a.new_data, '{result}', '{"erased": true}') else a.new_data end
  where a.organization_id = v_guest.organization_id and a.table_schema = 'public' and a.table_name = 'jobs'
    and a.row_id = any(v_ocr_jobs::text[]);
  -- The guest's own audit rows keep only what is not personal (ids, times, the consent record):
  -- every other column takes the erased row's value, so free text (notes, tags) that no search
  -- term matches goes too.
  update public.audit_log a set
    old_data = private.erased_guest_values(a.old_data, v_guest.id),
    new_data = private.erased_guest_values(a.new_data, v_guest.id)
  where a.organization_id = v_guest.organization_id and a.table_schema = 'public' and a.table_name = 'guests'
    and a.row_id = v_guest.id::text;
  update public.guest_data_requests q set pseudonym = v_pseudonym where q.id = v_request.id;
  return v_summary;
end;
$$;

-- The objects the erasure deletes from storage: ID scans and the guest's exports.
create function private.guest_erasure_objects(p_guest_id uuid)
returns table (bucket text, name text)
language sql
stable
security definer
set search_path = ''
as $$
  select d.bucket, d.name from private.guest_stored_documents(p_guest_id) d
  union
  select o.bucket_id, o.name
  from storage.objects o
  join public.guest_data_requests q on q.guest_id = p_guest_id and q.kind = 'export'
  where o.bucket_id = 'guest-exports' and o.name like q.organization_id::text || '/' || q.id::text || '/%';
$$;

-- ============================================================================================
-- Triggers
-- ============================================================================================

create trigger guest_data_requests_touch_updated_at before update on public.guest_data_requests
  for each row execute function private.touch_updated_at();
create trigger guest_data_requests_organization_immutable before update on public.guest_data_requests
  for each row execute function private.forbid_organization_change();
create trigger guest_data_requests_audit after insert or update or delete on public.guest_data_requests
  for each row execute function private.record_audit('organization_id');

-- A new request is queued in the same transaction (queue guest_export or guest_erasure).
create function private.enqueue_guest_data_request()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.enqueue_queue_job('guest_' || new.kind, jsonb_build_object(
    'id', new.id,
    'data', jsonb_build_object('requestId', new.id, 'organizationId', new.organization_id, 'kind', new.kind),
    'groupId', new.organization_id::text));
  return null;
end;
$$;

create trigger guest_data_requests_enqueue after insert on public.guest_data_requests
  for each row execute function private.enqueue_guest_data_request();

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.guest_data_requests enable row level security;

create policy "admins can read their organization's guest data requests" on public.guest_data_requests
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('admin')));

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- The guest locked for a data request by an admin of its organization; guest_not_found for
-- guests the caller cannot see and for erased guests (there is nothing left to find).
create function private.lock_guest_for_request(p_guest_id uuid)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
begin
  v_guest := private.lock_guest(p_guest_id, 'admin');
  if v_guest.erased_at is not null then
    perform private.raise_error('guest_not_found', 'No such guest.', 'P0002');
  end if;
  return v_guest;
end;
$$;

-- An export of everything Roost holds about the guest (admins and owners): a zip the worker writes.
create function public.request_guest_export(p_guest_id uuid)
returns public.guest_data_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_guest public.guests := private.lock_guest_for_request(p_guest_id);
  v_request public.guest_data_requests;
begin
  insert into public.guest_data_requests (organization_id, guest_id, kind, channel, requested_by)
  values (v_guest.organization_id, v_guest.id, 'export', 'portal', auth.uid())
  returning * into v_request;
  return v_request;
end;
$$;

-- Erases the guest (admins and owners), confirmed by typing the guest's full name.
create function public.request_guest_erasure(p_guest_id uuid, p_confirm_name text)
returns public.guest_data_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
  v_request public.guest_data_requests;
begin
  perform private.check_input(p_confirm_name is not null and char_length(p_confirm_name) <= 200,
    'invalid_confirm_name', 'Type the guest''s full name to confirm.');
  v_guest := private.lock_guest_for_request(p_guest_id);
  if lower(btrim(p_confirm_name)) <> lower(v_guest.full_name) then
    perform private.raise_error('confirm_name_mismatch', 'The name typed is not the guest''s full name.', '22023');
  end if;
  if exists (select 1 from public.guest_data_requests q
             where q.guest_id = v_guest.id and q.kind = 'erasure' and q.status in ('queued', 'running')) then
    perform private.raise_error('erasure_pending', 'An erasure of this guest is already under way.', 'P0001');
  end if;
  insert into public.guest_data_requests (organization_id, guest_id, kind, channel, requested_by)
  values (v_guest.organization_id, v_guest.id, 'erasure', 'portal', auth.uid())
  returning * into v_request;
  return v_request;
end;
$$;

-- Self-service (anon): a guest asks for their data with a booking reference and their email.
-- When both match a guest on file, an export is queued and its link is mailed to the address on
-- file only; the answer is the same whether or not anything matched (nothing to probe). At most
-- one self-service export per guest every 15 minutes.
create function public.request_my_guest_data(p_booking_reference text, p_email text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reference text := upper(btrim(p_booking_reference));
  v_email text := lower(btrim(p_email));
begin
  perform private.check_input(v_reference is not null and v_reference ~ '^[A-Z0-9]{4,20}$',
    'invalid_booking_reference', 'A booking reference is 4 to 20 letters and digits.');
  perform private.check_input(v_email is not null and private.is_email(v_email),
    'invalid_email', 'Email must be a valid address of at most 254 characters.');
  insert into public.guest_data_requests (organization_id, guest_id, kind, channel)
  select distinct g.organization_id, g.id, 'export', 'self_service'
  from public.bookings b
  join public.guests g on g.organization_id = b.organization_id and g.id = b.guest_id
  where b.reference = v_reference and g.email = v_email::extensions.citext and g.erased_at is null
    and not exists (select 1 from public.guest_data_requests q
      where q.guest_id = g.id and q.channel = 'self_service' and q.created_at > now() - interval '15 minutes');
  return jsonb_build_object('status', 'received',
    'message', 'If the booking reference and email match our records, we will email a download link to that address.');
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.guest_data_requests from anon, authenticated;
grant select on table public.guest_data_requests to authenticated;
revoke all on table private.guest_data_rules from public, anon, authenticated, service_role;

revoke execute on function
  private.qualified_name(regclass),
  private.guest_data_edges(),
  private.guest_related_rows(uuid),
  private.guest_personal_terms(uuid),
  private.guest_mail_ids(uuid),
  private.guest_ocr_jobs(uuid),
  private.guest_stored_documents(uuid),
  private.guest_export_data(uuid),
  private.redact_text(text, text[], text),
  private.mentions(text, text[]),
  private.gdpr_sweep_excluded(),
  private.gdpr_sweep(uuid, text[], text),
  private.erase_guest(uuid),
  private.guest_erasure_objects(uuid),
  private.enqueue_guest_data_request(),
  private.lock_guest_for_request(uuid)
from public, anon, authenticated;

revoke execute on function
  public.request_guest_export(uuid),
  public.request_guest_erasure(uuid, text),
  public.request_my_guest_data(text, text)
from public, anon;
grant execute on function
  public.request_guest_export(uuid),
  public.request_guest_erasure(uuid, text)
to authenticated, service_role;
grant execute on function public.request_my_guest_data(text, text) to anon, authenticated, service_role;
