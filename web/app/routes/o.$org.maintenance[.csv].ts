// The maintenance cost report as CSV (managers and up), for the page's period, read as the user.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadMaintenanceReport } from '../data/maintenance-report.server.ts';
import { requireMember } from '../utils/auth.server.ts';
import { addDays, todayIn } from '../utils/calendar-dates.ts';
import { startOfDay } from '../utils/time-zones.ts';
import { reportCsv, reportPeriod } from './o.$org.maintenance/report.ts';

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
  return new Response(reportCsv(report, period), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="maintenance-${organization.slug}-${period.from}-${period.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
