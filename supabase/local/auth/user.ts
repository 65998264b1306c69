// The signed-in user's own endpoints: GET /user, PUT /user (metadata, password, email change),
// GET /reauthenticate (a code for a sensitive change) and POST /logout?scope=global|local|others.
import type { TransactionSql } from 'postgres';
import { z } from 'zod';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthJson, sendNoContent } from './errors.ts';
import {
  checkEmail,
  optionalMetadata,
  parseInput,
  pkceFields,
  pkceOf,
  requestedRedirect,
  requireStrongPassword,
} from './input.ts';
import { clearToken, isExpired, sameToken, tokenHash } from './one-time-tokens.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { requireUser, type SignedIn } from './sessions.ts';
import { authSettingsOf, safeRedirect } from './settings.ts';
import { sendEmailChange, sendReauthentication } from './token-mail.ts';
import { applyEmailChange } from './user-writes.ts';
import {
  findUserByEmail,
  findUserById,
  hashPassword,
  lockUser,
  type UserRow,
  userJson,
  verifyPassword,
} from './users.ts';
import { WrongGuesses } from './wrong-guesses.ts';

const updateBody = z.object({
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
  nonce: z.string().nullish(),
  data: optionalMetadata,
  app_metadata: optionalMetadata,
  channel: z.string().nullish(),
  ...pkceFields,
});

const DAY_MS = 24 * 60 * 60_000;

async function getUser(call: AuthCall): Promise<void> {
  const found = await requireUser(call);
  if (found) sendAuthJson(call, 200, userJson(found.user));
}

/** Wrong nonces per user against the token sent at a given time. */
const wrongNonces = new WrongGuesses();

const invalidNonce = () => new AuthError(422, ErrorCode.reauthenticationNotValid, 'Nonce has expired or is invalid');

/**
 * Upstream's secure password change: a nonce from /reauthenticate, required for older sessions.
 * False for a wrong or expired nonce; the caller commits (the token may have been spent) and then
 * refuses. Runs under the user row lock and rereads the token, so parallel guesses are counted too.
 */
async function checkNonce(call: AuthCall, tx: TransactionSql, me: SignedIn, nonce: string | undefined) {
  const settings = authSettingsOf(call.context.config);
  if (!nonce) {
    if (settings.securePasswordChange && me.session.created_at.getTime() + DAY_MS < Date.now()) {
      throw new AuthError(400, ErrorCode.reauthenticationNeeded, 'Password update requires reauthentication');
    }
    return true;
  }
  const user = (await findUserById(tx, me.user.id)) as UserRow;
  const sentAt = user.reauthentication_sent_at?.getTime() ?? 0;
  const valid =
    sameToken(user.reauthentication_token, tokenHash(user.email ?? '', nonce)) &&
    !isExpired(user.reauthentication_sent_at, settings.otpExpiryS);
  if (valid) {
    wrongNonces.forget(user.id);
    await clearToken(tx, user.id, 'reauthentication_token');
    return true;
  }
  if (!user.reauthentication_token) return false;
  // A six-digit code must not be guessable: the fifth wrong nonce spends the token.
  if (wrongNonces.count(user.id, String(sentAt))) await clearToken(tx, user.id, 'reauthentication_token');
  return false;
}

async function updateUser(call: AuthCall): Promise<void> {
  const me = await requireUser(call);
  if (!me) return;
  const body = parseInput(call, updateBody);
  const settings = authSettingsOf(call.context.config);
  if (body.phone) throw new AuthError(422, ErrorCode.phoneProviderDisabled, 'Phone logins are disabled');
  const newEmail = body.email ? checkEmail(body.email) : null;
  const changingEmail = newEmail !== null && newEmail !== me.user.email;
  if (changingEmail && (await findUserByEmail(call.sql, newEmail))) {
    throw AUTH_ERRORS.emailExists();
  }
  let encrypted: string | null = null;
  if (body.password != null) {
    if (me.user.is_anonymous && !me.user.email) {
      throw new AuthError(
        422,
        ErrorCode.validationFailed,
        'Updating password of an anonymous user without an email is not allowed',
      );
    }
    requireStrongPassword(call, body.password);
    if (await verifyPassword(body.password, me.user.encrypted_password)) {
      throw new AuthError(422, ErrorCode.samePassword, 'New password should be different from the old password.');
    }
    encrypted = await hashPassword(body.password);
  }
  const pkce = pkceOf(body);
  const redirectTo = safeRedirect(settings, requestedRedirect(call));
  const user = await call.sql.begin(async (tx) => {
    await lockUser(tx, me.user.id);
    if (encrypted) {
      // Nothing is written yet: commit the attempt's count (and a spent token), then refuse.
      if (!(await checkNonce(call, tx, me, body.nonce ?? undefined))) return null;
      await tx`update auth.users set encrypted_password = ${encrypted}, updated_at = now() where id = ${me.user.id}`;
    }
    if (body.data) {
      // Upstream merges: keys with null are removed, the rest replace.
      await tx`
        update auth.users set updated_at = now(), raw_user_meta_data = jsonb_strip_nulls(
          coalesce(raw_user_meta_data, '{}'::jsonb) || ${tx.json(body.data as never)})
        where id = ${me.user.id}`;
    }
    if (changingEmail && newEmail) {
      const current = (await findUserById(tx, me.user.id)) as UserRow;
      if (settings.autoconfirm) {
        await tx`update auth.users set email_change = ${newEmail} where id = ${me.user.id}`;
        await applyEmailChange(tx, { ...current, email_change: newEmail });
      } else {
        await sendEmailChange(tx, current, newEmail, { redirectTo, pkce });
      }
    }
    return (await findUserById(tx, me.user.id)) as UserRow;
  });
  if (!user) throw invalidNonce();
  sendAuthJson(call, 200, userJson(user));
}

async function reauthenticate(call: AuthCall): Promise<void> {
  const me = await requireUser(call);
  if (!me) return;
  if (!me.user.email)
    throw new AuthError(422, ErrorCode.validationFailed, 'Reauthentication requires the user to have an email');
  await call.sql.begin((tx) => sendReauthentication(tx, me.user));
  sendAuthJson(call, 200, {});
}

async function logout(call: AuthCall): Promise<void> {
  const me = await requireUser(call);
  if (!me) return;
  const scope = call.context.url.searchParams.get('scope') ?? 'global';
  if (scope === 'local') await call.sql`delete from auth.sessions where id = ${me.session.id}`;
  else if (scope === 'others') {
    await call.sql`delete from auth.sessions where user_id = ${me.user.id} and id <> ${me.session.id}`;
  } else if (scope === 'global') await call.sql`delete from auth.sessions where user_id = ${me.user.id}`;
  else throw new AuthError(400, ErrorCode.validationFailed, `Unsupported logout scope "${scope}"`);
  sendNoContent(call);
}

export const userRoutes: AuthRoute[] = [
  { method: 'GET', path: '/user', handle: getUser },
  { method: 'PUT', path: '/user', handle: updateUser },
  { method: 'GET', path: '/reauthenticate', handle: reauthenticate },
  { method: 'POST', path: '/logout', handle: logout },
];
