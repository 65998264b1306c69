// The report's period (?from=&to=, calendar days in the organization's zone, default: this month)
// and its CSV, shared by the page and its CSV route.

import type { MaintenanceReport } from '../../data/maintenance-report.server.ts';
import { addDays, isIsoDate } from '../../utils/calendar-dates.ts';
import { currencyDigits, minorToDecimal } from '../../utils/money.ts';

export interface ReportPeriod {
  from: string;
  to: string;
}

export function reportPeriod(search: URLSearchParams, today: string): ReportPeriod {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  if (isIsoDate(from) && isIsoDate(to) && from <= to && to <= addDays(from, 3660)) return { from, to };
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export function periodChoices(today: string) {
  const monthStart = `${today.slice(0, 8)}01`;
  const lastMonthEnd = addDays(monthStart, -1);
  return [
    { label: 'This month', from: monthStart, to: today },
    { label: 'Last month', from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd },
    { label: 'Last 90 days', from: addDays(today, -89), to: today },
    { label: 'This year', from: `${today.slice(0, 4)}-01-01`, to: today },
  ];
}

const csvCell = (value: string) =>
  /[",\r\n]/.test(value) || /^[=+\-@]/.test(value)
    ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"`
    : value;

/** Costs per property and per room as CSV (amounts as decimals with their currency). */
export function reportCsv(report: MaintenanceReport, period: ReportPeriod): string {
  const amount = (minor: number, currency: string) => minorToDecimal(minor, currencyDigits(currency));
  const lines: string[][] = [
    ['level', 'property', 'room', 'from', 'to', 'open', 'overdue', 'done', 'cost', 'currency'],
    ...report.properties.map((p) => [
      'property',
      p.propertyName,
      '',
      period.from,
      period.to,
      String(p.open),
      String(p.overdue),
      String(p.done),
      amount(p.costMinor, p.currency),
      p.currency,
    ]),
    ...report.rooms.map((r) => [
      'room',
      r.propertyName,
      r.roomName,
      period.from,
      period.to,
      '',
      '',
      String(r.done),
      amount(r.costMinor, r.currency),
      r.currency,
    ]),
  ];
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
