// The health server bound to loopback answers only loopback Host headers (DNS rebinding, issue 12).
import { request } from 'node:http';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HealthServer, startHealthServer } from './http-server.ts';

let server: HealthServer;

beforeAll(async () => {
  server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    registry: new Registry(),
    health: async () => ({ ok: true, detail: {} }),
  });
});
afterAll(() => server?.close());

function get(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('worker health server Host check', () => {
  it('refuses a rebinding page (another Host) and serves this machine', async () => {
    for (const path of ['/health', '/metrics']) {
      expect(await get(path, 'evil.example:9464'), `${path} for evil.example`).toBe(403);
      expect(await get(path, 'localhost.evil.example'), `${path} for a lookalike`).toBe(403);
      expect(await get(path, '127.0.0.1:9464'), `${path} for 127.0.0.1`).toBe(200);
      expect(await get(path, 'localhost'), `${path} for localhost`).toBe(200);
    }
  });
});

describe('worker metrics with ROOST_METRICS_TOKEN (decision 039)', () => {
  it('asks for the bearer token on /metrics, health stays open', async () => {
    const guarded = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry: new Registry(),
      health: async () => ({ ok: true, detail: {} }),
      metricsToken: 'scrape-secret',
    });
    try {
      const status = async (path: string, authorization?: string) => {
        const response = await fetch(`${guarded.url}${path}`, authorization ? { headers: { authorization } } : {});
        await response.arrayBuffer();
        return response.status;
      };
      expect(await status('/metrics')).toBe(403);
      expect(await status('/metrics', 'Bearer wrong')).toBe(403);
      expect(await status('/metrics', 'Bearer scrape-secret')).toBe(200);
      expect(await status('/health')).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
