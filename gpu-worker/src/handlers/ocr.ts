// OCR job kinds: the images of a micro-batch (several jobs fetched together) are read from Storage
// and recognised in ONE engine call (recognizeSettled of src/ocr/: a bad image fails alone), then
// parsed per kind. ID documents keep only what the property's id_document_retention allows and
// never their OCR text; the scan is deleted from Storage once the job is final (afterFinal, run by
// the consumer after it saved the outcome), unless the property keeps scans.

import { JobError, toJobError } from '../jobs/errors.ts';
import type { ClaimedJob, FinalStatus, FinishedJob, HandlerContext, JobOutcome, KindHandler } from '../jobs/handler.ts';
import type { StorageObjectRef } from '../jobs/input-source.ts';
import type { JobKind } from '../jobs/kinds.ts';
import { parseIdDocument, parseMenu, parseReceipt } from '../ocr/documents.ts';
import type { OcrEngine, OcrResult } from '../ocr/engine.ts';

type OcrKind = Extract<JobKind, 'ocr_id_document' | 'ocr_receipt' | 'ocr_menu'>;

/** The engine is shared by the three OCR kinds (one session per model per process). */
export function createOcrHandler(kind: OcrKind, engine: () => Promise<OcrEngine>): KindHandler {
  return {
    async run(jobs, context) {
      const outcomes: (JobOutcome | undefined)[] = jobs.map(() => undefined);
      const inputs = await Promise.all(jobs.map((job) => readInput(job, context)));
      const readable: { index: number; bytes: Uint8Array }[] = [];
      for (const [index, input] of inputs.entries()) {
        if (input instanceof JobError) outcomes[index] = { ok: false, error: input };
        else readable.push({ index, bytes: input });
      }
      await Promise.all(readable.map(({ index }) => (jobs[index] as ClaimedJob).progress(20)));
      const ocr = await engine();
      const settled = readable.length ? await ocr.recognizeSettled(readable.map((r) => r.bytes)) : [];
      for (const [position, { index }] of readable.entries()) {
        const job = jobs[index] as ClaimedJob;
        const outcome = settled[position];
        if (!outcome) continue;
        if (!outcome.ok) {
          outcomes[index] = { ok: false, error: toJobError(outcome.error) };
          continue;
        }
        await job.progress(80);
        outcomes[index] = await toResult(kind, job, outcome.result, context).catch((error: unknown) => ({
          ok: false as const,
          error: toJobError(error),
        }));
      }
      return outcomes.map(
        (outcome): JobOutcome =>
          outcome ?? {
            ok: false,
            error: new JobError('no_outcome', 'The image was not recognised.', { retryable: true }),
          },
      );
    },
    // The scan goes only once the job's final status is saved: deleted earlier, a retry (a timed
    // out batch, a failed write of the result) would find no input and the result would be lost.
    ...(kind === 'ocr_id_document' ? { afterFinal: discardIdDocumentScan } : {}),
  };
}

/**
 * Deletes an ID document's scan from Storage once its job is final (succeeded, failed or dead),
 * unless the property keeps scans, and only while the object is still the version the job was
 * made for: a new version uploaded to the same inbox path meanwhile is a new job's input.
 */
export async function discardIdDocumentScan(
  job: FinishedJob,
  _status: FinalStatus,
  context: Pick<HandlerContext, 'store' | 'input'>,
): Promise<void> {
  if (job.kind !== 'ocr_id_document') return;
  const retention = await context.store.idDocumentRetention(job.propertyId);
  if (retention === 'mrz_fields_and_scan') return;
  const ref = inputRef(job);
  const { version } = job.input as { version?: unknown };
  if (typeof version === 'string' && (await context.store.objectVersion(ref.bucket, ref.name)) !== version) return;
  await context.input.remove(ref);
}

function inputRef(job: FinishedJob): StorageObjectRef {
  const { bucket, name } = job.input as { bucket?: unknown; name?: unknown };
  if (typeof bucket !== 'string' || typeof name !== 'string') {
    throw new JobError('invalid_input', 'The job names no storage object.', { retryable: false });
  }
  return { bucket, name };
}

async function readInput(job: ClaimedJob, context: HandlerContext): Promise<Uint8Array | JobError> {
  try {
    const { bytes } = await context.input.read(inputRef(job), context.signal);
    return bytes;
  } catch (error) {
    return toJobError(error);
  }
}

function lines(result: OcrResult) {
  return result.lines.map((line) => ({
    text: line.text,
    confidence: Math.round(line.confidence * 1000) / 1000,
    box: line.box.map(([x, y]) => [Math.round(x), Math.round(y)]),
  }));
}

async function toResult(
  kind: OcrKind,
  job: ClaimedJob,
  result: OcrResult,
  context: HandlerContext,
): Promise<JobOutcome> {
  const size = { width: result.width, height: result.height };
  if (kind === 'ocr_receipt')
    return { ok: true, result: { ...size, receipt: parseReceipt(result), lines: lines(result) } };
  if (kind === 'ocr_menu') return { ok: true, result: { ...size, menu: parseMenu(result), lines: lines(result) } };
  const fields = parseIdDocument(result);
  const retention = await context.store.idDocumentRetention(job.propertyId);
  if (!fields) {
    return {
      ok: false,
      error: new JobError('mrz_not_found', 'No machine-readable zone was found on the document.', { retryable: false }),
    };
  }
  const kept =
    retention === 'validity_only'
      ? { documentType: fields.documentType, expirationDate: fields.expirationDate, valid: fields.valid }
      : fields;
  return { ok: true, result: { retention, document: kept, scanKept: retention === 'mrz_fields_and_scan' } };
}
