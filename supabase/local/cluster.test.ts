// The cluster manager against a real PostgreSQL: idempotent start, recovery after a crash
// (committed data survives), a stale pid file from a dead run, clean stop. It runs with the
// durable settings of the dev cluster: the throwaway ones may lose the last commits in a crash.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, connectionUrl, destroyCluster, isRunning, startCluster, stopCluster } from './cluster.ts';
import { stateDir } from './paths.ts';
import { freePort } from './throwaway.ts';

let port: number;
let home: string;
let cluster: Cluster;

async function query<T>(text: string): Promise<T[]> {
  const sql = postgres(connectionUrl(cluster, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

function postmasterPid(): number {
  return Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

async function waitForExit(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`process ${pid} did not exit`);
}

beforeAll(async () => {
  port = await freePort();
  home = join(stateDir, `cluster-test-${process.pid}`);
  cluster = startCluster({ home, port, throwaway: false }).cluster;
});

afterAll(() => destroyCluster(cluster));

describe('local cluster manager', () => {
  it('starts a cluster that listens on the configured port with logical WAL and a generated password', async () => {
    const [settings] = await query<{ port: string; wal_level: string }>(
      `select current_setting('port') as port, current_setting('wal_level') as wal_level`,
    );
    expect(settings, 'server settings').toEqual({ port: String(port), wal_level: 'logical' });
    expect(cluster.password, 'a per-installation password').toMatch(/^[A-Za-z0-9_-]{32}$/);
    const wrong = postgres(connectionUrl(cluster, 'postgres', 'postgres', 'wrong-password'), { max: 1 });
    await expect(wrong`select 1`, 'a wrong password is refused').rejects.toMatchObject({ code: '28P01' });
    await wrong.end();
  });

  it('reuses a running cluster instead of starting a second one', () => {
    const pid = postmasterPid();
    const again = startCluster({ home, port, throwaway: false });
    expect(again.alreadyRunning, 'second start reports the running cluster').toBe(true);
    expect(postmasterPid(), 'same server process').toBe(pid);
  });

  it('comes back after a crash with committed data intact', async () => {
    await query('create table crash_probe (n int); insert into crash_probe values (42)');
    const pid = postmasterPid();
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid);
    expect(isRunning(cluster), 'the killed server is not running').toBe(false);
    expect(startCluster({ home, port, throwaway: false }).alreadyRunning, 'restarted after the crash').toBe(false);
    const rows = await query<{ n: number }>('select n from crash_probe');
    expect(rows, 'committed row survived').toEqual([{ n: 42 }]);
  });

  it('starts despite a stale pid file left by a dead run', async () => {
    stopCluster(cluster);
    const pidFile = join(cluster.dataDir, 'postmaster.pid');
    writeFileSync(pidFile, `999999\n${cluster.dataDir}\n`);
    expect(startCluster({ home, port, throwaway: false }).alreadyRunning, 'started fresh').toBe(false);
    expect(await query('select 1 as ok'), 'answers queries').toEqual([{ ok: 1 }]);
  });

  it('stops cleanly', () => {
    stopCluster(cluster);
    expect(isRunning(cluster), 'stopped').toBe(false);
    stopCluster(cluster);
    expect(isRunning(cluster), 'stopping twice is harmless').toBe(false);
  });
});
