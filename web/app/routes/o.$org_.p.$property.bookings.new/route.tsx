// A new booking at the desk, in the order the desk works: the stay (prefilled from the grid's
// link: ?resource=&arrival=&departure=), priced by search_availability → a hold on the room
// (create_booking with one idempotency key per form, so a double tap holds once; the hold
// expires when the database says) → the guest, found or created (create_guest refuses a second
// profile with the same email or phone) → confirm_booking. The step lives in the URL (?hold=).
import { randomUUID } from 'node:crypto';
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CheckedForm } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import {
  type DeskResource,
  getDeskBooking,
  holdRoom,
  isUuid,
  listDeskResources,
  moveBooking,
  type Offer,
  searchOffers,
  setBookingGuest,
} from '../../data/booking-actions.server.ts';
import { createGuest, type GuestMatch, searchGuests } from '../../data/guests.server.ts';
import deskStyles from '../../styles/desk.css?url';
import { addDays, isIsoDate, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { NewGuestSchema } from '../o.$org.guests.$id/guest.schema.ts';
import { GUEST_ERRORS } from '../o.$org.guests.$id/guest.server.ts';
import { HoldSchema, PickGuestSchema } from '../o.$org_.p.$property.bookings.$booking/booking.schema.ts';
import { STATUS_ERRORS, STAY_ERRORS } from '../o.$org_.p.$property.bookings.$booking/booking-errors.ts';
import { HoldCountdown, stayDates } from '../o.$org_.p.$property.bookings.$booking/desk-parts.tsx';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction = () => [{ title: 'New booking · Roost' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: deskStyles }];

/** The offer for the chosen room's type (its cheapest rate), and whether that room is free. */
function offerFor(offers: Offer[], resource: DeskResource | undefined) {
  if (!resource) return null;
  const offer = offers.find((o) => o.resource_type_id === resource.resource_type_id);
  if (!offer) return null;
  return { offer, roomFree: offer.resource_ids.includes(resource.id) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args);
  const url = new URL(args.request.url);
  const { supabase } = args.context;
  const base = `/o/${organization.slug}/p/${property.id}`;
  const holdId = url.searchParams.get('hold');
  if (holdId) {
    const booking = await getDeskBooking(supabase, property.id, holdId);
    if (!booking) throw data({ message: 'No such hold at this property.' }, { status: 404 });
    if (booking.status !== 'held') throw redirect(`${base}/bookings/${booking.id}`);
    const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
    const matches = query
      ? (await searchGuests(supabase, organization.id, { query, sort: 'name', page: 1 })).guests
      : [];
    return { step: 'guest' as const, base, property, booking, query, matches };
  }
  const today = todayIn(property.time_zone);
  const arrivalParam = url.searchParams.get('arrival') ?? '';
  const arrival = isIsoDate(arrivalParam) ? arrivalParam : today;
  const departureParam = url.searchParams.get('departure') ?? '';
  const departure = isIsoDate(departureParam) && departureParam > arrival ? departureParam : addDays(arrival, 1);
  const partyParam = Number(url.searchParams.get('party') ?? '2');
  const party = Number.isInteger(partyParam) && partyParam >= 1 && partyParam <= 1000 ? partyParam : 2;
  const resources = await listDeskResources(supabase, property.id);
  const resourceParam = url.searchParams.get('resource');
  const resource = resources.find((r) => r.id === resourceParam) ?? resources[0];
  const search = await searchOffers(supabase, { propertyId: property.id, arrival, departure, party });
  const priced = search.error ? null : offerFor(search.row, resource);
  return {
    step: 'stay' as const,
    base,
    property,
    resources,
    stay: { resource: resource?.id ?? '', arrival, departure, party },
    priced,
    searchError: search.error ? databaseFailure(search.error, STAY_ERRORS).formError : undefined,
    key: randomUUID(),
  };
}

type Failure = { intent: string; fieldErrors: Record<string, string[] | undefined>; formError?: string };

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args);
  const { supabase } = args.context;
  const base = `/o/${organization.slug}/p/${property.id}`;
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  const holdId = String(form.get('booking') ?? '');
  const fail = (failure: Omit<Failure, 'intent'>, extra: Record<string, unknown> = {}) =>
    data({ intent, ...failure, ...extra }, { status: 400 });

  if (intent === 'hold') {
    const parsed = parseForm(HoldSchema, form);
    if (!parsed.ok) return fail(parsed.failure);
    const { resource, arrival, departure, party, key } = parsed.value;
    const held = await holdRoom(supabase, { resourceId: resource, arrival, departure, party, idempotencyKey: key });
    if (held.error) return fail(databaseFailure(held.error, STAY_ERRORS));
    throw redirect(`${base}/bookings/new?hold=${held.row.id}`);
  }
  if (!isUuid(holdId)) return fail({ fieldErrors: {}, formError: 'This hold is missing. Start again.' });

  if (intent === 'pick_guest') {
    const parsed = parseForm(PickGuestSchema, form);
    if (!parsed.ok) return fail(parsed.failure);
    const saved = await setBookingGuest(supabase, holdId, parsed.value.guest);
    if (saved.error) return fail(databaseFailure(saved.error, STATUS_ERRORS));
    throw redirect(`${base}/bookings/new?hold=${holdId}`);
  }
  if (intent === 'new_guest') {
    const parsed = parseForm(NewGuestSchema, form);
    if (!parsed.ok) return fail(parsed.failure);
    const created = await createGuest(supabase, organization.id, parsed.value);
    if (created.error) {
      // The database refused a second profile: offer the guest it already has.
      const duplicate = /guests_organization_(email|phone)_key/.exec(created.error.message)?.[1];
      const lookup = duplicate === 'email' ? parsed.value.email : duplicate === 'phone' ? parsed.value.phone : '';
      const existing = lookup
        ? (await searchGuests(supabase, organization.id, { query: lookup, sort: 'name', page: 1 })).guests.slice(0, 3)
        : [];
      return fail(databaseFailure(created.error, GUEST_ERRORS), { existing });
    }
    const saved = await setBookingGuest(supabase, holdId, created.row.id);
    if (saved.error) return fail(databaseFailure(saved.error, STATUS_ERRORS));
    throw redirect(`${base}/bookings/new?hold=${holdId}`);
  }
  if (intent === 'confirm') {
    const confirmed = await moveBooking(supabase, 'confirm_booking', holdId);
    if (confirmed.error) {
      // A second tap after the first confirmed it: the booking is what the desk wanted.
      const current = await getDeskBooking(supabase, property.id, holdId);
      if (current?.status !== 'confirmed') return fail(databaseFailure(confirmed.error, STATUS_ERRORS));
    }
    throw redirect(`${base}/bookings/${holdId}?saved=confirmed`);
  }
  return fail({ fieldErrors: {}, formError: 'Unknown action.' });
}

const STEPS = ['Stay', 'Guest', 'Confirm'];

function Steps({ current }: { current: number }) {
  return (
    <ol className="desk-steps" aria-label="Steps">
      {STEPS.map((step, index) => (
        <li key={step} aria-current={index === current ? 'step' : undefined}>
          {index + 1}. {step}
        </li>
      ))}
    </ol>
  );
}

export default function NewBooking() {
  const loaded = useLoaderData<typeof loader>();
  return (
    <div className="desk">
      <p className="breadcrumb">
        <Link to={`${loaded.base}/grid`}>Booking grid</Link>
      </p>
      <h1>New booking</h1>
      {loaded.step === 'stay' ? <StayStep /> : <GuestStep />}
    </div>
  );
}

function StayStep() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.step !== 'stay') return null;
  const { stay, resources, priced, property, key } = loaded;
  if (resources.length === 0) {
    return (
      <div className="empty-state">
        <p>This property has no rooms to book yet.</p>
        <p className="muted">A manager adds room types, rooms and a rate on the property’s page.</p>
      </div>
    );
  }
  return (
    <>
      <Steps current={0} />
      <div className="desk-columns">
        <CheckedForm intent="hold" schema={HoldSchema} formKey={key} label="Stay">
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              <input type="hidden" name="key" value={key} />
              <SelectField
                label="Room"
                name="resource"
                defaultValue={stay.resource}
                errors={errors?.fieldErrors.resource}
              >
                {resources.map((resource) => (
                  <option key={resource.id} value={resource.id}>
                    {resource.name} · {resource.type_name} ({resource.min_guests}–{resource.max_guests} guests)
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
              <div className="desk-actions">
                <button type="submit" className="button button-primary">
                  Hold this room
                </button>
                <button type="submit" formMethod="get" formNoValidate className="button">
                  Check price
                </button>
              </div>
            </>
          )}
        </CheckedForm>
        <section className="panel" aria-labelledby="price-heading">
          <h2 id="price-heading">Price for {stayDates(stay.arrival, stay.departure)}</h2>
          {loaded.searchError ? <p className="alert alert-error">{loaded.searchError}</p> : null}
          {priced ? (
            <>
              <p>
                <strong data-testid="offer-total">
                  {formatMoney(Number(priced.offer.total_minor), priced.offer.currency)}
                </strong>{' '}
                <span className="muted">
                  {priced.offer.resource_type_name}, {priced.offer.rate_plan_name}, taxes and fees included
                </span>
              </p>
              <p>
                {priced.roomFree
                  ? 'This room is free for these dates.'
                  : 'This room is taken for these dates; another room of its type is free.'}
              </p>
            </>
          ) : (
            <p className="muted">
              No price shown: no room of this type is free to book online for these dates. The database still prices and
              checks the hold.
            </p>
          )}
          <p className="muted">Dates are the property’s own ({property.time_zone}).</p>
        </section>
      </div>
    </>
  );
}

function GuestStep() {
  const loaded = useLoaderData<typeof loader>();
  const failure = useActionData<Failure & { existing?: GuestMatch[] }>();
  const navigation = useNavigation();
  if (loaded.step !== 'guest') return null;
  const { booking, property, matches, query } = loaded;
  const busy = navigation.state !== 'idle';
  const hidden = <input type="hidden" name="booking" value={booking.id} />;
  return (
    <>
      <Steps current={booking.guest ? 2 : 1} />
      {booking.hold_expires_at ? (
        <HoldCountdown expiresAt={booking.hold_expires_at} timeZone={property.time_zone} />
      ) : null}
      <dl className="facts">
        <div>
          <dt>Room</dt>
          <dd>{booking.resource_name}</dd>
        </div>
        <div>
          <dt>Stay</dt>
          <dd>{stayDates(booking.arrival_date, booking.departure_date)}</dd>
        </div>
        <div>
          <dt>Guests</dt>
          <dd>{booking.party_size}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{formatMoney(booking.total_minor, booking.currency)}</dd>
        </div>
        <div>
          <dt>Guest</dt>
          <dd data-testid="hold-guest">{booking.guest?.full_name ?? 'Not chosen yet'}</dd>
        </div>
      </dl>
      {failure?.intent === 'confirm' || failure?.intent === 'pick_guest' ? (
        <FormError message={failure.formError} />
      ) : null}
      {booking.guest ? (
        <Form method="post" className="panel" aria-label="Confirm booking">
          {hidden}
          <input type="hidden" name="intent" value="confirm" />
          <p>
            Confirm the booking of {booking.resource_name} for <strong>{booking.guest.full_name}</strong>?
          </p>
          <button type="submit" className="button button-primary" disabled={busy}>
            Confirm booking
          </button>
        </Form>
      ) : null}
      <div className="desk-columns">
        <section className="panel" aria-labelledby="find-heading">
          <h2 id="find-heading">Find a guest</h2>
          <Form method="get" role="search" aria-label="Find a guest">
            <input type="hidden" name="hold" value={booking.id} />
            <TextField label="Name, email or phone" name="q" type="search" defaultValue={query} />
            <button type="submit" className="button">
              Search
            </button>
          </Form>
          {query && matches.length === 0 ? (
            <p className="muted">No guest matches “{query}”. Add them instead.</p>
          ) : null}
          <GuestList
            guests={[...(failure?.existing ?? []), ...matches].filter(
              (guest, index, all) => all.findIndex((other) => other.id === guest.id) === index,
            )}
            hidden={hidden}
            busy={busy}
          />
        </section>
        <CheckedForm intent="new_guest" schema={NewGuestSchema} formKey={booking.id} label="New guest">
          {(errors) => (
            <>
              <h2>Or add a new guest</h2>
              {hidden}
              <FormError message={errors?.formError} />
              <TextField label="Full name" name="full_name" autoComplete="off" errors={errors?.fieldErrors.full_name} />
              <TextField
                label="Email"
                name="email"
                type="email"
                autoComplete="off"
                errors={errors?.fieldErrors.email}
              />
              <TextField label="Phone" name="phone" type="tel" autoComplete="off" errors={errors?.fieldErrors.phone} />
              <input type="hidden" name="language" value="" />
              <input type="hidden" name="notes" value="" />
              <div className="form-actions">
                <button type="submit" className="button button-primary">
                  Add guest to booking
                </button>
              </div>
            </>
          )}
        </CheckedForm>
      </div>
    </>
  );
}

function GuestList({ guests, hidden, busy }: { guests: GuestMatch[]; hidden: JSX.Element; busy: boolean }) {
  if (guests.length === 0) return null;
  return (
    <ul className="guest-matches" aria-label="Matching guests">
      {guests.map((guest) => (
        <li key={guest.id}>
          <span>
            <strong>{guest.full_name}</strong>
            <br />
            <span className="muted">
              {[guest.email, guest.phone].filter(Boolean).join(' · ') || 'No contact details'}
            </span>
          </span>
          <Form method="post">
            {hidden}
            <input type="hidden" name="intent" value="pick_guest" />
            <input type="hidden" name="guest" value={guest.id} />
            <button type="submit" className="button button-small" disabled={busy}>
              Choose {guest.full_name}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}
