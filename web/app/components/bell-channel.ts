// One subscription per page to the signed-in user's bell topic (`bell:<user id>`, private,
// decision 045), shared by whichever bell is mounted. A navigation between the portal and the
// staff frame unmounts one bell and mounts another, and supabase-js hands out one channel per
// topic: the leaving bell's removal must not take the arriving bell's channel with it.
import type { RealtimeChannel } from '@supabase/supabase-js';
import { browserSupabase } from '../utils/supabase.client.ts';

export interface BellListener {
  /** A pushed bell (unchecked: see bell-push.ts). */
  push(payload: unknown): void;
  /** The channel joined (again, after a drop): what was pushed meanwhile was missed. */
  joined(): void;
}

interface Subscription {
  userId: string;
  listeners: Set<BellListener>;
  channel?: RealtimeChannel;
  joined: boolean;
  closed: boolean;
  closing?: ReturnType<typeof setTimeout>;
}

/** How long a subscription nobody listens to is kept for a bell that mounts next. */
const KEEP_MS = 1_000;
let current: Subscription | null = null;
/** The last subscription's removal: a new one on the same topic waits for it. */
let removal: Promise<unknown> = Promise.resolve();

function open(userId: string): Subscription {
  const subscription: Subscription = { userId, listeners: new Set(), joined: false, closed: false };
  const supabase = browserSupabase();
  void removal
    .then(() => supabase.realtime.setAuth())
    .catch(() => undefined)
    .then(() => {
      if (subscription.closed) return;
      subscription.channel = supabase
        .channel(`bell:${userId}`, { config: { private: true } })
        .on('broadcast', { event: 'bell' }, ({ payload }) => {
          for (const listener of subscription.listeners) listener.push(payload);
        })
        .subscribe((status) => {
          subscription.joined = status === 'SUBSCRIBED';
          if (subscription.joined) for (const listener of subscription.listeners) listener.joined();
        });
    });
  return subscription;
}

function close(subscription: Subscription): void {
  subscription.closed = true;
  clearTimeout(subscription.closing);
  if (current === subscription) current = null;
  const { channel } = subscription;
  if (channel)
    removal = browserSupabase()
      .removeChannel(channel)
      .catch(() => undefined);
}

/** Listens to the user's bell; returns the function that stops listening. */
export function listenToBell(userId: string, listener: BellListener): () => void {
  if (current && current.userId !== userId) close(current);
  current ??= open(userId);
  const subscription = current;
  clearTimeout(subscription.closing);
  subscription.listeners.add(listener);
  if (subscription.joined) listener.joined();
  return () => {
    subscription.listeners.delete(listener);
    if (subscription.listeners.size === 0) subscription.closing = setTimeout(() => close(subscription), KEEP_MS);
  };
}
