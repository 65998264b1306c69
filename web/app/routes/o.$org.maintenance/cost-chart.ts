// The maintenance costs over the period as chart data (the dashboards' uPlot chart): per currency,
// one line per property with its running total of done work orders' costs, day by day in the
// organization's zone. A running total rather than daily amounts: a few orders a month make
// daily bars mostly zero, while the running total shows when the money went and how much in all.
import type { MaintenanceReport } from '../../data/maintenance-report.server.ts';
import { addDays, daysBetween, todayIn } from '../../utils/calendar-dates.ts';
import type { ChartData } from '../o.$org_.p.$property.dashboard/chart-data.ts';
import type { ReportPeriod } from './report.ts';

export interface CostChart {
  currency: string;
  chart: ChartData;
}

export function costCharts(report: MaintenanceReport, period: ReportPeriod, timeZone: string): CostChart[] {
  const length = daysBetween(period.from, period.to) + 1;
  const dates = Array.from({ length }, (_, index) => addDays(period.from, index));
  const priced = new Set(report.closed.map((cost) => cost.propertyId));
  const properties = report.properties.filter((line) => priced.has(line.propertyId));
  const currencies = [...new Set(properties.map((line) => line.currency))].sort();
  return currencies.map((currency) => {
    const lines = properties.filter((line) => line.currency === currency);
    return {
      currency,
      chart: {
        id: `maintenance-costs-${currency.toLowerCase()}`,
        title: `Maintenance costs (${currency})`,
        dates,
        columns: lines.map((line) => {
          const daily = new Array<number>(length).fill(0);
          for (const cost of report.closed) {
            if (cost.propertyId !== line.propertyId) continue;
            const index = daysBetween(period.from, todayIn(timeZone, new Date(cost.closedAt)));
            if (index >= 0 && index < length) daily[index] = (daily[index] ?? 0) + cost.costMinor;
          }
          let total = 0;
          return {
            key: line.propertyId,
            label: line.propertyName,
            unit: 'money' as const,
            values: daily.map((amount) => {
              total += amount;
              return total;
            }),
          };
        }),
      },
    };
  });
}
