// The booking grid's layout, pure so it can be tested without a browser: the rows (a heading per
// resource type, then its resources), where each booking's bar starts and how many days it
// spans inside the window, and which days are out of service.
import { addDays, daysBetween } from '../../utils/calendar-dates.ts';

export interface ModelResource {
  id: string;
  name: string;
  typeId: string;
  typeName: string;
}

export interface ModelBooking {
  id: string;
  resourceId: string;
  arrival: string;
  departure: string;
}

export type GridRow =
  | { kind: 'type'; key: string; typeName: string; count: number }
  | { kind: 'resource'; key: string; resource: ModelResource };

export function gridRows(resources: ModelResource[]): GridRow[] {
  const rows: GridRow[] = [];
  let heading: Extract<GridRow, { kind: 'type' }> | undefined;
  for (const resource of resources) {
    if (heading?.key !== `type:${resource.typeId}`) {
      heading = { kind: 'type', key: `type:${resource.typeId}`, typeName: resource.typeName, count: 0 };
      rows.push(heading);
    }
    heading.count++;
    rows.push({ kind: 'resource', key: resource.id, resource });
  }
  return rows;
}

export interface Bar<B extends ModelBooking> {
  booking: B;
  /** First day index shown (0 when it began before the window). */
  start: number;
  /** Days shown (nights inside the window). */
  span: number;
  /** Starts before / runs past the window. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/** Each booking as a bar in its resource's row, clipped to the window's days. */
export function barsByResource<B extends ModelBooking>(bookings: B[], from: string, days: number) {
  const bars = new Map<string, Bar<B>[]>();
  for (const booking of bookings) {
    const first = daysBetween(from, booking.arrival);
    const end = daysBetween(from, booking.departure);
    const start = Math.max(0, first);
    const stop = Math.min(days, end);
    if (stop <= start) continue;
    const list = bars.get(booking.resourceId) ?? [];
    list.push({ booking, start, span: stop - start, clippedStart: first < 0, clippedEnd: end > days });
    bars.set(booking.resourceId, list);
  }
  return bars;
}

/** The bar covering day `day` of a row, if any. */
export function barAt<B extends ModelBooking>(bars: Bar<B>[] | undefined, day: number): Bar<B> | undefined {
  return bars?.find((bar) => day >= bar.start && day < bar.start + bar.span);
}

/** The same stay moved so it arrives on day `day` of the window. */
export function movedStay(booking: ModelBooking, from: string, day: number) {
  const nights = daysBetween(booking.arrival, booking.departure);
  const arrival = addDays(from, day);
  return { arrival, departure: addDays(arrival, nights) };
}

/** The same arrival with `nights` nights (a resize by its end). */
export function resizedStay(booking: ModelBooking, nights: number) {
  return { arrival: booking.arrival, departure: addDays(booking.arrival, Math.max(1, nights)) };
}

/** Days `first`..`last` (window indexes, both included) picked for a new stay. */
export interface DaySpan {
  first: number;
  last: number;
}

/**
 * The free days picked from `anchor` towards `to` in one row: clamped to the window and cut
 * before the first day `taken` (a booking or out of service) between them, so a drag or
 * Shift+arrow never reaches over another stay. The anchor itself is free (the caller checks).
 */
export function freeSpan(anchor: number, to: number, days: number, taken: (day: number) => boolean): DaySpan {
  const step = to < anchor ? -1 : 1;
  const end = Math.min(days - 1, Math.max(0, to));
  let reached = anchor;
  while (reached !== end && !taken(reached + step)) reached += step;
  return step > 0 ? { first: anchor, last: reached } : { first: reached, last: anchor };
}

/** Which rows to render for a scroll position: fixed-height rows plus some overscan. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last };
}

const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * "6 Dec – 19 Dec 2026": first and last date written out, not with Intl's range format (Node's
 * and Chromium's ICU space ranges differently, which breaks hydration).
 */
export function formatSpan(first: string, last: string): string {
  const end = DAY_MONTH_YEAR.format(new Date(`${last}T00:00:00Z`));
  return first === last ? end : `${DAY_MONTH.format(new Date(`${first}T00:00:00Z`))} – ${end}`;
}
