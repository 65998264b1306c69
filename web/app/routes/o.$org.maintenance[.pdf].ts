// The maintenance cost report as a PDF (managers and up), for the page's period, read as the user:
// per property the open and overdue orders and the cost of those done, per room the cost with a
// bar against the most expensive room, drawn with the shared A4 writer.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadMaintenanceReport } from '../data/maintenance-report.server.ts';
import { createPdfWriter, MARGIN } from '../data/pdf-writer.server.ts';
import { requireMember } from '../utils/auth.server.ts';
import { addDays, formatDateSpan, todayIn } from '../utils/calendar-dates.ts';
import { formatMoney } from '../utils/money.ts';
import { startOfDay } from '../utils/time-zones.ts';
import { reportPeriod } from './o.$org.maintenance/report.ts';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'manager');
  const period = reportPeriod(new URL(request.url).searchParams, todayIn(organization.time_zone));
  const report = await loadMaintenanceReport(
    context.supabase,
    organization.id,
    {
      fromInstant: startOfDay(period.from, organization.time_zone).toISOString(),
      toInstant: startOfDay(addDays(period.to, 1), organization.time_zone).toISOString(),
    },
    (zone) => todayIn(zone),
  );
  const pdf = await createPdfWriter({
    title: `Maintenance costs ${period.from} – ${period.to}`,
    author: organization.name,
  });
  pdf.write('Maintenance costs', MARGIN, { size: 18, bold: true });
  pdf.newLine(22);
  pdf.write(`${organization.name} · work orders done ${formatDateSpan(period.from, period.to)}`, MARGIN);
  pdf.newLine(14);
  pdf.write(
    'A cost is the vendor’s invoice total as read, else the accepted quote. Open and overdue: as of now.',
    MARGIN,
    {
      size: 8,
    },
  );
  pdf.newLine(26);

  pdf.write('By property', MARGIN, { size: 13, bold: true });
  pdf.newLine(18);
  const columns = { open: pdf.right - 230, overdue: pdf.right - 170, done: pdf.right - 100 };
  pdf.write('Property', MARGIN, { bold: true });
  pdf.write('Open', columns.open, { bold: true, right: true });
  pdf.write('Overdue', columns.overdue, { bold: true, right: true });
  pdf.write('Done', columns.done, { bold: true, right: true });
  pdf.write('Cost', pdf.right, { bold: true, right: true });
  pdf.newLine();
  pdf.rule(MARGIN, pdf.right);
  pdf.newLine(16);
  if (report.properties.length === 0) pdf.write('No properties yet.', MARGIN);
  for (const line of report.properties) {
    pdf.write(line.propertyName.slice(0, 48), MARGIN);
    pdf.write(String(line.open), columns.open, { right: true });
    pdf.write(String(line.overdue), columns.overdue, { right: true });
    pdf.write(String(line.done), columns.done, { right: true });
    pdf.write(formatMoney(line.costMinor, line.currency), pdf.right, { right: true });
    pdf.newLine();
    if (line.unpriced) {
      pdf.write(`${line.unpriced} done without a price`, MARGIN + 12, { size: 8 });
      pdf.newLine(12);
    }
  }
  pdf.newLine(20);

  pdf.write('By room', MARGIN, { size: 13, bold: true });
  pdf.newLine(18);
  const barX = pdf.right - 230;
  const barWidth = 120;
  pdf.write('Room', MARGIN, { bold: true });
  pdf.write('Done', barX - 12, { bold: true, right: true });
  pdf.write('Cost', pdf.right, { bold: true, right: true });
  pdf.newLine();
  pdf.rule(MARGIN, pdf.right);
  pdf.newLine(16);
  if (report.rooms.length === 0) pdf.write('No room’s work order was done in this period.', MARGIN);
  const most = Math.max(1, ...report.rooms.map((room) => room.costMinor));
  for (const room of report.rooms) {
    pdf.write(`${room.roomName} · ${room.propertyName}`.slice(0, 50), MARGIN);
    pdf.write(String(room.done), barX - 12, { right: true });
    pdf.bar(barX, Math.round((room.costMinor / most) * barWidth));
    pdf.write(formatMoney(room.costMinor, room.currency), pdf.right, { right: true });
    pdf.newLine();
  }

  if (report.overdue.length) {
    pdf.newLine(20);
    pdf.write('Overdue work orders', MARGIN, { size: 13, bold: true });
    pdf.newLine(18);
    for (const order of report.overdue) {
      pdf.write(`#${order.number} ${order.title}`.slice(0, 60), MARGIN);
      pdf.write(`${order.propertyName.slice(0, 30)} · due ${order.dueOn}`, pdf.right, { right: true });
      pdf.newLine();
    }
  }
  return new Response(Buffer.from(await pdf.save()), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="maintenance-${organization.slug}-${period.from}-${period.to}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
