// An upload into a property's inbox creates a job in the upload's transaction: the job keeps the
// upload request's x-request-id (decision 039), set as `roost.request_id` by the storage service.
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { accessToken, PNG_1X1, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'upload-request-id');
});

async function uploadAs(name: string, requestId: string) {
  const token = await accessToken(stack, tenant.members.staff);
  const client = createClient(stack.url, stack.keys.publishable_key, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${token}`, 'x-request-id': requestId } },
  });
  const { error } = await client.storage.from('documents').upload(name, PNG_1X1, { contentType: 'image/png' });
  expect(error).toBeNull();
  const rows = await stack.admin<{ request_id: string | null }[]>`
    select request_id from public.jobs where input ->> 'name' = ${name}`;
  return rows.map((row) => row.request_id);
}

describe('an inbox upload', () => {
  it('creates a job that keeps the request id of the upload', async () => {
    const name = `${tenant.organizationId}/${tenant.propertyIds[0]}/inbox/receipts/${randomUUID()}.png`;
    expect(await uploadAs(name, 'upload-rid-1')).toEqual(['upload-rid-1']);
  });

  it('keeps the id the gateway gave when the one sent was forged', async () => {
    const name = `${tenant.organizationId}/${tenant.propertyIds[0]}/inbox/receipts/${randomUUID()}.png`;
    const [kept] = await uploadAs(name, 'forged id\t');
    expect(kept).toMatch(/^[0-9a-f-]{36}$/);
  });
});
