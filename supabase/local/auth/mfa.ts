// TOTP multi-factor authentication for the signed-in user, as Supabase Auth serves it:
// POST /factors (enroll), POST /factors/:id/challenge, POST /factors/:id/verify (a new aal2
// session on the same session id), DELETE /factors/:id (unenroll). auth-js's `auth.mfa.*`
// speaks exactly these.
import { z } from 'zod';
import { UUID } from './admin-input.ts';
import { ErrorCode } from './error-codes.ts';
import { AuthError, sendAuthError, sendAuthJson } from './errors.ts';
import { parseInput } from './input.ts';
import { type Caller, requireSignedIn } from './mfa-caller.ts';
import {
  deleteExpiredFactors,
  deleteFactor,
  downgradeSessionsOfFactor,
  type FactorRow,
  findOwnedFactor,
  insertChallenge,
  insertTotpFactor,
  listFactors,
  sessionAal,
} from './mfa-queries.ts';
import { mfaSettings } from './mfa-settings.ts';
import { verifyTotpChallenge } from './mfa-verify.ts';
import { qrSvg } from './qr-svg.ts';
import type { AuthCall, AuthRoute } from './routes.ts';
import { generateTotpSecret, totpUri } from './totp.ts';
import { lockUser } from './users.ts';

const enrollBody = z.object({
  factor_type: z.string().optional(),
  friendly_name: z.string().max(512).optional(),
  issuer: z.string().max(256).optional(),
  phone: z.string().optional(),
});

const verifyBody = z.object({
  challenge_id: z.string().regex(UUID, 'challenge_id must be an UUID'),
  code: z.string().optional(),
});

/** The caller's factor named in the path, or an answer already sent. */
async function loadFactor(call: AuthCall, caller: Caller): Promise<FactorRow | null> {
  const id = call.params.id ?? '';
  if (!UUID.test(id)) {
    sendAuthError(call, 404, ErrorCode.validationFailed, 'factor_id must be an UUID');
    return null;
  }
  const factor = await findOwnedFactor(call.sql, caller.user.id, id);
  if (!factor) {
    sendAuthError(call, 404, ErrorCode.mfaFactorNotFound, 'Factor not found');
    return null;
  }
  return factor;
}

async function enroll(call: AuthCall): Promise<void> {
  const caller = await requireSignedIn(call);
  if (!caller) return;
  const body = parseInput(call, enrollBody);
  const { factor_type: type, friendly_name: friendlyName = '', issuer } = body;
  const settings = mfaSettings(call.context.config);
  if (type === 'phone' || type === 'webauthn') {
    sendAuthError(
      call,
      422,
      type === 'phone' ? ErrorCode.mfaPhoneEnrollNotEnabled : ErrorCode.mfaWebauthnEnrollNotEnabled,
      `MFA enroll is disabled for ${type === 'phone' ? 'Phone' : 'WebAuthn'}`,
    );
    return;
  }
  if (type !== 'totp') {
    sendAuthError(call, 400, ErrorCode.validationFailed, 'factor_type needs to be totp, phone, or webauthn');
    return;
  }
  if (!settings.totp.enrollEnabled) {
    sendAuthError(call, 422, ErrorCode.mfaTotpEnrollNotEnabled, 'MFA enroll is disabled for TOTP');
    return;
  }
  const account = caller.user.email || caller.user.phone || caller.user.id;
  const secret = generateTotpSecret();
  const uri = totpUri(secret, issuer || settings.issuer, account);

  const factor = await call.sql.begin(async (tx) => {
    // One enrollment at a time per user, so the limits below hold under concurrency.
    await lockUser(tx, caller.user.id);
    await deleteExpiredFactors(tx, settings.factorExpirySeconds);
    const factors = await listFactors(tx, caller.user.id);
    // Upstream compares names as given, so two unnamed factors conflict too.
    if (factors.some((f) => (f.friendly_name ?? '') === friendlyName)) {
      throw new AuthError(
        422,
        ErrorCode.mfaFactorNameConflict,
        `A factor with the friendly name "${friendlyName}" for this user already exists`,
      );
    }
    const verified = factors.filter((f) => f.status === 'verified').length;
    if (factors.length >= settings.maxEnrolledFactors || verified >= settings.maxVerifiedFactors) {
      throw new AuthError(
        422,
        ErrorCode.tooManyEnrolledMfaFactors,
        'Maximum number of verified factors reached, unenroll to continue',
      );
    }
    if (verified > 0 && (await sessionAal(tx, caller.sessionId)) !== 'aal2') {
      throw new AuthError(403, ErrorCode.insufficientAal, 'AAL2 required to enroll a new factor');
    }
    return insertTotpFactor(tx, caller.user.id, friendlyName, secret);
  });
  sendAuthJson(call, 200, {
    id: factor.id,
    type: 'totp',
    friendly_name: factor.friendly_name ?? '',
    totp: { qr_code: qrSvg(uri), secret, uri },
  });
}

async function challenge(call: AuthCall): Promise<void> {
  const caller = await requireSignedIn(call);
  if (!caller) return;
  const factor = await loadFactor(call, caller);
  if (!factor) return;
  const settings = mfaSettings(call.context.config);
  if (factor.factor_type !== 'totp') {
    sendAuthError(
      call,
      422,
      factor.factor_type === 'phone' ? ErrorCode.mfaPhoneVerifyNotEnabled : ErrorCode.mfaWebauthnVerifyNotEnabled,
      'MFA verification is disabled for this factor type',
    );
    return;
  }
  if (!settings.totp.verifyEnabled) {
    sendAuthError(call, 422, ErrorCode.mfaTotpVerifyNotEnabled, 'MFA verification is disabled for TOTP');
    return;
  }
  const created = await call.sql.begin((tx) => insertChallenge(tx, factor.id, call.ip));
  sendAuthJson(call, 200, {
    id: created.id,
    type: factor.factor_type,
    expires_at: Math.floor(created.created_at.getTime() / 1000) + settings.challengeExpirySeconds,
  });
}

async function verify(call: AuthCall): Promise<void> {
  const caller = await requireSignedIn(call);
  if (!caller) return;
  const factor = await loadFactor(call, caller);
  if (!factor) return;
  const body = parseInput(call, verifyBody);
  if (!body.code) {
    sendAuthError(call, 400, ErrorCode.validationFailed, 'Code needs to be non-empty');
    return;
  }
  if (!mfaSettings(call.context.config).totp.verifyEnabled) {
    sendAuthError(call, 422, ErrorCode.mfaTotpVerifyNotEnabled, 'MFA verification is disabled for TOTP');
    return;
  }
  const session = await verifyTotpChallenge(call, caller, factor, body.challenge_id, body.code);
  sendAuthJson(call, 200, session);
}

async function unenroll(call: AuthCall): Promise<void> {
  const caller = await requireSignedIn(call);
  if (!caller) return;
  const factor = await loadFactor(call, caller);
  if (!factor) return;
  if (factor.status === 'verified' && (await sessionAal(call.sql, caller.sessionId)) !== 'aal2') {
    sendAuthError(call, 422, ErrorCode.insufficientAal, 'AAL2 required to unenroll verified factor');
    return;
  }
  await call.sql.begin(async (tx) => {
    await deleteFactor(tx, factor.id);
    await downgradeSessionsOfFactor(tx, factor);
  });
  sendAuthJson(call, 200, { id: factor.id });
}

export const mfaRoutes: AuthRoute[] = [
  { method: 'POST', path: '/factors', handle: enroll },
  { method: 'POST', path: '/factors/:id/challenge', handle: challenge },
  { method: 'POST', path: '/factors/:id/verify', handle: verify },
  { method: 'DELETE', path: '/factors/:id', handle: unenroll },
];
