// Starts a throwaway PostgreSQL cluster for the database tests with a migrated template database.
// Each test file clones the template, so files never share state.
import type { TestProject } from 'vitest/node';
import { type Cluster, destroyCluster } from '../../local/cluster.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../../local/throwaway.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    database: { port: number; password: string; template: string };
  }
}

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startThrowawayCluster();
  project.provide('database', { port: cluster.port, password: cluster.password, template: TEMPLATE_DATABASE });
}

export async function teardown(): Promise<void> {
  if (cluster) destroyCluster(cluster);
}
