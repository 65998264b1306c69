// The worker's settings, checked at start: a bad value stops it with the offending key.
import { z } from 'zod';
import { JOB_KINDS } from './kinds.ts';

export const workerOptionsSchema = z.object({
  dbUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'),
  /**
   * A session-mode (or direct) connection for what a transaction pooler cannot carry: LISTEN
   * and the dashboard publisher's session advisory lock (decision 040). Default: dbUrl, which
   * then must not be a transaction pooler.
   */
  sessionDbUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  apiUrl: z.url(),
  serviceKey: z.string().min(20),
  /** Health and metrics HTTP port (0: any free port); none when absent. */
  metricsPort: z.number().int().min(0).max(65535).optional(),
  metricsHost: z.string().default('127.0.0.1'),
  /** Batches each kind runs at once in this process (pg-boss localConcurrency). */
  concurrency: z.number().int().min(1).max(64).default(1),
  /** Jobs fetched per batch: the micro-batch a handler sees (pg-boss batchSize). */
  batchSize: z.number().int().min(1).max(64).default(4),
  /** Optional cap on jobs of one organization active at once per kind, across workers (pg-boss
   *  groupConcurrency). Turn-taking between organizations comes from the queue's priorities. */
  groupConcurrency: z.number().int().min(1).max(4096).optional(),
  kinds: z.array(z.enum(JOB_KINDS)).min(1).optional(),
  providers: z
    .array(z.enum(['cuda', 'webgpu', 'cpu']))
    .min(1)
    .optional(),
  pollingIntervalSeconds: z.number().min(0.5).max(60).default(2),
  /** A batch's time limit; the queue's expiry is set a little beyond it. */
  jobTimeoutSeconds: z.number().int().min(1).max(3600).default(240),
  /** Retries after the first attempt, and their delay (doubled each time with backoff). */
  retryLimit: z.number().int().min(0).max(20).optional(),
  retryDelaySeconds: z.number().int().min(0).max(3600).optional(),
  retryBackoff: z.boolean().optional(),
  /** How long stop() lets in-flight batches finish before failing them back to the queue. */
  shutdownTimeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  /**
   * A running job's heartbeat (pg-boss heartbeatSeconds, refreshed every half of it): a job whose
   * worker died (kill -9, a lost machine) is failed and retried once its heartbeat is this old,
   * instead of waiting for the queue's expiry (the whole job timeout). 10 is pg-boss's minimum.
   */
  heartbeatSeconds: z.number().int().min(10).max(3600).default(10),
  /** How often ID document scans left by a worker that died before deleting them are swept. */
  scanSweepIntervalSeconds: z.number().int().min(1).max(86_400).default(600),
  /** How often pg-boss looks for expired jobs and stale heartbeats (seconds). */
  superviseIntervalSeconds: z.number().int().min(1).max(3600).default(5),
});

export type WorkerOptionsInput = z.input<typeof workerOptionsSchema>;
export type WorkerOptions = z.output<typeof workerOptionsSchema>;

export function parseWorkerOptions(input: WorkerOptionsInput): WorkerOptions {
  const parsed = workerOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`);
    throw new Error(`[gpu-worker] invalid options: ${issues.join('; ')}`);
  }
  return parsed.data;
}
