// Inbox documents through Storage with the official client: a new version (upsert) or a move into
// the inbox is a job as much as a first upload, and an ID document's scan goes when its job ends
// dead (out of attempts, or dead-lettered after its worker was lost), unless the property keeps it;
// never a newer version than its job's, and a scan its worker died before deleting is swept.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeClient } from '../../../supabase/local/realtime/test-support.ts';
import { createStorageService } from '../../../supabase/local/storage/index.ts';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { createStorageInputSource } from '../jobs/input-source.ts';
import { createJobStore } from '../jobs/job-store.ts';
import {
  createSmallTenant,
  fakeHandler,
  type SmallTenant,
  startTestWorker,
  waitFor,
  waitForStatus,
} from '../jobs/testing/support.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { createOcrHandler, discardIdDocumentScan } from './ocr.ts';

const stack = useTestStack({
  services: (deps) => {
    const storage = createStorageService(deps);
    return { services: { storage: storage.service }, close: () => storage.close() };
  },
});

let tenant: SmallTenant;
let staff: SupabaseClient;

beforeAll(async () => {
  tenant = await createSmallTenant(stack.admin, 'scans');
  staff = await realtimeClient(stack, tenant.staff);
});

const path = (folder: string, file: string) => `${tenant.organizationId}/${tenant.propertyId}/${folder}/${file}`;
const bytes = (text: string) => new TextEncoder().encode(text);

async function upload(name: string, body: Uint8Array, upsert = false): Promise<void> {
  const { error } = await staff.storage.from('documents').upload(name, body, { contentType: 'image/png', upsert });
  expect(error, `upload of ${name}`).toBeNull();
}

async function jobsOf(name: string): Promise<{ id: string; kind: string; input: Record<string, unknown> }[]> {
  return stack.admin`select id, kind, input from public.jobs where input ->> 'name' = ${name} order by created_at`;
}

async function scanExists(name: string): Promise<boolean> {
  const rows = await stack.admin`select 1 from storage.objects where bucket_id = 'documents' and name = ${name}`;
  return rows.length === 1;
}

describe('the inbox', () => {
  it('turns a new version (upsert) and a move into the inbox into a job, as a first upload', async () => {
    const receipt = path('inbox/receipts', 'replaced.png');
    await upload(receipt, bytes('first'));
    expect(await jobsOf(receipt), 'the first upload is a job').toHaveLength(1);
    await upload(receipt, bytes('second version'), true);
    expect(await jobsOf(receipt), 'the new version is a job too').toEqual([
      expect.objectContaining({ kind: 'ocr_receipt' }),
      expect.objectContaining({ kind: 'ocr_receipt' }),
    ]);

    const draft = path('drafts', 'menu.png');
    await upload(draft, bytes('menu'));
    const menu = path('inbox/menus', 'menu.png');
    const { error } = await staff.storage.from('documents').move(draft, menu);
    expect(error, 'the move').toBeNull();
    expect(await jobsOf(menu), 'a move into the inbox is a job').toEqual([
      expect.objectContaining({ kind: 'ocr_menu' }),
    ]);

    const out = path('archive', 'menu.png');
    expect((await staff.storage.from('documents').move(menu, out)).error, 'the move out').toBeNull();
    expect(await jobsOf(out), 'a move out of the inbox is none').toEqual([]);
    await stack.admin`
      update storage.objects set last_accessed_at = now() where bucket_id = 'documents' and name = ${receipt}`;
    expect(await jobsOf(receipt), 'an update that keeps the name and version is none').toHaveLength(2);
  });
});

describe("an ID document's scan", () => {
  it('is deleted when its job is dead-lettered without a final attempt, by any worker', async () => {
    const scan = path('inbox/id-documents', 'lost.png');
    await upload(scan, bytes('scan'));
    const [job] = await jobsOf(scan);
    const id = job?.id as string;
    // As after a worker died on the last try: the job left its queue for the dead letter queue.
    await stack.admin`delete from pgboss.job where id = ${id} and name = 'ocr_id_document'`;
    await stack.admin`
      select private.enqueue_queue_job('jobs_dead_letter',
        ${stack.admin.json({ data: { jobId: id, organizationId: tenant.organizationId, kind: 'ocr_id_document' } })})`;
    // This worker does not serve ID documents; its dead letter consumer still cleans up after them.
    const worker = await startTestWorker(stack, { handlers: { forecast: fakeHandler(async () => ({})) } });
    try {
      expect(await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead']), 'dead').toMatchObject({
        status: 'dead',
        error: { code: 'worker_lost' },
      });
      await waitFor('the scan to be deleted', async () => ((await scanExists(scan)) ? undefined : true));
    } finally {
      await worker.stop();
    }
  });

  it('is deleted when its job runs out of attempts, and kept where the property keeps scans', async () => {
    const engine = {
      async recognizeSettled(): Promise<never> {
        throw new Error('the model crashed');
      },
    } as unknown as OcrEngine;
    const worker = await startTestWorker(stack, {
      retryLimit: 1,
      handlers: { ocr_id_document: createOcrHandler('ocr_id_document', async () => engine) },
    });
    try {
      const scan = path('inbox/id-documents', 'crashing.png');
      await upload(scan, bytes('scan'));
      const [job] = await jobsOf(scan);
      const dead = await waitForStatus(stack.admin, job?.id as string, ['succeeded', 'failed', 'dead']);
      expect(dead, 'dead after its attempts').toMatchObject({ status: 'dead', attempts: 2 });
      await waitFor('the scan to be deleted', async () => ((await scanExists(scan)) ? undefined : true));

      await stack.admin`
        update public.properties set id_document_retention = 'mrz_fields_and_scan' where id = ${tenant.propertyId}`;
      const kept = path('inbox/id-documents', 'kept.png');
      await upload(kept, bytes('scan'));
      const [keptJob] = await jobsOf(kept);
      expect((await waitForStatus(stack.admin, keptJob?.id as string, ['dead'])).status).toBe('dead');
      expect(await scanExists(kept), 'a property that keeps scans keeps it').toBe(true);
    } finally {
      await worker.stop();
      await stack.admin`
        update public.properties set id_document_retention = 'mrz_fields' where id = ${tenant.propertyId}`;
    }
  });
});

describe('an ID document replaced while its job runs', () => {
  it("keeps the new version: the older job's clean-up removes only its own version", async () => {
    const scan = path('inbox/id-documents', 'replaced.png');
    await upload(scan, bytes('first scan'));
    await upload(scan, bytes('second scan'), true);
    const [older, newer] = await jobsOf(scan);
    expect(older?.input.version, 'the job names the version it was made for').toEqual(expect.any(String));
    expect(newer?.input.version, 'each upload its own').not.toBe(older?.input.version);
    const context = {
      store: createJobStore(stack.admin),
      input: createStorageInputSource({ apiUrl: stack.url, serviceKey: stack.keys.service_role_key }),
    };
    const finished = (job: typeof older) =>
      ({ id: job?.id, propertyId: tenant.propertyId, kind: 'ocr_id_document', input: job?.input }) as never;
    await discardIdDocumentScan(finished(older), 'succeeded', context);
    expect(await scanExists(scan), "the newer upload survives the older job's clean-up").toBe(true);
    await discardIdDocumentScan(finished(newer), 'succeeded', context);
    expect(await scanExists(scan), 'and goes with its own job').toBe(false);
  });
});

describe('scans a dead worker left behind', () => {
  it('are swept by the next worker, sparing newer versions whose job has not ended', async () => {
    // As after a worker saved the final status and was killed before deleting the scan.
    const stranded = path('inbox/id-documents', 'stranded.png');
    await upload(stranded, bytes('scan'));
    const [strandedJob] = await jobsOf(stranded);
    const replaced = path('inbox/id-documents', 'replaced-later.png');
    await upload(replaced, bytes('first'));
    await upload(replaced, bytes('second'), true);
    const [olderJob] = await jobsOf(replaced);
    const finishedIds = [strandedJob?.id as string, olderJob?.id as string];
    await stack.admin`
      update public.jobs set status = 'succeeded', result = '{}', finished_at = now() where id = any(${finishedIds}::uuid[])`;
    const worker = await startTestWorker(stack, {
      handlers: { forecast: fakeHandler(async () => ({})) },
    });
    try {
      await waitFor('the stranded scan to be swept', async () => ((await scanExists(stranded)) ? undefined : true));
      expect(await scanExists(replaced), 'a newer version, whose job is still queued, stays').toBe(true);
    } finally {
      await worker.stop();
    }
  });
});

afterAll(async () => {
  await stack.admin`delete from pgboss.job where name <> 'jobs_dead_letter' and state < 'active'`;
});
