/// <reference lib="deno.window" />
// Stripe from edge functions: the real SDK (`stripe`, its fetch/SubtleCrypto build under Deno) with
// its settings from the environment, and the guest payments Roost starts (decision 036).
// Production needs only STRIPE_SECRET_KEY (+ STRIPE_WEBHOOK_SECRET, STRIPE_PUBLISHABLE_KEY); the
// local stack adds STRIPE_API_HOST/PORT/PROTOCOL, which point the same SDK at the stand-in of
// supabase/local/stripe/ — the only difference between the two is the network address.
import Stripe from 'npm:stripe@23.1.0';
import { z } from 'npm:zod@^4.6.7';
import { db } from './db.ts';
import { HttpError } from './http.ts';

export type { Stripe };

const stripeSettingsSchema = z
  .object({
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, 'must be a Stripe secret key'),
    STRIPE_PUBLISHABLE_KEY: z
      .string()
      .regex(/^pk_(test|live)_[A-Za-z0-9_]{8,}$/, 'must be a Stripe publishable key')
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9_+/=]{8,}$/, 'must be a webhook signing secret')
      .optional(),
    // Connect events (a connected account's payments) come signed with their own endpoint's secret.
    STRIPE_CONNECT_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9_+/=]{8,}$/, 'must be a webhook signing secret')
      .optional(),
    STRIPE_API_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'must be a host name')
      .optional(),
    STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    STRIPE_API_PROTOCOL: z.enum(['http', 'https']).optional(),
  })
  .refine((s) => (s.STRIPE_API_HOST === undefined) === (s.STRIPE_API_PORT === undefined), {
    message: 'set STRIPE_API_HOST and STRIPE_API_PORT together',
    path: ['STRIPE_API_HOST'],
  });

export type StripeSettings = z.infer<typeof stripeSettingsSchema>;

/** Reads and checks the STRIPE_* variables; the error names the variables, never their values. */
export function parseStripeSettings(source: Record<string, string | undefined>): StripeSettings {
  const picked = Object.fromEntries(
    Object.entries(source).filter(([name, value]) => name.startsWith('STRIPE_') && value !== undefined && value !== ''),
  );
  const result = stripeSettingsSchema.safeParse(picked);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${String(issue.path[0] ?? 'STRIPE')} ${issue.message}`);
    throw new Error(`Stripe settings: ${problems.join('; ')}`);
  }
  return result.data;
}

let cachedSettings: StripeSettings | undefined;
let cachedClient: Stripe | undefined;

export function stripeSettings(): StripeSettings {
  cachedSettings ??= parseStripeSettings(Deno.env.toObject());
  return cachedSettings;
}

/** Whether the SDK talks to the local stand-in (tests, npm start) rather than api.stripe.com. */
export function isLocalStripe(settings: StripeSettings = stripeSettings()): boolean {
  return settings.STRIPE_API_HOST !== undefined;
}

/** The SDK client, one per warm process. */
export function stripe(): Stripe {
  if (cachedClient) return cachedClient;
  const settings = stripeSettings();
  cachedClient = new Stripe(settings.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Roost' },
    ...(isLocalStripe(settings)
      ? {
          host: settings.STRIPE_API_HOST,
          port: settings.STRIPE_API_PORT,
          protocol: settings.STRIPE_API_PROTOCOL ?? 'http',
        }
      : {}),
  });
  return cachedClient;
}

/** Where the local stand-in serves its test payment page ("Pay" / "Decline"); local mode only. */
export function testPageUrl(intentId: string, clientSecret: string, settings = stripeSettings()): string | undefined {
  if (!isLocalStripe(settings)) return undefined;
  const base = `${settings.STRIPE_API_PROTOCOL ?? 'http'}://${settings.STRIPE_API_HOST}:${settings.STRIPE_API_PORT}`;
  return `${base}/test/pay/${encodeURIComponent(intentId)}?client_secret=${encodeURIComponent(clientSecret)}`;
}

export type GuestPaymentKind = 'booking' | 'order';

export interface GuestPaymentInput {
  propertyId: string;
  kind: GuestPaymentKind;
  /** The booking's or order's id. */
  id: string;
  /** What the guest pays now (deposit or full prepayment), computed by SQL, never by the client. */
  amountMinor: number;
  /** ISO 4217, the property's currency. */
  currency: string;
  /** The caller's idempotency key (the widget's confirm key): a double click makes one intent. */
  idempotencyKey: string;
  /** Shown on the guest's card statement and in the tenant's dashboard. */
  description?: string;
  receiptEmail?: string;
}

export interface GuestPayment {
  intent_id: string;
  client_secret: string;
  /** The connected account the intent lives on: `loadStripe(pk, { stripeAccount })` in the browser. */
  stripe_account: string;
  amount_minor: number;
  currency: string;
  application_fee_minor: number;
  publishable_key?: string;
  /** Local mode: the stand-in's page where a guest clicks "Pay" or "Decline". */
  test_page_url?: string;
}

const guestPaymentSchema = z.strictObject({
  propertyId: z.uuid(),
  kind: z.enum(['booking', 'order']),
  id: z.uuid(),
  amountMinor: z.number().int().min(1).max(100_000_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/),
  description: z.string().min(1).max(200).optional(),
  receiptEmail: z.email().max(254).optional(),
});

interface PaymentTerms {
  organization_id: string;
  stripe_account_id: string | null;
  charges_enabled: boolean;
  application_fee_bps: number;
  currency: string;
}

/** The property's connected account and the platform's fee (the organization's plan), from SQL. */
async function paymentTerms(propertyId: string): Promise<PaymentTerms> {
  const rows = (await db().begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true)`;
    return tx`select * from private.guest_payment_terms(${propertyId}::uuid)`;
  })) as unknown as PaymentTerms[];
  const terms = rows[0];
  if (!terms) throw new HttpError(404, 'property_not_found', 'No such property.');
  return terms;
}

/**
 * Starts a guest payment: a PaymentIntent on the property's connected account (a direct charge,
 * `Stripe-Account`) carrying Roost's application fee, with the caller's idempotency key passed to
 * Stripe (scoped by kind and id, so one key cannot collide across bookings) and metadata that the
 * webhook uses to post the payment. The intent is recorded (private.record_guest_payment) before
 * returning, so a refund on cancellation can find it. Refusals: `payments_not_configured` (409)
 * when the organization has not finished Connect onboarding, `currency_mismatch` (400).
 */
export async function createGuestPayment(input: GuestPaymentInput): Promise<GuestPayment> {
  const parsed = guestPaymentSchema.safeParse(input);
  if (!parsed.success) throw new HttpError(400, 'invalid_payment', 'The payment request is not valid.');
  const payment = parsed.data;
  const terms = await paymentTerms(payment.propertyId);
  if (!terms.stripe_account_id || !terms.charges_enabled) {
    throw new HttpError(409, 'payments_not_configured', 'This property does not take online payments yet.');
  }
  if (terms.currency !== payment.currency) {
    throw new HttpError(400, 'currency_mismatch', 'The payment is not in the property’s currency.');
  }
  const fee = Math.floor((payment.amountMinor * terms.application_fee_bps) / 10_000);
  const intent = await stripe().paymentIntents.create(
    {
      amount: payment.amountMinor,
      currency: payment.currency.toLowerCase(),
      application_fee_amount: fee,
      automatic_payment_methods: { enabled: true },
      description: payment.description,
      receipt_email: payment.receiptEmail,
      metadata: {
        roost_kind: payment.kind,
        roost_id: payment.id,
        property_id: payment.propertyId,
        organization_id: terms.organization_id,
      },
    },
    {
      idempotencyKey: `roost:${payment.kind}:${payment.id}:${payment.idempotencyKey}`,
      stripeAccount: terms.stripe_account_id,
    },
  );
  if (!intent.client_secret) throw new Error('Stripe returned a PaymentIntent without a client secret');
  await db().begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true)`;
    await tx`select private.record_guest_payment(${intent.id}, ${terms.stripe_account_id}, ${payment.propertyId}::uuid,
      ${payment.kind}, ${payment.id}::uuid, ${payment.amountMinor}, ${payment.currency}, ${fee}, ${intent.status})`;
  });
  const settings = stripeSettings();
  return {
    intent_id: intent.id,
    client_secret: intent.client_secret,
    stripe_account: terms.stripe_account_id,
    amount_minor: payment.amountMinor,
    currency: payment.currency,
    application_fee_minor: fee,
    ...(settings.STRIPE_PUBLISHABLE_KEY ? { publishable_key: settings.STRIPE_PUBLISHABLE_KEY } : {}),
    ...(isLocalStripe(settings) ? { test_page_url: testPageUrl(intent.id, intent.client_secret, settings) } : {}),
  };
}

/**
 * Refunds what a cancelled booking's policy allows: every succeeded payment of the booking minus
 * the cancellation fee, already-refunded amounts taken off (private.booking_refunds_due decides
 * and writes one refund row per payment). Each row is asked of Stripe under its own idempotency
 * key and Stripe's answer is recorded (private.record_refund_attempt); a row whose attempt failed
 * — or whose answer was never recorded — is retried by the worker's refund sweep
 * (gpu-worker/src/refunds). The refund is posted to the folio only when Stripe's `charge.refunded`
 * arrives. Returns the minor units Stripe accepted to refund; throws after recording when one failed.
 */
export async function refundCancelledBooking(bookingId: string): Promise<number> {
  const due = (await db().begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true)`;
    return tx`select intent_id, stripe_account_id, amount_minor, refund_id, idempotency_key
      from private.booking_refunds_due(${bookingId}::uuid)`;
  })) as unknown as {
    intent_id: string;
    stripe_account_id: string;
    amount_minor: string | number;
    refund_id: string;
    idempotency_key: string;
  }[];
  let total = 0;
  let failure: unknown;
  for (const row of due) {
    const amount = Number(row.amount_minor);
    if (amount <= 0) continue;
    const outcome = await requestRefund({
      refundId: row.refund_id,
      bookingId,
      intentId: row.intent_id,
      stripeAccountId: row.stripe_account_id,
      amountMinor: amount,
      idempotencyKey: row.idempotency_key,
    });
    await db().begin(async (tx) => {
      await tx`select set_config('role', 'service_role', true)`;
      await tx`select private.record_refund_attempt(${row.refund_id}::uuid, ${outcome.outcome},
        ${outcome.stripeRefundId ?? null}, ${outcome.error ?? null})`;
    });
    if (outcome.outcome === 'requested') total += amount;
    else failure ??= new Error(`refund ${row.refund_id}: ${outcome.error}`);
  }
  if (failure) throw failure;
  return total;
}

export interface RefundRequest {
  refundId: string;
  bookingId: string;
  intentId: string;
  stripeAccountId: string;
  amountMinor: number;
  idempotencyKey: string;
}

export interface RefundOutcome {
  outcome: 'requested' | 'refused' | 'unreachable';
  stripeRefundId?: string;
  error?: string;
}

/**
 * Asks Stripe for one refund row: `refused` when Stripe answered with an error (nothing was
 * refunded; Stripe keeps that answer under the key, so the next attempt takes a new one),
 * `unreachable` when it did not answer, answered 5xx or 429 (the outcome is unknown: the next
 * attempt keeps the key, so it cannot refund twice).
 */
export async function requestRefund(request: RefundRequest): Promise<RefundOutcome> {
  try {
    const refund = await stripe().refunds.create(
      {
        payment_intent: request.intentId,
        amount: request.amountMinor,
        reason: 'requested_by_customer',
        metadata: { roost_booking_id: request.bookingId, roost_refund_id: request.refundId },
      },
      { idempotencyKey: request.idempotencyKey, stripeAccount: request.stripeAccountId },
    );
    return { outcome: 'requested', stripeRefundId: refund.id };
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    const message = (error as Error).message ?? String(error);
    const answered = typeof status === 'number' && status < 500 && status !== 429;
    return { outcome: answered ? 'refused' : 'unreachable', error: message.slice(0, 500) };
  }
}
