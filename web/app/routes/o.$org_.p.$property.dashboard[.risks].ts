// The week's arrivals most at risk of not showing, as JSON, read as the signed-in user: what the
// dashboard's risk list reads when a push says bookings of its week changed (use-live-tiles.ts),
// instead of running the whole page's loader again.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { riskiestArrivals } from '../data/kpis.server.ts';
import { addDays, todayIn } from '../utils/calendar-dates.ts';
import { requireStaffProperty } from '../utils/staff-access.server.ts';
import { RISK_DAYS } from './o.$org_.p.$property.dashboard/dashboard-period.ts';

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'viewer');
  // Before reading: the page keeps whichever is newer, this or its own last load.
  const readAt = Date.now();
  const today = todayIn(property.time_zone);
  const risks = await riskiestArrivals(args.context.supabase, property.id, today, addDays(today, RISK_DAYS - 1));
  return Response.json({ day: today, readAt, risks }, { headers: { 'Cache-Control': 'private, no-store' } });
}
