// A throwaway cluster on a free port with a migrated template database: what tests and
// benchmarks run against, so they never touch the developer's `npm start` data.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Cluster, startCluster } from './cluster.ts';
import { connectAdmin, prepareDatabase, recreateDatabase } from './database.ts';
import { stateDir } from './paths.ts';

export const TEMPLATE_DATABASE = 'roost_template';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
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
