// Listens to the tiles the worker pushes for a property (private topic dashboard:<id>, decision
// 027) and hands the newest to the page. `expectPush()` says a change arrived that only pushed
// tiles show: when no push follows within PUSH_WAIT_MS (no publisher running, or it failed), the
// page reads its loader instead, so the tiles never stay stale.
import { useNavigation, useRevalidator } from '@remix-run/react';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserSupabase } from '../../utils/supabase.client.ts';
import { type TodayTiles, tilesFromPush } from './live-tiles.ts';

const PUSH_WAIT_MS = 1_500;
/**
 * Pushes are painted at most this often: a busy property pushes up to four a second, and a
 * tablet with several dashboards open would spend itself redrawing. The first push after a quiet
 * spell is painted at once; the last of a burst always is.
 */
const PAINT_EVERY_MS = 500;

export function useLiveTiles(propertyId: string): { pushed: TodayTiles | null; expectPush: () => void } {
  const [pushed, setPushed] = useState<TodayTiles | null>(null);
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const waiting = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A read or navigation under way brings fresh figures anyway: never interrupt it.
  const busy = revalidator.state !== 'idle' || navigation.state !== 'idle';
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const readIfIdle = useRef(() => {});
  readIfIdle.current = () => {
    if (busyRef.current) return;
    busyRef.current = true;
    revalidator.revalidate();
  };

  useEffect(() => {
    const supabase = browserSupabase();
    let channel: RealtimeChannel | undefined;
    let cancelled = false;
    let paintedAt = 0;
    let latest: TodayTiles | null = null;
    let paintTimer: ReturnType<typeof setTimeout> | undefined;
    const paint = () => {
      paintTimer = undefined;
      paintedAt = Date.now();
      setPushed(latest);
    };
    void supabase.realtime
      .setAuth()
      .catch(() => undefined)
      .then(() => {
        if (cancelled) return;
        channel = supabase
          .channel(`dashboard:${propertyId}`, { config: { private: true } })
          .on('broadcast', { event: 'kpis' }, ({ payload }) => {
            const tiles = tilesFromPush(payload, propertyId);
            if (!tiles) return;
            clearTimeout(waiting.current);
            waiting.current = undefined;
            latest = tiles;
            paintTimer ??= setTimeout(paint, Math.max(0, paintedAt + PAINT_EVERY_MS - Date.now()));
          })
          .subscribe();
      });
    return () => {
      cancelled = true;
      clearTimeout(waiting.current);
      clearTimeout(paintTimer);
      if (channel) void supabase.removeChannel(channel);
    };
  }, [propertyId]);

  const expectPush = useCallback(() => {
    waiting.current ??= setTimeout(() => {
      waiting.current = undefined;
      readIfIdle.current();
    }, PUSH_WAIT_MS);
  }, []);

  return { pushed, expectPush };
}
