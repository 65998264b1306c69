import { describe, expect, it } from 'vitest';
import { periodFrom } from './dashboard-period.ts';

const today = '2026-12-06';
const read = (query: string) => periodFrom(new URLSearchParams(query), today);

describe('periodFrom', () => {
  it('defaults to the next 30 days', () => {
    expect(read('')).toEqual({ from: today, to: '2027-01-04', days: 30, chosen: false, compare: true });
  });

  it('takes a valid period from the address, a single day included', () => {
    expect(read('from=2026-01-01&to=2026-01-31')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      days: 31,
      chosen: true,
      compare: true,
    });
    expect(read('from=2026-01-01&to=2026-01-01').days).toBe(1);
  });

  it('falls back to the default for a reversed, too long or malformed period', () => {
    for (const query of [
      'from=2026-02-01&to=2026-01-01',
      'from=2025-01-01&to=2026-12-31',
      'from=2026-02-30&to=2026-03-01',
      'from=x&to=y',
      'from=2026-01-01',
    ]) {
      expect(read(query).chosen, query).toBe(false);
    }
  });

  it('compares with last year unless the address says compare=0 (a ticked box adds compare=1)', () => {
    expect(read('').compare).toBe(true);
    expect(read('compare=0').compare).toBe(false);
    expect(read('compare=0&compare=1').compare).toBe(true);
    expect(read('from=2026-01-01&to=2026-01-31&compare=0')).toMatchObject({ chosen: true, compare: false });
    expect(read('compare=yes').compare).toBe(false);
  });
});
