// The GPU worker: a pg-boss consumer per job kind on the database's own queue (schema pgboss,
// installed by supabase/migrations/20261122004000_jobs.sql), a dead letter consumer, and the
// health + metrics endpoint. `startWorker(options)` → `{ stop() }`; stop() stops fetching, lets
// in-flight batches finish for shutdownTimeoutMs, then fails the rest back to the queue (retried).
import { PgBoss } from 'pg-boss';
import pino, { type Logger } from 'pino';
import postgres from 'postgres';
import { type DashboardPublisher, startDashboardPublisher } from './dashboards/publisher.ts';
import { createDefaultHandlers } from './handlers/defaults.ts';
import { discardIdDocumentScan } from './handlers/ocr.ts';
import { openBossDatabase } from './jobs/boss-db.ts';
import { startConsumer } from './jobs/consumer.ts';
import { startDeadLetterConsumer } from './jobs/dead-letter.ts';
import type { KindHandler } from './jobs/handler.ts';
import { startHealthServer } from './jobs/http-server.ts';
import { createStorageInputSource, type InputSource } from './jobs/input-source.ts';
import { createJobStore } from './jobs/job-store.ts';
import { JOB_KINDS, type JobKind } from './jobs/kinds.ts';
import { createWorkerMetrics } from './jobs/metrics.ts';
import { type ScanSweeper, startScanSweeper } from './jobs/scan-sweeper.ts';
import { parseWorkerOptions, type WorkerOptionsInput } from './jobs/worker-options.ts';
import { type PreventiveScheduler, startPreventiveScheduler } from './maintenance/preventive.ts';
import { startVendorMailSender, type VendorMailSender } from './maintenance/vendor-mail.ts';
import { type BellPublisher, startBellPublisher } from './notifications/bell-publisher.ts';
import { startWorkflowSender, type WorkflowSender } from './workflows/index.ts';

export interface StartWorkerOptions extends WorkerOptionsInput {
  logger?: Logger;
  /** Handlers by kind in place of the real ones (tests of the queue use small fakes). */
  handlers?: Partial<Record<JobKind, KindHandler>>;
  /** Where input bytes come from; Storage through the gateway by default. */
  inputSource?: InputSource;
}

export interface RunningWorker {
  /** Health and metrics base URL, when a metrics port was given. */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

export function createWorkerLogger(): Logger {
  return pino({ name: 'gpu-worker', level: process.env.ROOST_LOG_LEVEL ?? 'info' });
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { logger, handlers: given, inputSource, ...settings } = options;
  const config = parseWorkerOptions(settings);
  const log = logger ?? createWorkerLogger();
  const kinds: readonly JobKind[] = config.kinds ?? JOB_KINDS;
  // The jobs' queries may go through a transaction pooler (decision 040): no named prepared
  // statements, which would outlive the transaction on a server connection of the pooler's choice.
  const sql = postgres(config.dbUrl, { max: 5, prepare: false, onnotice: () => {} });
  // What needs one server session throughout: LISTEN (publishers, workflow sender) and the
  // dashboard and bell publishers' session advisory locks. One more connection than the locks hold.
  const session = config.sessionDbUrl ? postgres(config.sessionDbUrl, { max: 3, onnotice: () => {} }) : sql;
  const store = createJobStore(sql);
  const metrics = createWorkerMetrics(() => store.queueDepths());
  const input = inputSource ?? createStorageInputSource(config);
  const handlers = {
    ...(await createDefaultHandlers(
      kinds.filter((kind) => !given?.[kind]),
      { sql, log, providers: config.providers },
    )),
    ...given,
  };
  const groupConcurrency = config.groupConcurrency;
  const expireInSeconds = config.jobTimeoutSeconds + Math.max(2, Math.ceil(config.jobTimeoutSeconds / 10));

  const bossDb = await openBossDatabase({
    dbUrl: config.dbUrl,
    sessionDbUrl: config.sessionDbUrl,
    max: Math.max(4, config.concurrency * kinds.length + 2),
    applicationName: 'roost-gpu-worker',
    onError: (error) => log.error({ err: error }, 'pg-boss database error'),
  });
  const boss = new PgBoss({
    db: bossDb.db,
    schema: 'pgboss',
    // The schema belongs to the migrations (pinned pg-boss version); the worker never alters it.
    migrate: false,
    useListenNotify: true,
    superviseIntervalSeconds: config.superviseIntervalSeconds,
    monitorIntervalSeconds: config.superviseIntervalSeconds,
  });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  let stopping = false;
  let sweeper: ScanSweeper | undefined;
  let workflowSender: WorkflowSender | undefined;
  let preventive: PreventiveScheduler | undefined;
  let vendorMail: VendorMailSender | undefined;
  let publisher: DashboardPublisher | undefined;
  let bellPublisher: BellPublisher | undefined;
  try {
    await boss.start();
    for (const kind of kinds) {
      await boss.updateQueue(kind, {
        expireInSeconds,
        heartbeatSeconds: config.heartbeatSeconds,
        ...(config.retryLimit === undefined ? {} : { retryLimit: config.retryLimit }),
        ...(config.retryDelaySeconds === undefined ? {} : { retryDelay: config.retryDelaySeconds }),
        ...(config.retryBackoff === undefined ? {} : { retryBackoff: config.retryBackoff }),
      });
    }
    const deps = { boss, store, input, metrics, log };
    for (const kind of kinds) {
      const handler = handlers[kind];
      if (!handler) continue;
      await startConsumer(
        {
          kind,
          handler,
          concurrency: config.concurrency,
          batchSize: config.batchSize,
          groupConcurrency,
          pollingIntervalSeconds: config.pollingIntervalSeconds,
          timeoutMs: config.jobTimeoutSeconds * 1000,
        },
        deps,
      );
    }
    // Any worker may dead-letter a job of any kind: the clean-up of every kind, served here or not.
    const afterFinal: Partial<Record<JobKind, KindHandler['afterFinal']>> = { ocr_id_document: discardIdDocumentScan };
    for (const [kind, handler] of Object.entries(handlers)) {
      if (handler?.afterFinal) afterFinal[kind as JobKind] = handler.afterFinal.bind(handler);
    }
    await startDeadLetterConsumer({ ...deps, afterFinal }, config.pollingIntervalSeconds);
    sweeper = startScanSweeper(
      { store, input, log, discard: discardIdDocumentScan },
      config.scanSweepIntervalSeconds * 1000,
    );
    publisher = await startDashboardPublisher({ sql: session, log });
    // Each user's notification bell, at most once a second (decision 045).
    bellPublisher = await startBellPublisher({ sql: session, log });
    // Due mail of the properties' workflows (decision 031).
    workflowSender = await startWorkflowSender({ sql: session, log });
    // Preventive maintenance orders due on each property's day (decision 033).
    preventive = startPreventiveScheduler({ sql, log });
    // Vendor emails rendered with the React Email templates (decision 041).
    vendorMail = await startVendorMailSender({ sql: session, log });
  } catch (error) {
    await vendorMail?.stop();
    await preventive?.stop();
    await workflowSender?.stop();
    await bellPublisher?.stop();
    await publisher?.stop();
    await sweeper?.stop();
    await boss.stop({ graceful: false }).catch(() => {});
    await bossDb.close().catch(() => {});
    if (session !== sql) await session.end({ timeout: 1 });
    await sql.end({ timeout: 1 });
    throw error;
  }
  const served = Object.keys(handlers).filter((kind) => handlers[kind as JobKind]);
  const health =
    config.metricsPort === undefined
      ? null
      : await startHealthServer({
          port: config.metricsPort,
          host: config.metricsHost,
          registry: metrics.registry,
          health: async () => {
            if (stopping) return { ok: false, detail: { stopping: true } };
            await sql`select 1`;
            return { ok: true, detail: { kinds: served } };
          },
        });
  log.info(
    {
      kinds: served,
      concurrency: config.concurrency,
      batchSize: config.batchSize,
      groupConcurrency,
      metrics: health?.url ?? null,
    },
    'gpu worker started',
  );

  let stopped: Promise<void> | null = null;
  return {
    metricsUrl: health?.url ?? null,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        log.info('gpu worker stopping: no new jobs; waiting for the ones in flight');
        await boss.stop({ graceful: true, timeout: config.shutdownTimeoutMs });
        await sweeper?.stop();
        await publisher?.stop();
        await bellPublisher?.stop();
        await workflowSender?.stop();
        await preventive?.stop();
        await vendorMail?.stop();
        await Promise.all(Object.values(handlers).map((handler) => handler?.close?.()));
        await health?.close();
        await bossDb.close();
        if (session !== sql) await session.end({ timeout: 5 });
        await sql.end({ timeout: 5 });
        log.info('gpu worker stopped');
      })();
      return stopped;
    },
  };
}
