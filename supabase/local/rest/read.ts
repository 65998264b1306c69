// Reads as SQL: a select tree (with embedded resources as lateral subqueries that aggregate to
// JSON), filters, logic trees and ordering, per node of the tree. What PostgREST's query builder
// does, on the resolved schema cache.
import { parseError, RestError } from './errors.ts';
import type { Field, Filter, Logic, OrderTerm, SelectItem } from './parse.ts';
import { isToOne, type Relationship, resolveRelationship } from './relationships.ts';
import { type SchemaCache, type Table, tableKey } from './schema-cache.ts';
import { arrayLiteral, ident, type Params, qualified } from './sql-text.ts';

/** Filters, logic trees and modifiers of one node, keyed by its embed path (`''`, `rooms`, `rooms.type`). */
export interface NodeModifiers {
  filters: Filter[];
  logic: Logic[];
  order: OrderTerm[] | null;
  limit: number | null;
  offset: number | null;
}

export function emptyModifiers(): NodeModifiers {
  return { filters: [], logic: [], order: null, limit: null, offset: null };
}

export interface ReadContext {
  cache: SchemaCache;
  params: Params;
  modifiers: Map<string, NodeModifiers>;
  /** Paths of `modifiers` that a node consumed (the rest name no embedded resource: PGRST108). */
  used: Set<string>;
  aliases: number;
  embeds: number;
}

export const MAX_EMBEDS = 64;
/** PostgreSQL's MaxTupleAttributeNumber: the most entries a select list can have. */
const MAX_COLUMNS = 1664;

/** Where a node's rows come from: a table or view, a CTE of mutated rows, a function call. */
export interface Source {
  from: string;
  table: Table | null;
  /** Output column names when known without a table (a function's composite result). */
  columns: string[] | null;
}

export interface NodeOptions {
  /** The node's row alias (allocated by the caller when join conditions name it). */
  alias?: string;
  /** Conditions joining this node to its parent. */
  join: string[];
  /** Count mode: no output columns, only what filters rows (inner embeds), no order or paging. */
  countOnly?: boolean;
  /** Paging of the root (limit/offset from the URL or the Range header). */
  paging?: { limit: number | null; offset: number };
}

export interface RenderedNode {
  sql: string;
  /** The output column names (for spreads). */
  outputs: string[];
}

const COMPARISONS: Partial<Record<Filter['op'], string>> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
  isdistinct: 'is distinct from',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  // PostgREST: nxr "does not extend to the right of" (&<), nxl "… to the left of" (&>).
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
};

const TEXT_SEARCH: Partial<Record<Filter['op'], string>> = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
};

function nextAlias(context: ReadContext): string {
  context.aliases += 1;
  return `pgrst_${context.aliases}`;
}

/** The SQL of a column (or a computed column) with its JSON path, on the row `alias`. */
export function fieldSql(context: ReadContext, source: Source, alias: string, field: Field): string {
  const table = source.table;
  let base: string;
  const computed = table ? context.cache.computed.get(tableKey(table.schema, table.name))?.get(field.name) : undefined;
  if (table && !table.columns.has(field.name) && computed) {
    base = `${qualified(computed.schema, computed.name)}(${ident(alias)})`;
  } else {
    if (table && !table.columns.has(field.name)) {
      throw new RestError(400, {
        code: '42703',
        message: `column ${table.name}.${field.name} does not exist`,
      });
    }
    base = `${ident(alias)}.${ident(field.name)}`;
  }
  for (const step of field.json) {
    const key = /^-?\d{1,9}$/.test(step.key) ? step.key : `${context.params.add(step.key)}::text`;
    base = `${base}${step.op}${key}`;
  }
  return base;
}

/** The output name of a field: its alias, else the last JSON key, else the column. */
function outputName(field: Field, alias: string | null): string {
  if (alias) return alias;
  const last = field.json.at(-1);
  return last ? last.key : field.name;
}

function filterSql(context: ReadContext, source: Source, alias: string, filter: Filter): string {
  const column = fieldSql(context, source, alias, filter.field);
  const { params } = context;
  let condition: string;
  if (filter.op === 'in') {
    condition = `${column} = any(${params.add(arrayLiteral(filter.value as string[]))})`;
  } else if (filter.op === 'is') {
    const value = filter.value as string;
    condition = `${column} is ${value === 'not_null' ? 'not null' : value}`;
  } else if (TEXT_SEARCH[filter.op]) {
    const fn = TEXT_SEARCH[filter.op] as string;
    const language = filter.language === null ? '' : `${params.add(filter.language)}::regconfig, `;
    condition = `${column} @@ ${fn}(${language}${params.add(filter.value as string)})`;
  } else {
    const operator = COMPARISONS[filter.op] as string;
    const isPattern = filter.op === 'like' || filter.op === 'ilike';
    const value = isPattern ? (filter.value as string).replaceAll('*', '%') : (filter.value as string);
    if (filter.quantifier) {
      condition = `${column} ${operator} ${filter.quantifier}(${params.add(value)})`;
    } else {
      condition = `${column} ${operator} ${params.add(value)}`;
    }
  }
  return filter.negate ? `not (${condition})` : condition;
}

function logicSql(context: ReadContext, source: Source, alias: string, logic: Logic): string {
  const parts = logic.children.map((child) =>
    child.kind === 'logic' ? logicSql(context, source, alias, child) : filterSql(context, source, alias, child),
  );
  const joined = parts.length === 0 ? 'true' : `(${parts.join(` ${logic.op} `)})`;
  return logic.negate ? `not ${joined}` : joined;
}

/** The WHERE conditions of a node's filters and logic trees, on the row `alias`. */
export function conditionsSql(context: ReadContext, source: Source, alias: string, modifiers: NodeModifiers): string[] {
  return [
    ...modifiers.filters.map((filter) => filterSql(context, source, alias, filter)),
    ...modifiers.logic.map((logic) => logicSql(context, source, alias, logic)),
  ];
}

/** Conditions that join the target rows (`alias`) of a relationship to the parent row. */
function joinConditions(relationship: Relationship, alias: string, parent: string, context: ReadContext): string[] {
  const { key, junction, cardinality } = relationship;
  const pairs = (left: string, leftColumns: string[], right: string, rightColumns: string[]) =>
    leftColumns.map(
      (column, i) => `${ident(left)}.${ident(column)} = ${ident(right)}.${ident(rightColumns[i] as string)}`,
    );
  if (junction) {
    const j = nextAlias(context);
    const conditions = [
      ...pairs(j, junction.toSource.columns, parent, junction.toSource.foreignColumns),
      ...pairs(j, junction.toTarget.columns, alias, junction.toTarget.foreignColumns),
    ];
    return [
      `exists (select 1 from ${qualified(junction.table.schema, junction.table.name)} as ${ident(j)} where ${conditions.join(' and ')})`,
    ];
  }
  if (cardinality === 'many-to-one') return pairs(alias, key.foreignColumns, parent, key.columns);
  return pairs(alias, key.columns, parent, key.foreignColumns);
}

function orderSql(
  context: ReadContext,
  source: Source,
  alias: string,
  terms: OrderTerm[],
  embedded: Map<string, Relationship>,
): string {
  return terms
    .map((term) => {
      let expression: string;
      if (term.relation !== null) {
        if (!source.table) throw parseError(`A related order on '${term.relation}' is not possible`);
        const relationship =
          embedded.get(term.relation) ?? resolveRelationship(context.cache, source.table, term.relation, null);
        if (!isToOne(relationship)) {
          throw new RestError(400, {
            code: 'PGRST118',
            message: `A related order on '${relationship.target.name}' is not possible`,
            details: `'${source.table.name}' and '${relationship.target.name}' do not form a many-to-one or one-to-one relationship`,
          });
        }
        const target = nextAlias(context);
        const targetSource: Source = {
          from: qualified(relationship.target.schema, relationship.target.name),
          table: relationship.target,
          columns: null,
        };
        const value = fieldSql(context, targetSource, target, term.field);
        const where = joinConditions(relationship, target, alias, context).join(' and ');
        expression = `(select ${value} from ${targetSource.from} as ${ident(target)} where ${where})`;
      } else {
        expression = fieldSql(context, source, alias, term.field);
      }
      const direction = term.direction ? ` ${term.direction}` : '';
      const nulls = term.nulls ? ` nulls ${term.nulls}` : '';
      return `${expression}${direction}${nulls}`;
    })
    .join(', ');
}

/** All columns of the source, for `*` inside spreads (their names must be known). */
function starColumns(source: Source): string[] | null {
  if (source.table) return [...source.table.columns.keys()];
  return source.columns;
}

/** Renders one node of the select tree: `select … from source as alias [laterals] where … order … limit …`. */
export function renderNode(
  context: ReadContext,
  source: Source,
  select: SelectItem[],
  path: string,
  options: NodeOptions,
): RenderedNode {
  const alias = options.alias ?? nextAlias(context);
  const modifiers = context.modifiers.get(path) ?? emptyModifiers();
  context.used.add(path);
  const columns: string[] = [];
  const outputs: string[] = [];
  const laterals: string[] = [];
  const where: string[] = [...options.join];
  const embedded = new Map<string, Relationship>();
  // `rel=is.null` / `rel=not.is.null` name an embedded resource, not a column: they keep or drop
  // parents by whether it is there (true: it must be missing).
  const embedNames = new Set(select.flatMap((item) => (item.kind === 'embed' ? [item.alias ?? item.name] : [])));
  const embedNull = new Map<string, boolean>();
  const filters = modifiers.filters.filter((filter) => {
    const onEmbed =
      embedNames.has(filter.field.name) &&
      filter.field.json.length === 0 &&
      filter.op === 'is' &&
      (filter.value === 'null' || filter.value === 'not_null');
    if (onEmbed) embedNull.set(filter.field.name, (filter.value === 'null') !== filter.negate);
    return !onEmbed;
  });

  for (const item of select) {
    if (item.kind === 'star') {
      if (!options.countOnly) columns.push(`${ident(alias)}.*`);
      outputs.push(...(starColumns(source) ?? []));
      continue;
    }
    if (item.kind === 'field') {
      if (options.countOnly) continue;
      let expression = fieldSql(context, source, alias, item.field);
      if (item.cast) expression = `(${expression})::${item.cast}`;
      const name = outputName(item.field, item.alias);
      columns.push(`${expression} as ${ident(name)}`);
      outputs.push(name);
      continue;
    }
    context.embeds += 1;
    if (context.embeds > MAX_EMBEDS) throw parseError(`too many embedded resources (at most ${MAX_EMBEDS})`);
    if (!source.table) {
      throw new RestError(400, {
        code: 'PGRST200',
        message: `Could not find a relationship for '${item.name}': the result has no table to embed from`,
      });
    }
    const relationship = resolveRelationship(context.cache, source.table, item.name, item.hint);
    const name = item.alias ?? item.name;
    embedded.set(name, relationship);
    const childPath = path === '' ? name : `${path}.${name}`;
    const nullFilter = embedNull.get(name);
    const filtersRows = item.join === 'inner' || nullFilter !== undefined;
    if (options.countOnly && !filtersRows) {
      // Embeds that cannot drop parent rows do not change the count (their modifiers still name them).
      for (const key of context.modifiers.keys()) {
        if (key === childPath || key.startsWith(`${childPath}.`)) context.used.add(key);
      }
      continue;
    }
    const lateral = nextAlias(context);
    const target: Source = {
      from: qualified(relationship.target.schema, relationship.target.name),
      table: relationship.target,
      columns: null,
    };
    const childAlias = nextAlias(context);
    const child = renderNode(context, target, item.select.length ? item.select : [{ kind: 'star' }], childPath, {
      alias: childAlias,
      join: joinConditions(relationship, childAlias, alias, context),
    });
    const toOne = isToOne(relationship);
    const row = ident(`${lateral}_row`);
    if (item.spread) {
      if (toOne) {
        laterals.push(
          `left join lateral (select ${row}.*, true as "pgrst_present" from (${child.sql}) as ${row}) as ${ident(lateral)} on true`,
        );
      } else {
        const arrays = child.outputs.map((output) => `json_agg(${row}.${ident(output)}) as ${ident(output)}`);
        laterals.push(
          `left join lateral (select ${[...arrays, 'count(*) > 0 as "pgrst_present"'].join(', ')} from (${child.sql}) as ${row}) as ${ident(lateral)} on true`,
        );
      }
      for (const output of child.outputs) {
        if (!options.countOnly) columns.push(`${ident(lateral)}.${ident(output)} as ${ident(output)}`);
        outputs.push(output);
      }
      const present = `${ident(lateral)}."pgrst_present"`;
      if (item.join === 'inner' || nullFilter === false) where.push(`${present} is true`);
      if (nullFilter === true) where.push(`${present} is not true`);
      continue;
    }
    const body = toOne
      ? `select to_json(${row}) as "body" from (${child.sql}) as ${row}`
      : `select coalesce(json_agg(${row}), '[]') as "body" from (${child.sql}) as ${row}`;
    laterals.push(`left join lateral (${body}) as ${ident(lateral)} on true`);
    if (!options.countOnly) columns.push(`${ident(lateral)}."body" as ${ident(name)}`);
    outputs.push(name);
    const present = toOne ? `${ident(lateral)}."body" is not null` : `json_array_length(${ident(lateral)}."body") > 0`;
    if (item.join === 'inner' || nullFilter === false) where.push(present);
    if (nullFilter === true) where.push(`not (${present})`);
  }

  // PostgreSQL's limit on a select list (54011, a 500): a select that wide is the request's fault.
  if (!options.countOnly && outputs.length > MAX_COLUMNS) {
    throw parseError(`too many columns selected (at most ${MAX_COLUMNS} per resource)`);
  }
  where.push(...conditionsSql(context, source, alias, { ...modifiers, filters }));

  const parts = [
    `select ${options.countOnly ? '1' : columns.length ? columns.join(', ') : 'null as "pgrst_empty"'}`,
    `from ${source.from} as ${ident(alias)}`,
    ...laterals,
  ];
  if (where.length) parts.push(`where ${where.join(' and ')}`);
  if (!options.countOnly && modifiers.order?.length) {
    parts.push(`order by ${orderSql(context, source, alias, modifiers.order, embedded)}`);
  }
  // A counted page (HEAD) keeps its paging: the order does not change how many rows it holds.
  if (!options.countOnly || options.paging) {
    const limit = options.paging ? options.paging.limit : modifiers.limit;
    const offset = options.paging ? options.paging.offset : (modifiers.offset ?? 0);
    if (limit !== null) parts.push(`limit ${limit}`);
    if (offset > 0) parts.push(`offset ${offset}`);
  }
  return { sql: parts.join(' '), outputs };
}

/** The modifiers named for embeds that do not exist in the select tree. */
export function checkModifierPaths(context: ReadContext): void {
  for (const path of context.modifiers.keys()) {
    if (!context.used.has(path)) {
      throw new RestError(400, {
        code: 'PGRST108',
        message: `'${path}' is not an embedded resource in this request`,
        hint: `Verify that '${path}' is included in the 'select' query parameter.`,
      });
    }
  }
}
