// The web server's request ids, request log, /metrics and /health (decision 039), and the request
// id going out on the request's Supabase calls (load-context.server.ts), against small fakes.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/observability/logger.ts';
import type { WebEnv } from './env.server.ts';
import { createLoadContext } from './load-context.server.ts';
import { createWebObservability, webRouteTemplate } from './observability.server.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A fake Supabase project: Auth health answers `status`; every request's headers are kept. */
async function fakeSupabase(status: number) {
  const seen: Record<string, string | string[] | undefined>[] = [];
  const url = await listen((req, res) => {
    seen.push(req.headers);
    res.writeHead(req.url?.startsWith('/auth/v1/health') ? status : 200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  return { url, seen };
}

async function webApp(supabaseUrl: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const observability = createWebObservability({
    supabaseUrl,
    apiKey: 'sb_publishable_test',
    logger: createLogger('web', { level: 'info', destination }),
  });
  const url = await listen((req, res) => {
    observability.begin(req, res);
    void observability.answer(req, res).then((answered) => {
      if (!answered) res.writeHead(200).end('page');
    });
  });
  return { url, lines };
}

describe('web requests', () => {
  it('get a request id (kept when valid, replaced when forged), one log line and counted metrics', async () => {
    const supabase = await fakeSupabase(200);
    const web = await webApp(supabase.url);
    const kept = await fetch(`${web.url}/o/acme/p/6f0c8a1e-9a56-4a40-9d1c-3f1f0b0f6a11/bookings`, {
      headers: { 'x-request-id': 'lb-42' },
    });
    expect(kept.headers.get('x-request-id')).toBe('lb-42');
    await kept.text();
    const forged = await fetch(`${web.url}/`, { headers: { 'x-request-id': 'a"b c' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await forged.text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(web.lines.find((line) => line.requestId === 'lb-42')).toMatchObject({
      name: 'web',
      route: '/o/acme/p/:id/bookings',
      status: 200,
      msg: 'request',
    });
    const metrics = await fetch(`${web.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('roost_web_requests_total{route="/o/acme/p/:id/bookings",method="GET",status="200"} 1');
    expect(text).toMatch(/roost_web_request_duration_seconds_count\{route="\/"\} 1/);
  });

  it('/health is 200 while the project answers and 503 when its database (Auth health) or the project is down', async () => {
    const up = await webApp((await fakeSupabase(200)).url);
    expect((await fetch(`${up.url}/health`)).status).toBe(200);
    const databaseDown = await webApp((await fakeSupabase(503)).url);
    const answer = await fetch(`${databaseDown.url}/health`);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ status: 'unavailable', checks: { supabase: false } });
    const gone = await webApp('http://127.0.0.1:9');
    expect((await fetch(`${gone.url}/health`)).status).toBe(503);
  });

  it('/metrics refuses a page naming another host', async () => {
    const web = await webApp((await fakeSupabase(200)).url);
    const { port } = new URL(web.url);
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/metrics', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer).toBe(403);
  });
});

describe('the request id on Supabase calls', () => {
  it('goes out on every call of the request’s server client', async () => {
    const supabase = await fakeSupabase(200);
    const env = {
      project: { SUPABASE_URL: supabase.url, clientKey: 'sb_publishable_test' },
      browser: { SUPABASE_URL: supabase.url, SUPABASE_KEY: 'sb_publishable_test' },
    } as unknown as WebEnv;
    const context = await createLoadContext(new Request('http://127.0.0.1/o/acme'), env, 'nonce', 'web-rid-7');
    await context.supabase.from('organizations').select('id');
    expect(supabase.seen.at(-1)?.['x-request-id']).toBe('web-rid-7');
  });
});

describe('route templates of the web app', () => {
  it('groups assets and ids', () => {
    expect(webRouteTemplate('/assets/entry.client-3f9a.js')).toBe('/assets/*');
    expect(webRouteTemplate('/o/acme/properties/6f0c8a1e-9a56-4a40-9d1c-3f1f0b0f6a11')).toBe('/o/acme/properties/:id');
  });
});
