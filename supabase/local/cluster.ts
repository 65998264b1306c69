// Manages one local PostgreSQL cluster: initdb on first use, idempotent start, recovery from a
// stale pid file, clean stop. Used by `npm start` (the dev cluster) and by the tests (a throwaway one).
import { execFile, type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canWrite, chownTree, clusterOsUser, type OsUser } from './os-user.ts';

export interface ClusterOptions {
  /** Folder that holds the cluster (data/, log, password). */
  home: string;
  port: number;
  /** Throwaway clusters trade durability for speed. */
  throwaway: boolean;
}

export interface Cluster {
  home: string;
  dataDir: string;
  logFile: string;
  port: number;
  password: string;
  osUser: OsUser | null;
}

export const SUPERUSER = 'postgres';

function pgBin(name: string): string {
  const dir = process.env.ROOST_PG_BIN;
  if (!dir) throw new Error('ROOST_PG_BIN is not set; run Roost through npm scripts (npm start, npm test).');
  return join(dir, name);
}

/** Whether the PostgreSQL of ROOST_PG_BIN ships pg_stat_statements (Debian: <bin>/../lib). */
function hasStatementStatistics(): boolean {
  return existsSync(join(dirname(pgBin('postgres')), '..', 'lib', 'pg_stat_statements.so'));
}

/** Settings for a development machine (2 cores, 24 GiB); rewritten on every start. */
function settings(options: ClusterOptions): string {
  const lines = [
    `port = ${options.port}`,
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    'max_connections = 200',
    // Logical decoding feeds Realtime's postgres_changes.
    'wal_level = logical',
    'max_replication_slots = 20',
    'max_wal_senders = 20',
    'max_slot_wal_keep_size = 2GB',
    `shared_buffers = ${options.throwaway ? '256MB' : '1GB'}`,
    'effective_cache_size = 8GB',
    'work_mem = 16MB',
    'maintenance_work_mem = 512MB',
    'max_worker_processes = 8',
    'max_parallel_workers_per_gather = 2',
    'max_wal_size = 2GB',
    "timezone = 'UTC'",
    "log_timezone = 'UTC'",
    'log_min_messages = warning',
    "log_line_prefix = '%m [%p] %q%u@%d '",
  ];
  // Statement statistics for the operator's slow-statements page (decision 039), as hosted
  // Supabase has them; left out where this PostgreSQL build lacks the module.
  if (hasStatementStatistics()) {
    lines.push("shared_preload_libraries = 'pg_stat_statements'", 'pg_stat_statements.track = top');
  }
  // A throwaway test cluster never needs crash safety.
  if (options.throwaway) lines.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
  return `# Written by supabase/local/cluster.ts on every start; edit that file, not this one.\n${lines.join('\n')}\n`;
}

function runAs(osUser: OsUser | null, cmd: string, args: string[], extra: SpawnSyncOptions = {}) {
  const result = spawnSync(cmd, args, {
    encoding: 'utf8',
    ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    ...extra,
  });
  if (result.error) throw result.error;
  return result;
}

/**
 * Where the cluster's files live. Normally `home` inside the project; when the project folder is
 * not reachable by the unprivileged OS user (say it sits under /root), a folder under /var/lib.
 */
function resolveHome(home: string, osUser: OsUser | null): string {
  mkdirSync(home, { recursive: true });
  chownTree(osUser, home);
  if (canWrite(osUser, home)) return home;
  const fallback = join('/var/lib/roost', createHash('sha256').update(home).digest('hex').slice(0, 16));
  mkdirSync(fallback, { recursive: true });
  chownTree(osUser, '/var/lib/roost');
  return fallback;
}

function describe(home: string, port: number, osUser: OsUser | null): Cluster {
  const passwordFile = join(home, 'password');
  return {
    home,
    dataDir: join(home, 'data'),
    logFile: join(home, 'postgres.log'),
    port,
    password: existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : '',
    osUser,
  };
}

function initdb(cluster: Cluster): Cluster {
  // The superuser password is generated per installation and never leaves the cluster folder.
  const password = randomBytes(24).toString('base64url');
  const passwordFile = join(cluster.home, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  chownTree(cluster.osUser, passwordFile);
  const result = runAs(cluster.osUser, pgBin('initdb'), [
    '-D',
    cluster.dataDir,
    '-U',
    SUPERUSER,
    `--pwfile=${passwordFile}`,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  if (result.status !== 0) {
    rmSync(cluster.dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${result.stderr}`);
  }
  const conf = join(cluster.dataDir, 'postgresql.conf');
  writeFileSync(conf, `${readFileSync(conf, 'utf8')}\ninclude_if_exists = 'roost.conf'\n`);
  return { ...cluster, password };
}

/** Removes a postmaster.pid left by a crashed run whose process is gone or is not PostgreSQL. */
function clearStalePid(cluster: Cluster): void {
  const pidFile = join(cluster.dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : 'postgres';
    alive = cmdline.includes('postgres');
  } catch {
    alive = false;
  }
  if (!alive) rmSync(pidFile);
}

export function isRunning(cluster: Cluster): boolean {
  if (!existsSync(join(cluster.dataDir, 'PG_VERSION'))) return false;
  return runAs(cluster.osUser, pgBin('pg_ctl'), ['-D', cluster.dataDir, 'status']).status === 0;
}

/**
 * Creates the cluster if needed and starts it, unless it already runs (then it is reused).
 * PostgreSQL replays its WAL by itself after a crash, so a killed previous run just starts again.
 */
export function startCluster(options: ClusterOptions): { cluster: Cluster; alreadyRunning: boolean } {
  const osUser = clusterOsUser();
  let cluster = describe(resolveHome(options.home, osUser), options.port, osUser);
  if (!existsSync(join(cluster.dataDir, 'PG_VERSION'))) cluster = initdb(cluster);
  if (isRunning(cluster)) return { cluster, alreadyRunning: true };
  clearStalePid(cluster);
  const roostConf = join(cluster.dataDir, 'roost.conf');
  writeFileSync(roostConf, settings(options));
  chownTree(osUser, roostConf);
  const result = runAs(osUser, pgBin('pg_ctl'), [
    '-D',
    cluster.dataDir,
    '-l',
    cluster.logFile,
    '-w',
    '-t',
    '120',
    'start',
  ]);
  if (result.status !== 0) {
    const log = existsSync(cluster.logFile)
      ? readFileSync(cluster.logFile, 'utf8').split('\n').slice(-15).join('\n')
      : '';
    if (log.includes('Address already in use')) {
      throw new Error(
        `Port ${options.port} ([db] port) is in use by another program. Stop it, or give Roost another port in supabase/config.toml.`,
      );
    }
    throw new Error(`PostgreSQL did not start on port ${options.port}:\n${result.stderr}${log}`);
  }
  return { cluster, alreadyRunning: false };
}

/** The postmaster's pid while it lives (a pid file of a dead or recycled process is not one). */
export function postmasterPid(cluster: Cluster): number | null {
  const pidFile = join(cluster.dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, owned by the cluster's OS user.
    if ((error as { code?: string }).code !== 'EPERM') return null;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('postgres') ? pid : null;
}

/**
 * Starts a cluster that was started before and died (crash recovery replays the WAL) without
 * blocking the event loop, so the API keeps answering (503s) while PostgreSQL recovers.
 */
export async function restartCluster(cluster: Cluster): Promise<void> {
  clearStalePid(cluster);
  const args = ['-D', cluster.dataDir, '-l', cluster.logFile, '-w', '-t', '120', 'start'];
  await new Promise<void>((resolve, reject) => {
    execFile(
      pgBin('pg_ctl'),
      args,
      {
        encoding: 'utf8',
        ...(cluster.osUser ? { uid: cluster.osUser.uid, gid: cluster.osUser.gid } : {}),
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      },
      (error, _stdout, stderr) =>
        error
          ? reject(new Error(`PostgreSQL did not start on port ${cluster.port}: ${stderr || error.message}`))
          : resolve(),
    );
  });
}

/** Fast shutdown: open sessions are ended, committed work is safe. */
export function stopCluster(cluster: Cluster): void {
  if (!isRunning(cluster)) return;
  const result = runAs(cluster.osUser, pgBin('pg_ctl'), [
    '-D',
    cluster.dataDir,
    '-m',
    'fast',
    '-w',
    '-t',
    '60',
    'stop',
  ]);
  if (result.status !== 0) throw new Error(`PostgreSQL did not stop:\n${result.stderr}`);
}

export function destroyCluster(cluster: Cluster): void {
  stopCluster(cluster);
  rmSync(cluster.home, { recursive: true, force: true });
}

export function connectionUrl(
  cluster: Cluster,
  database: string,
  user = SUPERUSER,
  password = cluster.password,
): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${cluster.port}/${database}`;
}
