// Retention and offboarding in the worker process (decision 038): pg-boss schedules a retention
// run (daily by default) and a deletion sweep (hourly) on their queues (created by the
// migrations); any worker may take them, one at a time (singleton queues). Exports are queued
// by public.request_organization_export. ROOST_RETENTION=off leaves all of it out (a GPU-only
// machine when another process runs it); ROOST_RETENTION_CRON and ROOST_OFFBOARDING_CRON change
// the schedules (cron, UTC).
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import postgres, { type Sql } from 'postgres';
import { deleteDueOrganizations } from './deletion.ts';
import { exportOrganization } from './export.ts';
import { runRetention } from './policies.ts';
import { createObjectStore, type ObjectStore } from './storage.ts';

export const RETENTION_QUEUE = 'retention_run';
export const DELETION_QUEUE = 'organization_deletion';
export const EXPORT_QUEUE = 'organization_export';
export const DEFAULT_RETENTION_CRON = '17 3 * * *';
export const DEFAULT_DELETION_CRON = '41 * * * *';

export interface RetentionService {
  stop(): Promise<void>;
}

export interface StartRetentionOptions {
  dbUrl: string;
  apiUrl: string;
  serviceKey: string;
  log: Logger;
  retentionCron?: string;
  deletionCron?: string;
  /** Tests: a store of their own. */
  store?: ObjectStore;
  pollingIntervalSeconds?: number;
}

export async function startRetention(options: StartRetentionOptions): Promise<RetentionService> {
  const { log } = options;
  const sql: Sql = postgres(options.dbUrl, {
    max: 2,
    onnotice: () => {},
    connection: { application_name: 'roost-retention' },
  });
  const store = options.store ?? createObjectStore(options);
  const boss = new PgBoss({
    connectionString: options.dbUrl,
    schema: 'pgboss',
    migrate: false,
    max: 3,
    application_name: 'roost-retention',
  });
  boss.on('error', (error) => log.error({ err: error }, 'retention pg-boss error'));
  try {
    await boss.start();
    await boss.schedule(RETENTION_QUEUE, options.retentionCron ?? DEFAULT_RETENTION_CRON);
    await boss.schedule(DELETION_QUEUE, options.deletionCron ?? DEFAULT_DELETION_CRON);
    const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 };
    await boss.work(RETENTION_QUEUE, polling, async () => {
      const results = await runRetention({ sql, store });
      const failed = results.filter((r) => r.status === 'failed');
      log.info(
        {
          runs: results.length,
          failed: failed.length,
          rowsDeleted: sum(results, 'rowsDeleted'),
          rowsAnonymised: sum(results, 'rowsAnonymised'),
          objectsDeleted: sum(results, 'objectsDeleted'),
        },
        'retention run finished',
      );
    });
    await boss.work(DELETION_QUEUE, polling, async () => {
      for (const deleted of await deleteDueOrganizations({ sql, store })) {
        log.warn(deleted, 'organization deleted after its grace period');
      }
    });
    await boss.work<{ exportId: string }>(EXPORT_QUEUE, polling, async (jobs) => {
      for (const job of jobs) {
        const result = await exportOrganization({ sql, store }, job.data.exportId);
        log.info({ exportId: job.data.exportId, ...result }, 'organization export finished');
      }
    });
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    await sql.end({ timeout: 1 });
    throw error;
  }
  log.info('retention and offboarding jobs started');
  return {
    async stop() {
      await boss.stop({ graceful: true, timeout: 30_000 });
      await sql.end({ timeout: 5 });
    },
  };
}

/** As the worker process starts it: settings from the environment, or nothing when turned off. */
export async function runRetentionService(
  settings: { dbUrl: string; apiUrl: string; serviceKey: string },
  log: Logger,
  env: Record<string, string | undefined> = process.env,
): Promise<RetentionService> {
  if ((env.ROOST_RETENTION ?? '').toLowerCase() === 'off') return { stop: async () => {} };
  return startRetention({
    ...settings,
    log,
    ...(env.ROOST_RETENTION_CRON ? { retentionCron: env.ROOST_RETENTION_CRON } : {}),
    ...(env.ROOST_OFFBOARDING_CRON ? { deletionCron: env.ROOST_OFFBOARDING_CRON } : {}),
  });
}

function sum<K extends string>(rows: readonly Record<K, unknown>[], key: K): number {
  return rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
}
