// The worker as a process: `node gpu-worker/src/main.ts` (npm start runs it beside the stack; in
// production one per GPU machine). Settings come from the environment, checked before anything
// starts; SIGTERM/SIGINT stop it gracefully (in-flight batches finish or go back to the queue).
import { z } from 'zod';
import { JOB_KINDS } from './jobs/kinds.ts';
import { releaseModels } from './models/loader.ts';
import { createWorkerLogger, startWorker } from './start.ts';

const environmentSchema = z.object({
  SUPABASE_DB_URL: z.string(),
  SUPABASE_URL: z.string(),
  SUPABASE_SECRET_KEY: z.string(),
  ROOST_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  ROOST_WORKER_CONCURRENCY: z.coerce.number().int().optional(),
  ROOST_WORKER_BATCH_SIZE: z.coerce.number().int().optional(),
  ROOST_WORKER_KINDS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(JOB_KINDS)).min(1))
    .optional(),
});

const parsed = environmentSchema.safeParse(process.env);
if (!parsed.success) {
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  process.stderr.write(`[gpu-worker] invalid environment: ${problems.join('; ')}\n`);
  process.exit(2);
}
const env = parsed.data;
const log = createWorkerLogger();
const worker = await startWorker({
  dbUrl: env.SUPABASE_DB_URL,
  apiUrl: env.SUPABASE_URL,
  serviceKey: env.SUPABASE_SECRET_KEY,
  metricsPort: env.ROOST_WORKER_METRICS_PORT,
  concurrency: env.ROOST_WORKER_CONCURRENCY,
  batchSize: env.ROOST_WORKER_BATCH_SIZE,
  kinds: env.ROOST_WORKER_KINDS,
  logger: log,
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  worker
    .stop()
    .then(releaseModels)
    .then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'gpu worker did not stop cleanly');
        process.exit(1);
      },
    );
};
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, stop);
// Started by npm start with an IPC channel: a parent that dies unannounced closes it.
process.on('disconnect', stop);
