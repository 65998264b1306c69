// The flows that make a one-time token and (unless an admin only wants the link) email it:
// confirmation, magic link, recovery, invite, email change and reauthentication. Each honours the
// per-address max_frequency and starts a PKCE flow when the client sent a challenge.
import type { TransactionSql } from 'postgres';
import { currentCall } from './call-scope.ts';
import { type LinkType, sendLinkEmail, sendReauthenticationEmail, verifyLink } from './emails.ts';
import { ErrorCode } from './error-codes.ts';
import { AuthError } from './errors.ts';
import { startFlow } from './flow-state.ts';
import type { Pkce } from './input.ts';
import { type IssuedToken, issueToken, type TokenKind } from './one-time-tokens.ts';
import { secondsUntilNextEmail } from './rate-limit.ts';
import { authSettingsOf } from './settings.ts';
import type { UserRow } from './users.ts';

export interface SendOptions {
  redirectTo: string;
  pkce?: Pkce | null;
  /** false: make the token and link only (admin generate_link). */
  send?: boolean;
}

export interface MadeLink {
  token: IssuedToken;
  actionLink: string;
  type: LinkType;
}

function settings() {
  return authSettingsOf(currentCall().context.config);
}

function throttle(sentAt: Date | null, send: boolean): void {
  if (!send) return;
  const wait = secondsUntilNextEmail(sentAt, settings().maxFrequencyMs);
  if (wait > 0) {
    throw new AuthError(
      429,
      ErrorCode.overEmailSendRateLimit,
      `For security purposes, you can only request this after ${wait} seconds.`,
      {},
      { retryAfterS: wait },
    );
  }
}

const FLOW_METHOD: Record<LinkType, string> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email_change: 'email_change',
};

async function linkFlow(
  tx: TransactionSql,
  user: UserRow,
  kind: TokenKind,
  type: LinkType,
  sentAt: Date | null,
  options: SendOptions,
): Promise<MadeLink> {
  const send = options.send ?? true;
  throttle(sentAt, send);
  const email = user.email ?? '';
  const pkce = options.pkce ?? null;
  const token = await issueToken(tx, user.id, kind, email, { otpLength: settings().otpLength, pkce: pkce !== null });
  if (pkce) await startFlow(tx, user.id, pkce, FLOW_METHOD[type]);
  if (type === 'invite') await tx`update auth.users set invited_at = coalesce(invited_at, now()) where id = ${user.id}`;
  if (send) await sendLinkEmail(tx, email, type, token, options.redirectTo);
  return { token, actionLink: verifyLink(type, token, options.redirectTo), type };
}

export function sendConfirmation(tx: TransactionSql, user: UserRow, options: SendOptions) {
  return linkFlow(tx, user, 'confirmation_token', 'signup', user.confirmation_sent_at, options);
}

export function sendInvite(tx: TransactionSql, user: UserRow, options: SendOptions) {
  return linkFlow(tx, user, 'confirmation_token', 'invite', user.confirmation_sent_at, options);
}

export function sendMagicLink(tx: TransactionSql, user: UserRow, options: SendOptions) {
  return linkFlow(tx, user, 'recovery_token', 'magiclink', user.recovery_sent_at, options);
}

export function sendRecovery(tx: TransactionSql, user: UserRow, options: SendOptions) {
  return linkFlow(tx, user, 'recovery_token', 'recovery', user.recovery_sent_at, options);
}

export interface MadeEmailChange {
  current: MadeLink | null;
  next: MadeLink;
}

/**
 * Starts a change of address to `newEmail`: a token for the new address, and with
 * double_confirm_changes one for the current address too; both must be followed.
 */
export async function sendEmailChange(
  tx: TransactionSql,
  user: UserRow,
  newEmail: string,
  options: SendOptions,
): Promise<MadeEmailChange> {
  const send = options.send ?? true;
  throttle(user.email_change_sent_at, send);
  const pkce = options.pkce ?? null;
  const config = { otpLength: settings().otpLength, pkce: pkce !== null };
  await tx`
    update auth.users set email_change = ${newEmail}, email_change_confirm_status = 0, email_change_token_current = ''
    where id = ${user.id}`;
  const next = await issueToken(tx, user.id, 'email_change_token_new', newEmail, config);
  const double = settings().doubleConfirmChanges && Boolean(user.email);
  const current = double ? await issueToken(tx, user.id, 'email_change_token_current', user.email ?? '', config) : null;
  if (pkce) await startFlow(tx, user.id, pkce, 'email_change');
  const change = { email: user.email ?? '', newEmail };
  if (send) {
    await sendLinkEmail(tx, newEmail, 'email_change', next, options.redirectTo, change);
    if (current) await sendLinkEmail(tx, user.email ?? '', 'email_change', current, options.redirectTo, change);
  }
  const link = (token: IssuedToken): MadeLink => ({
    token,
    actionLink: verifyLink('email_change', token, options.redirectTo),
    type: 'email_change',
  });
  return { next: link(next), current: current ? link(current) : null };
}

export async function sendReauthentication(tx: TransactionSql, user: UserRow): Promise<void> {
  throttle(user.reauthentication_sent_at, true);
  const email = user.email ?? '';
  const token = await issueToken(tx, user.id, 'reauthentication_token', email, {
    otpLength: settings().otpLength,
    pkce: false,
  });
  await sendReauthenticationEmail(tx, email, token);
}
