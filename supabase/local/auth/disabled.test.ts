// With sign-ups and anonymous sign-ins switched off in [auth]: upstream's refusals.
import { describe, expect, it } from 'vitest';
import { freshEmail, PASSWORD, useAuthStack } from './test-support.ts';

const stack = useAuthStack((config) => ({
  ...config,
  auth: { ...config.auth, enable_signup: false, enable_anonymous_sign_ins: false },
}));

describe('sign-ups switched off', () => {
  it('refuses email sign-up, OTP sign-up and /settings says so', async () => {
    const client = stack.client();
    const signUp = await client.auth.signUp({ email: freshEmail('closed'), password: PASSWORD });
    expect(signUp.error?.code, 'email sign-up').toBe('signup_disabled');
    expect(signUp.error?.status, '422').toBe(422);
    const otp = await client.auth.signInWithOtp({ email: freshEmail('closed-otp') });
    expect(otp.error?.code, 'OTP sign-up').toBe('signup_disabled');
    const settings = (await (
      await fetch(`${stack.url}/auth/v1/settings`, { headers: { apikey: stack.keys.publishable_key } })
    ).json()) as { disable_signup: boolean };
    expect(settings.disable_signup, '/settings').toBe(true);
  });

  it('refuses anonymous sign-in', async () => {
    const { error } = await stack.client().auth.signInAnonymously();
    expect(error?.code, 'anonymous').toBe('signup_disabled');
  });
});
