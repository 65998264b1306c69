import { describe, expect, it } from 'vitest';
import type { MaintenanceReport } from '../../data/maintenance-report.server.ts';
import { costCharts } from './cost-chart.ts';

const line = (propertyId: string, propertyName: string, currency: string) => ({
  propertyId,
  propertyName,
  currency,
  open: 0,
  overdue: 0,
  done: 1,
  costMinor: 0,
  unpriced: 0,
});

describe('maintenance cost chart', () => {
  const report: MaintenanceReport = {
    properties: [line('a', 'Bay Hotel', 'EUR'), line('b', 'Hill Lodge', 'EUR'), line('c', 'Loch Inn', 'GBP')],
    rooms: [],
    overdue: [],
    closed: [
      // 23:30 UTC on the 1st is already the 2nd in Lisbon's summer time.
      { propertyId: 'a', closedAt: '2026-07-01T23:30:00Z', costMinor: 5000 },
      { propertyId: 'a', closedAt: '2026-07-03T10:00:00Z', costMinor: 2500 },
      { propertyId: 'c', closedAt: '2026-07-01T10:00:00Z', costMinor: 900 },
      // Outside the period: ignored.
      { propertyId: 'a', closedAt: '2026-08-01T10:00:00Z', costMinor: 99 },
    ],
  };

  it('draws a running total per property, one chart per currency, days in the given zone', () => {
    const charts = costCharts(report, { from: '2026-07-01', to: '2026-07-04' }, 'Europe/Lisbon');
    expect(charts.map((chart) => chart.currency)).toEqual(['EUR', 'GBP']);
    const [eur, gbp] = charts;
    expect(eur?.chart.dates).toEqual(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04']);
    // Hill Lodge had no priced order: no line.
    expect(eur?.chart.columns.map((column) => [column.label, column.unit, column.values])).toEqual([
      ['Bay Hotel', 'money', [0, 5000, 7500, 7500]],
    ]);
    expect(gbp?.chart.columns[0]?.values).toEqual([900, 900, 900, 900]);
  });

  it('has no chart without priced orders', () => {
    expect(costCharts({ ...report, closed: [] }, { from: '2026-07-01', to: '2026-07-02' }, 'UTC')).toEqual([]);
  });
});
