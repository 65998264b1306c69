// POST /verify (supabase-js verifyOtp: token_hash, or email + token) answers a session; GET
// /verify (the email links) redirects to redirect_to with the session in the fragment, with
// `?code=` when the flow was PKCE, or with upstream's error parameters.
import type { TransactionSql } from 'postgres';
import { z } from 'zod';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthJson } from './errors.ts';
import { issueAuthCode } from './flow-state.ts';
import { parseInput, userAgent } from './input.ts';
import { clearToken } from './one-time-tokens.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { amrNow, issueSession, type SessionResponse } from './sessions.ts';
import { authSettingsOf, safeRedirect } from './settings.ts';
import { applyEmailChange, confirmEmail, isBanned } from './user-writes.ts';
import { findUserById, type UserRow } from './users.ts';
import { type Matched, matchOtp, matchTokenHash, otpExpired, type VerifyType } from './verify-token.ts';

const TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'] as const;

const verifyBody = z.object({
  type: z.string().nullish(),
  token: z.string().nullish(),
  token_hash: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  redirect_to: z.string().nullish(),
});

const AMR: Record<VerifyType, string> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email_change: 'email_change',
  email: 'otp',
};

const OAUTH_ERRORS: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized_client',
  403: 'access_denied',
  500: 'server_error',
  503: 'temporarily_unavailable',
};

export const HALF_CONFIRMED = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

type Outcome = { session: SessionResponse } | { message: string } | { code: string | null; user: UserRow };

function parseType(value: string | undefined | null): VerifyType {
  if (value && (TYPES as readonly string[]).includes(value)) return value as VerifyType;
  throw new AuthError(400, ErrorCode.validationFailed, 'Verify requires a verification type');
}

/** Spends the matched token and completes its flow; `wantCode` stops at the PKCE auth code. */
async function complete(
  call: AuthCall,
  tx: TransactionSql,
  type: VerifyType,
  m: Matched,
  wantCode: boolean,
): Promise<Outcome> {
  const { user, kind } = m;
  if (isBanned(user)) throw new AuthError(403, ErrorCode.userBanned, 'User is banned');
  if (kind === 'email_change_token_new' || kind === 'email_change_token_current') {
    await clearToken(tx, user.id, kind);
    const settings = authSettingsOf(call.context.config);
    const needsBoth = settings.doubleConfirmChanges && Boolean(user.email) && Boolean(user.email_change_token_current);
    if (needsBoth && (user.email_change_confirm_status ?? 0) === 0) {
      await tx`update auth.users set email_change_confirm_status = 1 where id = ${user.id}`;
      return { message: HALF_CONFIRMED };
    }
    await applyEmailChange(tx, user);
  } else {
    await clearToken(tx, user.id, kind);
    if (!user.email_confirmed_at) await confirmEmail(tx, user.id);
  }
  const fresh = (await findUserById(tx, user.id)) as UserRow;
  if (wantCode && m.pkce) return { code: await issueAuthCode(tx, user.id), user: fresh };
  const session = await issueSession(tx, fresh, {
    aal: 'aal1',
    amr: amrNow(AMR[type]),
    ip: call.ip,
    userAgent: userAgent(call),
  });
  return { session };
}

/** Phone verification types: the phone provider is always off locally. */
const PHONE_TYPES = ['sms', 'phone_change'];

async function verifyPost(call: AuthCall): Promise<void> {
  const body = parseInput(call, verifyBody);
  // Before the type check: `sms` is a real type upstream, only its provider is off here.
  if (PHONE_TYPES.includes(body.type ?? '') || (body.phone && !body.email)) throw AUTH_ERRORS.phoneUnsupported();
  const type = parseType(body.type);
  const expiry = authSettingsOf(call.context.config).otpExpiryS;
  const outcome = await call.sql.begin(async (tx) => {
    let matched: Matched | null;
    if (body.token_hash) matched = await matchTokenHash(tx, type, body.token_hash, expiry);
    else if (body.email && body.token) matched = await matchOtp(tx, type, body.email, body.token.trim(), expiry);
    else throw new AuthError(400, ErrorCode.validationFailed, 'Verify requires either a token or a token hash');
    // A wrong code: commit its count (and the code, if that spent it), then refuse.
    if (!matched) return null;
    return complete(call, tx, type, matched, false);
  });
  if (!outcome) throw otpExpired();
  if ('session' in outcome) return sendAuthJson(call, 200, outcome.session);
  if ('message' in outcome) return sendAuthJson(call, 200, { msg: outcome.message, code: 200 });
  sendAuthJson(call, 200, outcome.user);
}

function redirect(call: AuthCall, location: string): void {
  call.res.writeHead(303, { Location: location });
  call.res.end();
}

function withFragment(base: string, params: Record<string, string>): string {
  const url = base.split('#')[0] as string;
  return `${url}#${new URLSearchParams(params)}`;
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

async function verifyGet(call: AuthCall): Promise<void> {
  const query = call.context.url.searchParams;
  const settings = authSettingsOf(call.context.config);
  const target = safeRedirect(settings, query.get('redirect_to'));
  const token = query.get('token') ?? '';
  const pkce = token.startsWith('pkce_');
  let outcome: Outcome;
  try {
    const type = parseType(query.get('type'));
    if (!token) throw new AuthError(400, ErrorCode.validationFailed, 'Verify requires a token or a token hash');
    outcome = await call.sql.begin(async (tx) =>
      complete(call, tx, type, await matchTokenHash(tx, type, token, settings.otpExpiryS), true),
    );
    if ('session' in outcome) {
      const s = outcome.session;
      return redirect(
        call,
        withFragment(target, {
          access_token: s.access_token,
          expires_at: String(s.expires_at),
          expires_in: String(s.expires_in),
          refresh_token: s.refresh_token,
          token_type: 'bearer',
          type: query.get('type') ?? '',
        }),
      );
    }
    if ('message' in outcome) return redirect(call, withFragment(target, { message: outcome.message, sb: '' }));
    if (outcome.code) return redirect(call, withQuery(target, { code: outcome.code }));
    return redirect(call, target);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // Upstream: the error always in the fragment (marked `sb`), in the query too for PKCE.
    const params = {
      error: OAUTH_ERRORS[error.status] ?? 'server_error',
      error_code: error.code,
      error_description: error.code === 'otp_expired' ? 'Email link is invalid or has expired' : error.message,
    };
    const base = pkce ? withQuery(target, params) : target;
    return redirect(call, withFragment(base, { ...params, sb: '' }));
  }
}

export const verifyRoutes: AuthRoute[] = [
  { method: 'POST', path: '/verify', handle: verifyPost },
  { method: 'GET', path: '/verify', handle: verifyGet },
];
