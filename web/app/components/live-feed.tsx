// useLiveChanges behind a gate: the browser client reads its session from the cookies
// asynchronously, and a channel that joins before that joins without the user's token (RLS then
// lets no change through). The feed mounts once Realtime holds the token; its state is reported up.
import { useRevalidator } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { browserSupabase } from '../utils/supabase.client.ts';
import { type LiveState, useLiveChanges } from '../utils/use-live-changes.ts';

type Options = Parameters<typeof useLiveChanges>[0];

/** True once Realtime carries the signed-in user's token (or there is none to wait for). */
function useRealtimeAuth(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let mounted = true;
    void browserSupabase()
      .realtime.setAuth()
      .catch(() => undefined)
      .finally(() => mounted && setReady(true));
    return () => {
      mounted = false;
    };
  }, []);
  return ready;
}

function Feed({ onState, ...options }: Options & { onState: (state: LiveState) => void }) {
  const state = useLiveChanges(options);
  useEffect(() => onState(state), [state, onState]);
  return null;
}

/**
 * The browser's own word on the network: a socket can take its heartbeat's time to notice a
 * lost connection, the `offline` event comes at once. Back online, the screen reads again.
 */
function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  const revalidator = useRevalidator();
  const revalidate = revalidator.revalidate;
  useEffect(() => {
    setOnline(navigator.onLine);
    const down = () => setOnline(false);
    const up = () => {
      setOnline(true);
      const pending: unknown = revalidate();
      if (pending instanceof Promise) pending.catch(() => undefined);
    };
    window.addEventListener('offline', down);
    window.addEventListener('online', up);
    return () => {
      window.removeEventListener('offline', down);
      window.removeEventListener('online', up);
    };
  }, [revalidate]);
  return online;
}

/** The live state of the screen's feed ('connecting' until the feed is up) and the feed element. */
export function useLiveFeed(options: Options): { live: LiveState; feed: JSX.Element | null } {
  const ready = useRealtimeAuth();
  const online = useOnline();
  const [live, setLive] = useState<LiveState>('connecting');
  return { live: online ? live : 'offline', feed: ready ? <Feed {...options} onState={setLive} /> : null };
}
