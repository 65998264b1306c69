// Finding and spending the one-time token that a /verify names, by type: by token hash (links)
// or by address + code (typed OTPs). Refuses expired or unknown tokens with upstream's 403.
import type { TransactionSql } from 'postgres';
import { AuthError } from './errors.ts';
import { isExpired, sameToken, type TokenKind, tokenHash } from './one-time-tokens.ts';
import { findUserByEmail, findUserById, lockUser, type UserRow } from './users.ts';

export type VerifyType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change' | 'email';

/** The token columns each type may match, in upstream's order. */
const KINDS: Record<VerifyType, TokenKind[]> = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  magiclink: ['recovery_token'],
  recovery: ['recovery_token'],
  email_change: ['email_change_token_new', 'email_change_token_current'],
  email: ['confirmation_token', 'recovery_token'],
};

const SENT_AT: Record<TokenKind, keyof UserRow> = {
  confirmation_token: 'confirmation_sent_at',
  recovery_token: 'recovery_sent_at',
  email_change_token_current: 'email_change_sent_at',
  email_change_token_new: 'email_change_sent_at',
  reauthentication_token: 'reauthentication_sent_at',
};

export const otpExpired = () => new AuthError(403, 'otp_expired', 'Token has expired or is invalid');

export interface Matched {
  user: UserRow;
  kind: TokenKind;
  /** The stored token started a PKCE flow. */
  pkce: boolean;
}

function addressFor(user: UserRow, kind: TokenKind): string {
  return kind === 'email_change_token_new' ? (user.email_change ?? '') : (user.email ?? '');
}

function check(user: UserRow, kinds: TokenKind[], candidate: (kind: TokenKind) => string, expiryS: number): Matched {
  for (const kind of kinds) {
    const stored = user[kind] as string | null;
    if (!sameToken(stored, candidate(kind))) continue;
    if (isExpired(user[SENT_AT[kind]] as Date | null, expiryS)) throw otpExpired();
    return { user, kind, pkce: (stored ?? '').startsWith('pkce_') };
  }
  throw otpExpired();
}

/** The user whose stored token equals `hash` (locked for the transaction). */
export async function matchTokenHash(tx: TransactionSql, type: VerifyType, hash: string, expiryS: number) {
  const kinds = KINDS[type];
  const bare = hash.replace(/^pkce_/, '');
  const [row] = await tx<{ user_id: string }[]>`
    select user_id from auth.one_time_tokens
    where token_hash in (${bare}, ${`pkce_${bare}`}) and token_type in ${tx(kinds)} limit 1`;
  if (!row) throw otpExpired();
  await lockUser(tx, row.user_id);
  const user = await findUserById(tx, row.user_id);
  if (!user) throw otpExpired();
  return check(user, kinds, () => bare, expiryS);
}

/** The user of `email` whose token of `type` was made from `otp`. */
export async function matchOtp(tx: TransactionSql, type: VerifyType, email: string, otp: string, expiryS: number) {
  const found = await findUserByEmail(tx, email);
  const pending = found ? undefined : await findUserByPendingEmail(tx, email);
  const user = found ?? pending;
  if (!user) throw otpExpired();
  await lockUser(tx, user.id);
  const fresh = (await findUserById(tx, user.id)) as UserRow;
  return check(fresh, KINDS[type], (kind) => tokenHash(addressFor(fresh, kind), otp), expiryS);
}

async function findUserByPendingEmail(tx: TransactionSql, email: string) {
  const [row] = await tx<{ id: string }[]>`
    select id from auth.users where lower(email_change) = ${email.trim().toLowerCase()} limit 1`;
  return row ? findUserById(tx, row.id) : undefined;
}
