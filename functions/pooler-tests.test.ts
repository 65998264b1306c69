// The test stack's pooler switch (ROOST_TEST_POOLER=transaction, here forced with `pooler`) and
// the request id in the functions' own SQL (decisions 040 and 039): the stack's dbUrl goes through
// PgBouncer in transaction mode and the functions get it as SUPABASE_DB_URL, while sessionDbUrl
// stays direct; a job created by a function through functions/_shared/db.ts carries the
// request's id, each concurrent request its own, set transaction-locally so nothing stays on the
// pooler's server connections; a test worker on the pooled URL runs that job.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeHandler, startTestWorker, waitForStatus } from '../gpu-worker/src/jobs/testing/support.ts';
import { createFunctionsService } from '../supabase/local/functions/index.ts';
import { projectRoot, stateDir } from '../supabase/local/paths.ts';
import { userClaims } from '../supabase/local/rls-request.ts';
import { useTestStack } from '../supabase/local/testing/test-stack.ts';
import { createTenant, type Tenant } from '../supabase/tests/support/tenants.ts';

// The fixture as a function of its own folder: a one-line entry importing the real module.
const functionsDir = mkdtempSync(join(stateDir, 'pooler-tests-functions-'));
mkdirSync(join(functionsDir, 'job-maker'));
writeFileSync(
  join(functionsDir, 'job-maker', 'index.ts'),
  `import '${relative(join(functionsDir, 'job-maker'), join(projectRoot, 'functions/_shared/fixtures/job-maker/index.ts'))}';\n`,
);

const stack = useTestStack({
  pooler: 'transaction',
  config: (config) => ({ ...config, functions: { ...config.functions, 'job-maker': { verify_jwt: false } } }),
  services: (deps) => {
    const envFile = join(deps.dataDir, 'functions.env');
    writeFileSync(envFile, '');
    const functions = createFunctionsService({ ...deps, functionsDir, envFile, log: () => {} });
    return { services: { functions: functions.service }, close: functions.close };
  },
});

let tenant: Tenant;
let database = '';
beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'pooler-tests');
  database = new URL(stack.dbUrl).pathname.slice(1);
});
afterAll(() => rmSync(functionsDir, { recursive: true, force: true }));

/** Asks the fixture for a job as the tenant's manager; the job and the id the gateway answered with. */
async function makeJob(requestId?: string): Promise<{ job: { id: string; request_id: string | null }; sent: string }> {
  const response = await fetch(`${stack.url}/functions/v1/job-maker`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(requestId === undefined ? {} : { 'x-request-id': requestId }) },
    body: JSON.stringify({ claims: userClaims(tenant.members.manager), property_id: tenant.propertyIds[0] }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return {
    job: (await response.json()) as { id: string; request_id: string | null },
    sent: response.headers.get('x-request-id') ?? '',
  };
}

describe('ROOST_TEST_POOLER=transaction', () => {
  it('hands the code under test a URL through PgBouncer and keeps the session URL direct', async () => {
    expect(stack.pooler, 'the pooler runs').toBeDefined();
    expect(new URL(stack.dbUrl).port).toBe(String(stack.pooler?.port));
    expect(new URL(stack.sessionDbUrl).port).toBe(String(inject('database').port));
    const pooled = postgres(stack.dbUrl, { max: 1, prepare: false, onnotice: () => {} });
    try {
      const [row] = await pooled<{ database: string }[]>`select current_database() as database`;
      expect(row?.database).toBe(database);
      expect(await stack.pooler?.clients(database), 'the pooler serves this client').toBeGreaterThan(0);
    } finally {
      await pooled.end({ timeout: 1 });
    }
  });
});

describe('a job created by a function', () => {
  it('carries the request id it was sent, through the pooler', async () => {
    const { job } = await makeJob('pooler-tests:job-1');
    expect(job.request_id).toBe('pooler-tests:job-1');
    const [row] = await stack.admin<{ request_id: string }[]>`select request_id from public.jobs where id = ${job.id}`;
    expect(row?.request_id, 'stored on the row').toBe('pooler-tests:job-1');
    expect(
      await stack.pooler?.clients(database),
      'the function reached the database through the pooler',
    ).toBeGreaterThan(0);
  });

  it('carries the id the gateway gave a request without one, or with a forged one', async () => {
    for (const header of [undefined, 'two words\tand a tab', 'x'.repeat(200)]) {
      const { job, sent } = await makeJob(header);
      expect(sent, 'the gateway answered with a UUID').toMatch(/^[0-9a-f-]{36}$/);
      expect(job.request_id, `header ${JSON.stringify(header)?.slice(0, 20)}`).toBe(sent);
    }
  });

  it('keeps concurrent requests apart and leaves nothing on the server connections', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `pooler-tests:concurrent-${i}`);
    const jobs = await Promise.all(ids.map((id) => makeJob(id)));
    expect(jobs.map(({ job }) => job.request_id)).toEqual(ids);
    // set_config(..., true) ends with the transaction: a later one on any server connection has none.
    const pooled = postgres(stack.dbUrl, { max: 4, prepare: false, onnotice: () => {} });
    try {
      const rows = await Promise.all(
        ids.map(
          () => pooled<{ id: string | null }[]>`select nullif(current_setting('roost.request_id', true), '') as id`,
        ),
      );
      expect(rows.map((row) => row[0]?.id ?? null)).toEqual(ids.map(() => null));
    } finally {
      await pooled.end({ timeout: 1 });
    }
  });

  it('is run by a worker on the pooled URL (LISTEN and locks on the session URL)', async () => {
    const { job } = await makeJob('pooler-tests:worker');
    const ran: (string | null)[] = [];
    const worker = await startTestWorker(stack, {
      handlers: {
        forecast: fakeHandler(async (claimed) => {
          ran.push(claimed.id === job.id ? claimed.requestId : null);
          return { ok: true };
        }),
      },
    });
    try {
      await waitForStatus(stack.admin, job.id, ['succeeded'], 30_000);
      expect(
        ran.filter((id) => id !== null),
        'claimed with its request id',
      ).toEqual(['pooler-tests:worker']);
    } finally {
      await worker.stop();
    }
  });
});
