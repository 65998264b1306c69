// Starts a throwaway PostgreSQL cluster for the database tests and builds one template database
// (platform bootstrap + migrations). Each test file clones the template, so files never share
// state, and the developer's `npm start` cluster is never touched.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type Cluster, destroyCluster, startCluster } from '../../local/cluster.ts';
import { connectAdmin, prepareDatabase, recreateDatabase } from '../../local/database.ts';
import { stateDir } from '../../local/paths.ts';

export const TEMPLATE_DATABASE = 'roost_template';

declare module 'vitest' {
  export interface ProvidedContext {
    database: { port: number; password: string; template: string };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Throwaway clusters of earlier runs that died before their teardown. */
function removeAbandonedClusters(): void {
  if (!existsSync(stateDir)) return;
  for (const name of readdirSync(stateDir)) {
    const match = /^test-(\d+)$/.exec(name);
    if (!match) continue;
    try {
      process.kill(Number(match[1]), 0);
    } catch {
      rmSync(join(stateDir, name), { recursive: true, force: true });
    }
  }
}

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  removeAbandonedClusters();
  const port = await freePort();
  cluster = startCluster({ home: join(stateDir, `test-${process.pid}`), port, throwaway: true }).cluster;
  await recreateDatabase(cluster, TEMPLATE_DATABASE);
  const sql = connectAdmin(cluster, TEMPLATE_DATABASE, 1);
  try {
    await prepareDatabase(sql);
  } finally {
    await sql.end();
  }
  project.provide('database', { port, password: cluster.password, template: TEMPLATE_DATABASE });
}

export async function teardown(): Promise<void> {
  if (cluster) destroyCluster(cluster);
}
