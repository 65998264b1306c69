// The dead letter queue's consumer: a job that ran out of attempts without an attempt recording
// it (its worker was killed or timed out on the last try) becomes 'dead' here, with the last error
// the job kept. Jobs whose last attempt already wrote 'dead' pass through unchanged.
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { JobStore } from './job-store.ts';
import { DEAD_LETTER_QUEUE } from './kinds.ts';
import type { WorkerMetrics } from './metrics.ts';

const data = z.object({ jobId: z.uuid(), kind: z.string() });

export function startDeadLetterConsumer(
  deps: { boss: PgBoss; store: JobStore; metrics: WorkerMetrics; log: Logger },
  pollingIntervalSeconds: number,
): Promise<string> {
  return deps.boss.work<unknown>(
    DEAD_LETTER_QUEUE,
    { batchSize: 20, pollingIntervalSeconds, notifyPollingIntervalSeconds: pollingIntervalSeconds },
    async (jobs) => {
      for (const job of jobs) {
        const parsed = data.safeParse(job.data);
        if (!parsed.success) continue;
        if (await deps.store.markDeadLettered(parsed.data.jobId)) {
          deps.metrics.processed.inc({ kind: parsed.data.kind, outcome: 'dead' });
          deps.log.warn({ jobId: parsed.data.jobId }, 'job dead-lettered without a final attempt');
        }
      }
    },
  );
}
