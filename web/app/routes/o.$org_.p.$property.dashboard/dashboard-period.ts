// The period a dashboard shows, from the address: ?from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive, at
// most a year), defaulting to the next 30 days from today in the property's zone. Bad values fall
// back to the default rather than failing the page: the picker is a convenience, not a form.
import { z } from 'zod';
import { addDays, daysBetween, isIsoDate } from '../../utils/calendar-dates.ts';

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
/** Same weekday a year earlier: 52 weeks back. */
export const LAST_YEAR_OFFSET_DAYS = -364;

const isoDate = z.string().refine(isIsoDate, 'a YYYY-MM-DD date');

export interface DashboardPeriod {
  from: string;
  to: string;
  days: number;
  /** Whether the period came from the address (true) or is the default. */
  chosen: boolean;
}

export function periodFrom(search: URLSearchParams, today: string): DashboardPeriod {
  const parsed = z.object({ from: isoDate, to: isoDate }).safeParse({ from: search.get('from'), to: search.get('to') });
  if (parsed.success) {
    const days = daysBetween(parsed.data.from, parsed.data.to) + 1;
    if (days >= 1 && days <= MAX_DAYS) return { ...parsed.data, days, chosen: true };
  }
  return { from: today, to: addDays(today, DEFAULT_DAYS - 1), days: DEFAULT_DAYS, chosen: false };
}

/** The quick choices beside the date fields. */
export function presets(today: string): { label: string; from: string; to: string }[] {
  return [
    { label: 'Next 30 days', from: today, to: addDays(today, 29) },
    { label: 'Next 90 days', from: today, to: addDays(today, 89) },
    { label: 'Last 30 days', from: addDays(today, -30), to: addDays(today, -1) },
  ];
}
