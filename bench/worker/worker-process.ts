// The worker as its own process for bench/worker (so its RSS is its own): settings from the
// environment, health and metrics on a free port printed as `metrics <url>`.

import pino from 'pino';
import { startWorker } from '../../gpu-worker/src/start.ts';

const worker = await startWorker({
  dbUrl: process.env.BENCH_DB_URL ?? '',
  apiUrl: process.env.BENCH_API_URL ?? '',
  serviceKey: process.env.BENCH_SERVICE_KEY ?? '',
  kinds: ['ocr_receipt'],
  batchSize: Number(process.env.BENCH_BATCH_SIZE ?? '4'),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? '2'),
  pollingIntervalSeconds: 0.5,
  metricsPort: 0,
  logger: pino({ level: 'warn' }),
});
process.stdout.write(`metrics ${worker.metricsUrl}\n`);
process.on('SIGTERM', () => {
  worker.stop().then(() => process.exit(0));
});
