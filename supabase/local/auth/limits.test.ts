// Upstream's error shapes (2024-01-01 `{code, message}` and the older `{code, error_code, msg}`),
// bad JSON and bad tokens, and the rate limits of [auth.rate_limit] (set small here) with the
// per-client and per-recipient shares of the email budget and Retry-After on every 429.
import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import { RateLimits } from './rate-limit.ts';
import { freshEmail, useAuthStack } from './test-support.ts';

const stack = useAuthStack((config) => ({
  ...config,
  auth: {
    ...config.auth,
    rate_limit: { ...config.auth.rate_limit, token_verifications: 2, email_sent: 6 },
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
    expect(user.status, 'no Authorization header').toBe(401);
    expect(await user.json(), 'as GoTrue').toEqual({
      code: 401,
      error_code: 'no_authorization',
      msg: 'This endpoint requires a Bearer token',
    });
    const anon = await fetch(`${stack.url}/auth/v1/user`, {
      headers: { apikey: stack.keys.anon_key, authorization: `Bearer ${stack.keys.anon_key}` },
    });
    expect(anon.status, 'a key as the bearer is no user token').toBe(403);
    expect(anon.headers.get('x-sb-error-code'), 'bad_jwt').toBe('bad_jwt');
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
    const refused = await post('/verify', body);
    expect(refused.status, '429').toBe(429);
    expect(Number(refused.headers.get('retry-after')), 'Retry-After: the rest of the window').toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after')), 'at most five minutes').toBeLessThanOrEqual(300);
  });

  it("answers 429 with Retry-After past a recipient's and a client's share of email_sent", async () => {
    // email_sent 6: one client address may spend 3 of them, one recipient 1.
    const client = stack.client();
    const first = freshEmail('e1');
    expect((await client.auth.signInWithOtp({ email: first })).error, 'first email').toBeNull();
    // Another kind of email (max_frequency does not apply), but the address has had its share.
    const again = await post('/recover', JSON.stringify({ email: first }));
    expect(again.status, "the recipient's share is spent").toBe(429);
    expect(again.headers.get('x-sb-error-code'), 'code').toBe('over_email_send_rate_limit');
    expect(Number(again.headers.get('retry-after')), 'Retry-After within the hour').toBeGreaterThan(0);
    expect(Number(again.headers.get('retry-after')), 'Retry-After within the hour').toBeLessThanOrEqual(3600);
    expect((await client.auth.signInWithOtp({ email: freshEmail('e2') })).error, 'second email').toBeNull();
    // A double-confirmed email change needs two emails: the second is over the client's share,
    // so it all rolls back and the first one is given back.
    const email = freshEmail('changer');
    const admin = stack.client(stack.keys.secret_key);
    await admin.auth.admin.createUser({ email, password: 'changer-password-1', email_confirm: true });
    const changer = stack.client();
    await changer.auth.signInWithPassword({ email, password: 'changer-password-1' });
    const change = await changer.auth.updateUser({ email: freshEmail('changed') });
    expect(change.error?.code, 'the change needs one email too many').toBe('over_email_send_rate_limit');
    expect((await client.auth.signInWithOtp({ email: freshEmail('e3') })).error, 'third email').toBeNull();
    const fourth = await post('/otp', JSON.stringify({ email: freshEmail('e4') }));
    expect(fourth.status, "the client's share is spent").toBe(429);
    expect(fourth.headers.get('x-sb-error-code'), 'code').toBe('over_email_send_rate_limit');
    expect(Number(fourth.headers.get('retry-after')), 'Retry-After').toBeGreaterThan(0);
    const [row] = await stack.admin`select count(*)::int as n from auth.users where email like 'e4-%'`;
    expect(row?.n, 'nothing of the refused request was written').toBe(0);
  });
});

describe('email budget shares', () => {
  const limits = () =>
    new RateLimits({
      email_sent: 6,
      anonymous_users: 30,
      token_refresh: 150,
      sign_in_sign_ups: 30,
      token_verifications: 30,
    });
  const code = (fn: () => unknown) => {
    try {
      fn();
      return 'sent';
    } catch (error) {
      return error instanceof AuthError ? `${error.code} ${error.options.retryAfterS ?? ''}`.trim() : 'other';
    }
  };

  it('keeps the budget for other clients when one client spends its share', () => {
    const budget = limits();
    for (let i = 0; i < 3; i += 1)
      expect(
        code(() => budget.takeEmail(`a${i}@example.com`, '10.0.0.1')),
        `mail ${i}`,
      ).toBe('sent');
    expect(
      code(() => budget.takeEmail('a9@example.com', '10.0.0.1')),
      'over the share',
    ).toBe('over_email_send_rate_limit 3600');
    expect(
      code(() => budget.takeEmail('victim@example.com', '10.0.0.2')),
      'another client still can',
    ).toBe('sent');
  });

  it('gives a recipient one share whoever asks, and gives units back', () => {
    const budget = limits();
    const giveBack = budget.takeEmail('victim@example.com', '10.0.0.1');
    expect(
      code(() => budget.takeEmail('Victim@example.com', '10.0.0.2')),
      'one share per address',
    ).toMatch(/^over_email_send_rate_limit /);
    giveBack();
    expect(
      code(() => budget.takeEmail('victim@example.com', '10.0.0.2')),
      'the unit came back',
    ).toBe('sent');
  });

  it("answers upstream's request limit with the seconds left in the window", () => {
    const budget = limits();
    for (let i = 0; i < 30; i += 1) budget.takeRequest('sign_in_sign_ups', '10.0.0.1');
    expect(
      code(() => budget.takeRequest('sign_in_sign_ups', '10.0.0.1')),
      'five-minute window',
    ).toBe('over_request_rate_limit 300');
  });
});
