// End to end with the real OCR handlers: an upload into a property's inbox becomes a job row, the
// worker reads the image through Storage, recognises it and writes the result, and the change
// reaches the property's members over Realtime (and nobody else). Bad inputs fail their job with a
// clear error while the worker keeps serving; ID documents keep only what the property allows.
import type { RealtimePostgresChangesPayload, SupabaseClient } from '@supabase/supabase-js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealtimeService } from '../../../supabase/local/realtime/index.ts';
import { collect, joined, realtimeClient } from '../../../supabase/local/realtime/test-support.ts';
import { createStorageService } from '../../../supabase/local/storage/index.ts';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { createSmallTenant, quietLogger, type SmallTenant, waitFor, waitForStatus } from '../jobs/testing/support.ts';
import { specimen, td3 } from '../ocr/testing/mrz-specimen.ts';
import { renderLines } from '../ocr/testing/render.ts';
import { type RunningWorker, startWorker } from '../start.ts';

const stack = useTestStack({
  services: (deps) => {
    const storage = createStorageService(deps);
    const realtime = createRealtimeService({ ...deps, dropSlotOnClose: true });
    return {
      services: { storage: storage.service, realtime: realtime.service },
      close: async () => {
        await realtime.close();
        await storage.close();
      },
    };
  },
});

type Change = RealtimePostgresChangesPayload<Record<string, unknown>>;
let tenant: SmallTenant;
let other: SmallTenant;
let worker: RunningWorker;
let staff: SupabaseClient;

beforeAll(async () => {
  tenant = await createSmallTenant(stack.admin, 'ocr');
  other = await createSmallTenant(stack.admin, 'ocr-other');
  staff = await realtimeClient(stack, tenant.staff);
  worker = await startWorker({
    dbUrl: stack.dbUrl,
    sessionDbUrl: stack.sessionDbUrl,
    apiUrl: stack.url,
    serviceKey: stack.keys.service_role_key,
    kinds: ['ocr_receipt', 'ocr_id_document', 'ocr_menu'],
    batchSize: 4,
    pollingIntervalSeconds: 0.5,
    metricsPort: 0,
    logger: quietLogger(),
  });
});
afterAll(async () => worker?.stop());

const inbox = (folder: string, file: string) => `${tenant.organizationId}/${tenant.propertyId}/inbox/${folder}/${file}`;

async function upload(path: string, bytes: Uint8Array, contentType = 'image/png'): Promise<string> {
  const { error } = await staff.storage.from('documents').upload(path, bytes, { contentType });
  expect(error, `upload of ${path}`).toBeNull();
  return waitFor(`the job of ${path}`, async () => {
    const [row] = await stack.admin<{ id: string }[]>`select id from public.jobs where input ->> 'name' = ${path}`;
    return row?.id;
  });
}

const receiptImage = () =>
  renderLines(['Café Lumière', 'Date: 21.11.2026 14:32', 'Croissant', 'Cappuccino', 'TOTAL EUR'], {
    width: 700,
    rightColumn: [null, null, '2.40', '4.20', '6.60'],
  });

describe('an upload into the inbox', () => {
  it('becomes a job whose result reaches the property over Realtime, and no other organization', async () => {
    const mine = collect<Change>();
    const theirs = collect<Change>();
    const outsider = await realtimeClient(stack, other.owner);
    await joined(
      staff
        .channel('jobs-mine')
        .on('postgres_changes', { event: '*', schema: 'public', table: 'jobs' }, (p: Change) => mine.push(p)),
    );
    await joined(
      outsider
        .channel('jobs-theirs')
        .on('postgres_changes', { event: '*', schema: 'public', table: 'jobs' }, (p: Change) => theirs.push(p)),
    );
    const path = inbox('receipts', 'cafe.png');
    const id = await upload(path, await receiptImage());
    const done = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 60_000);
    expect(done.status, `the receipt job succeeded (${JSON.stringify(done.error)})`).toBe('succeeded');
    expect(done.result?.receipt, 'the receipt fields').toMatchObject({ totalMinor: 660, date: '2026-11-21' });
    expect((done.result?.lines as unknown[] | undefined)?.length ?? 0, 'the text lines with boxes').toBeGreaterThan(3);

    const events = await waitFor('the succeeded event', async () => {
      const ofJob = mine.items.filter((p) => (p.new as { id?: string }).id === id);
      return ofJob.some((p) => (p.new as { status?: string }).status === 'succeeded') ? ofJob : undefined;
    });
    expect(events[0]?.eventType, 'the job row appeared live').toBe('INSERT');
    expect(
      events.some((p) => (p.new as { progress?: number }).progress === 20),
      'progress was written as it went',
    ).toBe(true);
    expect(theirs.items, "another organization's member received nothing").toEqual([]);
    const { data, error } = await outsider.storage.from('documents').download(path);
    expect(data, "another organization's member cannot read the input").toBeNull();
    expect(error, 'the download is refused').not.toBeNull();
  });

  it('reads an ID document into MRZ fields and keeps no more than the property allows', async () => {
    const page = await renderLines(['PASSPORT', '', ...td3(specimen)], {
      fontFamily: 'DejaVu Sans Mono',
      fontSize: 26,
    });
    const path = inbox('id-documents', 'guest.png');
    const id = await upload(path, page);
    const done = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 60_000);
    expect(done, 'the MRZ fields for staff to confirm').toMatchObject({
      status: 'succeeded',
      result: {
        retention: 'mrz_fields',
        scanKept: false,
        document: { lastName: 'ERIKSSON', documentNumber: 'L898902C3', valid: true },
      },
    });
    expect(JSON.stringify(done.result), 'no OCR text of the document is stored').not.toContain('PASSPORT');
    // The scan goes right after the result is saved (never before: a retry would need it).
    await waitFor('the scan to be deleted from storage', async () => {
      const [object] =
        await stack.admin`select id from storage.objects where bucket_id = 'documents' and name = ${path}`;
      return object ? undefined : true;
    });

    await stack.admin`update public.properties set id_document_retention = 'validity_only' where id = ${tenant.propertyId}`;
    const second = await upload(inbox('id-documents', 'guest-2.png'), page);
    const limited = await waitForStatus(stack.admin, second, ['succeeded', 'failed', 'dead'], 60_000);
    expect(limited.result?.document, 'validity only: no personal fields').toEqual({
      documentType: expect.any(String),
      expirationDate: expect.any(String),
      valid: true,
    });
    await stack.admin`update public.properties set id_document_retention = 'mrz_fields' where id = ${tenant.propertyId}`;
  });
});

describe('bad inputs', () => {
  it('fail their job with a clear error while the worker keeps serving', async () => {
    const huge = await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const bomb = new TextEncoder().encode(
      `%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 1000000 /Kids [${'3 0 R '.repeat(20_000)}] >> endobj\n%%EOF\n`,
    );
    const cases = [
      { file: 'empty.png', bytes: new Uint8Array(0), type: 'image/png', codes: ['empty_input'] },
      {
        file: 'corrupt.png',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]),
        type: 'image/png',
        codes: ['corrupt_image'],
      },
      { file: 'huge.png', bytes: new Uint8Array(huge), type: 'image/png', codes: ['image_too_large'] },
      {
        file: 'text.png',
        bytes: new TextEncoder().encode('just some text, not an image'),
        type: 'image/png',
        codes: ['unsupported_type', 'corrupt_image'],
      },
      { file: 'bomb.pdf', bytes: bomb, type: 'application/pdf', codes: ['pdf_too_complex', 'unsupported_type'] },
    ];
    const ids = [];
    for (const c of cases) ids.push(await upload(inbox('receipts', c.file), c.bytes, c.type));
    for (const [index, id] of ids.entries()) {
      const c = cases[index] as (typeof cases)[number];
      const state = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 60_000);
      expect(state.status, `${c.file}: failed`).toBe('failed');
      expect(c.codes, `${c.file}: a stable code (${state.error?.code})`).toContain(state.error?.code);
      expect(state.error?.message.length, `${c.file}: a sentence`).toBeGreaterThan(10);
      expect(state.attempts, `${c.file}: not retried`).toBe(1);
    }
    const id = await upload(inbox('receipts', 'after.png'), await receiptImage());
    expect(
      (await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 60_000)).status,
      'the next job succeeds',
    ).toBe('succeeded');
  });
});

describe('the health and metrics endpoint', () => {
  it('reports health and Prometheus metrics of the jobs', async () => {
    const health = await fetch(`${worker.metricsUrl}/health`);
    expect(health.status, 'healthy').toBe(200);
    expect(await health.json(), 'the kinds served').toMatchObject({
      status: 'ok',
      kinds: expect.arrayContaining(['ocr_receipt']),
    });
    const metrics = await (await fetch(`${worker.metricsUrl}/metrics`)).text();
    expect(metrics, 'jobs processed by kind and outcome').toMatch(
      /roost_jobs_processed_total\{kind="ocr_receipt",outcome="succeeded"\} [1-9]/,
    );
    expect(metrics, 'failed jobs counted').toMatch(
      /roost_jobs_processed_total\{kind="ocr_receipt",outcome="failed"\} 5/,
    );
    expect(metrics, 'durations').toContain('roost_job_duration_seconds_bucket');
    expect(metrics, 'queue depth').toContain('roost_queue_depth{queue="ocr_receipt"}');
    expect(metrics, 'in flight').toContain('roost_jobs_in_flight');
    expect(metrics, 'memory').toContain('roost_worker_process_resident_memory_bytes');
  });
});
