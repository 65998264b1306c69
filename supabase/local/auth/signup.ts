// POST /signup: an email + password user (confirmed at once, or emailed a confirmation link when
// confirmations are on), or an anonymous user when the body names neither email nor phone.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { currentLimits } from './call-scope.ts';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthJson } from './errors.ts';
import {
  checkEmail,
  optionalMetadata,
  parseInput,
  pkceFields,
  pkceOf,
  requestedRedirect,
  requireStrongPassword,
  userAgent,
} from './input.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { amrNow, issueSession } from './sessions.ts';
import { authSettingsOf, safeRedirect } from './settings.ts';
import { sendConfirmation } from './token-mail.ts';
import { confirmEmail, createUser } from './user-writes.ts';
import { findUserByEmail, findUserById, hashPassword, type UserRow, userJson } from './users.ts';

const signupBody = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
  data: optionalMetadata,
  channel: z.string().nullish(),
  ...pkceFields,
});

async function signUpAnonymously(call: AuthCall, data: Record<string, unknown> | undefined) {
  const settings = authSettingsOf(call.context.config);
  if (!settings.anonymousEnabled)
    throw new AuthError(422, ErrorCode.anonymousProviderDisabled, 'Anonymous sign-ins are disabled');
  currentLimits().takeRequest('anonymous_users', call.ip);
  const session = await call.sql.begin(async (tx) => {
    const user = await createUser(tx, {
      email: null,
      encryptedPassword: null,
      data,
      confirmed: false,
      anonymous: true,
    });
    return issueSession(tx, user, { aal: 'aal1', amr: amrNow('anonymous'), ip: call.ip, userAgent: userAgent(call) });
  });
  sendAuthJson(call, 200, session);
}

/** What upstream answers for an already-confirmed address when confirmations are on: a look-alike user. */
function obfuscatedUser(email: string, data: Record<string, unknown> | undefined) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    aud: 'authenticated',
    role: 'authenticated',
    email,
    phone: '',
    confirmation_sent_at: now,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: data ?? {},
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

async function signUp(call: AuthCall): Promise<void> {
  const body = parseInput(call, signupBody);
  const settings = authSettingsOf(call.context.config);
  if (!settings.signupEnabled) throw AUTH_ERRORS.signupDisabled();
  if (!body.email && !body.phone && !body.password) return signUpAnonymously(call, body.data);
  if (body.phone && !body.email)
    throw new AuthError(422, ErrorCode.phoneProviderDisabled, 'Phone signups are disabled');
  if (!settings.emailSignupEnabled)
    throw new AuthError(422, ErrorCode.emailProviderDisabled, 'Email signups are disabled');
  const email = checkEmail(body.email ?? '');
  if (!body.password) throw AUTH_ERRORS.signupNeedsPassword();
  requireStrongPassword(call, body.password);
  const pkce = pkceOf(body);
  const redirectTo = safeRedirect(settings, requestedRedirect(call));
  const existing = await findUserByEmail(call.sql, email);
  if (existing?.email_confirmed_at || (existing && settings.autoconfirm)) {
    if (settings.autoconfirm) throw AUTH_ERRORS.userAlreadyExists();
    return sendAuthJson(call, 200, obfuscatedUser(email, body.data));
  }
  const encryptedPassword = await hashPassword(body.password);
  const result = await call.sql.begin(async (tx) => {
    // An unconfirmed address signs up again: only the link is re-sent. As upstream, the stored
    // password and data stay: whoever asks cannot be known to own the address, and a password set
    // here would work once the owner follows the confirmation link (account takeover).
    const user: UserRow =
      existing ??
      (await createUser(tx, { email, encryptedPassword, data: body.data, confirmed: settings.autoconfirm }));
    if (settings.autoconfirm) {
      await confirmEmail(tx, user.id);
      const confirmed = (await findUserById(tx, user.id)) as UserRow;
      return issueSession(tx, confirmed, {
        aal: 'aal1',
        amr: amrNow('password'),
        ip: call.ip,
        userAgent: userAgent(call),
      });
    }
    await sendConfirmation(tx, user, { redirectTo, pkce });
    return userJson((await findUserById(tx, user.id)) as UserRow);
  });
  sendAuthJson(call, 200, result);
}

export const signupRoutes: AuthRoute[] = [{ method: 'POST', path: '/signup', handle: signUp }];
