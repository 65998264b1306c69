// The stay widget: dates and guests → room types with their total, taxes and the policy → a hold
// with its countdown → guest details and consent → payment when the policy asks for a deposit →
// the confirmation with its reference. Prices come from the server only.
import type { HeadersFunction } from '@remix-run/node';
import { type FormEvent, useRef, useState } from 'react';
import {
  type Availability,
  friendlyMessage,
  type Hold,
  idempotencyKey,
  type Payment,
  type RoomOffer,
} from '../../embed/api.ts';
import { useBridge } from '../../embed/bridge.ts';
import { useEmbed } from '../../embed/context.tsx';
import {
  Alert,
  checkGuest,
  Field,
  type GuestErrors,
  GuestFields,
  guestFromForm,
  HoldCountdown,
  PaymentStep,
  StepHeading,
  Steps,
  useDay,
  useMoney,
} from '../../embed/ui.tsx';
import { addDays, daysBetween, isIsoDate, todayIn } from '../../utils/calendar-dates.ts';

export const headers: HeadersFunction = ({ parentHeaders }) => parentHeaders;

type Step =
  | { name: 'search' }
  | { name: 'details'; offer: RoomOffer; hold: Hold }
  | { name: 'payment'; offer: RoomOffer; hold: Hold; reference: string; payment: Payment; email: string }
  | { name: 'done'; offer: RoomOffer; hold: Hold; reference: string; email: string; paidMinor: number };

const STEPS = ['Dates', 'Room', 'Details', 'Confirmation'];

export function policyLines(config: ReturnType<typeof useEmbed>['config'], nightly?: string): string[] {
  const lines: string[] = [];
  const hours = config.policy.free_cancellation_hours;
  if (hours != null) {
    const fee = config.policy.cancellation;
    const after =
      fee?.kind === 'first_night'
        ? ', then the first night is charged'
        : fee?.kind === 'percentage' && fee.bps
          ? `, then ${fee.bps / 100} % of the stay is charged`
          : '';
    lines.push(`Free cancellation until ${hours} hours before arrival${after}.`);
  }
  const deposit = config.policy.deposit;
  // Also shown on each room's price: "Due now".

  if (!deposit || deposit.kind === 'none') lines.push('No payment now: you pay at the property.');
  else if (deposit.kind === 'first_night')
    lines.push(`A deposit of the first night${nightly ? ` (${nightly})` : ''} is due when you book.`);
  else if (deposit.kind === 'percentage')
    lines.push(`A deposit of ${((deposit.bps ?? 0) / 100).toLocaleString()} % is due when you book.`);
  else lines.push('The full amount is due when you book.');
  return lines;
}

export default function StayWidget() {
  const { config, prefill, api } = useEmbed();
  const bridge = useBridge();
  const money = useMoney();
  const day = useDay();
  const today = todayIn(config.property.time_zone);
  // Tomorrow by default: tonight can be booked online only until its check-in time (the
  // property's notice), so an evening visitor would first meet an empty list.
  const [from, setFrom] = useState(prefill.from && prefill.from >= today ? prefill.from : addDays(today, 1));
  const [to, setTo] = useState(prefill.to && prefill.to > (prefill.from ?? today) ? prefill.to : addDays(from, 1));
  const [guests, setGuests] = useState(prefill.guests ?? 2);
  const [results, setResults] = useState<(Availability & { from: string; to: string; guests: number }) | null>(null);
  const [step, setStep] = useState<Step>({ name: 'search' });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [guestErrors, setGuestErrors] = useState<GuestErrors>({});
  const [searchError, setSearchError] = useState<string | null>(null);
  // One idempotency key per hold and per confirmation attempt: a double click or a retry after a
  // lost answer reuses it, so the server does the work once.
  const confirmKey = useRef<string>('');

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!isIsoDate(from) || !isIsoDate(to) || from < today) return setSearchError('Choose an arrival from today on.');
    if (to <= from) return setSearchError('Departure must be after arrival.');
    if (daysBetween(from, to) > 60) return setSearchError('Stays of up to 60 nights can be booked online.');
    setSearchError(null);
    setError(null);
    setBusy('search');
    try {
      const answer = await api.availability(from, to, guests);
      setResults({ ...answer, from, to, guests });
      bridge.emit('availabilityLoaded', {
        from,
        to,
        guests,
        room_types: answer.room_types.filter((offer) => offer.available_count > 0).length,
      });
    } catch (failure) {
      setError(friendlyMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function choose(offer: RoomOffer) {
    if (!results || busy) return;
    setError(null);
    setBusy(offer.resource_type_id);
    try {
      const hold = await api.hold(
        { resource_type_id: offer.resource_type_id, from: results.from, to: results.to, guests: results.guests },
        idempotencyKey(),
      );
      confirmKey.current = idempotencyKey();
      setGuestErrors({});
      setStep({ name: 'details', offer, hold });
      bridge.emit('held', {
        booking_id: hold.booking_id,
        expires_at: hold.expires_at,
        total_minor: hold.total_minor,
        currency: hold.currency,
      });
    } catch (failure) {
      setError(friendlyMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step.name !== 'details' || busy) return;
    const values = guestFromForm(new FormData(event.currentTarget));
    const errors = checkGuest(values);
    setGuestErrors(errors);
    if (Object.keys(errors).length) return;
    setError(null);
    setBusy('confirm');
    try {
      const answer = await api.confirm(
        step.hold.booking_id,
        {
          hold_token: step.hold.hold_token,
          guest: {
            name: values.name.trim(),
            email: values.email.trim(),
            ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
          },
          consent: { terms: true, marketing: values.marketing },
        },
        confirmKey.current,
      );
      if (answer.status === 'payment_required') {
        setStep({
          ...step,
          name: 'payment',
          reference: answer.reference,
          payment: answer.payment,
          email: values.email.trim(),
        });
      } else {
        finish({ ...step, reference: answer.reference, email: values.email.trim() }, 0);
      }
    } catch (failure) {
      setError(friendlyMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  function finish(done: { offer: RoomOffer; hold: Hold; reference: string; email: string }, paidMinor: number) {
    setStep({ ...done, name: 'done', paidMinor });
    bridge.emit('confirmed', {
      kind: 'stay',
      reference: done.reference,
      booking_id: done.hold.booking_id,
      from: results?.from,
      to: results?.to,
      total_minor: done.hold.total_minor,
      currency: done.hold.currency,
    });
  }

  function startOver(message: string | null) {
    setStep({ name: 'search' });
    setResults(null);
    setError(message);
  }

  const current = step.name === 'search' ? (results ? 1 : 0) : step.name === 'done' ? 3 : 2;
  const stayText = results
    ? `${day(results.from)} – ${day(results.to)} · ${results.nights} night${results.nights === 1 ? '' : 's'} · ${results.guests} guest${results.guests === 1 ? '' : 's'}`
    : '';

  return (
    <section className="w-card" aria-labelledby="w-title">
      <header className="w-header">
        <p className="w-eyebrow">{config.property.name}</p>
        <h1 id="w-title">Book your stay</h1>
      </header>
      <Steps labels={STEPS} current={current} />
      {error ? <Alert>{error}</Alert> : null}

      {step.name === 'search' ? (
        <>
          <form className="w-search" onSubmit={search} noValidate>
            <Field label="Arrival">
              {(props) => (
                <input
                  {...props}
                  type="date"
                  name="from"
                  min={today}
                  value={from}
                  onChange={(event) => {
                    setFrom(event.target.value);
                    if (event.target.value >= to) setTo(addDays(event.target.value, 1));
                  }}
                  required
                />
              )}
            </Field>
            <Field label="Departure">
              {(props) => (
                <input
                  {...props}
                  type="date"
                  name="to"
                  min={addDays(from, 1)}
                  value={to}
                  onChange={(event) => setTo(event.target.value)}
                  required
                />
              )}
            </Field>
            <Field label="Guests">
              {(props) => (
                <select
                  {...props}
                  name="guests"
                  value={guests}
                  onChange={(event) => setGuests(Number(event.target.value))}
                >
                  {Array.from({ length: 8 }, (_, index) => index + 1).map((count) => (
                    <option key={count} value={count}>
                      {count} {count === 1 ? 'guest' : 'guests'}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className="w-button w-button-primary" disabled={busy === 'search'}>
              {busy === 'search' ? 'Searching…' : 'Check availability'}
            </button>
          </form>
          {searchError ? <Alert>{searchError}</Alert> : null}
          {results ? (
            <div className="w-results" aria-live="polite" aria-busy={busy === 'search'}>
              <StepHeading>Choose your room</StepHeading>
              <p className="w-muted">{stayText}</p>
              <RoomList results={results} busy={busy} onChoose={choose} />
              <ul className="w-policy">
                {policyLines(config).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}

      {step.name === 'details' ? (
        <form className="w-details" onSubmit={confirm} noValidate>
          <StepHeading>Your details</StepHeading>
          <HoldCountdown
            expiresAt={step.hold.expires_at}
            onExpired={() => startOver('Your hold on this room ran out. Please search again.')}
          />
          <StaySummary offer={step.offer} hold={step.hold} stayText={stayText} />
          <GuestFields errors={guestErrors} propertyName={config.property.name} />
          <div className="w-actions">
            <button type="button" className="w-button w-button-quiet" onClick={() => startOver(null)}>
              Back
            </button>
            <button type="submit" className="w-button w-button-primary" disabled={busy === 'confirm'}>
              {busy === 'confirm'
                ? 'Confirming…'
                : step.hold.deposit_minor > 0
                  ? `Continue to payment (${money(step.hold.deposit_minor, step.hold.currency)})`
                  : 'Confirm booking'}
            </button>
          </div>
        </form>
      ) : null}

      {step.name === 'payment' ? (
        <div>
          <StepHeading>Payment</StepHeading>
          <HoldCountdown
            expiresAt={step.hold.expires_at}
            onExpired={() => startOver('Your hold ran out before the payment arrived. Nothing was booked.')}
          />
          <StaySummary offer={step.offer} hold={step.hold} stayText={stayText} />
          <PaymentStep
            payment={step.payment}
            check={async () => {
              const status = await api.status(step.hold.booking_id, step.hold.hold_token);
              if (status.status === 'confirmed') return 'paid';
              if (['cancelled', 'expired'].includes(status.status) || status.payment_status === 'failed')
                return 'failed';
              return 'pending';
            }}
            onPaid={() => finish(step, step.payment.amount_minor)}
            onFailed={(reason) => bridge.emit('paymentFailed', { reference: step.reference, reason })}
          />
        </div>
      ) : null}

      {step.name === 'done' ? (
        <div className="w-done">
          <div className="w-done-mark" aria-hidden="true">
            ✓
          </div>
          <StepHeading>Your stay is booked</StepHeading>
          <p className="w-reference">
            Booking reference <strong data-testid="booking-reference">{step.reference}</strong>
          </p>
          <StaySummary offer={step.offer} hold={step.hold} stayText={stayText} />
          {step.paidMinor > 0 ? <p>Paid now: {money(step.paidMinor, step.hold.currency)}</p> : null}
          <p>
            A confirmation with a calendar file is on its way to <strong>{step.email}</strong>. Keep your reference to
            view or cancel your booking.
          </p>
        </div>
      ) : null}
    </section>
  );
}

function RoomList({
  results,
  busy,
  onChoose,
}: {
  results: Availability;
  busy: string | null;
  onChoose: (offer: RoomOffer) => void;
}) {
  const money = useMoney();
  const offers = results.room_types;
  if (offers.length === 0 || offers.every((offer) => offer.available_count < 1)) {
    return <p className="w-empty">No rooms are free for these dates and guests. Try other dates or fewer guests.</p>;
  }
  return (
    <ul className="w-offers">
      {offers.map((offer) => {
        const soldOut = offer.available_count < 1;
        const perNight = results.nights > 0 ? Math.round(offer.total_minor / results.nights) : offer.total_minor;
        return (
          <li key={offer.resource_type_id} className={`w-offer${soldOut ? ' w-offer-sold-out' : ''}`}>
            <div className="w-offer-text">
              <h3>{offer.name}</h3>
              {offer.description ? <p className="w-muted">{offer.description}</p> : null}
              <p className="w-offer-facts">
                Up to {offer.capacity} guest{offer.capacity === 1 ? '' : 's'}
                {!soldOut && offer.available_count <= 3 ? (
                  <span className="w-badge">Only {offer.available_count} left</span>
                ) : null}
              </p>
            </div>
            <div className="w-offer-price">
              <p className="w-price">{money(offer.total_minor, offer.currency)}</p>
              <p className="w-muted w-small">
                {results.nights} night{results.nights === 1 ? '' : 's'} · {money(perNight, offer.currency)} / night
              </p>
              <p className="w-muted w-small">
                {offer.taxes_minor > 0 ? `incl. ${money(offer.taxes_minor, offer.currency)} taxes` : 'Taxes included'}
              </p>
              <button
                type="button"
                className="w-button w-button-primary"
                disabled={soldOut || busy !== null}
                onClick={() => onChoose(offer)}
                aria-label={
                  soldOut
                    ? `${offer.name}: sold out`
                    : `Select ${offer.name} for ${money(offer.total_minor, offer.currency)}`
                }
              >
                {soldOut ? 'Sold out' : busy === offer.resource_type_id ? 'Holding…' : 'Select'}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function StaySummary({ offer, hold, stayText }: { offer: RoomOffer; hold: Hold; stayText: string }) {
  const money = useMoney();
  return (
    <dl className="w-summary">
      <div>
        <dt>Room</dt>
        <dd>{offer.name}</dd>
      </div>
      <div>
        <dt>Stay</dt>
        <dd>{stayText}</dd>
      </div>
      <div>
        <dt>Total</dt>
        <dd>
          <strong>{money(hold.total_minor, hold.currency)}</strong>
          {offer.taxes_minor > 0 ? <span className="w-muted w-small"> incl. taxes</span> : null}
        </dd>
      </div>
      {hold.deposit_minor > 0 ? (
        <div>
          <dt>Due now</dt>
          <dd>{money(hold.deposit_minor, hold.currency)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
