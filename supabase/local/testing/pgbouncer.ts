// A transaction-mode connection pooler in front of a test cluster, as Supabase's Supavisor runs
// its port 6543: Debian's PgBouncer (1.18: no prepared-statement tracking) on a loopback port,
// pool_mode = transaction, SCRAM against the cluster's superuser, run as the cluster's own
// unprivileged OS user when we are root. Decision 040 says what may go through it and what not.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { chownTree, clusterOsUser } from '../os-user.ts';
import { freePort } from '../throwaway.ts';
import { waitFor } from './wait-for.ts';

export const PGBOUNCER = process.env.ROOST_PGBOUNCER ?? '/usr/sbin/pgbouncer';

export interface PoolerOptions {
  /** The cluster's port on 127.0.0.1. */
  serverPort: number;
  user: string;
  password: string;
  /** Server connections per database+user pair (Supavisor's pool size). */
  poolSize?: number;
}

export interface Pooler {
  port: number;
  /** A connection URL through the pooler for `database`. */
  url(database: string): string;
  /** Client connections the pooler holds for `database` now (its admin console's SHOW CLIENTS). */
  clients(database: string): Promise<number>;
  /** The pooler's log (failures are explained there). */
  log(): string;
  stop(): Promise<void>;
}

export function pgbouncerAvailable(): boolean {
  return existsSync(PGBOUNCER);
}

/** Starts PgBouncer in transaction mode on a free loopback port; resolves once it accepts connections. */
export async function startPooler(options: PoolerOptions): Promise<Pooler> {
  if (!pgbouncerAvailable()) {
    throw new Error(`${PGBOUNCER} not found: install Debian's pgbouncer (npm test's pre-step does it as root).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'roost-pgbouncer-'));
  const port = await freePort();
  const logFile = join(dir, 'pgbouncer.log');
  // PgBouncer quotes with double quotes and doubles them inside.
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  writeFileSync(join(dir, 'userlist.txt'), `${quote(options.user)} ${quote(options.password)}\n`, { mode: 0o600 });
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      // Any database name maps to the same name on the cluster (each test file has its own clone).
      `* = host=127.0.0.1 port=${options.serverPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize ?? 10}`,
      'max_client_conn = 1000',
      'max_db_connections = 0',
      // What drivers send at startup that PgBouncer does not track (Supavisor accepts them too).
      'ignore_startup_parameters = extra_float_digits,options,search_path',
      'server_reset_query =',
      // SHOW CLIENTS / SHOW POOLS on the admin database `pgbouncer` (tests check who went through).
      `admin_users = ${options.user}`,
      `logfile = ${logFile}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; the cluster's OS user owns the files it reads.
  const osUser = clusterOsUser();
  chownTree(osUser, dir);
  const child: ChildProcess = spawn(PGBOUNCER, [join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(osUser ? { uid: osUser.uid, gid: osUser.gid } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const log = () => `${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}${stderr}`;
  try {
    await waitFor(
      `PgBouncer on 127.0.0.1:${port}`,
      () => {
        if (exited) throw new Error(`PgBouncer exited:\n${log()}`);
        return accepts(port);
      },
      10_000,
      50,
    );
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = (database: string) =>
    `postgres://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    log,
    async clients(database) {
      // The admin console speaks the simple query protocol only.
      const admin = postgres(url('pgbouncer'), {
        max: 1,
        prepare: false,
        fetch_types: false,
        onnotice: () => {},
      });
      try {
        const rows = await admin.unsafe('show clients').simple();
        // Minus this admin connection itself, which is on another database.
        return rows.filter((row) => row.database === database).length;
      } finally {
        await admin.end({ timeout: 1 });
      }
    },
    async stop() {
      if (!exited) {
        // SIGINT: PgBouncer's "safe shutdown" waits for clients; SIGTERM closes at once.
        child.kill('SIGTERM');
        await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
