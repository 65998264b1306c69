// The reservation book of a restaurant or venue: tables and spaces × one day in 15-minute slots,
// live. A drag across free slots (or a tap, or Enter) drafts a reservation in the drawer, which
// asks search_table_availability whether the table is free and books it with create_booking (one
// idempotency key per draft); a reservation dragged to another table or time, resized by its
// end, or changed in the selected reservation's form goes through modify_booking, which
// re-prices or refuses, the refusal shown on the bar.
import { randomUUID } from 'node:crypto';
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigate, useSearchParams } from '@remix-run/react';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { guestForReservation, reserveTable, searchTables } from '../../data/floor.server.ts';
import {
  listDayReservations,
  listSlotResources,
  moveReservation,
  type SlotResource,
  slotTurnMinutes,
} from '../../data/reservations.server.ts';
import { tableServiceHours } from '../../data/service-periods.server.ts';
import frontDeskStyles from '../../styles/front-desk.css?url';
import reservationStyles from '../../styles/reservations.css?url';
import { addDays, formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import type { Supabase } from '../../utils/load-context.server.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import { NewReservation } from './new-reservation.tsx';
import { ReservationBook } from './reservation-book.tsx';
import { type Draft, MoveSlotSchema, ReserveSchema, readDay, readDraft } from './reservations.schema.ts';
import { clock, minutesOf, serviceHours } from './slot-model.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: frontDeskStyles },
  { rel: 'stylesheet', href: reservationStyles },
];

export const meta: MetaFunction = () => [{ title: 'Reservations · Roost' }];

/** The database's refusals of a reservation or a move, as the floor reads them. */
const RESERVATION_ERRORS: Record<string, ErrorPlacement> = {
  not_available: {
    field: 'resource_id',
    message: 'That table is taken then (a reservation or its turn time), or out of service.',
  },
  party_size_not_accepted: { field: 'party_size', message: 'That table does not seat a party of this size.' },
  outside_booking_window: { field: 'time', message: 'This time is over already, or too far ahead.' },
  no_rate_plan: { field: 'resource_id', message: 'That table has no active rate plan: ask a manager to add one.' },
  resource_not_found: { field: 'resource_id', message: 'No such table at this property.' },
  invalid_resource_id: {
    field: 'resource_id',
    message: 'A table can only move to another table or space booked by slot.',
  },
  not_modifiable: { message: 'Only held and confirmed reservations can be moved.' },
  hold_expired: { message: 'This hold has expired.' },
  booking_changed: { message: 'The reservation changed meanwhile; look again and retry.' },
  booking_not_found: { message: 'This reservation no longer exists.' },
  invalid_duration: { field: 'minutes', message: 'A reservation lasts 15 minutes to 24 hours.' },
  invalid_full_name: { field: 'guest_name', message: 'Enter the name the table is under.' },
};

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const now = new Date();
  const today = todayIn(property.time_zone, now);
  const url = new URL(args.request.url);
  const date = readDay(url.searchParams, today);
  const [resources, turn, service] = await Promise.all([
    listSlotResources(supabase, property.id),
    slotTurnMinutes(supabase, property.id),
    tableServiceHours(supabase, property.id, date),
  ]);
  const { reservations, blocks } = await listDayReservations(
    supabase,
    property,
    date,
    resources.map((resource) => resource.id),
    now,
  );
  const asked = readDraft(
    url.searchParams,
    resources.map((resource) => resource.id),
  );
  const draft = asked
    ? await draftFor(supabase, property.id, date, asked, resources, url.searchParams.get('draft'))
    : null;
  // Hours never set: the book keeps its default 11:00–23:00 view (the widget's 12:00–21:30 fits in it).
  const { open, close } = serviceHours(
    [...reservations, ...(draft ? [draftSpan(draft)] : [])],
    service.configured ? service.periods : [],
  );
  return {
    property: { id: property.id, name: property.name, timeZone: property.time_zone, currency: property.currency },
    today,
    date,
    open,
    close,
    service,
    turn,
    resources,
    reservations,
    blocks,
    draft,
    saved: url.searchParams.get('saved'),
    loadedAt: now.toISOString(),
  };
}

/** A drafted reservation with what search_table_availability says about its table then. */
async function draftFor(
  supabase: Supabase,
  propertyId: string,
  date: string,
  asked: Draft,
  resources: SlotResource[],
  key: string | null,
) {
  const resource = resources.find((r) => r.id === asked.resourceId);
  const party = asked.party || Math.min(resource?.maxGuests ?? 2, Math.max(resource?.minGuests ?? 1, 2));
  const search = await searchTables(supabase, propertyId, {
    date,
    time: asked.time,
    durationMinutes: asked.minutes,
    partySize: party,
  });
  const offer = search.offers.find((o) => o.resourceIds.includes(asked.resourceId));
  const freeIds = new Set(search.offers.flatMap((o) => o.resourceIds));
  return {
    ...asked,
    party,
    free: Boolean(offer),
    price: offer ? { totalMinor: offer.totalMinor, currency: offer.currency } : null,
    otherFree: resources.filter((r) => r.id !== asked.resourceId && freeIds.has(r.id)).map((r) => r.name),
    searchError: search.error ? databaseFailure(search.error, RESERVATION_ERRORS).formError : undefined,
    // The key the book gave this draft (a retry books once); a typed-in URL gets a fresh one.
    key: key && /^[0-9a-f-]{36}$/.test(key) ? key : randomUUID(),
  };
}

function draftSpan(draft: { time: string; minutes: number }) {
  const start = minutesOf(draft.time) ?? 0;
  return { start, end: start + draft.minutes };
}

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  if (intent === 'reserve') {
    const parsed = parseForm(ReserveSchema, form);
    if (!parsed.ok) return data({ ok: false as const, intent, bookingId: '', ...parsed.failure }, { status: 400 });
    const reservation = parsed.value;
    const guest = await guestForReservation(supabase, organization.id, reservation.guest_name);
    const booked = guest.error
      ? guest
      : await reserveTable(supabase, {
          resourceId: reservation.resource_id,
          guestId: guest.row.id,
          date: reservation.date,
          time: reservation.time,
          durationMinutes: reservation.minutes,
          partySize: reservation.party_size,
          idempotencyKey: reservation.key,
        });
    if (booked.error) {
      const failure = databaseFailure(booked.error, RESERVATION_ERRORS);
      return data({ ok: false as const, intent, bookingId: '', ...failure }, { status: 409 });
    }
    throw redirect(
      `/o/${organization.slug}/p/${property.id}/reservations?${new URLSearchParams({ date: reservation.date, saved: booked.row.id })}`,
    );
  }
  const bookingId = String(form.get('booking_id') ?? '');
  const parsed = parseForm(MoveSlotSchema, form);
  if (!parsed.ok) {
    return data(
      { ok: false as const, intent, bookingId, ...parsed.failure, formError: 'Check the table, time and length.' },
      { status: 400 },
    );
  }
  const move = parsed.value;
  const saved = await moveReservation(supabase, {
    bookingId: move.booking_id,
    resourceId: move.resource_id,
    date: move.date,
    time: move.time,
    minutes: move.minutes,
  });
  if (saved.error) {
    const failure = databaseFailure(saved.error, RESERVATION_ERRORS);
    const detail = saved.error.message === 'party_size_not_accepted' ? saved.error.details : null;
    const message = detail || failure.formError || Object.values(failure.fieldErrors).flat()[0];
    return data(
      { ok: false as const, intent, bookingId, fieldErrors: failure.fieldErrors, formError: message },
      { status: 409 },
    );
  }
  return { ok: true as const, intent, bookingId, fieldErrors: {}, formError: undefined };
}

export default function ReservationsScreen() {
  const { property, today, date, open, close, service, turn, resources, reservations, blocks, draft, saved, loadedAt } =
    useLoaderData<typeof loader>();
  const live = useLiveChanges({ tables: ['bookings'], propertyId: property.id });
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const dayLink = (day: string) => `?${new URLSearchParams({ date: day })}`;
  const covers = reservations.filter((r) => r.status !== 'checked_out').reduce((sum, r) => sum + r.partySize, 0);
  const savedReservation = saved ? reservations.find((r) => r.id === saved) : undefined;
  const openDraft = ({ resourceId, start, minutes }: { resourceId: string; start: number; minutes: number }) => {
    const next = new URLSearchParams({
      date,
      table: resourceId,
      time: clock(start),
      minutes: String(minutes),
      draft: crypto.randomUUID(),
    });
    navigate(`?${next}`, { preventScrollReset: true });
  };

  return (
    <div className="book-screen">
      <header className="grid-header">
        <h1>Reservations</h1>
        <p className="grid-span muted">
          {formatDate(date)} · {property.timeZone} ·{' '}
          <span data-testid="service-hours">
            {service.periods.length
              ? `Seating ${service.periods.map((period) => `${period.opens}–${period.last_seating}`).join(', ')}`
              : 'No table service this day (online booking closed)'}
          </span>
        </p>
        <LiveBadge state={live} />
      </header>

      <div className="grid-toolbar">
        <nav className="grid-steps" aria-label="Days">
          <Link className="button" to={dayLink(addDays(date, -1))} aria-label="Previous day">
            ← Previous
          </Link>
          <Link className="button" to={dayLink(today)} aria-current={date === today ? 'date' : undefined}>
            Today
          </Link>
          <Link className="button" to={dayLink(addDays(date, 1))} aria-label="Next day">
            Next →
          </Link>
        </nav>
        <Form method="get" className="grid-window" aria-label="Day shown">
          <label>
            <span>Day</span>
            <input type="date" name="date" defaultValue={date} key={date} required />
          </label>
          <button type="submit" className="button">
            Show
          </button>
        </Form>
        <p className="book-totals">
          <span>
            <strong>{reservations.length}</strong> {reservations.length === 1 ? 'reservation' : 'reservations'}
          </span>
          <span>
            <strong>{covers}</strong> {covers === 1 ? 'cover' : 'covers'}
          </span>
        </p>
      </div>

      {savedReservation ? (
        <p className="alert alert-success book-saved" role="status">
          {`Reserved: ${savedReservation.guestName ?? 'a walk-in'}, ${savedReservation.partySize} ${
            savedReservation.partySize === 1 ? 'guest' : 'guests'
          }, ${resources.find((r) => r.id === savedReservation.resourceId)?.name ?? 'a table'} at ${clock(savedReservation.start)}.`}
        </p>
      ) : null}

      {resources.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No tables or spaces to show.</strong> A manager adds them on the property’s page in the portal: a
            type booked by slot (tables, or spaces by the hour), then its tables and a rate plan.
          </p>
        </div>
      ) : (
        <ReservationBook
          key={date}
          date={date}
          today={today}
          timeZone={property.timeZone}
          open={open}
          close={close}
          turn={turn}
          resources={resources}
          reservations={reservations}
          blocks={blocks}
          highlighted={saved}
          drafted={
            draft ? { resourceId: draft.resourceId, start: minutesOf(draft.time) ?? 0, minutes: draft.minutes } : null
          }
          loadedAt={loadedAt}
          onDraft={openDraft}
        />
      )}
      <p className="grid-legend muted" aria-hidden="true">
        <span className="legend legend-held">Held</span>
        <span className="legend legend-confirmed">Booked</span>
        <span className="legend legend-checked_in">Seated</span>
        <span className="legend legend-checked_out">Left</span>
        <span className="legend legend-turn">Turn time ({turn} min)</span>
        <span className="legend legend-blocked">Out of service</span>
      </p>
      {draft ? (
        <NewReservation
          key={draft.key}
          draft={draft}
          date={date}
          open={open}
          close={close}
          resources={resources}
          closeUrl={`?${new URLSearchParams({ date: params.get('date') ?? date })}`}
        />
      ) : null}
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
