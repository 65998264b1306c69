// A throwaway cluster on a free port with a migrated template database: what tests and
// benchmarks run against, so they never touch the developer's `npm start` data.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Cluster, startCluster } from './cluster.ts';
import { connectAdmin, prepareDatabase, recreateDatabase } from './database.ts';
import { stateDir } from './paths.ts';

export const TEMPLATE_DATABASE = 'roost_template';

/**
 * A port nothing listens on, chosen below the kernel's ephemeral range: ports a caller picks now
 * and binds later (a cluster, a web server started after the stack) must not be handed meanwhile
 * to another process's `listen(0)` or outgoing connection, which draw from that range (a web app
 * once found its port taken for a minute in a full test run).
 */
export async function freePort(): Promise<number> {
  const below = ephemeralRangeStart();
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = FIRST_CHOSEN_PORT + Math.floor(Math.random() * (below - FIRST_CHOSEN_PORT));
    if (await canListen(port)) return port;
  }
  return listenOnce(0);
}

/** Where Roost's chosen ports start: above the usual fixed ports (Postgres 5432, 54321…). */
const FIRST_CHOSEN_PORT = 20_000;

function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > FIRST_CHOSEN_PORT + 1000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function canListen(port: number): Promise<boolean> {
  return listenOnce(port).then(
    () => true,
    () => false,
  );
}

/** Binds `port` on loopback (0: any), closes it again and says which port it was. */
function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Throwaway clusters of earlier runs whose process died before cleaning up. */
function removeAbandonedClusters(): void {
  if (!existsSync(stateDir)) return;
  for (const name of readdirSync(stateDir)) {
    const match = /^throwaway-(\d+)(?:-[a-z0-9]+)?$/.exec(name);
    if (!match) continue;
    try {
      process.kill(Number(match[1]), 0);
    } catch {
      rmSync(join(stateDir, name), { recursive: true, force: true });
    }
  }
}

/** Starts a fresh cluster and builds `roost_template` (bootstrap + migrations) in it. */
export async function startThrowawayCluster(): Promise<Cluster> {
  removeAbandonedClusters();
  const port = await freePort();
  // Several test projects of one Vitest run each start a cluster from the same process.
  const home = join(stateDir, `throwaway-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  rmSync(home, { recursive: true, force: true });
  const { cluster } = startCluster({ home, port, throwaway: true });
  await recreateDatabase(cluster, TEMPLATE_DATABASE);
  const sql = connectAdmin(cluster, TEMPLATE_DATABASE, 1);
  try {
    await prepareDatabase(sql);
  } finally {
    await sql.end();
  }
  return cluster;
}
