// One transaction per request, set up as PostgREST sets it: the role, the JWT claims, the request's
// method, path, headers and cookies, the search path and the role's own settings (statement_timeout).
import type { IncomingHttpHeaders } from 'node:http';
import type { Sql, TransactionSql } from 'postgres';
import type { ApiRole } from '../rls-request.ts';
import type { SchemaCache } from './schema-cache.ts';
import { ident } from './sql-text.ts';

export interface RequestInfo {
  role: ApiRole;
  claims: Record<string, unknown>;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  searchPath: string[];
}

/**
 * Options of the request statements: prepared (named) statements, as PostgREST's
 * `db-prepared-statements` default. Unprepared, postgres.js parses a statement with parameters in
 * its own round trip (Parse/Describe, then Bind/Execute), which also stops it from pipelining, and
 * PostgreSQL plans it again on every request. Their results are always the same few columns
 * (`total, page, body`; `page, body, location`), so a cached plan never changes result type.
 */
export const PREPARED = { prepare: true } as const;

/** The answer a handler produces. */
export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** Carries a finished result out of a transaction that must not commit (`Prefer: tx=rollback`). */
class Rollback<T> extends Error {
  readonly result: T;
  constructor(result: T) {
    super('rollback');
    this.result = result;
  }
}

function cookiesOf(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

function headersJson(headers: IncomingHttpHeaders): string {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return JSON.stringify(flat);
}

/** The `select set_config(…)` statement that makes the transaction act as the caller. */
function contextStatement(cache: SchemaCache, info: RequestInfo): { text: string; values: string[] } {
  const settings: [string, string][] = [
    ['role', info.role],
    ['request.jwt.claims', JSON.stringify(info.claims)],
    ['request.method', info.method],
    ['request.path', info.path],
    ['request.headers', headersJson(info.headers)],
    ['request.cookies', JSON.stringify(cookiesOf(info.headers.cookie))],
    ['search_path', info.searchPath.map(ident).join(', ')],
    ...(cache.roleSettings.get(info.role) ?? []),
  ];
  const values: string[] = [];
  const calls = settings.map(([name, value]) => {
    values.push(name, value);
    return `set_config($${values.length - 1}, $${values.length}, true)`;
  });
  return { text: `select ${calls.join(', ')}`, values };
}

/** Where and how a request's transaction runs. */
export interface TransactionTarget {
  pool: Sql;
  cache: SchemaCache;
  info: RequestInfo;
  readOnly: boolean;
  /** Roll back instead of committing (`Prefer: tx=rollback`); the result is answered all the same. */
  rollback?: boolean;
}

/**
 * Runs `work` in one transaction as the caller. The context statement is pipelined with the
 * first statement of `work` (postgres.js sends queued queries without waiting), so setting up
 * the caller costs no extra round trip.
 */
export async function inRequestTransaction<T>(
  target: TransactionTarget,
  work: (tx: TransactionSql) => Promise<T>,
): Promise<T> {
  const context = contextStatement(target.cache, target.info);
  try {
    return (await target.pool.begin(target.readOnly ? 'read only' : 'read write', async (tx) => {
      // execute(): sent now, before anything `work` queues (postgres.js queries are otherwise lazy).
      const ready = tx.unsafe(context.text, context.values, PREPARED).execute();
      const [, result] = await Promise.all([ready, work(tx)]);
      if (target.rollback) throw new Rollback(result);
      return result;
    })) as T;
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}
