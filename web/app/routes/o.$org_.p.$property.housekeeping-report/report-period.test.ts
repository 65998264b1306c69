import { describe, expect, it } from 'vitest';
import { reportCsv, reportPeriod } from './report-period.ts';

describe('reportPeriod', () => {
  it('reads a valid period and falls back to the last 7 days otherwise', () => {
    const today = '2026-12-06';
    expect(reportPeriod(new URLSearchParams('from=2026-11-01&to=2026-11-30'), today)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    const week = { from: '2026-11-30', to: today };
    expect(reportPeriod(new URLSearchParams(''), today)).toEqual(week);
    expect(reportPeriod(new URLSearchParams('from=2026-12-05&to=2026-12-01'), today)).toEqual(week);
    expect(reportPeriod(new URLSearchParams('from=2024-01-01&to=2026-12-01'), today)).toEqual(week);
    expect(reportPeriod(new URLSearchParams('from=soon&to=2026-12-01'), today)).toEqual(week);
  });
});

describe('reportCsv', () => {
  it('writes one line per attendant and quotes what a spreadsheet would run', () => {
    expect(
      reportCsv([
        { name: 'Ana, Silva', roomsCleaned: 12, averageMinutes: 24.25 },
        { name: '=HYPERLINK("x")', roomsCleaned: 1, averageMinutes: null },
      ]),
    ).toBe('attendant,rooms_cleaned,average_minutes_per_room\r\n"Ana, Silva",12,24.3\r\n"=HYPERLINK(""x"")",1,\r\n');
  });
});
