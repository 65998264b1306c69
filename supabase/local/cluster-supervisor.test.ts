// PostgreSQL dying under `npm start` (issue 12, item 16): the supervisor starts it again, a pool
// reconnects by itself, and Auth's health says 503 while the database is down, 200 once it is
// back. Its own cluster, with the dev cluster's durable settings (the shared test cluster cannot
// be killed under the other files).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, connectionUrl, destroyCluster, postmasterPid, startCluster } from './cluster.ts';
import { superviseCluster } from './cluster-supervisor.ts';
import { readProjectConfig } from './config.ts';
import { withDatabaseHealth } from './database-health.ts';
import { authPublic } from './gateway/auth-public.ts';
import { type Gateway, startGateway } from './gateway/server.ts';
import { ensureLocalKeys, type LocalKeys } from './keys.ts';
import { stateDir } from './paths.ts';
import { waitFor } from './testing/wait-for.ts';
import { freePort } from './throwaway.ts';

let cluster: Cluster;
let sql: Sql;
let gateway: Gateway;
let keys: LocalKeys;
let keysDir: string;

beforeAll(async () => {
  const home = join(stateDir, `supervisor-test-${process.pid}`);
  cluster = startCluster({ home, port: await freePort(), throwaway: false }).cluster;
  sql = postgres(connectionUrl(cluster, 'postgres'), { max: 2, onnotice: () => {} });
  keysDir = mkdtempSync(join(tmpdir(), 'roost-supervisor-'));
  keys = await ensureLocalKeys({ file: join(keysDir, 'keys.json'), pins: {} });
  const auth = withDatabaseHealth(authPublic, sql, '/health');
  gateway = await startGateway({ port: 0, keys, config: readProjectConfig(), services: { auth } });
});

afterAll(async () => {
  await gateway?.close();
  await sql?.end({ timeout: 1 });
  if (cluster) destroyCluster(cluster);
  if (keysDir) rmSync(keysDir, { recursive: true, force: true });
});

const health = () => fetch(`${gateway.url}/auth/v1/health`, { headers: { apikey: keys.publishable_key } });

describe('a supervised cluster', () => {
  it('is restarted after a kill -9; pools reconnect and health follows the database', async () => {
    expect((await health()).status, 'healthy while the database answers').toBe(200);
    const events: string[] = [];
    // A pause long enough to see the outage from outside before the restart.
    const supervisor = superviseCluster(cluster, {
      checkEveryMs: 100,
      firstDelayMs: 1500,
      onEvent: (line) => events.push(line),
    });
    try {
      const pid = postmasterPid(cluster) as number;
      expect(pid, 'the postmaster runs').toBeGreaterThan(0);
      process.kill(pid, 'SIGKILL');
      await waitFor('the postmaster to die', () => (postmasterPid(cluster) === null ? true : undefined), 30_000, 100);
      // The pool's backends outlive their postmaster by a moment: health follows once they are gone.
      const down = await waitFor(
        '/auth/v1/health to report the outage',
        async () => {
          const answer = await health();
          return answer.status === 503 ? answer : undefined;
        },
        10_000,
        25,
      );
      expect(down.status, '/auth/v1/health is not 200 while the database is down').toBe(503);
      expect(await down.json(), 'and says why').toMatchObject({ error_code: 'database_unavailable' });

      await waitFor('the restart', () => (supervisor.restarts === 1 ? true : undefined), 30_000, 100);
      expect(events[0], 'the death is reported').toContain('PostgreSQL is not running');
      const [row] = await waitFor(
        'the pool to reconnect',
        () =>
          sql`select 1 as ok`.then(
            (rows) => rows,
            () => undefined,
          ),
        30_000,
        100,
      );
      expect(row, 'the same pool answers again').toEqual({ ok: 1 });
      expect((await health()).status, 'healthy again').toBe(200);
    } finally {
      supervisor.stop();
    }
  });
});
