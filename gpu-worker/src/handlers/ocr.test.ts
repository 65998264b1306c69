// The OCR handler on its own (a fake engine and Storage): what happens to an ID document's scan when
// the job ends on its input, before any text was read.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { JobError } from '../jobs/errors.ts';
import type { ClaimedJob, HandlerContext } from '../jobs/handler.ts';
import type { InputSource, StorageObjectRef } from '../jobs/input-source.ts';
import type { JobStore } from '../jobs/job-store.ts';
import type { OcrEngine } from '../ocr/engine.ts';
import { OcrInputError } from '../ocr/errors.ts';
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

function setup(retention: string, options: { failRead?: JobError } = {}) {
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
  return { removed, context, handler };
}

describe('an ID document that fails on its input', () => {
  it('has its scan deleted unless the property keeps scans', async () => {
    const { removed, context, handler } = setup('mrz_fields');
    const [outcome] = await handler.run([job('o/p/inbox/id-documents/broken.png')], context);
    expect(outcome, 'the job fails on its input').toMatchObject({ ok: false, error: { code: 'corrupt_image' } });
    expect(removed, 'the unreadable scan was deleted').toEqual(['o/p/inbox/id-documents/broken.png']);

    const keeping = setup('mrz_fields_and_scan');
    await keeping.handler.run([job('o/p/inbox/id-documents/kept.png')], keeping.context);
    expect(keeping.removed, 'a property that keeps scans keeps it').toEqual([]);
  });

  it('is deleted when it is refused before recognition (too large), and kept for a retry otherwise', async () => {
    const large = setup('validity_only', {
      failRead: new JobError('input_too_large', 'too large', { retryable: false }),
    });
    const [refused] = await large.handler.run([job('o/p/inbox/id-documents/large.png')], large.context);
    expect(refused, 'refused on its size').toMatchObject({ ok: false, error: { code: 'input_too_large' } });
    expect(large.removed, 'the refused scan was deleted').toEqual(['o/p/inbox/id-documents/large.png']);

    const down = setup('mrz_fields', {
      failRead: new JobError('storage_unavailable', 'down', { retryable: true }),
    });
    const [retried] = await down.handler.run([job('o/p/inbox/id-documents/later.png')], down.context);
    expect(retried, 'retried').toMatchObject({ ok: false, error: { code: 'storage_unavailable', retryable: true } });
    expect(down.removed, 'a scan whose job is retried stays for the retry').toEqual([]);
  });
});
