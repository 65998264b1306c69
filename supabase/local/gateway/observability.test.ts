// The gateway's request ids, request log, /metrics, /health and the operator page's guard
// (decision 039), without a database: services here are small fakes.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/observability/logger.ts';
import { withDatabaseHealth } from '../database-health.ts';
import { ensureLocalKeys, type LocalKeys } from '../keys.ts';
import { freePort } from '../throwaway.ts';
import { authPublic } from './auth-public.ts';
import { sendJson } from './http.ts';
import { type Gateway, startGateway } from './server.ts';
import type { Service } from './services.ts';

let dir: string;
let keys: LocalKeys;
let gateway: Gateway;
const lines: Record<string, unknown>[] = [];
/** What the fake REST service saw as the request id. */
const seen: (string | undefined)[] = [];
let healthy = true;

const rest: Service = {
  handle(context, res) {
    seen.push(context.req.headers['x-request-id'] as string | undefined);
    sendJson(res, context.path.startsWith('/missing') ? 404 : 200, []);
  },
  observability: { checks: { fake_dependency: async () => healthy } },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roost-gateway-obs-'));
  keys = await ensureLocalKeys({ file: join(dir, 'keys.json'), pins: {} });
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  gateway = await startGateway({
    port: await freePort(),
    keys,
    services: { rest },
    logger: createLogger('gateway', { level: 'info', destination }),
  });
});
afterAll(async () => {
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rest200 = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}/rest/v1${path}`, { headers: { apikey: keys.publishable_key, ...headers } });

/** Raw HTTP/1.1, so that headers fetch() would refuse can be sent. */
function rawRequest(head: string): Promise<string> {
  const { port } = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(head));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

/** Checks the Prometheus text exposition format line by line; returns samples by name+labels. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$/.exec(line);
    expect(match, `a valid sample line: ${line}`).not.toBeNull();
    samples.set(`${match?.[1]}${match?.[2] ?? ''}`, Number(match?.[3]));
  }
  return samples;
}

describe('request ids', () => {
  it('keeps a valid incoming id, passes it to the service, answers it and logs one line', async () => {
    const response = await rest200('/organizations?id=eq.1', { 'x-request-id': 'web-1234.abc' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('web-1234.abc');
    expect(seen.at(-1)).toBe('web-1234.abc');
    await response.arrayBuffer();
    const line = lines.find((entry) => entry.requestId === 'web-1234.abc');
    expect(line).toMatchObject({
      name: 'gateway',
      service: 'rest',
      route: '/organizations',
      status: 200,
      msg: 'request',
    });
    expect(typeof line?.ms).toBe('number');
  });

  it('assigns a new id when there is none, and logs route templates, not ids', async () => {
    const response = await rest200('/rpc/create_job');
    const id = response.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.at(-1)).toBe(id);
    await rest200('/missing/6f0c8a1e-9a56-4a40-9d1c-3f1f0b0f6a11/7').then((r) => r.arrayBuffer());
    expect(lines.find((entry) => entry.requestId === id)).toMatchObject({ route: '/rpc/create_job' });
    expect(lines.at(-1)).toMatchObject({ route: '/missing/:id/:id', status: 404 });
  });

  it('replaces a forged id: unsafe characters, too long, repeated; CR/LF never reach a header', async () => {
    for (const forged of ['a b', 'x"<script>', 'é', 'a'.repeat(129)]) {
      const response = await rest200('/organizations', { 'x-request-id': forged });
      await response.arrayBuffer();
      expect(response.headers.get('x-request-id'), forged).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen.at(-1), forged).toMatch(/^[0-9a-f-]{36}$/);
    }
    // A header value with a bare CR (injection attempt) is refused by the HTTP parser or replaced.
    const injected = await rawRequest(
      `GET /rest/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\napikey: ${keys.publishable_key}\r\n` +
        `x-request-id: abc\rset-cookie: evil=1\r\nConnection: close\r\n\r\n`,
    );
    expect(injected).not.toMatch(/^set-cookie: evil/im);
    expect(injected).not.toMatch(/x-request-id: abc/i);
    // Two ids in one request (an array) are not kept either.
    const twice = await rawRequest(
      `GET /rest/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\napikey: ${keys.publishable_key}\r\n` +
        'x-request-id: one\r\nx-request-id: two\r\nConnection: close\r\n\r\n',
    );
    expect(twice).toMatch(/^HTTP\/1\.1 200/);
    expect(twice).toMatch(/^x-request-id: [0-9a-f-]{36}\r$/im);
  });
});

describe('/metrics', () => {
  it('serves Prometheus text whose request counter moves with each request', async () => {
    const scrape = async () => {
      const response = await fetch(`${gateway.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      return parsePrometheus(await response.text());
    };
    const key = 'roost_gateway_requests_total{service="rest",route="/organizations",method="GET",status="200"}';
    const before = (await scrape()).get(key) ?? 0;
    await rest200('/organizations').then((r) => r.arrayBuffer());
    await rest200('/organizations').then((r) => r.arrayBuffer());
    const after = await scrape();
    expect(after.get(key)).toBe(before + 2);
    expect(
      after.get('roost_gateway_request_duration_seconds_count{service="rest",route="/organizations"}'),
    ).toBeGreaterThanOrEqual(2);
  });

  it('refuses a request naming another host (DNS rebinding)', async () => {
    const answer = await rawRequest('GET /metrics HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
  });
});

describe('/health', () => {
  it('says 200 while every check answers, 503 with the failing check named otherwise', async () => {
    healthy = true;
    const ok = await fetch(`${gateway.url}/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', checks: { fake_dependency: true } });
    healthy = false;
    const down = await fetch(`${gateway.url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { fake_dependency: false } });
    healthy = true;
  });

  it('says 503 when the database does not answer (database-health.ts)', async () => {
    const dead = postgres({ host: '127.0.0.1', port: await freePort(), connect_timeout: 1, max: 1 });
    const own = await startGateway({
      port: 0,
      keys,
      services: { auth: withDatabaseHealth(authPublic, dead, '/health') },
    });
    try {
      const response = await fetch(`${own.url}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', checks: { database: false } });
    } finally {
      await own.close();
      await dead.end({ timeout: 0 });
    }
  });
});

describe('/_operator/statements', () => {
  it('is for the service role only: no key, the publishable key and a browser with the secret key get 403', async () => {
    const none = await fetch(`${gateway.url}/_operator/statements`);
    expect(none.status).toBe(403);
    await none.arrayBuffer();
    const anon = await fetch(`${gateway.url}/_operator/statements`, { headers: { apikey: keys.publishable_key } });
    expect(anon.status).toBe(403);
    await anon.arrayBuffer();
    const browser = await fetch(`${gateway.url}/_operator/statements`, {
      headers: {
        apikey: keys.secret_key,
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      },
    });
    expect(browser.status).toBe(403);
    await browser.arrayBuffer();
    const operator = await fetch(`${gateway.url}/_operator/statements`, { headers: { apikey: keys.secret_key } });
    expect(operator.status, 'no database behind this gateway').toBe(503);
    await operator.arrayBuffer();
  });
});
