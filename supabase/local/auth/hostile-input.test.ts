// Inputs a hostile client sends and the answers GoTrue gives them, never a 500: NUL characters,
// CR/LF in redirect_to, malformed addresses, no Authorization header, phone verification while
// the phone provider is off, paths and methods Auth does not serve.
import { describe, expect, it } from 'vitest';
import { freshEmail, PASSWORD, useAuthStack } from './test-support.ts';

const stack = useAuthStack();

interface Answer {
  status: number;
  code: string | null;
  message: string;
}

async function call(method: string, path: string, body?: unknown, key = stack.keys.publishable_key): Promise<Answer> {
  const res = await fetch(`${stack.url}/auth/v1${path}`, {
    method,
    headers: {
      apikey: key,
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'x-supabase-api-version': '2024-01-01',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  return { status: res.status, code: json.code ?? null, message: json.message ?? '' };
}

describe('NUL characters', () => {
  it('answers 400 validation_failed wherever a NUL would reach PostgreSQL', async () => {
    const email = freshEmail('nul');
    const secret = stack.keys.secret_key;
    const attempts: [string, string, unknown, string?][] = [
      ['POST', '/signup', { email, password: PASSWORD, data: { note: 'a\u0000b' } }],
      ['POST', '/signup', { email: `x\u0000${email}`, password: PASSWORD }],
      ['POST', '/verify', { type: 'signup', token_hash: 'abc\u0000' }],
      ['POST', '/verify', { type: 'email', email: `${email}\u0000`, token: '123456' }],
      ['POST', '/token?grant_type=password', { email: `${email}\u0000`, password: PASSWORD }],
      ['POST', '/token?grant_type=refresh_token', { refresh_token: 'x\u0000y' }],
      ['POST', '/otp', { email, data: { '\u0000': 1 } }],
      ['GET', '/verify?type=signup&token=%00abc', undefined],
      ['POST', '/admin/users', { email, user_metadata: { bio: '\u0000' } }, secret],
      ['GET', '/admin/users?filter=%00', undefined, secret],
      ['GET', '/admin/users/%00', undefined, secret],
    ];
    for (const [method, path, body, key] of attempts) {
      const answer = await call(method, path, body, key);
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(answer.code, `${method} ${path} code`).toBe('validation_failed');
    }
    const [row] = await stack.admin`select count(*)::int as n from auth.users where email = ${email}`;
    expect(row?.n, 'nothing was written').toBe(0);
  });
});

describe('redirect_to with CR/LF', () => {
  it('treats an allowed redirect_to carrying CR/LF as invalid and lands on the site URL', async () => {
    const site = stack.config.auth.site_url;
    const target = encodeURIComponent(`${site}/welcome\r\nSet-Cookie: stolen=1`);
    const res = await fetch(`${stack.url}/auth/v1/verify?type=signup&token=nope&redirect_to=${target}`, {
      headers: { apikey: stack.keys.publishable_key },
      redirect: 'manual',
    });
    expect(res.status, 'a redirect, not a 500').toBe(303);
    expect(res.headers.get('set-cookie'), 'no injected header').toBeNull();
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`, 'the site URL instead').toBe(new URL(site).href);
    expect(new URLSearchParams(location.hash.slice(1)).get('error_code'), 'the token error').toBe('otp_expired');
  });
});

describe('malformed email addresses', () => {
  const bad = 'xx:;x@x.x';
  const invalid = {
    status: 400,
    code: 'validation_failed',
    message: 'Unable to validate email address: invalid format',
  };

  it('refuses them on sign-up, admin create user, generate_link and invite with 400 validation_failed', async () => {
    const admin = stack.client(stack.keys.secret_key);
    const signUp = await stack.client().auth.signUp({ email: bad, password: PASSWORD });
    expect(
      { status: signUp.error?.status, code: signUp.error?.code, message: signUp.error?.message },
      'sign-up',
    ).toEqual(invalid);
    const created = await admin.auth.admin.createUser({ email: bad, password: PASSWORD });
    expect({ status: created.error?.status, code: created.error?.code }, 'admin create user').toEqual({
      status: 400,
      code: 'validation_failed',
    });
    const link = await admin.auth.admin.generateLink({ type: 'magiclink', email: bad });
    expect({ status: link.error?.status, code: link.error?.code }, 'generate_link').toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(await call('POST', '/invite', { email: bad }, stack.keys.secret_key), 'invite').toEqual(invalid);
    const [row] = await stack.admin`select count(*)::int as n from auth.users where email = ${bad}`;
    expect(row?.n, 'no user was made').toBe(0);
  });

  it('still accepts what GoTrue accepts', async () => {
    const email = `o'brien+front.desk-${Date.now()}@mail.example.com`;
    const { error } = await stack.client(stack.keys.secret_key).auth.admin.createUser({ email, password: PASSWORD });
    expect(error, 'quote, plus and dots in the local part').toBeNull();
  });
});

describe('user endpoints without a Bearer token', () => {
  it('answer 401 no_authorization, as GoTrue', async () => {
    for (const [method, path] of [
      ['GET', '/user'],
      ['PUT', '/user'],
      ['POST', '/logout'],
      ['GET', '/factors/00000000-0000-0000-0000-000000000000/challenge'],
    ] as const) {
      const res = await fetch(`${stack.url}/auth/v1${path}`, {
        method,
        headers: { apikey: stack.keys.publishable_key, 'x-supabase-api-version': '2024-01-01' },
      });
      if (path === '/factors/00000000-0000-0000-0000-000000000000/challenge') {
        expect(res.status, 'challenge is POST only').toBe(405);
        continue;
      }
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json(), `${method} ${path}`).toEqual({
        code: 'no_authorization',
        message: 'This endpoint requires a Bearer token',
      });
    }
  });
});

describe('phone verification with the phone provider off', () => {
  it('answers phone_provider_disabled, not a misleading type error', async () => {
    const client = stack.client();
    const verify = await client.auth.verifyOtp({ phone: '+15555550100', token: '123456', type: 'sms' });
    expect({ status: verify.error?.status, code: verify.error?.code, message: verify.error?.message }).toEqual({
      status: 400,
      code: 'phone_provider_disabled',
      message: 'Unsupported phone provider',
    });
    const change = await client.auth.verifyOtp({ phone: '+15555550100', token: '123456', type: 'phone_change' });
    expect(change.error?.code, 'phone_change').toBe('phone_provider_disabled');
    const otp = await client.auth.signInWithOtp({ phone: '+15555550100' });
    expect({ status: otp.error?.status, code: otp.error?.code, message: otp.error?.message }, '/otp').toEqual({
      status: 400,
      code: 'phone_provider_disabled',
      message: 'Unsupported phone provider',
    });
  });
});

describe('paths and methods Auth does not serve', () => {
  it('answers an unknown path 404 and a known path with another method 405, as GoTrue’s router', async () => {
    for (const path of ['/nope', '/admin/users/x/y/z', '/token/%00', '/user%2F..%2Fsettings']) {
      const answer = await call('GET', path);
      expect(answer, path).toEqual({ status: 404, code: 'unknown', message: 'Not Found' });
    }
    expect(await call('DELETE', '/token')).toEqual({ status: 405, code: 'unknown', message: 'Method Not Allowed' });
    expect(await call('PATCH', '/signup', {})).toEqual({ status: 405, code: 'unknown', message: 'Method Not Allowed' });
    // What the public part answers itself is unchanged.
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/settings')).status).toBe(200);
  });
});
