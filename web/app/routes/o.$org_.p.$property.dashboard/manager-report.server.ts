// The daily manager report as a PDF: the dashboard's figures for today, the kitchen's ticket
// times, the coming period on the books, the last 30 days' pickup and the arrivals most at risk
// of not showing, in the same definitions (dashboard.server.ts is the one source).
import { createPdfWriter, MARGIN } from '../../data/pdf-writer.server.ts';
import { formatDate, formatDateSpan } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import type { Dashboard } from './dashboard.server.ts';

export interface ReportHeading {
  organizationName: string;
  propertyName: string;
  timeZone: string;
  currency: string;
  today: string;
}

const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)} %`);
const duration = (seconds: number | null) =>
  seconds === null ? '-' : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;

export async function renderManagerReport(dashboard: Dashboard, heading: ReportHeading): Promise<Uint8Array> {
  const pdf = await createPdfWriter({
    title: `Daily report, ${heading.propertyName}, ${heading.today}`,
    author: heading.organizationName,
  });
  const { write, newLine, right } = pdf;
  const money = (minor: number | null) => (minor === null ? '-' : formatMoney(minor, heading.currency));
  const rows = (pairs: [string, string][]) => {
    for (const [label, value] of pairs) {
      write(label, MARGIN);
      write(value, 300, { right: true });
      newLine();
    }
  };
  const section = (title: string) => {
    newLine(10);
    write(title, MARGIN, { bold: true, size: 12 });
    newLine(6);
    pdf.rule(MARGIN, right);
    newLine(14);
  };

  write(heading.propertyName, MARGIN, { size: 16, bold: true });
  write('Daily manager report', right, { size: 16, bold: true, right: true });
  newLine(20);
  write(heading.organizationName, MARGIN, { size: 11 });
  write(`${formatDate(heading.today)} (${heading.timeZone})`, right, { right: true });
  newLine(10);

  const { today: now, period, stations, openOrders, risks } = dashboard;
  section('Today');
  if (dashboard.hasRooms) {
    rows([
      ['Occupancy', `${percent(now.occupancy)} (${now.roomsSold} of ${now.roomsAvailable} rooms)`],
      ['Rooms out of order', String(now.roomsOutOfOrder)],
      ['ADR', money(now.adrMinor)],
      ['RevPAR', money(now.revparMinor)],
      ['Arrivals / departures / in house', `${now.arrivals} / ${now.departures} / ${now.inHouse}`],
      ['No-shows', String(now.noShows)],
    ]);
  }
  if (dashboard.hasTables) {
    const open = Object.values(openOrders).reduce((sum, count) => sum + count, 0);
    rows([
      ['Covers booked / seated', `${now.coversBooked} / ${now.coversSeated}`],
      ['Open orders', String(open)],
    ]);
  }
  rows([
    ['Room revenue', money(now.roomRevenueMinor)],
    ['Food', money(now.foodRevenueMinor)],
    ['Beverage', money(now.beverageRevenueMinor)],
    ['Other', money(now.otherRevenueMinor)],
  ]);

  if (stations.length > 0) {
    section('Kitchen and bar today');
    for (const station of stations) {
      write(station.name, MARGIN);
      write(`${station.ticketsDone} tickets`, 300, { right: true });
      write(`average ${duration(station.averageTicketSeconds)}`, 440, { right: true });
      write(`${station.linesWaiting} waiting`, right, { right: true });
      newLine();
    }
  }

  section(`On the books, ${formatDateSpan(period.from, period.to)}`);
  const totals = period.totals;
  rows(
    dashboard.hasRooms
      ? [
          ['Occupancy', `${percent(totals.occupancy)} (${totals.roomsSold} room nights)`],
          ['ADR', money(totals.adrMinor)],
          ['RevPAR', money(totals.revparMinor)],
          ['Room revenue', money(totals.roomRevenueMinor)],
        ]
      : [['Covers booked', String(totals.coversBooked)]],
  );

  const pickup = dashboard.pickup;
  const made = pickup.columns.find((column) => column.key === 'made')?.values ?? [];
  const cancelled = pickup.columns.find((column) => column.key === 'cancelled')?.values ?? [];
  const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
  section('Pickup, last 30 days');
  rows([
    ['Bookings made', String(sum(made))],
    ['Cancellations', String(sum(cancelled))],
  ]);

  if (dashboard.hasRooms) {
    section('Arrivals most at risk of not showing (next 7 days)');
    if (risks.length === 0) {
      write('No scored arrivals this week.', MARGIN);
      newLine();
    }
    for (const risk of risks) {
      write(`${risk.guestName ?? 'No guest yet'} (${risk.reference})`, MARGIN);
      write(formatDate(risk.arrivalDate), 330);
      write(risk.resourceName, 440);
      write(percent(risk.risk), right, { right: true });
      newLine();
    }
  }
  newLine(20);
  write('Definitions as on the dashboard: occupancy = rooms sold / rooms available (out of order excluded);', MARGIN, {
    size: 8,
  });
  newLine(11);
  write('ADR = room revenue / rooms sold; RevPAR = room revenue / rooms available; revenue net of taxes.', MARGIN, {
    size: 8,
  });
  return pdf.save();
}
