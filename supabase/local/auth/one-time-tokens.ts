// One-time tokens as upstream keeps them: the sha224 hex of (address + code) in the user's token
// column (prefixed `pkce_` for PKCE flows) and mirrored in auth.one_time_tokens, valid for the
// configured OTP expiry after the matching *_sent_at.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { TransactionSql } from 'postgres';

export type TokenKind =
  | 'confirmation_token'
  | 'recovery_token'
  | 'email_change_token_current'
  | 'email_change_token_new'
  | 'reauthentication_token';

/** The `*_sent_at` column that dates each kind. */
export const SENT_AT: Record<TokenKind, string> = {
  confirmation_token: 'confirmation_sent_at',
  recovery_token: 'recovery_sent_at',
  email_change_token_current: 'email_change_sent_at',
  email_change_token_new: 'email_change_sent_at',
  reauthentication_token: 'reauthentication_sent_at',
};

export const PKCE_PREFIX = 'pkce_';

export function generateOtp(length: number): string {
  let otp = '';
  for (let i = 0; i < length; i += 1) otp += String(randomInt(10));
  return otp;
}

/** Upstream's token hash: sha224 hex of the address followed by the code. */
export function tokenHash(address: string, otp: string): string {
  return createHash('sha224').update(`${address}${otp}`).digest('hex');
}

/** A stored token matches a hash or code-derived hash whatever its flow prefix (in constant time). */
export function sameToken(stored: string | null, candidate: string): boolean {
  if (!stored || !candidate) return false;
  const bare = (value: string) => (value.startsWith(PKCE_PREFIX) ? value.slice(PKCE_PREFIX.length) : value);
  const a = Buffer.from(bare(stored));
  const b = Buffer.from(bare(candidate));
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface IssuedToken {
  otp: string;
  /** What the user's column holds and the email link carries (`pkce_` + hash in a PKCE flow). */
  hash: string;
}

/** Makes a new token of `kind` for `userId` (replacing the last one) and stamps its *_sent_at. */
export async function issueToken(
  tx: TransactionSql,
  userId: string,
  kind: TokenKind,
  address: string,
  options: { otpLength: number; pkce: boolean },
): Promise<IssuedToken> {
  const otp = generateOtp(options.otpLength);
  const hash = `${options.pkce ? PKCE_PREFIX : ''}${tokenHash(address, otp)}`;
  await tx`
    update auth.users set ${tx(kind)} = ${hash}, ${tx(SENT_AT[kind])} = now(), updated_at = now()
    where id = ${userId}`;
  await tx`delete from auth.one_time_tokens where user_id = ${userId} and token_type = ${kind}`;
  await tx`
    insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
    values (${randomUUID()}, ${userId}, ${kind}, ${hash}, ${address.toLowerCase()})`;
  return { otp, hash };
}

/** Spends a token: blanks the column (upstream keeps '' rather than null) and drops the mirror row. */
export async function clearToken(tx: TransactionSql, userId: string, kind: TokenKind): Promise<void> {
  await tx`update auth.users set ${tx(kind)} = '' where id = ${userId}`;
  await tx`delete from auth.one_time_tokens where user_id = ${userId} and token_type = ${kind}`;
}

export function isExpired(sentAt: Date | null, expirySeconds: number): boolean {
  return !sentAt || sentAt.getTime() + expirySeconds * 1000 < Date.now();
}
