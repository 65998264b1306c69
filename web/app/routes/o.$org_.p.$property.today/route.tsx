// Today at the front desk, in the property's time zone: who arrives, who leaves and who is in
// house, each booking one tap from its page, with what the guest still owes. Each list shows its
// total in its heading and pages on its own (?arrivals=2&departures=1&in-house=3), so a busy day
// stays readable. Live: a booking made or checked in on another tablet shows up without a reload
// (the loader runs again with the same pages).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useParams, useSearchParams } from '@remix-run/react';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { listTodayPage, TODAY_LISTS, type TodayBooking, type TodayList } from '../../data/today.server.ts';
import frontDeskStyles from '../../styles/front-desk.css?url';
import todayStyles from '../../styles/today.css?url';
import { formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import { holdCountdown, STATUS_LABELS } from '../o.$org_.p.$property.grid/status-labels.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: frontDeskStyles },
  { rel: 'stylesheet', href: todayStyles },
];

/** Each list's page in the address. */
const PAGE_PARAMS: Record<TodayList, string> = { arrivals: 'arrivals', departures: 'departures', inHouse: 'in-house' };

function pageParam(params: URLSearchParams, list: TodayList): number {
  const value = Number(params.get(PAGE_PARAMS[list]));
  return Number.isInteger(value) && value >= 1 && value <= 10_000 ? value : 1;
}

export const meta: MetaFunction = () => [{ title: 'Today · Roost' }];

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  const now = new Date();
  const today = todayIn(property.time_zone, now);
  const search = new URL(args.request.url).searchParams;
  const [arrivals, departures, inHouse] = await Promise.all(
    TODAY_LISTS.map((list) =>
      listTodayPage(args.context.supabase, property.id, list, today, pageParam(search, list), now),
    ),
  );
  if (!arrivals || !departures || !inHouse) throw new Error('three lists expected');
  return {
    property: { id: property.id, timeZone: property.time_zone, currency: property.currency },
    today,
    loadedAt: now.toISOString(),
    arrivals,
    departures,
    inHouse,
  };
}

interface ListProps {
  id: string;
  list: TodayList;
  title: string;
  empty: string;
  bookings: TodayBooking[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  currency: string;
  base: string;
  now: number;
}

function BookingList({
  id,
  list,
  title,
  empty,
  bookings,
  total,
  page,
  pages,
  pageSize,
  currency,
  base,
  now,
}: ListProps) {
  const [search] = useSearchParams();
  const href = (to: number) => {
    const next = new URLSearchParams(search);
    if (to === 1) next.delete(PAGE_PARAMS[list]);
    else next.set(PAGE_PARAMS[list], String(to));
    const query = next.toString();
    return query ? `?${query}` : '?';
  };
  const first = (page - 1) * pageSize + 1;
  return (
    <section className="today-list section" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="today-count">{total}</span>
      </h2>
      {pages > 1 ? (
        <p className="muted today-range">
          {first}–{first + bookings.length - 1} of {total}
        </p>
      ) : null}
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
      <Pagination
        page={page}
        pages={pages}
        href={href}
        labels={{ previous: '← Previous', next: 'Next →' }}
        label={`${title}: pages`}
        preventScrollReset
      />
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
          list="arrivals"
          title="Arrivals"
          empty="No arrivals today. New bookings start from the booking grid."
          {...arrivals}
          {...shared}
        />
        <BookingList
          id="departures"
          list="departures"
          title="Departures"
          empty="No departures today."
          {...departures}
          {...shared}
        />
        <BookingList
          id="in-house"
          list="inHouse"
          title="In house"
          empty="No guests checked in right now."
          {...inHouse}
          {...shared}
        />
      </div>
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
