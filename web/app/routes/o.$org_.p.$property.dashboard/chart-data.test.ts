import { describe, expect, it } from 'vitest';
import { chartCsv, daySplits } from './chart-data.ts';

describe('chartCsv', () => {
  it('writes a header with units and one row per date, empty cells for missing values', () => {
    const csv = chartCsv({
      id: 'occupancy',
      title: 'Occupancy',
      dates: ['2026-12-06', '2026-12-07'],
      columns: [
        { key: 'sold', label: 'On the books', unit: 'percent', values: [0.25, null] },
        { key: 'adr', label: 'ADR, "net"', unit: 'money', values: [10400, 9000] },
      ],
    });
    expect(csv).toBe(
      'date,On the books (fraction),"ADR, ""net"" (minor units)"\r\n2026-12-06,0.25,10400\r\n2026-12-07,,9000\r\n',
    );
  });
});

describe('daySplits', () => {
  it('ticks each plotted day when they fit, and every k-th day when they do not', () => {
    const week = [1, 2, 3, 4, 5, 6, 7];
    expect(daySplits(week, 10)).toEqual(week);
    expect(daySplits(week, 3)).toEqual([1, 4, 7]);
    expect(daySplits([], 5)).toEqual([]);
  });
});
