// One pg-boss consumer per job kind: fetches micro-batches (batchSize) in priority order (the
// priorities make organizations take turns, see private.enqueue_job; groupConcurrency optionally
// caps one organization's active jobs across workers), starts an attempt of
// each job row, hands the batch to the kind's handler under a timeout, and settles every job on
// its own (perJobResults): a result is recorded once, bad input fails the job, other errors are
// retried with backoff until the queue's retry limit, then the job is dead (and dead-lettered).
import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import { JobError, toJobError } from './errors.ts';
import type { ClaimedJob, FinalStatus, FinishedJob, JobOutcome, KindHandler } from './handler.ts';
import type { InputSource } from './input-source.ts';
import type { JobStore } from './job-store.ts';
import type { JobKind } from './kinds.ts';
import type { WorkerMetrics } from './metrics.ts';

const queueData = z.object({ jobId: z.uuid() });

export interface ConsumerOptions {
  kind: JobKind;
  handler: KindHandler;
  concurrency: number;
  batchSize: number;
  groupConcurrency?: number;
  pollingIntervalSeconds: number;
  /** The handler's time for one batch; past it the batch's jobs fail (and are retried). */
  timeoutMs: number;
}

export interface ConsumerDeps {
  boss: PgBoss;
  store: JobStore;
  input: InputSource;
  metrics: WorkerMetrics;
  log: Logger;
}

export async function startConsumer(options: ConsumerOptions, deps: ConsumerDeps): Promise<string> {
  const { kind } = options;
  const log = deps.log.child({ kind });
  return deps.boss.work<{ jobId: string }>(
    kind,
    {
      batchSize: options.batchSize,
      localConcurrency: options.concurrency,
      ...(options.groupConcurrency === undefined ? {} : { groupConcurrency: options.groupConcurrency }),
      pollingIntervalSeconds: options.pollingIntervalSeconds,
      // NOTIFY wakes the worker for new jobs; retries and expired jobs are found by this poll.
      notifyPollingIntervalSeconds: options.pollingIntervalSeconds,
      // A full batch means more are waiting: fetch again at once instead of after the interval.
      burstWhenBatchFull: true,
      includeMetadata: true,
      perJobResults: true,
    } as const,
    (jobs) => processBatch(jobs as JobWithMetadata<{ jobId: string }>[], options, { ...deps, log }),
  );
}

async function processBatch(
  queued: JobWithMetadata<{ jobId: string }>[],
  options: ConsumerOptions,
  deps: ConsumerDeps,
): Promise<JobResult[]> {
  const { kind } = options;
  const started = performance.now();
  const byJobId = new Map<string, JobWithMetadata<{ jobId: string }>>();
  const results: JobResult[] = [];
  for (const job of queued) {
    const data = queueData.safeParse(job.data);
    if (!data.success) {
      deps.log.error({ queueJobId: job.id }, 'queue job without a valid jobId; dead-lettering it');
      results.push({ id: job.id, status: 'deadletter', output: { code: 'invalid_queue_data' } });
      continue;
    }
    byJobId.set(data.data.jobId, job);
  }
  const rows = await deps.store.startAttempts([...byJobId.keys()]);
  const claimed = new Set(rows.map((row) => row.id));
  for (const [jobId, job] of byJobId) {
    if (claimed.has(jobId)) continue;
    // Final already (a duplicate delivery after the result was written) or deleted: nothing to do.
    deps.metrics.processed.inc({ kind, outcome: 'skipped' });
    results.push({ id: job.id, status: 'completed', output: { skipped: true } });
  }
  if (rows.length === 0) return results;

  const controller = new AbortController();
  for (const job of queued) job.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const jobs: ClaimedJob[] = rows.map((row) => ({
    ...row,
    attempt: row.attempts,
    progress: (percent: number) => deps.store.setProgress(row.id, percent),
  }));
  for (const job of jobs) {
    deps.log.info({ jobId: job.id, requestId: job.requestId, attempt: job.attempt }, 'job started');
  }
  deps.metrics.inFlight.inc({ kind }, jobs.length);
  deps.metrics.batchSize.observe({ kind }, jobs.length);
  let outcomes: JobOutcome[];
  try {
    outcomes = await runWithTimeout(options, jobs, deps, controller);
  } catch (error) {
    const failure = toJobError(error);
    deps.log.warn({ err: error, jobs: jobs.map((j) => j.id) }, 'batch failed as a whole');
    outcomes = jobs.map(() => ({ ok: false, error: failure }));
  } finally {
    controller.abort();
    deps.metrics.inFlight.dec({ kind }, jobs.length);
  }

  const seconds = (performance.now() - started) / 1000;
  for (const [index, job] of jobs.entries()) {
    const queueJob = byJobId.get(job.id) as JobWithMetadata<{ jobId: string }>;
    const outcome = outcomes[index] ?? {
      ok: false,
      error: new JobError('no_outcome', 'The handler gave no outcome.', { retryable: true }),
    };
    results.push(await settle(job, queueJob, outcome, deps, options));
    deps.metrics.duration.observe({ kind }, seconds);
  }
  return results;
}

async function runWithTimeout(
  options: ConsumerOptions,
  jobs: ClaimedJob[],
  deps: ConsumerDeps,
  controller: AbortController,
): Promise<JobOutcome[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new JobError('timeout', `The job did not finish within ${options.timeoutMs} ms.`, { retryable: true }));
    }, options.timeoutMs);
  });
  try {
    const run = options.handler.run(jobs, {
      store: deps.store,
      input: deps.input,
      log: deps.log,
      signal: controller.signal,
    });
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function settle(
  job: ClaimedJob,
  queueJob: JobWithMetadata<{ jobId: string }>,
  given: JobOutcome,
  deps: ConsumerDeps,
  options: ConsumerOptions,
): Promise<JobResult> {
  const { kind, handler } = options;
  let outcome = given;
  if (outcome.ok) {
    let recorded = false;
    try {
      recorded = await deps.store.succeed(job.id, outcome.result);
    } catch (error) {
      // A result the row cannot keep (result_too_large) fails this job alone, at once; anything
      // else (the database unreachable) fails the batch and pg-boss retries it.
      if (!(error instanceof JobError) || error.retryable) throw error;
      outcome = { ok: false, error };
    }
    if (outcome.ok) {
      deps.metrics.processed.inc({ kind, outcome: recorded ? 'succeeded' : 'skipped' });
      deps.log.info(
        { jobId: job.id, requestId: job.requestId, attempt: job.attempt },
        recorded ? 'job succeeded' : 'job was already final',
      );
      await runAfterFinal(handler.afterFinal?.bind(handler), job, 'succeeded', deps);
      return { id: queueJob.id, status: 'completed' };
    }
  }
  const error = outcome.error.toJSON();
  if (!outcome.error.retryable) {
    await deps.store.finishWithError(job.id, 'failed', error);
    deps.metrics.processed.inc({ kind, outcome: 'failed' });
    deps.log.info({ jobId: job.id, requestId: job.requestId, error }, 'job failed on its input');
    await runAfterFinal(handler.afterFinal?.bind(handler), job, 'failed', deps);
    // Settled for the queue: bad input is the job's answer, not something to retry.
    return { id: queueJob.id, status: 'completed', output: { error } };
  }
  if (queueJob.retryCount >= queueJob.retryLimit) {
    await deps.store.finishWithError(job.id, 'dead', error);
    deps.metrics.processed.inc({ kind, outcome: 'dead' });
    deps.log.warn({ jobId: job.id, requestId: job.requestId, attempt: job.attempt, error }, 'job ran out of attempts');
    await runAfterFinal(handler.afterFinal?.bind(handler), job, 'dead', deps);
    return { id: queueJob.id, status: 'failed', output: error };
  }
  await deps.store.awaitRetry(job.id, error);
  deps.metrics.processed.inc({ kind, outcome: 'retried' });
  deps.log.warn(
    { jobId: job.id, requestId: job.requestId, attempt: job.attempt, error },
    'job attempt failed; it will be retried',
  );
  return { id: queueJob.id, status: 'failed', output: error };
}

/** The handler's clean-up once a job's final status is saved (an ID document's scan goes). */
export async function runAfterFinal(
  afterFinal: KindHandler['afterFinal'],
  job: FinishedJob,
  status: FinalStatus,
  deps: { store: JobStore; input: InputSource; log: Logger },
): Promise<void> {
  if (!afterFinal) return;
  try {
    await afterFinal(job, status, { store: deps.store, input: deps.input, log: deps.log });
  } catch (error) {
    // The job's outcome stands; only its clean-up is missing.
    deps.log.error({ err: error, jobId: job.id, status }, 'clean-up after the job ended failed');
  }
}
