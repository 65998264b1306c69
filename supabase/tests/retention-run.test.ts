// A retention run through the real Storage API (decision 038): an ID scan uploaded 31 days ago
// and an identity document captured 31 days ago are gone — the row from its table, the object
// from storage.objects AND its bytes from the storage folder — while those of 29 days are kept,
// and another organization's follow its own policy; every policy's run is logged with its counts.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../gpu-worker/src/retention/policies.ts';
import { createObjectStore } from '../../gpu-worker/src/retention/storage.ts';
import { createDisk } from '../local/storage/disk.ts';
import { createStorageService } from '../local/storage/index.ts';
import { useTestStack } from '../local/testing/test-stack.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const stack = useTestStack({
  services: (deps) => {
    const storage = createStorageService(deps);
    return { services: { storage: storage.service }, close: () => storage.close() };
  },
});
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant(stack.admin, 'run-a');
  b = await createTenant(stack.admin, 'run-b');
  // The other organization keeps scans for 60 days.
  await stack.admin`update public.retention_policies set id_scan_days = 60 where organization_id = ${b.organizationId}`;
});

const service = () =>
  createClient(stack.url, stack.keys.service_role_key, { auth: { persistSession: false, autoRefreshToken: false } });

/** An ID scan in the property's inbox, uploaded `daysAgo` days ago; returns its name and version. */
async function scan(tenant: Tenant, daysAgo: number): Promise<{ name: string; version: string }> {
  const name = `${tenant.organizationId}/${tenant.propertyIds[0]}/inbox/id-documents/${randomUUID()}.png`;
  const { error } = await service()
    .storage.from('documents')
    .upload(name, new Uint8Array([137, 80, 78, 71]), {
      contentType: 'image/png',
    });
  expect(error).toBeNull();
  const [row] = await stack.admin<{ version: string }[]>`
    update storage.objects set created_at = now() - make_interval(days => ${daysAgo})
    where bucket_id = 'documents' and name = ${name} returning version`;
  return { name, version: row?.version as string };
}

async function document(tenant: Tenant, daysAgo: number): Promise<string> {
  const [row] = await stack.admin<{ id: string }[]>`
    insert into public.guest_identity_documents (organization_id, property_id, booking_id, guest_id, document_type, document_number)
    select organization_id, property_id, booking_id, guest_id, 'passport', 'P1234567'
    from public.guest_identity_documents where organization_id = ${tenant.organizationId} limit 1
    returning id`;
  await stack.admin`
    update public.guest_identity_documents
    set created_at = now() - make_interval(days => ${daysAgo}), delete_after = now() + interval '1 year'
    where id = ${row?.id as string}`;
  return row?.id as string;
}

const stored = async (name: string) =>
  (await stack.admin`select 1 from storage.objects where bucket_id = 'documents' and name = ${name}`).length === 1;

describe('a retention run', () => {
  it('deletes exactly the ID scans and documents that are due, bytes included, and logs every policy', async () => {
    const oldScan = await scan(a, 31);
    const newScan = await scan(a, 29);
    const otherScan = await scan(b, 31);
    const oldDocument = await document(a, 31);
    const newDocument = await document(a, 29);
    const disk = createDisk(stack.dataDir);
    expect(existsSync(disk.objectPath('documents', oldScan.version)), 'the bytes are on disk first').toBe(true);

    const [{ since }] = (await stack.admin`select clock_timestamp() as since`) as unknown as [{ since: Date }];
    const results = await runRetention({
      sql: stack.admin,
      store: createObjectStore({ apiUrl: stack.url, serviceKey: stack.keys.service_role_key }),
      organizationIds: [a.organizationId, b.organizationId],
      now: new Date(Date.now() + 60_000),
    });
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    const scans = results.find((r) => r.organizationId === a.organizationId && r.policy === 'id_scans');
    expect(scans).toMatchObject({ objectsDeleted: 1, rowsDeleted: 1 });

    expect(await stored(oldScan.name), 'the 31-day scan is gone from storage.objects').toBe(false);
    expect(existsSync(disk.objectPath('documents', oldScan.version)), '… and from the storage folder').toBe(false);
    expect(await stored(newScan.name), 'the 29-day scan is kept').toBe(true);
    expect(existsSync(disk.objectPath('documents', newScan.version))).toBe(true);
    expect(await stored(otherScan.name), "the other organization's (60-day policy) is kept").toBe(true);
    const documents = await stack.admin<{ id: string }[]>`
      select id from public.guest_identity_documents where id in (${oldDocument}, ${newDocument})`;
    expect(documents.map((d) => d.id)).toEqual([newDocument]);

    const runs = await stack.admin`
      select organization_id, policy, status, setting, rows_deleted, objects_deleted, started_at <= finished_at as ordered
      from public.retention_runs where organization_id in (${a.organizationId}, ${b.organizationId})
        and started_at >= ${since}
      order by organization_id, policy`;
    expect(runs, 'one run per organization and policy').toHaveLength(8);
    expect(runs.every((r) => r.status === 'succeeded' && r.ordered)).toBe(true);
    expect(runs.find((r) => r.organization_id === a.organizationId && r.policy === 'id_scans')).toMatchObject({
      setting: 30,
      rows_deleted: 1,
      objects_deleted: 1,
    });
    expect(runs.find((r) => r.organization_id === b.organizationId && r.policy === 'id_scans')).toMatchObject({
      setting: 60,
      objects_deleted: 0,
    });
  });

  it('logs a failed policy and goes on with the others', async () => {
    const failing = {
      remove: async () => {
        throw new Error('storage is down');
      },
      download: async () => new Uint8Array(),
      upload: async () => {},
    };
    await scan(a, 40);
    const results = await runRetention({ sql: stack.admin, store: failing, organizationIds: [a.organizationId] });
    expect(results.map((r) => [r.policy, r.status])).toEqual([
      ['id_scans', 'failed'],
      ['inactive_guests', 'succeeded'],
      ['mail_bodies', 'succeeded'],
      ['notifications', 'succeeded'],
    ]);
    const [run] = await stack.admin`
      select status, error from public.retention_runs
      where organization_id = ${a.organizationId} and policy = 'id_scans' order by finished_at desc limit 1`;
    expect(run).toEqual({ status: 'failed', error: 'storage is down' });
  });
});
