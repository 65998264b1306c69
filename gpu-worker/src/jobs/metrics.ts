// Prometheus metrics of one worker (its own registry, so several workers can share a process).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type Outcome = 'succeeded' | 'failed' | 'retried' | 'dead' | 'skipped';

export function createWorkerMetrics(queueDepths: () => Promise<{ name: string; depth: number }[]>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'roost_worker_' });
  const processed = new Counter({
    name: 'roost_jobs_processed_total',
    help: 'Job attempts finished, by kind and outcome (succeeded, failed, retried, dead, skipped).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'roost_job_duration_seconds',
    help: 'Seconds from claiming a batch to settling its jobs, per job, by kind.',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'roost_job_batch_size',
    help: 'Jobs per micro-batch handed to a kind handler.',
    labelNames: ['kind'] as const,
    buckets: [1, 2, 4, 8, 16, 32],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'roost_jobs_in_flight',
    help: 'Jobs this worker is running now, by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'roost_queue_depth',
    help: 'Jobs waiting (created or retry) in each pg-boss queue.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { name, depth } of await queueDepths().catch(() => [])) this.set({ queue: name }, depth);
    },
  });
  return { registry, processed, duration, batchSize, inFlight };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
