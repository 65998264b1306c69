// Upstream's error shapes (2024-01-01 `{code, message}` and the older `{code, error_code, msg}`),
// bad JSON and bad tokens, and the rate limits of [auth.rate_limit] (set small here).
import { describe, expect, it } from 'vitest';
import { freshEmail, useAuthStack } from './test-support.ts';

const stack = useAuthStack((config) => ({
  ...config,
  auth: {
    ...config.auth,
    rate_limit: { ...config.auth.rate_limit, token_verifications: 2, email_sent: 2 },
  },
}));

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${stack.url}/auth/v1${path}`, {
    method: 'POST',
    headers: { apikey: stack.keys.publishable_key, 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('error shapes', () => {
  const credentials = JSON.stringify({ email: 'nobody@example.com', password: 'whatever-password' });

  it('answers the older shape without the API version header', async () => {
    const res = await post('/token?grant_type=password', credentials);
    expect(res.status, '400').toBe(400);
    expect(res.headers.get('x-sb-error-code'), 'code header').toBe('invalid_credentials');
    expect(await res.json(), 'older body').toEqual({
      code: 400,
      error_code: 'invalid_credentials',
      msg: 'Invalid login credentials',
    });
  });

  it('answers {code, message} and echoes the header for 2024-01-01', async () => {
    const res = await post('/token?grant_type=password', credentials, { 'X-Supabase-Api-Version': '2024-01-01' });
    expect(res.headers.get('x-supabase-api-version'), 'echoed').toBe('2024-01-01');
    expect(await res.json(), 'new body').toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('refuses bad JSON, unknown grants and requests without a user token', async () => {
    const bad = await post('/signup', '{"email":', { 'X-Supabase-Api-Version': '2024-01-01' });
    expect(bad.status, 'bad JSON is 400').toBe(400);
    expect(((await bad.json()) as { code: string }).code, 'bad_json').toBe('bad_json');
    const grant = await post('/token?grant_type=magic', '{}');
    expect(grant.headers.get('x-sb-error-code'), 'unknown grant').toBe('unsupported_grant_type');
    const user = await fetch(`${stack.url}/auth/v1/user`, { headers: { apikey: stack.keys.publishable_key } });
    expect(user.status, 'no user token').toBe(403);
    expect(user.headers.get('x-sb-error-code'), 'bad_jwt').toBe('bad_jwt');
    const forged = await fetch(`${stack.url}/auth/v1/user`, {
      headers: { apikey: stack.keys.publishable_key, authorization: 'Bearer a.b.c' },
    });
    expect(forged.status, 'a forged token never reaches Auth as a user').toBeGreaterThanOrEqual(401);
  });
});

describe('rate limits', () => {
  it('answers 429 over_request_rate_limit past token_verifications per address, TOTP guesses included', async () => {
    const email = freshEmail('limits-totp');
    const admin = stack.client(stack.keys.secret_key);
    expect(
      (await admin.auth.admin.createUser({ email, password: 'limits-password-1', email_confirm: true })).error,
    ).toBeNull();
    const client = stack.client();
    expect((await client.auth.signInWithPassword({ email, password: 'limits-password-1' })).error).toBeNull();
    const enrolled = await client.auth.mfa.enroll({ factorType: 'totp' });
    const factorId = enrolled.data?.id as string;
    const guess = async () => {
      const challenge = await client.auth.mfa.challenge({ factorId });
      const { error } = await client.auth.mfa.verify({
        factorId,
        challengeId: challenge.data?.id as string,
        code: '000000',
      });
      return (error as { code?: string } | null)?.code ?? '';
    };
    const body = JSON.stringify({ type: 'email', email: 'nobody@example.com', token: '123456' });
    const codes: string[] = [(await post('/verify', body)).headers.get('x-sb-error-code') ?? '', await guess()];
    codes.push(await guess());
    expect(codes[0], 'an email code counts').toBe('otp_expired');
    expect(codes[1], 'a wrong TOTP code counts').not.toBe('over_request_rate_limit');
    expect(codes[2], 'the third try is refused').toBe('over_request_rate_limit');
  });

  it('answers 429 over_email_send_rate_limit past email_sent per hour', async () => {
    const client = stack.client();
    expect((await client.auth.signInWithOtp({ email: freshEmail('e1') })).error, 'first email').toBeNull();
    // A double-confirmed email change needs two emails: the second is over, so it all rolls back
    // and the first one is given back to the budget.
    const email = freshEmail('changer');
    const admin = stack.client(stack.keys.secret_key);
    await admin.auth.admin.createUser({ email, password: 'changer-password-1', email_confirm: true });
    const changer = stack.client();
    await changer.auth.signInWithPassword({ email, password: 'changer-password-1' });
    const change = await changer.auth.updateUser({ email: freshEmail('changed') });
    expect(change.error?.code, 'the change needs one email too many').toBe('over_email_send_rate_limit');
    expect((await client.auth.signInWithOtp({ email: freshEmail('e2') })).error, 'second email').toBeNull();
    const third = await client.auth.signInWithOtp({ email: freshEmail('e3') });
    expect(third.error?.code, 'the third is over the budget').toBe('over_email_send_rate_limit');
    expect(third.error?.status, '429').toBe(429);
    const [row] = await stack.admin`select count(*)::int as n from auth.users where email like 'e3-%'`;
    expect(row?.n, 'nothing of the refused request was written').toBe(0);
  });
});
