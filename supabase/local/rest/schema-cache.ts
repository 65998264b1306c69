// The schema cache: what the Data API may serve, read from the catalogue of the exposed schemas
// ([api].schemas) once and again on `NOTIFY pgrst, 'reload schema'`, as PostgREST does. Every
// identifier a request names is resolved here before it reaches SQL.
import type { Sql } from 'postgres';

export interface Column {
  name: string;
  /** `format_type()`: what casts and record definitions use (`integer`, `text[]`, `public.booking_status`). */
  type: string;
  nullable: boolean;
  default: string | null;
  /** Identity or generated: cannot take an explicit value on insert. */
  generated: boolean;
  description: string | null;
  enumValues: string[] | null;
}

export interface Table {
  oid: number;
  schema: string;
  name: string;
  kind: 'table' | 'view' | 'materialized_view' | 'foreign_table';
  description: string | null;
  columns: Map<string, Column>;
  primaryKey: string[];
  /** Column sets with a unique constraint or index (the primary key included). */
  uniqueKeys: string[][];
  insertable: boolean;
  updatable: boolean;
  deletable: boolean;
}

/** A foreign key (or one derived through a view) from `table.columns` to `foreignTable.foreignColumns`. */
export interface ForeignKey {
  constraint: string;
  table: Table;
  columns: string[];
  foreignTable: Table;
  foreignColumns: string[];
}

export interface FunctionArg {
  name: string;
  type: string;
  /** i (in), o (out), b (inout), v (variadic), t (table column) */
  mode: 'i' | 'o' | 'b' | 'v' | 't';
  hasDefault: boolean;
}

export interface DbFunction {
  oid: number;
  schema: string;
  name: string;
  args: FunctionArg[];
  /** Input arguments (in, inout, variadic), in order. */
  inputs: FunctionArg[];
  returnType: string;
  returnsSet: boolean;
  /** The table or view the function returns rows of, when it returns a table type. */
  returnTable: Table | null;
  /** Column names of a composite or `returns table (…)` result, else null (a scalar). */
  returnColumns: string[] | null;
  returnsVoid: boolean;
  volatility: 'i' | 's' | 'v';
  description: string | null;
}

export interface SchemaCache {
  schemas: string[];
  tables: Map<string, Table>;
  foreignKeys: ForeignKey[];
  functions: Map<string, DbFunction[]>;
  /** Functions taking one row of a table: computed columns (`select=full_name`), by table key. */
  computed: Map<string, Map<string, DbFunction>>;
  /** `statement_timeout` and other settings per API role (ALTER ROLE … SET), applied per request. */
  roleSettings: Map<string, [string, string][]>;
  loadedAt: Date;
}

export const tableKey = (schema: string, name: string) => `${schema}.${name}`;

interface TableRow {
  oid: number;
  schema: string;
  name: string;
  relkind: string;
  description: string | null;
  insertable: boolean;
  updatable: boolean;
  deletable: boolean;
  pk: string[] | null;
  uniques: string[][] | null;
}

interface ColumnRow {
  relid: number;
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  generated: boolean;
  description: string | null;
  enum_values: string[] | null;
}

interface ForeignKeyRow {
  name: string;
  relid: number;
  columns: string[];
  frelid: number;
  fcolumns: string[];
}

interface ViewUsageRow {
  view: number;
  table: number;
  columns: string[];
}

interface FunctionRow {
  oid: number;
  schema: string;
  name: string;
  arg_names: string[] | null;
  arg_types: string[];
  arg_modes: string[] | null;
  defaults: number;
  return_type: string;
  return_typrelid: number;
  return_typtype: string;
  returns_set: boolean;
  volatility: 'i' | 's' | 'v';
  description: string | null;
  return_composite_columns: string[] | null;
  first_arg_relid: number;
}

async function loadTables(sql: Sql, schemas: string[]): Promise<Map<number, Table>> {
  const rows = await sql<TableRow[]>`
    select c.oid::int as oid, n.nspname as schema, c.relname as name, c.relkind::text as relkind,
      obj_description(c.oid, 'pg_class') as description,
      (c.relkind in ('r', 'p') or pg_relation_is_updatable(c.oid, true) & 8 = 8) as insertable,
      (c.relkind in ('r', 'p') or pg_relation_is_updatable(c.oid, true) & 4 = 4) as updatable,
      (c.relkind in ('r', 'p') or pg_relation_is_updatable(c.oid, true) & 16 = 16) as deletable,
      (select array_agg(a.attname::text order by k.ord)
         from pg_index i, unnest(i.indkey) with ordinality k(attnum, ord), pg_attribute a
        where i.indrelid = c.oid and i.indisprimary and a.attrelid = c.oid and a.attnum = k.attnum) as pk,
      (select json_agg(cols) from (
         select array_agg(a.attname::text order by k.ord) as cols
           from pg_index i, unnest(i.indkey) with ordinality k(attnum, ord), pg_attribute a
          where i.indrelid = c.oid and i.indisunique and i.indpred is null
            and a.attrelid = c.oid and a.attnum = k.attnum
          group by i.indexrelid) u) as uniques
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm', 'f')`;
  const columns = await sql<ColumnRow[]>`
    select a.attrelid::int as relid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as default,
      (a.attidentity = 'a' or a.attgenerated <> '') as generated,
      col_description(a.attrelid, a.attnum) as description,
      (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e
        where e.enumtypid = a.atttypid) as enum_values
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and a.attnum > 0 and not a.attisdropped
    order by a.attrelid, a.attnum`;
  const kinds: Record<string, Table['kind']> = {
    r: 'table',
    p: 'table',
    v: 'view',
    m: 'materialized_view',
    f: 'foreign_table',
  };
  const tables = new Map<number, Table>();
  for (const row of rows) {
    tables.set(row.oid, {
      oid: row.oid,
      schema: row.schema,
      name: row.name,
      kind: kinds[row.relkind] ?? 'table',
      description: row.description,
      columns: new Map(),
      primaryKey: row.pk ?? [],
      uniqueKeys: row.uniques ?? [],
      insertable: row.insertable,
      updatable: row.updatable,
      deletable: row.deletable,
    });
  }
  for (const column of columns) {
    tables.get(column.relid)?.columns.set(column.name, {
      name: column.name,
      type: column.type,
      nullable: column.nullable,
      default: column.default,
      generated: column.generated,
      description: column.description,
      enumValues: column.enum_values,
    });
  }
  return tables;
}

/**
 * Foreign keys between exposed tables, plus the ones views inherit: a view that shows the key's
 * columns of its base table (same names) carries the relationship, on either side.
 */
async function loadForeignKeys(sql: Sql, tables: Map<number, Table>): Promise<ForeignKey[]> {
  const oids = [...tables.keys()];
  const rows = await sql<ForeignKeyRow[]>`
    select con.conname as name, con.conrelid::int as relid, con.confrelid::int as frelid,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(n, o)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o) as columns,
      array(select a.attname::text from unnest(con.confkey) with ordinality k(n, o)
              join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o) as fcolumns
    from pg_constraint con
    where con.contype = 'f' and con.conrelid = any(${oids}::oid[]) and con.confrelid = any(${oids}::oid[])`;
  const usage = await sql<ViewUsageRow[]>`
    select r.ev_class::int as view, d.refobjid::int as table, array_agg(distinct a.attname::text) as columns
    from pg_rewrite r
    join pg_depend d on d.objid = r.oid and d.classid = 'pg_rewrite'::regclass and d.refobjsubid > 0
    join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where r.ev_class = any(${oids}::oid[]) and d.refobjid <> r.ev_class
    group by r.ev_class, d.refobjid`;
  const keys: ForeignKey[] = [];
  for (const row of rows) {
    const table = tables.get(row.relid);
    const foreignTable = tables.get(row.frelid);
    if (table && foreignTable) {
      keys.push({ constraint: row.name, table, columns: row.columns, foreignTable, foreignColumns: row.fcolumns });
    }
  }
  // Views standing in for a side of a key: they must use and show every column of that side.
  const viewsOf = (table: Table, columns: string[]) =>
    usage
      .filter((use) => use.table === table.oid && columns.every((column) => use.columns.includes(column)))
      .map((use) => tables.get(use.view))
      .filter((view): view is Table => !!view && columns.every((column) => view.columns.has(column)));
  const derived: ForeignKey[] = [];
  for (const key of keys) {
    const sources = [key.table, ...viewsOf(key.table, key.columns)];
    const targets = [key.foreignTable, ...viewsOf(key.foreignTable, key.foreignColumns)];
    for (const table of sources) {
      for (const foreignTable of targets) {
        if (table === key.table && foreignTable === key.foreignTable) continue;
        derived.push({ ...key, table, foreignTable });
      }
    }
  }
  return [...keys, ...derived];
}

async function loadFunctions(sql: Sql, schemas: string[], tables: Map<number, Table>) {
  const rows = await sql<FunctionRow[]>`
    select p.oid::int as oid, n.nspname as schema, p.proname as name,
      p.proargnames as arg_names, p.proargmodes::text[] as arg_modes, p.pronargdefaults::int as defaults,
      array(select format_type(t.oid, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]))
              with ordinality a(oid, o) join pg_type t on t.oid = a.oid order by a.o) as arg_types,
      format_type(p.prorettype, null) as return_type, rt.typrelid::int as return_typrelid,
      rt.typtype::text as return_typtype, p.proretset as returns_set, p.provolatile::text as volatility,
      obj_description(p.oid, 'pg_proc') as description,
      (select array_agg(a.attname::text order by a.attnum) from pg_attribute a
        where a.attrelid = rt.typrelid and a.attnum > 0 and not a.attisdropped) as return_composite_columns,
      coalesce((select t.typrelid::int from pg_type t where p.pronargs = 1 and t.oid = p.proargtypes[0]), 0)
        as first_arg_relid
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type rt on rt.oid = p.prorettype
    where n.nspname = any(${schemas}) and p.prokind = 'f'`;
  const functions = new Map<string, DbFunction[]>();
  const computed = new Map<string, Map<string, DbFunction>>();
  for (const row of rows) {
    const modes = (row.arg_modes ?? row.arg_types.map(() => 'i')) as FunctionArg['mode'][];
    const names = row.arg_names ?? [];
    const inputCount = modes.filter((mode) => mode === 'i' || mode === 'b' || mode === 'v').length;
    let inputIndex = 0;
    const args = row.arg_types.map((type, index): FunctionArg => {
      const mode = modes[index] ?? 'i';
      const isInput = mode === 'i' || mode === 'b' || mode === 'v';
      const position = isInput ? inputIndex++ : -1;
      return { name: names[index] ?? '', type, mode, hasDefault: isInput && position >= inputCount - row.defaults };
    });
    const outputs = args.filter((arg) => arg.mode === 'o' || arg.mode === 'b' || arg.mode === 't');
    const returnTable = row.return_typrelid ? (tables.get(row.return_typrelid) ?? null) : null;
    const fn: DbFunction = {
      oid: row.oid,
      schema: row.schema,
      name: row.name,
      args,
      inputs: args.filter((arg) => arg.mode === 'i' || arg.mode === 'b' || arg.mode === 'v'),
      returnType: row.return_type,
      returnsSet: row.returns_set,
      returnTable,
      returnColumns:
        outputs.length > 0 && row.return_type === 'record'
          ? outputs.map((arg) => arg.name)
          : row.return_typtype === 'c'
            ? row.return_composite_columns
            : null,
      returnsVoid: row.return_type === 'void',
      volatility: row.volatility,
      description: row.description,
    };
    const key = tableKey(row.schema, row.name);
    functions.set(key, [...(functions.get(key) ?? []), fn]);
    const rowOf = tables.get(row.first_arg_relid);
    if (rowOf && !fn.returnsSet && fn.returnColumns === null && !fn.returnsVoid) {
      const forTable = tableKey(rowOf.schema, rowOf.name);
      const byName = computed.get(forTable) ?? new Map<string, DbFunction>();
      byName.set(fn.name, fn);
      computed.set(forTable, byName);
    }
  }
  return { functions, computed };
}

async function loadRoleSettings(sql: Sql): Promise<Map<string, [string, string][]>> {
  const rows = await sql<{ role: string; setting: string }[]>`
    select r.rolname as role, unnest(s.setconfig) as setting
    from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
    where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
      and r.rolname in ('anon', 'authenticated', 'service_role')
    order by s.setdatabase`;
  const settings = new Map<string, [string, string][]>();
  for (const { role, setting } of rows) {
    const at = setting.indexOf('=');
    if (at <= 0) continue;
    const pair: [string, string] = [setting.slice(0, at), setting.slice(at + 1)];
    settings.set(role, [...(settings.get(role) ?? []).filter(([name]) => name !== pair[0]), pair]);
  }
  return settings;
}

/** Reads the schema cache of `schemas` (in one repeatable-read snapshot). */
export async function loadSchemaCache(sql: Sql, schemas: string[]): Promise<SchemaCache> {
  return (await sql.begin('isolation level repeatable read read only', async (tx) => {
    const byOid = await loadTables(tx as unknown as Sql, schemas);
    const foreignKeys = await loadForeignKeys(tx as unknown as Sql, byOid);
    const { functions, computed } = await loadFunctions(tx as unknown as Sql, schemas, byOid);
    const roleSettings = await loadRoleSettings(tx as unknown as Sql);
    const tables = new Map([...byOid.values()].map((table) => [tableKey(table.schema, table.name), table]));
    return { schemas, tables, foreignKeys, functions, computed, roleSettings, loadedAt: new Date() };
  })) as SchemaCache;
}
