// Realtime's metrics and the stack's health and slow-statements page through the gateway
// (decision 039): sockets, channels and deliveries move with real clients, the replication lag
// is read from the slot, /health checks the database and the slot, and pg_stat_statements is
// readable by the operator (service role) only.
import { describe, expect, it } from 'vitest';
import { withDatabaseHealth } from '../database-health.ts';
import { authPublic } from '../gateway/auth-public.ts';
import { useTestStack } from '../testing/test-stack.ts';
import { createRealtimeService } from './index.ts';
import { collect, joined, realtimeClient, waitFor } from './test-support.ts';

const stack = useTestStack({
  services: (deps) => {
    const realtime = createRealtimeService({ ...deps, dropSlotOnClose: true, streamAfterMs: 0 });
    return {
      services: { realtime: realtime.service, auth: withDatabaseHealth(authPublic, deps.sql, '/health') },
      close: () => realtime.close(),
    };
  },
});

async function metrics(): Promise<Map<string, number>> {
  const response = await fetch(`${stack.url}/metrics`);
  expect(response.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe('realtime metrics', () => {
  it('count open sockets, joined channels and deliveries, and report the slot lag', async () => {
    const before = await metrics();
    const client = await realtimeClient(stack);
    const heard = collect();
    const channel = await joined(
      client
        .channel('observed', { config: { broadcast: { self: true, ack: true } } })
        .on('broadcast', { event: 'ping' }, heard.push),
    );
    const open = await metrics();
    expect(open.get('roost_realtime_sockets_open')).toBe((before.get('roost_realtime_sockets_open') ?? 0) + 1);
    expect(open.get('roost_realtime_channels_joined')).toBe((before.get('roost_realtime_channels_joined') ?? 0) + 1);
    expect(await channel.send({ type: 'broadcast', event: 'ping', payload: {} })).toBe('ok');
    await waitFor('the broadcast to come back', () => heard.items[0]);
    const after = await metrics();
    expect(after.get('roost_realtime_deliveries_total')).toBeGreaterThan(
      before.get('roost_realtime_deliveries_total') ?? 0,
    );
    const lag = await waitFor('the slot to exist', async () => {
      const value = (await metrics()).get('roost_realtime_replication_lag_bytes');
      return value !== undefined && value >= 0 ? value : undefined;
    });
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(
      after.get('roost_gateway_requests_total{service="realtime",route="/websocket",method="GET",status="101"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('health through the gateway', () => {
  it('is 200 with the database and the replication slot checked', async () => {
    const body = await waitFor('a healthy stack', async () => {
      const response = await fetch(`${stack.url}/health`);
      const json = (await response.json()) as { status: string; checks: Record<string, boolean> };
      return response.status === 200 ? json : undefined;
    });
    expect(body).toEqual({ status: 'ok', checks: { replication_slot: true, database: true } });
  });
});

describe('slow statements', () => {
  it('pg_stat_statements is loaded and readable, and the operator page lists statements', async () => {
    await stack.admin`select pg_catalog.pg_sleep(0.01)`;
    const [row] = await stack.admin<{ n: number }[]>`select count(*)::int as n from extensions.pg_stat_statements`;
    expect(row?.n).toBeGreaterThan(0);
    const json = await fetch(`${stack.url}/_operator/statements?limit=5`, {
      headers: { apikey: stack.keys.secret_key, accept: 'application/json' },
    });
    expect(json.status).toBe(200);
    const rows = (await json.json()) as { mean_ms: number; calls: number; query: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows[0]).toMatchObject({
      mean_ms: expect.any(Number),
      calls: expect.any(Number),
      query: expect.any(String),
    });
    const page = await fetch(`${stack.url}/_operator/statements`, { headers: { apikey: stack.keys.secret_key } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<h1>Slowest statements');
    const tenant = await fetch(`${stack.url}/_operator/statements`, {
      headers: { apikey: stack.keys.publishable_key },
    });
    expect(tenant.status, 'never for tenants').toBe(403);
    await tenant.arrayBuffer();
  });
});
