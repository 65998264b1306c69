// POST /otp (magic link and email code, creating the user unless create_user is false),
// POST /recover (password reset link) and POST /resend (signup or email-change confirmation).
// Unknown addresses get the same 200 as known ones where upstream hides who has an account.
import { z } from 'zod';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthJson } from './errors.ts';
import { checkEmail, optionalMetadata, parseInput, pkceFields, pkceOf, requestedRedirect } from './input.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { authSettingsOf, safeRedirect } from './settings.ts';
import { sendConfirmation, sendEmailChange, sendMagicLink, sendRecovery } from './token-mail.ts';
import { createUser } from './user-writes.ts';
import { findUserByEmail, findUserById, type UserRow } from './users.ts';

const otpBody = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  create_user: z.boolean().nullish(),
  data: optionalMetadata,
  channel: z.string().nullish(),
  ...pkceFields,
});

const recoverBody = z.object({ email: z.string().nullish(), ...pkceFields });

const resendBody = z.object({
  type: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  ...pkceFields,
});

async function otp(call: AuthCall): Promise<void> {
  const body = parseInput(call, otpBody);
  if (body.phone && !body.email) throw AUTH_ERRORS.phoneUnsupported();
  const email = checkEmail(body.email ?? '');
  const settings = authSettingsOf(call.context.config);
  const pkce = pkceOf(body);
  const redirectTo = safeRedirect(settings, requestedRedirect(call));
  const existing = await findUserByEmail(call.sql, email);
  if (!existing) {
    if (body.create_user === false) throw new AuthError(422, ErrorCode.otpDisabled, 'Signups not allowed for otp');
    if (!settings.signupEnabled || !settings.emailSignupEnabled) {
      throw AUTH_ERRORS.signupDisabled();
    }
  }
  await call.sql.begin(async (tx) => {
    const user: UserRow =
      existing ?? (await createUser(tx, { email, encryptedPassword: null, data: body.data, confirmed: false }));
    // Upstream: an unconfirmed address gets the signup confirmation (which also signs in).
    if (user.email_confirmed_at) await sendMagicLink(tx, user, { redirectTo, pkce });
    else await sendConfirmation(tx, user, { redirectTo, pkce });
  });
  sendAuthJson(call, 200, {});
}

async function recover(call: AuthCall): Promise<void> {
  const body = parseInput(call, recoverBody);
  const email = checkEmail(body.email ?? '');
  const settings = authSettingsOf(call.context.config);
  const pkce = pkceOf(body);
  const redirectTo = safeRedirect(settings, requestedRedirect(call));
  const user = await findUserByEmail(call.sql, email);
  if (user) await call.sql.begin((tx) => sendRecovery(tx, user, { redirectTo, pkce }));
  sendAuthJson(call, 200, {});
}

async function resend(call: AuthCall): Promise<void> {
  const body = parseInput(call, resendBody);
  const settings = authSettingsOf(call.context.config);
  const pkce = pkceOf(body);
  const redirectTo = safeRedirect(settings, requestedRedirect(call));
  if (body.type !== 'signup' && body.type !== 'email_change') {
    if (body.type === 'sms' || body.type === 'phone_change') {
      throw new AuthError(400, ErrorCode.phoneProviderDisabled, 'Phone logins are disabled');
    }
    throw new AuthError(
      400,
      ErrorCode.validationFailed,
      'Missing one of these types: signup, email_change, sms, phone_change',
    );
  }
  const email = checkEmail(body.email ?? '');
  if (body.type === 'signup') {
    const user = await findUserByEmail(call.sql, email);
    if (user && !user.email_confirmed_at) {
      await call.sql.begin((tx) => sendConfirmation(tx, user, { redirectTo, pkce }));
    }
    return sendAuthJson(call, 200, {});
  }
  const [row] = await call.sql<{ id: string }[]>`
    select id from auth.users
    where (lower(email) = ${email} or lower(email_change) = ${email}) and coalesce(email_change, '') <> '' limit 1`;
  const changing = row ? await findUserById(call.sql, row.id) : undefined;
  if (changing?.email_change) {
    const to = changing.email_change;
    await call.sql.begin((tx) => sendEmailChange(tx, changing, to, { redirectTo, pkce }));
  }
  sendAuthJson(call, 200, {});
}

export const otpRoutes: AuthRoute[] = [
  { method: 'POST', path: '/otp', handle: otp },
  { method: 'POST', path: '/magiclink', handle: otp },
  { method: 'POST', path: '/recover', handle: recover },
  { method: 'POST', path: '/resend', handle: resend },
];
