// Presence with the official client: state on join, diffs on track/untrack, cleanup when a
// client disconnects.
import { describe, expect, it } from 'vitest';
import { joined, realtimeClient, useRealtimeStack, waitFor } from './test-support.ts';

const stack = useRealtimeStack();

describe('presence', () => {
  it('shares tracked state, diffs on changes and forgets clients that leave', async () => {
    const alice = await realtimeClient(stack);
    const bob = await realtimeClient(stack);
    const aliceChannel = await joined(
      alice.channel('lobby', { config: { presence: { key: 'alice' } } }).on('presence', { event: 'sync' }, () => {}),
    );
    expect(await aliceChannel.track({ status: 'online' }), 'track is acknowledged').toBe('ok');

    const joins: string[] = [];
    const leaves: string[] = [];
    const bobChannel = await joined(
      bob
        .channel('lobby', { config: { presence: { key: 'bob' } } })
        .on('presence', { event: 'join' }, ({ key }) => joins.push(key))
        .on('presence', { event: 'leave' }, ({ key }) => leaves.push(key)),
    );
    await waitFor("alice in bob's state on join", () => bobChannel.presenceState().alice);
    expect(bobChannel.presenceState().alice?.[0], 'the tracked payload').toMatchObject({ status: 'online' });

    await bobChannel.track({ status: 'away' });
    await waitFor("bob in alice's state", () => aliceChannel.presenceState().bob);
    await aliceChannel.track({ status: 'busy' });
    await waitFor(
      "alice's new status at bob",
      () => (bobChannel.presenceState().alice?.[0] as { status?: string } | undefined)?.status === 'busy',
    );
    expect(bobChannel.presenceState().alice, 'a re-track replaces the meta').toHaveLength(1);

    await aliceChannel.untrack();
    await waitFor('alice gone after untrack', () => bobChannel.presenceState().alice === undefined);
    await aliceChannel.track({ status: 'back' });
    await waitFor('alice back', () => bobChannel.presenceState().alice);
    alice.realtime.disconnect();
    await waitFor('alice gone after disconnect', () => bobChannel.presenceState().alice === undefined);
    expect(joins, 'join events for alice').toContain('alice');
    expect(leaves, 'leave events for alice').toContain('alice');
  });
});
