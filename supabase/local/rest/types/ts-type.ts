// PostgreSQL type → TypeScript type, by the rules of `supabase gen types typescript`
// (postgres-meta): JSON numbers for the integer and float types, strings for text, time and uuid
// types, `Json` for json/jsonb, arrays element-wise, enums, composite and row types through the
// `Database` type when their schema is generated, and `unknown` for anything else (ranges,
// intervals, network types…), which is what the CLI emits too.
import type { Catalog, PgType } from './catalog.ts';

const NUMBER = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const STRING = new Set([
  'bytea',
  'bpchar',
  'varchar',
  'date',
  'text',
  'citext',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'uuid',
  'vector',
]);
/** Types that extensions define (in whatever schema they were installed). */
const EXTENSION_STRING = new Set(['citext', 'vector']);

export function quote(text: string): string {
  return JSON.stringify(text);
}

/** Follows domains down to their base type (a domain over text is a string). */
function baseType(catalog: Catalog, oid: number): PgType | undefined {
  let type = catalog.types.get(oid);
  for (let depth = 0; type?.kind === 'd' && depth < 32; depth++) type = catalog.types.get(type.baseOid);
  return type;
}

function schemaRef(catalog: Catalog, schema: string, section: string, name: string): string | null {
  return catalog.schemas.includes(schema) ? `Database[${quote(schema)}][${quote(section)}][${quote(name)}]` : null;
}

function builtin(type: PgType): string | null {
  if (type.schema !== 'pg_catalog' && !EXTENSION_STRING.has(type.name)) return null;
  if (type.name === 'bool') return 'boolean';
  if (NUMBER.has(type.name)) return 'number';
  if (STRING.has(type.name)) return 'string';
  if (type.name === 'json' || type.name === 'jsonb') return 'Json';
  if (type.name === 'void') return 'undefined';
  if (type.name === 'record') return 'Record<string, unknown>';
  return null;
}

function compositeOrRow(catalog: Catalog, type: PgType): string {
  if (type.relationKind === 'c') return schemaRef(catalog, type.schema, 'CompositeTypes', type.name) ?? 'unknown';
  const section = type.relationKind === 'v' || type.relationKind === 'm' ? 'Views' : 'Tables';
  const ref = schemaRef(catalog, type.schema, section, type.name);
  return ref ? `${ref}[${quote('Row')}]` : 'unknown';
}

export function tsType(catalog: Catalog, oid: number): string {
  const type = baseType(catalog, oid);
  if (!type) return 'unknown';
  const known = builtin(type);
  if (known) return known;
  // Arrays are named `_<element>` (int2vector and friends are not arrays to the client).
  if (type.name.startsWith('_') && type.elementOid !== 0) return `(${tsType(catalog, type.elementOid)})[]`;
  if (type.kind === 'e') {
    return (
      schemaRef(catalog, type.schema, 'Enums', type.name) ?? type.enumValues.map((value) => quote(value)).join(' | ')
    );
  }
  if (type.kind === 'c') return compositeOrRow(catalog, type);
  return 'unknown';
}
