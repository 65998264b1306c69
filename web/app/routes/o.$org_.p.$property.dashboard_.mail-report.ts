// POST /o/:org/p/:property/dashboard/mail-report: mails the daily manager report (the same
// PDF as dashboard.pdf, same period parameters) to the signed-in user, then back to the
// dashboard with ?mailed=report (or ?mail_error=<code>). Anyone who may open the dashboard may
// mail it to themselves; the database limits how often (decision 029). A GET goes to the dashboard.
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { mailDailyReport } from '../data/report-mail.server.ts';
import { todayIn } from '../utils/calendar-dates.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';
import { loadDashboard } from './o.$org_.p.$property.dashboard/dashboard.server.ts';
import { periodFrom } from './o.$org_.p.$property.dashboard/dashboard-period.ts';

function dashboardUrl(request: Request): URL {
  const url = new URL(request.url);
  url.pathname = url.pathname.replace(/\/mail-report$/, '');
  return url;
}

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`${dashboardUrl(request).pathname}${new URL(request.url).search}`);
}

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args, 'viewer');
  const today = todayIn(property.time_zone);
  const back = dashboardUrl(args.request);
  const period = periodFrom(back.searchParams, today);
  const dashboard = await loadDashboard(args.context.supabase, property.id, today, period);
  const queued = await mailDailyReport(args.context.supabase, {
    organizationId: organization.id,
    organizationLocale: organization.locale,
    propertyId: property.id,
    dashboard,
    heading: {
      organizationName: organization.name,
      propertyName: property.name,
      timeZone: property.time_zone,
      currency: property.currency,
      today,
    },
    dashboardUrl: `${back.origin}${back.pathname}`,
  });
  if (queued.error)
    back.searchParams.set('mail_error', /^[a-z_]+$/.test(queued.error.message) ? queued.error.message : 'failed');
  else back.searchParams.set('mailed', 'report');
  return redirect(`${back.pathname}${back.search}`);
}
