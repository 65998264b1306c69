// One booking at the desk: guest, stay, room, party, status and the stored price breakdown,
// with the actions its status allows. Every action is the database's (modify_booking,
// cancel_booking, mark_no_show, check_in_booking, check_out_booking, open_booking_folio); the
// screen shows what they answer. Before a change the desk sees its effect: the new stay's price
// (search_availability: modify_booking has no preview) and the cancellation fee
// (cancellation_fee: the same policy cancel_booking applies). Live: changes of the booking or
// its folio on another device re-run the loader. A cancelled booking that was paid through Stripe
// shows its refunds (booking_refunds; the worker asks Stripe, decision 036) and managers may try a
// failed one again (retry_guest_refund).
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { CheckedForm, FormButton } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { PresenceNote, presenceLinks } from '../../components/presence-note.tsx';
import { roomStatusLabel } from '../../components/room-status-badge.tsx';
import {
  cancelBooking,
  cancellationFee,
  checkOutBooking,
  type DeskBooking,
  getDeskBooking,
  listDeskResources,
  modifyBooking,
  moveBooking,
  searchOffers,
} from '../../data/booking-actions.server.ts';
import { openBookingFolio } from '../../data/folios.server.ts';
import { listBookingRefunds, retryGuestRefund } from '../../data/guest-refunds.server.ts';
import { bookingRoomStatus } from '../../data/housekeeping.server.ts';
import deskStyles from '../../styles/desk.css?url';
import roomStatusStyles from '../../styles/room-status.css?url';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { presenceUser } from '../../utils/presence.server.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { usePresence } from '../../utils/use-presence.ts';
import { CancelSchema, CheckInSchema, CheckOutSchema, StaySchema } from './booking.schema.ts';
import { STATUS_ERRORS, STATUS_LABELS, STAY_ERRORS } from './booking-errors.ts';
import { HoldCountdown, LiveBadge, PriceTable, stayDates } from './desk-parts.tsx';
import { REFUND_ERRORS, RetryRefundSchema } from './refund.schema.ts';
import { GuestRefunds } from './refunds.tsx';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Booking ${loaded?.booking.reference ?? ''} · Roost` },
];
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: deskStyles },
  { rel: 'stylesheet', href: roomStatusStyles },
  ...presenceLinks(),
];

async function bookingOr404(args: LoaderFunctionArgs) {
  const access = await requireStaffProperty(args);
  const booking = await getDeskBooking(args.context.supabase, access.property.id, args.params.booking ?? '');
  if (!booking) throw data({ message: 'No such booking at this property.' }, { status: 404 });
  return { ...access, booking };
}

/** The new stay asked for in ?do=modify&…, with its price from search_availability. */
async function modifyPreview(args: LoaderFunctionArgs, booking: DeskBooking) {
  const url = new URL(args.request.url);
  if (url.searchParams.get('do') !== 'modify' || !url.searchParams.has('arrival')) return null;
  const parsed = StaySchema.safeParse({
    resource: url.searchParams.get('resource') ?? '',
    arrival: url.searchParams.get('arrival') ?? '',
    departure: url.searchParams.get('departure') ?? '',
    party: url.searchParams.get('party') ?? '',
  });
  if (!parsed.success)
    return { stay: null, price: null, message: parsed.error.issues[0]?.message ?? 'Check the stay.' };
  const stay = parsed.data;
  const search = await searchOffers(args.context.supabase, {
    propertyId: booking.property_id,
    arrival: stay.arrival,
    departure: stay.departure,
    party: stay.party,
  });
  const resources = await listDeskResources(args.context.supabase, booking.property_id);
  const typeId = resources.find((r) => r.id === stay.resource)?.resource_type_id;
  const offers = search.error ? [] : search.row.filter((offer) => offer.resource_type_id === typeId);
  const offer = offers.find((o) => o.rate_plan_id === booking.rate_plan_id) ?? offers[0];
  return {
    stay,
    price: offer
      ? { total_minor: Number(offer.total_minor), currency: offer.currency, plan: offer.rate_plan_name }
      : null,
    message: offer
      ? null
      : 'No price shown: no room of this type is free online for that stay. Saving still asks the database.',
  };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, organization, property, membership, booking } = await bookingOr404(args);
  const { supabase } = args.context;
  const action = new URL(args.request.url).searchParams.get('do');
  const [fee, resources, preview, viewer, roomStatus, refunds] = await Promise.all([
    action === 'cancel' ? cancellationFee(supabase, booking.id) : null,
    action === 'modify' ? listDeskResources(supabase, property.id) : [],
    modifyPreview(args, booking),
    presenceUser(supabase, user, membership.role),
    bookingRoomStatus(supabase, booking.id),
    booking.status === 'cancelled' ? listBookingRefunds(supabase, booking.id) : [],
  ]);
  return {
    base: `/o/${organization.slug}/p/${property.id}`,
    property: { id: property.id, time_zone: property.time_zone },
    manager: roleAtLeast(membership.role, 'manager'),
    booking,
    fee,
    resources,
    preview,
    viewer,
    roomStatus,
    refunds,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { organization, property, booking } = await bookingOr404(args);
  const { supabase } = args.context;
  const here = `/o/${organization.slug}/p/${property.id}/bookings/${booking.id}`;
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  const refused = (error: { code: string; message: string }, map = STATUS_ERRORS) =>
    data({ intent, ...databaseFailure(error, map) }, { status: error.message === 'insufficient_role' ? 403 : 400 });

  switch (intent) {
    case 'modify': {
      const parsed = parseForm(StaySchema, form);
      if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
      const { resource, arrival, departure, party } = parsed.value;
      const saved = await modifyBooking(supabase, booking.id, { resourceId: resource, arrival, departure, party });
      if (saved.error) return refused(saved.error, { ...STATUS_ERRORS, ...STAY_ERRORS });
      throw redirect(`${here}?saved=modify`);
    }
    case 'cancel': {
      const parsed = parseForm(CancelSchema, form);
      if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
      const saved = await cancelBooking(supabase, booking.id, parsed.value.reason);
      if (saved.error) return refused(saved.error);
      throw redirect(`${here}?saved=cancel`);
    }
    case 'check_in':
    case 'no_show': {
      const parsed = parseForm(CheckInSchema, form);
      if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
      const saved = await moveBooking(
        supabase,
        intent === 'check_in' ? 'check_in_booking' : 'mark_no_show',
        booking.id,
        intent === 'check_in' ? parsed.value.override_reason : '',
      );
      if (saved.error) return refused(saved.error);
      throw redirect(`${here}?saved=${intent}`);
    }
    case 'check_out': {
      const parsed = parseForm(CheckOutSchema, form);
      if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
      const saved = await checkOutBooking(supabase, booking.id, parsed.value.override_reason);
      if (saved.error) return refused(saved.error);
      throw redirect(`${here}?saved=check_out`);
    }
    case 'folio': {
      const opened = await openBookingFolio(supabase, booking.id);
      if (opened.error) return refused(opened.error);
      throw redirect(`/o/${organization.slug}/p/${property.id}/folios/${opened.row.id}`);
    }
    case 'retry_refund': {
      const parsed = parseForm(RetryRefundSchema, form);
      if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
      const saved = await retryGuestRefund(supabase, parsed.value.refund);
      if (saved.error) return refused(saved.error, REFUND_ERRORS);
      throw redirect(`${here}?saved=retry_refund`);
    }
    default:
      return data({ intent, fieldErrors: {}, formError: 'Unknown action.' }, { status: 400 });
  }
}

const SAVED: Record<string, string> = {
  confirmed: 'Booking confirmed.',
  modify: 'Booking changed and re-priced.',
  cancel: 'Booking cancelled.',
  check_in: 'Guest checked in.',
  no_show: 'Marked as a no-show.',
  check_out: 'Guest checked out.',
  retry_refund: 'The refund is being sent to Stripe again.',
};

// A stable array: the feed resubscribes when its tables change.
const LIVE_TABLES = ['bookings', 'folio_entries', 'room_statuses'];

type Failure = { intent: string; fieldErrors: Record<string, string[] | undefined>; formError?: string };

export default function BookingDrawer() {
  const { base, property, booking, viewer, refunds, manager } = useLoaderData<typeof loader>();
  const live = useLiveChanges({ tables: LIVE_TABLES, propertyId: property.id });
  const others = usePresence({ propertyId: property.id, screen: 'booking', id: booking.id, ...viewer });
  const [params] = useSearchParams();
  const failure = useActionData<Failure>();
  const saved = params.get('saved');
  const doing = params.get('do');
  const money = (minor: number) => formatMoney(minor, booking.currency);
  return (
    <div className="desk">
      <p className="breadcrumb">
        <Link to={`${base}/grid`}>Booking grid</Link>
      </p>
      <div className="desk-header">
        <h1>
          Booking {booking.reference}{' '}
          <span className={`status-badge status-${booking.status}`} data-testid="booking-status">
            {STATUS_LABELS[booking.status]}
          </span>
        </h1>
        <LiveBadge state={live} />
      </div>
      <PresenceNote people={others} screen="booking" />
      {saved && SAVED[saved] && !failure ? (
        <div className="alert alert-success" role="status">
          {SAVED[saved]}
        </div>
      ) : null}
      {failure && ['check_in', 'no_show', 'folio'].includes(failure.intent) ? (
        <FormError message={failure.formError} />
      ) : null}
      {booking.status === 'held' && booking.hold_expires_at ? (
        <HoldCountdown expiresAt={booking.hold_expires_at} timeZone={property.time_zone} />
      ) : null}
      <dl className="facts">
        <div>
          <dt>Guest</dt>
          <dd>
            {booking.guest ? booking.guest.full_name : 'No guest named'}
            {booking.guest?.email ? <span className="muted"> · {booking.guest.email}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Stay</dt>
          <dd data-testid="booking-stay">{stayDates(booking.arrival_date, booking.departure_date)}</dd>
        </div>
        <div>
          <dt>Room</dt>
          <dd>{booking.resource_name}</dd>
        </div>
        <div>
          <dt>Guests</dt>
          <dd>{booking.party_size}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd data-testid="booking-total">{money(booking.total_minor)}</dd>
        </div>
        {booking.status === 'cancelled' ? (
          <div>
            <dt>Cancellation fee</dt>
            <dd data-testid="booking-fee">{money(booking.cancellation_fee_minor ?? 0)}</dd>
          </div>
        ) : null}
      </dl>
      {refunds.length ? (
        <GuestRefunds
          refunds={refunds}
          timeZone={property.time_zone}
          manager={manager}
          failure={failure?.intent === 'retry_refund' ? failure.formError : undefined}
        />
      ) : null}
      <Actions />
      {doing === 'modify' ? <ModifyPanel /> : null}
      {doing === 'cancel' ? <CancelPanel /> : null}
      {doing === 'no_show' ? <NoShowPanel /> : null}
      {doing === 'check_out' ? <CheckOutPanel /> : null}
      <PriceTable breakdown={booking.price_breakdown} caption="Price as booked" />
    </div>
  );
}

function Actions() {
  const { base, booking, roomStatus } = useLoaderData<typeof loader>();
  const roomReady = !roomStatus || roomStatus.status === 'clean' || roomStatus.status === 'inspected';
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const post = (intent: string, label: string, primary = false) => (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={`button${primary ? ' button-primary' : ''}`} disabled={busy}>
        {label}
      </button>
    </Form>
  );
  const open = (step: string, label: string, danger = false) => (
    <Link to={`?do=${step}`} className={`button${danger ? ' button-danger-quiet' : ''}`} preventScrollReset>
      {label}
    </Link>
  );
  const { status } = booking;
  return (
    <div className="desk-actions">
      {status === 'confirmed' && !roomReady ? <RoomNotReady /> : null}
      {status === 'confirmed' && roomReady ? post('check_in', 'Check in', true) : null}
      {status === 'confirmed' ? (
        <Link to={`${base}/check-in/${booking.id}`} className="button">
          Check in with ID scan
        </Link>
      ) : null}
      {status === 'checked_in' ? open('check_out', 'Check out') : null}
      {status === 'held' || status === 'confirmed' ? open('modify', 'Change stay') : null}
      {status !== 'held' && status !== 'cancelled' ? post('folio', 'Open folio') : null}
      {status === 'confirmed' ? open('no_show', 'No-show', true) : null}
      {status === 'held' || status === 'confirmed' ? open('cancel', 'Cancel booking', true) : null}
    </div>
  );
}

/** The room is not clean or inspected: a manager may check in anyway with a reason (kept on the booking). */
function RoomNotReady() {
  const { booking, roomStatus, manager } = useLoaderData<typeof loader>();
  if (!roomStatus) return null;
  const state = `${booking.resource_name} is ${roomStatusLabel(roomStatus).toLowerCase()}`;
  if (!manager) {
    return (
      <p className="alert room-not-ready" role="status">
        {state}: check-in waits until housekeeping has cleaned it, or a manager checks the guest in with a reason.
      </p>
    );
  }
  return (
    <CheckedForm intent="check_in" schema={CheckInSchema} formKey="check-in-override" label="Check in anyway">
      {(errors) => (
        <>
          <p className="alert room-not-ready" role="status">
            {state}. As a manager you can check the guest in anyway; the reason is kept with the booking.
          </p>
          <TextField
            label="Reason to check in to a room that is not ready"
            name="override_reason"
            required
            maxLength={500}
            errors={errors?.fieldErrors.override_reason}
          />
          <FormButton label="Check in anyway" />
        </>
      )}
    </CheckedForm>
  );
}

function ModifyPanel() {
  const { booking, resources, preview } = useLoaderData<typeof loader>();
  const stay = preview?.stay ?? {
    resource: booking.resource_id,
    arrival: booking.arrival_date,
    departure: booking.departure_date,
    party: booking.party_size,
  };
  const money = (minor: number) => formatMoney(minor, booking.currency);
  return (
    <section className="panel" aria-labelledby="modify-heading">
      <h2 id="modify-heading">Change the stay</h2>
      <p className="muted">See the new price first, then save: the database re-prices and checks the room.</p>
      <CheckedForm intent="modify" schema={StaySchema} formKey={JSON.stringify(stay)} label="Change the stay">
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <input type="hidden" name="do" value="modify" />
            <SelectField
              label="Room"
              name="resource"
              defaultValue={stay.resource}
              errors={errors?.fieldErrors.resource}
            >
              {resources.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name} · {resource.type_name}
                </option>
              ))}
            </SelectField>
            <div className="field-row field-row-3">
              <TextField
                label="Arrival"
                name="arrival"
                type="date"
                defaultValue={stay.arrival}
                errors={errors?.fieldErrors.arrival}
              />
              <TextField
                label="Departure"
                name="departure"
                type="date"
                defaultValue={stay.departure}
                errors={errors?.fieldErrors.departure}
              />
              <TextField
                label="Guests"
                name="party"
                inputMode="numeric"
                defaultValue={String(stay.party)}
                errors={errors?.fieldErrors.party}
              />
            </div>
            {preview ? (
              <div className="alert" role="status" aria-live="polite">
                {preview.price ? (
                  <p>
                    New price: <strong data-testid="modify-new-total">{money(preview.price.total_minor)}</strong>{' '}
                    <span className="muted">({preview.price.plan})</span> · now {money(booking.total_minor)}
                  </p>
                ) : (
                  <p>{preview.message}</p>
                )}
              </div>
            ) : null}
            <div className="desk-actions">
              <button type="submit" formMethod="get" formNoValidate className="button" name="preview" value="1">
                Preview new price
              </button>
              {preview?.stay ? (
                <button type="submit" className="button button-primary">
                  Save changes
                </button>
              ) : null}
              <Link to="." className="button button-quiet">
                Keep as is
              </Link>
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}

function CancelPanel() {
  const { booking, fee } = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney(minor, booking.currency);
  return (
    <section className="panel panel-danger" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this booking?</h2>
      <p>
        Cancellation fee under the property’s policy: <strong data-testid="cancel-fee">{money(fee ?? 0)}</strong>
        {fee ? ' (charged now that the free cancellation period is over).' : ' (free).'}
      </p>
      <p className="muted">What the guest paid online, less this fee, goes back to their card automatically.</p>
      <CheckedForm intent="cancel" schema={CancelSchema} formKey="cancel" label="Cancel booking">
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <TextField label="Reason (optional)" name="reason" errors={errors?.fieldErrors.reason} />
            <div className="panel-actions">
              <button type="submit" className="button button-danger">
                Cancel booking, fee {money(fee ?? 0)}
              </button>
              <Link to="." className="button">
                Keep booking
              </Link>
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}

function NoShowPanel() {
  return (
    <section className="panel panel-danger" aria-labelledby="no-show-heading">
      <h2 id="no-show-heading">Mark as a no-show?</h2>
      <p>The room is released; this cannot be undone.</p>
      <Form method="post" className="panel-actions">
        <input type="hidden" name="intent" value="no_show" />
        <button type="submit" className="button button-danger">
          Mark no-show
        </button>
        <Link to="." className="button">
          Keep booking
        </Link>
      </Form>
    </section>
  );
}

function CheckOutPanel() {
  const { base, booking, manager } = useLoaderData<typeof loader>();
  return (
    <section className="panel" aria-labelledby="check-out-heading">
      <h2 id="check-out-heading">Check out</h2>
      <p>
        The folio must be settled first: the nights stayed are posted and the balance must be zero.{' '}
        {booking.folio_id ? <Link to={`${base}/folios/${booking.folio_id}`}>Open the folio</Link> : null}
      </p>
      <CheckedForm intent="check_out" schema={CheckOutSchema} formKey="check-out" label="Check out">
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            {manager ? (
              <TextField
                label="Override reason (managers: check out with a balance)"
                name="override_reason"
                errors={errors?.fieldErrors.override_reason}
              />
            ) : (
              <input type="hidden" name="override_reason" value="" />
            )}
            <div className="panel-actions">
              <button type="submit" className="button button-primary">
                Check out
              </button>
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}
