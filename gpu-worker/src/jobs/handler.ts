// The contract between the queue machinery and a job kind's work: a handler gets a micro-batch of
// claimed jobs (several pg-boss jobs fetched together) and answers one outcome per job, in order,
// so that compatible inputs (OCR images) go through the model in one call.
import type { Logger } from 'pino';
import type { JobError } from './errors.ts';
import type { InputSource } from './input-source.ts';
import type { JobStore } from './job-store.ts';
import type { JobKind } from './kinds.ts';

export interface ClaimedJob {
  id: string;
  organizationId: string;
  propertyId: string;
  kind: JobKind;
  input: Record<string, unknown>;
  /** 1 for the first attempt. */
  attempt: number;
  /** The request that created the job (its x-request-id), for the log lines. */
  requestId?: string | null;
  /** Writes jobs.progress (0-100; never backwards). */
  progress(percent: number): Promise<void>;
}

export type JobOutcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: JobError };

export interface HandlerContext {
  store: JobStore;
  input: InputSource;
  log: Logger;
  /** Aborted when the batch times out or the worker stops. */
  signal: AbortSignal;
}

/** A job whose final status has been recorded. */
export interface FinishedJob {
  id: string;
  propertyId: string;
  kind: JobKind;
  input: Record<string, unknown>;
}

export type FinalStatus = 'succeeded' | 'failed' | 'dead';

export interface KindHandler {
  run(jobs: ClaimedJob[], context: HandlerContext): Promise<JobOutcome[]>;
  /**
   * Runs once the job's final status is saved (never before: a retry must still find its input),
   * also for jobs that end dead without an attempt recording it. Errors are logged, not retried.
   */
  afterFinal?(job: FinishedJob, status: FinalStatus, context: Omit<HandlerContext, 'signal'>): Promise<void>;
  close?(): Promise<void>;
}
