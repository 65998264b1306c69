// All SQL of the worker on public.jobs, as the database owner (the worker is the one writer of a
// job's status). Every write is guarded by the status it expects, so a retried or duplicated
// pg-boss job never writes a result twice: once a job is succeeded, failed or dead it is final.
import type { Sql } from 'postgres';
import { JobError, type JobErrorJson } from './errors.ts';
import type { FinalStatus, FinishedJob } from './handler.ts';
import type { JobKind } from './kinds.ts';

export interface JobRow {
  id: string;
  organizationId: string;
  propertyId: string;
  kind: JobKind;
  input: Record<string, unknown>;
  attempts: number;
  /** The x-request-id of the request that created the job (decision 039), or null. */
  requestId: string | null;
}

const FINAL = ['succeeded', 'failed', 'dead'];

export function createJobStore(sql: Sql) {
  return {
    /** Starts an attempt of each job that is not final yet; final or missing jobs are left out. */
    async startAttempts(ids: string[]): Promise<JobRow[]> {
      if (ids.length === 0) return [];
      return sql<JobRow[]>`
        update public.jobs
        set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now())
        where id = any(${ids}::uuid[]) and status <> all(${FINAL}::text[])
        returning id, organization_id as "organizationId", property_id as "propertyId", kind, input, attempts,
          request_id as "requestId"`;
    },

    /** Progress of a running job, never backwards. */
    async setProgress(id: string, percent: number): Promise<void> {
      const value = Math.max(0, Math.min(100, Math.round(percent)));
      await sql`
        update public.jobs set progress = ${value}
        where id = ${id} and status = 'running' and progress < ${value}`;
    },

    /**
     * Records the result once; false when the job was already final (a duplicate attempt). A result
     * over the size jobs.result may hold throws a final JobError('result_too_large').
     */
    async succeed(id: string, result: Record<string, unknown>): Promise<boolean> {
      try {
        const rows = await sql`
          update public.jobs
          set status = 'succeeded', progress = 100, result = ${sql.json(result as never)}, error = null, finished_at = now()
          where id = ${id} and status <> all(${FINAL}::text[])
          returning id`;
        return rows.length === 1;
      } catch (error) {
        const { code, constraint_name } = error as { code?: string; constraint_name?: string };
        if (code === '23514' && constraint_name === 'jobs_result_object') {
          throw new JobError('result_too_large', 'The result is larger than the 1 MiB a job may keep.', {
            retryable: false,
            cause: error,
          });
        }
        throw error;
      }
    },

    /** Ends the job with its error: 'failed' for bad input, 'dead' once retries are exhausted. */
    async finishWithError(id: string, status: 'failed' | 'dead', error: JobErrorJson): Promise<boolean> {
      const rows = await sql`
        update public.jobs
        set status = ${status}, error = ${sql.json(error as never)}, finished_at = now()
        where id = ${id} and status <> all(${FINAL}::text[])
        returning id`;
      return rows.length === 1;
    },

    /** Keeps the error of a failed attempt and puts the job back in the queue's hands. */
    async awaitRetry(id: string, error: JobErrorJson): Promise<void> {
      await sql`
        update public.jobs set status = 'queued', error = ${sql.json(error as never)}
        where id = ${id} and status <> all(${FINAL}::text[])`;
    },

    /**
     * A dead-lettered job that no attempt ended (its worker died): dead, with the last error known.
     * The job, or null when it was final already.
     */
    async markDeadLettered(id: string): Promise<FinishedJob | null> {
      const [row] = await sql<FinishedJob[]>`
        update public.jobs
        set status = 'dead', finished_at = now(),
          error = coalesce(error, ${sql.json({ code: 'worker_lost', message: 'The job ran out of attempts without finishing (its worker stopped or timed out).' })})
        where id = ${id} and status <> all(${FINAL}::text[])
        returning id, property_id as "propertyId", kind, input`;
      return row ?? null;
    },

    /** How much of a property's ID documents may be kept (properties.id_document_retention). */
    async idDocumentRetention(propertyId: string): Promise<string> {
      const [row] = await sql<{ retention: string }[]>`
        select id_document_retention as retention from public.properties where id = ${propertyId}`;
      return row?.retention ?? 'validity_only';
    },

    /** The version of a stored object now, or null when there is none at that name. */
    async objectVersion(bucket: string, name: string): Promise<string | null> {
      const [row] = await sql<{ version: string | null }[]>`
        select version from storage.objects where bucket_id = ${bucket} and name = ${name}`;
      return row ? (row.version ?? '') : null;
    },

    /**
     * Final ID document jobs whose scan is still stored although the property does not keep
     * scans: their worker died between saving the status and deleting the scan. An object counts
     * only while it is the job's version (a newer upload belongs to a newer job); a job without
     * one only when no unfinished job names the same object.
     */
    async strandedScans(limit: number): Promise<(FinishedJob & { status: FinalStatus })[]> {
      return sql<(FinishedJob & { status: FinalStatus })[]>`
        select j.id, j.property_id as "propertyId", j.kind, j.input, j.status
        from public.jobs j
        join public.properties p on p.id = j.property_id and p.id_document_retention <> 'mrz_fields_and_scan'
        join storage.objects o on o.bucket_id = j.input ->> 'bucket' and o.name = j.input ->> 'name'
        where j.kind = 'ocr_id_document' and j.status = any(${FINAL}::text[])
          and case when j.input ? 'version' then o.version = j.input ->> 'version'
            else not exists (
              select 1 from public.jobs k
              where k.kind = 'ocr_id_document' and k.input ->> 'name' = j.input ->> 'name'
                and k.status <> all(${FINAL}::text[]))
          end
        order by j.finished_at
        limit ${limit}`;
    },

    /** Jobs waiting in each pg-boss queue (created or retry), for the queue depth gauge. */
    async queueDepths(): Promise<{ name: string; depth: number }[]> {
      return sql<{ name: string; depth: number }[]>`
        select q.name, (select count(*)::int from pgboss.job j where j.name = q.name and j.state < 'active') as depth
        from pgboss.queue q`;
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;
