// Small pieces the widget steps share: the card with the property's name and the widget's title,
// money and dates in the page's locale, the hold countdown, the guest details form with consent,
// the payment step (the local stand-in's test page, then waiting for the server to say paid), step
// headings that take focus so keyboard and screen-reader users follow the flow. Texts come from
// the page's catalogue (text.ts, decision 044).
import { type FormEvent, lazy, type ReactNode, Suspense, useEffect, useId, useRef, useState } from 'react';
import { formatMoney } from '../utils/money.ts';
import type { Payment } from './api.ts';
import { useEmbed } from './context.tsx';
import { type MessageKey, useWidgetText } from './text.ts';

/** A widget's frame: the property's name over the widget's title, then its steps. */
export function WidgetCard({ title, children }: { title: string; children: ReactNode }) {
  const { config } = useEmbed();
  return (
    <section className="w-card" aria-labelledby="w-title">
      <header className="w-header">
        <p className="w-eyebrow">{config.property.name}</p>
        <h1 id="w-title">{title}</h1>
      </header>
      {children}
    </section>
  );
}

export function useMoney(): (minor: number, currency: string) => string {
  const { locale } = useEmbed();
  return (minor, currency) => formatMoney(minor, currency, locale);
}

/** "Fri 24 Dec" style, for a YYYY-MM-DD calendar date (no time zone shift). */
export function useDay(): (date: string) => string {
  const { locale } = useEmbed();
  return (date) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
}

/** A time of day of an instant, in the property's time zone. */
export function useClock(): (instant: string) => string {
  const { locale, config } = useEmbed();
  return (instant) =>
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: config.property.time_zone }).format(
      new Date(instant),
    );
}

/** A step's heading, focused when the step appears (not on first load: the host page keeps focus). */
export function StepHeading({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: false });
  }, [focus]);
  return (
    <h2 ref={ref} tabIndex={-1} className="w-step-heading">
      {children}
    </h2>
  );
}

export function Steps({ labels, current }: { labels: string[]; current: number }) {
  const t = useWidgetText();
  return (
    <ol className="w-steps" aria-label={t('common.progress')}>
      {labels.map((label, index) => (
        <li
          key={label}
          className={index < current ? 'done' : index === current ? 'current' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="w-steps-number" aria-hidden="true">
            {index + 1}
          </span>
          <span>{label}</span>
        </li>
      ))}
    </ol>
  );
}

function remaining(expiresAt: string): number {
  return Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
}

/** The hold's time left, each second; screen readers hear it once a minute and at the end. */
export function HoldCountdown({ expiresAt, onExpired }: { expiresAt: string; onExpired: () => void }) {
  const t = useWidgetText();
  const [seconds, setSeconds] = useState(() => remaining(expiresAt));
  const expired = useRef(onExpired);
  expired.current = onExpired;
  useEffect(() => {
    const timer = setInterval(() => {
      const left = remaining(expiresAt);
      setSeconds(left);
      if (left === 0) {
        clearInterval(timer);
        expired.current();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  const minutes = Math.floor(seconds / 60);
  const text = `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <div className={`w-hold${seconds < 120 ? ' w-hold-urgent' : ''}`}>
      <svg className="w-hold-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <circle cx="12" cy="13" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M12 9v4l3 2M9 2h6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <span>{t.rich('hold.countdown', { time: <strong className="w-hold-time">{text}</strong> })}</span>
      <span className="w-sr-only" aria-live="polite">
        {seconds % 60 === 0 || seconds === 0 ? t('hold.minutesLeft', { count: minutes }) : ''}
      </span>
    </div>
  );
}

export interface GuestFieldValues {
  name: string;
  email: string;
  phone: string;
  terms: boolean;
  marketing: boolean;
}

export type GuestErrors = Partial<Record<keyof GuestFieldValues, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks the API makes too (it has the last word); here so the guest hears at once. */
export function guestProblems(values: GuestFieldValues): Partial<Record<keyof GuestFieldValues, MessageKey>> {
  const problems: Partial<Record<keyof GuestFieldValues, MessageKey>> = {};
  if (values.name.trim().length < 2) problems.name = 'guest.error.name';
  if (!EMAIL.test(values.email.trim())) problems.email = 'guest.error.email';
  if (values.phone.trim() && !/^[+0-9 ()-]{6,20}$/.test(values.phone.trim())) problems.phone = 'guest.error.phone';
  if (!values.terms) problems.terms = 'guest.error.terms';
  return problems;
}

/** guestProblems as messages in the page's language. */
export function checkGuest(values: GuestFieldValues, t: (key: MessageKey) => string): GuestErrors {
  const errors: GuestErrors = {};
  for (const [field, key] of Object.entries(guestProblems(values)) as [keyof GuestFieldValues, MessageKey][])
    errors[field] = t(key);
  return errors;
}

export function guestFromForm(form: FormData): GuestFieldValues {
  return {
    name: String(form.get('name') ?? ''),
    email: String(form.get('email') ?? ''),
    phone: String(form.get('phone') ?? ''),
    terms: form.get('terms') === 'on',
    marketing: form.get('marketing') === 'on',
  };
}

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="w-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint ? (
        <p className="w-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="w-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function GuestFields({ errors, propertyName }: { errors: GuestErrors; propertyName: string }) {
  const { prefill } = useEmbed();
  const t = useWidgetText();
  return (
    <>
      <Field label={t('guest.name')} error={errors.name}>
        {(props) => <input {...props} name="name" autoComplete="name" defaultValue={prefill.name ?? ''} required />}
      </Field>
      <div className="w-row">
        <Field label={t('guest.email')} error={errors.email} hint={t('guest.emailHint')}>
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
        <Field label={t('guest.phone')} error={errors.phone}>
          {(props) => <input {...props} name="phone" type="tel" autoComplete="tel" />}
        </Field>
      </div>
      <div className="w-check">
        <input
          id="w-terms"
          type="checkbox"
          name="terms"
          aria-invalid={errors.terms ? true : undefined}
          aria-describedby={errors.terms ? 'w-terms-error' : undefined}
        />
        <label htmlFor="w-terms">{t('guest.terms', { property: propertyName })}</label>
      </div>
      {errors.terms ? (
        <p className="w-error" id="w-terms-error">
          {errors.terms}
        </p>
      ) : null}
      <div className="w-check">
        <input id="w-marketing" type="checkbox" name="marketing" />
        <label htmlFor="w-marketing">{t('guest.marketing', { property: propertyName })}</label>
      </div>
    </>
  );
}

/**
 * The details step of a booking: its heading, what is being booked (children: the countdown, a
 * summary), the guest's fields with consent, Back and the submit button. Checks the fields
 * itself and calls `onSubmit` only with values that pass.
 */
export function GuestDetailsForm({
  busy,
  submitLabel,
  busyLabel,
  onSubmit,
  onBack,
  children,
}: {
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (values: GuestFieldValues) => void;
  onBack: () => void;
  children?: ReactNode;
}) {
  const { config } = useEmbed();
  const t = useWidgetText();
  const [errors, setErrors] = useState<GuestErrors>({});
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const values = guestFromForm(new FormData(event.currentTarget));
    const found = checkGuest(values, t);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(values);
  }
  return (
    <form className="w-details" onSubmit={submit} noValidate>
      <StepHeading>{t('common.yourDetails')}</StepHeading>
      {children}
      <GuestFields errors={errors} propertyName={config.property.name} />
      <div className="w-actions">
        <button type="button" className="w-button w-button-quiet" onClick={onBack}>
          {t('common.back')}
        </button>
        <button type="submit" className="w-button w-button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}

export function Alert({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'info' }) {
  return (
    <div className={`w-alert w-alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export type PaymentOutcome = 'paid' | 'failed' | 'pending';

// Stripe's Payment Element only where a payment is due in Stripe mode: its own chunk.
const StripePayment = lazy(() => import('./stripe-payment.tsx'));

/**
 * Pays what the server asked for. Locally the stand-in's test page opens in a popup (the guest
 * clicks Pay or Decline there); the page then asks the server until it says paid or failed: the
 * confirmation comes from Stripe's webhook to the server, never from this page.
 */
export function PaymentStep({
  payment,
  check,
  onPaid,
  onFailed,
}: {
  payment: Payment;
  check: () => Promise<PaymentOutcome>;
  onPaid: () => void;
  onFailed: (reason: string) => void;
}) {
  const money = useMoney();
  const t = useWidgetText();
  const { config, locale } = useEmbed();
  const publishableKey = payment.publishable_key ?? config.payments.publishable_key ?? null;
  const [waiting, setWaiting] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const [failed, setFailed] = useState(false);
  const done = useRef(false);
  const callbacks = useRef({ check, onPaid, onFailed });
  callbacks.current = { check, onPaid, onFailed };

  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    const tick = async () => {
      if (stopped || done.current) return;
      const outcome = await callbacks.current.check().catch(() => 'pending' as const);
      if (stopped || done.current) return;
      if (outcome === 'paid') {
        done.current = true;
        callbacks.current.onPaid();
      } else if (outcome === 'failed') {
        setFailed(true);
        setWaiting(false);
        callbacks.current.onFailed('declined');
      } else timer = setTimeout(tick, 1500);
    };
    let timer = setTimeout(tick, 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting]);

  const open = () => {
    setFailed(false);
    if (payment.test_page_url) {
      const popup = window.open(payment.test_page_url, 'roost-payment', 'popup,width=480,height=720');
      setBlocked(!popup);
    }
    setWaiting(true);
  };

  return (
    <div className="w-payment">
      {payment.test_page_url ? null : (
        <p className="w-payment-amount">
          {t.rich('payment.dueNow', { amount: <strong>{money(payment.amount_minor, payment.currency)}</strong> })}
        </p>
      )}
      {failed ? <Alert>{t('payment.failed')}</Alert> : null}
      {payment.test_page_url ? (
        <>
          <p className="w-hint">{t('payment.testMode')}</p>
          <button type="button" className="w-button w-button-primary" onClick={open} disabled={waiting && !blocked}>
            {waiting
              ? t('payment.waiting')
              : t('payment.pay', { amount: money(payment.amount_minor, payment.currency) })}
          </button>
        </>
      ) : publishableKey && !waiting ? (
        <Suspense fallback={<p className="w-status">{t('payment.loadingCard')}</p>}>
          <StripePayment
            payment={payment}
            publishableKey={publishableKey}
            locale={locale}
            onSubmitted={() => {
              setFailed(false);
              setWaiting(true);
            }}
            onFailed={(reason) => onFailed(reason)}
          />
        </Suspense>
      ) : !publishableKey ? (
        <Alert>{t('payment.notSetUp')}</Alert>
      ) : null}
      {waiting ? (
        <p className="w-status" role="status">
          <span className="w-spinner" aria-hidden="true" /> {t('payment.complete')}
        </p>
      ) : null}
      {blocked && payment.test_page_url ? (
        <p>
          {t.rich('payment.blocked', {
            link: (
              <a href={payment.test_page_url} target="_blank" rel="noopener">
                {t('payment.openPage')}
              </a>
            ),
          })}
        </p>
      ) : null}
    </div>
  );
}
