/// <reference lib="deno.window" />
// Guest payments through the stripe helper's module (functions/_shared/stripe.ts, decision 036),
// loaded on first use so the rest of the API boots without the Stripe SDK or its settings.
import { HttpError } from '../_shared/http.ts';
import { WidgetError } from './http.ts';

type StripeModule = typeof import('../_shared/stripe.ts');
let loaded: Promise<StripeModule> | undefined;
const stripeModule = (): Promise<StripeModule> => {
  loaded ??= import('../_shared/stripe.ts');
  return loaded;
};

export interface PaymentAnswer {
  intent_id: string;
  client_secret: string;
  amount_minor: number;
  currency: string;
  stripe_account?: string;
  publishable_key?: string;
  test_page_url?: string;
}

/** What the widget's config says about payments: the local stand-in, Stripe, or none set up. */
export async function paymentsConfig(): Promise<{ mode: 'local' | 'stripe' | 'none'; publishable_key?: string }> {
  try {
    const { stripeSettings, isLocalStripe } = await stripeModule();
    const settings = stripeSettings();
    return {
      mode: isLocalStripe(settings) ? 'local' : 'stripe',
      ...(settings.STRIPE_PUBLISHABLE_KEY ? { publishable_key: settings.STRIPE_PUBLISHABLE_KEY } : {}),
    };
  } catch {
    return { mode: 'none' };
  }
}

/**
 * A PaymentIntent for an amount the database computed, on the property's connected account. The
 * idempotency key is per booking or order (`createGuestPayment` adds the id), so a double click
 * or a retry finds the same intent. Stripe's failures become a 409 the widget can retry.
 */
async function startGuestPayment(input: {
  propertyId: string;
  kind: 'booking' | 'order';
  id: string;
  amountMinor: number;
  currency: string;
  email?: string;
  idempotencyKey: string;
  description: string;
}): Promise<PaymentAnswer> {
  try {
    const { createGuestPayment } = await stripeModule();
    const payment = await createGuestPayment({
      propertyId: input.propertyId,
      kind: input.kind,
      id: input.id,
      amountMinor: input.amountMinor,
      currency: input.currency,
      idempotencyKey: input.idempotencyKey,
      description: input.description,
      ...(input.email ? { receiptEmail: input.email } : {}),
    });
    return {
      intent_id: payment.intent_id,
      client_secret: payment.client_secret,
      amount_minor: payment.amount_minor,
      currency: payment.currency,
      stripe_account: payment.stripe_account,
      ...(payment.publishable_key ? { publishable_key: payment.publishable_key } : {}),
      ...(payment.test_page_url ? { test_page_url: payment.test_page_url } : {}),
    };
  } catch (error) {
    if (error instanceof HttpError) throw new WidgetError(error.status, error.code, error.message);
    console.error(`widget-api: starting a ${input.kind} payment failed`, error);
    throw new WidgetError(409, 'payment_unavailable', 'The payment could not be started; try again in a moment.', {
      'Retry-After': '5',
    });
  }
}

/** The deposit of a held booking: one intent per booking, whatever the confirm's own idempotency key. */
export function startBookingPayment(input: {
  propertyId: string;
  bookingId: string;
  amountMinor: number;
  currency: string;
  email?: string;
  reference: string;
}): Promise<PaymentAnswer> {
  const { bookingId, reference, ...rest } = input;
  return startGuestPayment({
    ...rest,
    kind: 'booking',
    id: bookingId,
    idempotencyKey: 'widget-deposit',
    description: `Booking ${reference}`,
  });
}

/**
 * An online order's total: one intent per order, so a replayed POST /orders finds the same one.
 * The paid order goes to the kitchen when Stripe's webhook says it succeeded (decision 042), never
 * on this answer.
 */
export function startOrderPayment(input: {
  propertyId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  email?: string;
  number: string;
}): Promise<PaymentAnswer> {
  const { orderId, number, ...rest } = input;
  return startGuestPayment({
    ...rest,
    kind: 'order',
    id: orderId,
    idempotencyKey: 'widget-order',
    description: `Order ${number}`,
  });
}

/** Asks Stripe back what a guest's cancellation leaves to refund; false when it could not (yet). */
export async function refundCancelledBooking(bookingId: string): Promise<boolean> {
  try {
    const { refundCancelledBooking } = await stripeModule();
    await refundCancelledBooking(bookingId);
    return true;
  } catch (error) {
    console.error('widget-api: refund request failed', error);
    return false;
  }
}
