// Finding and spending the one-time token that a /verify names, by type: by token hash (links)
// or by address + code (typed OTPs). Refuses expired or unknown tokens with upstream's 403. Wrong
// codes typed for an address are counted per user and code, and the fifth spends the code.
import type { TransactionSql } from 'postgres';
import { ErrorCode } from './error-codes.ts';
import { AuthError } from './errors.ts';
import { clearToken, isExpired, sameToken, type TokenKind, tokenHash } from './one-time-tokens.ts';
import { findUserByEmail, findUserById, lockUser, type UserRow } from './users.ts';
import { WRONG_GUESS_LIMIT, WrongGuesses } from './wrong-guesses.ts';

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

export const otpExpired = () => new AuthError(403, ErrorCode.otpExpired, 'Token has expired or is invalid');

export interface Matched {
  user: UserRow;
  kind: TokenKind;
  /** The stored token started a PKCE flow. */
  pkce: boolean;
}

function addressFor(user: UserRow, kind: TokenKind): string {
  return kind === 'email_change_token_new' ? (user.email_change ?? '') : (user.email ?? '');
}

/** The token of `kinds` that `candidate` names, null when none does; throws when it has expired. */
function find(user: UserRow, kinds: TokenKind[], candidate: (kind: TokenKind) => string, expiryS: number) {
  for (const kind of kinds) {
    const stored = user[kind] as string | null;
    if (!sameToken(stored, candidate(kind))) continue;
    if (isExpired(user[SENT_AT[kind]] as Date | null, expiryS)) throw otpExpired();
    return { user, kind, pkce: (stored ?? '').startsWith('pkce_') };
  }
  return null;
}

const wrongCodes = new WrongGuesses();

/**
 * A wrong code for `user`: counted against each live code it could have been, and the fifth wrong
 * guess at a code spends it (written in `tx`, which the caller must commit before refusing).
 */
async function countWrongCode(tx: TransactionSql, user: UserRow, kinds: TokenKind[]): Promise<void> {
  for (const kind of kinds) {
    const stored = user[kind] as string | null;
    if (!stored) continue;
    if (!wrongCodes.count(`${user.id}/${kind}`, stored)) continue;
    await clearToken(tx, user.id, kind);
    // A security event worth a line in the log: someone may be guessing this user's code.
    process.stderr.write(`auth: ${kind} of user ${user.id} spent after ${WRONG_GUESS_LIMIT} wrong codes\n`);
  }
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
  const matched = find(user, kinds, () => bare, expiryS);
  if (!matched) throw otpExpired();
  return matched;
}

/**
 * The user of `email` whose token of `type` was made from `otp`, or null for a wrong code (counted,
 * see countWrongCode: the caller commits and then refuses with otpExpired).
 */
export async function matchOtp(
  tx: TransactionSql,
  type: VerifyType,
  email: string,
  otp: string,
  expiryS: number,
): Promise<Matched | null> {
  const found = await findUserByEmail(tx, email);
  const pending = found ? undefined : await findUserByPendingEmail(tx, email);
  const user = found ?? pending;
  if (!user) throw otpExpired();
  // Under the row lock, so parallel guesses are each counted against the code they saw.
  await lockUser(tx, user.id);
  const fresh = (await findUserById(tx, user.id)) as UserRow;
  const kinds = KINDS[type];
  const matched = find(fresh, kinds, (kind) => tokenHash(addressFor(fresh, kind), otp), expiryS);
  if (matched) {
    for (const kind of kinds) wrongCodes.forget(`${fresh.id}/${kind}`);
    return matched;
  }
  await countWrongCode(tx, fresh, kinds);
  return null;
}

async function findUserByPendingEmail(tx: TransactionSql, email: string) {
  const [row] = await tx<{ id: string }[]>`
    select id from auth.users where lower(email_change) = ${email.trim().toLowerCase()} limit 1`;
  return row ? findUserById(tx, row.id) : undefined;
}
