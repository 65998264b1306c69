// POST (insert, upsert), PUT (single-row upsert), PATCH and DELETE on a table or view, as PostgREST
// runs them: payload columns resolved through the schema cache, values bound as one JSON document,
// the mutated rows shaped by `select` when a representation is asked for.
import { bodyError, columnNotFound, RestError } from './errors.ts';
import type { Filter } from './parse.ts';
import type { Preferences } from './prefer.ts';
import {
  conditionsSql,
  emptyModifiers,
  type NodeModifiers,
  type ReadContext,
  renderNode,
  type Source,
} from './read.ts';
import type { RequestQuery } from './request-query.ts';
import type { Table } from './schema-cache.ts';
import { ident, qualified } from './sql-text.ts';

export type Payload = Record<string, unknown>[];

export interface WriteStatement {
  text: string;
  values: (string | null)[];
  /** Whether the statement answers `page`/`body`/`location` rows (else only its row count). */
  returnsRows: boolean;
}

function checkColumns(table: Table, columns: string[]): void {
  for (const column of columns) {
    if (!table.columns.has(column)) throw columnNotFound(table.name, column);
  }
}

/** The payload as rows of objects: one object or an array of objects. */
export function payloadRows(body: unknown): Payload {
  const rows = Array.isArray(body) ? body : [body];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw bodyError('Expected a JSON object or an array of objects', null);
    }
  }
  return rows as Payload;
}

/** The columns a payload writes: `columns=` when given, else the keys (which must match across rows). */
export function payloadColumns(table: Table, rows: Payload, columns: string[] | null): string[] {
  if (columns) {
    checkColumns(table, columns);
    return columns;
  }
  const first = Object.keys(rows[0] ?? {});
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== first.length || !keys.every((key) => first.includes(key))) {
      throw bodyError('All object keys must match');
    }
  }
  checkColumns(table, first);
  return first;
}

const target = (table: Table) => qualified(table.schema, table.name);

/** Root modifiers do not apply again to mutated rows; embed paths keep theirs. */
function outputModifiers(query: RequestQuery): Map<string, NodeModifiers> {
  const modifiers = new Map(query.modifiers);
  modifiers.set('', emptyModifiers());
  return modifiers;
}

/** Wraps a data-modifying statement: `page`, the body (representation) and `location` keys. */
function wrapMutation(
  context: ReadContext,
  table: Table,
  mutation: string,
  query: RequestQuery,
  preferences: Preferences,
  stripNulls: boolean,
  returning = target(table),
): string {
  const source: Source = { from: '"pgrst_source"', table, columns: null };
  const representation = preferences.return === 'representation';
  const select = representation ? query.select : [{ kind: 'star' as const }];
  const rows = renderNode({ ...context, modifiers: outputModifiers(query) }, source, select, '', { join: [] });
  const aggregate = `coalesce(json_agg("pgrst_r"), '[]')`;
  const body = representation ? (stripNulls ? `json_strip_nulls(${aggregate})::text` : `${aggregate}::text`) : 'null';
  const keys = table.primaryKey.length ? table.primaryKey : [];
  const location =
    preferences.return === 'headers-only' && keys.length
      ? `(select json_agg(json_build_object(${keys.map((key) => `'${key.replaceAll("'", "''")}', "pgrst_source".${ident(key)}`).join(', ')})) from "pgrst_source")::text`
      : 'null';
  return `with "pgrst_source" as (${mutation} returning ${returning}.*) select count(*)::int as "page", ${body} as "body", ${location} as "location" from (${rows.sql}) as "pgrst_r"`;
}

function needsRows(preferences: Preferences): boolean {
  return preferences.return === 'representation' || preferences.return === 'headers-only';
}

/** INSERT (and upsert with `resolution`/`on_conflict`) of `rows`. */
export function insertStatement(
  context: ReadContext,
  table: Table,
  rows: Payload,
  query: RequestQuery,
  preferences: Preferences,
  stripNulls: boolean,
  forcedConflict: string[] | null = null,
): WriteStatement {
  if (!table.insertable) {
    throw new RestError(405, { code: '42501', message: `cannot insert into ${table.kind} "${table.name}"` });
  }
  const columns = payloadColumns(table, rows, query.columns);
  const { params } = context;
  const list = columns.map(ident).join(', ');
  const json = () => params.add(JSON.stringify(rows));
  let values: string;
  const missingKeys = rows.some((row) => columns.some((column) => !(column in row)));
  if (columns.length === 0) {
    values = rows.length === 1 ? 'default values' : `select from json_array_elements(${json()}::json)`;
  } else if (preferences.missing === 'default' && missingKeys) {
    // Missing keys take the column default: one VALUES row per object, DEFAULT where a key is absent.
    const document = json();
    const tuples = rows.map((row, i) => {
      const cells = columns.map((column) =>
        column in row
          ? `(json_populate_record(null::${target(table)}, ${document}::json->${i})).${ident(column)}`
          : 'default',
      );
      return `(${cells.join(', ')})`;
    });
    values = `values ${tuples.join(', ')}`;
  } else {
    values = `select ${list} from json_populate_recordset(null::${target(table)}, ${json()}::json)`;
  }
  let statement = `insert into ${target(table)} ${columns.length ? `(${list}) ` : ''}${values}`;
  const conflict = forcedConflict ?? (preferences.resolution ? (query.onConflict ?? table.primaryKey) : null);
  if (conflict) {
    checkColumns(table, conflict);
    if (conflict.length === 0) {
      throw new RestError(400, {
        code: 'PGRST102',
        message: 'An upsert needs on_conflict or a primary key',
      });
    }
    const updates = columns.map((column) => `${ident(column)} = excluded.${ident(column)}`);
    const ignore = preferences.resolution === 'ignore-duplicates' || updates.length === 0;
    statement += ` on conflict (${conflict.map(ident).join(', ')}) do ${ignore ? 'nothing' : `update set ${updates.join(', ')}`}`;
  }
  if (!needsRows(preferences)) return { text: statement, values: params.values, returnsRows: false };
  return {
    text: wrapMutation(context, table, statement, query, preferences, stripNulls),
    values: params.values,
    returnsRows: true,
  };
}

function whereOf(context: ReadContext, table: Table, alias: string, modifiers: NodeModifiers): string {
  return conditionsSql(context, { from: target(table), table, columns: null }, alias, modifiers).join(' and ');
}

function requireFilters(modifiers: NodeModifiers, verb: 'UPDATE' | 'DELETE'): void {
  // Hosted Supabase loads pg-safeupdate for the Data API: no unfiltered UPDATE or DELETE.
  if (modifiers.filters.length === 0 && modifiers.logic.length === 0) {
    throw new RestError(400, { code: '21000', message: `${verb} requires a WHERE clause` });
  }
}

export function updateStatement(
  context: ReadContext,
  table: Table,
  body: Record<string, unknown>,
  query: RequestQuery,
  preferences: Preferences,
  stripNulls: boolean,
): WriteStatement | null {
  if (!table.updatable)
    throw new RestError(405, { code: '42501', message: `cannot update ${table.kind} "${table.name}"` });
  const modifiers = query.modifiers.get('') ?? emptyModifiers();
  const columns = query.columns ?? Object.keys(body);
  checkColumns(table, columns);
  if (columns.length === 0) return null;
  requireFilters(modifiers, 'UPDATE');
  const json = context.params.add(JSON.stringify(body));
  const alias = 'pgrst_target';
  const where = whereOf(context, table, alias, modifiers);
  const sets = columns.map((column) => `${ident(column)} = "pgrst_body".${ident(column)}`).join(', ');
  const statement = `update ${target(table)} as ${ident(alias)} set ${sets} from json_populate_record(null::${target(table)}, ${json}::json) as "pgrst_body" where ${where}`;
  if (!needsRows(preferences)) return { text: statement, values: context.params.values, returnsRows: false };
  return {
    text: wrapMutation(context, table, statement, query, preferences, stripNulls, ident(alias)),
    values: context.params.values,
    returnsRows: true,
  };
}

export function deleteStatement(
  context: ReadContext,
  table: Table,
  query: RequestQuery,
  preferences: Preferences,
  stripNulls: boolean,
): WriteStatement {
  if (!table.deletable)
    throw new RestError(405, { code: '42501', message: `cannot delete from ${table.kind} "${table.name}"` });
  const modifiers = query.modifiers.get('') ?? emptyModifiers();
  requireFilters(modifiers, 'DELETE');
  const alias = 'pgrst_target';
  const where = whereOf(context, table, alias, modifiers);
  const statement = `delete from ${target(table)} as ${ident(alias)} where ${where}`;
  if (!needsRows(preferences)) return { text: statement, values: context.params.values, returnsRows: false };
  return {
    text: wrapMutation(context, table, statement, query, preferences, stripNulls, ident(alias)),
    values: context.params.values,
    returnsRows: true,
  };
}

/** PUT: the filters must be `eq` on exactly the primary key, and the payload must agree with them. */
export function putConflict(table: Table, query: RequestQuery, rows: Payload): string[] {
  const modifiers = query.modifiers.get('') ?? emptyModifiers();
  const keys = table.primaryKey;
  const filters = modifiers.filters;
  const onKey = (filter: Filter) => filter.op === 'eq' && !filter.negate && filter.field.json.length === 0;
  const valid =
    keys.length > 0 &&
    modifiers.logic.length === 0 &&
    modifiers.limit === null &&
    modifiers.offset === null &&
    filters.length === keys.length &&
    filters.every(onKey) &&
    keys.every((key) => filters.some((filter) => filter.field.name === key));
  if (!valid) {
    throw new RestError(405, {
      code: 'PGRST105',
      message: "Filters must include all and only primary key columns with 'eq' operators",
    });
  }
  const row = rows[0];
  const matches =
    rows.length === 1 &&
    row !== undefined &&
    filters.every((filter) => filter.field.name in row && String(row[filter.field.name]) === filter.value);
  if (!matches) {
    throw new RestError(400, { code: 'PGRST115', message: 'Payload values do not match URL in primary key column(s)' });
  }
  // The filters named the row; the upsert's own conflict target does the rest.
  modifiers.filters = [];
  return keys;
}
