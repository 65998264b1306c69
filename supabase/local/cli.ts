// `npm start` and `npm run db -- <command>`: the Docker-free local Supabase stack.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Sql } from 'postgres';
import { createLogger } from '../../shared/observability/logger.ts';
import { loadDemoHistory } from '../seed/history.ts';
import { BackupError, createBackup, restoreBackup } from './backup.ts';
import { type Cluster, connectionUrl, startCluster, stopCluster } from './cluster.ts';
import { type ClusterSupervisor, superviseCluster } from './cluster-supervisor.ts';
import { configuredPorts, readProjectConfig } from './config.ts';
import { connectAdmin, prepareDatabase, recreateDatabase } from './database.ts';
import { DEMO_PASSWORD, listDemoLogins } from './demo.ts';
import { type Gateway, startGateway } from './gateway/server.ts';
import { ensureLocalKeys } from './keys.ts';
import { type MailService, startMailService } from './mail/service.ts';
import { MigrationError, seed } from './migrate.ts';
import { seedFile, stateDir } from './paths.ts';
import { type StackServices, startPlatformServices } from './platform-services.ts';
import { assertPortsFree, PortTakenError } from './ports.ts';
import { writeLocalProjectEnv } from './project-env.ts';
import { writeDatabaseTypes } from './rest/types/index.ts';
import { claimStack, otherOwner as otherOwnerOf, stackAnswers } from './stack-owner.ts';
import { buildWebApp, startWebProcess, type WebProcess } from './web-process.ts';
import { startWorkerProcess, type WorkerProcess } from './worker-process.ts';

const DEV_PORT = readProjectConfig().db.port;
const API_PORT = readProjectConfig().api.port;
const DEV_DATABASE = 'postgres';
const devHome = join(stateDir, 'dev');
const ownerFile = join(devHome, 'owner.pid');
let mailService: MailService | undefined;
let worker: WorkerProcess | undefined;
let web: WebProcess | undefined;
/** The web app listens where Auth's links point: `[auth] site_url` (http://127.0.0.1:3000). */
const WEB_PORT = Number(new URL(readProjectConfig().auth.site_url).port) || 3000;
const WEB_MODE = process.argv.includes('--prod') ? 'production' : 'development';

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The pid of another live `npm start` that owns the dev cluster, if any. */
const otherOwner = () => otherOwnerOf(ownerFile);

async function readyDevDatabase(cluster: Cluster, options: { reset: boolean }): Promise<Sql> {
  if (options.reset) await recreateDatabase(cluster, DEV_DATABASE);
  const sql = connectAdmin(cluster, DEV_DATABASE);
  const { bootstrapChanged, migrations } = await prepareDatabase(sql);
  for (const name of migrations) log(`  applied migration ${name}`);
  if (bootstrapChanged.length > 0) {
    log(`  note: platform bootstrap changed (${bootstrapChanged.join(', ')}); run \`npm run db -- reset\` to rebuild.`);
  }
  let history = '';
  const started = performance.now();
  const seeded = await seed(sql, seedFile, async (tx) => {
    const loaded = await loadDemoHistory(tx);
    history = `${loaded.guests} guests, ${loaded.stays} stays, ${loaded.orders} orders`;
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (seeded === 'seeded') log(`  loaded demo data and a year of history in ${seconds} s (${history})`);
  if (seeded === 'changed')
    log('  note: supabase/seed.sql changed since it was loaded; `npm run db -- reset` reloads it.');
  return sql;
}

async function printSummary(cluster: Cluster, sql: Sql, gateway: Gateway): Promise<void> {
  const logins = await listDemoLogins(sql);
  log('\nRoost local stack is up.\n');
  log(`  API URL      ${gateway.url}`);
  log(`  Publishable  ${gateway.keys.publishable_key}  (browser-safe; legacy anon key below)`);
  log(`  Anon key     ${gateway.keys.anon_key}`);
  log(`  Secret       ${gateway.keys.secret_key}  (SECRET, server only: acts as service_role)`);
  log(`  Service key  ${gateway.keys.service_role_key}  (SECRET, server only)`);
  log(`  Keys file    ${join(stateDir, 'keys.json')}`);
  log(`  PostgreSQL   ${connectionUrl(cluster, DEV_DATABASE)}`);
  log(`  Data folder  ${cluster.dataDir}`);
  log(`  Server log   ${cluster.logFile}`);
  log(`  API log      ${join(devHome, 'gateway.log')}  (one line per request, with its x-request-id)`);
  log(`  Operations   ${gateway.url}/metrics, ${gateway.url}/health, ${gateway.url}/_operator/statements (secret key)`);
  if (mailService) log(mailService.summary);
  if (worker) log(`  GPU worker   ${worker.metricsUrl}  (log: ${worker.logFile})`);
  if (web) log(`  Web app      ${web.url}  (${WEB_MODE}; log: ${web.logFile})`);
  if (logins.length > 0) {
    log(`\n  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const login of logins) log(`    ${login.email.padEnd(32)} ${login.role.padEnd(8)} ${login.organization}`);
  }
  log('\nPress Ctrl-C to stop.');
}

async function start(): Promise<void> {
  // A live owner whose stack answers keeps it; one whose parts are dead is stopped and replaced.
  const { publishable_key } = await ensureLocalKeys();
  const claim = await claimStack({
    ownerFile,
    healthy: () => stackAnswers(`http://127.0.0.1:${API_PORT}/auth/v1/health`, publishable_key),
    onEvent: log,
  });
  if (claim.kind === 'running') {
    log(`Roost is already running (npm start, pid ${claim.pid}); stop it with Ctrl-C there first.`);
    return;
  }
  // Ports held by someone else stop the start here, with the setting to change; the database's
  // port is checked by startCluster (a running cluster of this project holds it legitimately).
  const listening = [
    ...configuredPorts(readProjectConfig()).filter((entry) => !entry.name.startsWith('[db]')),
    { name: '[auth] site_url (the web app)', port: WEB_PORT },
  ];
  await assertPortsFree(listening, claim.kind === 'taken-over' ? 45_000 : 0);
  log('Starting PostgreSQL…');
  const { cluster, alreadyRunning } = startCluster({ home: devHome, port: DEV_PORT, throwaway: false });
  if (alreadyRunning) log('  PostgreSQL was already running (left by an earlier run); reusing it.');
  writeFileSync(ownerFile, String(process.pid));
  // Restarted with a growing pause if it dies, as the worker is; the services reconnect.
  const supervisor: ClusterSupervisor = superviseCluster(cluster, { onEvent: log });
  let stopping = false;
  let sql: Sql | undefined;
  let gateway: Gateway | undefined;
  let servicesSql: Sql | undefined;
  let platform: StackServices | undefined;
  const stopServices = async () => {
    // The web app and the worker first: they still call the gateway.
    await web?.stop().catch(() => {});
    await worker?.stop().catch(() => {});
    await gateway?.close().catch(() => {});
    await platform?.close?.().catch(() => {});
    await mailService?.stop().catch(() => {});
    await servicesSql?.end({ timeout: 5 }).catch(() => {});
    await sql?.end({ timeout: 5 }).catch(() => {});
  };
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping Roost…`);
    supervisor.stop();
    await stopServices();
    stopCluster(cluster);
    rmSync(ownerFile, { force: true });
    log('Stopped.');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  try {
    sql = await readyDevDatabase(cluster, { reset: false });
    const config = readProjectConfig();
    const keys = await ensureLocalKeys();
    // The services' own pool: each request switches role and claims in its transaction.
    servicesSql = connectAdmin(cluster, DEV_DATABASE, 10);
    platform = await startPlatformServices(
      {
        sql: servicesSql,
        dbUrl: connectionUrl(cluster, DEV_DATABASE),
        keys,
        config,
        dataDir: stateDir,
        apiUrl: `http://127.0.0.1:${API_PORT}`,
      },
      { watchFunctions: true },
    );
    gateway = await startGateway({
      port: API_PORT,
      keys,
      config,
      services: platform.services,
      // One JSON line per request with its x-request-id (decision 039), beside worker.log and web.log.
      logger: createLogger('gateway', {
        destination: pino.destination({ dest: join(devHome, 'gateway.log'), mkdir: true }),
      }),
    });
    mailService = await startMailService(sql, config.inbucket?.port ?? 54324);
    worker = startWorkerProcess({
      dbUrl: connectionUrl(cluster, DEV_DATABASE),
      apiUrl: gateway.url,
      secretKey: keys.secret_key,
      metricsPort: config.worker.metrics_port,
      logFile: join(devHome, 'worker.log'),
      onEvent: log,
      ...(platform.stripe ? { extraEnv: platform.stripe.env() } : {}),
    });
    if (WEB_MODE === 'production') {
      log('Building the web app…');
      buildWebApp();
    }
    web = startWebProcess({
      project: {
        SUPABASE_URL: gateway.url,
        SUPABASE_PUBLISHABLE_KEY: keys.publishable_key,
        SUPABASE_SECRET_KEY: keys.secret_key,
        SUPABASE_DB_URL: connectionUrl(cluster, DEV_DATABASE),
      },
      port: WEB_PORT,
      mode: WEB_MODE,
      logFile: join(devHome, 'web.log'),
      onEvent: log,
    });
    await web.ready();
  } catch (error) {
    stopping = true;
    supervisor.stop();
    await stopServices();
    stopCluster(cluster);
    rmSync(ownerFile, { force: true });
    throw error;
  }
  writeLocalProjectEnv({
    SUPABASE_URL: gateway.url,
    SUPABASE_ANON_KEY: gateway.keys.anon_key,
    SUPABASE_PUBLISHABLE_KEY: gateway.keys.publishable_key,
    SUPABASE_SERVICE_ROLE_KEY: gateway.keys.service_role_key,
    SUPABASE_SECRET_KEY: gateway.keys.secret_key,
    SUPABASE_DB_URL: connectionUrl(cluster, DEV_DATABASE),
  });
  if (web) await (await import('./demo-site/server.ts')).startLocalDemoSite(web.url, log);
  await printSummary(cluster, sql, gateway);
  // Stay alive until a signal arrives.
  setInterval(() => {}, 1 << 30);
}

function backupTarget(cluster: Cluster) {
  const pgBin = process.env.ROOST_PG_BIN;
  if (!pgBin) throw new Error('ROOST_PG_BIN is not set; run Roost through npm scripts.');
  // Where the platform services keep Storage's bytes (platform-services.ts: <dataDir>/storage).
  return { dbUrl: connectionUrl(cluster, DEV_DATABASE), storageDir: join(stateDir, 'storage'), pgBin };
}

/** One-shot commands: the cluster is started if needed and stopped again if we started it. */
async function withDevCluster(action: (cluster: Cluster) => Promise<void>): Promise<void> {
  const { cluster, alreadyRunning } = startCluster({ home: devHome, port: DEV_PORT, throwaway: false });
  try {
    await action(cluster);
  } finally {
    if (!alreadyRunning) stopCluster(cluster);
  }
}

const commands: Record<string, () => Promise<void>> = {
  start,
  migrate: () =>
    withDevCluster(async (cluster) => {
      const sql = await readyDevDatabase(cluster, { reset: false });
      await sql.end();
    }),
  reset: () =>
    withDevCluster(async (cluster) => {
      const sql = await readyDevDatabase(cluster, { reset: true });
      await sql.end();
      log('Local database rebuilt: bootstrap, migrations and demo data.');
    }),
  // The database and the stored objects in one consistent file (also while npm start runs).
  backup: () =>
    withDevCluster(async (cluster) => {
      const file = process.argv[3] ?? join('backups', `roost-${new Date().toISOString().replaceAll(':', '-')}.tar`);
      const manifest = await createBackup(backupTarget(cluster), file);
      log(`Wrote ${file}: the database and ${manifest.objects.length} stored objects.`);
    }),
  restore: async () => {
    const file = process.argv[3];
    if (!file) throw new BackupError('usage', 'usage: npm run db -- restore <file>');
    const owner = otherOwner();
    if (owner) throw new BackupError('stack_running', `npm start (pid ${owner}) is running: stop it first.`);
    await withDevCluster(async (cluster) => {
      const manifest = await restoreBackup(
        { ...backupTarget(cluster), recreateDatabase: () => recreateDatabase(cluster, DEV_DATABASE) },
        file,
      );
      log(`Restored ${file} (${manifest.createdAt}): the database and ${manifest.objects.length} stored objects.`);
    });
  },
  // Types from a throwaway migrated cluster, so they follow the migrations, not the dev data.
  types: async () => log(`Wrote ${await writeDatabaseTypes()}.`),
  stop: async () => {
    const owner = otherOwner();
    if (owner) process.kill(owner, 'SIGTERM');
    else
      await withDevCluster(async (cluster) => {
        stopCluster(cluster);
      });
  },
};

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  process.stderr.write(`usage: npm start | npm run db -- <${Object.keys(commands).join('|')}>\n`);
  process.exit(2);
}
command().catch((error: unknown) => {
  const known = error instanceof MigrationError || error instanceof PortTakenError || error instanceof BackupError;
  process.stderr.write(`\nroost: ${known ? error.message : String(error)}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
