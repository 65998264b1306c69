// Today at the front desk, in the property's time zone: who arrives, who leaves and who is in
// house, each booking one tap from its page, with what the guest still owes. Live: a booking
// made or checked in on another tablet shows up without a reload.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useParams } from '@remix-run/react';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { type DayListBooking, listToday } from '../../data/bookings.server.ts';
import frontDeskStyles from '../../styles/front-desk.css?url';
import { formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import { holdCountdown, STATUS_LABELS } from '../o.$org_.p.$property.grid/status-labels.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: frontDeskStyles }];

export const meta: MetaFunction = () => [{ title: 'Today · Roost' }];

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  const now = new Date();
  const today = todayIn(property.time_zone, now);
  const lists = await listToday(args.context.supabase, property.id, today, now);
  return {
    property: { id: property.id, timeZone: property.time_zone, currency: property.currency },
    today,
    loadedAt: now.toISOString(),
    ...lists,
  };
}

interface ListProps {
  id: string;
  title: string;
  empty: string;
  bookings: DayListBooking[];
  currency: string;
  base: string;
  now: number;
}

function BookingList({ id, title, empty, bookings, currency, base, now }: ListProps) {
  return (
    <section className="today-list section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="muted">{bookings.length}</span>
      </h2>
      {bookings.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Guest</th>
              <th scope="col">Room</th>
              <th scope="col" className="numeric">
                Nights
              </th>
              <th scope="col" className="numeric">
                Party
              </th>
              <th scope="col">Status</th>
              <th scope="col" className="numeric">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {bookings.map((booking) => {
              const countdown = booking.status === 'held' ? holdCountdown(booking.holdExpiresAt, now) : null;
              return (
                <tr key={booking.id}>
                  <td>
                    <Link to={`${base}/bookings/${booking.id}`} className="table-link">
                      {booking.guestName ?? 'No guest yet'}
                    </Link>{' '}
                    <span className="cell-note">{booking.reference}</span>
                  </td>
                  <td>{booking.resourceName}</td>
                  <td className="numeric">{booking.nights}</td>
                  <td className="numeric">{booking.partySize}</td>
                  <td>
                    <span className={`status-badge status-${booking.status}`}>{STATUS_LABELS[booking.status]}</span>
                    {countdown ? <span className="cell-note"> {countdown}</span> : null}
                  </td>
                  <td className={`numeric${booking.balanceMinor ? ' balance-due' : ''}`}>
                    {booking.balanceMinor === null ? (
                      <span className="muted">No folio</span>
                    ) : (
                      formatMoney(booking.balanceMinor, currency)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function TodayScreen() {
  const { property, today, loadedAt, arrivals, departures, inHouse } = useLoaderData<typeof loader>();
  const live = useLiveChanges({ tables: ['bookings'], propertyId: property.id });
  const params = useParams();
  const base = `/o/${params.org}/p/${property.id}`;
  const now = Date.parse(loadedAt);
  const shared = { currency: property.currency, base, now };
  return (
    <div className="grid-screen">
      <header className="grid-header">
        <h1>Today</h1>
        <p className="grid-span muted">
          {formatDate(today)} · {property.timeZone}
        </p>
        <LiveBadge state={live} />
      </header>
      <div className="today-sections">
        <BookingList
          id="arrivals"
          title="Arrivals"
          empty="No arrivals today. New bookings start from the booking grid."
          bookings={arrivals}
          {...shared}
        />
        <BookingList
          id="departures"
          title="Departures"
          empty="No departures today."
          bookings={departures}
          {...shared}
        />
        <BookingList
          id="in-house"
          title="In house"
          empty="No guests checked in right now."
          bookings={inHouse}
          {...shared}
        />
      </div>
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
