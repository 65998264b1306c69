// The code rule both MFA forms share, and how Auth's refusals read.
import { describe, expect, it } from 'vitest';
import { totpCode, VerifySchema } from './mfa.schema.ts';
import { mfaFailure } from './mfa-messages.ts';

describe('the 6-digit code', () => {
  it('takes six digits, ignoring the spaces some apps show', () => {
    expect(totpCode.parse('123456')).toBe('123456');
    expect(totpCode.parse(' 123 456 ')).toBe('123456');
  });

  it('refuses anything else with one message', () => {
    for (const bad of ['12345', '1234567', '12a456', '']) {
      const result = totpCode.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Enter the 6-digit code your authenticator app shows.');
    }
  });

  it('needs the factor being verified', () => {
    const result = VerifySchema.safeParse({ intent: 'verify', factorId: 'nope', code: '123456' });
    expect(result.error?.issues[0]?.path).toEqual(['factorId']);
  });
});

describe('Auth refusals', () => {
  it('puts a wrong code on the code field and unknown codes on the form', () => {
    expect(mfaFailure('mfa_verification_failed').fieldErrors.code?.[0]).toMatch(/not right/);
    expect(mfaFailure('mfa_factor_name_conflict').fieldErrors.name).toHaveLength(1);
    expect(mfaFailure('something_new')).toEqual({
      fieldErrors: {},
      formError: 'Two-step verification did not work (something_new). Try again.',
    });
  });
});
