// What the type generator needs from the catalogue, read straight from pg_catalog (no Docker, no
// postgres-meta): the relations, columns, foreign keys, functions and types of the exposed schemas.
import type { Sql, TransactionSql } from 'postgres';
import { type PgType, readTypes } from './pg-types.ts';

export type { PgType };

export type RelationKind = 'table' | 'view';

export interface Relation {
  oid: number;
  schema: string;
  name: string;
  kind: RelationKind;
  /** Views only: PostgREST can insert, update and delete through it (an auto-updatable view or rules). */
  updatable: boolean;
}

export interface Column {
  relationOid: number;
  name: string;
  typeOid: number;
  nullable: boolean;
  /** A default, an identity or a generated expression: the column may be left out of an insert. */
  hasDefault: boolean;
  identity: 'always' | 'by default' | null;
  /** Views: whether the column can be written through the view. */
  updatable: boolean;
}

export interface Relationship {
  name: string;
  schema: string;
  relation: string;
  columns: string[];
  referencedSchema: string;
  referencedRelation: string;
  referencedColumns: string[];
  /** The referencing columns are unique on their own, so at most one row points at a target. */
  oneToOne: boolean;
}

export type ArgMode = 'in' | 'out' | 'inout' | 'variadic' | 'table';

export interface FunctionArg {
  name: string;
  mode: ArgMode;
  typeOid: number;
  hasDefault: boolean;
}

export interface PgFunction {
  schema: string;
  name: string;
  args: FunctionArg[];
  returnTypeOid: number;
  returnsSet: boolean;
}

export interface Catalog {
  schemas: string[];
  relations: Relation[];
  columns: Column[];
  relationships: Relationship[];
  functions: PgFunction[];
  types: Map<number, PgType>;
}

const MODES: Record<string, ArgMode> = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' };

async function existingSchemas(sql: TransactionSql, wanted: string[]): Promise<string[]> {
  const rows = await sql<{ nspname: string }[]>`
    select nspname from pg_namespace where nspname = any(${wanted}::text[])`;
  return rows.map((row) => row.nspname);
}

async function readRelations(sql: TransactionSql, schemas: string[]): Promise<Relation[]> {
  // 20 = the UPDATE (8) and DELETE (16) bits of pg_relation_is_updatable, as postgres-meta reads it.
  const rows = await sql<{ oid: number; schema: string; name: string; relkind: string; updatable: boolean }[]>`
    select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relkind::text as relkind,
      c.relkind = 'v' and (pg_relation_is_updatable(c.oid, false) & 20) = 20 as updatable
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${schemas}::text[]) and c.relkind in ('r', 'p', 'f', 'v', 'm')`;
  return rows.map((row) => ({
    oid: row.oid,
    schema: row.schema,
    name: row.name,
    kind: ['v', 'm'].includes(row.relkind) ? 'view' : 'table',
    updatable: row.updatable,
  }));
}

async function readColumns(sql: TransactionSql, schemas: string[]): Promise<Column[]> {
  const rows = await sql<
    {
      relation_oid: number;
      name: string;
      type_oid: number;
      nullable: boolean;
      has_default: boolean;
      identity: string;
      updatable: boolean;
    }[]
  >`
    select c.oid::int as relation_oid, a.attname as name, a.atttypid::int as type_oid,
      not (a.attnotnull or (t.typtype = 'd' and t.typnotnull)) as nullable,
      a.atthasdef or a.attidentity <> '' as has_default, a.attidentity::text as identity,
      c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and pg_column_is_updatable(c.oid, a.attnum, false))
        as updatable
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    where n.nspname = any(${schemas}::text[]) and c.relkind in ('r', 'p', 'f', 'v', 'm')
      and a.attnum > 0 and not a.attisdropped`;
  return rows.map((row) => ({
    relationOid: row.relation_oid,
    name: row.name,
    typeOid: row.type_oid,
    nullable: row.nullable,
    hasDefault: row.has_default,
    identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by default' : null,
    updatable: row.updatable,
  }));
}

async function readRelationships(sql: TransactionSql, schemas: string[]): Promise<Relationship[]> {
  const rows = await sql<
    {
      name: string;
      schema: string;
      relation: string;
      columns: string[];
      referenced_schema: string;
      referenced_relation: string;
      referenced_columns: string[];
      one_to_one: boolean;
    }[]
  >`
    select con.conname as name, n.nspname as schema, c.relname as relation,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, position)
        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.position) as columns,
      rn.nspname as referenced_schema, rc.relname as referenced_relation,
      array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, position)
        join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.position)
        as referenced_columns,
      exists (
        select 1 from pg_index i
        where i.indrelid = con.conrelid and i.indisunique and i.indpred is null
          and (select array_agg(k.attnum order by k.attnum) from unnest(i.indkey::int2[]) with ordinality k(attnum, position)
               where k.position <= i.indnkeyatts)
            = (select array_agg(k order by k) from unnest(con.conkey) k)
      ) as one_to_one
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_class rc on rc.oid = con.confrelid
    join pg_namespace rn on rn.oid = rc.relnamespace
    where con.contype = 'f' and n.nspname = any(${schemas}::text[])`;
  return rows.map((row) => ({
    name: row.name,
    schema: row.schema,
    relation: row.relation,
    columns: row.columns,
    referencedSchema: row.referenced_schema,
    referencedRelation: row.referenced_relation,
    referencedColumns: row.referenced_columns,
    oneToOne: row.one_to_one,
  }));
}

async function readFunctions(sql: TransactionSql, schemas: string[]): Promise<PgFunction[]> {
  // Plain functions only (no procedures, aggregates or window functions); trigger functions
  // cannot be called through /rpc, so they have no client type.
  const rows = await sql<
    {
      schema: string;
      name: string;
      arg_types: number[];
      arg_modes: string[] | null;
      arg_names: string[] | null;
      defaults: number;
      return_type: number;
      returns_set: boolean;
    }[]
  >`
    select n.nspname as schema, p.proname as name,
      -- proargtypes is an oidvector, zero-based; unnest it so the array reaches the client one-based.
      coalesce(p.proallargtypes, array(select unnest(p.proargtypes)))::int[] as arg_types,
      p.proargmodes::text[] as arg_modes, p.proargnames as arg_names, p.pronargdefaults::int as defaults,
      p.prorettype::int as return_type, p.proretset as returns_set
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any(${schemas}::text[]) and p.prokind = 'f'
      and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)`;
  return rows.map((row) => {
    const modes = row.arg_types.map((_, index) => MODES[row.arg_modes?.[index] ?? 'i'] ?? 'in');
    const inputs = modes.map((mode, index) => ({ mode, index })).filter(({ mode }) => isInput(mode));
    // pronargdefaults counts the trailing input arguments that have defaults.
    const firstDefault = inputs.length - row.defaults;
    const defaulted = new Set(inputs.slice(firstDefault).map(({ index }) => index));
    return {
      schema: row.schema,
      name: row.name,
      args: row.arg_types.map((typeOid, index) => ({
        name: row.arg_names?.[index] ?? '',
        mode: modes[index] ?? 'in',
        typeOid,
        hasDefault: defaulted.has(index),
      })),
      returnTypeOid: row.return_type,
      returnsSet: row.returns_set,
    };
  });
}

export function isInput(mode: ArgMode): boolean {
  return mode === 'in' || mode === 'inout' || mode === 'variadic';
}

/** Reads the exposed schemas (those of `wanted` that exist) in one repeatable-read snapshot. */
export async function readCatalog(sql: Sql, wanted: string[]): Promise<Catalog> {
  return (await sql.begin('isolation level repeatable read read only', async (tx) => {
    const schemas = await existingSchemas(tx, wanted);
    return {
      schemas,
      relations: await readRelations(tx, schemas),
      columns: await readColumns(tx, schemas),
      relationships: await readRelationships(tx, schemas),
      functions: await readFunctions(tx, schemas),
      types: await readTypes(tx, schemas),
    };
  })) as Catalog;
}
