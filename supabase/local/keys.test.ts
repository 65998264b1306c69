import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readProjectConfig } from './config.ts';
import { ensureLocalKeys, publicJwks, readKeyPins, readLocalKeys } from './keys.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roost-keys-'));
  file = join(dir, 'state', 'keys.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const secretBytes = (secret: string) => new TextEncoder().encode(secret);

describe('local keys', () => {
  it('are generated once, into a file only the owner can read, and kept on the next start', async () => {
    const first = await ensureLocalKeys({ file, pins: {} });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.publishable_key).toMatch(/^sb_publishable_[A-Za-z0-9_-]{32}$/);
    expect(first.secret_key).toMatch(/^sb_secret_[A-Za-z0-9_-]{32}$/);
    expect(first.jwt_secret.length).toBeGreaterThanOrEqual(32);
    expect(first.signing_keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String) });
    expect(await ensureLocalKeys({ file, pins: {} })).toEqual(first);
    expect(readLocalKeys(file)).toEqual(first);
  });

  it('differ between installations', async () => {
    const one = await ensureLocalKeys({ file, pins: {} });
    const two = await ensureLocalKeys({ file: join(dir, 'other.json'), pins: {} });
    expect(two.jwt_secret).not.toBe(one.jwt_secret);
    expect(two.secret_key).not.toBe(one.secret_key);
    expect(two.signing_keys[0]?.kid).not.toBe(one.signing_keys[0]?.kid);
  });

  it('legacy keys are HS256 JWTs with the role, signed with the secret, far from expiry', async () => {
    const keys = await ensureLocalKeys({ file, pins: {} });
    for (const [key, role] of [
      [keys.anon_key, 'anon'],
      [keys.service_role_key, 'service_role'],
    ] as const) {
      const { payload, protectedHeader } = await jwtVerify(key, secretBytes(keys.jwt_secret));
      expect(protectedHeader.alg).toBe('HS256');
      expect(payload).toMatchObject({ role, iss: 'supabase-demo' });
      expect(payload.exp).toBeGreaterThan(Date.now() / 1000 + 5 * 365 * 24 * 3600);
    }
  });

  it('config pins win, and legacy keys follow a pinned secret', async () => {
    const generated = await ensureLocalKeys({ file, pins: {} });
    const jwt_secret = 'pinned-secret-pinned-secret-pinned-secret';
    const pinned = await ensureLocalKeys({ file, pins: { jwt_secret, publishable_key: 'sb_publishable_pinned' } });
    expect(pinned.jwt_secret).toBe(jwt_secret);
    expect(pinned.publishable_key).toBe('sb_publishable_pinned');
    expect(pinned.secret_key).toBe(generated.secret_key);
    expect(pinned.anon_key).not.toBe(generated.anon_key);
    await expect(jwtVerify(pinned.anon_key, secretBytes(jwt_secret))).resolves.toBeDefined();
  });

  it('reads pins from config.toml [auth], env(NAME) from the environment', () => {
    const config = readProjectConfig();
    process.env.ROOST_TEST_SECRET_KEY = 'sb_secret_from_env';
    try {
      const pins = readKeyPins({ ...config, auth: { ...config.auth, secret_key: 'env(ROOST_TEST_SECRET_KEY)' } });
      expect(pins).toEqual({ secret_key: 'sb_secret_from_env' });
      expect(() => readKeyPins({ ...config, auth: { ...config.auth, jwt_secret: 'short' } })).toThrow(/32 characters/);
      expect(() => readKeyPins({ ...config, auth: { ...config.auth, anon_key: 'env(ROOST_UNSET_VAR)' } })).toThrow(
        /ROOST_UNSET_VAR/,
      );
    } finally {
      delete process.env.ROOST_TEST_SECRET_KEY;
    }
  });

  it('a damaged keys file is refused with a clear message', async () => {
    await ensureLocalKeys({ file, pins: {} });
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...stored, secret_key: 'not-a-key' }));
    expect(() => readLocalKeys(file)).toThrow(/keys.json is invalid/);
  });

  it('the public JWK set carries no private material', async () => {
    const keys = await ensureLocalKeys({ file, pins: {} });
    const [key] = publicJwks(keys).keys;
    expect(key).toMatchObject({ kid: keys.signing_keys[0]?.kid, key_ops: ['verify'] });
    expect(key).not.toHaveProperty('d');
    expect(keys.signing_keys[0]).toHaveProperty('d');
  });
});
