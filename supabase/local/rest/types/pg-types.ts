// Every type of the database, so any column, argument or attribute type resolves: base types,
// arrays, domains, enums (with their values) and composite types (with their attributes).
import type { TransactionSql } from 'postgres';

export interface PgType {
  oid: number;
  schema: string;
  name: string;
  /** pg_type.typtype: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  kind: string;
  elementOid: number;
  baseOid: number;
  /** Composite types: the pg_class row (a table, a view or a standalone composite type). */
  relationOid: number;
  relationKind: string | null;
  enumValues: string[];
  /** Standalone composite types: their attributes in declaration order. */
  attributes: { name: string; typeOid: number }[];
}

export async function readTypes(sql: TransactionSql, schemas: string[]): Promise<Map<number, PgType>> {
  // Every type, so that any column, argument or attribute type resolves (a few hundred rows).
  const rows = await sql<
    {
      oid: number;
      schema: string;
      name: string;
      kind: string;
      element_oid: number;
      base_oid: number;
      relation_oid: number;
      relation_kind: string | null;
      enum_values: string[] | null;
    }[]
  >`
    select t.oid::int as oid, n.nspname as schema, t.typname as name, t.typtype::text as kind,
      t.typelem::int as element_oid, t.typbasetype::int as base_oid, t.typrelid::int as relation_oid,
      c.relkind::text as relation_kind,
      (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid)
        as enum_values
    from pg_type t
    join pg_namespace n on n.oid = t.typnamespace
    left join pg_class c on c.oid = t.typrelid`;
  const attributes = await sql<{ type_oid: number; name: string; attribute_type: number }[]>`
    select t.oid::int as type_oid, a.attname as name, a.atttypid::int as attribute_type
    from pg_type t
    join pg_namespace n on n.oid = t.typnamespace
    join pg_class c on c.oid = t.typrelid and c.relkind = 'c'
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = any(${schemas}::text[])
    order by t.oid, a.attnum`;
  const types = new Map<number, PgType>();
  for (const row of rows) {
    types.set(row.oid, {
      oid: row.oid,
      schema: row.schema,
      name: row.name,
      kind: row.kind,
      elementOid: row.element_oid,
      baseOid: row.base_oid,
      relationOid: row.relation_oid,
      relationKind: row.relation_kind,
      enumValues: row.enum_values ?? [],
      attributes: [],
    });
  }
  for (const row of attributes)
    types.get(row.type_oid)?.attributes.push({ name: row.name, typeOid: row.attribute_type });
  return types;
}
