// GET /rest/v1/: the OpenAPI 2.0 document PostgREST serves, from the schema cache, listing what
// the caller's role may use (openapi-mode "follow-privileges").
import { contentType } from './media.ts';
import type { DbFunction, SchemaCache, Table } from './schema-cache.ts';
import { type RequestScope, transactionOf } from './scope.ts';
import { inRequestTransaction, type RestResponse } from './transaction.ts';

type JsonType = { type: string; format: string; items?: { type: string } };

function jsonType(pgType: string): JsonType {
  const format = pgType;
  if (pgType.endsWith('[]')) return { type: 'array', format, items: { type: jsonType(pgType.slice(0, -2)).type } };
  if (/^(smallint|integer|bigint)$/.test(pgType)) return { type: 'integer', format };
  if (/^(numeric|real|double precision)/.test(pgType)) return { type: 'number', format };
  if (pgType === 'boolean') return { type: 'boolean', format };
  if (pgType === 'json' || pgType === 'jsonb') return { type: 'object', format } as JsonType;
  return { type: 'string', format };
}

function definition(table: Table) {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const column of table.columns.values()) {
    const notes = [
      column.description,
      table.primaryKey.includes(column.name) ? 'Note:\nThis is a Primary Key.<pk/>' : null,
    ].filter(Boolean);
    properties[column.name] = {
      ...jsonType(column.type),
      ...(column.default !== null ? { default: column.default } : {}),
      ...(column.enumValues ? { enum: column.enumValues } : {}),
      ...(notes.length ? { description: notes.join('\n\n') } : {}),
    };
    if (!column.nullable && column.default === null && !column.generated) required.push(column.name);
  }
  return {
    type: 'object',
    ...(required.length ? { required } : {}),
    properties,
    ...(table.description ? { description: table.description } : {}),
  };
}

function tablePaths(table: Table) {
  const ref = { $ref: `#/definitions/${table.name}` };
  const ok = { description: 'OK', schema: { type: 'array', items: ref } };
  const operations: Record<string, unknown> = {
    get: {
      tags: [table.name],
      summary: table.description ?? undefined,
      responses: { 200: ok, 206: { description: 'Partial Content' } },
    },
  };
  if (table.insertable) operations.post = { tags: [table.name], responses: { 201: { description: 'Created' } } };
  if (table.updatable) operations.patch = { tags: [table.name], responses: { 204: { description: 'No Content' } } };
  if (table.deletable) operations.delete = { tags: [table.name], responses: { 204: { description: 'No Content' } } };
  return operations;
}

function functionPath(fn: DbFunction) {
  const properties = Object.fromEntries(fn.inputs.map((arg) => [arg.name, jsonType(arg.type)]));
  const required = fn.inputs.filter((arg) => !arg.hasDefault).map((arg) => arg.name);
  const body = { in: 'body', name: 'args', required: true, schema: { type: 'object', properties, required } };
  const operations: Record<string, unknown> = {
    post: {
      tags: [`(rpc) ${fn.name}`],
      summary: fn.description ?? undefined,
      parameters: [body],
      responses: { 200: { description: 'OK' } },
    },
  };
  if (fn.volatility !== 'v') operations.get = { tags: [`(rpc) ${fn.name}`], responses: { 200: { description: 'OK' } } };
  return operations;
}

/** The document for `schema`, limited to tables (by oid) and functions (by oid) the role may use. */
export function openApiDocument(
  cache: SchemaCache,
  schema: string,
  visible: { tables: Set<number>; functions: Set<number> },
  apiUrl: string,
) {
  const tables = [...cache.tables.values()]
    .filter((table) => table.schema === schema && visible.tables.has(table.oid))
    .sort((a, b) => a.name.localeCompare(b.name));
  const functions = [...cache.functions.values()]
    .flat()
    .filter((fn) => fn.schema === schema && visible.functions.has(fn.oid))
    .sort((a, b) => a.name.localeCompare(b.name));
  const paths: Record<string, unknown> = {
    '/': {
      get: {
        tags: ['Introspection'],
        summary: 'OpenAPI description (this document)',
        responses: { 200: { description: 'OK' } },
      },
    },
  };
  for (const table of tables) paths[`/${table.name}`] = tablePaths(table);
  for (const fn of functions) paths[`/rpc/${fn.name}`] = functionPath(fn);
  const url = new URL(apiUrl);
  return {
    swagger: '2.0',
    info: {
      title: 'Roost local Data API',
      description: 'PostgREST-compatible API served by the Roost local stack',
      version: '12.2.0',
    },
    host: url.host,
    basePath: '/rest/v1',
    schemes: [url.protocol.replace(':', '')],
    consumes: ['application/json', 'application/vnd.pgrst.object+json', 'text/csv'],
    produces: ['application/json', 'application/vnd.pgrst.object+json', 'text/csv'],
    paths,
    definitions: Object.fromEntries(tables.map((table) => [table.name, definition(table)])),
  };
}

/** GET /rest/v1/: the document for the request's schema, as the caller's privileges show it. */
export async function openApiResponse(scope: RequestScope): Promise<RestResponse> {
  const visible = await inRequestTransaction(transactionOf(scope, true), async (tx) => {
    const tables = await tx.unsafe<{ oid: number }[]>(
      `select c.oid::int as oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and has_table_privilege(c.oid, 'select, insert, update, delete')`,
      [scope.schema],
    );
    const functions = await tx.unsafe<{ oid: number }[]>(
      `select p.oid::int as oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = $1 and has_function_privilege(p.oid, 'execute')`,
      [scope.schema],
    );
    return { tables: new Set(tables.map((row) => row.oid)), functions: new Set(functions.map((row) => row.oid)) };
  });
  const document = openApiDocument(scope.cache, scope.schema, visible, scope.apiUrl);
  return {
    status: 200,
    headers: { 'Content-Type': contentType('openapi') },
    body: scope.method === 'HEAD' ? null : JSON.stringify(document),
  };
}
