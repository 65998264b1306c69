// Calendar dates (YYYY-MM-DD, no time of day) as rate plans use them: a property's today, date
// arithmetic in UTC (no daylight saving), PostgreSQL's daterange text and readable spans.
import { dateTimeFormat } from './intl-formats.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A daterange as PostgreSQL prints it, canonical ("[2026-12-24,2026-12-27)"), as its first and
 * last dates (inclusive): 24 to 26 December. Null for an empty or unbounded range.
 */
export function parseDateRange(range: string): { first: string; last: string } | null {
  const match = /^\[(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})\)$/.exec(range.trim());
  if (!match?.[1] || !match[2]) return null;
  return { first: match[1], last: addDays(match[2], -1) };
}

/** The daterange literal covering first … last, both included. */
export const dateRangeLiteral = (first: string, last: string) => `[${first},${addDays(last, 1)})`;

/** A date for reading, such as "Thu, 24 Dec 2026" (the date itself: no time zone shifts it). */
export function formatDate(date: string, locale = 'en-GB'): string {
  return dateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Spans already written: Chromium builds an interval formatter for every formatRange (milliseconds each). */
const spans = new Map<string, string>();

/**
 * "24 Dec 2026" or "24 – 26 Dec 2026" (Intl's range format shares what the two dates share). Its
 * spaces are plain ones: Node's and Chromium's ICU put different spaces around the dash, and the
 * text rendered on the server must be the text the browser renders when it hydrates.
 */
export function formatDateSpan(first: string, last: string, locale = 'en-GB'): string {
  const key = `${locale} ${first} ${last}`;
  const known = spans.get(key);
  if (known !== undefined) return known;
  const format = dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const from = new Date(`${first}T00:00:00Z`);
  const text = first === last ? format.format(from) : format.formatRange(from, new Date(`${last}T00:00:00Z`));
  const written = text.replace(/\s/gu, ' ');
  if (spans.size >= 1000) spans.clear();
  spans.set(key, written);
  return written;
}
