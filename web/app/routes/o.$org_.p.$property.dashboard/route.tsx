// A property's live dashboard, for managers and owners (and any member who may read the
// property: RLS decides what is counted): today's figures, the chosen period on the books against
// the forecast and the same weekdays last year, pickup, the kitchen's ticket times, and the week's
// arrivals most at risk of not showing. Definitions are stated on the page (and in migration
// 20261206150600). Live (decision 027): today's tiles and the touched days' figures come pushed by
// the worker once per change for every open dashboard; the loader runs again only for touched days
// the push did not cover, for the risk week (at most every 15 s), for a job, or after a quiet spell.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useLoaderData, useLocation, useParams } from '@remix-run/react';
import { memo, useMemo } from 'react';
import uPlotStyles from 'uplot/dist/uPlot.min.css?url';
import { z } from 'zod';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { MANUAL_JOB_KINDS, recentPropertyJobs, startJob } from '../../data/jobs.server.ts';
import dashboardStyles from '../../styles/dashboard.css?url';
import frontDeskStyles from '../../styles/front-desk.css?url';
import { formatDate, formatDateSpan, todayIn } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import { loadDashboard } from './dashboard.server.ts';
import { periodFrom, presets, RISK_DAYS } from './dashboard-period.ts';
import { Definitions } from './definitions.tsx';
import { JobsPanel } from './jobs-panel.tsx';
import { foldDays, newerTiles, shownDays, withDay } from './live-tiles.ts';
import { totalsOf, trendChart } from './period-charts.ts';
import { RiskList } from './risk-list.tsx';
import { ChartTable, TrendChart } from './trend-chart.tsx';
import { useLiveTiles } from './use-live-tiles.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: frontDeskStyles },
  { rel: 'stylesheet', href: uPlotStyles },
  { rel: 'stylesheet', href: dashboardStyles },
];

export const meta: MetaFunction = () => [{ title: 'Dashboard · Roost' }];

/** The jobs panel follows its jobs' rows; everything else comes pushed (use-live-tiles.ts). */
const LIVE_TABLES = ['jobs'];
const PICKUP_COLUMNS = ['made', 'cancelled'];
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

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="kpi-tile">
      <dt>{label}</dt>
      <dd>
        <span className="kpi-value">{value}</span>
        {detail ? <span className="kpi-detail">{detail}</span> : null}
      </dd>
    </div>
  );
}

/** The period's fields and choices change only with the loader: not redrawn for pushed tiles. */
const Period = memo(PeriodPicker);

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const minutes = (seconds: number | null) =>
  seconds === null ? '–' : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;

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
  const { forecast, risks } = dashboard;
  const shown = useMemo(() => shownDays(today, dashboard.period, RISK_DAYS), [today, dashboard.period]);
  const pushed = useLiveTiles(property.id, shown, readAt);
  const live = useLiveChanges({ tables: LIVE_TABLES, propertyId: property.id, debounceMs: 300 });
  const tiles = newerTiles(
    { day: today, today: dashboard.today, stations: dashboard.stations, openOrders: dashboard.openOrders, readAt },
    pushed.tiles,
  );
  const { today: now, stations, openOrders } = tiles;
  // Days pushed after the load replace the loaded ones; the period's charts and totals are built
  // again only when one of them differs (foldDays gives the same rows back otherwise).
  const days = useMemo(() => foldDays(dashboard.days, pushed.days, readAt), [dashboard.days, pushed.days, readAt]);
  const lastYearDays = useMemo(
    () => (dashboard.lastYearDays ? foldDays(dashboard.lastYearDays, pushed.days, readAt) : null),
    [dashboard.lastYearDays, pushed.days, readAt],
  );
  const folded = days !== dashboard.days || lastYearDays !== dashboard.lastYearDays;
  const period = useMemo(
    () =>
      folded
        ? {
            ...dashboard.period,
            totals: totalsOf(days),
            lastYear: lastYearDays ? totalsOf(lastYearDays) : null,
          }
        : dashboard.period,
    [folded, dashboard.period, days, lastYearDays],
  );
  const loadedTrend = useMemo(
    () => (folded ? trendChart(days, lastYearDays, dashboard.forecastByDay, dashboard.hasRooms) : dashboard.trend),
    [folded, days, lastYearDays, dashboard.forecastByDay, dashboard.hasRooms, dashboard.trend],
  );
  // The charts' points for today follow the pushed tiles.
  const trend = useMemo(
    () =>
      withDay(
        loadedTrend,
        tiles.day,
        dashboard.hasRooms
          ? { 'on-the-books': now.occupancy, adr: now.adrMinor, revpar: now.revparMinor }
          : { booked: now.coversBooked },
      ),
    [loadedTrend, dashboard.hasRooms, tiles.day, now],
  );
  const pickup = useMemo(
    () => withDay(dashboard.pickup, tiles.day, { made: now.bookingsMade, cancelled: now.cancellations }),
    [dashboard.pickup, tiles.day, now],
  );
  const params = useParams();
  const base = `/o/${params.org}/p/${property.id}`;
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  const mailError = search.get('mail_error');
  const money = (minor: number | null) => (minor === null ? '–' : formatMoney(minor, property.currency));
  const revenueToday = now.roomRevenueMinor + now.foodRevenueMinor + now.beverageRevenueMinor + now.otherRevenueMinor;
  const comparing: Record<string, string> = compare ? {} : { compare: '0' };
  const csv = (chart: string) =>
    `${base}/dashboard.csv?${new URLSearchParams({ chart, from: period.from, to: period.to, ...comparing })}`;
  const trendColumns = useMemo(
    () => [dashboard.hasRooms ? 'on-the-books' : 'booked', 'forecast', ...(compare ? ['last-year'] : [])],
    [dashboard.hasRooms, compare],
  );
  const lastYear = period.lastYear;

  return (
    <div className="dashboard-screen">
      <header className="grid-header">
        <h1>Dashboard</h1>
        <p className="grid-span muted">
          {property.name} · {formatDate(today)} · {property.timeZone}
        </p>
        <a
          href={`${base}/dashboard.pdf?${new URLSearchParams({ from: period.from, to: period.to, ...comparing })}`}
          className="button"
        >
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

      <section className="section" aria-labelledby="today-heading">
        <h2 id="today-heading">Today</h2>
        <dl className="kpi-tiles" data-testid="today-tiles">
          {dashboard.hasRooms ? (
            <>
              <Tile
                label="Occupancy"
                value={percent(now.occupancy)}
                detail={`${now.roomsSold} of ${now.roomsAvailable} rooms sold${now.roomsOutOfOrder ? ` · ${now.roomsOutOfOrder} out of order` : ''}`}
              />
              <Tile label="ADR" value={money(now.adrMinor)} detail="Room revenue per room sold" />
              <Tile label="RevPAR" value={money(now.revparMinor)} detail="Room revenue per room available" />
              <Tile
                label="Arrivals"
                value={String(now.arrivals)}
                detail={now.noShows ? `${now.noShows} no-show` : undefined}
              />
              <Tile label="Departures" value={String(now.departures)} />
              <Tile label="In house" value={String(now.inHouse)} detail="Stays checked in tonight" />
            </>
          ) : null}
          {dashboard.hasTables ? (
            <>
              <Tile label="Covers booked" value={String(now.coversBooked)} detail={`${now.coversSeated} seated`} />
              <Tile
                label="Open orders"
                value={String(Object.values(openOrders).reduce((sum, count) => sum + count, 0))}
                detail={`${openOrders.submitted ?? 0} sent · ${openOrders.preparing ?? 0} preparing · ${openOrders.ready ?? 0} ready · ${openOrders.served ?? 0} served`}
              />
            </>
          ) : null}
          <Tile label="Revenue so far" value={money(revenueToday)} detail="Net of taxes and discounts" />
        </dl>
        <table className="table revenue-table">
          <caption>Revenue today by category</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Rooms
              </th>
              <th scope="col" className="numeric">
                Food
              </th>
              <th scope="col" className="numeric">
                Beverage
              </th>
              <th scope="col" className="numeric">
                Other
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="numeric">{money(now.roomRevenueMinor)}</td>
              <td className="numeric">{money(now.foodRevenueMinor)}</td>
              <td className="numeric">{money(now.beverageRevenueMinor)}</td>
              <td className="numeric">{money(now.otherRevenueMinor)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      {stations.length > 0 ? (
        <section className="section" aria-labelledby="service-heading">
          <h2 id="service-heading">Kitchen and bar today</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Station</th>
                <th scope="col" className="numeric">
                  Tickets done
                </th>
                <th scope="col" className="numeric">
                  Average ticket time
                </th>
                <th scope="col" className="numeric">
                  Lines waiting now
                </th>
              </tr>
            </thead>
            <tbody>
              {stations.map((station) => (
                <tr key={station.id}>
                  <th scope="row">{station.name}</th>
                  <td className="numeric">{station.ticketsDone}</td>
                  <td className="numeric">{minutes(station.averageTicketSeconds)}</td>
                  <td className="numeric">{station.linesWaiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section className="section" aria-labelledby="period-heading">
        <div className="section-header">
          <h2 id="period-heading">{formatDateSpan(period.from, period.to)}</h2>
          <div className="period-controls">
            <Period from={period.from} to={period.to} choices={choices} compare={compare} />
          </div>
        </div>
        <dl className="kpi-tiles">
          {dashboard.hasRooms ? (
            <>
              <Tile
                label="Occupancy on the books"
                value={percent(period.totals.occupancy)}
                detail={`${period.totals.roomsSold} room nights${lastYear ? ` · last year ${percent(lastYear.occupancy)}` : ''}`}
              />
              <Tile
                label="ADR"
                value={money(period.totals.adrMinor)}
                detail={lastYear ? `Last year ${money(lastYear.adrMinor)}` : undefined}
              />
              <Tile
                label="RevPAR"
                value={money(period.totals.revparMinor)}
                detail={lastYear ? `Last year ${money(lastYear.revparMinor)}` : undefined}
              />
              <Tile
                label="Room revenue"
                value={money(period.totals.roomRevenueMinor)}
                detail={lastYear ? `Last year ${money(lastYear.roomRevenueMinor)}` : undefined}
              />
            </>
          ) : (
            <Tile
              label="Covers booked"
              value={String(period.totals.coversBooked)}
              detail={lastYear ? `Last year ${lastYear.coversBooked}` : undefined}
            />
          )}
          <Tile
            label="Food and beverage"
            value={money(period.totals.foodRevenueMinor + period.totals.beverageRevenueMinor)}
            detail={`Food ${money(period.totals.foodRevenueMinor)} · beverage ${money(period.totals.beverageRevenueMinor)}`}
          />
        </dl>
        <figure className="chart-figure">
          <figcaption>
            {trend.title}: on the books, the forecast{compare ? ' and the same weekdays last year' : ''}{' '}
            <a href={csv(trend.id)} className="table-link" download>
              Download CSV
            </a>
          </figcaption>
          <TrendChart chart={trend} columns={trendColumns} currency={property.currency} />
          <p className="muted chart-note">
            {forecast
              ? `Forecast ${forecast.modelVersion}, made ${formatDate(forecast.createdAt.slice(0, 10))}; backtest error ${percent(forecast.backtestMape)} (repeating last week: ${percent(forecast.baselineMape)}).`
              : 'No forecast yet: start one from the jobs page, and it appears here when the worker has finished.'}
          </p>
          <details>
            <summary>The numbers by day</summary>
            <ChartTable chart={trend} currency={property.currency} caption={`${trend.title} by day`} />
          </details>
        </figure>
      </section>

      <section className="section" aria-labelledby="pickup-heading">
        <h2 id="pickup-heading">Pickup in the last 30 days</h2>
        <figure className="chart-figure">
          <figcaption>
            Bookings made and cancelled per day{' '}
            <a href={csv(pickup.id)} className="table-link" download>
              Download CSV
            </a>
          </figcaption>
          <TrendChart chart={pickup} columns={PICKUP_COLUMNS} currency={property.currency} />
          <details>
            <summary>The numbers by day</summary>
            <ChartTable chart={pickup} currency={property.currency} caption="Pickup by day" />
          </details>
        </figure>
      </section>

      {dashboard.hasRooms ? <RiskList risks={risks} base={base} currency={property.currency} /> : null}

      <JobsPanel jobs={jobs} canStart={canStartJobs} timeZone={property.timeZone} />

      <Definitions />
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
