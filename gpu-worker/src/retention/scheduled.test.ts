// The retention service as the worker process runs it (decision 038): it registers the two
// schedules with pg-boss, and whatever puts a job on its queues — the schedule's cron, or an
// owner's export request — is run: a retention run logged per organization and policy, an export
// zipped and stored, a deletion after its grace period. ROOST_RETENTION=off leaves it out.
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageService } from '../../../supabase/local/storage/index.ts';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { asUser } from '../../../supabase/tests/support/db.ts';
import { createSmallTenant, quietLogger, type SmallTenant, waitFor } from '../jobs/testing/support.ts';
import {
  DEFAULT_DELETION_CRON,
  DEFAULT_RETENTION_CRON,
  DELETION_QUEUE,
  RETENTION_QUEUE,
  type RetentionService,
  runRetentionService,
  startRetention,
} from './index.ts';

const stack = useTestStack({
  services: (deps) => {
    const storage = createStorageService(deps);
    return { services: { storage: storage.service }, close: () => storage.close() };
  },
});
let tenant: SmallTenant;
let service: RetentionService;

beforeAll(async () => {
  tenant = await createSmallTenant(stack.admin, 'sched');
  service = await startRetention({
    dbUrl: stack.dbUrl,
    apiUrl: stack.url,
    serviceKey: stack.keys.service_role_key,
    log: quietLogger(),
    pollingIntervalSeconds: 0.5,
  });
});

afterAll(async () => {
  await service?.stop();
});

const send = (queue: string) => stack.admin`select private.enqueue_queue_job(${queue}, '{"data": {}}'::jsonb)`;

describe('the retention service', () => {
  it('registers the daily retention run and the hourly deletion sweep', async () => {
    const schedules = await stack.admin`select name, cron from pgboss.schedule order by name`;
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: DELETION_QUEUE, cron: DEFAULT_DELETION_CRON }),
        expect.objectContaining({ name: RETENTION_QUEUE, cron: DEFAULT_RETENTION_CRON }),
      ]),
    );
  });

  it('runs and logs retention when its job comes', async () => {
    await send(RETENTION_QUEUE);
    const runs = await waitFor('the retention runs', async () => {
      const rows = await stack.admin`
        select policy, status from public.retention_runs where organization_id = ${tenant.organizationId} order by policy`;
      return rows.length === 4 ? rows : undefined;
    });
    expect(runs.map((r) => `${r.policy}:${r.status}`)).toEqual([
      'id_scans:succeeded',
      'inactive_guests:succeeded',
      'mail_bodies:succeeded',
      'notifications:succeeded',
    ]);
  });

  it("exports an organization on its owner's request into a zip in Storage", async () => {
    const requested = await asUser(stack.admin, tenant.owner, async (tx) => {
      const [row] = await tx`select id from public.request_organization_export(${tenant.organizationId})`;
      return row?.id as string;
    });
    const done = await waitFor('the export', async () => {
      const [row] = await stack.admin`
        select status, progress, object_name, error from public.organization_exports where id = ${requested}`;
      return row && ['succeeded', 'failed'].includes(row.status as string) ? row : undefined;
    });
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, error: null });
    // Stored in the exports bucket (the owner's download: web/e2e/retention.test.ts); a zip starts with PK.
    const platform = createClient(stack.url, stack.keys.service_role_key, { auth: { persistSession: false } });
    const { data, error } = await platform.storage.from('organization-exports').download(done.object_name as string);
    expect(error).toBeNull();
    const bytes = new Uint8Array(await (data as Blob).arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
  });

  it('deletes an organization whose grace period is over when the sweep comes', async () => {
    const doomed = await createSmallTenant(stack.admin, 'doomed');
    await stack.admin`
      insert into public.organization_deletion_requests (organization_id, requested_by, requested_at, delete_after)
      values (${doomed.organizationId}, ${doomed.owner.id}, now() - interval '31 days', now() - interval '1 day')`;
    await send(DELETION_QUEUE);
    await waitFor('the deletion', async () => {
      const rows = await stack.admin`select 1 from public.organizations where id = ${doomed.organizationId}`;
      return rows.length === 0 ? true : undefined;
    });
    const [kept] = await stack.admin`select 1 as one from public.organizations where id = ${tenant.organizationId}`;
    expect(kept, 'the other organization stays').toEqual({ one: 1 });
  });

  it('is left out with ROOST_RETENTION=off', async () => {
    const off = await runRetentionService(
      { dbUrl: 'postgres://nowhere.invalid/none', apiUrl: 'http://nowhere.invalid', serviceKey: 'x' },
      quietLogger(),
      { ROOST_RETENTION: 'off' },
    );
    await off.stop();
  });
});
