// The period a dashboard shows, from the address: ?from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive, at
// most a year), defaulting to the next 30 days from today in the property's zone, and whether it is
// compared with the same weekdays last year (on unless the address says compare=0). Bad values fall
// back to the default rather than failing the page: the picker is a convenience, not a form.
import { addDays, daysBetween, isIsoDate } from '../../utils/calendar-dates.ts';

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
/** The risk list looks a week ahead. */
export const RISK_DAYS = 7;
/** Same weekday a year earlier: 52 weeks back. */
export const LAST_YEAR_OFFSET_DAYS = -364;

export interface DashboardPeriod {
  from: string;
  to: string;
  days: number;
  /** Whether the period came from the address (true) or is the default. */
  chosen: boolean;
  /** Whether the same weekdays last year are shown beside it. */
  compare: boolean;
}

/**
 * The picker's checkbox sends compare=1 when ticked after a hidden compare=0 (a GET form omits an
 * unticked box, and no parameter at all means the default: on).
 */
export function compareFrom(search: URLSearchParams): boolean {
  const values = search.getAll('compare');
  return values.length === 0 || values.includes('1');
}

export function periodFrom(search: URLSearchParams, today: string): DashboardPeriod {
  const compare = compareFrom(search);
  // Checked by hand, not with zod: the page's script imports this module, and zod would add ~27 KB.
  const from = search.get('from');
  const to = search.get('to');
  if (from && to && isIsoDate(from) && isIsoDate(to)) {
    const days = daysBetween(from, to) + 1;
    if (days >= 1 && days <= MAX_DAYS) return { from, to, days, chosen: true, compare };
  }
  return { from: today, to: addDays(today, DEFAULT_DAYS - 1), days: DEFAULT_DAYS, chosen: false, compare };
}

/** The quick choices beside the date fields. */
export function presets(today: string): { label: string; from: string; to: string }[] {
  return [
    { label: 'Next 30 days', from: today, to: addDays(today, 29) },
    { label: 'Next 90 days', from: today, to: addDays(today, 89) },
    { label: 'Last 30 days', from: addDays(today, -30), to: addDays(today, -1) },
  ];
}
