// A socket's behaviour without a database (a fake socket, a rights cache under control): a
// private join decided while an authorization table changes must decide again (the
// re-authorisation that change triggers cannot see a channel still being joined), and frames that
// queue up behind a waiting one stop the socket being read until they are handled.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { KeyRing, Resolution } from '../gateway/resolve-caller.ts';
import type { RightsCache, TopicRights } from './authorize.ts';
import { serveConnection } from './connection.ts';
import { Hub } from './hub.ts';

function fakeSocket() {
  const sent: unknown[] = [];
  const ws: EventEmitter & { isPaused: boolean } = Object.assign(new EventEmitter(), {
    readyState: 1,
    bufferedAmount: 0,
    isPaused: false,
    pause() {
      ws.isPaused = true;
    },
    resume() {
      ws.isPaused = false;
    },
    send: (data: string) => sent.push(JSON.parse(data)),
    close() {},
    terminate() {},
  });
  return { ws, sent };
}

describe('a private join during an authorization change', () => {
  it('is refused when the membership ended while its first check was in flight', async () => {
    let generation = 0;
    let answerFirst: (rights: TopicRights) => void = () => {};
    const calls: number[] = [];
    const rights = Object.defineProperties(
      (_access: unknown, _topic: string): Promise<TopicRights> => {
        calls.push(generation);
        // The first check ran on a snapshot from before the membership ended.
        if (calls.length === 1) return new Promise((resolve) => (answerFirst = resolve));
        return Promise.resolve({ read: false, write: false });
      },
      { clear: { value: () => (generation += 1) }, generation: { get: () => generation } },
    ) as RightsCache;
    const hub = new Hub();
    const { ws, sent } = fakeSocket();
    const caller = {
      ok: true,
      role: 'authenticated',
      claims: { sub: 'u1', role: 'authenticated' },
      apiKey: null,
      jwt: null,
    } as Resolution;
    serveConnection({
      ws: ws as unknown as WebSocket,
      vsn: '1.0.0',
      apikey: null,
      caller,
      hub,
      rights,
      ring: {} as KeyRing,
      limits: {
        maxChannelsPerSocket: 10,
        maxPayloadBytes: 1 << 16,
        maxBufferedBytes: 1 << 20,
        heartbeatTimeoutMs: 60_000,
      },
      beforeJoin: async () => {},
    });
    const join = {
      topic: 'realtime:org:x',
      event: 'phx_join',
      payload: { config: { private: true } },
      ref: '1',
      join_ref: '1',
    };
    ws.emit('message', Buffer.from(JSON.stringify(join)), false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls, 'the first check is in flight').toEqual([0]);
    rights.clear(); // the dispatcher saw the membership end and re-authorised the private channels
    answerFirst({ read: true, write: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.at(-1), 'the join is refused').toMatchObject({
      event: 'phx_reply',
      payload: { status: 'error' },
    });
    expect([...hub.allPrivate()], 'no private channel was registered').toEqual([]);
    ws.emit('close');
  });
});

describe('frames waiting to be handled', () => {
  it('stop the socket being read past a bound, and it is read again once they are handled', async () => {
    let ready: () => void = () => {};
    const { ws, sent } = fakeSocket();
    serveConnection({
      ws: ws as unknown as WebSocket,
      vsn: '1.0.0',
      apikey: null,
      caller: { ok: true, role: 'anon', claims: { role: 'anon' }, apiKey: null, jwt: null } as Resolution,
      hub: new Hub(),
      rights: Object.assign(async () => ({ read: false, write: false }), { clear() {}, generation: 0 }),
      ring: {} as KeyRing,
      limits: {
        maxChannelsPerSocket: 10,
        maxPayloadBytes: 1 << 16,
        maxBufferedBytes: 1 << 20,
        heartbeatTimeoutMs: 60_000,
      },
      // The slot is not there yet: the join (and everything after it) waits.
      beforeJoin: () => new Promise<void>((resolve) => (ready = resolve)),
    });
    const frame = (event: string, topic: string, ref: number) =>
      Buffer.from(JSON.stringify({ topic, event, payload: {}, ref: String(ref), join_ref: null }));
    ws.emit('message', frame('phx_join', 'realtime:room', 0), false);
    for (let i = 1; i <= 150; i += 1) ws.emit('message', frame('heartbeat', 'phoenix', i), false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ws.isPaused, 'reading stopped while 150 frames wait').toBe(true);
    ready();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.length, 'the join and every heartbeat answered').toBe(151);
    expect(ws.isPaused, 'reading again').toBe(false);
    ws.emit('close');
  });
});

describe('a token refresh', () => {
  it('sets no expiry timer for a channel closed while the new token was checked', async () => {
    let answer: (rights: TopicRights) => void = () => {};
    let checks = 0;
    const rights = Object.assign(
      (): Promise<TopicRights> => {
        checks += 1;
        // The join's check answers at once; the refresh's waits.
        if (checks === 1) return Promise.resolve({ read: true, write: true });
        return new Promise((resolve) => (answer = resolve));
      },
      { clear() {}, generation: 0 },
    ) as RightsCache;
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const ring = {
      byValue: new Map([['key', { kind: 'publishable', role: 'anon', claims: { role: 'anon' } }]]),
      verify: async () => ({ sub: 'u1', role: 'authenticated', exp }),
    } as unknown as KeyRing;
    const hub = new Hub();
    const { ws } = fakeSocket();
    serveConnection({
      ws: ws as unknown as WebSocket,
      vsn: '1.0.0',
      apikey: 'key',
      caller: {
        ok: true,
        role: 'authenticated',
        claims: { sub: 'u1', role: 'authenticated' },
        apiKey: null,
        jwt: null,
      },
      hub,
      rights,
      ring,
      limits: {
        maxChannelsPerSocket: 10,
        maxPayloadBytes: 1 << 16,
        maxBufferedBytes: 1 << 20,
        heartbeatTimeoutMs: 60_000,
      },
      beforeJoin: async () => {},
    });
    const frame = (event: string, payload: unknown, ref: string) =>
      Buffer.from(JSON.stringify({ topic: 'realtime:org:x', event, payload, ref, join_ref: '1' }));
    ws.emit('message', frame('phx_join', { config: { private: true } }, '1'), false);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [channel] = [...hub.allPrivate()];
    expect(channel, 'joined').toBeDefined();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      ws.emit('message', frame('access_token', { access_token: 'new-token' }, '2'), false);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(checks, "the refresh's check is in flight").toBe(2);
      channel?.socket.closeChannel(channel, 'closed meanwhile'); // e.g. the membership ended
      answer({ read: true, write: true });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const expiry = timers.mock.calls.filter(([, delay]) => (delay ?? 0) > 600_000);
      expect(expiry, 'no timer waits for the dead channel to expire').toEqual([]);
    } finally {
      timers.mockRestore();
      ws.emit('close');
    }
  });
});
