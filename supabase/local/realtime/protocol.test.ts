// The protocol around channels with the official client: heartbeats, upstream's limits (100
// channels per socket, payload size) with clear errors, access_token refresh, and tokens that
// expire or stop granting access.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { signJwt } from '../gateway/jwt.ts';
import { userClaims } from '../rls-request.ts';
import { collect, join, joined, realtimeClient, useRealtimeStack, useToken, waitFor } from './test-support.ts';

const stack = useRealtimeStack({ limits: { maxPayloadBytes: 64 * 1024 } });
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant(stack.admin, 'rtx-a');
  b = await createTenant(stack.admin, 'rtx-b');
});

const now = () => Math.floor(Date.now() / 1000);

describe('realtime protocol', () => {
  it('answers heartbeats', async () => {
    const client = await realtimeClient(stack);
    await joined(client.channel('hb'));
    const statuses: string[] = [];
    client.realtime.onHeartbeat((status) => statuses.push(status));
    await client.realtime.sendHeartbeat();
    await waitFor('the heartbeat reply', () => statuses.includes('ok'));
  });

  it('refuses the 101st channel of a socket with a clear reason', async () => {
    const client = await realtimeClient(stack);
    await Promise.all(Array.from({ length: 100 }, (_, i) => joined(client.channel(`many-${i}`))));
    const refused = await join(client.channel('many-100'));
    expect(refused.status, 'the 101st join fails').toBe('CHANNEL_ERROR');
    expect(refused.error?.message, 'with upstream reason').toContain('Too many channels');
  });

  it('refuses a broadcast over the payload limit and keeps the channel', async () => {
    const client = await realtimeClient(stack);
    const channel = await joined(client.channel('big', { config: { broadcast: { ack: true, self: true } } }));
    const heard = collect();
    channel.on('broadcast', { event: '*' }, (m) => heard.push(m));
    const big = 'x'.repeat(100 * 1024);
    expect(await channel.send({ type: 'broadcast', event: 'big', payload: { big } }), 'too large').toBe('error');
    expect(await channel.send({ type: 'broadcast', event: 'small', payload: {} }), 'a small one still works').toBe(
      'ok',
    );
    await waitFor('the small message', () => heard.items.length === 1);
    expect(
      heard.items.map((m) => m.event),
      'only the small one went out',
    ).toEqual(['small']);
  });

  it('swaps the token on live channels and stops when it is expired or no longer grants access', async () => {
    const client = await realtimeClient(stack, a.members.viewer);
    const heard = collect();
    const system = collect();
    const statuses: string[] = [];
    const topic = `property:${a.propertyIds[0]}`;
    client
      .channel(topic, { config: { private: true } })
      .on('broadcast', { event: '*' }, (m) => heard.push(m))
      .on('system', {}, (m) => system.push(m))
      .subscribe((status) => statuses.push(status));
    await waitFor('the join', () => statuses.includes('SUBSCRIBED'));

    await useToken(client, await signJwt(stack.keys, userClaims(a.members.viewer, { exp: now() + 7200 })));
    await stack.admin`select realtime.send('{"n": 1}'::jsonb, 'after_refresh', ${topic}, true)`;
    await waitFor('delivery after a valid refresh', () => heard.items.length === 1);

    await useToken(client, await signJwt(stack.keys, userClaims(b.members.owner)));
    await waitFor('the channel to close (the new token has no access)', () => statuses.includes('CLOSED'));
    expect(system.items.at(-1), 'a system message says why').toMatchObject({ status: 'error', extension: 'system' });
    const markers = collect();
    await joined(client.channel('markers-token').on('broadcast', { event: '*' }, (m) => markers.push(m)));
    await stack.admin`select realtime.send('{"n": 2}'::jsonb, 'after_close', ${topic}, true)`;
    await stack.admin`select realtime.send('{}'::jsonb, 'marker', 'markers-token', false)`;
    await waitFor('the marker', () => markers.items.length === 1);
    expect(
      heard.items.map((m) => m.event),
      'nothing after the refusal',
    ).toEqual(['after_refresh']);
  });

  it('ends a channel when its token expires', async () => {
    const client = await realtimeClient(stack, a.members.viewer, { exp: now() + 5 });
    const system = collect();
    const statuses: string[] = [];
    client
      .channel(`org:${a.organizationId}`, { config: { private: true } })
      .on('system', {}, (m) => system.push(m))
      .subscribe((status) => statuses.push(status));
    await waitFor('the join', () => statuses.includes('SUBSCRIBED'));
    await waitFor('the channel to close at expiry', () => statuses.includes('CLOSED'), 20_000);
    expect(system.items.at(-1), 'the system message names the expiry').toMatchObject({
      message: expect.stringContaining('expired'),
    });
  });

  it('refuses a join with an expired token', async () => {
    const expired = await realtimeClient(stack, a.members.viewer, { exp: now() - 10 });
    const result = await join(expired.channel('any'));
    expect(result.status, 'expired token').toBe('CHANNEL_ERROR');
    expect(result.error?.message, 'reason').toContain('InvalidJWTToken');
  });
});
