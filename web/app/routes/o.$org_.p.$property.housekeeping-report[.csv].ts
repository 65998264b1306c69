// The housekeeping report as CSV (?from=&to=): the same rows the page shows, read as the signed-in
// manager.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { housekeepingReport } from '../data/housekeeping.server.ts';
import { todayIn } from '../utils/calendar-dates.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';
import { reportCsv, reportPeriod } from './o.$org_.p.$property.housekeeping-report/report-period.ts';

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'manager');
  const period = reportPeriod(new URL(args.request.url).searchParams, todayIn(property.time_zone));
  const rows = await housekeepingReport(args.context.supabase, property.id, period.from, period.to);
  return new Response(reportCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="housekeeping-${period.from}-${period.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
