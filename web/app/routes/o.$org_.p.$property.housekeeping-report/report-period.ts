// The housekeeping report's period (?from=&to=, local dates): the last 7 days by default, at most a
// year (the RPC's limit), from before to.
import { addDays } from '../../utils/calendar-dates.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function reportPeriod(search: URLSearchParams, today: string): { from: string; to: string } {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const valid = (date: string) => DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
  if (!valid(from) || !valid(to) || from > to || Date.parse(to) - Date.parse(from) > 366 * 86_400_000) {
    return { from: addDays(today, -6), to: today };
  }
  return { from, to };
}

export interface ReportLine {
  name: string;
  roomsCleaned: number;
  averageMinutes: number | null;
}

const csvCell = (value: string) =>
  /[",\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** The report as CSV: one line per attendant. Cells that a spreadsheet would run as formulas are quoted. */
export function reportCsv(rows: ReportLine[]): string {
  const lines = [['attendant', 'rooms_cleaned', 'average_minutes_per_room']];
  for (const row of rows) {
    lines.push([row.name, String(row.roomsCleaned), row.averageMinutes === null ? '' : row.averageMinutes.toFixed(1)]);
  }
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
