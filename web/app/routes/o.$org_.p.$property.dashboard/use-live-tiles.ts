// Listens to the tiles the worker pushes for a property (private topic dashboard:<id>, decision
// 027) and hands the newest to the page. A push also names the days booking changes touched: when
// one of them is a day the page shows beyond today's tiles (its chart spans), the page reads its
// loader again, after painting the tiles and at most every CHART_EVERY_MS. The page subscribes to
// no table of its own for this: twenty open pages would each receive every row written.
import { useNavigation, useRevalidator } from '@remix-run/react';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { useEffect, useRef, useState } from 'react';
import { browserSupabase } from '../../utils/supabase.client.ts';
import { type DaySpan, type TodayTiles, tilesFromPush, touchesShownDays } from './live-tiles.ts';

/**
 * Pushes are painted at most this often: a busy property pushes up to four a second, and a
 * tablet with several dashboards open would spend itself redrawing. The first push after a quiet
 * spell is painted at once; the last of a burst always is.
 */
const PAINT_EVERY_MS = 500;
/** A steady stream of changes to the charts' days re-reads the page at most this often. */
const CHART_EVERY_MS = 2_000;
/**
 * A page that heard nothing for this long reads itself once: it then follows a worker that is
 * down, a missed push and the property's midnight (pushed tiles of another day are ignored).
 */
const QUIET_READ_MS = 30_000;

export function useLiveTiles(propertyId: string, shown: readonly DaySpan[]): TodayTiles | null {
  const [pushed, setPushed] = useState<TodayTiles | null>(null);
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // A read or navigation under way is never interrupted (Remix would abort it); a read owed
  // meanwhile runs once the page is idle again.
  const busy = revalidator.state !== 'idle' || navigation.state !== 'idle';
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const owed = useRef(false);
  const lastRead = useRef(Date.now());
  const lastHeard = useRef(Date.now());
  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const readSoon = useRef(() => {});
  readSoon.current = () => {
    if (readTimer.current || busyRef.current) return;
    readTimer.current = setTimeout(
      () => {
        readTimer.current = undefined;
        if (!owed.current) return;
        if (busyRef.current) return;
        owed.current = false;
        busyRef.current = true;
        lastRead.current = Date.now();
        revalidator.revalidate();
      },
      Math.max(0, lastRead.current + CHART_EVERY_MS - Date.now()),
    );
  };

  useEffect(() => {
    if (!busy && owed.current) readSoon.current();
  }, [busy]);

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
      // The charts' read starts after this paint: the tiles are not held up by it.
      if (owed.current) setTimeout(() => readSoon.current(), 0);
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
            lastHeard.current = Date.now();
            if (touchesShownDays(tiles.touched, shownRef.current)) owed.current = true;
            latest = tiles;
            paintTimer ??= setTimeout(paint, Math.max(0, paintedAt + PAINT_EVERY_MS - Date.now()));
          })
          .subscribe();
      });
    const quiet = setInterval(() => {
      const heard = Math.max(lastHeard.current, lastRead.current);
      if (Date.now() - heard < QUIET_READ_MS || document.visibilityState !== 'visible') return;
      owed.current = true;
      lastHeard.current = Date.now();
      readSoon.current();
    }, QUIET_READ_MS / 3);
    return () => {
      cancelled = true;
      clearTimeout(paintTimer);
      clearTimeout(readTimer.current);
      clearInterval(quiet);
      if (channel) void supabase.removeChannel(channel);
    };
  }, [propertyId]);

  return pushed;
}
