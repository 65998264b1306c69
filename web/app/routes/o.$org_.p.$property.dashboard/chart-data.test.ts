import { describe, expect, it } from 'vitest';
import { chartCsv } from './chart-data.ts';

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
