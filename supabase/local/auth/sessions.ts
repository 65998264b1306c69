// Sessions: a row of auth.sessions per sign-in, an opaque rotating refresh token per session in
// auth.refresh_tokens, and an ES256 access token carrying upstream's claims (session_id, aal, amr…).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';
import { signJwt } from '../gateway/jwt.ts';
import { currentCall } from './call-scope.ts';
import { ErrorCode } from './error-codes.ts';
import { sendAuthError } from './errors.ts';
import type { AuthCall } from './routes.ts';
import { authSettingsOf } from './settings.ts';
import { findUserById, type UserRow, userJson } from './users.ts';

type Db = Sql | TransactionSql;

export interface Amr {
  method: string;
  timestamp: number;
}

export interface IssueOptions {
  aal: 'aal1' | 'aal2';
  amr: Amr[];
  /** Continue this session (MFA upgrade) instead of starting one: its live refresh tokens are rotated. */
  sessionId?: string;
  factorId?: string;
  ip: string;
  userAgent?: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  aal: 'aal1' | 'aal2' | 'aal3' | null;
  factor_id: string | null;
  created_at: Date;
  not_after: Date | null;
}

export interface SessionResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: ReturnType<typeof userJson>;
}

/** Upstream's refresh tokens are short random strings; 16 bytes is 128 bits of guessing. */
export function newRefreshToken(): string {
  return randomBytes(16).toString('base64url');
}

export async function amrOfSession(db: Db, sessionId: string): Promise<Amr[]> {
  const rows = await db<{ method: string; timestamp: string }[]>`
    select authentication_method as method, floor(extract(epoch from updated_at))::bigint::text as timestamp
    from auth.mfa_amr_claims where session_id = ${sessionId} order by updated_at desc`;
  return rows.map((r) => ({ method: r.method, timestamp: Number(r.timestamp) }));
}

export async function insertRefreshToken(db: Db, userId: string, sessionId: string, parent: string | null) {
  const token = newRefreshToken();
  await db`
    insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
    values ('00000000-0000-0000-0000-000000000000', ${token}, ${userId}, false, now(), now(), ${parent}, ${sessionId})`;
  return token;
}

/** The access token and the session answer for `user` in `session` with `refreshToken`. */
export async function sessionResponse(
  user: UserRow,
  session: { id: string; aal: string | null },
  amr: Amr[],
  refreshToken: string,
): Promise<SessionResponse> {
  const { context } = currentCall();
  const settings = authSettingsOf(context.config);
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + settings.jwtExpiry;
  const claims = {
    iss: `${context.apiUrl}/auth/v1`,
    sub: user.id,
    aud: user.aud || 'authenticated',
    exp: expiresAt,
    iat: now,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || 'authenticated',
    aal: session.aal ?? 'aal1',
    amr,
    session_id: session.id,
    is_anonymous: user.is_anonymous,
  };
  const accessToken = await signJwt(context.keys, claims);
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: settings.jwtExpiry,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

/** Starts a session (or continues `sessionId`), stores its refresh token and signs the access token. */
export async function issueSession(db: Db, user: UserRow, options: IssueOptions): Promise<SessionResponse> {
  let sessionId = options.sessionId;
  let parent: string | null = null;
  if (sessionId) {
    const [last] = await db<{ token: string }[]>`
      update auth.refresh_tokens set revoked = true, updated_at = now()
      where session_id = ${sessionId} and not revoked returning token`;
    parent = last?.token ?? null;
    await db`
      update auth.sessions set aal = ${options.aal}, factor_id = coalesce(${options.factorId ?? null}::uuid, factor_id),
        updated_at = now(), refreshed_at = now() at time zone 'utc'
      where id = ${sessionId}`;
  } else {
    sessionId = randomUUID();
    await db`
      insert into auth.sessions (id, user_id, created_at, updated_at, factor_id, aal, user_agent, ip)
      values (${sessionId}, ${user.id}, now(), now(), ${options.factorId ?? null}, ${options.aal},
        ${options.userAgent ?? null}, ${options.ip}::inet)`;
    await db`update auth.users set last_sign_in_at = now(), updated_at = now() where id = ${user.id}`;
    await db`update auth.identities set last_sign_in_at = now() where user_id = ${user.id}`;
  }
  for (const { method } of options.amr) {
    await db`
      insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
      values (${randomUUID()}, ${sessionId}, now(), now(), ${method})
      on conflict (session_id, authentication_method) do nothing`;
  }
  const token = await insertRefreshToken(db, user.id, sessionId, parent);
  const fresh = (await findUserById(db, user.id)) ?? user;
  const amr = options.amr.length > 0 ? options.amr : await amrOfSession(db, sessionId);
  return sessionResponse(fresh, { id: sessionId, aal: options.aal }, amr, token);
}

/** `{method, timestamp: now}` for a sign-in by `method`. */
export function amrNow(method: string): Amr[] {
  return [{ method, timestamp: Math.floor(Date.now() / 1000) }];
}

export interface SignedIn {
  user: UserRow;
  session: SessionRow;
  claims: Record<string, unknown>;
}

/** GoTrue's bearerRegexp: what an Authorization header must look like to name a token at all. */
const BEARER = /^[Bb]earer \S+$/;

/**
 * The caller's user and session from its access token, or null once upstream's error was answered:
 * 401 `no_authorization` (no Bearer token sent), 403 `bad_jwt` (a token that is no user's),
 * `session_not_found` (signed out), `user_not_found`.
 */
export async function requireUser(call: AuthCall): Promise<SignedIn | null> {
  // Checked on the request itself: the gateway resolves a caller from the apikey alone.
  if (!BEARER.test(call.context.req.headers.authorization ?? '')) {
    sendAuthError(call, 401, ErrorCode.noAuthorization, 'This endpoint requires a Bearer token');
    return null;
  }
  const caller = call.context.caller;
  if (!caller.ok) {
    const why = caller.reason === 'expired_jwt' ? 'token has invalid claims: token is expired' : caller.message;
    sendAuthError(call, 403, ErrorCode.badJwt, `invalid JWT: unable to parse or verify signature, ${why}`);
    return null;
  }
  const claims = caller.claims;
  if (!caller.jwt || typeof claims.sub !== 'string' || claims.sub === '') {
    sendAuthError(call, 403, ErrorCode.badJwt, 'invalid claim: missing sub claim');
    return null;
  }
  const user = await findUserById(call.sql, claims.sub).catch(() => undefined);
  if (!user) {
    sendAuthError(call, 403, ErrorCode.userNotFound, 'User from sub claim in JWT does not exist');
    return null;
  }
  const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
  const [session] = /^[0-9a-f-]{36}$/i.test(sessionId)
    ? await call.sql<SessionRow[]>`
        select id, user_id, aal::text as aal, factor_id, created_at, not_after
        from auth.sessions where id = ${sessionId} and user_id = ${user.id}`
    : [];
  if (!session) {
    sendAuthError(call, 403, ErrorCode.sessionNotFound, 'Session from session_id claim in JWT does not exist');
    return null;
  }
  return { user, session, claims };
}
