// The signed-in user's second factors (TOTP authenticator apps), through Auth's MFA API with
// the request's server client: a verify upgrades the session to aal2 and auth-js saves the new
// tokens, which @supabase/ssr writes to the response's cookies (MFA_CHALLENGE_VERIFIED). Auth
// decides every rule (aal2 to enrol a second factor or remove one, single-use codes, expiry).
import type { AuthError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';

export interface Factor {
  id: string;
  name: string;
  verified: boolean;
  createdAt: string;
}

export interface TotpEnrolment {
  factorId: string;
  /** An SVG `data:` URL (auth-js adds the prefix), shown as an image. */
  qrCode: string;
  /** The base32 secret, for typing into an app by hand. */
  secret: string;
}

/** An Auth refusal: its stable code (`mfa_verification_failed`, `insufficient_aal`, …). */
export interface MfaRefusal {
  code: string;
}

const refusal = (error: AuthError): MfaRefusal => ({ code: error.code ?? `http_${error.status ?? 0}` });

/** Auth's answers for a session it no longer has (signed out elsewhere, ended by an MFA upgrade). */
const SESSION_GONE = new Set(['session_not_found', 'user_not_found', 'bad_jwt', 'no_authorization']);

/**
 * The user's TOTP factors, verified first, or null when Auth no longer knows this session. Asks
 * Auth (the cookie's copy of the user may be stale).
 */
export async function listFactors(supabase: Supabase): Promise<Factor[] | null> {
  const { data, error } = await supabase.auth.mfa.listFactors();
  if (error) {
    if (error.name === 'AuthSessionMissingError' || SESSION_GONE.has(error.code ?? '')) return null;
    throw error;
  }
  return data.all
    .filter((factor) => factor.factor_type === 'totp')
    .map((factor) => ({
      id: factor.id,
      name: factor.friendly_name ?? 'Authenticator app',
      verified: factor.status === 'verified',
      createdAt: factor.created_at,
    }))
    .sort((a, b) => Number(b.verified) - Number(a.verified) || a.createdAt.localeCompare(b.createdAt));
}

/**
 * Starts enrolling an authenticator app named `name`. Unfinished enrolments are dropped first:
 * they hold their names, and Auth refuses two factors with one name.
 */
export async function startTotpEnrolment(
  supabase: Supabase,
  name: string,
): Promise<{ enrolment: TotpEnrolment; error?: never } | { enrolment?: never; error: MfaRefusal }> {
  for (const factor of (await listFactors(supabase)) ?? []) {
    if (!factor.verified) await supabase.auth.mfa.unenroll({ factorId: factor.id });
  }
  const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: name, issuer: 'Roost' });
  if (error) return { error: refusal(error) };
  return { enrolment: { factorId: data.id, qrCode: data.totp.qr_code, secret: data.totp.secret } };
}

/** Checks a 6-digit code of the factor; on success the session is aal2 and its cookies are set. */
export async function verifyCode(supabase: Supabase, factorId: string, code: string): Promise<MfaRefusal | null> {
  const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId, code });
  return error ? refusal(error) : null;
}

/**
 * Removes a factor (Auth wants aal2 when the user has a verified one). Auth puts the sessions
 * that used it back to aal1, so the session is refreshed for cookies that say so.
 */
export async function removeFactor(supabase: Supabase, factorId: string): Promise<MfaRefusal | null> {
  const { error } = await supabase.auth.mfa.unenroll({ factorId });
  if (error) return refusal(error);
  await supabase.auth.refreshSession();
  return null;
}
