// `npm run db -- types` and its freshness test: the `Database` type of the exposed schemas, in
// the format of `supabase gen types typescript`, generated from the catalogue without Docker.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Sql } from 'postgres';
import { destroyCluster } from '../../cluster.ts';
import { readProjectConfig } from '../../config.ts';
import { connectAdmin } from '../../database.ts';
import { projectRoot, supabaseDir } from '../../paths.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../../throwaway.ts';
import { readCatalog } from './catalog.ts';
import { formatTypeScript } from './format.ts';
import { renderDatabaseTypes } from './render.ts';

/** Where the generated types are committed (`supabase gen types typescript > …` in CLI terms). */
export const databaseTypesFile = `${supabaseDir}/database.types.ts`;

/** The formatted contents of `supabase/database.types.ts` for the database behind `sql`. */
export async function generateDatabaseTypes(sql: Sql, schemas: string[]): Promise<string> {
  const catalog = await readCatalog(sql, schemas);
  return formatTypeScript(renderDatabaseTypes(catalog), relative(projectRoot, databaseTypesFile));
}

/**
 * Builds a throwaway cluster (bootstrap + migrations, no demo data, like the tests' template),
 * writes the types of its exposed schemas and removes it again: the result depends only on
 * `supabase/migrations`, never on the state of the `npm start` database, and `npm start` need not run.
 */
export async function writeDatabaseTypes(): Promise<string> {
  const cluster = await startThrowawayCluster();
  try {
    const sql = connectAdmin(cluster, TEMPLATE_DATABASE, 1);
    try {
      writeFileSync(databaseTypesFile, await generateDatabaseTypes(sql, readProjectConfig().api.schemas));
    } finally {
      await sql.end();
    }
  } finally {
    destroyCluster(cluster);
  }
  return relative(projectRoot, databaseTypesFile);
}
