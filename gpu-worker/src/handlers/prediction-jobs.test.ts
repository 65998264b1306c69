// Forecast and no-show jobs with the real handlers (Roost's own models of src/forecast/ and
// src/noshow/): a restaurant with four months of table orders gets a covers forecast stored in
// public.forecasts under the job's id, its summary in the job's result; a property without enough
// history fails its job with a clear, final error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { asUser } from '../../../supabase/tests/support/db.ts';
import { createTenant, type Tenant } from '../../../supabase/tests/support/tenants.ts';
import { quietLogger, waitForStatus } from '../jobs/testing/support.ts';
import { type RunningWorker, startWorker } from '../start.ts';

const stack = useTestStack();
let tenant: Tenant;
let worker: RunningWorker;
const ORDERS = [8, 5, 5, 5, 5, 12, 14];

beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'predict');
  const restaurant = tenant.propertyIds[1];
  const ids = tenant.extra.bookings as Record<string, string>;
  await stack.admin`
    insert into public.orders (organization_id, property_id, kind, table_resource_id, status, currency, submitted_at, closed_at, created_at)
    select ${tenant.organizationId}, ${restaurant}, 'table', ${ids.tableId as string}::uuid, 'closed', 'EUR',
      (d + time '20:00') at time zone 'Europe/Lisbon', (d + time '21:00') at time zone 'Europe/Lisbon',
      (d + time '20:00') at time zone 'Europe/Lisbon'
    from generate_series((now() at time zone 'Europe/Lisbon')::date - 120, (now() at time zone 'Europe/Lisbon')::date - 1, interval '1 day') as g(day)
    cross join lateral (select g.day::date as d) as day
    cross join lateral generate_series(1, (${ORDERS}::int[])[extract(dow from d)::int + 1])`;
  worker = await startWorker({
    dbUrl: stack.dbUrl,
    sessionDbUrl: stack.sessionDbUrl,
    apiUrl: stack.url,
    serviceKey: stack.keys.service_role_key,
    kinds: ['forecast', 'no_show_risk'],
    pollingIntervalSeconds: 0.5,
    logger: quietLogger(),
  });
});
afterAll(async () => worker?.stop());

async function createJob(kind: string, propertyId: string, input: Record<string, unknown>): Promise<string> {
  const [row] = await asUser(
    stack.admin,
    tenant.members.manager,
    (tx) => tx`select id from public.create_job(${propertyId}, ${kind}, ${tx.json(input as never)})`,
  );
  return row?.id as string;
}

describe('prediction jobs', () => {
  it('forecast covers for the next days and store them under the job', async () => {
    const id = await createJob('forecast', tenant.propertyIds[1], { horizonDays: 14 });
    const done = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 90_000);
    expect(done.status, `the forecast job succeeded (${JSON.stringify(done.error)})`).toBe('succeeded');
    expect(done.result, 'the summary: kind, model version, backtest against the baseline').toMatchObject({
      kind: 'covers',
      modelVersion: expect.any(String),
      backtest: expect.objectContaining({ seasonalNaiveMape: expect.any(Number) }),
    });
    expect((done.result?.days as unknown[] | undefined)?.length, 'one value per day of the horizon').toBe(14);
    const [stored] = await stack.admin`select count(*)::int as n from public.forecasts where job_id = ${id}`;
    expect(stored, 'the forecast rows carry the job id').toEqual({ n: 14 });
  });

  it('fail with a clear, final error when the history is too short', async () => {
    const id = await createJob('no_show_risk', tenant.propertyIds[0], {});
    const done = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 90_000);
    expect(done, 'failed at once on its data').toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'insufficient_history' },
    });
  });
});
