// The housekeeping report as a PDF (?from=&to=): the rows the page shows, read as the signed-in
// manager, drawn with the shared A4 writer.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { housekeepingReport } from '../data/housekeeping.server.ts';
import { createPdfWriter, MARGIN } from '../data/pdf-writer.server.ts';
import { formatDateSpan, todayIn } from '../utils/calendar-dates.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';
import { reportPeriod } from './o.$org_.p.$property.housekeeping-report/report-period.ts';

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args, 'manager');
  const period = reportPeriod(new URL(args.request.url).searchParams, todayIn(property.time_zone));
  const rows = await housekeepingReport(args.context.supabase, property.id, period.from, period.to);
  const pdf = await createPdfWriter({
    title: `Housekeeping report ${period.from} – ${period.to}`,
    author: organization.name,
  });
  pdf.write('Housekeeping report', MARGIN, { size: 18, bold: true });
  pdf.newLine(22);
  pdf.write(`${property.name} · ${formatDateSpan(period.from, period.to)}`, MARGIN);
  pdf.newLine(28);
  pdf.write('Attendant', MARGIN, { bold: true });
  pdf.write('Rooms cleaned', pdf.right - 150, { bold: true, right: true });
  pdf.write('Average minutes per room', pdf.right, { bold: true, right: true });
  pdf.newLine();
  pdf.rule(MARGIN, pdf.right);
  pdf.newLine(16);
  if (rows.length === 0) pdf.write('No rooms were finished in this period.', MARGIN);
  for (const row of rows) {
    pdf.write(row.name, MARGIN);
    pdf.write(String(row.roomsCleaned), pdf.right - 150, { right: true });
    pdf.write(row.averageMinutes === null ? '-' : row.averageMinutes.toFixed(1), pdf.right, { right: true });
    pdf.newLine();
  }
  const total = rows.reduce((sum, row) => sum + row.roomsCleaned, 0);
  pdf.rule(MARGIN, pdf.right);
  pdf.newLine(16);
  pdf.write(`${total} ${total === 1 ? 'room' : 'rooms'} cleaned`, MARGIN, { bold: true });
  return new Response(Buffer.from(await pdf.save()), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="housekeeping-${period.from}-${period.to}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
