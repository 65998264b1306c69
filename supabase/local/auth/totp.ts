// TOTP as Supabase Auth uses it (RFC 6238 with authenticator-app defaults): a 160-bit secret in
// base32, SHA1, 6 digits, 30 s steps, and one step of clock skew either way.
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of the current one. */
export const TOTP_SKEW_STEPS = 1;

const CODE = /^[0-9]{6}$/;

/** A fresh random secret, base32 without padding (what authenticator apps read). */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/…` URI an authenticator app enrolls from. */
export function totpUri(secret: string, issuer: string, accountName: string): string {
  return totpFor(secret, issuer, accountName).toString();
}

/**
 * The time step (counter) that `code` belongs to, or null when it matches none within the skew.
 * Callers refuse a step at or before the last one they accepted for the factor, so a code can be
 * used once only, even inside its validity window.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!CODE.test(code)) return null;
  const totp = totpFor(secret);
  const delta = totp.validate({ token: code, timestamp: now, window: TOTP_SKEW_STEPS });
  if (delta === null) return null;
  return totp.counter({ timestamp: now }) + delta;
}

/** The code for the step containing `timestamp` (tests compute codes the way an app would). */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return totpFor(secret).generate({ timestamp });
}

function totpFor(secret: string, issuer = '', label = 'OTPAuth'): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}
