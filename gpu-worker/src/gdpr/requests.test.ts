// Guest data requests through the worker (decision 037), on a stack with Storage and the mailer:
// an admin's export is a zip in the organization's private folder that admins download and other
// members and tenants cannot; a self-service request mails a signed link to the address on file
// only; an erasure deletes the guest's ID scan and exports from storage (no file on disk holds the
// guest's name, email, phone or document number afterwards) and anonymises the database.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeClient as signInClient } from '../../../supabase/local/realtime/test-support.ts';
import { createRestService } from '../../../supabase/local/rest/index.ts';
import { createStorageService } from '../../../supabase/local/storage/index.ts';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { waitFor } from '../../../supabase/local/testing/wait-for.ts';
import { createTenant, type Tenant } from '../../../supabase/tests/support/tenants.ts';
import { quietLogger } from '../jobs/testing/support.ts';
import { type RunningGuestDataWorker, startGuestDataWorker } from './run.ts';

const stack = useTestStack({
  mail: true,
  services: async (deps) => {
    const storage = createStorageService(deps);
    const rest = createRestService(deps);
    await rest.cache();
    return {
      services: { storage: storage.service, rest: rest.service },
      close: async () => {
        await storage.close();
        await rest.close();
      },
    };
  },
});

let tenant: Tenant;
let other: Tenant;
let worker: RunningGuestDataWorker;
let guestId: string;
let email: string;
let reference: string;
let scanName: string;
const DOCUMENT_NUMBER = 'C01X00T47';
const SCAN = new TextEncoder().encode(`passport scan of Ana Costa ${DOCUMENT_NUMBER}`);

const service = () =>
  createClient(stack.url, stack.keys.service_role_key, { auth: { persistSession: false, autoRefreshToken: false } });

async function requestState(id: string) {
  const [row] = await stack.admin<{ status: string; progress: number; object_name: string | null; error: unknown }[]>`
    select status, progress, object_name, error from public.guest_data_requests where id = ${id}`;
  return row;
}

const finished = (id: string) =>
  waitFor(
    `request ${id} finished`,
    async () => {
      const state = await requestState(id);
      return state && ['succeeded', 'failed'].includes(state.status) ? state : undefined;
    },
    60_000,
    100,
  );

async function rpc<T>(client: SupabaseClient, name: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await client.rpc(name as never, args as never);
  if (error) throw new Error(`${name}: ${error.message}`);
  return data as T;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'gdprw');
  other = await createTenant(stack.admin, 'gdprw-other');
  const bookings = tenant.extra.bookings as Record<string, string>;
  guestId = bookings.guestId as string;
  const [row] = await stack.admin<{ email: string; reference: string }[]>`
    select g.email::text as email, b.reference from public.guests g join public.bookings b on b.guest_id = g.id
    where g.id = ${guestId} and b.id = ${bookings.checkedInBookingId as string}`;
  email = row?.email as string;
  reference = row?.reference as string;
  // The passport scan, uploaded to the inbox (a job), read by OCR (its result names the document).
  scanName = `${tenant.organizationId}/${tenant.propertyIds[0]}/inbox/id-documents/ana.jpg`;
  const { error } = await service().storage.from('documents').upload(scanName, SCAN, { contentType: 'image/jpeg' });
  expect(error).toBeNull();
  await stack.admin`
    update public.jobs set status = 'succeeded', progress = 100, finished_at = now(),
      result = ${stack.admin.json({ retention: 'mrz_fields_and_scan', document: { documentNumber: DOCUMENT_NUMBER, lastName: 'COSTA' } })}
    where input ->> 'name' = ${scanName}`;
  worker = await startGuestDataWorker({
    dbUrl: stack.dbUrl,
    apiUrl: stack.url,
    serviceKey: stack.keys.service_role_key,
    log: quietLogger(),
    pollingIntervalSeconds: 0.5,
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
});

describe('export', () => {
  let objectName: string;

  it('writes a zip of JSON, CSV and the stored scan, with progress, that the organization admins download', async () => {
    const admin = await signInClient(stack, tenant.members.admin);
    const request = await rpc<{ id: string }>(admin, 'request_guest_export', { p_guest_id: guestId });
    const done = await finished(request.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, error: null });
    objectName = done.object_name as string;
    expect(objectName).toBe(`${tenant.organizationId}/${request.id}/guest-data.zip`);

    const { data, error } = await admin.storage.from('guest-exports').download(objectName);
    expect(error).toBeNull();
    const zip = unzipSync(new Uint8Array(await (data as Blob).arrayBuffer()));
    const json = JSON.parse(strFromU8(zip['guest-data.json'] as Uint8Array));
    expect(json.tables['public.guests'][0]).toMatchObject({ id: guestId, full_name: 'Ana Costa', email });
    expect(json.tables['public.bookings'].length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining([
        'csv/public.guests.csv',
        'csv/public.bookings.csv',
        'csv/public.folio_entries.csv',
        'csv/public.loyalty_ledger.csv',
        'csv/public.guest_identity_documents.csv',
        'csv/consent_history.csv',
        'csv/messages.csv',
      ]),
    );
    expect(strFromU8(zip['csv/public.guest_identity_documents.csv'] as Uint8Array)).toContain(DOCUMENT_NUMBER);
    expect(zip['documents/documents/inbox/id-documents/ana.jpg']).toEqual(SCAN);
  });

  it('is not readable by a manager of the organization nor by another organization admin', async () => {
    for (const user of [tenant.members.manager, other.members.admin, other.members.owner]) {
      const client = await signInClient(stack, user);
      const { data } = await client.storage.from('guest-exports').download(objectName);
      expect(data, user.email).toBeNull();
      const { data: rows } = await client.from('guest_data_requests').select('id').eq('guest_id', guestId);
      expect(rows ?? [], user.email).toEqual([]);
    }
  });
});

describe('self-service', () => {
  it('mails a signed link to the address on file, and answers a wrong email the same without mailing anything', async () => {
    const anon = stack.client();
    // The mail speaks the guest's language (a React Email template, en/de).
    await stack.admin`update public.guests set language = 'de' where id = ${guestId}`;
    const wrong = await rpc(anon, 'request_my_guest_data', {
      p_booking_reference: reference,
      p_email: 'someone.else@example.test',
    });
    const right = await rpc(anon, 'request_my_guest_data', { p_booking_reference: reference, p_email: email });
    expect(wrong).toEqual(right);
    const [request] = await stack.admin<{ id: string }[]>`
      select id from public.guest_data_requests where guest_id = ${guestId} and channel = 'self_service'`;
    expect((await finished(request?.id as string)).status).toBe('succeeded');
    const mail = await waitFor(
      'the link mail',
      async () => {
        const rows = await stack.admin<
          { recipient: string; text: string; html: string | null; subject: string; template: string | null }[]
        >`
          select recipient, text, html, subject, template from private.mail_outbox
          where tags ->> 'gdpr_request' = ${request?.id as string}`;
        return rows[0];
      },
      20_000,
    );
    expect(mail.recipient).toBe(email);
    const link = /https?:\/\/\S+/.exec(mail.text)?.[0] as string;
    expect(link).toContain('/storage/v1/object/sign/guest-exports/');
    expect(mail.template).toBe('guest_data_export');
    expect(mail.subject).toMatch(/^Ihre bei .+ gespeicherten Daten$/);
    expect(mail.html, 'the link is the button of the HTML part').toContain(`href="${link.replaceAll('&', '&amp;')}"`);
    const response = await fetch(link);
    expect(response.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(JSON.parse(strFromU8(zip['guest-data.json'] as Uint8Array)).guest_id).toBe(guestId);
    const [elsewhere] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from private.mail_outbox where recipient = 'someone.else@example.test'`;
    expect(elsewhere?.n).toBe(0);
  });
});

describe('erasure', () => {
  it('deletes the scan and the exports from storage, leaving no file with the guest data, and anonymises the guest', async () => {
    const terms = ['Ana Costa', email, '+351912345678', DOCUMENT_NUMBER].map((term) => Buffer.from(term));
    const holding = () =>
      filesUnder(stack.dataDir).filter((file) => {
        const bytes = readFileSync(file);
        return terms.some((term) => bytes.includes(term));
      });
    expect(holding().length, 'the scan is on disk before').toBeGreaterThan(0);
    const owner = await signInClient(stack, tenant.members.owner);
    const request = await rpc<{ id: string }>(owner, 'request_guest_erasure', {
      p_guest_id: guestId,
      p_confirm_name: 'Ana Costa',
    });
    expect(await finished(request.id)).toMatchObject({ status: 'succeeded', progress: 100 });

    const objects = await stack.admin<{ name: string }[]>`
      select name from storage.objects
      where (bucket_id = 'guest-exports' and name like ${`${tenant.organizationId}/%`}) or name = ${scanName}`;
    expect(objects).toEqual([]);
    expect(holding(), 'files holding the guest data').toEqual([]);
    expect(filesUnder(join(stack.dataDir, 'buckets')).filter((file) => file.includes('guest-exports'))).toEqual([]);

    const [guest] = await stack.admin<{ full_name: string; email: string | null }[]>`
      select full_name, email from public.guests where id = ${guestId}`;
    expect(guest?.full_name).toMatch(/^Erased guest /);
    expect(guest?.email).toBeNull();
    // The link mailed earlier points at nothing now.
    const [mail] = await stack.admin<{ recipient: string; text: string }[]>`
      select recipient, text from private.mail_outbox where tags ->> 'erased' = 'true'`;
    expect(mail?.recipient).toBe('erased@erased.invalid');
  });
});
