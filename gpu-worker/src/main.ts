// The worker as a process: `node gpu-worker/src/main.ts` (npm start runs it beside the stack; in
// production one per GPU machine). Settings come from the environment through the one settings
// module (shared/settings.ts), checked before anything starts; SIGTERM/SIGINT stop it gracefully
// (in-flight batches finish or go back to the queue).
import { SettingsError, type WorkerSettings, workerSettings } from '../../shared/settings.ts';
import { startGuestDataWorker } from './gdpr/run.ts';
import { JOB_KINDS, type JobKind } from './jobs/kinds.ts';
import { runOutboxMailer } from './mail/run.ts';
import { releaseModels } from './models/loader.ts';
import { runRefundService } from './refunds/index.ts';
import { runRetentionService } from './retention/index.ts';
import { createWorkerLogger, startWorker } from './start.ts';
import { runWebhookSender } from './webhooks/run.ts';

let settings: WorkerSettings<JobKind>;
try {
  settings = workerSettings(process.env, JOB_KINDS);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  process.stderr.write(`[gpu-worker] ${error.message}\n`);
  process.exit(2);
}
const log = createWorkerLogger();
const worker = await startWorker({ ...settings, logger: log });
// The services beside the job consumers, in start order (stopped in the same order).
const services: { stop(): Promise<unknown> }[] = [];
let started: Promise<void> = Promise.resolve();

// Signals are handled from here on: health answers and jobs run while the services below start,
// so a stop may come before they are all up; it waits for them, then stops everything.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  started
    .catch(() => undefined)
    .then(() => worker.stop())
    .then(async () => {
      for (const service of services) await service.stop();
    })
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

started = (async () => {
  // The services below LISTEN or hold pg-boss sessions: the session connection when the pooled
  // one is a transaction pooler (decision 040).
  const sessionDbUrl = settings.sessionDbUrl ?? settings.dbUrl;
  // Outgoing webhooks (decision 030): not a pg-boss kind, a sender beside the consumers.
  services.push(runWebhookSender(sessionDbUrl, log));
  // Retention runs, organization exports and deletions (decision 038): scheduled pg-boss jobs.
  services.push(await runRetentionService({ ...settings, dbUrl: sessionDbUrl }, log));
  // Guest data exports and erasures (decision 037): two pg-boss queues beside the job kinds.
  services.push(await startGuestDataWorker({ ...settings, dbUrl: sessionDbUrl, log }));
  // Transactional mail through Resend when RESEND_API_KEY is set (gpu-worker/src/mail/run.ts).
  services.push(runOutboxMailer(sessionDbUrl, log));
  // Guest refunds asked of Stripe, retried with backoff (decision 036): a pg-boss queue and cron.
  services.push(await runRefundService({ dbUrl: sessionDbUrl }, log));
})();
await started;
