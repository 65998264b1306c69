// Verifying a TOTP challenge: the checks upstream makes, in its order (challenge exists, unused and
// from the same address, not expired, code right), plus single use of each code; then the session
// upgrade to aal2 and a fresh token pair for the same session, all in one transaction.

import { ErrorCode } from './error-codes.ts';
import { AUTH_ERRORS, AuthError } from './errors.ts';
import type { Caller } from './mfa-caller.ts';
import {
  addAmrClaim,
  deleteChallenge,
  deleteSessionsBelowAal2,
  deleteUnverifiedFactors,
  type FactorRow,
  findChallenge,
  findOwnedFactor,
  lastAcceptedStep,
  markChallengeVerified,
  markFactorVerified,
  setSessionAal2,
} from './mfa-queries.ts';
import { mfaSettings } from './mfa-settings.ts';
import type { AuthCall } from './routes.ts';
import { amrOfSession, issueSession, type SessionResponse } from './sessions.ts';
import { matchTotpStep } from './totp.ts';
import { findUserById, lockUser } from './users.ts';

const usedOrForeign = () =>
  new AuthError(422, ErrorCode.mfaIpAddressMismatch, 'Challenge and verify IP addresses mismatch.');

/** The new aal2 session; refusals are thrown as AuthError (the router answers them). */
export async function verifyTotpChallenge(
  call: AuthCall,
  caller: Caller,
  factor: FactorRow,
  challengeId: string,
  code: string,
): Promise<SessionResponse> {
  const expiry = mfaSettings(call.context.config).challengeExpirySeconds;
  const challenge = await findChallenge(call.sql, factor.id, challengeId);
  if (!challenge)
    throw new AuthError(422, ErrorCode.mfaFactorNotFound, 'MFA factor with the provided challenge ID not found');
  if (challenge.verified_at || challenge.ip_address !== call.ip) throw usedOrForeign();
  if (challenge.created_at.getTime() + expiry * 1000 < Date.now()) {
    await deleteChallenge(call.sql, challenge.id);
    throw new AuthError(
      422,
      ErrorCode.mfaChallengeExpired,
      `MFA challenge ${challenge.id} has expired, verify against another challenge or create a new challenge.`,
    );
  }
  return call.sql.begin(async (tx) => {
    // The user row lock (taken by enroll too, and first) serialises this with an enroll: else an
    // aal1 enroll could commit an unverified factor after the sweep below, beside the verified one.
    await lockUser(tx, caller.user.id);
    // The factor row lock serialises verifies of one factor, so a code is accepted at most once.
    const locked = await findOwnedFactor(tx, caller.user.id, factor.id, true);
    const current = locked && (await findChallenge(tx, factor.id, challengeId));
    if (!locked || !current || current.verified_at) throw usedOrForeign();
    const step = matchTotpStep(locked.secret ?? '', code);
    const last = await lastAcceptedStep(tx, factor.id);
    if (step === null || (last !== null && step <= last)) {
      throw new AuthError(422, ErrorCode.mfaVerificationFailed, 'Invalid TOTP code entered');
    }
    await markChallengeVerified(tx, challengeId, step);
    if (locked.status !== 'verified') await markFactorVerified(tx, factor.id);
    await addAmrClaim(tx, caller.sessionId, 'totp');
    await setSessionAal2(tx, caller.sessionId, factor.id);
    await deleteSessionsBelowAal2(tx, caller.user.id);
    await deleteUnverifiedFactors(tx, caller.user.id, 'totp');
    const user = await findUserById(tx, caller.user.id);
    if (!user) throw AUTH_ERRORS.userNotFound();
    return issueSession(tx, user, {
      aal: 'aal2',
      amr: await amrOfSession(tx, caller.sessionId),
      sessionId: caller.sessionId,
      factorId: factor.id,
      ip: call.ip,
      userAgent: call.context.req.headers['user-agent'] ?? null,
    });
  }) as Promise<SessionResponse>;
}
