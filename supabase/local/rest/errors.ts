// PostgREST's error contract: a JSON body `{code, details, hint, message}` with its PGRST codes for
// errors of its own, and PostgreSQL's SQLSTATE mapped to an HTTP status as PostgREST maps it
// (docs.postgrest.org, references/errors: "HTTP Status Codes").
import type { ApiRole } from '../rls-request.ts';

export interface RestErrorBody {
  code: string;
  details: string | null | unknown[];
  hint: string | null;
  message: string;
}

/** An answer that ends the request: PostgREST's own errors and mapped database errors. */
export class RestError extends Error {
  readonly status: number;
  readonly body: RestErrorBody;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    body: Partial<RestErrorBody> & { code: string; message: string },
    headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.status = status;
    this.body = { code: body.code, details: body.details ?? null, hint: body.hint ?? null, message: body.message };
    this.headers = headers;
  }
}

/** PGRST100: a query parameter PostgREST cannot parse (`select`, filters, `order`, …). */
export function parseError(message: string, details: string | null = null): RestError {
  return new RestError(400, { code: 'PGRST100', message, details });
}

/** PGRST102: a body that is not what the request needs. */
export function bodyError(message: string, details: string | null = null): RestError {
  return new RestError(400, { code: 'PGRST102', message, details });
}

export function columnNotFound(table: string, column: string): RestError {
  return new RestError(400, {
    code: 'PGRST204',
    message: `Could not find the '${column}' column of '${table}' in the schema cache`,
  });
}

/** The error fields the `postgres` driver puts on a database error. */
interface DatabaseErrorLike {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
}

function isDatabaseError(error: unknown): error is DatabaseErrorLike & { code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(error.code) &&
    (error as { name?: unknown }).name === 'PostgresError'
  );
}

/** The HTTP status PostgREST gives a SQLSTATE (42501 depends on whether the caller is anon). */
export function statusOfSqlState(code: string, role: ApiRole): number {
  if (code.startsWith('PT')) {
    const status = Number(code.slice(2));
    return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }
  const exact: Record<string, number> = {
    '23503': 409,
    '23505': 409,
    '25006': 405,
    '53400': 500,
    // A value past PostgreSQL's limits (an array literal of more than 6 dimensions, …): every
    // statement here is built from the request, so it is the request's fault (PostgREST says 500).
    '54000': 400,
    P0001: 400,
    '42883': 404,
    '42P01': 404,
    '42P17': 500,
    '57P01': 503,
  };
  if (code in exact) return exact[code] as number;
  if (code === '42501') return role === 'anon' ? 401 : 403;
  const byClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 500,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return byClass[code.slice(0, 2)] ?? 400;
}

/** postgres.js's codes for a connection that failed or went away (not SQLSTATEs). */
const CONNECTION_CODES = [
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
];

/** The database cannot be reached: PostgREST's PGRST001, 503, so clients retry. */
export function connectionError(error: unknown): RestError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !CONNECTION_CODES.includes(code)) return null;
  return new RestError(503, {
    code: 'PGRST001',
    message: 'Database client error. Retrying the connection.',
    details: code,
  });
}

/** A database error as PostgREST answers it; anything else is left to the caller (a bug: 500). */
export function fromDatabaseError(error: unknown, role: ApiRole): RestError | null {
  if (!isDatabaseError(error)) return connectionError(error);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  // The full-text parser reports a query with too many operators in a row as an internal error.
  const tooComplexQuery = error.code === 'XX000' && error.message === 'tsquery stack too small';
  const status = tooComplexQuery ? 400 : statusOfSqlState(error.code, role);
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  let message = text(error.message) ?? 'Database error';
  let details = text(error.detail);
  let hint = text(error.hint);
  // `raise sqlstate 'PT402' using message = …` answers 402; PGRST also reads a JSON message this way.
  if (error.code.startsWith('PT') && message.startsWith('{')) {
    try {
      const parsed = JSON.parse(message) as Record<string, unknown>;
      message = text(parsed.message) ?? message;
      details = text(parsed.details) ?? details;
      hint = text(parsed.hint) ?? hint;
    } catch {
      // Not JSON: the message stays as raised.
    }
  }
  return new RestError(status, { code: error.code, message, details, hint }, headers);
}
