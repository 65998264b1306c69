import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { createClient } from '@supabase/supabase-js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProjectConfig } from '../config.ts';
import { ensureLocalKeys, type LocalKeys } from '../keys.ts';
import { freePort } from '../throwaway.ts';
import { signJwt } from './jwt.ts';
import { startGateway } from './server.ts';

let dir: string;
let keys: LocalKeys;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roost-gateway-'));
  keys = await ensureLocalKeys({ file: join(dir, 'keys.json'), pins: {} });
  gateway = await startGateway({ port: await freePort(), keys });
});
afterAll(async () => {
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

function call(path: string, init: RequestInit = {}, apikey: string | null = keys.publishable_key) {
  const headers = new Headers(init.headers);
  if (apikey) headers.set('apikey', apikey);
  return fetch(`${gateway.url}${path}`, { ...init, headers });
}

describe('CORS', () => {
  it('answers a preflight without a key, allowing the headers supabase-js sends', async () => {
    const response = await fetch(`${gateway.url}/storage/v1/bucket`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, apikey, content-type, x-client-info, x-upsert',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
    for (const header of ['authorization', 'apikey', 'content-type', 'x-client-info', 'x-upsert']) {
      expect(allowed, `preflight must allow ${header}`).toContain(header);
    }
  });

  it('allows the client headers when the preflight names none, and exposes the paging headers', async () => {
    const preflight = await fetch(`${gateway.url}/auth/v1/settings`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });
    const allowed = preflight.headers.get('access-control-allow-headers') ?? '';
    for (const header of ['x-supabase-api-version', 'range', 'cache-control']) expect(allowed).toContain(header);
    const response = await call('/auth/v1/settings', { headers: { origin: 'http://localhost:3000' } });
    const exposed = response.headers.get('access-control-expose-headers') ?? '';
    for (const header of ['content-range', 'x-total-count']) expect(exposed).toContain(header);
  });
});

describe('keys at the gateway', () => {
  it('refuses a request without a key, and one with an unknown sb_ key', async () => {
    const missing = await call('/auth/v1/settings', {}, null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: 'No API key found in request' });
    const unknown = await call('/storage/v1/bucket', {}, 'sb_publishable_unknown');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it('answers 501 not_implemented for services not built yet, after the key check', async () => {
    for (const path of ['/storage/v1/bucket', '/rest/v1/organizations', '/realtime/v1/api/broadcast']) {
      const response = await call(path, { headers: { authorization: `Bearer ${keys.secret_key}` } });
      expect(response.status, path).toBe(501);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('not_implemented');
      expect(body.message).toMatch(/not implemented/);
    }
  });

  it('refuses the secret key from a browser with 401, as hosted Supabase does (User-Agent rule)', async () => {
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const browser = { 'user-agent': chrome, origin: 'https://evil.example' };
    const asApikey = await call('/storage/v1/bucket', { headers: browser }, keys.secret_key);
    expect(asApikey.status, 'secret apikey from a browser').toBe(401);
    expect(await asApikey.json()).toMatchObject({ message: 'Forbidden use of secret API key in browser' });
    const asBearer = await call('/auth/v1/admin/users', {
      headers: { ...browser, authorization: `Bearer ${keys.secret_key}` },
    });
    expect(asBearer.status, 'secret bearer from a browser').toBe(401);
    await asBearer.arrayBuffer();
    const asQuery = await call(`/storage/v1/bucket?apikey=${keys.secret_key}`, { headers: browser }, null);
    expect(asQuery.status, 'secret apikey parameter from a browser').toBe(401);
    await asQuery.arrayBuffer();

    const server = await call('/storage/v1/bucket', { headers: { 'user-agent': 'node' } }, keys.secret_key);
    expect(server.status, 'a server may use it (the placeholder answers)').toBe(501);
    await server.arrayBuffer();
    const publishable = await call('/storage/v1/bucket', { headers: browser });
    expect(publishable.status, 'the publishable key works from a browser').toBe(501);
    await publishable.arrayBuffer();
    const legacy = await call('/storage/v1/bucket', { headers: browser }, keys.service_role_key);
    expect(legacy.status, 'the legacy service_role JWT is not covered by the rule').toBe(501);
    await legacy.arrayBuffer();
  });

  it('answers unknown paths 404', async () => {
    expect((await call('/graphql/v2')).status).toBe(404);
  });

  it('refuses a websocket upgrade without a key and answers 501 with one', async () => {
    const upgrade = (query: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${gateway.url}/realtime/v1/websocket?vsn=2.0.0${query}`, {
          headers: { connection: 'Upgrade', upgrade: 'websocket' },
        });
        req.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        req.on('upgrade', () => reject(new Error('unexpected upgrade')));
        req.on('error', reject);
        req.end();
      });
    expect(await upgrade('')).toBe(401);
    expect(await upgrade(`&apikey=${keys.publishable_key}`)).toBe(501);
  });

  it('ends upgraded sockets when it closes, so close() never waits on an open websocket', async () => {
    let held: Duplex | undefined;
    const own = await startGateway({
      port: await freePort(),
      keys,
      // A service that takes the socket and never ends it, as a live websocket does.
      services: {
        realtime: {
          handle: () => {},
          upgrade: (_context, socket) => {
            held = socket;
          },
        },
      },
    });
    const client = await new Promise<Duplex>((resolve, reject) => {
      const req = request(`${own.url}/realtime/v1/websocket?apikey=${keys.publishable_key}`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket' },
      });
      req.on('error', reject);
      req.end();
      // The service never answers the handshake: the socket stays open until the server ends it.
      const wait = setInterval(() => {
        if (!held) return;
        clearInterval(wait);
        resolve(req.socket as Duplex);
      }, 10);
    });
    const clientClosed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await own.close();
    await clientClosed;
    expect(held?.destroyed).toBe(true);
  });
});

describe('Auth endpoints without a database', () => {
  it('serves the public JWKS without a key, cacheable, with no private fields', async () => {
    const response = await call('/auth/v1/.well-known/jwks.json', {}, null);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    const { keys: served } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(served).toHaveLength(1);
    expect(served[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: keys.signing_keys[0]?.kid });
    for (const key of served)
      for (const field of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key).not.toHaveProperty(field);
  });

  it('lets a remote JWK set verify an ES256 token signed by the local key', async () => {
    const token = await signJwt(keys, { sub: 'u1', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 });
    const jwks = createRemoteJWKSet(new URL(`${gateway.url}/auth/v1/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks);
    expect(payload.sub).toBe('u1');
    expect(protectedHeader.kid).toBe(keys.signing_keys[0]?.kid);
  });

  it('answers /health and /settings as upstream does', async () => {
    const health = await call('/auth/v1/health');
    expect(await health.json()).toMatchObject({ name: 'GoTrue', version: expect.any(String) });
    const config = readProjectConfig();
    const settings = await call('/auth/v1/settings', { headers: { 'x-supabase-api-version': '2024-01-01' } });
    expect(settings.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    const body = await settings.json();
    expect(body).toMatchObject({
      disable_signup: !config.auth.enable_signup,
      mailer_autoconfirm: !config.auth.email.enable_confirmations,
      external: { google: false, github: false, email: config.auth.email.enable_signup },
    });
  });

  it('answers /settings even with a bad bearer token (Auth ignores it there)', async () => {
    const response = await call('/auth/v1/settings', { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(response.status).toBe(200);
  });
});

describe('the official client', () => {
  it('reaches the gateway and gets the 501 as an API error, not a network error', async () => {
    const supabase = createClient(gateway.url, keys.publishable_key, { auth: { persistSession: false } });
    const { data, error } = await supabase.storage.listBuckets();
    expect(data).toBeNull();
    expect(error?.name).toBe('StorageApiError');
    expect(error?.message).toMatch(/not implemented/);
    expect((error as { status?: number } | null)?.status).toBe(501);
  });

  it('with a legacy anon key too', async () => {
    const supabase = createClient(gateway.url, keys.anon_key, { auth: { persistSession: false } });
    const { error } = await supabase.storage.listBuckets();
    expect((error as { status?: number } | null)?.status).toBe(501);
  });
});
