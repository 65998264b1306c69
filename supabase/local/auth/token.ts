// POST /token: grant_type=password, refresh_token (refresh.ts) and pkce (code + verifier).
import { z } from 'zod';
import { checkPasswordStrength } from './admin-password.ts';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthJson } from './errors.ts';
import { redeemAuthCode } from './flow-state.ts';
import { parseInput, userAgent } from './input.ts';
import { refreshGrant } from './refresh.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { amrNow, issueSession } from './sessions.ts';
import { isBanned } from './user-writes.ts';
import { findUserByEmail, findUserById, verifyPassword } from './users.ts';

const passwordBody = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
});
const refreshBody = z.object({ refresh_token: z.string().nullish() });
const pkceBody = z.object({ auth_code: z.string().nullish(), code_verifier: z.string().nullish() });

const invalidCredentials = () => new AuthError(400, ErrorCode.invalidCredentials, 'Invalid login credentials');

async function passwordGrant(call: AuthCall) {
  const body = parseInput(call, passwordBody);
  if (body.phone && !body.email) throw new AuthError(400, ErrorCode.phoneProviderDisabled, 'Phone logins are disabled');
  if (!body.email || !body.password) throw invalidCredentials();
  const user = await findUserByEmail(call.sql, body.email);
  const ok = await verifyPassword(body.password, user?.encrypted_password ?? null);
  if (!user || !ok) throw invalidCredentials();
  if (isBanned(user)) throw AUTH_ERRORS.userBanned();
  if (!user.email_confirmed_at) throw new AuthError(400, ErrorCode.emailNotConfirmed, 'Email not confirmed');
  const session = await call.sql.begin((tx) =>
    issueSession(tx, user, { aal: 'aal1', amr: amrNow('password'), ip: call.ip, userAgent: userAgent(call) }),
  );
  // Upstream signs in a password that today's rules would refuse, and says so.
  const weak = checkPasswordStrength(call.context.config, body.password);
  return weak ? { ...session, weak_password: weak } : session;
}

async function pkceGrant(call: AuthCall) {
  const body = parseInput(call, pkceBody);
  if (!body.auth_code || !body.code_verifier) {
    throw new AuthError(
      400,
      ErrorCode.validationFailed,
      'invalid request: both auth code and code verifier should be non-empty',
    );
  }
  const { auth_code: code, code_verifier: verifier } = body;
  return call.sql.begin(async (tx) => {
    const flow = await redeemAuthCode(tx, code, verifier);
    const user = await findUserById(tx, flow.user_id as string);
    if (!user) throw AUTH_ERRORS.userNotFound();
    if (isBanned(user)) throw AUTH_ERRORS.userBanned();
    const amr = amrNow(flow.authentication_method);
    return issueSession(tx, user, { aal: 'aal1', amr, ip: call.ip, userAgent: userAgent(call) });
  });
}

async function token(call: AuthCall): Promise<void> {
  const grant = call.context.url.searchParams.get('grant_type');
  if (grant === 'password') return sendAuthJson(call, 200, await passwordGrant(call));
  if (grant === 'pkce') return sendAuthJson(call, 200, await pkceGrant(call));
  if (grant === 'refresh_token') {
    const body = parseInput(call, refreshBody);
    if (!body.refresh_token) throw new AuthError(400, ErrorCode.validationFailed, 'refresh_token required');
    return sendAuthJson(call, 200, await refreshGrant(body.refresh_token));
  }
  throw new AuthError(400, ErrorCode.unsupportedGrantType, 'unsupported_grant_type');
}

export const tokenRoutes: AuthRoute[] = [{ method: 'POST', path: '/token', handle: token }];
