// The ID scan: a photo from the tablet's camera (or a file) goes straight from the browser into
// the property's inbox, which makes an OCR job; the page then follows that job (its row in
// public.jobs, kept live by the route) until the worker has read the document or given up.
import { useRevalidator, useSearchParams } from '@remix-run/react';
import { useEffect, useId, useRef, useState } from 'react';
import { browserSupabase } from '../../utils/supabase.client.ts';
import type { LiveState } from '../../utils/use-live-changes.ts';
import { newScanName, scanFileProblem } from './check-in.schema.ts';

/** A job still queued after this long means no worker is taking jobs. */
export const STALLED_AFTER_MS = 20_000;
/**
 * While a job is unfinished and the page is live, Realtime brings its changes; the page re-reads
 * it this seldom only in case one is missed. While not live (connecting, or the socket is down
 * but HTTP may still work) it re-reads more often: then polling is all there is.
 */
export const FOLLOW_WHEN_LIVE_MS = 10_000;
export const FOLLOW_WHEN_NOT_LIVE_MS = 4_000;

export interface ScanJobView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';
  progress: number;
  created_at: string;
  errorCode: string | null;
}

/** The worker's error codes (gpu-worker/src/ocr/errors.ts, handlers/ocr.ts) as advice at the desk. */
const SCAN_FAILURES: Record<string, string> = {
  mrz_not_found:
    'The machine-readable zone (the lines of letters and <<< at the bottom of the photo page) could not be read. ' +
    'Take the photo again flat, in good light, with the whole page in the frame — or type the details into the guest form.',
  unsupported_type: 'This file is not a photo the scanner can read. Take a photo (JPEG, PNG or WebP) instead.',
  image_too_large: 'The photo is too large to read. Take it again at a lower resolution.',
  corrupt_image: 'The photo could not be opened. Take it again.',
  empty_input: 'The photo is empty. Take it again.',
};
const SCAN_FAILED =
  'The document could not be read. Take the photo again in good light, or type the details into the guest form.';

export function ScanPanel({
  organizationId,
  propertyId,
  bookingId,
  job,
  scanMissing,
  live,
}: {
  organizationId: string;
  propertyId: string;
  bookingId: string;
  job: ScanJobView | null;
  /** A scan was uploaded but no job was found for it. */
  scanMissing: boolean;
  /** The page's live updates: polling is the fallback when they are not 'live'. */
  live: LiveState;
}) {
  const inputId = useId();
  const [, setSearchParams] = useSearchParams();
  const [upload, setUpload] = useState<{ state: 'idle' | 'uploading' } | { state: 'error'; message: string }>({
    state: 'idle',
  });

  async function send(file: File) {
    const problem = scanFileProblem(file);
    if (problem) {
      setUpload({ state: 'error', message: problem });
      return;
    }
    setUpload({ state: 'uploading' });
    const name = newScanName(organizationId, propertyId, bookingId, file.type);
    const { error } = await browserSupabase()
      .storage.from('documents')
      .upload(name, file, { contentType: file.type, upsert: false });
    if (error) {
      setUpload({ state: 'error', message: uploadMessage(error.message) });
      return;
    }
    setUpload({ state: 'idle' });
    // The loader finds the job the upload made; a reload keeps following it.
    setSearchParams({ scan: name }, { replace: true, preventScrollReset: true });
  }

  return (
    <section className="section check-in-scan" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Scan the ID document</h2>
      <p className="muted">
        Photograph the photo page of the passport or ID card. What it reads fills the guest form, for you to check. The
        photo is deleted once it has been read.
      </p>
      <div className="check-in-pick">
        {/* The input before its label: the label (drawn as the button) shows the input's focus. */}
        <input
          id={inputId}
          className="check-in-file"
          type="file"
          accept="image/*"
          capture="environment"
          disabled={upload.state === 'uploading'}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void send(file);
          }}
        />
        <label htmlFor={inputId} className="button button-primary check-in-camera">
          {job ? 'Take another photo' : 'Take or choose a photo'}
        </label>
      </div>
      {upload.state === 'uploading' ? (
        <p role="status" className="check-in-status">
          Uploading the photo…
        </p>
      ) : null}
      {upload.state === 'error' ? (
        <div className="alert alert-error" role="alert">
          {upload.message}
        </div>
      ) : null}
      {scanMissing && !job ? (
        <div className="alert alert-error" role="alert">
          This scan is no longer being read. Take the photo again, or type the details into the guest form.
        </div>
      ) : null}
      {job && upload.state !== 'uploading' ? <JobProgress job={job} live={live} /> : null}
    </section>
  );
}

function uploadMessage(message: string): string {
  if (/size|large/i.test(message)) return 'The photo is larger than 20 MB. Take it again at a lower resolution.';
  if (/mime|type/i.test(message)) return 'Choose a photo (JPEG, PNG or WebP). Other files cannot be read.';
  return 'The photo could not be uploaded. Check the connection and try again, or type the details into the guest form.';
}

function JobProgress({ job, live }: { job: ScanJobView; live: LiveState }) {
  const stalled = useStalled(job);
  const unfinished = job.status === 'queued' || job.status === 'running';
  useFollow(unfinished ? (live === 'live' ? FOLLOW_WHEN_LIVE_MS : FOLLOW_WHEN_NOT_LIVE_MS) : null);
  const progressId = useId();
  if (job.status === 'succeeded') {
    return (
      <div className="alert alert-success" role="status">
        Document read. Check the guest form against the document, correct anything that differs, then check in.
      </div>
    );
  }
  if (job.status === 'failed' || job.status === 'dead') {
    return (
      <div className="alert alert-error" role="alert">
        {SCAN_FAILURES[job.errorCode ?? ''] ?? SCAN_FAILED}
      </div>
    );
  }
  const label = job.status === 'queued' ? 'Waiting for the scanner…' : 'Reading the document…';
  return (
    <div className="check-in-progress">
      <label htmlFor={progressId}>{label}</label>
      <progress id={progressId} max={100} value={job.progress}>
        {job.progress}%
      </progress>
      {stalled ? (
        <div className="alert alert-warning" role="alert">
          The scanner is not answering: the document-reading service may not be running. Type the details into the guest
          form from the document; the scan will still be read when the service is back.
        </div>
      ) : null}
    </div>
  );
}

/** Whether the job has waited in the queue longer than a running worker would let it. */
function useStalled(job: ScanJobView): boolean {
  const [stalled, setStalled] = useState(false);
  useEffect(() => {
    if (job.status !== 'queued') {
      setStalled(false);
      return;
    }
    const check = () => setStalled(Date.now() - Date.parse(job.created_at) > STALLED_AFTER_MS);
    check();
    const timer = setInterval(check, 1000);
    return () => clearInterval(timer);
  }, [job.status, job.created_at]);
  return stalled;
}

/**
 * Re-reads the page every `everyMs` (null: never). Realtime (useLiveChanges) normally brings the
 * job's changes at once; this is the fallback for a missed change or a socket that is down.
 */
function useFollow(everyMs: number | null): void {
  const revalidator = useRevalidator();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  useEffect(() => {
    if (everyMs === null) return;
    const timer = setInterval(() => {
      if (ref.current.state === 'idle') ref.current.revalidate();
    }, everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
}
