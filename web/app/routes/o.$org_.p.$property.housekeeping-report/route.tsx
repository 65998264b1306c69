// Housekeeping report (issue 19, item 5, housekeeping half): rooms cleaned per attendant and their
// average time per room (start to finish) over a period of local dates, from housekeeping_report
// (managers). Also as CSV (housekeeping-report.csv) and PDF (housekeeping-report.pdf) for the same period.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { housekeepingReport } from '../../data/housekeeping.server.ts';
import housekeepingStyles from '../../styles/housekeeping.css?url';
import { addDays, formatDateSpan, todayIn } from '../../utils/calendar-dates.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { reportPeriod } from './report-period.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: housekeepingStyles }];

export const meta: MetaFunction = () => [{ title: 'Housekeeping report · Roost' }];

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'manager');
  const today = todayIn(property.time_zone);
  const period = reportPeriod(new URL(args.request.url).searchParams, today);
  const rows = await housekeepingReport(args.context.supabase, property.id, period.from, period.to);
  return { property: { id: property.id, name: property.name }, today, period, rows };
}

const MINUTES = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export default function HousekeepingReport() {
  const { today, period, rows } = useLoaderData<typeof loader>();
  const total = rows.reduce((sum, row) => sum + row.roomsCleaned, 0);
  const choices = [
    { label: 'Today', from: today, to: today },
    { label: 'Last 7 days', from: addDays(today, -6), to: today },
    { label: 'Last 30 days', from: addDays(today, -29), to: today },
  ];
  const query = new URLSearchParams(period).toString();
  return (
    <div className="housekeeping">
      <header className="housekeeping-header">
        <div>
          <h1>Housekeeping report</h1>
          <p className="muted">
            {formatDateSpan(period.from, period.to)} · {total} {total === 1 ? 'room' : 'rooms'} cleaned
          </p>
        </div>
      </header>
      <PeriodPicker from={period.from} to={period.to} choices={choices} />
      <div className="hk-report-actions">
        <Link className="button" to="../housekeeping">
          ← Board
        </Link>
        <a className="button" href={`housekeeping-report.csv?${query}`} download>
          Download CSV
        </a>
        <a className="button" href={`housekeeping-report.pdf?${query}`}>
          PDF
        </a>
      </div>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No rooms were finished in this period.</strong> Rooms count here once an attendant finishes them on
            the housekeeping board; choose a longer period to see earlier days.
          </p>
        </div>
      ) : (
        <table className="table">
          <caption className="muted">Rooms finished per attendant; time is from start to finish of each room.</caption>
          <thead>
            <tr>
              <th scope="col">Attendant</th>
              <th scope="col" className="numeric">
                Rooms cleaned
              </th>
              <th scope="col" className="numeric">
                Average minutes per room
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.attendantId}>
                <th scope="row">{row.name}</th>
                <td className="numeric">{row.roomsCleaned}</td>
                <td className="numeric">{row.averageMinutes === null ? '—' : MINUTES.format(row.averageMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
