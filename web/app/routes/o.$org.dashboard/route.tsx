// The owner's roll-up: the chosen period's figures for every property the member may read (RLS:
// a member restricted to one property sees one row), totals per currency (never converted: the
// page says so when currencies differ), and occupancy per property as a chart. Each property
// links to its own live dashboard.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import uPlotStyles from 'uplot/dist/uPlot.min.css?url';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { organizationKpis } from '../../data/kpis.server.ts';
import dashboardStyles from '../../styles/dashboard.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { formatDateSpan, todayIn } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { periodFrom, presets } from '../o.$org_.p.$property.dashboard/dashboard-period.ts';
import { PropertyBars } from './property-bars.tsx';
import { totalsByCurrency } from './rollup.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: uPlotStyles },
  { rel: 'stylesheet', href: dashboardStyles },
];

export const meta: MetaFunction = () => [{ title: 'Dashboard · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org, 'viewer');
  const today = todayIn(organization.time_zone);
  const period = periodFrom(new URL(request.url).searchParams, today);
  const rows = await organizationKpis(context.supabase, organization.id, period.from, period.to);
  // The property dashboards live in the staff frame (staff and up): viewers read the roll-up only.
  const canOpen = roleAtLeast(membership.role, 'staff');
  return { organization, period, choices: presets(today), rows, totals: totalsByCurrency(rows), canOpen };
}

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);

export default function OrganizationDashboard() {
  const { organization, period, choices, rows, totals, canOpen } = useLoaderData<typeof loader>();
  const money = (minor: number | null, currency: string) => (minor === null ? '–' : formatMoney(minor, currency));
  const lodging = rows.filter((row) => row.roomsAvailable > 0);
  return (
    <div className="dashboard-screen">
      <h1>Dashboard</h1>
      <p className="muted">
        {organization.name}: every property you work at, {formatDateSpan(period.from, period.to)}.
      </p>
      <section className="section" aria-labelledby="rollup-heading">
        <div className="section-header">
          <h2 id="rollup-heading">Properties</h2>
          <div className="period-controls">
            <PeriodPicker from={period.from} to={period.to} choices={choices} />
          </div>
        </div>
        {rows.length === 0 ? (
          <p className="empty-state">No properties to show. Properties you are given access to appear here.</p>
        ) : (
          // Focusable and named, so the keyboard can scroll the table sideways on a narrow screen (WCAG 2.1.1).
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
          <section className="chart-table-scroll-x" aria-label="Figures per property" tabIndex={0}>
            <table className="table rollup-table">
              <caption className="visually-hidden">Figures per property for the period</caption>
              <thead>
                <tr>
                  <th scope="col">Property</th>
                  <th scope="col" className="numeric">
                    Occupancy
                  </th>
                  <th scope="col" className="numeric">
                    ADR
                  </th>
                  <th scope="col" className="numeric">
                    RevPAR
                  </th>
                  <th scope="col" className="numeric">
                    Room revenue
                  </th>
                  <th scope="col" className="numeric">
                    Covers
                  </th>
                  <th scope="col" className="numeric">
                    Food and beverage
                  </th>
                  <th scope="col" className="numeric">
                    Bookings made
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.propertyId}>
                    <th scope="row">
                      {canOpen ? (
                        <Link to={`/o/${organization.slug}/p/${row.propertyId}/dashboard`} className="table-link">
                          {row.name}
                        </Link>
                      ) : (
                        row.name
                      )}{' '}
                      <span className="cell-note">{row.currency}</span>
                    </th>
                    <td className="numeric">{percent(row.occupancy)}</td>
                    <td className="numeric">{money(row.adrMinor, row.currency)}</td>
                    <td className="numeric">{money(row.revparMinor, row.currency)}</td>
                    <td className="numeric">{money(row.roomRevenueMinor, row.currency)}</td>
                    <td className="numeric">{row.coversBooked}</td>
                    <td className="numeric">{money(row.foodRevenueMinor + row.beverageRevenueMinor, row.currency)}</td>
                    <td className="numeric">{row.bookingsMade}</td>
                  </tr>
                ))}
                {totals.map((total) => (
                  <tr key={total.currency} className="total-row">
                    <th scope="row">
                      Total {totals.length > 1 ? `in ${total.currency}` : ''} ({total.properties}{' '}
                      {total.properties === 1 ? 'property' : 'properties'})
                    </th>
                    <td className="numeric">{percent(total.occupancy)}</td>
                    <td className="numeric">{money(total.adrMinor, total.currency)}</td>
                    <td className="numeric">{money(total.revparMinor, total.currency)}</td>
                    <td className="numeric">{money(total.roomRevenueMinor, total.currency)}</td>
                    <td className="numeric">{total.coversBooked}</td>
                    <td className="numeric">{money(total.foodAndBeverageMinor, total.currency)}</td>
                    <td className="numeric">{total.bookingsMade}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {totals.length > 1 ? (
          <p className="alert">
            These properties sell in {totals.map((total) => total.currency).join(' and ')}: totals are per currency, and
            amounts are not converted.
          </p>
        ) : null}
      </section>
      {lodging.length > 0 ? (
        <section className="section" aria-labelledby="bars-heading">
          <h2 id="bars-heading">Occupancy by property</h2>
          <PropertyBars names={lodging.map((row) => row.name)} values={lodging.map((row) => row.occupancy)} />
          <p className="muted chart-note">
            Room nights sold ÷ room nights available over the period (the table above).
          </p>
        </section>
      ) : null}
    </div>
  );
}
