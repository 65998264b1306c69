// A request id end to end (decision 039): a call through the gateway with `x-request-id` is
// logged by the gateway with that id, reaches SQL (request.headers) so the job it creates keeps
// it in jobs.request_id, and the worker's log lines of that job name it. A forged id is replaced.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createClient } from '@supabase/supabase-js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/observability/logger.ts';
import { signJwt } from '../../../supabase/local/gateway/jwt.ts';
import { type Gateway, startGateway } from '../../../supabase/local/gateway/server.ts';
import type { Service } from '../../../supabase/local/gateway/services.ts';
import { createRestService } from '../../../supabase/local/rest/index.ts';
import { userClaims } from '../../../supabase/local/rls-request.ts';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import type { RunningWorker } from '../start.ts';
import { createSmallTenant, fakeHandler, type SmallTenant, startTestWorker, waitForStatus } from './testing/support.ts';

type Line = Record<string, unknown>;
function capture(into: Line[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) into.push(JSON.parse(line));
      done();
    },
  });
}

let rest: Service | undefined;
const stack = useTestStack({
  services: async (deps) => {
    const built = createRestService(deps);
    await built.cache();
    rest = built.service;
    return { services: { rest: built.service }, close: built.close };
  },
});

const gatewayLines: Line[] = [];
const workerLines: Line[] = [];
let gateway: Gateway;
let worker: RunningWorker;
let tenant: SmallTenant;

beforeAll(async () => {
  // A second gateway on the same services, with its request log captured.
  gateway = await startGateway({
    port: 0,
    keys: stack.keys,
    config: stack.config,
    services: { rest: rest as Service },
    logger: createLogger('gateway', { level: 'info', destination: capture(gatewayLines) }),
  });
  tenant = await createSmallTenant(stack.admin, 'request-id');
  worker = await startTestWorker(stack, {
    handlers: { forecast: fakeHandler(async () => ({ done: true })) },
    logger: pino({ level: 'info' }, capture(workerLines)),
  });
});
afterAll(async () => {
  await worker?.stop();
  await gateway?.close();
});

async function createJobAs(requestId: string): Promise<{ jobId: string; answeredId: string | null }> {
  const token = await signJwt(stack.keys, userClaims(tenant.staff));
  let answeredId: string | null = null;
  const client = createClient(gateway.url, stack.keys.publishable_key, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: {
      headers: { Authorization: `Bearer ${token}`, 'x-request-id': requestId },
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        answeredId = response.headers.get('x-request-id');
        return response;
      },
    },
  });
  const { data, error } = await client.rpc('create_job', {
    p_property_id: tenant.propertyId,
    p_kind: 'forecast',
    p_input: {},
  });
  expect(error).toBeNull();
  return { jobId: (data as { id: string }).id, answeredId };
}

describe('a request id from the caller to the worker', () => {
  it('is in the gateway log line, on the job row and in the worker log lines of that job', async () => {
    const requestId = `web-${randomBytes(6).toString('hex')}`;
    const { jobId, answeredId } = await createJobAs(requestId);
    expect(answeredId).toBe(requestId);
    expect(gatewayLines.find((line) => line.requestId === requestId)).toMatchObject({
      service: 'rest',
      route: '/rpc/create_job',
      method: 'POST',
      status: 200,
    });
    const [row] = await stack.admin<
      { request_id: string | null }[]
    >`select request_id from public.jobs where id = ${jobId}`;
    expect(row?.request_id).toBe(requestId);
    await waitForStatus(stack.admin, jobId, ['succeeded']);
    const ofJob = workerLines.filter((line) => line.jobId === jobId);
    expect(ofJob.map((line) => line.msg)).toEqual(expect.arrayContaining(['job started', 'job succeeded']));
    for (const line of ofJob) expect(line.requestId, String(line.msg)).toBe(requestId);
  });

  it('replaces a forged id: the job keeps the id the gateway gave instead', async () => {
    const { jobId, answeredId } = await createJobAs('forged"<id> with spaces');
    expect(answeredId).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await stack.admin<
      { request_id: string | null }[]
    >`select request_id from public.jobs where id = ${jobId}`;
    expect(row?.request_id).toBe(answeredId);
  });

  it('leaves request_id empty for jobs created outside a request, and refuses a malformed one', async () => {
    const [row] = await stack.admin<{ request_id: string | null }[]>`
      insert into public.jobs (organization_id, property_id, kind, input)
      values (${tenant.organizationId}, ${tenant.propertyId}, 'forecast', '{}') returning request_id`;
    expect(row?.request_id).toBeNull();
    const [set] = await stack.admin.begin(async (tx) => {
      await tx`select set_config('roost.request_id', 'sql-path-1', true)`;
      return tx<{ request_id: string | null }[]>`
        insert into public.jobs (organization_id, property_id, kind, input)
        values (${tenant.organizationId}, ${tenant.propertyId}, 'forecast', '{}') returning request_id`;
    });
    expect(set?.request_id, 'code running SQL itself sets roost.request_id').toBe('sql-path-1');
    await expect(
      stack.admin`
        insert into public.jobs (organization_id, property_id, kind, input, request_id)
        values (${tenant.organizationId}, ${tenant.propertyId}, 'forecast', '{}', ${'bad\nid'})`,
    ).rejects.toMatchObject({ code: '23514', constraint_name: 'jobs_request_id_shape' });
  });
});
