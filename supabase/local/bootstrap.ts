// Applies the platform bootstrap (what every Supabase database already has) to a local database,
// once per database. Real Supabase projects never run this; see docs/local-stack/bootstrap.md.
import type { Sql } from 'postgres';
import { bootstrapDir } from './paths.ts';
import { readSqlFolder } from './sql-files.ts';

export async function bootstrapDatabase(sql: Sql): Promise<{ applied: string[]; changed: string[] }> {
  await sql`create schema if not exists _roost_local`;
  await sql`
    create table if not exists _roost_local.bootstrap_files (
      name text primary key,
      sha256 text not null,
      applied_at timestamptz not null default now()
    )`;
  const done = new Map(
    (
      await sql<{ name: string; sha256: string }[]>`
    select name, sha256 from _roost_local.bootstrap_files`
    ).map((row) => [row.name, row.sha256]),
  );
  const applied: string[] = [];
  const changed: string[] = [];
  for (const file of readSqlFolder(bootstrapDir)) {
    const recorded = done.get(file.name);
    if (recorded !== undefined) {
      if (recorded !== file.sha256) changed.push(file.name);
      continue;
    }
    await sql.begin(async (tx) => {
      await tx.unsafe(file.content).simple();
      await tx`insert into _roost_local.bootstrap_files (name, sha256) values (${file.name}, ${file.sha256})`;
    });
    applied.push(file.name);
  }
  return { applied, changed };
}
