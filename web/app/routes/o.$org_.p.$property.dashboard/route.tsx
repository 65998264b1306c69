// A property's live dashboard, for managers and owners (and any member who may read the
// property: RLS decides what is counted): today's figures, the chosen period on the books against
// the forecast and the same weekdays last year, pickup, the kitchen's ticket times, and the week's
// arrivals most at risk of not showing. Definitions are stated on the page (and in migration
// 20261206150600). Live (decision 027): today's tiles and the touched days' figures come pushed by
// the worker once per change for every open dashboard; the loader runs again only for touched days
// the push did not cover, for a job, or after a quiet spell; the risk list reads itself again for
// a change of its week (at most every 15 s).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useLoaderData, useLocation, useParams } from '@remix-run/react';
import { useMemo } from 'react';
import uPlotStyles from 'uplot/dist/uPlot.min.css?url';
import { z } from 'zod';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { MANUAL_JOB_KINDS, recentPropertyJobs, startJob } from '../../data/jobs.server.ts';
import dashboardStyles from '../../styles/dashboard.css?url';
import frontDeskStyles from '../../styles/front-desk.css?url';
import { formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import { loadDashboard } from './dashboard.server.ts';
import { periodFrom, presets, RISK_DAYS } from './dashboard-period.ts';
import { Definitions } from './definitions.tsx';
import { JobsPanel } from './jobs-panel.tsx';
import { shownDays } from './live-tiles.ts';
import { PeriodSection } from './period-section.tsx';
import { LiveRiskList } from './risk-list.tsx';
import { TodaySection } from './today-section.tsx';
import { useLiveTiles } from './use-live-tiles.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: frontDeskStyles },
  { rel: 'stylesheet', href: uPlotStyles },
  { rel: 'stylesheet', href: dashboardStyles },
];

export const meta: MetaFunction = () => [{ title: 'Dashboard · Roost' }];

/** The jobs panel follows its jobs' rows; everything else comes pushed (use-live-tiles.ts). */
const LIVE_TABLES = ['jobs'];
/** What "Mail me this report" answers (?mailed=report or ?mail_error=<code>, from mail-report). */
const MAIL_ERRORS: Record<string, string> = {
  email_not_confirmed: 'Confirm your email address first, then mail the report again.',
  too_many_reports: 'At most 10 reports an hour can be mailed: try again later.',
};

export async function loader(args: LoaderFunctionArgs) {
  const { property, membership } = await requireStaffProperty(args, 'viewer');
  // Before reading: the page keeps whichever is newer, this load or the last pushed tiles.
  const readAt = Date.now();
  const today = todayIn(property.time_zone);
  const period = periodFrom(new URL(args.request.url).searchParams, today);
  const [dashboard, jobs] = await Promise.all([
    loadDashboard(args.context.supabase, property.id, today, period),
    recentPropertyJobs(args.context.supabase, property.id),
  ]);
  return {
    property: { id: property.id, name: property.name, timeZone: property.time_zone, currency: property.currency },
    today,
    presets: presets(today),
    chosen: period.chosen,
    compare: period.compare,
    readAt,
    dashboard,
    jobs,
    canStartJobs: roleAtLeast(membership.role, 'manager'),
  };
}

const StartJob = z.object({ intent: z.literal('start-job'), kind: z.enum(MANUAL_JOB_KINDS) });

/** Managers start a forecast or a no-show scoring run; the page follows the job live. */
export async function action(args: ActionFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'manager');
  const parsed = StartJob.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ error: 'Choose a forecast or a no-show scoring run.' }, { status: 400 });
  const started = await startJob(args.context.supabase, property.id, parsed.data.kind);
  if ('error' in started) return data({ error: `The job could not be started: ${started.error}` }, { status: 400 });
  return { started: started.id };
}

export default function DashboardScreen() {
  const {
    property,
    today,
    presets: choices,
    compare,
    readAt,
    dashboard,
    jobs,
    canStartJobs,
  } = useLoaderData<typeof loader>();
  const { risks } = dashboard;
  const shown = useMemo(() => shownDays(today, dashboard.period, RISK_DAYS), [today, dashboard.period]);
  // Pushed figures redraw the sections that read them, not this component (use-live-tiles.ts).
  const params = useParams();
  const base = `/o/${params.org}/p/${property.id}`;
  const store = useLiveTiles(property.id, shown, readAt, `${base}/dashboard.risks`);
  const live = useLiveChanges({ tables: LIVE_TABLES, propertyId: property.id, debounceMs: 300 });
  const loaded = useMemo(
    () => ({
      day: today,
      today: dashboard.today,
      stations: dashboard.stations,
      openOrders: dashboard.openOrders,
      readAt,
    }),
    [today, dashboard.today, dashboard.stations, dashboard.openOrders, readAt],
  );
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  const mailError = search.get('mail_error');
  const { from, to } = dashboard.period;
  const comparing: Record<string, string> = compare ? {} : { compare: '0' };

  return (
    <div className="dashboard-screen">
      <header className="grid-header">
        <h1>Dashboard</h1>
        <p className="grid-span muted">
          {property.name} · {formatDate(today)} · {property.timeZone}
        </p>
        <a href={`${base}/dashboard.pdf?${new URLSearchParams({ from, to, ...comparing })}`} className="button">
          Daily report (PDF)
        </a>
        <Form method="post" action={`${base}/dashboard/mail-report${location.search}`}>
          <button type="submit" className="button button-secondary">
            Mail me this report
          </button>
        </Form>
        <LiveBadge state={live} />
      </header>
      {search.get('mailed') === 'report' ? (
        <p className="alert alert-success" role="status">
          The daily report is on its way to your email address.
        </p>
      ) : null}
      {mailError ? (
        <p className="alert alert-error" role="alert">
          {MAIL_ERRORS[mailError] ?? 'The report could not be mailed. Try again in a moment.'}
        </p>
      ) : null}

      <TodaySection
        store={store}
        loaded={loaded}
        hasRooms={dashboard.hasRooms}
        hasTables={dashboard.hasTables}
        currency={property.currency}
      />

      <PeriodSection
        store={store}
        loaded={loaded}
        dashboard={dashboard}
        choices={choices}
        compare={compare}
        currency={property.currency}
        base={base}
      />

      {dashboard.hasRooms ? (
        <LiveRiskList
          store={store}
          loaded={risks}
          day={today}
          loadedAt={readAt}
          base={base}
          currency={property.currency}
        />
      ) : null}

      <JobsPanel jobs={jobs} canStart={canStartJobs} timeZone={property.timeZone} />

      <Definitions />
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
