// The front desk's booking grid: rooms × days in the property's time zone, bookings as bars
// coloured by status, out-of-service days blocked. Tap an empty day to start a booking, a bar to
// open it; drag a bar (or use "Move to…") to move it: modify_booking re-prices or refuses, and a
// refusal is shown on the bar, which stays where it was. Live: other devices' changes appear.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useLoaderData, useParams } from '@remix-run/react';
import { useMemo, useState } from 'react';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import {
  listGridBlocks,
  listGridBookings,
  listLodgingResources,
  moveBooking,
  searchBookings,
} from '../../data/bookings.server.ts';
import { listRoomStatuses, type RoomState } from '../../data/housekeeping.server.ts';
import frontDeskStyles from '../../styles/front-desk.css?url';
import roomStatusStyles from '../../styles/room-status.css?url';
import { addDays, formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { BookingGrid } from './booking-grid.tsx';
import { GRID_SPANS, MoveSchema, readWindow } from './grid.schema.ts';
import { formatSpan } from './grid-model.ts';
import { LiveBadge } from './live-badge.tsx';
import { STATUS_LABELS } from './status-labels.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: frontDeskStyles },
  { rel: 'stylesheet', href: roomStatusStyles },
];

export const meta: MetaFunction = () => [{ title: 'Booking grid · Roost' }];

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const now = new Date();
  const today = todayIn(property.time_zone, now);
  const window = readWindow(new URL(args.request.url).searchParams, today);
  const [resources, bookings, blocks, matches, roomStatuses] = await Promise.all([
    listLodgingResources(supabase, property.id),
    listGridBookings(supabase, property.id, window.from, window.days, now),
    listGridBlocks(supabase, property, window.from, window.days),
    searchBookings(supabase, property.id, window.query, now),
    listRoomStatuses(supabase, property.id),
  ]);
  return {
    property: { id: property.id, name: property.name, timeZone: property.time_zone },
    today,
    window,
    resources,
    bookings,
    blocks,
    matches,
    roomStatuses,
    loadedAt: now.toISOString(),
  };
}

/** modify_booking's refusals as the desk reads them. */
const MOVE_ERRORS = {
  not_available: { message: 'That room is not free for these dates (booked or out of service).' },
  not_modifiable: { message: 'Only holds and confirmed bookings can be moved.' },
  hold_expired: { message: 'This hold has expired.' },
  booking_changed: { message: 'The booking changed meanwhile; look again and retry.' },
  booking_not_found: { message: 'This booking no longer exists.' },
  resource_not_found: { message: 'That room is not part of this property.' },
  invalid_resource_id: { message: 'A room can only move to another room priced per night.' },
  outside_booking_window: { message: 'These dates are in the past, too soon or too far ahead.' },
  stay_length_not_accepted: { message: 'The rate of that room does not accept a stay of this length.' },
  party_size_not_accepted: { message: 'That room does not take a party of this size.' },
  no_rate_plan: { message: 'That room type has no active rate to price the stay.' },
};

export async function action(args: ActionFunctionArgs) {
  await requireStaffProperty(args);
  const form = await args.request.formData();
  const parsed = parseForm(MoveSchema, form);
  const bookingId = String(form.get('booking_id') ?? '');
  if (!parsed.ok) return data({ ok: false as const, bookingId, ...parsed.failure }, { status: 400 });
  const move = parsed.value;
  const saved = await moveBooking(args.context.supabase, {
    bookingId: move.booking_id,
    resourceId: move.resource_id,
    arrival: move.arrival,
    departure: move.departure,
  });
  if (saved.error) {
    const failure = databaseFailure(saved.error, MOVE_ERRORS);
    // Party and stay rules say which limits apply; the database's own words are the clearest.
    const detail = ['party_size_not_accepted', 'stay_length_not_accepted'].includes(saved.error.message)
      ? saved.error.details
      : null;
    return data(
      { ok: false as const, bookingId, fieldErrors: failure.fieldErrors, formError: detail || failure.formError },
      { status: 409 },
    );
  }
  return { ok: true as const, bookingId, fieldErrors: {}, formError: undefined };
}

export default function BookingGridScreen() {
  const { property, today, window, resources, bookings, blocks, matches, roomStatuses, loadedAt } =
    useLoaderData<typeof loader>();
  // Room statuses change with housekeeping (finished, inspected) and check-outs: a change's row is
  // drawn at once, without reading the grid's loaders again (bookings still do).
  const [statusChanges, setStatusChanges] = useState<Record<string, RoomState>>({});
  const live = useLiveChanges({
    tables: ['bookings', 'room_statuses'],
    propertyId: property.id,
    onChange: (change) => {
      const row = change.table === 'room_statuses' ? roomStateOf(change.new) : null;
      if (row) setStatusChanges((shown) => ({ ...shown, [row.resourceId]: row.state }));
    },
    reloadFor: (change) => change.table !== 'room_statuses',
  });
  const statuses = useMemo(() => latestStatuses(roomStatuses, statusChanges), [roomStatuses, statusChanges]);
  const params = useParams();
  const base = `/o/${params.org}/p/${property.id}`;
  const last = addDays(window.from, window.days - 1);
  const link = (from: string, days = window.days) =>
    `?${new URLSearchParams({ from, days: String(days), ...(window.query ? { q: window.query } : {}) })}`;

  return (
    <div className="grid-screen">
      <header className="grid-header">
        <h1>Booking grid</h1>
        <p className="grid-span muted">
          {formatSpan(window.from, last)} · {property.timeZone}
        </p>
        <LiveBadge state={live} />
      </header>

      <div className="grid-toolbar">
        <nav className="grid-steps" aria-label="Dates">
          <Link
            className="button"
            to={link(addDays(window.from, -window.days))}
            aria-label={`Previous ${window.days} days`}
          >
            ← Previous
          </Link>
          <Link className="button" to={link(today)}>
            Today
          </Link>
          <Link className="button" to={link(addDays(window.from, window.days))} aria-label={`Next ${window.days} days`}>
            Next →
          </Link>
        </nav>
        <Form method="get" className="grid-window" aria-label="Dates shown">
          <label>
            <span>From</span>
            <input type="date" name="from" defaultValue={window.from} key={window.from} required />
          </label>
          <label>
            <span>Days</span>
            <select name="days" defaultValue={String(window.days)} key={window.days}>
              {GRID_SPANS.map((span) => (
                <option key={span} value={span}>
                  {span} days
                </option>
              ))}
            </select>
          </label>
          {window.query ? <input type="hidden" name="q" value={window.query} /> : null}
          <button type="submit" className="button">
            Show
          </button>
        </Form>
        <Form method="get" className="grid-search" role="search" aria-label="Find a booking">
          <input type="hidden" name="from" value={window.from} />
          <input type="hidden" name="days" value={window.days} />
          <label>
            <span>Find a booking</span>
            <input
              type="search"
              name="q"
              defaultValue={window.query}
              key={window.query}
              placeholder="Guest, email or reference"
              maxLength={120}
            />
          </label>
          <button type="submit" className="button">
            Find
          </button>
        </Form>
      </div>

      {window.query ? (
        <section className="grid-matches" aria-labelledby="matches-heading">
          <h2 id="matches-heading">
            {matches.length === 0
              ? `No booking matches “${window.query}”.`
              : `${matches.length} ${matches.length === 1 ? 'booking matches' : 'bookings match'} “${window.query}”`}
          </h2>
          {matches.length ? (
            <ul>
              {matches.map((match) => (
                <li key={match.id}>
                  <Link to={`${base}/bookings/${match.id}`} className="table-link">
                    {match.guestName ?? 'No guest'} · {match.reference}
                  </Link>{' '}
                  <span className="muted">
                    {formatSpan(match.arrival, addDays(match.departure, -1))} · {STATUS_LABELS[match.status]}
                  </span>{' '}
                  <Link to={link(match.arrival)} className="button button-small">
                    Show on grid
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Try part of the guest’s name, their email, or the 8-letter booking reference.</p>
          )}
          <Link to={`?${new URLSearchParams({ from: window.from, days: String(window.days) })}`}>Clear search</Link>
        </section>
      ) : null}

      {resources.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No rooms to show.</strong> Rooms are added on the property’s page in the portal (a room type priced
            per night, then its rooms).
          </p>
        </div>
      ) : (
        <BookingGrid
          key={`${window.from}:${window.days}`}
          from={window.from}
          days={window.days}
          today={today}
          resources={resources}
          bookings={bookings}
          blocks={blocks}
          highlighted={new Set(matches.map((match) => match.id))}
          loadedAt={loadedAt}
          roomStatuses={statuses}
        />
      )}
      <p className="grid-legend muted" aria-hidden="true">
        <span className="legend legend-held">Held</span>
        <span className="legend legend-confirmed">Confirmed</span>
        <span className="legend legend-checked_in">Checked in</span>
        <span className="legend legend-checked_out">Checked out</span>
        <span className="legend legend-blocked">Out of service</span>
        <span>Today is {formatDate(today)}.</span>
      </p>
    </div>
  );
}

/** A room_statuses row from a Realtime change, or null when it is not one. */
function roomStateOf(row: unknown): { resourceId: string; state: RoomState } | null {
  const value = row as Partial<Record<string, string | null>> | null;
  if (!value?.resource_id || !value.status || !value.changed_at) return null;
  return {
    resourceId: value.resource_id,
    state: {
      status: value.status as RoomState['status'],
      reason: value.reason ?? '',
      note: value.note ?? null,
      changedAt: value.changed_at,
    },
  };
}

/** An instant as PostgREST (ISO) or Realtime (Postgres text: '2026-12-06 10:00:00.123+00') writes it. */
const instant = (text: string) => Date.parse(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));

/** Per room, the newer of the loaded status and the last live change (the change when unsure). */
function latestStatuses(loaded: Record<string, RoomState>, changes: Record<string, RoomState>) {
  const latest = { ...loaded };
  for (const [room, state] of Object.entries(changes)) {
    const current = latest[room];
    if (!current || !(instant(state.changedAt) < instant(current.changedAt))) latest[room] = state;
  }
  return latest;
}

export { ScreenErrorBoundary as ErrorBoundary };
