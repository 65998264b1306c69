// The table widget: party and date → free times → details → the confirmation with its reference
// (and the deposit first when the restaurant asks for one).
import type { HeadersFunction } from '@remix-run/node';
import { type FormEvent, useRef, useState } from 'react';
import { guestLanguage, idempotencyKey, type Payment, type TableSlot } from '../../embed/api.ts';
import { useBridge } from '../../embed/bridge.ts';
import { useEmbed } from '../../embed/context.tsx';
import { errorKey, useWidgetText } from '../../embed/text.ts';
import {
  Alert,
  Field,
  GuestDetailsForm,
  type GuestFieldValues,
  PaymentStep,
  StepHeading,
  Steps,
  useDay,
  WidgetCard,
} from '../../embed/ui.tsx';
import { addDays, isIsoDate, todayIn } from '../../utils/calendar-dates.ts';

export const headers: HeadersFunction = ({ parentHeaders }) => parentHeaders;

type Step =
  | { name: 'search' }
  | { name: 'details'; slot: TableSlot }
  | {
      name: 'payment';
      slot: TableSlot;
      reference: string;
      bookingId: string;
      holdToken: string;
      payment: Payment;
      email: string;
    }
  | { name: 'done'; slot: TableSlot; reference: string; email: string };

export default function TableWidget() {
  const { config, prefill, api, locale } = useEmbed();
  /** The page's language, which the guest's profile takes for their emails. */
  const language = guestLanguage(locale);
  const t = useWidgetText();
  const bridge = useBridge();
  const day = useDay();
  const today = todayIn(config.property.time_zone);
  const [date, setDate] = useState(prefill.date && prefill.date >= today ? prefill.date : today);
  const [party, setParty] = useState(prefill.party ?? prefill.guests ?? 2);
  const [slots, setSlots] = useState<{ date: string; party: number; slots: TableSlot[] } | null>(null);
  const [step, setStep] = useState<Step>({ name: 'search' });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reserveKey = useRef('');

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!isIsoDate(date) || date < today) return setError(t('table.error.datePast'));
    setError(null);
    setBusy('search');
    try {
      const answer = await api.tables(date, party);
      setSlots({ date, party, slots: answer.slots });
      bridge.emit('availabilityLoaded', { date, party, slots: answer.slots.length });
    } catch (failure) {
      setError(t(errorKey(failure)));
    } finally {
      setBusy(null);
    }
  }

  async function reserve(values: GuestFieldValues) {
    if (step.name !== 'details' || !slots || busy) return;
    setError(null);
    setBusy('reserve');
    try {
      const answer = await api.reserveTable(
        {
          resource_type_id: step.slot.resource_type_id,
          date: slots.date,
          time: step.slot.time,
          party: slots.party,
          guest: {
            name: values.name.trim(),
            email: values.email.trim(),
            ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
            ...(language ? { language } : {}),
          },
          consent: { terms: true, marketing: values.marketing },
        },
        reserveKey.current,
      );
      if (answer.payment) {
        setStep({
          name: 'payment',
          slot: step.slot,
          reference: answer.reference,
          bookingId: answer.booking_id,
          holdToken: answer.hold_token ?? '',
          payment: answer.payment,
          email: values.email.trim(),
        });
      } else finish(step.slot, answer.reference, values.email.trim());
    } catch (failure) {
      setError(t(errorKey(failure)));
    } finally {
      setBusy(null);
    }
  }

  function finish(slot: TableSlot, reference: string, email: string) {
    setStep({ name: 'done', slot, reference, email });
    bridge.emit('confirmed', { kind: 'table', reference, starts_at: slot.starts_at, party: slots?.party });
  }

  const current = step.name === 'search' ? (slots ? 1 : 0) : step.name === 'done' ? 3 : 2;
  // A table type's name under each time only when there is more than one to tell apart.
  const showNames = new Set(slots?.slots.map((slot) => slot.name)).size > 1;
  const when = (slot: TableSlot) =>
    t('table.when', {
      day: day(slots?.date ?? date),
      time: slot.time,
      people: t('table.people', { count: slots?.party ?? party }),
    });
  const steps = [t('table.step.party'), t('table.step.time'), t('common.details'), t('common.confirmation')];

  return (
    <WidgetCard title={t('table.title')}>
      <Steps labels={steps} current={current} />
      {error ? <Alert>{error}</Alert> : null}

      {step.name === 'search' ? (
        <>
          <form className="w-search" onSubmit={search} noValidate>
            <Field label={t('table.party')}>
              {(props) => (
                <select
                  {...props}
                  name="party"
                  value={party}
                  onChange={(event) => setParty(Number(event.target.value))}
                >
                  {Array.from({ length: 12 }, (_, index) => index + 1).map((count) => (
                    <option key={count} value={count}>
                      {t('table.people', { count })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('table.date')}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  name="date"
                  min={today}
                  max={addDays(today, 180)}
                  value={date}
                  onChange={(event) => setDate(event.target.value)}
                  required
                />
              )}
            </Field>
            <button type="submit" className="w-button w-button-primary" disabled={busy === 'search'}>
              {busy === 'search' ? t('common.searching') : t('table.find')}
            </button>
          </form>
          {slots ? (
            <div className="w-results" aria-live="polite">
              <StepHeading>{t('table.chooseTime')}</StepHeading>
              <p className="w-muted">
                {day(slots.date)} · {t('table.people', { count: slots.party })}
              </p>
              {slots.slots.length === 0 ? (
                <p className="w-empty">{t('table.noSlots')}</p>
              ) : (
                <ul className="w-slots">
                  {slots.slots.map((slot) => (
                    <li key={`${slot.starts_at}-${slot.resource_type_id}`}>
                      <button
                        type="button"
                        className="w-slot"
                        onClick={() => {
                          reserveKey.current = idempotencyKey();
                          setStep({ name: 'details', slot });
                        }}
                      >
                        {slot.time}
                        {showNames && slot.name ? <span className="w-small w-muted"> {slot.name}</span> : null}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : null}
        </>
      ) : null}

      {step.name === 'details' ? (
        <GuestDetailsForm
          busy={busy === 'reserve'}
          busyLabel={t('table.reserving')}
          submitLabel={t('table.reserve')}
          onSubmit={reserve}
          onBack={() => setStep({ name: 'search' })}
        >
          <p className="w-summary-line">{when(step.slot)}</p>
        </GuestDetailsForm>
      ) : null}

      {step.name === 'payment' ? (
        <div>
          <StepHeading>{t('table.deposit')}</StepHeading>
          <p className="w-summary-line">{when(step.slot)}</p>
          <PaymentStep
            payment={step.payment}
            check={async () => {
              const status = await api.status(step.bookingId, step.holdToken);
              if (status.status === 'confirmed') return 'paid';
              return ['cancelled', 'expired'].includes(status.status) || status.payment_status === 'failed'
                ? 'failed'
                : 'pending';
            }}
            onPaid={() => finish(step.slot, step.reference, step.email)}
            onFailed={(reason) => bridge.emit('paymentFailed', { reference: step.reference, reason })}
          />
        </div>
      ) : null}

      {step.name === 'done' ? (
        <div className="w-done">
          <div className="w-done-mark" aria-hidden="true">
            ✓
          </div>
          <StepHeading>{t('table.reserved')}</StepHeading>
          <p className="w-reference">
            {t.rich('table.reference', {
              reference: <strong data-testid="booking-reference">{step.reference}</strong>,
            })}
          </p>
          <p className="w-summary-line">{when(step.slot)}</p>
          <p>{t.rich('table.confirmationSent', { email: <strong>{step.email}</strong> })}</p>
        </div>
      ) : null}
    </WidgetCard>
  );
}
