// A vendor's attachment through the real Functions runtime and Storage API (decision 043): the
// vendor-quote function, called from the web app's origin, hands back a one-time path; the
// vendor's browser uploads the file there with the anon key (Storage is another origin than the
// web app: CORS answers it); the quote then names the object and a manager downloads the same
// bytes. A second upload, another path, another type or a larger file is refused by Storage; staff
// of the property cannot download it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendQueuedVendorMail } from '../../gpu-worker/src/maintenance/vendor-mail.ts';
import { createFunctionsService } from '../../supabase/local/functions/index.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { createStorageService } from '../../supabase/local/storage/index.ts';
import { userClient } from '../../supabase/local/testing/clients.ts';
import { useTestStack } from '../../supabase/local/testing/test-stack.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';

const SITE_URL = 'http://app.roost.test:3000';
const stack = useTestStack({
  config: (config) => ({ ...config, functions: { ...config.functions, 'vendor-quote': { verify_jwt: false } } }),
  services: (deps) => {
    const envFile = join(deps.dataDir, 'functions.env');
    writeFileSync(envFile, `SITE_URL=${SITE_URL}\n`);
    const functions = createFunctionsService({
      ...deps,
      functionsDir: join(projectRoot, 'functions'),
      envFile,
      denoDir: join(deps.dataDir, 'deno'),
      log: () => {},
    });
    const storage = createStorageService(deps);
    return {
      services: { functions: functions.service, storage: storage.service },
      close: async () => {
        await functions.close();
        await storage.close();
      },
    };
  },
});

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'vqf');
});

const PDF = new TextEncoder().encode('%PDF-1.4\n% a vendor quote\n%%EOF\n');

async function newToken(): Promise<string> {
  const ids = tenant.extra.maintenance ?? {};
  const [row] = await asUser(
    stack.admin,
    tenant.members.manager,
    (tx) => tx`
      select quote_request_id from public.request_vendor_quote(${ids.workOrderId ?? null}, ${ids.vendorId ?? null},
        ${SITE_URL})`,
  );
  await sendQueuedVendorMail(stack.admin);
  const [mail] = await stack.admin<{ text: string }[]>`
    select text from private.mail_outbox where tags ->> 'quote_request' = ${row?.quote_request_id ?? null}`;
  const token = /\/quote\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('no link in the email');
  return token;
}

/** The vendor's browser: the function first (from the web app's origin), then Storage with the anon key. */
async function submitQuote(token: string, size = PDF.byteLength) {
  const response = await fetch(`${stack.url}/functions/v1/vendor-quote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE_URL },
    body: JSON.stringify({
      token,
      amount_minor: 52000,
      attachment: { name: 'Quote 2026-12.pdf', type: 'application/pdf', size },
    }),
  });
  expect(response.headers.get('access-control-allow-origin')).toBe(SITE_URL);
  return {
    status: response.status,
    body: (await response.json()) as { id: string; upload: { bucket: string; path: string; expires_at: string } },
  };
}

const vendorStorage = () =>
  createClient(stack.url, stack.keys.publishable_key, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { origin: SITE_URL } },
  }).storage;

describe('vendor-quote attachments through Storage', () => {
  it('uploads once through the granted path from the web app origin; a manager downloads it', async () => {
    const { status, body } = await submitQuote(await newToken());
    expect(status).toBe(201);
    expect(body.upload.bucket).toBe('documents');
    expect(Date.parse(body.upload.expires_at) - Date.now()).toBeGreaterThan(14 * 60_000);

    // The browser's preflight to Storage (another origin than the web app) is answered for it.
    const preflight = await fetch(`${stack.url}/storage/v1/object/documents/${body.upload.path}`, {
      method: 'OPTIONS',
      headers: {
        origin: SITE_URL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, apikey, content-type, x-upsert',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/app\.roost\.test:3000)$/);

    const uploaded = await vendorStorage()
      .from('documents')
      .upload(body.upload.path, PDF, { contentType: 'application/pdf' });
    expect(uploaded.error).toBeNull();
    const [row] = await stack.admin`
      select attachment_path, attachment_size::int, attachment_stored from public.vendor_quotes where id = ${body.id}`;
    expect(row).toEqual({
      attachment_path: body.upload.path,
      attachment_size: PDF.byteLength,
      attachment_stored: true,
    });

    // Once: the same path again (with or without upsert) is refused.
    const again = await vendorStorage()
      .from('documents')
      .upload(body.upload.path, PDF, { contentType: 'application/pdf' });
    expect(again.error).not.toBeNull();
    const upsert = await vendorStorage()
      .from('documents')
      .upload(body.upload.path, PDF, { contentType: 'application/pdf', upsert: true });
    expect(upsert.error).not.toBeNull();

    const manager = await userClient(stack, tenant.members.manager);
    const download = await manager.storage.from('documents').download(body.upload.path);
    expect(download.error).toBeNull();
    expect(new Uint8Array(await (download.data as Blob).arrayBuffer())).toEqual(PDF);
    const staff = await userClient(stack, tenant.members.staff);
    expect((await staff.storage.from('documents').download(body.upload.path)).error).not.toBeNull();
    // The vendor cannot read it back either.
    expect((await vendorStorage().from('documents').download(body.upload.path)).error).not.toBeNull();
  });

  it('refuses another path, another type and a larger file than announced', async () => {
    const { status, body } = await submitQuote(await newToken());
    expect(status).toBe(201);
    const folder = body.upload.path.slice(0, body.upload.path.lastIndexOf('/') + 1);
    const sibling = await vendorStorage()
      .from('documents')
      .upload(`${folder}other.pdf`, PDF, { contentType: 'application/pdf' });
    expect(sibling.error).not.toBeNull();
    const png = await vendorStorage().from('documents').upload(body.upload.path, PDF, { contentType: 'image/png' });
    expect(png.error).not.toBeNull();
    const larger = new Uint8Array(PDF.byteLength + 1);
    larger.set(PDF);
    const tooLarge = await vendorStorage()
      .from('documents')
      .upload(body.upload.path, larger, { contentType: 'application/pdf' });
    expect(tooLarge.error).not.toBeNull();
    // Still unused: the announced file itself goes through.
    const right = await vendorStorage()
      .from('documents')
      .upload(body.upload.path, PDF, { contentType: 'application/pdf' });
    expect(right.error).toBeNull();
    const [count] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from storage.objects where name like ${`${folder}%`}`;
    expect(count?.n).toBe(1);
  });
});
