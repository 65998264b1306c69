// Auth's answers in upstream's shapes. Errors come in two: with the request header
// `X-Supabase-Api-Version: 2024-01-01` (what supabase-js sends) as `{code, message}`, otherwise the
// older `{code: <status>, error_code, msg}`; both carry the code in `x-sb-error-code`.
import { sendJson } from '../gateway/http.ts';
import { ErrorCode } from './error-codes.ts';
import type { AuthCall } from './routes.ts';

const API_VERSION_HEADER = 'x-supabase-api-version';
const VERSION_2024 = Date.UTC(2024, 0, 1);

function versionHeaders(call: AuthCall): Record<string, string> {
  const version = call.context.req.headers[API_VERSION_HEADER];
  return typeof version === 'string' ? { [API_VERSION_HEADER]: version } : {};
}

/** True when the caller asked for the 2024-01-01 API (or later). */
function speaks2024(call: AuthCall): boolean {
  const version = call.context.req.headers[API_VERSION_HEADER];
  if (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(version)) return false;
  return Date.parse(`${version}T00:00:00Z`) >= VERSION_2024;
}

export function sendAuthJson(call: AuthCall, status: number, body: unknown): void {
  if (call.res.headersSent) return;
  sendJson(call.res, status, body, versionHeaders(call));
}

/** Extra facts of an error answer beyond its body. */
export interface ErrorOptions {
  /** Seconds until a rate-limited caller may try again (sent as `Retry-After`). */
  retryAfterS?: number;
}

/** When a 429 names no wait, the longest window of Auth's limits is the honest upper bound. */
const DEFAULT_RETRY_AFTER_S = 3600;

export function sendAuthError(
  call: AuthCall,
  status: number,
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
  options: ErrorOptions = {},
): void {
  if (call.res.headersSent) return;
  const headers: Record<string, string> = { ...versionHeaders(call), 'x-sb-error-code': code };
  // Every 429 says when to come back, so clients can back off instead of retrying blindly.
  if (status === 429) headers['retry-after'] = String(options.retryAfterS ?? DEFAULT_RETRY_AFTER_S);
  const body = speaks2024(call)
    ? { code, message, ...extra }
    : { code: status, error_code: code, msg: message, ...extra };
  sendJson(call.res, status, body, headers);
}

/** An error thrown deep inside a flow (often in a transaction) and answered by the router. */
export class AuthError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown>;
  readonly options: ErrorOptions;
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
    options: ErrorOptions = {},
  ) {
    super(message);
    this.name = 'AuthError';
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.options = options;
  }
}

/** The errors several endpoints answer alike, each with upstream's status and message. */
export const AUTH_ERRORS = {
  emailExists: () =>
    new AuthError(422, ErrorCode.emailExists, 'A user with this email address has already been registered'),
  phoneExists: () => new AuthError(422, ErrorCode.phoneExists, 'Phone number already registered by another user'),
  userAlreadyExists: () => new AuthError(422, ErrorCode.userAlreadyExists, 'User already registered'),
  userNotFound: () => new AuthError(404, ErrorCode.userNotFound, 'User not found'),
  userBanned: () => new AuthError(400, ErrorCode.userBanned, 'User is banned'),
  notAdmin: () => new AuthError(403, ErrorCode.notAdmin, 'User not allowed'),
  signupDisabled: () => new AuthError(422, ErrorCode.signupDisabled, 'Signups not allowed for this instance'),
  signupNeedsPassword: () => new AuthError(422, ErrorCode.validationFailed, 'Signup requires a valid password'),
  /** GoTrue's answer to phone flows while the phone provider is disabled (always, locally). */
  phoneUnsupported: () => new AuthError(400, ErrorCode.phoneProviderDisabled, 'Unsupported phone provider'),
  /**
   * PostgreSQL stores no NUL in text or jsonb: refused at the boundary with the validation error
   * instead of failing (500) at the first query that carries it.
   */
  nulRefused: () =>
    new AuthError(400, ErrorCode.validationFailed, 'Request contains a NUL character, which is not allowed'),
};

export function sendNoContent(call: AuthCall): void {
  if (call.res.headersSent) return;
  call.res.writeHead(204, versionHeaders(call));
  call.res.end();
}
