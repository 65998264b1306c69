// One schema of the `Database` type, in the shape `supabase gen types typescript` writes:
// Tables (Row/Insert/Update/Relationships), Views, Functions (Args/Returns), Enums, CompositeTypes.
// Everything is sorted by name so the output only changes when the schema does.
import { type Catalog, type Column, isInput, type PgFunction, type Relation } from './catalog.ts';
import { quote, tsType } from './ts-type.ts';

const EMPTY = '[_ in never]: never';
const collator = new Intl.Collator('en');
export const byName = (a: { name: string }, b: { name: string }): number => collator.compare(a.name, b.name);

function block(entries: string[]): string {
  return entries.length === 0 ? `{\n${EMPTY}\n}` : `{\n${entries.join('\n')}\n}`;
}

function nullable(type: string, isNullable: boolean): string {
  return isNullable ? `${type} | null` : type;
}

function columnsOf(catalog: Catalog, relation: Relation): Column[] {
  return catalog.columns.filter((column) => column.relationOid === relation.oid).sort(byName);
}

/** Functions PostgREST can call with named arguments, or with one unnamed argument (a JSON body). */
function callable(fn: PgFunction): boolean {
  const inputs = fn.args.filter((arg) => isInput(arg.mode));
  return inputs.length === 1 || inputs.every((arg) => arg.name !== '');
}

/** Row columns plus computed fields: functions whose only argument is this table's row type. */
function rowMembers(catalog: Catalog, relation: Relation, functions: PgFunction[]): string[] {
  const members = columnsOf(catalog, relation).map(
    (column) => `${quote(column.name)}: ${nullable(tsType(catalog, column.typeOid), column.nullable)}`,
  );
  for (const fn of functions) {
    const inputs = fn.args.filter((arg) => isInput(arg.mode));
    const argType = inputs.length === 1 && inputs[0] ? catalog.types.get(inputs[0].typeOid) : undefined;
    if (argType?.relationOid === relation.oid) {
      members.push(`${quote(fn.name)}: ${tsType(catalog, fn.returnTypeOid)} | null`);
    }
  }
  return members;
}

function insertMember(catalog: Catalog, column: Column): string {
  if (column.identity === 'always') return `${quote(column.name)}?: never`;
  const optional = column.nullable || column.hasDefault ? '?' : '';
  return `${quote(column.name)}${optional}: ${nullable(tsType(catalog, column.typeOid), column.nullable)}`;
}

function updateMember(catalog: Catalog, column: Column): string {
  if (column.identity === 'always') return `${quote(column.name)}?: never`;
  return `${quote(column.name)}?: ${nullable(tsType(catalog, column.typeOid), column.nullable)}`;
}

/** Views are written through with every column optional and nullable; computed ones never. */
function viewWriteMember(catalog: Catalog, column: Column): string {
  if (!column.updatable) return `${quote(column.name)}?: never`;
  return `${quote(column.name)}?: ${tsType(catalog, column.typeOid)} | null`;
}

function relationships(catalog: Catalog, relation: Relation): string {
  const entries = catalog.relationships
    .filter(
      (rel) =>
        rel.schema === relation.schema && rel.referencedSchema === relation.schema && rel.relation === relation.name,
    )
    .sort(
      (a, b) =>
        collator.compare(a.name, b.name) ||
        collator.compare(a.referencedRelation, b.referencedRelation) ||
        collator.compare(JSON.stringify(a.referencedColumns), JSON.stringify(b.referencedColumns)),
    )
    .map(
      (rel) =>
        `{\nforeignKeyName: ${quote(rel.name)}\ncolumns: ${JSON.stringify(rel.columns)}\nisOneToOne: ${rel.oneToOne}\n` +
        `referencedRelation: ${quote(rel.referencedRelation)}\nreferencedColumns: ${JSON.stringify(rel.referencedColumns)}\n},`,
    );
  return `Relationships: [\n${entries.join('\n')}\n]`;
}

function renderTable(catalog: Catalog, table: Relation, functions: PgFunction[]): string {
  const columns = columnsOf(catalog, table);
  return `${quote(table.name)}: {
Row: ${block(rowMembers(catalog, table, functions))}
Insert: ${block(columns.map((column) => insertMember(catalog, column)))}
Update: ${block(columns.map((column) => updateMember(catalog, column)))}
${relationships(catalog, table)}
}`;
}

function renderView(catalog: Catalog, view: Relation, functions: PgFunction[]): string {
  const columns = columnsOf(catalog, view);
  const writes = view.updatable
    ? `Insert: ${block(columns.map((column) => viewWriteMember(catalog, column)))}
Update: ${block(columns.map((column) => viewWriteMember(catalog, column)))}\n`
    : '';
  return `${quote(view.name)}: {
Row: ${block(rowMembers(catalog, view, functions))}
${writes}${relationships(catalog, view)}
}`;
}

function renderArgs(catalog: Catalog, fn: PgFunction): string {
  const inputs = fn.args.filter((arg) => isInput(arg.mode));
  if (inputs.length === 0) return 'never';
  const members = inputs.map(
    (arg) => `${quote(arg.name)}${arg.hasDefault ? '?' : ''}: ${tsType(catalog, arg.typeOid)}`,
  );
  return `{ ${members.join('; ')} }`;
}

function renderReturns(catalog: Catalog, fn: PgFunction): string {
  const suffix = fn.returnsSet ? '[]' : '';
  // `returns table (…)` or several OUT parameters: an object of those columns.
  const outputs = fn.args.filter((arg) => arg.mode === 'table' || arg.mode === 'out');
  if (outputs.length > 1 || fn.args.some((arg) => arg.mode === 'table')) {
    const members = outputs.map((arg) => `${quote(arg.name)}: ${tsType(catalog, arg.typeOid)}`);
    return `{\n${members.join('\n')}\n}${suffix}`;
  }
  // A table's or view's row type: its columns, with their nullability.
  const type = catalog.types.get(fn.returnTypeOid);
  const relation = catalog.relations.find((candidate) => candidate.oid === type?.relationOid);
  if (relation) {
    const members = columnsOf(catalog, relation).map(
      (column) => `${quote(column.name)}: ${nullable(tsType(catalog, column.typeOid), column.nullable)}`,
    );
    return `{\n${members.join('\n')}\n}${suffix}`;
  }
  const scalar = tsType(catalog, fn.returnTypeOid);
  return fn.returnsSet && scalar.includes('|') ? `(${scalar})[]` : `${scalar}${suffix}`;
}

/**
 * Overloads: one entry per name; arguments as a union when they share a return type. Written on
 * one line, as the CLI prints short entries; the formatter breaks the long ones.
 */
function renderFunction(catalog: Catalog, name: string, overloads: PgFunction[]): string {
  const variants = overloads.map((fn) => ({ args: renderArgs(catalog, fn), returns: renderReturns(catalog, fn) }));
  const returns = new Set(variants.map((variant) => variant.returns));
  if (returns.size === 1) {
    const args = [...new Set(variants.map((variant) => variant.args))].sort();
    return `${quote(name)}: { Args: ${args.join(' | ')}; Returns: ${[...returns][0]} }`;
  }
  const shapes = variants.map((variant) => `{ Args: ${variant.args}; Returns: ${variant.returns} }`).sort();
  return `${quote(name)}: ${shapes.join(' | ')}`;
}

function renderFunctions(catalog: Catalog, functions: PgFunction[]): string[] {
  const byFunctionName = new Map<string, PgFunction[]>();
  for (const fn of functions) byFunctionName.set(fn.name, [...(byFunctionName.get(fn.name) ?? []), fn]);
  return [...byFunctionName.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([name, overloads]) => renderFunction(catalog, name, overloads));
}

export function renderSchema(catalog: Catalog, schema: string): string {
  const relations = catalog.relations.filter((relation) => relation.schema === schema).sort(byName);
  const functions = catalog.functions.filter((fn) => fn.schema === schema && callable(fn));
  const types = [...catalog.types.values()].filter((type) => type.schema === schema).sort(byName);
  const enums = types
    .filter((type) => type.kind === 'e')
    .map((type) => `${quote(type.name)}: ${type.enumValues.map((value) => quote(value)).join(' | ')}`);
  const composites = types
    .filter((type) => type.kind === 'c' && type.relationKind === 'c')
    .map(
      (type) =>
        `${quote(type.name)}: ${block(
          type.attributes.map((attribute) => `${quote(attribute.name)}: ${tsType(catalog, attribute.typeOid)} | null`),
        )}`,
    );
  return `${quote(schema)}: {
Tables: ${block(relations.filter((r) => r.kind === 'table').map((table) => renderTable(catalog, table, functions)))}
Views: ${block(relations.filter((r) => r.kind === 'view').map((view) => renderView(catalog, view, functions)))}
Functions: ${block(renderFunctions(catalog, functions))}
Enums: ${block(enums)}
CompositeTypes: ${block(composites)}
}`;
}

/** `Constants`: each schema's enum values as arrays, for runtime use (select options, zod enums). */
export function renderConstants(catalog: Catalog, schema: string): string {
  const enums = [...catalog.types.values()]
    .filter((type) => type.schema === schema && type.kind === 'e')
    .sort(byName)
    .map((type) => `${quote(type.name)}: [${type.enumValues.map((value) => quote(value)).join(', ')}],`);
  return `${quote(schema)}: {\nEnums: {\n${enums.join('\n')}\n},\n},`;
}
