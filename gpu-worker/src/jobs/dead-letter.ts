// The dead letter queue's consumer: a job that ran out of attempts without an attempt recording
// it (its worker was killed or timed out on the last try) becomes 'dead' here, with the last error
// the job kept, and its kind's clean-up runs (an ID document's scan goes). Jobs whose last attempt
// already wrote 'dead' (and cleaned up) pass through unchanged.
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import { runAfterFinal } from './consumer.ts';
import type { KindHandler } from './handler.ts';
import type { InputSource } from './input-source.ts';
import type { JobStore } from './job-store.ts';
import { DEAD_LETTER_QUEUE, type JobKind } from './kinds.ts';
import type { WorkerMetrics } from './metrics.ts';

const data = z.object({ jobId: z.uuid(), kind: z.string() });

export function startDeadLetterConsumer(
  deps: {
    boss: PgBoss;
    store: JobStore;
    input: InputSource;
    metrics: WorkerMetrics;
    log: Logger;
    /** Clean-up by kind, for every kind (a worker may dead-letter a job of a kind it does not serve). */
    afterFinal: Partial<Record<JobKind, KindHandler['afterFinal']>>;
  },
  pollingIntervalSeconds: number,
): Promise<string> {
  return deps.boss.work<unknown>(
    DEAD_LETTER_QUEUE,
    { batchSize: 20, pollingIntervalSeconds, notifyPollingIntervalSeconds: pollingIntervalSeconds },
    async (jobs) => {
      for (const job of jobs) {
        const parsed = data.safeParse(job.data);
        if (!parsed.success) continue;
        const dead = await deps.store.markDeadLettered(parsed.data.jobId);
        if (dead) {
          deps.metrics.processed.inc({ kind: parsed.data.kind, outcome: 'dead' });
          deps.log.warn({ jobId: parsed.data.jobId }, 'job dead-lettered without a final attempt');
          await runAfterFinal(deps.afterFinal[dead.kind], dead, 'dead', deps);
        }
      }
    },
  );
}
