// The job queue with small fake handlers: a job row and its pg-boss job are one transaction; the
// worker records results once, fails bad input at once, retries other errors into the dead letter
// queue with the error kept, and keeps serving.
import { randomBytes } from 'node:crypto';
import { insertJobs } from 'pg-boss/dist/plans.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { asUser } from '../../../supabase/tests/support/db.ts';
import type { RunningWorker } from '../start.ts';
import { JobError } from './errors.ts';
import {
  createSmallTenant,
  fakeHandler,
  insertJob,
  jobState,
  type SmallTenant,
  startTestWorker,
  successCount,
  waitFor,
  waitForStatus,
} from './testing/support.ts';

const stack = useTestStack();
let tenant: SmallTenant;
let other: SmallTenant;

beforeAll(async () => {
  tenant = await createSmallTenant(stack.admin, 'queue');
  other = await createSmallTenant(stack.admin, 'other');
});

async function queued(id: string): Promise<{ name: string; state: string; group_id: string | null }[]> {
  return stack.admin`select name, state, group_id from pgboss.job where id = ${id}`;
}

describe('a job row and its pg-boss job', () => {
  it('are created together and rolled back together', async () => {
    let id = '';
    await stack.admin
      .begin(async (tx) => {
        const [row] = await tx`
          insert into public.jobs (organization_id, property_id, kind, input)
          values (${tenant.organizationId}, ${tenant.propertyId}, 'forecast', '{}') returning id`;
        id = row?.id as string;
        const [job] = await tx`select name, state, group_id from pgboss.job where id = ${id}`;
        expect(job, 'inside the transaction the pg-boss job exists, with the same id').toMatchObject({
          name: 'forecast',
          state: 'created',
          group_id: tenant.organizationId,
        });
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await stack.admin`select 1 from public.jobs where id = ${id}`, 'no job row after the rollback').toHaveLength(
      0,
    );
    expect(await queued(id), 'no pg-boss job after the rollback').toHaveLength(0);

    const committed = await insertJob(stack.admin, tenant);
    expect(await queued(committed), 'a committed job row has its pg-boss job').toEqual([
      { name: 'forecast', state: 'created', group_id: tenant.organizationId },
    ]);
    await stack.admin`delete from pgboss.job where id = ${committed}`;
    await stack.admin`delete from public.jobs where id = ${committed}`;
  });

  it('are neither written when the row is refused', async () => {
    const before = await stack.admin`select count(*)::int as n from pgboss.job`;
    await expect(
      insertJob(stack.admin, tenant, 'ocr_receipt', { bucket: 'documents', name: `${other.organizationId}/x/a.png` }),
      'an input naming another tenant is refused',
    ).rejects.toThrow(/jobs_input_valid/);
    const after = await stack.admin`select count(*)::int as n from pgboss.job`;
    expect(after, 'nothing was queued').toEqual(before);
  });

  it("is queued with pg-boss 12.35's own insert statement", async () => {
    const [fn] = await stack.admin<{ src: string }[]>`
      select prosrc as src from pg_proc where oid = 'private.enqueue_queue_job(text, jsonb)'::regprocedure`;
    const template = /\$pgboss\$([\s\S]*)\$pgboss\$/.exec(fn?.src ?? '')?.[1] ?? '';
    const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();
    const expected = insertJobs('pgboss', { table: 'job', name: '@@QUEUE@@', returnId: true, notify: true });
    expect(squash(template.replaceAll('%1$L', "'@@QUEUE@@'")), 'the migration carries the library statement').toBe(
      squash(expected),
    );
  });

  it('is created for staff through create_job and hidden from other organizations', async () => {
    const [job] = await asUser(
      stack.admin,
      tenant.staff,
      (tx) =>
        tx`select id from public.create_job(${tenant.propertyId}, 'no_show_risk', ${tx.json({ horizonDays: 14 })})`,
    );
    const id = job?.id as string;
    expect(await queued(id), 'create_job queued it').toHaveLength(1);
    const mine = await asUser(stack.admin, tenant.staff, (tx) => tx`select id from public.jobs where id = ${id}`);
    expect(mine, 'a member of the organization sees the job').toHaveLength(1);
    const theirs = await asUser(stack.admin, other.owner, (tx) => tx`select id, result from public.jobs`);
    expect(theirs, "another organization's owner sees none of its jobs").toEqual([]);
    const forged = await asUser(
      stack.admin,
      other.owner,
      (tx) => tx`select id from public.create_job(${tenant.propertyId}, 'forecast', '{}')`,
    ).catch((e: { message: string }) => e.message);
    expect(forged, "another organization's owner cannot queue jobs for it").toBe('property_not_found');
    await stack.admin`delete from pgboss.job where id = ${id}`;
    await stack.admin`delete from public.jobs where id = ${id}`;
  });

  it('reads an ID document of the inbox only as an ID document (its OCR text is never stored)', async () => {
    const folder = `${tenant.organizationId}/${tenant.propertyId}/inbox/id-documents`;
    const name = `${folder}/passport.png`;
    for (const kind of ['ocr_receipt', 'ocr_menu']) {
      const refused = await stack.admin`
        insert into public.jobs (organization_id, property_id, kind, input)
        values (${tenant.organizationId}, ${tenant.propertyId}, ${kind}, ${stack.admin.json({ bucket: 'documents', name })})`.catch(
        (e: { constraint_name?: string }) => e.constraint_name,
      );
      expect(refused, `${kind} of an ID document is refused`).toBe('jobs_input_valid');
    }
    const [job] = await stack.admin`
      insert into public.jobs (organization_id, property_id, kind, input)
      values (${tenant.organizationId}, ${tenant.propertyId}, 'ocr_id_document', ${stack.admin.json({ bucket: 'documents', name })})
      returning id`;
    expect(job?.id, 'read as an ID document it is queued').toBeDefined();
    const [receipt] = await stack.admin`
      insert into public.jobs (organization_id, property_id, kind, input)
      values (${tenant.organizationId}, ${tenant.propertyId}, 'ocr_receipt',
        ${stack.admin.json({ bucket: 'documents', name: `${tenant.organizationId}/${tenant.propertyId}/kept/passport.png` })})
      returning id`;
    expect(receipt?.id, 'other folders take any OCR kind').toBeDefined();
    for (const id of [job?.id, receipt?.id]) {
      await stack.admin`delete from pgboss.job where id = ${id as string}`;
      await stack.admin`delete from public.jobs where id = ${id as string}`;
    }
  });
});

describe('the worker', () => {
  let worker: RunningWorker | undefined;
  afterAll(async () => worker?.stop());

  it('records a result once, fails bad input at once, and dead-letters what keeps failing', async () => {
    let calls = 0;
    worker = await startTestWorker(stack, {
      retryLimit: 2,
      handlers: {
        forecast: fakeHandler(async (job) => {
          calls += 1;
          const mode = job.input.horizonDays;
          if (mode === 2) throw new JobError('corrupt_image', 'The image cannot be decoded.', { retryable: false });
          if (mode === 3) throw new Error('model crashed');
          await job.progress(50);
          return { answer: 42, attempt: job.attempt };
        }),
      },
    });

    const good = await insertJob(stack.admin, tenant, 'forecast', { horizonDays: 1 });
    const done = await waitForStatus(stack.admin, good, ['succeeded', 'failed', 'dead']);
    expect(done, 'the result, progress 100, one attempt').toMatchObject({
      status: 'succeeded',
      progress: 100,
      attempts: 1,
      result: { answer: 42, attempt: 1 },
      error: null,
    });
    expect(await successCount(stack.admin, good), 'succeeded exactly once').toBe(1);

    const bad = await insertJob(stack.admin, tenant, 'forecast', { horizonDays: 2 });
    expect(
      await waitForStatus(stack.admin, bad, ['failed', 'dead', 'succeeded']),
      'bad input fails at once',
    ).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'corrupt_image', message: 'The image cannot be decoded.' },
    });

    const crashing = await insertJob(stack.admin, tenant, 'forecast', { horizonDays: 3 });
    const dead = await waitForStatus(stack.admin, crashing, ['dead', 'failed', 'succeeded']);
    expect(dead, 'retried twice, then dead with the error kept').toMatchObject({
      status: 'dead',
      attempts: 3,
      error: { code: 'worker_error', message: 'model crashed' },
    });
    // The row is written before pg-boss settles the attempt and moves the job to the dead letter queue.
    const letter = await waitFor('the dead letter job', async () => {
      const [row] = await stack.admin`
        select data ->> 'jobId' as "jobId" from pgboss.job where name = 'jobs_dead_letter' and data ->> 'jobId' = ${crashing}`;
      return row;
    });
    expect(letter, 'the dead letter queue holds it').toEqual({ jobId: crashing });

    const after = await insertJob(stack.admin, tenant, 'forecast', { horizonDays: 4 });
    expect(
      (await waitForStatus(stack.admin, after, ['succeeded', 'failed', 'dead'])).status,
      'the worker keeps serving',
    ).toBe('succeeded');
    expect(calls, 'one call per attempt').toBe(1 + 1 + 3 + 1);
    expect((await jobState(stack.admin, good)).attempts, 'the finished job was not run again').toBe(1);
  });

  it('skips a job that is already final when pg-boss delivers it again', async () => {
    const id = await insertJob(stack.admin, tenant, 'forecast', { horizonDays: 5 });
    await waitForStatus(stack.admin, id, ['succeeded']);
    // A redelivery, as after a worker died between writing the result and completing the pg-boss job.
    await stack.admin`update pgboss.job set state = 'created', started_on = null where id = ${id} and name = 'forecast'`;
    await stack.admin`select pg_notify(('pgboss_' || left(encode(sha224('pgboss'::bytea), 'hex'), 24)), 'forecast')`;
    const [settled] = await waitForQueueState(id, 'completed');
    expect(settled, 'the redelivered job completed').toBeDefined();
    const state = await jobState(stack.admin, id);
    expect(state.attempts, 'no second attempt ran').toBe(1);
    expect(await successCount(stack.admin, id), 'the result was written once').toBe(1);
  });
});

describe('a result too large to keep', () => {
  it('fails its own job with result_too_large while the rest of the batch succeeds, none re-run', async () => {
    const big = await insertJob(stack.admin, tenant, 'no_show_risk', { horizonDays: 1 });
    const small = await insertJob(stack.admin, tenant, 'no_show_risk', { horizonDays: 2 });
    const runs: string[][] = [];
    const worker = await startTestWorker(stack, {
      batchSize: 4,
      retryLimit: 2,
      handlers: {
        no_show_risk: {
          async run(jobs) {
            runs.push(jobs.map((job) => job.id));
            // Random hex: over jobs_result_object's 1 MiB whether or not Postgres compresses it.
            return jobs.map((job) => ({
              ok: true as const,
              result: job.id === big ? { blob: randomBytes(700_000).toString('hex') } : { fine: true },
            }));
          },
        },
      },
    });
    try {
      const failed = await waitForStatus(stack.admin, big, ['succeeded', 'failed', 'dead']);
      expect(failed, 'the oversized result fails its job at once, with a stable code').toMatchObject({
        status: 'failed',
        attempts: 1,
        result: null,
        error: { code: 'result_too_large' },
      });
      expect(await waitForStatus(stack.admin, small, ['succeeded', 'failed', 'dead']), 'its batch mate').toMatchObject({
        status: 'succeeded',
        attempts: 1,
        result: { fine: true },
      });
      await waitForQueueState(big, 'completed');
      await waitForQueueState(small, 'completed');
      expect(runs.flat().sort(), 'each job ran once').toEqual([big, small].sort());
    } finally {
      await worker.stop();
    }
  });
});

async function waitForQueueState(id: string, state: string) {
  for (let i = 0; i < 300; i++) {
    const rows = await stack.admin`select state from pgboss.job where id = ${id} and state = ${state}`;
    if (rows.length) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pg-boss job ${id} never became ${state}`);
}
