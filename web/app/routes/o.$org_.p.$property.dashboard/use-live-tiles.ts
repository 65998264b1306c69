// Listens to the tiles the worker pushes for a property (private topic dashboard:<id>, decision
// 027) and hands the newest to the page, with the touched days' figures the pushes carried. The
// page reads its loader again only when a push touched a day its charts show without bringing that
// day's figures (days outside the presets' window), at most every CHART_EVERY_MS. The risk list
// (scores and statuses the push does not carry) reads its own JSON (dashboard.risks) when a push
// touched the risk week, at most every RISK_EVERY_MS and a moment apart from the other open
// pages. The page subscribes to no table of its own for this: twenty open pages would each
// receive every row written. The figures are kept in a store (LiveStore), so a push redraws only
// the sections that read what it changed.
import { useNavigation, useRevalidator } from '@remix-run/react';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ArrivalRisk } from '../../data/kpis.server.ts';
import { pacedJsonReader } from '../../utils/paced-json-reader.ts';
import { browserSupabase } from '../../utils/supabase.client.ts';
import {
  type DaySpan,
  needsRead,
  type PushedDays,
  type PushedTiles,
  sameTiles,
  type TodayTiles,
  tilesFromPush,
  touchesShownDays,
  withPushedDays,
} from './live-tiles.ts';

/**
 * Pushes are painted as they come: the publisher sends a busy property's at most every 500 ms
 * (decision 027), and a push that waited here for a paint slot would wait twice. This only guards
 * a page from a faster sender (two publishers during a take-over): a push within this long of
 * the last paint waits for it. The last of a burst is always painted; one that changes nothing
 * shown is not.
 */
const PAINT_EVERY_MS = 250;
/** A steady stream of changes to uncovered chart days re-reads the page at most this often. */
const CHART_EVERY_MS = 2_000;
/** The risk list follows changes to its week at most this often (its scores come with jobs). */
const RISK_EVERY_MS = 15_000;
/**
 * Up to this much later still: every open dashboard of the property hears the same push, and
 * their reads should not all reach the server at once.
 */
const RISK_SPREAD_MS = 3_000;
/**
 * A page that heard nothing for this long reads itself once: it then follows a worker that is
 * down, a missed push and the property's midnight (pushed tiles of another day are ignored).
 */
const QUIET_READ_MS = 30_000;

export interface ShownDays {
  /** The days the charts and period totals show. */
  charts: readonly DaySpan[];
  /** The days the risk list shows. */
  risks: DaySpan;
}

/** The risk list as read after the page's load (dashboard.risks). */
export interface ReadRisks {
  /** The property's day it was read on. */
  day: string;
  readAt: number;
  risks: ArrivalRisk[];
}

export interface LiveTiles {
  tiles: TodayTiles | null;
  days: PushedDays;
  risks: ReadRisks | null;
}

/**
 * The pushed figures, outside React state: a push redraws only the components that read the part
 * it changed (useLiveToday, useLiveDays), not the whole page.
 */
export interface LiveStore {
  subscribe(listener: () => void): () => void;
  get(): LiveTiles;
  set(next: LiveTiles): void;
}

const NO_DAYS: PushedDays = new Map();
const NO_TILES = () => null;
const NO_PUSHED_DAYS = () => NO_DAYS;
const NO_RISKS = () => null;

/** The risk list's JSON as dashboard.risks answers it, or null when it is not that. */
function readRisks(body: unknown): ReadRisks | null {
  if (typeof body !== 'object' || body === null) return null;
  const { day, readAt, risks } = body as Record<string, unknown>;
  if (typeof day !== 'string' || typeof readAt !== 'number' || !Array.isArray(risks)) return null;
  return { day, readAt, risks: risks as ArrivalRisk[] };
}

function createLiveStore(): LiveStore {
  let current: LiveTiles = { tiles: null, days: NO_DAYS, risks: null };
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => current,
    set(next) {
      current = next;
      for (const listener of listeners) listener();
    },
  };
}

/** The last pushed tiles (null until the first push). */
export function useLiveToday(store: LiveStore): TodayTiles | null {
  return useSyncExternalStore(store.subscribe, () => store.get().tiles, NO_TILES);
}

/** The pushed days' rows (the same map until a push brings days). */
export function useLiveDays(store: LiveStore): PushedDays {
  return useSyncExternalStore(store.subscribe, () => store.get().days, NO_PUSHED_DAYS);
}

/** The risk list read after the page's load (null until one was). */
export function useLiveRisks(store: LiveStore): ReadRisks | null {
  return useSyncExternalStore(store.subscribe, () => store.get().risks, NO_RISKS);
}

/** The same values, in the same order (Object.is for each). */
const sameValues = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, index) => Object.is(value, b[index]));

/**
 * Values derived from the pushed tiles: the component redraws only when one of them changes, not
 * on every push (the last result is kept while the new one has the same values).
 */
export function useLiveValues<T extends readonly unknown[]>(
  store: LiveStore,
  select: (tiles: TodayTiles | null) => T,
): T {
  const last = useRef<T | null>(null);
  const read = () => {
    const next = select(store.get().tiles);
    if (last.current && sameValues(last.current, next)) return last.current;
    last.current = next;
    return next;
  };
  // On the server and while hydrating the store holds no push yet: the same read serves.
  return useSyncExternalStore(store.subscribe, read, read);
}

export function useLiveTiles(
  propertyId: string,
  shown: ShownDays,
  loadedAt: number,
  /** Where the risk list reads itself (the dashboard.risks route). */
  risksUrl: string,
): LiveStore {
  const [store] = useState(createLiveStore);
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  // A read or navigation under way is never interrupted (Remix would abort it); a read owed
  // meanwhile runs once the page is idle again.
  const busy = revalidator.state !== 'idle' || navigation.state !== 'idle';
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const loadedAtRef = useRef(loadedAt);
  loadedAtRef.current = loadedAt;
  /** When an owed read may run (ms since the epoch), or null when none is owed. */
  const owedAt = useRef<number | null>(null);
  const lastRead = useRef(Date.now());
  const lastHeard = useRef(Date.now());
  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const readSoon = useRef(() => {});
  readSoon.current = () => {
    clearTimeout(readTimer.current);
    readTimer.current = undefined;
    if (owedAt.current === null || busyRef.current) return;
    readTimer.current = setTimeout(
      () => {
        readTimer.current = undefined;
        if (owedAt.current === null || busyRef.current) return;
        owedAt.current = null;
        busyRef.current = true;
        lastRead.current = Date.now();
        revalidator.revalidate();
      },
      Math.max(0, owedAt.current - Date.now()),
    );
  };
  /** A read is owed, `every` ms after the last one at the earliest. */
  const owe = useRef((every: number) => {
    const at = lastRead.current + every;
    owedAt.current = owedAt.current === null ? at : Math.min(owedAt.current, at);
  });

  useEffect(() => {
    if (!busy && owedAt.current !== null) readSoon.current();
  }, [busy]);

  useEffect(() => {
    const supabase = browserSupabase();
    let channel: RealtimeChannel | undefined;
    let cancelled = false;
    let paintedAt = 0;
    let painted: TodayTiles | null = null;
    let latest: PushedTiles | null = null;
    let pending: PushedTiles[] = [];
    let paintTimer: ReturnType<typeof setTimeout> | undefined;
    // The risk list reads itself at most every RISK_EVERY_MS, spread apart from other pages.
    const risks = pacedJsonReader({
      url: risksUrl,
      everyMs: RISK_EVERY_MS,
      spreadMs: RISK_SPREAD_MS,
      take: (body) => {
        const read = readRisks(body);
        if (read) store.set({ ...store.get(), risks: read });
      },
    });
    const paint = () => {
      paintTimer = undefined;
      const pushes = pending;
      pending = [];
      const tiles = latest;
      const withDays = pushes.filter((push) => push.days.length > 0);
      // Nothing shown would change: the page is not drawn again.
      const unchanged =
        tiles && painted && sameTiles(tiles, painted) && painted.readAt >= loadedAtRef.current && withDays.length === 0;
      if (tiles && !unchanged) {
        paintedAt = Date.now();
        painted = tiles;
        const before = store.get();
        store.set({ ...before, tiles, days: withDays.reduce(withPushedDays, before.days) });
      }
      // The charts' read starts after this paint: the tiles are not held up by it.
      if (owedAt.current !== null) setTimeout(() => readSoon.current(), 0);
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
            if (needsRead(tiles, shownRef.current.charts)) owe.current(CHART_EVERY_MS);
            if (touchesShownDays(tiles.touched, [shownRef.current.risks])) risks.ask();
            latest = tiles;
            pending.push(tiles);
            paintTimer ??= setTimeout(paint, Math.max(0, paintedAt + PAINT_EVERY_MS - Date.now()));
          })
          .subscribe();
      });
    const quiet = setInterval(() => {
      const heard = Math.max(lastHeard.current, lastRead.current);
      if (Date.now() - heard < QUIET_READ_MS || document.visibilityState !== 'visible') return;
      owe.current(0);
      lastHeard.current = Date.now();
      readSoon.current();
    }, QUIET_READ_MS / 3);
    return () => {
      cancelled = true;
      clearTimeout(paintTimer);
      risks.stop();
      clearTimeout(readTimer.current);
      clearInterval(quiet);
      if (channel) void supabase.removeChannel(channel);
    };
  }, [propertyId, store, risksUrl]);

  return store;
}
