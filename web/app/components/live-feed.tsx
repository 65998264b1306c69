// useLiveChanges behind a gate: the browser client reads its session from the cookies
// asynchronously, and a channel that joins before that joins without the user's token (RLS then
// lets no change through). The feed mounts once Realtime holds the token; its state is reported up.
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

/** The live state of the screen's feed ('connecting' until the feed is up) and the feed element. */
export function useLiveFeed(options: Options): { live: LiveState; feed: JSX.Element | null } {
  const ready = useRealtimeAuth();
  const [live, setLive] = useState<LiveState>('connecting');
  return { live, feed: ready ? <Feed {...options} onState={setLive} /> : null };
}
