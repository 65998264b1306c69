// The daily manager report of a property as a PDF, from the same figures as its dashboard (the
// coming 30 days unless ?from=&to= choose another period), read as the signed-in user.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { todayIn } from '../utils/calendar-dates.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';
import { loadDashboard } from './o.$org_.p.$property.dashboard/dashboard.server.ts';
import { periodFrom } from './o.$org_.p.$property.dashboard/dashboard-period.ts';
import { renderManagerReport } from './o.$org_.p.$property.dashboard/manager-report.server.ts';

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args, 'viewer');
  const today = todayIn(property.time_zone);
  const period = periodFrom(new URL(args.request.url).searchParams, today);
  const dashboard = await loadDashboard(args.context.supabase, property.id, today, period);
  const bytes = await renderManagerReport(dashboard, {
    organizationName: organization.name,
    propertyName: property.name,
    timeZone: property.time_zone,
    currency: property.currency,
    today,
  });
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="daily-report-${today}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
