// Helpers of the worker's tests: a small tenant, jobs inserted as the platform, polling for state,
// quiet workers with fake handlers.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Sql } from 'postgres';
import { waitFor as sharedWaitFor } from '../../../../supabase/local/testing/wait-for.ts';
import { createUser, type TestUser } from '../../../../supabase/tests/support/db.ts';
import { type RunningWorker, type StartWorkerOptions, startWorker } from '../../start.ts';
import { JobError } from '../errors.ts';
import type { ClaimedJob, JobOutcome, KindHandler } from '../handler.ts';
import type { JobKind } from '../kinds.ts';

export interface SmallTenant {
  organizationId: string;
  propertyId: string;
  owner: TestUser;
  staff: TestUser;
}

/** An organization with an owner, a staff member and one hotel. */
export async function createSmallTenant(sql: Sql, label: string): Promise<SmallTenant> {
  const owner = await createUser(sql, `${label}-owner`);
  const staff = await createUser(sql, `${label}-staff`);
  return sql.begin(async (tx) => {
    const [org] = await tx`
      insert into public.organizations (slug, name, created_by)
      values (${`${label}-${randomBytes(4).toString('hex')}`}, ${`Org ${label}`}, ${owner.id}) returning id`;
    const organizationId = org?.id as string;
    await tx`
      insert into public.memberships (organization_id, user_id, role)
      values (${organizationId}, ${owner.id}, 'owner'), (${organizationId}, ${staff.id}, 'staff')`;
    const [property] = await tx`
      insert into public.properties (organization_id, name, kind) values (${organizationId}, 'Hotel', 'hotel') returning id`;
    return { organizationId, propertyId: property?.id as string, owner, staff };
  });
}

/** Inserts a job row as the platform (the trigger queues it); returns its id. */
export async function insertJob(
  sql: Sql,
  tenant: SmallTenant,
  kind: JobKind = 'forecast',
  input: Record<string, unknown> = {},
): Promise<string> {
  const [row] = await sql`
    insert into public.jobs (organization_id, property_id, kind, input)
    values (${tenant.organizationId}, ${tenant.propertyId}, ${kind}, ${sql.json(input as never)}) returning id`;
  return row?.id as string;
}

export interface JobState {
  status: string;
  progress: number;
  attempts: number;
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
}

export async function jobState(sql: Sql, id: string): Promise<JobState> {
  const [row] = await sql<
    JobState[]
  >`select status, progress, attempts, result, error from public.jobs where id = ${id}`;
  if (!row) throw new Error(`no job ${id}`);
  return row;
}

/** The tests' one bounded wait (supabase/local/testing/wait-for.ts) at the worker's pace: jobs take seconds. */
export function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return sharedWaitFor(what, check, timeoutMs, 100);
}

export async function waitForStatus(sql: Sql, id: string, statuses: string[], timeoutMs = 30_000): Promise<JobState> {
  return waitFor(
    `job ${id} to be ${statuses.join(' or ')}`,
    async () => {
      const state = await jobState(sql, id);
      return statuses.includes(state.status) ? state : undefined;
    },
    timeoutMs,
  );
}

/** How many times the audit log saw the job become succeeded. */
export async function successCount(sql: Sql, id: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from public.audit_log
    where table_name = 'jobs' and row_id = ${id} and new_data ->> 'status' = 'succeeded'
      and (old_data is null or old_data ->> 'status' <> 'succeeded')`;
  return row?.n ?? 0;
}

/** A handler from a per-job function (errors become failed outcomes). */
export function fakeHandler(each: (job: ClaimedJob) => Promise<Record<string, unknown>>): KindHandler {
  return {
    async run(jobs) {
      return Promise.all(
        jobs.map(async (job): Promise<JobOutcome> => {
          try {
            return { ok: true, result: await each(job) };
          } catch (error) {
            return {
              ok: false,
              error:
                error instanceof JobError
                  ? error
                  : new JobError('worker_error', (error as Error).message, { retryable: true }),
            };
          }
        }),
      );
    },
  };
}

export const quietLogger = () => pino({ level: process.env.ROOST_TEST_LOG ?? 'silent' });

/** A worker for tests: fast polling and supervision, quiet, only the given kinds. */
export function startTestWorker(
  stack: { dbUrl: string; sessionDbUrl?: string; url: string; keys: { service_role_key: string } },
  options: Partial<StartWorkerOptions> & { handlers: Partial<Record<JobKind, KindHandler>> },
): Promise<RunningWorker> {
  return startWorker({
    dbUrl: stack.dbUrl,
    // As production runs it (decision 040): LISTEN and session locks direct when dbUrl is pooled.
    ...(stack.sessionDbUrl && stack.sessionDbUrl !== stack.dbUrl ? { sessionDbUrl: stack.sessionDbUrl } : {}),
    apiUrl: stack.url,
    serviceKey: stack.keys.service_role_key,
    kinds: Object.keys(options.handlers) as JobKind[],
    pollingIntervalSeconds: 0.5,
    superviseIntervalSeconds: 1,
    retryDelaySeconds: 0,
    retryBackoff: false,
    logger: quietLogger(),
    ...options,
  });
}
