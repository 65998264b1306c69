// Superuser connections to a local cluster and the one routine that readies a database:
// platform bootstrap, then migrations.
import postgres, { type Sql } from 'postgres';
import { bootstrapDatabase } from './bootstrap.ts';
import { type Cluster, connectionUrl } from './cluster.ts';
import { migrate } from './migrate.ts';

export function connectAdmin(cluster: Cluster, database: string, max = 4): Sql {
  return postgres(connectionUrl(cluster, database), {
    max,
    onnotice: () => {},
    connection: { application_name: 'roost-local' },
  });
}

export async function prepareDatabase(sql: Sql): Promise<{ bootstrapChanged: string[]; migrations: string[] }> {
  const bootstrap = await bootstrapDatabase(sql);
  const migrations = await migrate(sql);
  return { bootstrapChanged: bootstrap.changed, migrations };
}

/** Drops and recreates a database (connected through another one). */
export async function recreateDatabase(cluster: Cluster, database: string, template = 'template1'): Promise<void> {
  const admin = connectAdmin(cluster, 'template1', 1);
  try {
    await admin.unsafe(`drop database if exists ${quoteIdent(database)} with (force)`);
    await admin.unsafe(`create database ${quoteIdent(database)} template ${quoteIdent(template)}`);
  } finally {
    await admin.end();
  }
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}
