// Manage my booking: reference + email → the booking, and cancelling it with the policy's fee
// shown before the guest confirms.
import type { HeadersFunction } from '@remix-run/node';
import { type FormEvent, useRef, useState } from 'react';
import { type BookingSummary, idempotencyKey } from '../../embed/api.ts';
import { useBridge } from '../../embed/bridge.ts';
import { useEmbed } from '../../embed/context.tsx';
import { errorKey, type MessageKey, useWidgetText } from '../../embed/text.ts';
import { Alert, Field, StepHeading, useDay, useMoney, WidgetCard } from '../../embed/ui.tsx';

export const headers: HeadersFunction = ({ parentHeaders }) => parentHeaders;

const STATUS: Record<string, MessageKey> = {
  held: 'manage.status.held',
  confirmed: 'manage.status.confirmed',
  checked_in: 'manage.status.checked_in',
  checked_out: 'manage.status.checked_out',
  cancelled: 'manage.status.cancelled',
  no_show: 'manage.status.no_show',
};

export default function ManageWidget() {
  const { prefill, api } = useEmbed();
  const t = useWidgetText();
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
    if (!reference) found.reference = t('manage.error.reference');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) found.email = t('manage.error.email');
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
      setError(t(errorKey(failure)));
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
      setError(t(errorKey(failure)));
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  }

  const cancellable = booking && (booking.cancellable ?? (booking.status === 'confirmed' || booking.status === 'held'));
  const when = booking
    ? booking.from && booking.time
      ? t('manage.at', { day: day(booking.from), time: booking.time })
      : booking.from && booking.to
        ? `${day(booking.from)} – ${day(booking.to)}`
        : ''
    : '';

  return (
    <WidgetCard title={t('manage.title')}>
      {error ? <Alert>{error}</Alert> : null}
      <form className="w-search" onSubmit={find} noValidate>
        <Field label={t('manage.reference')} error={errors.reference}>
          {(props) => (
            <input {...props} name="reference" autoComplete="off" defaultValue={prefill.reference ?? ''} required />
          )}
        </Field>
        <Field label={t('common.email')} error={errors.email}>
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
          {busy === 'find' ? t('manage.looking') : t('manage.find')}
        </button>
      </form>
      {/* The guest's own data request (GDPR, decision 037): the web app's public page, outside the frame. */}
      <p className="w-hint">
        <a href="/data-request" target="_blank" rel="noopener">
          {t('manage.dataRequest')}
        </a>
      </p>
      {booking ? (
        <div className="w-results">
          <StepHeading>{t('manage.booking', { reference: booking.reference })}</StepHeading>
          <dl className="w-summary">
            <div>
              <dt>{t('manage.status')}</dt>
              <dd>
                <span className={`w-status-badge w-status-${booking.status}`}>
                  {STATUS[booking.status] ? t(STATUS[booking.status] as MessageKey) : booking.status}
                </span>
              </dd>
            </div>
            {booking.room_type ? (
              <div>
                <dt>{booking.kind === 'table' ? t('manage.table') : t('manage.room')}</dt>
                <dd>{booking.room_type}</dd>
              </div>
            ) : null}
            {when ? (
              <div>
                <dt>{t('manage.when')}</dt>
                <dd>{when}</dd>
              </div>
            ) : null}
            {booking.guests ? (
              <div>
                <dt>{t('manage.guests')}</dt>
                <dd>{booking.guests}</dd>
              </div>
            ) : null}
            {booking.total_minor != null ? (
              <div>
                <dt>{t('manage.total')}</dt>
                <dd>{money(booking.total_minor, booking.currency)}</dd>
              </div>
            ) : null}
          </dl>
          {cancelled ? (
            <Alert tone="info">
              {t('manage.cancelled')}{' '}
              {cancelled.fee_minor > 0
                ? t('manage.fee', { amount: money(cancelled.fee_minor, booking.currency) })
                : t('manage.noFee')}{' '}
              {cancelled.refund_minor > 0
                ? t('manage.refund', { amount: money(cancelled.refund_minor, booking.currency) })
                : ''}
            </Alert>
          ) : cancellable ? (
            <div className="w-cancel">
              <p>
                {booking.cancellation_fee_minor > 0
                  ? t.rich('manage.costs', {
                      amount: <strong>{money(booking.cancellation_fee_minor, booking.currency)}</strong>,
                    })
                  : t('manage.free')}
              </p>
              {confirming ? (
                <div className="w-actions">
                  <button type="button" className="w-button w-button-quiet" onClick={() => setConfirming(false)}>
                    {t('manage.keep')}
                  </button>
                  <button
                    type="button"
                    className="w-button w-button-danger"
                    onClick={cancel}
                    disabled={busy === 'cancel'}
                  >
                    {busy === 'cancel' ? t('manage.cancelling') : t('manage.yesCancel')}
                  </button>
                </div>
              ) : (
                <button type="button" className="w-button w-button-quiet" onClick={() => setConfirming(true)}>
                  {t('manage.cancelThis')}
                </button>
              )}
            </div>
          ) : null}
        </div>
      ) : null}
    </WidgetCard>
  );
}
