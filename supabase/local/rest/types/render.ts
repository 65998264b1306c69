// The whole `database.types.ts`: `Json`, `Database` (one entry per exposed schema, plus the
// `__InternalSupabase` marker that tells supabase-js which PostgREST it talks to), the helper
// types and `Constants`, as `supabase gen types typescript` lays them out.
import type { Catalog } from './catalog.ts';
import { renderHelpers } from './helpers.ts';
import { renderConstants, renderSchema } from './render-schema.ts';

/** The PostgREST major version the local /rest/v1 implements (postgrest-js types features by it). */
export const POSTGREST_VERSION = '12';

/** The schema the helper types default to, as the CLI's (`public`). */
const DEFAULT_SCHEMA = 'public';

const collator = new Intl.Collator('en');

export function renderDatabaseTypes(catalog: Catalog): string {
  const schemas = [...catalog.schemas].sort(collator.compare);
  return `export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  // Lets createClient<Database>(url, key) pick the PostgREST version without a second type argument.
  __InternalSupabase: {
    PostgrestVersion: ${JSON.stringify(POSTGREST_VERSION)}
  }
${schemas.map((schema) => renderSchema(catalog, schema)).join('\n')}
}

${renderHelpers(DEFAULT_SCHEMA)}
export const Constants = {
${schemas.map((schema) => renderConstants(catalog, schema)).join('\n')}
} as const
`;
}
