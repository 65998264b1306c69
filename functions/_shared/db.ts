/// <reference lib="deno.window" />
// Database access from functions with the `postgres` driver on SUPABASE_DB_URL. Work on behalf of
// a user runs as PostgREST runs it: one transaction that first sets the role `authenticated` and
// `request.jwt.claims`, so RLS and auth.uid() see that user (supabase/local/rls-request.ts).
import postgres, { type Sql, type TransactionSql } from 'npm:postgres@^3.4.9';
import { HttpError } from './http.ts';
import { settings } from './settings.ts';

export type Tx = TransactionSql;

let pool: Sql | undefined;

/** One small pool per warm process; `prepare: false` also works through a transaction pooler. */
export function db(): Sql {
  pool ??= postgres(settings().SUPABASE_DB_URL, { max: 4, prepare: false, onnotice: () => {} });
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
