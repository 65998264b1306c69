// Auth's MFA refusals (upstream's error codes) as sentences, with the field they belong to.
import type { FormFailure } from '../../utils/forms.ts';

const MESSAGES: Record<string, { field?: string; message: string }> = {
  mfa_verification_failed: { field: 'code', message: 'That code is not right. Enter the code your app shows now.' },
  mfa_challenge_expired: { field: 'code', message: 'That took too long. Enter the code your app shows now.' },
  mfa_factor_not_found: { message: 'This setup has expired or the app was removed. Start again.' },
  mfa_factor_name_conflict: { field: 'name', message: 'You already have an app with this name. Choose another.' },
  too_many_enrolled_mfa_factors: { message: 'You have the most authenticator apps allowed. Remove one first.' },
  insufficient_aal: { message: 'Confirm a code from an app you already use first.' },
  over_request_rate_limit: { message: 'Too many attempts. Wait a minute and try again.' },
};

export function mfaFailure(code: string): FormFailure {
  const known = MESSAGES[code];
  if (!known) {
    return { fieldErrors: {}, formError: `Two-step verification did not work (${code}). Try again.` };
  }
  return known.field
    ? { fieldErrors: { [known.field]: [known.message] } }
    : { fieldErrors: {}, formError: known.message };
}
