// Service-role endpoints of the email flows: POST /invite (creates the user, emails the invite)
// and POST /admin/generate_link (makes the link and code of any email flow without sending it).
import { z } from 'zod';
import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError, sendAuthJson } from './errors.ts';
import { checkEmail, optionalMetadata, parseInput, requestedRedirect, requireStrongPassword } from './input.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { authSettingsOf, safeRedirect } from './settings.ts';
import {
  type MadeLink,
  sendConfirmation,
  sendEmailChange,
  sendInvite,
  sendMagicLink,
  sendRecovery,
} from './token-mail.ts';
import { createUser } from './user-writes.ts';
import { findUserByEmail, findUserById, hashPassword, type UserRow, userJson } from './users.ts';

function requireServiceRole(call: AuthCall): void {
  const caller = call.context.caller;
  if (!caller.ok) {
    throw new AuthError(403, ErrorCode.badJwt, `invalid JWT: unable to parse or verify signature, ${caller.message}`);
  }
  if (caller.role !== 'service_role') throw AUTH_ERRORS.notAdmin();
}

const inviteBody = z.object({ email: z.string().nullish(), data: optionalMetadata });

async function invite(call: AuthCall): Promise<void> {
  requireServiceRole(call);
  const body = parseInput(call, inviteBody);
  const email = checkEmail(body.email ?? '');
  const redirectTo = safeRedirect(authSettingsOf(call.context.config), requestedRedirect(call));
  const existing = await findUserByEmail(call.sql, email);
  if (existing?.email_confirmed_at) throw AUTH_ERRORS.emailExists();
  const user = await call.sql.begin(async (tx) => {
    const user =
      existing ??
      (await createUser(tx, { email, encryptedPassword: null, data: body.data, confirmed: false, invited: true }));
    await sendInvite(tx, user, { redirectTo });
    return (await findUserById(tx, user.id)) as UserRow;
  });
  sendAuthJson(call, 200, userJson(user));
}

const LINK_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new'] as const;

const linkBody = z.object({
  type: z.string(),
  email: z.string().nullish(),
  new_email: z.string().nullish(),
  password: z.string().nullish(),
  data: optionalMetadata,
  redirect_to: z.string().nullish(),
});

async function generateLink(call: AuthCall): Promise<void> {
  requireServiceRole(call);
  const body = parseInput(call, linkBody);
  const type = body.type as (typeof LINK_TYPES)[number];
  if (!LINK_TYPES.includes(type))
    throw new AuthError(400, ErrorCode.validationFailed, 'Invalid email action link type requested');
  const email = checkEmail(body.email ?? '');
  const redirectTo = safeRedirect(authSettingsOf(call.context.config), requestedRedirect(call));
  const existing = await findUserByEmail(call.sql, email);
  const options = { redirectTo, send: false };
  if ((type === 'signup' || type === 'invite') && existing?.email_confirmed_at) throw AUTH_ERRORS.emailExists();
  if (!existing && type !== 'signup' && type !== 'invite' && type !== 'magiclink') {
    throw new AuthError(404, ErrorCode.userNotFound, 'User with this email not found');
  }
  let newEmail: string | null = null;
  if (type === 'email_change_current' || type === 'email_change_new') {
    newEmail = checkEmail(body.new_email ?? '');
    if (await findUserByEmail(call.sql, newEmail)) throw AUTH_ERRORS.emailExists();
  }
  let encryptedPassword: string | null = null;
  if (type === 'signup') {
    if (!body.password) throw AUTH_ERRORS.signupNeedsPassword();
    requireStrongPassword(call, body.password);
    encryptedPassword = await hashPassword(body.password);
  }
  const result = await call.sql.begin(async (tx) => {
    const invited = type === 'invite';
    const user =
      existing ?? (await createUser(tx, { email, encryptedPassword, data: body.data, confirmed: false, invited }));
    let made: MadeLink;
    if (type === 'signup') made = await sendConfirmation(tx, user, options);
    else if (type === 'invite') made = await sendInvite(tx, user, options);
    else if (type === 'magiclink') {
      made = user.email_confirmed_at
        ? await sendMagicLink(tx, user, options)
        : await sendConfirmation(tx, user, options);
    } else if (type === 'recovery') made = await sendRecovery(tx, user, options);
    else {
      const change = await sendEmailChange(tx, user, newEmail as string, options);
      made = type === 'email_change_current' && change.current ? change.current : change.next;
    }
    return { made, user: (await findUserById(tx, user.id)) as UserRow };
  });
  const { made, user } = result;
  sendAuthJson(call, 200, {
    ...userJson(user),
    action_link: made.actionLink,
    email_otp: made.token.otp,
    hashed_token: made.token.hash,
    verification_type: type.startsWith('email_change') ? type : made.type,
    redirect_to: redirectTo,
  });
}

export const inviteRoutes: AuthRoute[] = [
  { method: 'POST', path: '/invite', handle: invite },
  { method: 'POST', path: '/admin/generate_link', handle: generateLink },
];
