// Production card payments: Stripe's own Payment Element (@stripe/stripe-js loads Stripe.js from
// js.stripe.com), in a chunk of its own that only a payment step downloads. Stripe confirms the
// PaymentIntent; the booking is confirmed by the server when Stripe's webhook arrives, and the
// payment step keeps asking the API until then.
import { loadStripe, type Stripe, type StripeElements } from '@stripe/stripe-js';
import { useEffect, useRef, useState } from 'react';
import type { Payment } from './api.ts';

export default function StripePayment({
  payment,
  publishableKey,
  locale,
  onSubmitted,
  onFailed,
}: {
  payment: Payment;
  publishableKey: string;
  locale: string;
  onSubmitted: () => void;
  onFailed: (message: string) => void;
}) {
  const mount = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadStripe(publishableKey, {
      ...(payment.stripe_account ? { stripeAccount: payment.stripe_account } : {}),
      locale: (locale.split('-')[0] ?? 'auto') as 'auto',
    })
      .then((stripe) => {
        if (cancelled || !stripe || !mount.current) return;
        const brand = getComputedStyle(mount.current).getPropertyValue('--w-brand').trim();
        const elements = stripe.elements({
          clientSecret: payment.client_secret,
          appearance: { theme: 'stripe', variables: brand ? { colorPrimary: brand } : {} },
        });
        elements.create('payment').mount(mount.current);
        setReady({ stripe, elements });
      })
      .catch(() => setMessage('The card form could not be loaded. Check your connection and try again.'));
    return () => {
      cancelled = true;
    };
  }, [payment, publishableKey, locale]);

  async function pay() {
    if (!ready || busy) return;
    setBusy(true);
    setMessage(null);
    const { error } = await ready.stripe.confirmPayment({ elements: ready.elements, redirect: 'if_required' });
    setBusy(false);
    if (error) {
      setMessage(error.message ?? 'The payment did not go through.');
      onFailed(error.code ?? 'declined');
    } else onSubmitted();
  }

  return (
    <div className="w-stripe">
      <div ref={mount} className="w-stripe-element" />
      {message ? (
        <p className="w-error" role="alert">
          {message}
        </p>
      ) : null}
      <button type="button" className="w-button w-button-primary" onClick={pay} disabled={!ready || busy}>
        {busy ? 'Paying…' : 'Pay now'}
      </button>
    </div>
  );
}
