// Keeps a screen's loader data live: Postgres changes of the given tables in one property (RLS
// decides which rows reach this user) re-run the page's loaders, coalesced to one revalidation
// per burst; after the socket reconnects the page refetches, so nothing missed while offline is
// left out. The loaders stay the single source of what a screen shows.
import { useNavigation, useRevalidator } from '@remix-run/react';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { useEffect, useRef, useState } from 'react';
import { browserSupabase } from './supabase.client.ts';

export type LiveState = 'connecting' | 'live' | 'offline';

let mounts = 0;
/** The longest a change waits to be read while more keep coming. */
const MAX_WAIT_MS = 500;

interface Options {
  /** Tables whose rows carry property_id (bookings, orders, order_items, folio_entries, jobs…). */
  tables: readonly string[];
  propertyId: string;
  /** Wait this long after a change for more before revalidating. */
  debounceMs?: number;
  /** The longest a change waits while more keep coming (MAX_WAIT_MS by default). */
  maxWaitMs?: number;
  /** Called with each change before the revalidation (e.g. to flash a row or play a sound). */
  onChange?: (change: LiveChange) => void;
  /** Whether a change makes the page read its loaders again (all do by default). */
  reloadFor?: (change: LiveChange) => boolean;
}

export interface LiveChange {
  table: string;
  eventType: string;
  new: unknown;
  old: unknown;
}

export function useLiveChanges({
  tables,
  propertyId,
  debounceMs = 150,
  maxWaitMs = MAX_WAIT_MS,
  onChange,
  reloadFor,
}: Options): LiveState {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const [state, setState] = useState<LiveState>('connecting');
  const revalidateRef = useRef(revalidator.revalidate);
  revalidateRef.current = revalidator.revalidate;
  // Never interrupt a read or a navigation under way (Remix aborts the first, and the abort escapes
  // as an unhandled AbortError); a change arriving meanwhile is owed one read once the page is idle.
  const busy = revalidator.state !== 'idle' || navigation.state !== 'idle';
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const owedRef = useRef(false);
  const readAgainRef = useRef(() => {
    if (busyRef.current) {
      owedRef.current = true;
      return;
    }
    owedRef.current = false;
    // Busy from now, not from the next render: a second call in between would abort this read.
    busyRef.current = true;
    revalidateRef.current();
  });
  useEffect(() => {
    if (!busy && owedRef.current) readAgainRef.current();
  }, [busy]);
  const online = useOnline(() => readAgainRef.current());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const reloadForRef = useRef(reloadFor);
  reloadForRef.current = reloadFor;
  const key = tables.join(',');

  useEffect(() => {
    const supabase = browserSupabase();
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** When the first change of the burst being coalesced arrived (null: no burst). */
    let burstSince: number | null = null;
    let wasLive = false;
    let channel: RealtimeChannel | undefined;
    let cancelled = false;
    // Each change waits debounceMs for more, but a steady stream (a busy property) is read at
    // least every MAX_WAIT_MS: without the cap the read would wait for a gap that never comes.
    const refresh = () => {
      clearTimeout(timer);
      const now = Date.now();
      burstSince ??= now;
      const wait = Math.max(0, Math.min(debounceMs, burstSince + Math.max(debounceMs, maxWaitMs) - now));
      timer = setTimeout(() => {
        burstSince = null;
        readAgainRef.current();
      }, wait);
    };
    // The browser client reads its session from the cookies asynchronously: a channel that joined
    // before Realtime held the user's token would join as anon, and RLS would let no change through.
    void supabase.realtime
      .setAuth()
      .catch(() => undefined)
      .then(() => {
        if (cancelled) return;
        // A topic of its own per mount: two screens (or a remount) never share one channel.
        let joined = supabase.channel(`live:${propertyId}:${key}:${++mounts}`);
        for (const table of key.split(',')) {
          joined = joined.on(
            'postgres_changes',
            { event: '*', schema: 'public', table, filter: `property_id=eq.${propertyId}` },
            (payload) => {
              const change = { table, eventType: payload.eventType, new: payload.new, old: payload.old };
              onChangeRef.current?.(change);
              if (reloadForRef.current?.(change) ?? true) refresh();
            },
          );
        }
        channel = joined.subscribe((status) => {
          if (status === 'SUBSCRIBED') {
            setState('live');
            // Back after a drop: what changed meanwhile was not delivered, so read it again.
            if (wasLive) refresh();
            wasLive = true;
          } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT' || status === 'CLOSED') {
            setState('offline');
          }
        });
      });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (channel) void supabase.removeChannel(channel);
    };
  }, [propertyId, key, debounceMs, maxWaitMs]);

  return online ? state : 'offline';
}

/**
 * The browser's own word on the network: a socket can take its heartbeat's time to notice a lost
 * connection, the `offline` event comes at once. Back online, `onBack` reads the screen again.
 */
function useOnline(onBack: () => void): boolean {
  const [online, setOnline] = useState(true);
  const onBackRef = useRef(onBack);
  onBackRef.current = onBack;
  useEffect(() => {
    setOnline(navigator.onLine);
    const down = () => setOnline(false);
    const up = () => {
      setOnline(true);
      onBackRef.current();
    };
    window.addEventListener('offline', down);
    window.addEventListener('online', up);
    return () => {
      window.removeEventListener('offline', down);
      window.removeEventListener('online', up);
    };
  }, []);
  return online;
}
