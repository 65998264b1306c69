// The days a property's changes touched since its last push (decision 027): the database names a
// booking's stay in its notification ("<property id> <arrival> <departure>"), the publisher keeps
// the union of those stays and sends it with the tiles, and each open page re-reads its charts
// only when a day it shows is in it. Other changes name the bare property: today's tiles only.

export interface DaySpan {
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
}

export interface DashboardChange {
  propertyId: string;
  /** The stay a booking change covers; absent for changes that move only today's figures. */
  span?: DaySpan;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** More separate stays than this in one push are sent as one span from the first day to the last. */
export const MAX_SPANS = 16;

/** A notification's payload, or null for one this publisher does not understand. */
export function parseChange(payload: string): DashboardChange | null {
  const [id, from, to, extra] = payload.split(' ');
  if (!id || !UUID.test(id) || extra !== undefined) return null;
  const propertyId = id.toLowerCase();
  if (from === undefined && to === undefined) return { propertyId };
  if (!from || !to || !DAY.test(from) || !DAY.test(to) || from > to) return null;
  return { propertyId, span: { from, to } };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** `spans` (sorted, apart) with `span` added: overlapping or adjacent stays merge. */
export function addSpan(spans: readonly DaySpan[], span: DaySpan): DaySpan[] {
  const sorted = [...spans, span].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: DaySpan[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.from <= nextDay(last.to)) {
      if (next.to > last.to) last.to = next.to;
    } else {
      merged.push({ ...next });
    }
  }
  if (merged.length <= MAX_SPANS) return merged;
  // Sorted and apart: the last span ends last.
  return [{ from: (merged[0] as DaySpan).from, to: (merged.at(-1) as DaySpan).to }];
}
