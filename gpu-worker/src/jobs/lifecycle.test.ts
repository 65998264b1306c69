// The worker's life around its jobs: per-organization fairness, graceful shutdown (in-flight jobs
// finish, or are released to the queue after the shutdown timeout), and a worker killed mid-job
// (its heartbeat stops, so the job is retried by another worker within seconds, not after the
// queue's expiry, and completes exactly once).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import type { KindHandler } from './handler.ts';
import {
  createSmallTenant,
  insertJob,
  jobState,
  startTestWorker,
  successCount,
  waitFor,
  waitForStatus,
} from './testing/support.ts';

const stack = useTestStack();

/** A handler that records which organizations each batch held. */
function recordingHandler(batches: string[][]): KindHandler {
  return {
    async run(jobs) {
      batches.push(jobs.map((job) => job.organizationId));
      return jobs.map(() => ({ ok: true as const, result: { done: true } }));
    },
  };
}

describe('per-organization fairness', () => {
  it("lets organizations take turns instead of serving one's backlog first", async () => {
    const busy = await createSmallTenant(stack.admin, 'busy');
    const quiet = await createSmallTenant(stack.admin, 'quiet');
    const backlog: string[] = [];
    for (let i = 0; i < 12; i++) backlog.push(await insertJob(stack.admin, busy, 'forecast', { horizonDays: 7 }));
    const few: string[] = [];
    for (let i = 0; i < 3; i++) few.push(await insertJob(stack.admin, quiet, 'forecast', { horizonDays: 7 }));
    const batches: string[][] = [];
    const worker = await startTestWorker(stack, {
      concurrency: 1,
      batchSize: 2,
      handlers: { forecast: recordingHandler(batches) },
    });
    try {
      for (const id of [...backlog, ...few]) await waitForStatus(stack.admin, id, ['succeeded']);
    } finally {
      await worker.stop();
    }
    const order = batches.flat().map((org) => (org === busy.organizationId ? 'busy' : 'quiet'));
    expect(order.slice(0, 6), 'the quiet organization, queued last, is served in turn from the first batch').toEqual([
      'busy',
      'quiet',
      'busy',
      'quiet',
      'busy',
      'quiet',
    ]);
    expect(batches[0], 'micro-batches still hold several jobs').toHaveLength(2);
  });

  it('optionally caps how many jobs of one organization run at once (groupConcurrency)', async () => {
    const tenant = await createSmallTenant(stack.admin, 'capped');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await insertJob(stack.admin, tenant, 'forecast', { horizonDays: 7 }));
    const batches: string[][] = [];
    const worker = await startTestWorker(stack, {
      concurrency: 1,
      batchSize: 4,
      groupConcurrency: 1,
      handlers: { forecast: recordingHandler(batches) },
    });
    try {
      for (const id of ids) await waitForStatus(stack.admin, id, ['succeeded']);
    } finally {
      await worker.stop();
    }
    expect(Math.max(...batches.map((batch) => batch.length)), 'never more than one of its jobs at a time').toBe(1);
  });
});

describe('graceful shutdown', () => {
  it('stops fetching and lets the job in flight finish', async () => {
    const tenant = await createSmallTenant(stack.admin, 'graceful');
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = await startTestWorker(stack, {
      handlers: {
        forecast: {
          async run(jobs) {
            await released;
            return jobs.map(() => ({ ok: true as const, result: { finished: 'during shutdown' } }));
          },
        },
      },
    });
    const inFlight = await insertJob(stack.admin, tenant);
    await waitForStatus(stack.admin, inFlight, ['running']);
    const stopping = worker.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await insertJob(stack.admin, tenant);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    release();
    await stopping;
    expect(await jobState(stack.admin, inFlight), 'the job in flight finished').toMatchObject({
      status: 'succeeded',
      result: { finished: 'during shutdown' },
    });
    expect((await jobState(stack.admin, later)).status, 'nothing new was fetched while stopping').toBe('queued');
    const next = await startTestWorker(stack, {
      handlers: { forecast: recordingHandler([]) },
    });
    await waitForStatus(stack.admin, later, ['succeeded']);
    await next.stop();
  });

  it('releases a job still running at the shutdown timeout back to the queue', async () => {
    const tenant = await createSmallTenant(stack.admin, 'timeout');
    const worker = await startTestWorker(stack, {
      shutdownTimeoutMs: 1000,
      handlers: {
        forecast: {
          run: (_jobs, context) =>
            new Promise((_, reject) =>
              context.signal.addEventListener('abort', () => reject(new Error('stopped mid-job')), { once: true }),
            ),
        },
      },
    });
    const id = await insertJob(stack.admin, tenant);
    await waitForStatus(stack.admin, id, ['running']);
    await worker.stop();
    expect((await jobState(stack.admin, id)).status, 'released: waiting for another attempt').toBe('queued');
    const next = await startTestWorker(stack, { handlers: { forecast: recordingHandler([]) } });
    const done = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead']);
    await next.stop();
    expect(done, 'completed by the next worker on its second attempt').toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
  });
});

describe('a worker killed mid-job', () => {
  it('is noticed by its stopped heartbeat: the job is retried within seconds and completed exactly once', async () => {
    const tenant = await createSmallTenant(stack.admin, 'killed');
    const script = fileURLToPath(new URL('./testing/hanging-worker.ts', import.meta.url));
    const child: ChildProcess = spawn(process.execPath, [script], {
      env: {
        ...process.env,
        ROOST_TEST_DB_URL: stack.dbUrl,
        ROOST_TEST_SESSION_DB_URL: stack.sessionDbUrl,
        ROOST_TEST_API_URL: stack.url,
        ROOST_TEST_SERVICE_KEY: stack.keys.service_role_key,
        // The default job timeout: the queue's expiry (about 4.5 minutes) must not be what frees the job.
        ROOST_TEST_JOB_TIMEOUT: '240',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    try {
      await waitFor('the child worker to start', async () => (output.includes('ready') ? true : undefined), 60_000);
      const id = await insertJob(stack.admin, tenant);
      await waitFor('the child to take the job', async () => (output.includes(`running ${id}`) ? true : undefined));
      child.kill('SIGKILL');
      expect(await exited, 'the child worker was killed').toBe('SIGKILL');
      expect((await jobState(stack.admin, id)).status, 'the job was left running').toBe('running');

      const worker = await startTestWorker(stack, { handlers: { forecast: recordingHandler([]) } });
      // Heartbeat 10 s, then a supervise pass (1 s here) and a poll: well inside 30 s, while the
      // expiry of a 240 s job would take minutes.
      const done = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 30_000);
      await worker.stop();
      expect(done, 'retried once its heartbeat stopped, and completed').toMatchObject({
        status: 'succeeded',
        attempts: 2,
      });
      expect(await successCount(stack.admin, id), 'completed exactly once').toBe(1);
      const [queued] = await stack.admin`select state, retry_count from pgboss.job where id = ${id}`;
      expect(queued, 'pg-boss completed it on its second try').toEqual({ state: 'completed', retry_count: 1 });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
