import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureLocalKeys, type LocalKeys } from '../keys.ts';
import { signJwt } from './jwt.ts';
import { type Caller, createKeyRing, type KeyRing, type Rejection, resolveCaller } from './resolve-caller.ts';

let dir: string;
let keys: LocalKeys;
let ring: KeyRing;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roost-keys-'));
  keys = await ensureLocalKeys({ file: join(dir, 'keys.json'), pins: {} });
  ring = createKeyRing(keys);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = () => Math.floor(Date.now() / 1000);
const userClaims = (extra: Record<string, unknown> = {}) => ({
  sub: '6f1c1a0e-0000-4000-8000-000000000001',
  role: 'authenticated',
  aud: 'authenticated',
  exp: now() + 3600,
  ...extra,
});

async function resolve(apikey: string | null, bearer?: string, requireApiKey = true) {
  return resolveCaller(
    ring,
    { apikey, authorization: bearer === undefined ? null : `Bearer ${bearer}` },
    { requireApiKey },
  );
}

function expectCaller(result: Caller | Rejection): Caller {
  if (!result.ok) throw new Error(`expected a caller, got ${result.reason}: ${result.message}`);
  return result;
}

function expectRejection(result: Caller | Rejection, reason: Rejection['reason']): void {
  expect(result.ok, 'the request must be refused').toBe(false);
  if (!result.ok) expect(result.reason).toBe(reason);
}

describe('API keys alone', () => {
  it('maps each key to its role', async () => {
    expect(expectCaller(await resolve(keys.publishable_key)).role).toBe('anon');
    expect(expectCaller(await resolve(keys.secret_key)).role).toBe('service_role');
    expect(expectCaller(await resolve(keys.anon_key)).role).toBe('anon');
    expect(expectCaller(await resolve(keys.service_role_key)).role).toBe('service_role');
  });

  it('gives opaque keys the claims of the matching legacy key', async () => {
    const caller = expectCaller(await resolve(keys.secret_key));
    expect(caller.claims).toMatchObject({ role: 'service_role', iss: 'supabase-demo' });
    expect(caller.apiKey).toBe('secret');
    expect(caller.jwt).toBeNull();
  });

  it('rejects a missing key, an unknown sb_ key and an unknown JWT key', async () => {
    expectRejection(await resolve(null), 'no_api_key');
    expectRejection(await resolve('sb_publishable_not-a-real-key'), 'invalid_api_key');
    expectRejection(await resolve('sb_secret_not-a-real-key'), 'invalid_api_key');
    const otherAnon = await new SignJWT({ role: 'anon' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1y')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    expectRejection(await resolve(otherAnon), 'invalid_api_key');
  });
});

describe('Authorization', () => {
  it('a user JWT always wins over the key (HS256 with the secret)', async () => {
    const token = await signJwt(keys, userClaims(), 'HS256');
    const caller = expectCaller(await resolve(keys.secret_key, token));
    expect(caller.role).toBe('authenticated');
    expect(caller.claims.sub).toBe('6f1c1a0e-0000-4000-8000-000000000001');
    expect(caller.jwt).toBe(token);
    expect(caller.apiKey).toBe('secret');
  });

  it('accepts an ES256 token signed by the local signing key (kid in the header)', async () => {
    const token = await signJwt(keys, userClaims());
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());
    expect(header).toMatchObject({ alg: 'ES256', kid: keys.signing_keys[0]?.kid });
    expect(expectCaller(await resolve(keys.publishable_key, token)).role).toBe('authenticated');
  });

  it('a Bearer sb_ key is not a user token: the role comes from the apikey', async () => {
    expect(expectCaller(await resolve(keys.publishable_key, keys.secret_key)).role).toBe('anon');
    expect(expectCaller(await resolve(keys.secret_key, keys.publishable_key)).role).toBe('service_role');
    expect(expectCaller(await resolve(keys.anon_key, keys.secret_key)).role).toBe('anon');
    expect(expectCaller(await resolve(keys.service_role_key, keys.publishable_key)).role).toBe('service_role');
  });

  it('a legacy key as the bearer acts with its own role', async () => {
    expect(expectCaller(await resolve(keys.publishable_key, keys.anon_key)).role).toBe('anon');
    expect(expectCaller(await resolve(keys.publishable_key, keys.service_role_key)).role).toBe('service_role');
  });

  it('rejects an unknown sb_ bearer', async () => {
    expectRejection(await resolve(keys.publishable_key, 'sb_secret_guessed'), 'invalid_api_key');
  });

  it('rejects a token forged with another secret', async () => {
    const forged = await new SignJWT(userClaims({ role: 'service_role' }))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not-the-installation-secret-not-the-installation-secret'));
    expectRejection(await resolve(keys.publishable_key, forged), 'invalid_jwt');
  });

  it('rejects a token signed by a foreign ES256 key, even with the local kid', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    expect((await exportJWK(privateKey)).d).toBeDefined();
    const forged = await new SignJWT(userClaims())
      .setProtectedHeader({ alg: 'ES256', kid: keys.signing_keys[0]?.kid ?? '' })
      .sign(privateKey);
    expectRejection(await resolve(keys.publishable_key, forged), 'invalid_jwt');
  });

  it('rejects an expired token and a token without exp', async () => {
    const expired = await signJwt(keys, userClaims({ exp: now() - 60 }));
    expectRejection(await resolve(keys.publishable_key, expired), 'expired_jwt');
    const { exp: _exp, ...withoutExp } = userClaims();
    const forever = await signJwt(keys, withoutExp, 'HS256');
    expectRejection(await resolve(keys.publishable_key, forever), 'invalid_jwt');
  });

  it('rejects a token with an unknown role, an alg:none token and a non-Bearer scheme', async () => {
    const admin = await signJwt(keys, userClaims({ role: 'postgres' }));
    expectRejection(await resolve(keys.publishable_key, admin), 'invalid_jwt');
    const body = Buffer.from(JSON.stringify(userClaims())).toString('base64url');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
    expectRejection(await resolve(keys.publishable_key, none), 'invalid_jwt');
    const basic = await resolveCaller(ring, { apikey: keys.publishable_key, authorization: 'Basic dXNlcjpwYXNz' });
    expectRejection(basic, 'invalid_jwt');
  });

  it('still requires a valid apikey next to a valid user JWT', async () => {
    const token = await signJwt(keys, userClaims());
    expectRejection(await resolve(null, token), 'no_api_key');
    expectRejection(await resolve('sb_publishable_unknown', token), 'invalid_api_key');
  });

  it('without requireApiKey (Functions), a user JWT alone resolves', async () => {
    const token = await signJwt(keys, userClaims());
    expect(expectCaller(await resolve(null, token, false)).role).toBe('authenticated');
    expectRejection(await resolve(null, undefined, false), 'no_api_key');
  });
});

describe('verified tokens are remembered until they expire', () => {
  it('answers a known token again, and still rejects it once it has expired', async () => {
    const token = await signJwt(keys, userClaims({ exp: now() + 60 }));
    const first = expectCaller(await resolve(keys.publishable_key, token));
    first.claims.role = 'service_role'; // a caller changing its copy must not change the next answer
    expect(expectCaller(await resolve(keys.publishable_key, token)).claims.role).toBe('authenticated');
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ['Date'] });
    try {
      expect(await resolve(keys.publishable_key, token)).toMatchObject({ ok: false, reason: 'expired_jwt' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('never remembers a token that failed verification', async () => {
    const forged = `${(await signJwt(keys, userClaims())).slice(0, -4)}AAAA`;
    expect(await resolve(keys.publishable_key, forged)).toMatchObject({ ok: false, reason: 'invalid_jwt' });
    expect(await resolve(keys.publishable_key, forged)).toMatchObject({ ok: false, reason: 'invalid_jwt' });
  });
});
