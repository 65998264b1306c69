-- Jobs: vision and ML work (OCR of uploaded documents, forecasts, no-show risk) that a tenant asks
-- for and the GPU worker (gpu-worker/, docs/decisions/015-gpu-worker-jobs.md) carries out.
--
-- - public.jobs is the tenant-visible record: what to do (kind, input), where it stands (status,
--   progress 0-100, attempts), and what came of it (result, or error {code, message}). Members
--   who work at the property read it (and follow it live: it is in supabase_realtime); staff
--   create jobs through public.create_job or by uploading into a property's inbox; nobody but the
--   worker (service role / database owner) changes a job.
-- - The queue is pg-boss's own schema `pgboss` (pg-boss 12.35.0, schema version 43), installed
--   here from the SQL that library generates (getConstructionPlans), so that a job row and its
--   pg-boss job are written by one trigger in one transaction: a rolled back insert leaves
--   neither, a committed one both. The pg-boss job has the same id as the job row, and a priority
--   that makes organizations take turns (private.enqueue_job). The insert statement in
--   private.enqueue_queue_job is pg-boss's (plans.insertJobs with notify), and
--   gpu-worker/src/jobs/queue.test.ts checks it still matches the installed library.
-- - Uploads into `documents/<organization>/<property>/inbox/<folder>/<file>` create a job:
--     id-documents/ → ocr_id_document   (passports and ID cards at check-in; MRZ fields)
--     receipts/     → ocr_receipt       (receipts and supplier invoices; supplier, date, total)
--     invoices/     → ocr_receipt
--     menus/        → ocr_menu          (paper menus; draft items with prices)
--   Other folders under inbox/ create nothing. A new version (upsert) of an inbox object, or a
--   move into an inbox folder, creates a job too.
-- - properties.id_document_retention says how much of an ID document is kept:
--     'validity_only'       document type, validity and expiry date only; the scan is deleted;
--     'mrz_fields' (default) the MRZ fields for staff to confirm; the scan is deleted;
--     'mrz_fields_and_scan' the MRZ fields, and the scan stays in storage.
--   OCR text lines of an ID document are never stored.

-- ============================================================================================
-- pg-boss 12.35.0 schema (MIT licence), as PgBoss.getConstructionPlans('pgboss') generates it,
-- without its BEGIN/COMMIT and advisory lock (a migration runs in a transaction of its own).
-- ============================================================================================

CREATE SCHEMA IF NOT EXISTS pgboss;

    CREATE TYPE pgboss.job_state AS ENUM (
      'created',
      'retry',
      'active',
      'completed',
      'cancelled',
      'failed'
    )
  ;

    CREATE FUNCTION pgboss.job_now()
    RETURNS timestamp with time zone AS
    $$
      SELECT pg_catalog.now();
    $$
    LANGUAGE sql STABLE;
  ;

    CREATE TABLE pgboss.version (
      version int primary key,
      cron_on timestamp with time zone,
      bam_on timestamp with time zone,
      flow_on timestamp with time zone,
      reindex_on timestamp with time zone,
      monitor_backoff_on timestamp with time zone
    )
  ;

    CREATE TABLE pgboss.queue (
      name text NOT NULL,
      policy text NOT NULL,
      retry_limit int NOT NULL,
      retry_delay int NOT NULL,
      retry_backoff bool NOT NULL,
      retry_delay_max int,
      expire_seconds int NOT NULL,
      retention_seconds int NOT NULL,
      deletion_seconds int NOT NULL,
      dead_letter text REFERENCES pgboss.queue (name) CHECK (dead_letter IS DISTINCT FROM name),
      partition bool NOT NULL,
      table_name text NOT NULL,
      deferred_count int NOT NULL default 0,
      queued_count int NOT NULL default 0,
      ready_count int NOT NULL default 0,
      warning_queued int NOT NULL default 0,
      active_count int NOT NULL default 0,
      failed_count int NOT NULL default 0,
      total_count int NOT NULL default 0,
      created_delta int NOT NULL default 0,
      completed_delta int NOT NULL default 0,
      failed_delta int NOT NULL default 0,
      delta_on timestamp with time zone,
      delta_seconds int,
      ready_history int[] NOT NULL default '{}',
      heartbeat_seconds int,
      notify bool NOT NULL DEFAULT false,
      singletons_active text[],
      monitor_claim_on timestamp with time zone,
      monitor_on timestamp with time zone,
      maintain_on timestamp with time zone,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY (name)
    )
  ;

    CREATE TABLE pgboss.schedule (
      name text REFERENCES pgboss.queue ON DELETE CASCADE,
      key text not null DEFAULT '',
      kind text not null DEFAULT 'cron' CHECK (kind IN ('cron', 'rrule')),
      cron text not null,
      timezone text DEFAULT 'UTC',
      data jsonb,
      options jsonb,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      last_job_id uuid,
      PRIMARY KEY (name, key)
    )
  ;

    CREATE TABLE pgboss.subscription (
      event text not null,
      name text not null REFERENCES pgboss.queue ON DELETE CASCADE,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY(event, name)
    )
  ;

    CREATE TABLE pgboss.bam (
      id uuid PRIMARY KEY default gen_random_uuid(),
      name text NOT NULL,
      version int NOT NULL,
      status text NOT NULL DEFAULT 'pending',
      queue text,
      table_name text NOT NULL,
      command text NOT NULL,
      error text,
      created_on timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
      started_on timestamp with time zone,
      completed_on timestamp with time zone
    )
  ;

    CREATE FUNCTION pgboss.job_table_format(command text, table_name text)
    RETURNS text AS
    $$
      SELECT format(
        regexp_replace(
          regexp_replace(command, '\.job\y', '.%1$I', 'g'),
          '\yjob_i(\d+)', '%1$s_i\1', 'g'
        ),
        table_name
      );
    $$
    LANGUAGE sql IMMUTABLE;
  ;

    CREATE FUNCTION pgboss.job_table_run(command text, tbl_name text DEFAULT NULL, queue_name text DEFAULT NULL)
    RETURNS VOID AS
    $$
    DECLARE
      tbl RECORD;
    BEGIN
      IF queue_name IS NOT NULL THEN
        SELECT table_name INTO tbl_name FROM pgboss.queue WHERE name = queue_name;
      END IF;

      IF tbl_name IS NOT NULL THEN
        EXECUTE pgboss.job_table_format(command, tbl_name);
        RETURN;
      END IF;

      EXECUTE pgboss.job_table_format(command, 'job_common');

      FOR tbl IN SELECT table_name FROM pgboss.queue WHERE partition = true
      LOOP
        EXECUTE pgboss.job_table_format(command, tbl.table_name);
      END LOOP;
    END;
    $$
    LANGUAGE plpgsql;
  ;

    CREATE FUNCTION pgboss.job_table_run_async(command_name text, version int, command text, tbl_name text DEFAULT NULL, queue_name text DEFAULT NULL)
    RETURNS VOID AS
    $$
    BEGIN
      IF queue_name IS NOT NULL THEN
        SELECT table_name INTO tbl_name FROM pgboss.queue WHERE name = queue_name;
      END IF;

      IF tbl_name IS NOT NULL THEN
        INSERT INTO pgboss.bam (name, version, status, queue, table_name, command)
        VALUES (
          command_name,
          version,
          'pending',
          queue_name,
          tbl_name,
          pgboss.job_table_format(command, tbl_name)
        );
        RETURN;
      END IF;

      INSERT INTO pgboss.bam (name, version, status, queue, table_name, command)
      SELECT
        command_name,
        version,
        'pending',
        NULL,
        'job_common',
        pgboss.job_table_format(command, 'job_common')
      UNION ALL
      SELECT
        command_name,
        version,
        'pending',
        queue.name,
        queue.table_name,
        pgboss.job_table_format(command, queue.table_name)
      FROM pgboss.queue
      WHERE partition = true;
    END;
    $$
    LANGUAGE plpgsql;
  ;

    CREATE TABLE pgboss.job (
      id uuid not null default gen_random_uuid(),
      name text not null,
      priority integer not null default(0),
      data jsonb,
      state pgboss.job_state not null default 'created',
      retry_limit integer not null default 2,
      retry_count integer not null default 0,
      retry_delay integer not null default 0,
      retry_backoff boolean not null default false,
      retry_delay_max integer,
      expire_seconds int not null default 900,
      deletion_seconds int not null default 604800,
      singleton_key text,
      singleton_on timestamp without time zone,
      group_id text,
      group_tier text,
      start_after timestamp with time zone not null default now(),
      created_on timestamp with time zone not null default now(),
      started_on timestamp with time zone,
      completed_on timestamp with time zone,
      keep_until timestamp with time zone NOT NULL default now() + interval '1209600',
      output jsonb,
      dead_letter text,
      policy text,
      heartbeat_on timestamp with time zone,
      heartbeat_seconds int,
      blocked boolean not null default false,
      blocking boolean not null default false,
      pending_dependencies int not null default 0,
      source_name text,
      source_id uuid,
      source_created_on timestamp with time zone,
      source_retry_count int,
      source_output jsonb,
      source_root_id uuid
    ) PARTITION BY LIST (name)
  ;
ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id);

    CREATE TABLE pgboss.job_common (LIKE pgboss.job INCLUDING GENERATED INCLUDING DEFAULTS);

    SELECT pgboss.job_table_run($cmd$ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id)$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$ALTER TABLE pgboss.job ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$ALTER TABLE pgboss.job ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE UNIQUE INDEX job_i1 ON pgboss.job (name, COALESCE(singleton_key, '')) WHERE state = 'created' AND policy = 'short'$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE UNIQUE INDEX job_i2 ON pgboss.job (name, COALESCE(singleton_key, '')) WHERE state = 'active' AND policy = 'singleton'$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE UNIQUE INDEX job_i3 ON pgboss.job (name, state, COALESCE(singleton_key, '')) WHERE state <= 'active' AND policy = 'stately'$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE UNIQUE INDEX job_i6 ON pgboss.job (name, COALESCE(singleton_key, '')) WHERE state <= 'active' AND policy = 'exclusive'$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE UNIQUE INDEX job_i8 ON pgboss.job (name, singleton_key) WHERE state IN ('active', 'retry', 'failed') AND policy = 'key_strict_fifo'$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE INDEX job_i10 ON pgboss.job (name, singleton_key, state DESC, created_on, id) INCLUDE (start_after) WHERE state < 'active' AND NOT blocked AND policy = 'key_strict_fifo'$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$ALTER TABLE pgboss.job ADD CONSTRAINT job_key_strict_fifo_singleton_key_check CHECK (NOT (policy = 'key_strict_fifo' AND singleton_key IS NULL))$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE UNIQUE INDEX job_i4 ON pgboss.job (name, singleton_on, COALESCE(singleton_key, '')) WHERE state <> 'cancelled' AND singleton_on IS NOT NULL$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE INDEX job_i11 ON pgboss.job (name, priority DESC, created_on, start_after) WHERE state < 'active' AND NOT blocked$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE INDEX job_i7 ON pgboss.job (name, group_id) WHERE state = 'active' AND group_id IS NOT NULL$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE INDEX job_i9 ON pgboss.job (name, id) WHERE blocking AND state = 'completed'$cmd$, 'job_common');
    SELECT pgboss.job_table_run($cmd$CREATE INDEX job_i12 ON pgboss.job (source_root_id) WHERE source_root_id IS NOT NULL$cmd$, 'job_common');

    ALTER TABLE pgboss.job ATTACH PARTITION pgboss.job_common DEFAULT;
  ;

    CREATE TABLE pgboss.warning (
      id uuid PRIMARY KEY default gen_random_uuid(),
      type text NOT NULL,
      message text NOT NULL,
      data jsonb,
      created_on timestamp with time zone NOT NULL DEFAULT now()
    )
  ;
CREATE INDEX warning_i1 ON pgboss.warning (created_on DESC);

    CREATE TABLE pgboss.queue_stats (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name text NOT NULL,
      deferred_count int NOT NULL DEFAULT 0,
      queued_count   int NOT NULL DEFAULT 0,
      ready_count    int NOT NULL DEFAULT 0,
      active_count   int NOT NULL DEFAULT 0,
      failed_count   int NOT NULL DEFAULT 0,
      total_count    int NOT NULL DEFAULT 0,
      created_delta   int,
      completed_delta int,
      failed_delta    int,
      delta_seconds   int,
      delta_on        timestamptz,
      captured_on timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (id, captured_on)
    ) PARTITION BY RANGE (captured_on)
  ;
CREATE INDEX queue_stats_i1 ON pgboss.queue_stats (name, captured_on DESC) INCLUDE (deferred_count, queued_count, ready_count, active_count, failed_count, total_count);

    DO $$
    DECLARE
      d date;
      i int;
      part_name text;
    BEGIN
      FOR i IN 0..1 LOOP
        d := (pgboss.job_now() AT TIME ZONE 'UTC')::date + i;
        part_name := 'queue_stats_' || to_char(d, 'YYYYMMDD');
        IF NOT EXISTS (
          SELECT 1 FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'pgboss' AND c.relname = part_name
        ) THEN
          EXECUTE format(
            'CREATE TABLE pgboss.%I PARTITION OF pgboss.queue_stats FOR VALUES FROM (%L) TO (%L)',
            part_name,
            to_char(d, 'YYYY-MM-DD') || ' 00:00:00+00',
            to_char(d + 1, 'YYYY-MM-DD') || ' 00:00:00+00'
          );
        END IF;
      END LOOP;
    END;
    $$
  ;

    CREATE TABLE pgboss.job_dependency (
      child_name text NOT NULL,
      child_id uuid NOT NULL,
      parent_name text NOT NULL,
      parent_id uuid NOT NULL,
      PRIMARY KEY (child_name, child_id, parent_name, parent_id)
    )
  ;
CREATE INDEX IF NOT EXISTS job_dep_parent_idx ON pgboss.job_dependency (parent_name, parent_id);

    CREATE FUNCTION pgboss.create_queue(queue_name text, options jsonb)
    RETURNS VOID AS
    $$
    DECLARE
      tablename varchar := CASE WHEN options->>'partition' = 'true'
                            THEN 'j' || encode(sha224(queue_name::bytea), 'hex')
                            ELSE 'job_common'
                            END;
      queue_created_on timestamptz;
    BEGIN

      WITH q as (
        INSERT INTO pgboss.queue (
          name,
          policy,
          retry_limit,
          retry_delay,
          retry_backoff,
          retry_delay_max,
          expire_seconds,
          retention_seconds,
          deletion_seconds,
          warning_queued,
          dead_letter,
          partition,
          table_name,
          heartbeat_seconds,
          notify,
          created_on,
          updated_on
        )
        VALUES (
          queue_name,
          options->>'policy',
          COALESCE((options->>'retryLimit')::int, 2),
          COALESCE((options->>'retryDelay')::int, 0),
          COALESCE((options->>'retryBackoff')::bool, false),
          (options->>'retryDelayMax')::int,
          COALESCE((options->>'expireInSeconds')::int, 900),
          COALESCE((options->>'retentionSeconds')::int, 1209600),
          COALESCE((options->>'deleteAfterSeconds')::int, 604800),
          COALESCE((options->>'warningQueueSize')::int, 0),
          options->>'deadLetter',
          COALESCE((options->>'partition')::bool, false),
          tablename,
          (options->>'heartbeatSeconds')::int,
          COALESCE((options->>'notify')::bool, false),
          pgboss.job_now(),
          pgboss.job_now()
        )
        ON CONFLICT DO NOTHING
        RETURNING created_on
      )
      SELECT created_on into queue_created_on from q;

      IF queue_created_on IS NULL OR options->>'partition' IS DISTINCT FROM 'true' THEN
        RETURN;
      END IF;

      EXECUTE format('CREATE TABLE pgboss.%I (LIKE pgboss.job INCLUDING DEFAULTS)', tablename);

      EXECUTE pgboss.job_table_format($cmd$ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id)$cmd$, tablename);
      EXECUTE pgboss.job_table_format($cmd$ALTER TABLE pgboss.job ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED$cmd$, tablename);
      EXECUTE pgboss.job_table_format($cmd$ALTER TABLE pgboss.job ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED$cmd$, tablename);

      EXECUTE pgboss.job_table_format($cmd$CREATE INDEX job_i11 ON pgboss.job (name, priority DESC, created_on, start_after) WHERE state < 'active' AND NOT blocked$cmd$, tablename);
      EXECUTE pgboss.job_table_format($cmd$CREATE UNIQUE INDEX job_i4 ON pgboss.job (name, singleton_on, COALESCE(singleton_key, '')) WHERE state <> 'cancelled' AND singleton_on IS NOT NULL$cmd$, tablename);
      EXECUTE pgboss.job_table_format($cmd$CREATE INDEX job_i7 ON pgboss.job (name, group_id) WHERE state = 'active' AND group_id IS NOT NULL$cmd$, tablename);
      EXECUTE pgboss.job_table_format($cmd$CREATE INDEX job_i9 ON pgboss.job (name, id) WHERE blocking AND state = 'completed'$cmd$, tablename);
      EXECUTE pgboss.job_table_format($cmd$CREATE INDEX job_i12 ON pgboss.job (source_root_id) WHERE source_root_id IS NOT NULL$cmd$, tablename);

      IF options->>'policy' = 'short' THEN
        EXECUTE pgboss.job_table_format($cmd$CREATE UNIQUE INDEX job_i1 ON pgboss.job (name, COALESCE(singleton_key, '')) WHERE state = 'created' AND policy = 'short'$cmd$, tablename);
      ELSIF options->>'policy' = 'singleton' THEN
        EXECUTE pgboss.job_table_format($cmd$CREATE UNIQUE INDEX job_i2 ON pgboss.job (name, COALESCE(singleton_key, '')) WHERE state = 'active' AND policy = 'singleton'$cmd$, tablename);
      ELSIF options->>'policy' = 'stately' THEN
        EXECUTE pgboss.job_table_format($cmd$CREATE UNIQUE INDEX job_i3 ON pgboss.job (name, state, COALESCE(singleton_key, '')) WHERE state <= 'active' AND policy = 'stately'$cmd$, tablename);
      ELSIF options->>'policy' = 'exclusive' THEN
        EXECUTE pgboss.job_table_format($cmd$CREATE UNIQUE INDEX job_i6 ON pgboss.job (name, COALESCE(singleton_key, '')) WHERE state <= 'active' AND policy = 'exclusive'$cmd$, tablename);
      ELSIF options->>'policy' = 'key_strict_fifo' THEN
        EXECUTE pgboss.job_table_format($cmd$CREATE UNIQUE INDEX job_i8 ON pgboss.job (name, singleton_key) WHERE state IN ('active', 'retry', 'failed') AND policy = 'key_strict_fifo'$cmd$, tablename);
        EXECUTE pgboss.job_table_format($cmd$CREATE INDEX job_i10 ON pgboss.job (name, singleton_key, state DESC, created_on, id) INCLUDE (start_after) WHERE state < 'active' AND NOT blocked AND policy = 'key_strict_fifo'$cmd$, tablename);
        EXECUTE pgboss.job_table_format($cmd$ALTER TABLE pgboss.job ADD CONSTRAINT job_key_strict_fifo_singleton_key_check CHECK (NOT (policy = 'key_strict_fifo' AND singleton_key IS NULL))$cmd$, tablename);
      END IF;

      EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT cjc CHECK (name=%L)', tablename, queue_name);
      EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%I FOR VALUES IN (%L)', tablename, queue_name);
    END;
    $$
    LANGUAGE plpgsql;
  ;

    CREATE FUNCTION pgboss.delete_queue(queue_name text)
    RETURNS VOID AS
    $$
    DECLARE
      v_table varchar;
      v_partition bool;
    BEGIN

      SELECT table_name, partition
      FROM pgboss.queue
      WHERE name = queue_name
      INTO v_table, v_partition;

      IF v_partition THEN
        EXECUTE format('DROP TABLE IF EXISTS pgboss.%I', v_table);
      ELSE
        EXECUTE format('DELETE FROM pgboss.%I WHERE name = %L', v_table, queue_name);
      END IF;

      DELETE FROM pgboss.queue WHERE name = queue_name;
    END;
    $$
    LANGUAGE plpgsql;
  ;
INSERT INTO pgboss.version(version) VALUES ('43');

-- pg-boss is the worker's private machinery: nothing for the API roles.
revoke all on schema pgboss from public;
revoke all on all tables in schema pgboss from public, anon, authenticated;
revoke execute on all functions in schema pgboss from public, anon, authenticated;
-- Foreign keys of pg-boss's tables that it leaves unindexed (Roost indexes every foreign key).
create index queue_dead_letter_idx on pgboss.queue (dead_letter);
create index subscription_name_idx on pgboss.subscription (name);
create index job_dead_letter_idx on pgboss.job (dead_letter);
-- The fair queueing of private.enqueue_job: an organization's last waiting job in a queue.
create index job_group_waiting_idx on pgboss.job (name, group_id, priority) where state < 'active';

-- ============================================================================================
-- Queues: one per job kind, and one dead letter queue. The worker may tune retries and expiry at
-- start (boss.updateQueue); these are the defaults.
-- ============================================================================================

select pgboss.create_queue('jobs_dead_letter', '{"policy": "standard", "retryLimit": 0}'::jsonb);
select pgboss.create_queue(kind, jsonb_build_object(
  'policy', 'standard',
  'retryLimit', 3,
  'retryDelay', 5,
  'retryBackoff', true,
  'retryDelayMax', 300,
  'expireInSeconds', 300,
  'deadLetter', 'jobs_dead_letter',
  'notify', true))
from unnest(array['ocr_id_document', 'ocr_receipt', 'ocr_menu', 'forecast', 'no_show_risk']) kind;

-- ============================================================================================
-- Validation helpers (used by check constraints)
-- ============================================================================================

create function private.is_job_kind(p_kind text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_kind in ('ocr_id_document', 'ocr_receipt', 'ocr_menu', 'forecast', 'no_show_risk');
$$;

-- A job's input for its kind: OCR reads one object of the documents bucket under the job's own
-- organization and property (an object in the inbox's id-documents/ folder only as an ID document,
-- so that no other kind stores its OCR text); forecasts and no-show risk take an optional horizon
-- in days.
create function private.is_job_input(p_kind text, p_input jsonb, p_organization_id uuid, p_property_id uuid)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select jsonb_typeof(p_input) = 'object' and pg_column_size(p_input) <= 2048 and case
    when p_kind like 'ocr\_%' then
      (select count(*) from jsonb_object_keys(p_input)) = 2
      and p_input ->> 'bucket' = 'documents'
      and jsonb_typeof(p_input -> 'name') = 'string'
      and char_length(p_input ->> 'name') <= 1024
      and starts_with(p_input ->> 'name', format('%s/%s/', p_organization_id, p_property_id))
      and p_input ->> 'name' !~ '(^|/)\.\.?(/|$)'
      and right(p_input ->> 'name', 1) <> '/'
      and (p_kind = 'ocr_id_document' or split_part(p_input ->> 'name', '/', 3) <> 'inbox'
        or split_part(p_input ->> 'name', '/', 4) <> 'id-documents')
    when p_kind in ('forecast', 'no_show_risk') then
      not exists (select 1 from jsonb_object_keys(p_input) k where k <> 'horizonDays')
      and (not p_input ? 'horizonDays'
        or (jsonb_typeof(p_input -> 'horizonDays') = 'number'
          and (p_input ->> 'horizonDays') ~ '^[0-9]{1,3}$'
          and (p_input ->> 'horizonDays')::integer between 1 and 90))
    else false
  end;
$$;

-- ============================================================================================
-- Tables
-- ============================================================================================

alter table public.properties add column id_document_retention text not null default 'mrz_fields';
alter table public.properties add constraint properties_id_document_retention_valid
  check (id_document_retention in ('validity_only', 'mrz_fields', 'mrz_fields_and_scan'));
comment on column public.properties.id_document_retention is
  'How much of a scanned ID document Roost keeps: validity_only, mrz_fields (default) or mrz_fields_and_scan.';

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  kind text not null,
  input jsonb not null default '{}'::jsonb,
  status text not null default 'queued',
  progress smallint not null default 0,
  result jsonb,
  error jsonb,
  attempts integer not null default 0,
  created_by uuid references auth.users (id) on delete set null,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint jobs_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint jobs_kind_valid check (private.is_job_kind(kind)),
  constraint jobs_input_valid check (private.is_job_input(kind, input, organization_id, property_id)),
  constraint jobs_status_valid check (status in ('queued', 'running', 'succeeded', 'failed', 'dead')),
  constraint jobs_progress_range check (progress between 0 and 100),
  constraint jobs_attempts_range check (attempts between 0 and 1000),
  constraint jobs_result_object check (
    result is null or (jsonb_typeof(result) = 'object' and pg_column_size(result) <= 1048576)
  ),
  constraint jobs_error_shape check (
    error is null or (
      jsonb_typeof(error -> 'code') = 'string' and jsonb_typeof(error -> 'message') = 'string'
      and pg_column_size(error) <= 8192
    )
  ),
  constraint jobs_result_only_when_succeeded check (result is null or status = 'succeeded'),
  constraint jobs_finished_when_final check ((finished_at is not null) = (status in ('succeeded', 'failed', 'dead')))
);
comment on table public.jobs is 'Vision and ML work for a property, carried out by the GPU worker (one pg-boss job each).';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index jobs_organization_property_idx on public.jobs (organization_id, property_id, created_at desc);
create index jobs_property_id_idx on public.jobs (property_id, created_at desc);
create index jobs_created_by_idx on public.jobs (created_by);

-- ============================================================================================
-- Triggers
-- ============================================================================================

create trigger jobs_touch_updated_at before update on public.jobs
  for each row execute function private.touch_updated_at();
create trigger jobs_organization_immutable before update on public.jobs
  for each row execute function private.forbid_organization_change();
create trigger jobs_audit after insert or update or delete on public.jobs
  for each row execute function private.record_audit('organization_id');

-- Inserts one job into a pg-boss queue with pg-boss's own statement (plans.insertJobs of
-- 12.35.0, notify on: committed with the transaction, it wakes the worker at once). p_job holds
-- the fields of pg-boss's job payload (id, data, groupId, ...).
create function private.enqueue_queue_job(p_queue text, p_job jsonb)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if not exists (select 1 from pgboss.queue q where q.name = p_queue) then
    perform private.raise_error('queue_not_found', format('No pg-boss queue %s.', p_queue), 'P0002');
  end if;
  execute format($pgboss$
    WITH ins AS (

    INSERT INTO pgboss.job (
      id,
      name,
      data,
      priority,
      start_after,
      created_on,
      singleton_key,
      singleton_on,
      group_id,
      group_tier,
      expire_seconds,
      deletion_seconds,
      keep_until,
      retry_limit,
      retry_delay,
      retry_backoff,
      retry_delay_max,
      policy,
      dead_letter,
      heartbeat_seconds,
      blocked,
      blocking,
      pending_dependencies
    )
    SELECT
      COALESCE(id, gen_random_uuid()) as id,
      %1$L as name,
      data,
      COALESCE(priority, 0) as priority,
      j.start_after,
      pgboss.job_now() as created_on,
      "singletonKey",
      CASE

        WHEN "singletonSeconds" IS NOT NULL THEN 'epoch'::timestamp + '1s'::interval * ("singletonSeconds"::float8 * floor(( date_part('epoch', pgboss.job_now()) + COALESCE("singletonOffset",0)::float8) / "singletonSeconds"::float8 ))
        ELSE NULL
        END as singleton_on,
      "groupId" as group_id,
      "groupTier" as group_tier,
      COALESCE("expireInSeconds", q.expire_seconds) as expire_seconds,
      COALESCE("deleteAfterSeconds", q.deletion_seconds) as deletion_seconds,
      j.start_after + (COALESCE("retentionSeconds", q.retention_seconds) * interval '1s') as keep_until,
      COALESCE("retryLimit", q.retry_limit) as retry_limit,
      COALESCE("retryDelay", q.retry_delay) as retry_delay,
      COALESCE("retryBackoff", q.retry_backoff, false) as retry_backoff,
      COALESCE("retryDelayMax", q.retry_delay_max) as retry_delay_max,
      q.policy,
      COALESCE("deadLetter", q.dead_letter) as dead_letter,
      COALESCE("heartbeatSeconds", q.heartbeat_seconds) as heartbeat_seconds,
      COALESCE(blocked, false) as blocked,
      COALESCE(blocking, false) as blocking,
      COALESCE("pendingDependencies", 0) as pending_dependencies
    FROM (
      SELECT *,
        CASE
          WHEN (right("startAfter", 1) = 'Z' OR "startAfter" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN CAST("startAfter" as timestamp with time zone)
          ELSE pgboss.job_now() + CAST(COALESCE("startAfter",'0') as interval)
          END as start_after
      FROM json_to_recordset($1::text::json) as x (
        id uuid,
        priority integer,
        data jsonb,
        "startAfter" text,
        "retryLimit" integer,
        "retryDelay" integer,
        "retryDelayMax" integer,
        "retryBackoff" boolean,
        "singletonKey" text,
        "singletonSeconds" integer,
        "singletonOffset" integer,

        "groupId" text,
        "groupTier" text,
        "expireInSeconds" integer,
        "deleteAfterSeconds" integer,
        "retentionSeconds" integer,
        "deadLetter" text,
        "heartbeatSeconds" integer,
        blocked boolean,
        blocking boolean,
        "pendingDependencies" integer
      )
    ) j
    JOIN pgboss.queue q ON q.name = %1$L
    ON CONFLICT DO NOTHING
    RETURNING id, start_after

    ),
    notified AS (
      SELECT pg_notify(('pgboss_' || left(encode(sha224('pgboss'::bytea), 'hex'), 24)), %1$L)
      FROM ins WHERE start_after <= pgboss.job_now() LIMIT 1
    )
    SELECT id FROM ins WHERE (SELECT count(*) FROM notified) >= 0
  $pgboss$, p_queue)
  into v_id
  using jsonb_build_array(p_job)::text;
  return v_id;
end;
$$;

-- Every new job row is queued in the same transaction, as a pg-boss job with the row's id and the
-- organization as its group. Fairness between organizations is round-robin through pg-boss's
-- priority (workers fetch by priority, then age): an organization's n-th waiting job goes n rounds
-- behind the job at the head of the queue, so one tenant's 10,000 uploads take turns with another
-- tenant's single job instead of going before it. (A burst never jumps ahead of a backlog either:
-- a new tenant's first job joins the current round.)
create function private.enqueue_job()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_group text := new.organization_id::text;
  v_priority integer;
begin
  select min(j.priority) - 1 into v_priority
  from pgboss.job j
  where j.name = new.kind and j.group_id = v_group and j.state < 'active';
  if v_priority is null then
    select coalesce(max(j.priority), 0) into v_priority
    from pgboss.job j
    where j.name = new.kind and j.state < 'active' and not j.blocked;
  end if;
  perform private.enqueue_queue_job(new.kind, jsonb_build_object(
    'id', new.id,
    'data', jsonb_build_object('jobId', new.id, 'organizationId', new.organization_id, 'kind', new.kind),
    'groupId', v_group,
    'priority', v_priority
  ));
  return null;
end;
$$;

create trigger jobs_enqueue after insert on public.jobs
  for each row execute function private.enqueue_job();

-- The job kind an inbox folder stands for, or null.
create function private.inbox_job_kind(p_folder text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case p_folder
    when 'id-documents' then 'ocr_id_document'
    when 'receipts' then 'ocr_receipt'
    when 'invoices' then 'ocr_receipt'
    when 'menus' then 'ocr_menu'
  end;
$$;

-- An object uploaded to documents/<org>/<property>/inbox/<folder>/<file> becomes a job. The
-- storage policies already checked the uploader works at that property; the property must still
-- belong to the organization of the path (the service role bypasses those policies).
create function private.create_job_for_upload()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_organization uuid := private.path_id(new.name, 1);
  v_property uuid := private.path_id(new.name, 2);
  v_kind text := private.inbox_job_kind(split_part(new.name, '/', 4));
  v_input jsonb := jsonb_build_object('bucket', new.bucket_id, 'name', new.name);
begin
  if v_kind is null or v_property is null or split_part(new.name, '/', 5) = ''
     or not exists (select 1 from public.properties p where p.id = v_property and p.organization_id = v_organization)
     or not private.is_job_input(v_kind, v_input, v_organization, v_property) then
    return null;
  end if;
  insert into public.jobs (organization_id, property_id, kind, input, created_by)
  values (v_organization, v_property, v_kind, v_input,
    (select u.id from auth.users u where u.id = new.owner));
  return null;
end;
$$;

create trigger objects_create_inbox_job after insert on storage.objects
  for each row when (new.bucket_id = 'documents' and split_part(new.name, '/', 3) = 'inbox')
  execute function private.create_job_for_upload();
-- An upsert replaces an object in place (UPDATE with a new version) and a move renames it: either
-- puts a new document at an inbox path, so it is a job as much as a first upload is. Updates that
-- keep the name and version (metadata, last access) create nothing.
create trigger objects_create_inbox_job_on_change after update on storage.objects
  for each row when (new.bucket_id = 'documents' and split_part(new.name, '/', 3) = 'inbox'
    and (new.version is distinct from old.version or new.name is distinct from old.name
      or new.bucket_id is distinct from old.bucket_id))
  execute function private.create_job_for_upload();

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.jobs enable row level security;

create policy "members can read jobs of properties they work in" on public.jobs
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- Queues a job for a property where the caller works as staff or above. OCR kinds name an
-- existing object of that property in the documents bucket ({"bucket": "documents", "name":
-- "<org>/<property>/..."}); forecast and no_show_risk take {"horizonDays": 1..90} or {}.
create function public.create_job(p_property_id uuid, p_kind text, p_input jsonb default '{}'::jsonb)
returns public.jobs
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_property public.properties;
  v_job public.jobs;
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.check_input(private.is_job_kind(p_kind), 'invalid_kind',
    'Kind must be one of ocr_id_document, ocr_receipt, ocr_menu, forecast, no_show_risk.');
  perform private.check_input(p_input is not null and jsonb_typeof(p_input) = 'object' and pg_column_size(p_input) <= 2048,
    'invalid_input', 'Input must be a JSON object of at most 2 KB.');
  perform private.require_user();
  select * into v_property from public.properties p where p.id = p_property_id;
  if v_property.id is null or not private.can_access_property(p_property_id, 'staff') then
    perform private.raise_error('property_not_found', 'No such property, or you do not work there.', 'P0002');
  end if;
  perform private.check_input(private.is_job_input(p_kind, p_input, v_property.organization_id, v_property.id),
    'invalid_input', 'Input does not fit the job kind (OCR: {"bucket": "documents", "name": "<org>/<property>/…"}; '
      || 'forecast, no_show_risk: {"horizonDays": 1..90} or {}).');
  if p_kind like 'ocr\_%' and not exists (
    select 1 from storage.objects o where o.bucket_id = p_input ->> 'bucket' and o.name = p_input ->> 'name'
  ) then
    perform private.raise_error('object_not_found', 'No such document at this property.', 'P0002');
  end if;
  insert into public.jobs (organization_id, property_id, kind, input, created_by)
  values (v_property.organization_id, v_property.id, p_kind, p_input, auth.uid())
  returning * into v_job;
  return v_job;
end;
$$;

-- ============================================================================================
-- Realtime
-- ============================================================================================

alter publication supabase_realtime add table public.jobs;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.jobs from anon, authenticated;
grant select on table public.jobs to authenticated;

revoke execute on function
  private.is_job_kind(text),
  private.is_job_input(text, jsonb, uuid, uuid),
  private.enqueue_queue_job(text, jsonb),
  private.enqueue_job(),
  private.inbox_job_kind(text),
  private.create_job_for_upload()
from public, anon, authenticated;

revoke execute on function public.create_job(uuid, text, jsonb) from public, anon;
grant execute on function public.create_job(uuid, text, jsonb) to authenticated, service_role;
