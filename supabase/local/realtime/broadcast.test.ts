// Client-to-client broadcast with the official client: self, ack, JSON and binary payloads, both
// protocol versions, and the REST endpoints (202).
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { collect, join, joined, realtimeClient, useRealtimeStack, waitFor } from './test-support.ts';

const stack = useRealtimeStack();

describe('broadcast between clients', () => {
  it('delivers to other subscribers, to the sender only with self, and acknowledges with ack', async () => {
    const sender = await realtimeClient(stack);
    const receiver = await realtimeClient(stack);
    const heard = collect();
    const echoed = collect();
    await joined(receiver.channel('room-1').on('broadcast', { event: 'move' }, (m) => heard.push(m)));
    const own = await joined(
      sender
        .channel('room-1', { config: { broadcast: { self: true, ack: true } } })
        .on('broadcast', { event: 'move' }, (m) => echoed.push(m)),
    );
    const status = await own.send({ type: 'broadcast', event: 'move', payload: { x: 1 } });
    expect(status, 'an acknowledged broadcast resolves ok').toBe('ok');
    await waitFor('the receiver to hear the move', () => heard.items.length === 1);
    await waitFor('the sender to hear itself (self: true)', () => echoed.items.length === 1);
    expect(heard.items[0], 'the receiver gets event and payload').toMatchObject({ event: 'move', payload: { x: 1 } });

    const quiet = collect();
    const silent = await joined(
      sender
        .channel('room-2', { config: { broadcast: { ack: true } } })
        .on('broadcast', { event: '*' }, (m) => quiet.push(m)),
    );
    const listener = collect();
    await joined(receiver.channel('room-2').on('broadcast', { event: '*' }, (m) => listener.push(m)));
    await silent.send({ type: 'broadcast', event: 'a', payload: {} });
    await silent.send({ type: 'broadcast', event: 'b', payload: {} });
    await waitFor('both messages at the listener', () => listener.items.length === 2);
    expect(quiet.items, 'without self, the sender hears nothing of its own').toHaveLength(0);
    expect(
      listener.items.map((m) => m.event),
      'in order',
    ).toEqual(['a', 'b']);
  });

  it('carries binary payloads as bytes', async () => {
    const sender = await realtimeClient(stack);
    const receiver = await realtimeClient(stack);
    const heard = collect<{ payload: ArrayBuffer }>();
    await joined(receiver.channel('bytes').on('broadcast', { event: 'blob' }, (m) => heard.push(m as never)));
    const channel = await joined(sender.channel('bytes', { config: { broadcast: { ack: true } } }));
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await channel.send({ type: 'broadcast', event: 'blob', payload: bytes.buffer });
    const message = await waitFor('the binary broadcast', () => heard.items[0]);
    expect(new Uint8Array(message.payload), 'the same bytes arrive').toEqual(bytes);
  });

  it('carries httpSend bytes (application/octet-stream) as a binary broadcast', async () => {
    const receiver = await realtimeClient(stack);
    const heard = collect<{ payload: ArrayBuffer }>();
    await joined(receiver.channel('rest-bytes').on('broadcast', { event: 'blob' }, (m) => heard.push(m as never)));
    const sender = await realtimeClient(stack);
    const bytes = new Uint8Array([1, 0, 255]);
    expect(await sender.channel('rest-bytes').httpSend('blob', bytes.buffer), 'accepted').toMatchObject({
      success: true,
    });
    const message = await waitFor('the binary REST broadcast', () => heard.items[0]);
    expect(new Uint8Array(message.payload), 'the same bytes arrive').toEqual(bytes);
  });

  it('refuses topics too long for a binary frame (255 bytes) and carries the longest', async () => {
    const sender = await realtimeClient(stack);
    const receiver = await realtimeClient(stack);
    // "realtime:" and 2-byte characters: 9 + 2 × 123 = 255 bytes, one more is 257.
    const longest = 'é'.repeat(123);
    const refused = await join(receiver.channel(`${longest}é`));
    expect(refused.status, 'a 257-byte topic is refused').toBe('CHANNEL_ERROR');
    expect(refused.error?.message, 'with a clear reason').toContain('at most 255 bytes');
    const heard = collect<{ payload: ArrayBuffer }>();
    await joined(receiver.channel(longest).on('broadcast', { event: 'blob' }, (m) => heard.push(m as never)));
    const channel = await joined(sender.channel(longest, { config: { broadcast: { ack: true } } }));
    const bytes = new Uint8Array([7, 8, 9]);
    await channel.send({ type: 'broadcast', event: 'blob', payload: bytes.buffer });
    const message = await waitFor('the binary broadcast on a 255-byte topic', () => heard.items[0]);
    expect(new Uint8Array(message.payload), 'intact').toEqual(bytes);
  });

  it('speaks protocol 1.0.0 as well', async () => {
    const options = { auth: { persistSession: false }, realtime: { vsn: '1.0.0' } } as const;
    const a = createClient(stack.url, stack.keys.publishable_key, options as never);
    const b = createClient(stack.url, stack.keys.publishable_key, options as never);
    try {
      const heard = collect();
      await joined(b.channel('v1').on('broadcast', { event: 'hi' }, (m) => heard.push(m)));
      const channel = await joined(a.channel('v1', { config: { broadcast: { ack: true } } }));
      expect(await channel.send({ type: 'broadcast', event: 'hi', payload: { n: 1 } }), 'ack over 1.0.0').toBe('ok');
      await waitFor('the 1.0.0 broadcast', () => heard.items.length === 1);
      expect(heard.items[0], 'payload over 1.0.0').toMatchObject({ payload: { n: 1 } });
    } finally {
      await a.removeAllChannels();
      await b.removeAllChannels();
      a.realtime.disconnect();
      b.realtime.disconnect();
    }
  });

  it('accepts REST broadcasts with 202 and delivers them', async () => {
    const receiver = await realtimeClient(stack);
    const heard = collect();
    await joined(receiver.channel('rest-room').on('broadcast', { event: '*' }, (m) => heard.push(m)));
    const response = await fetch(`${stack.url}/realtime/v1/api/broadcast`, {
      method: 'POST',
      headers: { apikey: stack.keys.publishable_key, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic: 'rest-room', event: 'ping', payload: { via: 'rest' } }] }),
    });
    expect(response.status, 'the REST broadcast is accepted').toBe(202);
    const sender = await realtimeClient(stack);
    const result = await sender.channel('rest-room').httpSend('pong', { via: 'httpSend' });
    expect(result, 'httpSend succeeds').toMatchObject({ success: true });
    await waitFor('both REST messages', () => heard.items.length === 2);
    expect(
      heard.items.map((m) => m.event),
      'both events arrive in order',
    ).toEqual(['ping', 'pong']);
  });
});
