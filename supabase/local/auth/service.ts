// The local Supabase Auth service: routes `/auth/v1/*` to the endpoint modules, parses JSON bodies,
// applies upstream's per-address rate limits and answers thrown AuthErrors in upstream's shapes.
// /health, /settings and /.well-known/jwks.json stay with the gateway's authPublic.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sql } from 'postgres';
import type { ProjectConfig } from '../config.ts';
import { authPublic, isPublicAuthRequest } from '../gateway/auth-public.ts';
import type { Service, ServiceContext } from '../gateway/services.ts';
import type { LocalKeys } from '../keys.ts';
import { adminRoutes } from './admin.ts';
import { runInCall } from './call-scope.ts';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthError } from './errors.ts';
import { containsNul } from './input.ts';
import { inviteRoutes } from './invite.ts';
import { mfaRoutes } from './mfa.ts';
import { otpRoutes } from './otp.ts';
import { RateLimits, type RequestBucket } from './rate-limit.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { signupRoutes } from './signup.ts';
import { tokenRoutes } from './token.ts';
import { userRoutes } from './user.ts';
import { verifyRoutes } from './verify.ts';

export interface AuthServiceDeps {
  sql: Sql;
  keys: LocalKeys;
  config: ProjectConfig;
  apiUrl: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Upstream's per-address limits by endpoint (`METHOD /path`). */
const LIMITED: Record<string, RequestBucket> = {
  'POST /token': 'token_refresh',
  'GET /verify': 'token_verifications',
  'POST /verify': 'token_verifications',
  // TOTP codes are six digits: guessing them is what this limit is for (upstream shares it too).
  'POST /factors/:id/verify': 'token_verifications',
  'POST /signup': 'sign_in_sign_ups',
  'POST /otp': 'sign_in_sign_ups',
  'POST /magiclink': 'sign_in_sign_ups',
  'POST /recover': 'sign_in_sign_ups',
  'POST /resend': 'sign_in_sign_ups',
};

interface Compiled {
  route: AuthRoute;
  parts: string[];
}

function compile(routes: AuthRoute[]): Compiled[] {
  return routes.map((route) => ({ route, parts: route.path.split('/').filter(Boolean) }));
}

/** A path part decoded; a malformed escape (`%E0%A4%A`) stays as sent, for the handler to refuse. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function match(routes: Compiled[], method: string, path: string) {
  const parts = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const { route, parts: pattern } of routes) {
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      const part = parts[i] as string;
      if (p.startsWith(':')) {
        params[p.slice(1)] = safeDecode(part);
        return true;
      }
      return p === part;
    });
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? 'method' : null;
}

class BadJson extends Error {}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadJson('request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadJson((error as Error).message);
  }
}

/** A NUL anywhere a handler may pass on to PostgreSQL: the body, the query or a path part. */
function carriesNul(call: AuthCall): boolean {
  if (containsNul(call.body) || containsNul(call.params)) return true;
  for (const [key, value] of call.context.url.searchParams) if (containsNul(key) || containsNul(value)) return true;
  return false;
}

/**
 * PostgreSQL's refusals of a character it cannot store (NUL in text: 22021, `\u0000` in jsonb:
 * 22P05), should one get past carriesNul: the caller's mistake, not a server failure.
 */
function fromDatabaseError(error: unknown): AuthError | null {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05' ? AUTH_ERRORS.nulRefused() : null;
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export function createAuthService(deps: AuthServiceDeps): { service: Service; close(): Promise<void> } {
  const routes = compile([
    ...signupRoutes,
    ...tokenRoutes,
    ...otpRoutes,
    ...verifyRoutes,
    ...userRoutes,
    ...inviteRoutes,
    ...adminRoutes,
    ...mfaRoutes,
  ]);
  const limits = new RateLimits(deps.config.auth.rate_limit);

  async function handle(context: ServiceContext, res: ServerResponse): Promise<void> {
    const method = context.req.method ?? 'GET';
    const found = match(routes, method, context.path);
    if (isPublicAuthRequest(method, context.path)) return authPublic.handle(context, res);
    const call: AuthCall = {
      context,
      res,
      sql: deps.sql,
      params: typeof found === 'object' && found !== null ? found.params : {},
      body: undefined,
      ip: clientIp(context.req),
    };
    // As GoTrue's router: an unknown path is 404, a known path with another method 405 (never a 5xx).
    if (found === null) return sendAuthError(call, 404, ErrorCode.unknown, 'Not Found');
    if (found === 'method') return sendAuthError(call, 405, ErrorCode.unknown, 'Method Not Allowed');
    try {
      call.body = await readBody(context.req);
    } catch (error) {
      return sendAuthError(
        call,
        400,
        ErrorCode.badJson,
        `Could not parse request body as JSON: ${(error as Error).message}`,
      );
    }
    const bucket = LIMITED[`${method} ${found.route.path}`];
    try {
      if (carriesNul(call)) throw AUTH_ERRORS.nulRefused();
      if (bucket) limits.takeRequest(bucket, call.ip);
      await runInCall(call, limits, () => found.route.handle(call));
    } catch (error) {
      const known = error instanceof AuthError ? error : fromDatabaseError(error);
      if (known) return sendAuthError(call, known.status, known.code, known.message, known.extra, known.options);
      console.error('auth: unexpected failure', error);
      sendAuthError(
        call,
        500,
        ErrorCode.unexpectedFailure,
        'Unexpected failure, please check server logs for more information',
      );
    }
  }

  return {
    service: { handle },
    async close() {},
  };
}
