import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateRangeLiteral,
  daysBetween,
  formatDate,
  formatDateSpan,
  isIsoDate,
  parseDateRange,
  todayIn,
} from './calendar-dates.ts';

describe('calendar dates', () => {
  it('takes today in the property’s zone', () => {
    const instant = new Date('2026-12-06T23:30:00Z');
    expect(todayIn('Europe/London', instant)).toBe('2026-12-06');
    expect(todayIn('Asia/Tokyo', instant)).toBe('2026-12-07');
    expect(todayIn('America/New_York', instant)).toBe('2026-12-06');
  });

  it('adds and counts days across months, years and daylight-saving changes', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(daysBetween('2026-12-24', '2026-12-27')).toBe(3);
  });

  it('reads and writes PostgreSQL dateranges as first and last dates', () => {
    expect(parseDateRange('[2026-12-24,2026-12-27)')).toEqual({ first: '2026-12-24', last: '2026-12-26' });
    expect(parseDateRange('empty')).toBeNull();
    expect(parseDateRange('[2026-12-24,)')).toBeNull();
    expect(dateRangeLiteral('2026-12-24', '2026-12-26')).toBe('[2026-12-24,2026-12-27)');
  });

  it('checks ISO dates', () => {
    expect(isIsoDate('2026-12-24')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('24/12/2026')).toBe(false);
  });

  it('formats dates and spans for reading', () => {
    expect(formatDate('2026-12-24')).toBe('Thu, 24 Dec 2026');
    expect(formatDateSpan('2026-12-24', '2026-12-24')).toBe('24 Dec 2026');
    // Plain spaces around the dash, whatever spaces this runtime's ICU puts there.
    expect(formatDateSpan('2026-12-24', '2026-12-26')).toBe('24 – 26 Dec 2026');
    expect(formatDateSpan('2026-12-30', '2027-01-02')).toBe('30 Dec 2026 – 2 Jan 2027');
  });
});
