// The local Data API (PostgREST 12 compatible) behind the gateway's /rest/v1: tables and views of
// the exposed schemas, /rpc/<function>, and the OpenAPI document, each request in one transaction
// as the caller so RLS and grants decide. `createRestService(deps)` → `{ service, cache, close() }`.
import type { ServerResponse } from 'node:http';
import type { Sql } from 'postgres';
import type { ProjectConfig } from '../config.ts';
import { decodePathSegment } from '../gateway/decode-path.ts';
import { BodyError, readBody } from '../gateway/read-body.ts';
import type { Service, ServiceContext } from '../gateway/services.ts';
import { bodyError, connectionError, fromDatabaseError, RestError } from './errors.ts';
import { type Media, negotiate, parseCsv } from './media.ts';
import { openApiDocument } from './openapi.ts';
import { createRestPool } from './pool.ts';
import { appliedPreferences, type Preferences, readPreferences } from './prefer.ts';
import { pagingOf, rangeAnswer } from './range.ts';
import { emptyModifiers } from './read.ts';
import { type RequestQuery, readRequestQuery } from './request-query.ts';
import { callSource, callSql, chooseFunction, returnsRows, scalarSql } from './rpc.ts';
import { loadSchemaCache, type SchemaCache, type Table, tableKey } from './schema-cache.ts';
import { newReadContext, readResponse, readStatement, runRead } from './table-read.ts';
import {
  deleteStatement,
  insertStatement,
  type Payload,
  payloadRows,
  putConflict,
  updateStatement,
  type WriteStatement,
} from './table-write.ts';
import { inRequestTransaction, PREPARED, type RequestInfo, type RestResponse, Rollback } from './transaction.ts';

export interface RestDependencies {
  /** Superuser pool: the schema cache and its reload notifications. */
  sql: Sql;
  /** URL of the database; requests get a pool of their own (see pool.ts). */
  dbUrl: string;
  config: ProjectConfig;
  apiUrl: string;
}

export interface RestService {
  service: Service;
  /** The current schema cache (reloaded on `NOTIFY pgrst, 'reload schema'`). */
  cache(): Promise<SchemaCache>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Bodies larger than this are refused with 413 (bulk inserts of a few thousand rows fit). */
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;
const URL_LIMIT = 16 * 1024;
/** Deeper JSON bodies are refused (400): serialising them again would overflow the stack (a 500). */
const MAX_JSON_DEPTH = 512;

const json = (value: unknown) => JSON.stringify(value);

function send(res: ServerResponse, response: RestResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body !== null) headers['Content-Length'] = String(Buffer.byteLength(response.body));
  else if (response.status !== 204 && response.status !== 304) headers['Content-Length'] = '0';
  res.writeHead(response.status, headers);
  res.end(response.body ?? undefined);
}

function errorResponse(error: RestError): RestResponse {
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...error.headers },
    body: json(error.body),
  };
}

function header(context: ServiceContext, name: string): string | undefined {
  const value = context.req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The schema a request is about: `Accept-Profile` (reads) or `Content-Profile` (writes). */
function schemaOf(context: ServiceContext, schemas: string[], method: string): string {
  const name = header(context, method === 'GET' || method === 'HEAD' ? 'accept-profile' : 'content-profile');
  if (name === undefined) return schemas[0] as string;
  if (!schemas.includes(name)) {
    throw new RestError(406, {
      code: 'PGRST106',
      message: `The schema must be one of the following: ${schemas.join(', ')}`,
      details: null,
      hint: null,
    });
  }
  return name;
}

type Target = { kind: 'root' } | { kind: 'table'; name: string } | { kind: 'rpc'; name: string };

function targetOf(path: string): Target {
  if (path === '/' || path === '') return { kind: 'root' };
  const segments = path.slice(1).split('/');
  const decoded = segments.map(decodePathSegment);
  if (decoded.some((segment) => segment === null || segment.includes('\0'))) {
    throw new RestError(404, { code: 'PGRST125', message: `Invalid path specified in request URL` });
  }
  if (decoded.length === 1 && decoded[0]) return { kind: 'table', name: decoded[0] };
  if (decoded.length === 2 && decoded[0] === 'rpc' && decoded[1]) return { kind: 'rpc', name: decoded[1] };
  throw new RestError(404, { code: 'PGRST125', message: `Invalid path specified in request URL` });
}

function tableNotFound(cache: SchemaCache, schema: string, name: string): RestError {
  const similar = [...cache.tables.values()]
    .filter((table) => table.schema === schema && (table.name.includes(name) || name.includes(table.name)))
    .sort((a, b) => Math.abs(a.name.length - name.length) - Math.abs(b.name.length - name.length))[0];
  return new RestError(404, {
    code: 'PGRST205',
    message: `Could not find the table '${schema}.${name}' in the schema cache`,
    hint: similar ? `Perhaps you meant the table '${schema}.${similar.name}'` : null,
  });
}

/** A write's body: JSON (object or array), CSV or a urlencoded form, per Content-Type. */
async function readPayload(context: ServiceContext): Promise<unknown> {
  let buffer: Buffer;
  try {
    buffer = await readBody(context.req, BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyError) {
      throw new RestError(413, { code: 'PGRST413', message: 'Payload Too Large', details: error.message });
    }
    throw error;
  }
  const text = buffer.toString('utf8');
  const type = (header(context, 'content-type') ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/csv') return parseCsv(text);
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type !== 'application/json' && !type.endsWith('+json') && type !== '') {
    throw new RestError(415, { code: 'PGRST107', message: `Content-Type not acceptable: ${type}` });
  }
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw bodyError('Empty or invalid json', (error as Error).message);
  }
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) {
    throw bodyError(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return parsed;
}

/** Whether arrays and objects in `value` nest deeper than `limit` (walked without recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

export function createRestService(deps: RestDependencies): RestService {
  const schemas = deps.config.api.schemas;
  const searchPath = (schema: string) => [schema, ...deps.config.api.extra_search_path.filter((s) => s !== schema)];
  const maxRows = deps.config.api.max_rows;
  const pool = createRestPool(deps.dbUrl);
  let current: Promise<SchemaCache> = loadSchemaCache(deps.sql, schemas);
  let reloading: Promise<void> | null = null;

  async function reload(): Promise<void> {
    const next = loadSchemaCache(deps.sql, schemas);
    await next;
    current = next;
  }
  /** The schema cache; a load that failed (the database was down) is tried again. */
  async function schemaCache(): Promise<SchemaCache> {
    const attempt = current;
    try {
      return await attempt;
    } catch (error) {
      if (current === attempt) current = loadSchemaCache(deps.sql, schemas);
      throw connectionError(error) ?? error;
    }
  }
  // Debounced: a migration's many DDL statements end in one reload.
  let timer: NodeJS.Timeout | null = null;
  const scheduleReload = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      reloading = reload().catch((error) => {
        process.stderr.write(`rest: schema cache reload failed: ${(error as Error).message}\n`);
      });
    }, 50);
  };
  let listened = false;
  const listening = deps.sql
    .listen(
      'pgrst',
      (payload) => {
        if (payload === 'reload schema' || payload === '') scheduleReload();
      },
      // Called again when the connection comes back (a PostgreSQL restart): the schema may have
      // changed while nobody listened, so reload as PostgREST does on reconnecting.
      () => {
        if (listened) scheduleReload();
        listened = true;
      },
    )
    .catch((error) => process.stderr.write(`rest: cannot listen for schema reloads: ${(error as Error).message}\n`));

  async function answer(context: ServiceContext): Promise<RestResponse> {
    const method = (context.req.method ?? 'GET').toUpperCase();
    if (!context.caller.ok) {
      const expired = context.caller.reason === 'expired_jwt';
      const message = expired ? 'JWT expired' : context.caller.message;
      throw new RestError(
        401,
        { code: expired ? 'PGRST303' : 'PGRST301', message },
        { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message.replace(/["\r\n]/g, ' ')}"` },
      );
    }
    if ((context.req.url ?? '').length > URL_LIMIT) {
      throw new RestError(414, { code: 'PGRST100', message: `The URL is longer than ${URL_LIMIT} characters` });
    }
    const cache = await schemaCache();
    const schema = schemaOf(context, schemas, method);
    const target = targetOf(context.path);
    const info: RequestInfo = {
      role: context.caller.role,
      claims: context.caller.claims,
      method,
      path: context.path,
      headers: context.req.headers,
      searchPath: searchPath(schema),
    };
    const preferences = readPreferences(context.req.headers.prefer);
    const profileHeaders: Record<string, string> = schemas.length > 1 ? { 'Content-Profile': schema } : {};
    const withProfile = (response: RestResponse) => ({
      ...response,
      headers: { ...profileHeaders, ...response.headers },
    });

    if (target.kind === 'root') {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
      negotiate(header(context, 'accept'), ['openapi', 'json']);
      return withProfile(await openApi(cache, schema, info, method === 'HEAD'));
    }
    if (target.kind === 'rpc') {
      return withProfile(await rpc(context, cache, schema, target.name, method, info, preferences));
    }
    const table = cache.tables.get(tableKey(schema, target.name));
    if (!table) throw tableNotFound(cache, schema, target.name);
    return withProfile(await onTable(context, cache, table, method, info, preferences));
  }

  function methodNotAllowed(method: string): RestError {
    return new RestError(405, { code: 'PGRST117', message: `Unsupported HTTP method: ${method}` });
  }

  async function openApi(cache: SchemaCache, schema: string, info: RequestInfo, head: boolean): Promise<RestResponse> {
    const visible = await inRequestTransaction(pool, cache, info, true, async (tx) => {
      const tables = await tx.unsafe<{ oid: number }[]>(
        `select c.oid::int as oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = $1 and has_table_privilege(c.oid, 'select, insert, update, delete')`,
        [schema],
      );
      const functions = await tx.unsafe<{ oid: number }[]>(
        `select p.oid::int as oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = $1 and has_function_privilege(p.oid, 'execute')`,
        [schema],
      );
      return { tables: new Set(tables.map((row) => row.oid)), functions: new Set(functions.map((row) => row.oid)) };
    });
    const body = json(openApiDocument(cache, schema, visible, deps.apiUrl));
    return {
      status: 200,
      headers: { 'Content-Type': 'application/openapi+json; charset=utf-8' },
      body: head ? null : body,
    };
  }

  async function onTable(
    context: ServiceContext,
    cache: SchemaCache,
    table: Table,
    method: string,
    info: RequestInfo,
    preferences: Preferences,
  ): Promise<RestResponse> {
    const query = readRequestQuery(context.url.searchParams);
    if (method === 'GET' || method === 'HEAD') {
      const head = method === 'HEAD';
      const negotiated = negotiate(header(context, 'accept'), ['json', 'object', 'csv']);
      const root = query.modifiers.get('') ?? emptyModifiers();
      const paging = pagingOf(root.limit, root.offset, header(context, 'range'), maxRows);
      const readContext = newReadContext(cache, query);
      const source = {
        from: `"${table.schema.replaceAll('"', '""')}"."${table.name.replaceAll('"', '""')}"`,
        table,
        columns: null,
      };
      const statement = readStatement(readContext, source, query, paging, preferences, negotiated, head);
      const result = await inRequestTransaction(pool, cache, info, true, (tx) =>
        runRead(tx, statement, preferences.count, maxRows),
      );
      return readResponse(result, paging, negotiated, head);
    }
    if (method !== 'POST' && method !== 'PATCH' && method !== 'DELETE' && method !== 'PUT')
      throw methodNotAllowed(method);
    const negotiated = negotiate(header(context, 'accept'), ['json', 'object', 'csv']);
    const body = method === 'DELETE' ? undefined : await readPayload(context);
    const readContext = newReadContext(cache, query);
    let statement: WriteStatement | null;
    if (method === 'POST' || method === 'PUT') {
      if (body === undefined) throw bodyError('Empty or invalid json');
      const rows: Payload = payloadRows(body);
      if (method === 'PUT') {
        const conflict = putConflict(table, query, rows);
        statement = insertStatement(
          readContext,
          table,
          rows,
          query,
          { ...preferences, resolution: 'merge-duplicates' },
          negotiated.stripNulls,
          conflict,
        );
      } else {
        statement =
          rows.length === 0
            ? null
            : insertStatement(readContext, table, rows, query, preferences, negotiated.stripNulls);
      }
    } else if (method === 'PATCH') {
      if (body === undefined) throw bodyError('Empty or invalid json');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw bodyError('Expected a JSON object to update with');
      }
      statement = updateStatement(
        readContext,
        table,
        body as Record<string, unknown>,
        query,
        preferences,
        negotiated.stripNulls,
      );
    } else {
      statement = deleteStatement(readContext, table, query, preferences, negotiated.stripNulls);
    }
    return mutate(method, table, statement, preferences, negotiated.media, info, cache);
  }

  async function mutate(
    method: string,
    table: Table,
    statement: WriteStatement | null,
    preferences: Preferences,
    media: Media,
    info: RequestInfo,
    cache: SchemaCache,
  ): Promise<RestResponse> {
    const created = method === 'POST' || method === 'PUT';
    const representation = preferences.return === 'representation';
    const applied = appliedPreferences(preferences, [
      'return',
      'resolution',
      'missing',
      'tx',
      'maxAffected',
      'handling',
    ]);
    const baseHeaders: Record<string, string> = applied ? { 'Preference-Applied': applied } : {};
    if (statement === null) {
      // Nothing to write (an empty array or an empty PATCH body): PostgREST answers as if it wrote none.
      const body = representation ? (media === 'object' ? null : '[]') : null;
      if (media === 'object') {
        throw new RestError(406, {
          code: 'PGRST116',
          message: 'Cannot coerce the result to a single JSON object',
          details: 'The result contains 0 rows',
        });
      }
      return {
        status: representation ? (created ? 201 : 200) : created ? 201 : 204,
        headers: {
          ...baseHeaders,
          'Content-Range': '*/*',
          ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        },
        body,
      };
    }
    const run = async (tx: Parameters<Parameters<typeof inRequestTransaction>[4]>[0]): Promise<RestResponse> => {
      let page: number;
      let body: string | null = null;
      let location: string | null = null;
      if (statement.returnsRows) {
        const [row] = await tx.unsafe<{ page: number; body: string | null; location: string | null }[]>(
          statement.text,
          statement.values,
          PREPARED,
        );
        page = row?.page ?? 0;
        body = row?.body ?? null;
        location = row?.location ?? null;
      } else {
        const result = await tx.unsafe(statement.text, statement.values, PREPARED);
        page = result.count ?? 0;
      }
      if (preferences.maxAffected !== null && preferences.handling === 'strict' && page > preferences.maxAffected) {
        throw new RestError(400, {
          code: 'PGRST124',
          message: 'Query result exceeds max-affected preference constraint',
          details: `The query affects ${page} rows`,
        });
      }
      const headers: Record<string, string> = {
        ...baseHeaders,
        'Content-Range': `*/${page === 0 && !created ? '*' : page}`,
      };
      if (preferences.count === 'exact') headers['Content-Range'] = page > 0 ? `0-${page - 1}/${page}` : '*/0';
      else headers['Content-Range'] = page > 0 ? `0-${page - 1}/*` : '*/*';
      if (location) {
        const keys = JSON.parse(location) as Record<string, unknown>[];
        const first = keys[0];
        if (first && keys.length === 1) {
          const query = Object.entries(first).map(
            ([name, value]) => `${encodeURIComponent(name)}=eq.${encodeURIComponent(String(value))}`,
          );
          headers.Location = `/${table.name}?${query.join('&')}`;
        }
      }
      if (media === 'object' && page !== 1) {
        throw new RestError(406, {
          code: 'PGRST116',
          message: 'Cannot coerce the result to a single JSON object',
          details: `The result contains ${page} rows`,
        });
      }
      let response: RestResponse;
      if (representation) {
        let text = body ?? '[]';
        if (media === 'object') text = JSON.stringify((JSON.parse(text) as unknown[])[0]);
        else if (media === 'csv') text = (await import('./media.ts')).toCsv(text);
        const type =
          media === 'csv'
            ? 'text/csv; charset=utf-8'
            : media === 'object'
              ? 'application/vnd.pgrst.object+json; charset=utf-8'
              : 'application/json; charset=utf-8';
        response = { status: created ? 201 : 200, headers: { ...headers, 'Content-Type': type }, body: text };
      } else {
        response = { status: created ? 201 : 204, headers, body: null };
      }
      if (preferences.tx === 'rollback') throw new Rollback(response);
      return response;
    };
    try {
      return await inRequestTransaction(pool, cache, info, false, run);
    } catch (error) {
      if (error instanceof Rollback) return error.response;
      throw error;
    }
  }

  async function rpc(
    context: ServiceContext,
    cache: SchemaCache,
    schema: string,
    name: string,
    method: string,
    info: RequestInfo,
    preferences: Preferences,
  ): Promise<RestResponse> {
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      throw new RestError(405, { code: 'PGRST101', message: `Cannot use the ${method} method on RPC` });
    }
    const readOnly = method !== 'POST';
    const overloads = cache.functions.get(tableKey(schema, name)) ?? [];
    const argumentNames = new Set(overloads.flatMap((fn) => fn.inputs.map((arg) => arg.name)));
    let query: RequestQuery;
    let args: Record<string, unknown>;
    if (readOnly) {
      query = readRequestQuery(context.url.searchParams, (key) => argumentNames.has(key));
      args = Object.fromEntries(query.args);
    } else {
      query = readRequestQuery(context.url.searchParams);
      const body = await readPayload(context);
      if (body !== undefined && (typeof body !== 'object' || body === null))
        throw bodyError('Expected a JSON object of arguments');
      if (Array.isArray(body)) throw bodyError('Calling a function with an array of argument sets is not supported');
      args = (body ?? {}) as Record<string, unknown>;
    }
    const { fn, wholeBody } = chooseFunction(
      cache,
      schema,
      name,
      Object.keys(args),
      preferences.params === 'single-object',
    );
    if (readOnly && fn.volatility === 'v') {
      throw new RestError(405, {
        code: '25006',
        message: `cannot execute ${fn.name} in a read-only transaction: it is VOLATILE, call it with POST`,
      });
    }
    const head = method === 'HEAD';
    const negotiated = negotiate(header(context, 'accept'), ['json', 'object', 'csv']);
    const readContext = newReadContext(cache, query);
    const chosen = callSql(fn, args, wholeBody, readContext.params);
    const transactional = async (work: Parameters<typeof inRequestTransaction>[4]) => {
      try {
        return await inRequestTransaction(pool, cache, info, readOnly, async (tx) => {
          const response = await work(tx);
          if (preferences.tx === 'rollback' && !readOnly) throw new Rollback(response as RestResponse);
          return response;
        });
      } catch (error) {
        if (error instanceof Rollback) return error.response;
        throw error;
      }
    };
    if (returnsRows(fn)) {
      const root = query.modifiers.get('') ?? emptyModifiers();
      const paging = pagingOf(root.limit, root.offset, header(context, 'range'), maxRows);
      const statement = readStatement(readContext, callSource(chosen), query, paging, preferences, negotiated, head);
      const result = (await transactional((tx) => runRead(tx, statement, preferences.count, maxRows))) as Awaited<
        ReturnType<typeof runRead>
      >;
      if (!fn.returnsSet && negotiated.media === 'json') {
        // One composite value: answered as an object, not an array.
        const rows = JSON.parse(result.body ?? '[]') as unknown[];
        return {
          status: 200,
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: head ? null : json(rows[0] ?? null),
        };
      }
      return readResponse(result, paging, negotiated, head);
    }
    const text = scalarSql(chosen);
    const values = readContext.params.values;
    const row = (await transactional(async (tx) => {
      const [first] = await tx.unsafe<{ page: number; body: string | null }[]>(text, values, PREPARED);
      return first;
    })) as { page: number; body: string | null } | undefined;
    if (fn.returnsVoid) return { status: 204, headers: {}, body: null };
    const { contentRange } = rangeAnswer(0, row?.page ?? 0, null);
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Range': contentRange },
      body: head ? null : (row?.body ?? 'null'),
    };
  }

  async function handle(context: ServiceContext, res: ServerResponse): Promise<void> {
    const role = context.caller.ok ? context.caller.role : 'anon';
    let response: RestResponse;
    try {
      response = await answer(context);
    } catch (error) {
      if (error instanceof RestError) response = errorResponse(error);
      else {
        const mapped = fromDatabaseError(error, role);
        if (!mapped) throw error;
        response = errorResponse(mapped);
      }
    }
    if (!context.req.readableEnded) context.req.resume();
    send(res, response);
  }

  return {
    service: { handle },
    cache: schemaCache,
    reload,
    async close() {
      if (timer) clearTimeout(timer);
      await reloading;
      const subscription = await listening;
      if (subscription && typeof subscription === 'object' && 'unlisten' in subscription) {
        await subscription.unlisten().catch(() => {});
      }
      await pool.end({ timeout: 5 });
    },
  };
}
