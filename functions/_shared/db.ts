/// <reference lib="deno.window" />
// Database access from functions with the `postgres` driver on SUPABASE_DB_URL. Work on behalf of
// a user runs as PostgREST runs it: one transaction that first sets the role `authenticated` and
// `request.jwt.claims`, so RLS and auth.uid() see that user (supabase/local/rls-request.ts).
// Every transaction of a request served through `withRequestId` also sets `roost.request_id`
// (transaction-local, so it is safe through a transaction pooler): jobs and other rows created in
// it carry the request's id, as through the Data API (decision 039).
import { AsyncLocalStorage } from 'node:async_hooks';
import postgres, { type Sql, type TransactionSql } from 'npm:postgres@^3.4.9';
import { isValidRequestId, REQUEST_ID_HEADER } from '../../shared/observability/request-id.ts';
import { HttpError } from './http.ts';
import { settings } from './settings.ts';

export type Tx = TransactionSql;

let pool: Sql | undefined;
const requestIds = new AsyncLocalStorage<string>();

type ServeHandler = (req: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response>;

/**
 * `Deno.serve(withRequestId(handle))`: the request's `x-request-id` (the gateway always sends a
 * checked one) follows every transaction `handle` runs; an id of the wrong shape is dropped.
 */
export function withRequestId(handler: ServeHandler): ServeHandler {
  return (req, info) => {
    const id = req.headers.get(REQUEST_ID_HEADER);
    return isValidRequestId(id) ? requestIds.run(id, () => handler(req, info)) : handler(req, info);
  };
}

/** The id of the request being served (inside `withRequestId`), if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/** `begin` that first sets the request's id for the transaction (set_config(..., true)). */
function tagTransactions(sql: Sql): Sql {
  const begin = (...args: unknown[]) => {
    const fn = args.pop() as (tx: Tx) => unknown;
    const id = requestIds.getStore();
    const tagged = id
      ? async (tx: Tx) => {
          await tx`select set_config('roost.request_id', ${id}, true)`;
          return fn(tx);
        }
      : fn;
    return (sql.begin as (...a: unknown[]) => Promise<unknown>)(...args, tagged);
  };
  return new Proxy(sql, {
    get: (target, prop, receiver) => (prop === 'begin' ? begin : Reflect.get(target, prop, receiver)),
  });
}

/**
 * One small pool per warm process; `prepare: false` also works through a transaction pooler.
 * Single statements outside `begin` run in autocommit and carry no request id.
 */
export function db(): Sql {
  pool ??= tagTransactions(postgres(settings().SUPABASE_DB_URL, { max: 4, prepare: false, onnotice: () => {} }));
  return pool;
}

export async function asUser<T>(claims: Record<string, unknown>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await db().begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
    return fn(tx);
  })) as T;
}

/**
 * Roost's SQL raises a stable snake_case code as MESSAGE, a sentence as DETAIL, and a SQLSTATE
 * of its class (docs/decisions/003-database-errors.md): turned into an HTTP refusal here.
 */
const STATUS_OF_SQLSTATE: Record<string, number> = {
  '22023': 400,
  '22P02': 400,
  '42501': 403,
  PT404: 404,
  '23505': 409,
  P0001: 422,
};

export function httpErrorOf(error: unknown): HttpError | null {
  const { code, message, detail } = (error ?? {}) as { code?: string; message?: string; detail?: string };
  const status = code ? STATUS_OF_SQLSTATE[code] : undefined;
  if (!status || !message) return null;
  const stable = /^[a-z_]+$/.test(message) ? message : 'invalid_request';
  if (stable === 'invalid_request' && code === '42501') {
    // PostgreSQL's own "permission denied for table …" names internals: logged, not answered.
    console.error('database privilege error', message);
    return new HttpError(status, stable, 'This request is not allowed.');
  }
  if (stable === 'not_authenticated') return new HttpError(401, stable, detail ?? 'Sign in with an account.');
  return new HttpError(status, stable, detail ?? message);
}
