// The Functions runtime through supabase-js `functions.invoke`: routing and 404, verify_jwt on and
// off, what reaches the function (method, path, query, headers, body) and what comes back,
// the environment and secrets, streaming, warm processes, uncaught errors, crashes and boot errors.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../tests/support/db.ts';
import { signJwt } from '../gateway/jwt.ts';
import { publicJwks } from '../keys.ts';
import { userClaims } from '../rls-request.ts';
import { errorOf, tokenClient, useFunctionsStack, userClient } from './test-support.ts';

const output: string[] = [];
const SECRET = `s3cret ${randomBytes(6).toString('hex')}`;
// Set in the stack's own environment: a function must not see it.
process.env.ROOST_NOT_GIVEN = 'leaked';

const stack = useFunctionsStack({
  output,
  secrets: `PROBE_SECRET="${SECRET}"\nSUPABASE_URL=http://not-this.example\n`,
  config: (config) => ({ ...config, functions: { ...config.functions, open: { verify_jwt: false } } }),
});

interface Probe {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  bodyLength: number;
  bodySha256: string;
  pid: number;
  requests: number;
}

async function signedIn() {
  return userClient(stack, await createUser(stack.admin, 'fn'));
}

describe('routing', () => {
  it('answers 404 NOT_FOUND for a function that does not exist, and for _shared', async () => {
    const client = await signedIn();
    for (const name of ['nope', '_shared', 'probe..']) {
      const result = await client.functions.invoke(name);
      expect(await errorOf(result), `${name} is not a function`).toEqual({
        status: 404,
        body: { code: 'NOT_FOUND', message: 'Requested function was not found' },
      });
    }
  });

  it('passes method, path after the name, query, headers and body through, and the answer back', async () => {
    const client = await signedIn();
    const payload = randomBytes(3 * 1024 * 1024);
    const { data, error, response } = await client.functions.invoke<Probe>('probe/a/b%20c?x=1&y=two', {
      method: 'PUT',
      body: new Blob([payload], { type: 'application/octet-stream' }),
      headers: { 'x-custom': 'custom value' },
    });
    expect(error, 'invoke error').toBeNull();
    expect(data?.method, 'method').toBe('PUT');
    expect(data?.path, 'path as upstream shows it: /<name>/rest').toBe('/probe/a/b%20c');
    expect(data?.query, 'query').toBe('?x=1&y=two');
    expect(data?.headers['x-custom'], 'custom header').toBe('custom value');
    expect(data?.headers.authorization, 'the Authorization header').toMatch(/^Bearer ey/);
    expect(data?.headers.apikey, 'the apikey header').toBe(stack.keys.publishable_key);
    expect(data?.bodyLength, 'whole body').toBe(payload.length);
    expect(data?.bodySha256, 'same bytes').toBe(createHash('sha256').update(payload).digest('hex'));
    expect(response?.headers.get('x-probe'), "the function's response header").toBe('yes');
  });
});

describe('verify_jwt', () => {
  it('refuses a request without a JWT when verify_jwt is on (the default)', async () => {
    const result = await stack.client().functions.invoke('probe');
    expect(await errorOf(result), 'no Authorization: supabase-js sends no sb_ key as a bearer').toEqual({
      status: 401,
      body: { msg: 'Missing authorization header' },
    });
  });

  it('refuses a forged token, an expired one and an sb_ key as the bearer', async () => {
    const user = await createUser(stack.admin, 'expired');
    const expired = await signJwt(stack.keys, userClaims(user, { exp: Math.floor(Date.now() / 1000) - 60 }));
    const forged = `${(await signedInToken()).slice(0, -4)}AAAA`;
    for (const token of ['not-a-jwt', forged, expired, stack.keys.secret_key]) {
      const result = await tokenClient(stack, token).functions.invoke('probe');
      expect(await errorOf(result), `bearer ${token.slice(0, 12)}…`).toEqual({
        status: 401,
        body: { msg: 'Invalid JWT' },
      });
    }
  });

  it("accepts a user's access token and the legacy JWT keys", async () => {
    expect((await (await signedIn()).functions.invoke('probe')).error, 'user JWT').toBeNull();
    for (const key of [stack.keys.anon_key, stack.keys.service_role_key]) {
      const { error } = await stack.client(key).functions.invoke('probe');
      expect(error, 'a legacy key is a JWT').toBeNull();
    }
  });

  it('lets anyone in when verify_jwt is off for the function', async () => {
    const { data, error } = await stack.client().functions.invoke<Probe>('open/hook', { body: { event: 'x' } });
    expect(error, 'no token needed').toBeNull();
    expect(data?.path, 'served by the open function').toBe('/open/hook');
  });
});

async function signedInToken(): Promise<string> {
  const client = await signedIn();
  const { data } = await client.functions.invoke<Probe>('probe');
  return (data?.headers.authorization ?? '').replace('Bearer ', '');
}

describe('environment', () => {
  it('gives the SUPABASE_* variables in upstream formats, the secrets file, and nothing else', async () => {
    const { data, error } = await (await signedIn()).functions.invoke<Record<string, string | null>>('probe/env');
    expect(error, 'invoke error').toBeNull();
    expect(data, 'environment').toEqual({
      SUPABASE_URL: stack.url,
      SUPABASE_ANON_KEY: stack.keys.anon_key,
      SUPABASE_SERVICE_ROLE_KEY: stack.keys.service_role_key,
      SUPABASE_DB_URL: stack.dbUrl,
      SUPABASE_JWKS: JSON.stringify(publicJwks(stack.keys)),
      SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: stack.keys.publishable_key }),
      SUPABASE_SECRET_KEYS: JSON.stringify({ default: stack.keys.secret_key }),
      PROBE_SECRET: SECRET,
      HOME: null,
      ROOST_NOT_GIVEN: null,
    });
    expect(JSON.parse(data?.SUPABASE_JWKS ?? '{}').keys[0].d, 'public keys only').toBeUndefined();
    expect(output.join('\n'), 'a secret is never logged').not.toContain(SECRET);
    expect(output.join('\n'), 'a reserved name in the secrets file is refused').toContain('skipped SUPABASE_URL');
  });

  it('lets a function reach loopback (the gateway) but not the outside network', async () => {
    const client = await signedIn();
    const gateway = await client.functions.invoke(`probe/net?url=${encodeURIComponent(`${stack.url}/auth/v1/health`)}`);
    expect(gateway.data, 'the gateway is reachable').toEqual({ reached: true });
    const outside = await client.functions.invoke<{ reached: boolean; error: string }>(
      `probe/net?url=${encodeURIComponent('http://192.0.2.1/')}`,
    );
    expect(outside.data?.reached, 'other hosts are refused by Deno permissions').toBe(false);
    expect(outside.data?.error, 'a permission error').toMatch(/NotCapable|PermissionDenied|Requires net access/);
  });
});

describe('the process', () => {
  it('stays warm: a second request reaches the same process without booting it again', async () => {
    const client = await signedIn();
    const first = await client.functions.invoke<Probe>('probe');
    const second = await client.functions.invoke<Probe>('probe');
    expect(second.data?.pid, 'same Deno process').toBe(first.data?.pid);
    expect(second.data?.requests, 'module state kept: the counter went on').toBe((first.data?.requests ?? 0) + 1);
  });

  it('streams a response: the first chunk arrives before the function has finished', async () => {
    const client = await signedIn();
    const { data, error } = await client.functions.invoke<Response>('probe/stream', { method: 'GET' });
    expect(error, 'invoke error').toBeNull();
    const reader = (data as Response).body?.getReader();
    const decoder = new TextDecoder();
    const first = await reader?.read();
    expect(decoder.decode(first?.value), 'the first event, while the function still waits').toBe('data: first\n\n');
    const released = await client.functions.invoke('probe/release');
    expect(released.data, 'the function is told to finish').toEqual({ released: true });
    let rest = '';
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      rest += decoder.decode(chunk.value);
    }
    expect(rest, 'the last event, then the end').toBe('data: last\n\n');
  });

  it('answers 500 WORKER_ERROR for an uncaught error and keeps the process', async () => {
    const client = await signedIn();
    const before = await client.functions.invoke<Probe>('probe');
    const result = await client.functions.invoke('probe/throw');
    expect(await errorOf(result), 'uncaught error').toEqual({
      status: 500,
      body: { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' },
    });
    const after = await client.functions.invoke<Probe>('probe');
    expect(after.data?.pid, 'the process survived').toBe(before.data?.pid);
    expect(output.join('\n'), 'the error is in the log').toContain('probe: an uncaught error');
  });

  it('answers 503 BOOT_ERROR when the process dies, and boots a new one for the next request', async () => {
    const client = await signedIn();
    const before = await client.functions.invoke<Probe>('probe');
    const crash = await client.functions.invoke('probe/exit');
    expect(await errorOf(crash), 'the request that crashed it').toEqual({
      status: 503,
      body: { code: 'BOOT_ERROR', message: 'Function failed to start (please check logs)' },
    });
    const after = await client.functions.invoke<Probe>('probe');
    expect(after.error, 'served again').toBeNull();
    expect(after.data?.pid, 'by a new process').not.toBe(before.data?.pid);
    expect(after.data?.requests, 'fresh module state').toBe(1);
  });

  it('answers 503 BOOT_ERROR for a function that fails while loading, every time', async () => {
    const client = await signedIn();
    for (const attempt of [1, 2]) {
      const result = await client.functions.invoke('broken');
      expect(await errorOf(result), `attempt ${attempt}`).toEqual({
        status: 503,
        body: { code: 'BOOT_ERROR', message: 'Function failed to start (please check logs)' },
      });
    }
    expect(output.join('\n'), 'the reason is in the log').toContain('broken: fails at boot');
  });
});
