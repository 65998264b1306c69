// Shared by the realtime tests: a stack with the realtime server, signed-in clients, channels
// that resolve once joined, and bounded waits for what a channel receives. "Nothing arrives"
// is asserted with a marker sent after the event under test: delivery is in commit order, so
// once the marker is there, the event would have been too.
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { afterEach, expect } from 'vitest';
import { signJwt } from '../gateway/jwt.ts';
import { userClaims } from '../rls-request.ts';
import { type TestStack, useTestStack } from '../testing/test-stack.ts';
import { createRealtimeService, type RealtimeDependencies, type RealtimeServer } from './index.ts';

/** The tests' one bounded wait, offered here beside the channel helpers. */
export { waitFor } from '../testing/wait-for.ts';

export interface RealtimeStack extends TestStack {
  realtime(): RealtimeServer;
  /** Replaces the realtime server with a fresh one (the slot is kept: a restart). */
  restartRealtime(): Promise<void>;
}

export function useRealtimeStack(extra: Partial<RealtimeDependencies> = {}): RealtimeStack {
  let current: RealtimeServer | undefined;
  let deps: RealtimeDependencies | undefined;
  const stack = useTestStack({
    services: (d) => {
      deps = { ...d, dropSlotOnClose: true, ...extra };
      current = createRealtimeService(deps);
      return {
        services: {
          realtime: {
            handle: (context, res) => current?.service.handle(context, res),
            upgrade: (context, socket, head) => current?.service.upgrade?.(context, socket, head),
          },
        },
        close: async () => current?.close(),
      };
    },
  }) as RealtimeStack;
  stack.realtime = () => current as RealtimeServer;
  stack.restartRealtime = async () => {
    await current?.close({ dropSlot: false });
    current = createRealtimeService(deps as RealtimeDependencies);
  };
  return stack;
}

const clients: SupabaseClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) {
    await client.removeAllChannels();
    client.realtime.disconnect();
  }
});

const tokens = new WeakMap<SupabaseClient, { token: string | null }>();

/**
 * A client whose realtime connection acts as `user` (or with the key alone). The token comes
 * from supabase-js's `accessToken` option (as with third-party auth), so the client's own Auth
 * never replaces it; `useToken` swaps it on the live channels.
 */
export async function realtimeClient(
  stack: TestStack,
  user?: { id: string; email: string },
  claims: Record<string, unknown> = {},
): Promise<SupabaseClient> {
  const holder = { token: user ? await signJwt(stack.keys, userClaims(user, claims)) : null };
  const client = user
    ? createClient(stack.url, stack.keys.publishable_key, {
        auth: { persistSession: false, autoRefreshToken: false },
        accessToken: async () => holder.token,
      })
    : stack.client();
  tokens.set(client, holder);
  clients.push(client);
  return client;
}

/** Sends a new access token to every channel of the client (realtime-js `setAuth`). */
export async function useToken(client: SupabaseClient, token: string): Promise<void> {
  const holder = tokens.get(client);
  if (!holder) throw new Error('not a realtimeClient');
  holder.token = token;
  await client.realtime.setAuth();
}

/** Subscribes and resolves with the final status (and error) the client reports. */
export function join(channel: RealtimeChannel): Promise<{ status: string; error?: Error }> {
  return new Promise((resolve) => {
    channel.subscribe((status, error) => {
      if (status !== 'SUBSCRIBED' && status !== 'CHANNEL_ERROR' && status !== 'TIMED_OUT') return;
      resolve({ status, error });
    });
  });
}

export async function joined(channel: RealtimeChannel): Promise<RealtimeChannel> {
  const { status, error } = await join(channel);
  expect(status, `joining ${channel.topic}: ${error?.message}`).toBe('SUBSCRIBED');
  return channel;
}

/** Everything one binding of a channel receives, in order. */
export function collect<T = Record<string, unknown>>(): { items: T[]; push(item: T): void } {
  const items: T[] = [];
  return { items, push: (item) => void items.push(item) };
}
