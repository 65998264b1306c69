// The local Data API (PostgREST 12 compatible) behind the gateway's /rest/v1: tables and views of
// the exposed schemas, /rpc/<function>, and the OpenAPI document, each request in one transaction
// as the caller so RLS and grants decide. `createRestService(deps)` → `{ service, cache, close() }`.
import type { ServerResponse } from 'node:http';
import type { Sql } from 'postgres';
import type { ProjectConfig } from '../config.ts';
import { decodePathSegment } from '../gateway/decode-path.ts';
import type { Service, ServiceContext } from '../gateway/services.ts';
import { connectionError, fromDatabaseError, RestError } from './errors.ts';
import { functionResponse } from './function-handler.ts';
import { negotiate } from './media.ts';
import { openApiResponse } from './openapi.ts';
import { createRestPool } from './pool.ts';
import { readPreferences } from './prefer.ts';
import { loadSchemaCache, type SchemaCache, tableKey } from './schema-cache.ts';
import { header, type RequestScope } from './scope.ts';
import { methodNotAllowed, tableResponse } from './table-handler.ts';
import type { RequestInfo, RestResponse } from './transaction.ts';

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

const URL_LIMIT = 16 * 1024;

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
    const scope: RequestScope = {
      context,
      method,
      cache,
      schema,
      info,
      preferences: readPreferences(context.req.headers.prefer),
      pool,
      maxRows,
      apiUrl: deps.apiUrl,
    };
    let response: RestResponse;
    if (target.kind === 'root') {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
      negotiate(header(context, 'accept'), ['openapi', 'json']);
      response = await openApiResponse(scope);
    } else if (target.kind === 'rpc') {
      response = await functionResponse(scope, target.name);
    } else {
      const table = cache.tables.get(tableKey(schema, target.name));
      if (!table) throw tableNotFound(cache, schema, target.name);
      response = await tableResponse(scope, table);
    }
    // With several exposed schemas the answer names its profile.
    if (schemas.length > 1) response.headers = { 'Content-Profile': schema, ...response.headers };
    return response;
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
