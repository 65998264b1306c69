// The OCR handler on its own (a fake engine and Storage): an ID document's scan stays while the job
// runs (a retry still needs it) and goes once its final status is saved, unless the property keeps it.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { JobError } from '../jobs/errors.ts';
import type { ClaimedJob, HandlerContext } from '../jobs/handler.ts';
import type { InputSource, StorageObjectRef } from '../jobs/input-source.ts';
import type { JobStore } from '../jobs/job-store.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { OcrInputError } from '../ocr/errors.ts';
import { specimen, td3 } from '../ocr/testing/mrz-specimen.ts';
import { createOcrHandler } from './ocr.ts';

function job(name: string): ClaimedJob {
  return {
    id: `job-${name}`,
    organizationId: 'org',
    propertyId: 'property',
    kind: 'ocr_id_document',
    input: { bucket: 'documents', name },
    attempt: 1,
    progress: async () => {},
  };
}

function setup(retention: string, options: { failRead?: JobError; mrz?: boolean } = {}) {
  const removed: string[] = [];
  const input: InputSource = {
    async read(ref: StorageObjectRef) {
      if (options.failRead) throw options.failRead;
      return { bytes: new TextEncoder().encode(ref.name), contentType: 'image/png' };
    },
    async remove(ref: StorageObjectRef) {
      removed.push(ref.name);
    },
  };
  const engine = {
    async recognizeSettled(images: Uint8Array[]) {
      if (options.mrz) {
        const lines = td3(specimen).map((text, row) => ({
          text,
          confidence: 0.99,
          box: [
            [10, 10 + row * 40],
            [900, 10 + row * 40],
            [900, 40 + row * 40],
            [10, 40 + row * 40],
          ] as [number, number][],
        }));
        return images.map(() => ({ ok: true as const, result: { width: 1000, height: 200, lines } }));
      }
      return images.map(() => ({ ok: false as const, error: new OcrInputError('corrupt_image', 'cannot be decoded') }));
    },
  } as unknown as OcrEngine;
  const context: HandlerContext = {
    store: { idDocumentRetention: async () => retention } as unknown as JobStore,
    input,
    log: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  };
  const handler = createOcrHandler('ocr_id_document', async () => engine);
  const final = (name: string, status: 'succeeded' | 'failed' | 'dead') =>
    handler.afterFinal?.(job(name), status, context) ?? Promise.reject(new Error('no afterFinal'));
  return { removed, context, handler, final };
}

describe('an ID document that is read', () => {
  it('keeps its scan until the result is saved, then it goes unless the property keeps scans', async () => {
    const { removed, context, handler, final } = setup('mrz_fields', { mrz: true });
    const [outcome] = await handler.run([job('o/p/inbox/id-documents/passport.png')], context);
    expect(outcome, 'the MRZ fields').toMatchObject({ ok: true, result: { retention: 'mrz_fields', scanKept: false } });
    expect(removed, 'the scan stays while the result is not saved (a retry needs it)').toEqual([]);
    await final('o/p/inbox/id-documents/passport.png', 'succeeded');
    expect(removed, 'once saved, the scan goes').toEqual(['o/p/inbox/id-documents/passport.png']);

    const keeping = setup('mrz_fields_and_scan');
    await keeping.final('o/p/inbox/id-documents/kept.png', 'succeeded');
    expect(keeping.removed, 'a property that keeps scans keeps it').toEqual([]);
  });
});

describe('an ID document that fails on its input', () => {
  it('has its scan deleted once the failure is saved, unless the property keeps scans', async () => {
    const { removed, context, handler, final } = setup('mrz_fields');
    const [outcome] = await handler.run([job('o/p/inbox/id-documents/broken.png')], context);
    expect(outcome, 'the job fails on its input').toMatchObject({ ok: false, error: { code: 'corrupt_image' } });
    expect(removed, 'nothing is deleted before the failure is saved').toEqual([]);
    await final('o/p/inbox/id-documents/broken.png', 'failed');
    expect(removed, 'the unreadable scan was deleted').toEqual(['o/p/inbox/id-documents/broken.png']);

    const keeping = setup('mrz_fields_and_scan');
    await keeping.handler.run([job('o/p/inbox/id-documents/kept.png')], keeping.context);
    await keeping.final('o/p/inbox/id-documents/kept.png', 'failed');
    expect(keeping.removed, 'a property that keeps scans keeps it').toEqual([]);
  });

  it('keeps its scan while a retry may come (a dead job loses it too)', async () => {
    const down = setup('mrz_fields', {
      failRead: new JobError('storage_unavailable', 'down', { retryable: true }),
    });
    const [retried] = await down.handler.run([job('o/p/inbox/id-documents/later.png')], down.context);
    expect(retried, 'retried').toMatchObject({ ok: false, error: { code: 'storage_unavailable', retryable: true } });
    expect(down.removed, 'a scan whose job is retried stays for the retry').toEqual([]);
    await down.final('o/p/inbox/id-documents/later.png', 'dead');
    expect(down.removed, 'out of attempts, the scan goes').toEqual(['o/p/inbox/id-documents/later.png']);
  });
});
