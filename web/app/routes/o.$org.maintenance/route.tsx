// Maintenance costs and backlog (managers and up): per property, the work orders open and overdue
// now and the cost of those done in a period (the invoice total read by OCR, else the accepted
// quote); per room the same costs, most expensive first, with a bar for comparison; the overdue
// orders with a link to each; the running cost per property over the period as a chart (the
// dashboards' uPlot chart); everything as CSV and as a PDF.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import uPlotStyles from 'uplot/dist/uPlot.min.css?url';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { loadMaintenanceReport } from '../../data/maintenance-report.server.ts';
import dashboardStyles from '../../styles/dashboard.css?url';
import maintenanceStyles from '../../styles/maintenance.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { addDays, formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import { startOfDay } from '../../utils/time-zones.ts';
import { TrendChart } from '../o.$org_.p.$property.dashboard/trend-chart.tsx';
import { costCharts } from './cost-chart.ts';
import { periodChoices, reportPeriod } from './report.ts';

// The period picker's styles live with the dashboards that introduced it.
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: uPlotStyles },
  { rel: 'stylesheet', href: dashboardStyles },
  { rel: 'stylesheet', href: maintenanceStyles },
];
export const meta: MetaFunction = () => [{ title: 'Maintenance costs · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'manager');
  const today = todayIn(organization.time_zone);
  const period = reportPeriod(new URL(request.url).searchParams, today);
  const report = await loadMaintenanceReport(
    context.supabase,
    organization.id,
    {
      fromInstant: startOfDay(period.from, organization.time_zone).toISOString(),
      toInstant: startOfDay(addDays(period.to, 1), organization.time_zone).toISOString(),
    },
    (zone) => todayIn(zone),
  );
  const charts = costCharts(report, period, organization.time_zone);
  return { slug: organization.slug, period, choices: periodChoices(today), report, charts };
}

export default function MaintenanceReportPage() {
  const { slug, period, choices, report, charts } = useLoaderData<typeof loader>();
  const maxRoom = Math.max(1, ...report.rooms.map((room) => room.costMinor));
  const query = new URLSearchParams({ from: period.from, to: period.to });
  const csv = `/o/${slug}/maintenance.csv?${query}`;
  const pdf = `/o/${slug}/maintenance.pdf?${query}`;
  return (
    <>
      <h1>Maintenance costs</h1>
      <p className="muted">
        Work orders done from {formatDate(period.from)} to {formatDate(period.to)}; a cost is the vendor’s invoice total
        as read, else the accepted quote. Open and overdue counts are as of now.
      </p>
      <PeriodPicker from={period.from} to={period.to} choices={choices} />
      <p className="wo-report-actions">
        <a className="button" href={csv} download>
          Download CSV
        </a>
        <a className="button" href={pdf}>
          PDF
        </a>
      </p>
      <section className="section" aria-labelledby="over-time">
        <h2 id="over-time">Costs over the period</h2>
        {charts.length === 0 ? (
          <p className="empty-state">
            No priced work order was done in this period: a cost appears once a quote is accepted or an invoice read.
          </p>
        ) : (
          charts.map(({ currency, chart }) => (
            <figure key={currency} className="chart-figure">
              <figcaption>
                Running total per property{charts.length > 1 ? ` (${currency})` : ''}: the tables below carry the same
                figures.
              </figcaption>
              <TrendChart chart={chart} columns={chart.columns.map((column) => column.key)} currency={currency} />
            </figure>
          ))
        )}
      </section>
      <section className="section" aria-labelledby="by-property">
        <h2 id="by-property">By property</h2>
        {report.properties.length === 0 ? (
          <p className="empty-state">No properties yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Property</th>
                <th scope="col" className="numeric">
                  Open
                </th>
                <th scope="col" className="numeric">
                  Overdue
                </th>
                <th scope="col" className="numeric">
                  Done in period
                </th>
                <th scope="col" className="numeric">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {report.properties.map((line) => (
                <tr key={line.propertyId}>
                  <td>
                    <Link to={`/o/${slug}/p/${line.propertyId}/maintenance`} className="table-link">
                      {line.propertyName}
                    </Link>
                  </td>
                  <td className="numeric">{line.open}</td>
                  <td className={`numeric${line.overdue ? ' wo-overdue' : ''}`}>{line.overdue}</td>
                  <td className="numeric">{line.done}</td>
                  <td className="numeric">
                    {formatMoney(line.costMinor, line.currency)}
                    {line.unpriced ? <span className="cell-note"> ({line.unpriced} without a price)</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="section" aria-labelledby="by-room">
        <h2 id="by-room">By room</h2>
        {report.rooms.length === 0 ? (
          <p className="empty-state">No room’s work order was done in this period. Choose a longer period above.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Room</th>
                <th scope="col" className="numeric">
                  Done
                </th>
                <th scope="col" className="numeric">
                  Cost
                </th>
                <th scope="col">
                  <span className="visually-hidden">Compared with the most expensive room</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {report.rooms.map((room) => (
                <tr key={`${room.propertyName}-${room.roomName}`}>
                  <td>
                    {room.roomName} <span className="cell-note">{room.propertyName}</span>
                  </td>
                  <td className="numeric">{room.done}</td>
                  <td className="numeric">{formatMoney(room.costMinor, room.currency)}</td>
                  <td className="report-bar-cell" aria-hidden="true">
                    <span
                      className="report-bar"
                      style={{ width: `${Math.round((room.costMinor / maxRoom) * 100)}%` }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="section" aria-labelledby="overdue">
        <h2 id="overdue">Overdue work orders</h2>
        {report.overdue.length === 0 ? (
          <p className="empty-state">Nothing overdue.</p>
        ) : (
          <ul>
            {report.overdue.map((order) => (
              <li key={order.id}>
                <Link to={`/o/${slug}/p/${order.propertyId}/maintenance/${order.id}`}>
                  #{order.number} {order.title}
                </Link>{' '}
                · {order.propertyName} · <span className="wo-overdue">due {formatDate(order.dueOn)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
