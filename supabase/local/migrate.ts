// Applies supabase/migrations in version order, each in its own transaction, recording them in
// the table the Supabase CLI uses, and refuses a migration whose content changed after it ran.
import { existsSync } from 'node:fs';
import type { Sql, TransactionSql } from 'postgres';
import { migrationsDir, seedFile } from './paths.ts';
import { readSqlFile, readSqlFolder, type SqlFile } from './sql-files.ts';

const MIGRATION_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export class MigrationError extends Error {}

interface Migration extends SqlFile {
  version: string;
  label: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return readSqlFolder(dir).map((file) => {
    const match = MIGRATION_NAME.exec(file.name);
    if (!match?.[1] || !match[2]) {
      throw new MigrationError(`migration file name "${file.name}" must look like YYYYMMDDHHMMSS_snake_name.sql`);
    }
    return { ...file, version: match[1], label: match[2] };
  });
}

async function ensureHistoryTables(sql: Sql): Promise<void> {
  // Same shape as the Supabase CLI's history tables, so `supabase migration list` reads them.
  await sql`create schema if not exists supabase_migrations`;
  await sql`
    create table if not exists supabase_migrations.schema_migrations (
      version text not null primary key,
      statements text[],
      name text
    )`;
  await sql`
    create table if not exists supabase_migrations.seed_files (
      path text not null primary key,
      hash text not null
    )`;
}

export async function migrate(sql: Sql, dir = migrationsDir): Promise<string[]> {
  await ensureHistoryTables(sql);
  const rows = await sql<{ version: string; statements: string[] | null }[]>`
    select version, statements from supabase_migrations.schema_migrations`;
  const applied = new Map(rows.map((row) => [row.version, (row.statements ?? []).join('')]));
  const ran: string[] = [];
  for (const migration of listMigrations(dir)) {
    const before = applied.get(migration.version);
    if (before !== undefined) {
      if (before !== migration.content) {
        throw new MigrationError(
          `migration ${migration.name} changed after it was applied; migrations are never edited: ` +
            'revert the edit and add a new migration (or reset the local database with `npm run db -- reset`).',
        );
      }
      continue;
    }
    await sql.begin(async (tx) => {
      await tx.unsafe(migration.content).simple();
      await tx`
        insert into supabase_migrations.schema_migrations (version, statements, name)
        values (${migration.version}, ${[migration.content]}, ${migration.label})`;
    });
    ran.push(migration.name);
  }
  return ran;
}

/**
 * Loads supabase/seed.sql once per database, as `supabase db reset` does, then `generate` (the
 * generated demo history) in the same transaction: all of the demo data or none of it.
 */
export async function seed(
  sql: Sql,
  path = seedFile,
  generate?: (tx: TransactionSql) => Promise<unknown>,
): Promise<'seeded' | 'already' | 'changed' | 'none'> {
  if (!existsSync(path)) return 'none';
  await ensureHistoryTables(sql);
  const file = readSqlFile(path, 'supabase/seed.sql');
  const [row] = await sql<
    { hash: string }[]
  >`select hash from supabase_migrations.seed_files where path = ${file.name}`;
  if (row) return row.hash === file.sha256 ? 'already' : 'changed';
  await sql.begin(async (tx) => {
    await tx.unsafe(file.content).simple();
    await generate?.(tx);
    await tx`insert into supabase_migrations.seed_files (path, hash) values (${file.name}, ${file.sha256})`;
  });
  return 'seeded';
}
