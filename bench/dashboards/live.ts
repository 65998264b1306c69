// (b) Commit to tile. Dashboards open on the demo hotel; a marker booking (confirmed, tonight, in
// a room kept free for it) is committed and then cancelled in turn, each commit changing
// "n of 40 rooms sold" under the Occupancy tile by one. Latency = the tile's new text painted on
// the page (page clock, corrected by the page's measured offset; bench/staff's probe) − the
// commit's start (node clock). Markers never overlap: the next starts once every page painted
// this one (or TIMEOUT_MS passed). Meanwhile, optionally, a writer commits at a steady rate, each
// its own transaction, in turn a one-night confirmed booking far ahead (500+ days, out of every
// chart's range: pushed as touched days, folded by no page) and a takeaway order sent to the
// kitchen now (it moves today's open orders and revenue: every push changes the tiles).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from 'postgres';
import { nodeClock, type Screen, watch, watchedOn } from '../staff/screens.ts';
import { HOTEL, ORGANIZATION } from './fixture.ts';

const TIMEOUT_MS = 25_000;
const SETTLE_MS = 250;
/**
 * Up to this much longer between markers, at random: a marker sent a fixed time after the last
 * paint would fall at the same point of the publisher's and the pages' pacing every time (just
 * after a push, say), and measure that point instead of a commit at any moment.
 */
const JITTER_MS = 500;
const DETAIL = '[data-testid="today-tiles"] .kpi-detail';

export interface Series {
  all: number[];
  slowest: number[];
  missed: number;
  /** When each page painted, node clock (ms since the epoch). */
  paintedAt: number[];
  /**
   * From the DOM change to the frame that showed it, per page: the browser's own part (a page
   * Chromium draws only now and then shows here, not in the app's work).
   */
  changedToPainted: number[];
  /** Marker commit to the first push carrying it, as heard by a client in node (the server's part). */
  pushed: number[];
  /** Of which: commit to the publisher's read (notify and the publisher's pacing). */
  untilRead: number[];
}

/** What a client in node hears on the hotel's dashboard topic: when each push came, and its rooms sold. */
export interface PushLog {
  heard: { at: number; readAt: number; roomsSold: number }[];
}

/** The first push at or after `start` whose rooms sold is `sold`, waiting up to TIMEOUT_MS. */
async function pushedAt(log: PushLog, start: number, sold: number) {
  const until = Date.now() + TIMEOUT_MS;
  for (;;) {
    const push = log.heard.find((heard) => heard.at >= start && heard.roomsSold === sold);
    if (push) return push;
    if (Date.now() > until) return null;
    await sleep(20);
  }
}

/** The Occupancy tile's detail on a page, e.g. "12 of 40 rooms sold". */
async function soldText(screen: Screen): Promise<string> {
  return (await screen.page.evaluate(`(() => {
    const detail = Array.from(document.querySelectorAll('${DETAIL}')).find((d) => / rooms sold/.test(d.textContent));
    return detail ? detail.textContent.trim() : '';
  })()`)) as string;
}

/** Markers for `ms` (or `count` of them, whichever ends first), toggling tonight's booking in `room`. */
export async function markers(options: {
  admin: Sql;
  screens: Screen[];
  room: string;
  ms: number;
  count: number;
  pushes: PushLog;
}): Promise<Series> {
  const series: Series = {
    all: [],
    slowest: [],
    missed: 0,
    paintedAt: [],
    changedToPainted: [],
    pushed: [],
    untilRead: [],
  };
  const until = Date.now() + options.ms;
  let booking: string | null = null;
  const first = options.screens[0] as Screen;
  for (let k = 0; k < options.count && Date.now() < until; k++) {
    const now = await soldText(first);
    const match = /^(\d+)( of .*)$/.exec(now);
    if (!match) throw new Error(`dashboards bench: no "rooms sold" detail on the page (${now})`);
    const sold = Number(match[1]) + (booking ? -1 : 1);
    const expected = `${sold}${match[2]}`;
    const key = `marker-${k}-${Math.random()}`;
    await watch(options.screens, key, { selector: DETAIL, text: expected });
    const start = nodeClock();
    if (booking) {
      await options.admin`
        update public.bookings set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 0
        where id = ${booking}`;
      booking = null;
    } else {
      const [row] = await options.admin<{ id: string }[]>`
        with today as (select (now() at time zone 'Europe/Lisbon')::date as d)
        insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
          arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, confirmed_at)
        select ${ORGANIZATION}, ${HOTEL}, ${options.room}, 'confirmed', p.period, p.period, t.d, t.d + 1, 2, 'EUR',
          12000, '{}', now()
        from today t cross join lateral (select tstzrange((t.d + time '15:00') at time zone 'Europe/Lisbon',
          (t.d + 1 + time '11:00') at time zone 'Europe/Lisbon') as period) p
        returning id`;
      booking = (row as { id: string }).id;
    }
    const watched = await watchedOn(options.screens, key, TIMEOUT_MS);
    const pushed = await pushedAt(options.pushes, start, sold);
    if (pushed !== null) {
      series.pushed.push(pushed.at - start);
      series.untilRead.push(pushed.readAt - start);
    }
    let slowest = 0;
    for (const result of watched) {
      if (result === null) {
        series.missed += 1;
        continue;
      }
      series.all.push(result.painted - start);
      series.paintedAt.push(result.painted);
      series.changedToPainted.push(result.painted - result.changed);
      slowest = Math.max(slowest, result.painted - start);
    }
    if (watched.some((result) => result !== null)) series.slowest.push(slowest);
    await sleep(SETTLE_MS + Math.random() * JITTER_MS);
  }
  if (booking) {
    await options.admin`
      update public.bookings set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 0
      where id = ${booking}`;
  }
  return series;
}

export interface Writer {
  /** Resolves when the writer stopped: how many commits and at what achieved rate. */
  done: Promise<{ commits: number; failed: number; perSecond: number; stoppedAt: number }>;
}

/** A takeaway order of one coffee sent to the kitchen now: a draft, its line, then submitted (as the POS does). */
async function sendOrder(writer: Sql): Promise<void> {
  await writer.begin(async (tx) => {
    const [order] = await tx<{ id: string }[]>`
      insert into public.orders (organization_id, property_id, kind, currency, guest_name)
      values (${ORGANIZATION}, ${HOTEL}, 'takeaway', 'EUR', 'Bench') returning id`;
    await tx`
      insert into public.order_items (organization_id, property_id, order_id, item_name, unit_price_minor, quantity, tax_rate_bp)
      values (${ORGANIZATION}, ${HOTEL}, ${(order as { id: string }).id}, 'Coffee', 300, 1, 0)`;
    await tx`update public.orders set status = 'submitted', submitted_at = now() where id = ${(order as { id: string }).id}`;
  });
}

/**
 * `perSecond` commits a second for `ms`, at most 8 in flight: in turn a one-night confirmed
 * booking over `rooms` from 500 days ahead (one room-night each, never overlapping) and an order.
 */
export function startWriter(writer: Sql, rooms: string[], perSecond: number, ms: number): Writer {
  const done = (async () => {
    const begun = nodeClock();
    const interval = 1000 / perSecond;
    let commits = 0;
    let failed = 0;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; nodeClock() - begun < ms; i++) {
      const due = begun + i * interval;
      const wait = due - nodeClock();
      if (wait > 0) await sleep(wait);
      while (inFlight.size >= 8) await Promise.race(inFlight);
      const booking = i / 2;
      const room = rooms[booking % rooms.length] as string;
      const offset = 500 + Math.floor(booking / rooms.length);
      const write: Promise<void> = (
        i % 2 === 1
          ? sendOrder(writer)
          : writer`
        with day as (select (now() at time zone 'Europe/Lisbon')::date + ${offset}::int as d)
        insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
          arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, confirmed_at)
        select ${ORGANIZATION}, ${HOTEL}, ${room}, 'confirmed', p.period, p.period, day.d, day.d + 1, 2, 'EUR',
          12000, '{}', now()
        from day cross join lateral (select tstzrange((day.d + time '15:00') at time zone 'Europe/Lisbon',
          (day.d + 1 + time '11:00') at time zone 'Europe/Lisbon') as period) p`.then(() => undefined)
      )
        .then(() => {
          commits += 1;
        })
        .catch(() => {
          failed += 1;
        })
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    }
    await Promise.all(inFlight);
    const stoppedAt = nodeClock();
    return { commits, failed, perSecond: (commits * 1000) / (stoppedAt - begun), stoppedAt };
  })();
  return { done };
}
