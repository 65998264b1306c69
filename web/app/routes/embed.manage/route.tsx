// Manage my booking: reference + email → the booking, and cancelling it with the policy's fee
// shown before the guest confirms.
import type { HeadersFunction } from '@remix-run/node';
import { type FormEvent, useRef, useState } from 'react';
import { type BookingSummary, friendlyMessage, idempotencyKey } from '../../embed/api.ts';
import { useBridge } from '../../embed/bridge.ts';
import { useEmbed } from '../../embed/context.tsx';
import { Alert, Field, StepHeading, useDay, useMoney } from '../../embed/ui.tsx';

export const headers: HeadersFunction = ({ parentHeaders }) => parentHeaders;

const STATUS: Record<string, string> = {
  held: 'On hold',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  checked_out: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export default function ManageWidget() {
  const { config, prefill, api } = useEmbed();
  const bridge = useBridge();
  const money = useMoney();
  const day = useDay();
  const [booking, setBooking] = useState<(BookingSummary & { email: string }) | null>(null);
  const [errors, setErrors] = useState<{ reference?: string; email?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState<{ fee_minor: number; refund_minor: number } | null>(null);
  const cancelKey = useRef('');

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reference = String(form.get('reference') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const found: typeof errors = {};
    if (!reference) found.reference = 'Enter the reference from your confirmation email.';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) found.email = 'Enter the email address you booked with.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setError(null);
    setBusy('find');
    try {
      setBooking({ ...(await api.lookup(reference, email)), email });
      setCancelled(null);
      setConfirming(false);
      cancelKey.current = idempotencyKey();
    } catch (failure) {
      setBooking(null);
      setError(friendlyMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function cancel() {
    if (!booking || busy) return;
    setBusy('cancel');
    setError(null);
    try {
      const answer = await api.cancel(booking.reference, booking.email, cancelKey.current);
      setCancelled({ fee_minor: answer.fee_minor, refund_minor: answer.refund_minor });
      setBooking({ ...booking, status: 'cancelled' });
      bridge.emit('cancelled', { reference: booking.reference, fee_minor: answer.fee_minor });
    } catch (failure) {
      setError(friendlyMessage(failure));
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  }

  const cancellable = booking && (booking.cancellable ?? (booking.status === 'confirmed' || booking.status === 'held'));
  const when = booking
    ? booking.from && booking.time
      ? `${day(booking.from)} at ${booking.time}`
      : booking.from && booking.to
        ? `${day(booking.from)} – ${day(booking.to)}`
        : ''
    : '';

  return (
    <section className="w-card" aria-labelledby="w-title">
      <header className="w-header">
        <p className="w-eyebrow">{config.property.name}</p>
        <h1 id="w-title">Manage your booking</h1>
      </header>
      {error ? <Alert>{error}</Alert> : null}
      <form className="w-search" onSubmit={find} noValidate>
        <Field label="Booking reference" error={errors.reference}>
          {(props) => (
            <input {...props} name="reference" autoComplete="off" defaultValue={prefill.reference ?? ''} required />
          )}
        </Field>
        <Field label="Email" error={errors.email}>
          {(props) => (
            <input
              {...props}
              name="email"
              type="email"
              autoComplete="email"
              defaultValue={prefill.email ?? ''}
              required
            />
          )}
        </Field>
        <button type="submit" className="w-button w-button-primary" disabled={busy === 'find'}>
          {busy === 'find' ? 'Looking…' : 'Find booking'}
        </button>
      </form>
      {booking ? (
        <div className="w-results">
          <StepHeading>Booking {booking.reference}</StepHeading>
          <dl className="w-summary">
            <div>
              <dt>Status</dt>
              <dd>
                <span className={`w-status-badge w-status-${booking.status}`}>
                  {STATUS[booking.status] ?? booking.status}
                </span>
              </dd>
            </div>
            {booking.room_type ? (
              <div>
                <dt>{booking.kind === 'table' ? 'Table' : 'Room'}</dt>
                <dd>{booking.room_type}</dd>
              </div>
            ) : null}
            {when ? (
              <div>
                <dt>When</dt>
                <dd>{when}</dd>
              </div>
            ) : null}
            {booking.guests ? (
              <div>
                <dt>Guests</dt>
                <dd>{booking.guests}</dd>
              </div>
            ) : null}
            {booking.total_minor != null ? (
              <div>
                <dt>Total</dt>
                <dd>{money(booking.total_minor, booking.currency)}</dd>
              </div>
            ) : null}
          </dl>
          {cancelled ? (
            <Alert tone="info">
              Your booking is cancelled.{' '}
              {cancelled.fee_minor > 0
                ? `A cancellation fee of ${money(cancelled.fee_minor, booking.currency)} applies.`
                : 'No fee was charged.'}{' '}
              {cancelled.refund_minor > 0 ? `${money(cancelled.refund_minor, booking.currency)} will be refunded.` : ''}
            </Alert>
          ) : cancellable ? (
            <div className="w-cancel">
              <p>
                {booking.cancellation_fee_minor > 0 ? (
                  <>
                    Cancelling now costs <strong>{money(booking.cancellation_fee_minor, booking.currency)}</strong>{' '}
                    under the cancellation policy.
                  </>
                ) : (
                  <>You can cancel free of charge now.</>
                )}
              </p>
              {confirming ? (
                <div className="w-actions">
                  <button type="button" className="w-button w-button-quiet" onClick={() => setConfirming(false)}>
                    Keep booking
                  </button>
                  <button
                    type="button"
                    className="w-button w-button-danger"
                    onClick={cancel}
                    disabled={busy === 'cancel'}
                  >
                    {busy === 'cancel' ? 'Cancelling…' : 'Yes, cancel booking'}
                  </button>
                </div>
              ) : (
                <button type="button" className="w-button w-button-quiet" onClick={() => setConfirming(true)}>
                  Cancel this booking…
                </button>
              )}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
