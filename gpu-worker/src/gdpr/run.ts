// The guest data request consumers (decision 037) as the worker process runs them: not GPU work,
// two pg-boss queues (guest_export, guest_erasure) served beside the job kinds, one request at a
// time each, with pg-boss's own instance on the same database. ROOST_GUEST_DATA=off leaves them out.
import { type JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import postgres from 'postgres';
import { createRequestStore, GUEST_DATA_QUEUES, runRequest } from './requests.ts';
import { createGuestDataStorage, type GuestDataStorage } from './storage.ts';

export interface GuestDataWorkerOptions {
  dbUrl: string;
  apiUrl: string;
  serviceKey: string;
  log: Logger;
  pollingIntervalSeconds?: number;
  /** In place of the Storage API (tests). */
  storage?: GuestDataStorage;
}

export interface RunningGuestDataWorker {
  stop(): Promise<void>;
}

export async function startGuestDataWorker(
  options: GuestDataWorkerOptions,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningGuestDataWorker> {
  if ((env.ROOST_GUEST_DATA ?? '').toLowerCase() === 'off') return { stop: async () => {} };
  const log = options.log.child({ component: 'guest-data' });
  const sql = postgres(options.dbUrl, {
    max: 2,
    onnotice: () => {},
    connection: { application_name: 'roost-guest-data' },
  });
  const store = createRequestStore(sql);
  const storage = options.storage ?? createGuestDataStorage(options);
  const boss = new PgBoss({
    connectionString: options.dbUrl,
    schema: 'pgboss',
    migrate: false,
    supervise: false,
    schedule: false,
    max: 3,
    application_name: 'roost-guest-data',
  });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error (guest data)'));
  await boss.start();
  const interval = options.pollingIntervalSeconds ?? 2;
  for (const queue of GUEST_DATA_QUEUES) {
    await boss.work<{ requestId: string }>(
      queue,
      { batchSize: 1, pollingIntervalSeconds: interval, includeMetadata: true },
      async (jobs) => {
        const job = jobs[0] as JobWithMetadata<{ requestId: string }> | undefined;
        if (!job) return;
        const requestId = typeof job.data?.requestId === 'string' ? job.data.requestId : job.id;
        await runRequest(requestId, job.retryCount >= job.retryLimit, store, { sql, storage, log });
      },
    );
  }
  log.info('guest data request consumers started');
  return {
    async stop() {
      await boss.stop({ graceful: true, timeout: 30_000 }).catch(() => {});
      await sql.end({ timeout: 5 });
    },
  };
}
