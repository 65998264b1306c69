// A dashboard chart's numbers as CSV (?chart=occupancy|covers|pickup&from=&to=), the same
// figures the page shows, read as the signed-in user.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { todayIn } from '../utils/calendar-dates.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';
import { chartCsv } from './o.$org_.p.$property.dashboard/chart-data.ts';
import { loadDashboard } from './o.$org_.p.$property.dashboard/dashboard.server.ts';
import { periodFrom } from './o.$org_.p.$property.dashboard/dashboard-period.ts';

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'viewer');
  const search = new URL(args.request.url).searchParams;
  const today = todayIn(property.time_zone);
  const period = periodFrom(search, today);
  const dashboard = await loadDashboard(args.context.supabase, property.id, today, period);
  const chart = [dashboard.trend, dashboard.pickup].find((candidate) => candidate.id === search.get('chart'));
  if (!chart) {
    return new Response('Unknown chart: choose occupancy, covers or pickup.\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const name = `${chart.id}-${chart.dates[0] ?? period.from}-${chart.dates.at(-1) ?? period.to}.csv`;
  return new Response(chartCsv(chart), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
