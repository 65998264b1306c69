// The stay widget: dates and guests → room types with their total, taxes and the policy → a hold
// with its countdown → guest details and consent → payment when the policy asks for a deposit →
// the confirmation with its reference. Prices come from the server only.
import type { HeadersFunction } from '@remix-run/node';
import { type FormEvent, useRef, useState } from 'react';
import {
  type Availability,
  guestLanguage,
  type Hold,
  idempotencyKey,
  type Payment,
  type RoomOffer,
} from '../../embed/api.ts';
import { useBridge } from '../../embed/bridge.ts';
import { useEmbed } from '../../embed/context.tsx';
import { errorKey, type Translate, useWidgetText } from '../../embed/text.ts';
import {
  Alert,
  Field,
  GuestDetailsForm,
  type GuestFieldValues,
  HoldCountdown,
  PaymentStep,
  StepHeading,
  Steps,
  useDay,
  useMoney,
  WidgetCard,
} from '../../embed/ui.tsx';
import { addDays, daysBetween, isIsoDate, todayIn } from '../../utils/calendar-dates.ts';

export const headers: HeadersFunction = ({ parentHeaders }) => parentHeaders;

type Step =
  | { name: 'search' }
  | { name: 'details'; offer: RoomOffer; hold: Hold }
  | { name: 'payment'; offer: RoomOffer; hold: Hold; reference: string; payment: Payment; email: string }
  | { name: 'done'; offer: RoomOffer; hold: Hold; reference: string; email: string; paidMinor: number };

/** The cancellation and deposit policy as the guest reads it, in the page's language and number format. */
export function policyLines(config: ReturnType<typeof useEmbed>['config'], t: Translate, locale: string): string[] {
  const lines: string[] = [];
  const percent = (bps: number) => (bps / 100).toLocaleString(locale);
  const hours = config.policy.free_cancellation_hours;
  if (hours != null) {
    const fee = config.policy.cancellation;
    lines.push(
      fee?.kind === 'first_night'
        ? t('stay.policy.freeThenFirstNight', { hours })
        : fee?.kind === 'percentage' && fee.bps
          ? t('stay.policy.freeThenPercent', { hours, percent: percent(fee.bps) })
          : t('stay.policy.free', { hours }),
    );
  }
  // Also shown on each room's price: "Due now".
  const deposit = config.policy.deposit;
  if (!deposit || deposit.kind === 'none') lines.push(t('stay.policy.payAtProperty'));
  else if (deposit.kind === 'first_night') lines.push(t('stay.policy.depositFirstNight'));
  else if (deposit.kind === 'percentage')
    lines.push(t('stay.policy.depositPercent', { percent: percent(deposit.bps ?? 0) }));
  else lines.push(t('stay.policy.full'));
  return lines;
}

export default function StayWidget() {
  const { config, prefill, api, locale } = useEmbed();
  /** The page's language, which the guest's profile takes for their emails. */
  const language = guestLanguage(locale);
  const t = useWidgetText();
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
  const [searchError, setSearchError] = useState<string | null>(null);
  // One idempotency key per hold and per confirmation attempt: a double click or a retry after a
  // lost answer reuses it, so the server does the work once.
  const confirmKey = useRef<string>('');

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!isIsoDate(from) || !isIsoDate(to) || from < today) return setSearchError(t('stay.error.arrivalPast'));
    if (to <= from) return setSearchError(t('stay.error.departureOrder'));
    if (daysBetween(from, to) > 60) return setSearchError(t('stay.error.tooLong'));
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
      setError(t(errorKey(failure)));
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
      setStep({ name: 'details', offer, hold });
      bridge.emit('held', {
        booking_id: hold.booking_id,
        expires_at: hold.expires_at,
        total_minor: hold.total_minor,
        currency: hold.currency,
      });
    } catch (failure) {
      setError(t(errorKey(failure)));
    } finally {
      setBusy(null);
    }
  }

  async function confirm(values: GuestFieldValues) {
    if (step.name !== 'details' || busy) return;
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
            ...(language ? { language } : {}),
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
      setError(t(errorKey(failure)));
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
    ? `${day(results.from)} – ${day(results.to)} · ${t('stay.nightCount', { count: results.nights })} · ${t('stay.guestCount', { count: results.guests })}`
    : '';
  const steps = [t('stay.step.dates'), t('stay.step.room'), t('common.details'), t('common.confirmation')];

  return (
    <WidgetCard title={t('stay.title')}>
      <Steps labels={steps} current={current} />
      {error ? <Alert>{error}</Alert> : null}

      {step.name === 'search' ? (
        <>
          <form className="w-search" onSubmit={search} noValidate>
            <Field label={t('stay.arrival')}>
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
            <Field label={t('stay.departure')}>
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
            <Field label={t('stay.guests')}>
              {(props) => (
                <select
                  {...props}
                  name="guests"
                  value={guests}
                  onChange={(event) => setGuests(Number(event.target.value))}
                >
                  {Array.from({ length: 8 }, (_, index) => index + 1).map((count) => (
                    <option key={count} value={count}>
                      {t('stay.guestCount', { count })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className="w-button w-button-primary" disabled={busy === 'search'}>
              {busy === 'search' ? t('common.searching') : t('stay.check')}
            </button>
          </form>
          {searchError ? <Alert>{searchError}</Alert> : null}
          {results ? (
            <div className="w-results" aria-live="polite" aria-busy={busy === 'search'}>
              <StepHeading>{t('stay.chooseRoom')}</StepHeading>
              <p className="w-muted">{stayText}</p>
              <RoomList results={results} busy={busy} onChoose={choose} />
              <ul className="w-policy">
                {policyLines(config, t, locale).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}

      {step.name === 'details' ? (
        <GuestDetailsForm
          busy={busy === 'confirm'}
          busyLabel={t('stay.confirming')}
          submitLabel={
            step.hold.deposit_minor > 0
              ? t('stay.continueToPayment', { amount: money(step.hold.deposit_minor, step.hold.currency) })
              : t('stay.confirm')
          }
          onSubmit={confirm}
          onBack={() => startOver(null)}
        >
          <HoldCountdown expiresAt={step.hold.expires_at} onExpired={() => startOver(t('stay.holdRanOut'))} />
          <StaySummary offer={step.offer} hold={step.hold} stayText={stayText} />
        </GuestDetailsForm>
      ) : null}

      {step.name === 'payment' ? (
        <div>
          <StepHeading>{t('stay.payment')}</StepHeading>
          <HoldCountdown expiresAt={step.hold.expires_at} onExpired={() => startOver(t('stay.paymentRanOut'))} />
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
          <StepHeading>{t('stay.booked')}</StepHeading>
          <p className="w-reference">
            {t.rich('stay.reference', { reference: <strong data-testid="booking-reference">{step.reference}</strong> })}
          </p>
          <StaySummary offer={step.offer} hold={step.hold} stayText={stayText} />
          {step.paidMinor > 0 ? (
            <p>{t('stay.paidNow', { amount: money(step.paidMinor, step.hold.currency) })}</p>
          ) : null}
          <p>{t.rich('stay.confirmationSent', { email: <strong>{step.email}</strong> })}</p>
        </div>
      ) : null}
    </WidgetCard>
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
  const t = useWidgetText();
  const offers = results.room_types;
  if (offers.length === 0 || offers.every((offer) => offer.available_count < 1)) {
    return <p className="w-empty">{t('stay.noRooms')}</p>;
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
                {t('stay.upTo', { count: offer.capacity })}
                {!soldOut && offer.available_count <= 3 ? (
                  <span className="w-badge">{t('stay.onlyLeft', { count: offer.available_count })}</span>
                ) : null}
              </p>
            </div>
            <div className="w-offer-price">
              <p className="w-price">{money(offer.total_minor, offer.currency)}</p>
              <p className="w-muted w-small">
                {t('stay.nightCount', { count: results.nights })} ·{' '}
                {t('stay.perNight', { amount: money(perNight, offer.currency) })}
              </p>
              <p className="w-muted w-small">
                {offer.taxes_minor > 0
                  ? t('stay.inclTaxes', { amount: money(offer.taxes_minor, offer.currency) })
                  : t('stay.taxesIncluded')}
              </p>
              <button
                type="button"
                className="w-button w-button-primary"
                disabled={soldOut || busy !== null}
                onClick={() => onChoose(offer)}
                aria-label={
                  soldOut
                    ? t('stay.soldOutLabel', { room: offer.name })
                    : t('stay.selectLabel', { room: offer.name, amount: money(offer.total_minor, offer.currency) })
                }
              >
                {soldOut ? t('stay.soldOut') : busy === offer.resource_type_id ? t('stay.holding') : t('stay.select')}
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
  const t = useWidgetText();
  return (
    <dl className="w-summary">
      <div>
        <dt>{t('stay.summary.room')}</dt>
        <dd>{offer.name}</dd>
      </div>
      <div>
        <dt>{t('stay.summary.stay')}</dt>
        <dd>{stayText}</dd>
      </div>
      <div>
        <dt>{t('stay.summary.total')}</dt>
        <dd>
          <strong>{money(hold.total_minor, hold.currency)}</strong>
          {offer.taxes_minor > 0 ? <span className="w-muted w-small"> {t('stay.summary.inclTaxes')}</span> : null}
        </dd>
      </div>
      {hold.deposit_minor > 0 ? (
        <div>
          <dt>{t('stay.summary.dueNow')}</dt>
          <dd>{money(hold.deposit_minor, hold.currency)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
