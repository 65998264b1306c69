/// <reference lib="deno.window" />
// POST /functions/v1/stripe-webhook: Stripe's events in (verify_jwt = false: Stripe signs, it has
// no Supabase token). The raw body is verified with the SDK's constructEventAsync against
// STRIPE_WEBHOOK_SECRET (and STRIPE_CONNECT_WEBHOOK_SECRET for a Connect endpoint); a bad or
// missing signature answers 400 and touches nothing. A verified event goes to
// private.process_stripe_event as the service role: stored by id, processed exactly once in one
// transaction (a replay answers 200 `duplicate`), in any order (decision 036). Unknown types are
// stored and answered 200 `ignored`. Only an unexpected processing failure answers 500, so that
// Stripe retries it later; bad input never does.
import { db, withRequestId } from '../_shared/db.ts';
import { type Stripe, stripe, stripeSettings } from '../_shared/stripe.ts';

const MAX_BODY_BYTES = 1024 * 1024;

const answer = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
const refuse = (status: number, code: string, message: string) => answer(status, { error: { code, message } });

async function verified(body: string, signature: string): Promise<Stripe.Event | null> {
  const settings = stripeSettings();
  const secrets = [settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_CONNECT_WEBHOOK_SECRET].filter(
    (secret): secret is string => secret !== undefined,
  );
  if (secrets.length === 0) throw new Error('STRIPE_WEBHOOK_SECRET is not set');
  for (const secret of secrets) {
    try {
      return await stripe().webhooks.constructEventAsync(body, signature, secret);
    } catch {
      // The next secret, or a refusal below.
    }
  }
  return null;
}

interface Outcome {
  outcome: 'processed' | 'duplicate' | 'ignored' | 'failed';
  refund?: { intent_id: string; stripe_account_id: string; amount_minor: number };
  [key: string]: unknown;
}

async function processEvent(event: Stripe.Event): Promise<Outcome> {
  return (await db().begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true)`;
    const [row] = await tx`select private.process_stripe_event(${tx.json(event as never)}) as outcome`;
    return row?.outcome as Outcome;
  })) as Outcome;
}

/** A payment for a booking that could no longer be confirmed goes back in full, once. */
async function refundLatePayment(refund: NonNullable<Outcome['refund']>): Promise<void> {
  try {
    await stripe().refunds.create(
      { payment_intent: refund.intent_id, amount: refund.amount_minor, reason: 'requested_by_customer' },
      { idempotencyKey: `roost:late-payment:${refund.intent_id}`, stripeAccount: refund.stripe_account_id },
    );
  } catch (error) {
    // Recorded as asked for (refund_requested_minor): staff see it; the event is not failed for it.
    console.error('stripe-webhook: refund of a late payment failed', refund.intent_id, (error as Error).message);
  }
}

async function handle(req: Request): Promise<Response> {
  if (req.method !== 'POST') {
    return Response.json(
      { error: { code: 'method_not_allowed', message: 'Use POST.' } },
      { status: 405, headers: { Allow: 'POST' } },
    );
  }
  const signature = req.headers.get('stripe-signature');
  if (!signature) return refuse(400, 'missing_signature', 'The Stripe-Signature header is missing.');
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return refuse(413, 'payload_too_large', 'The event is too large.');
  }
  const body = await req.text();
  if (body.length > MAX_BODY_BYTES) return refuse(413, 'payload_too_large', 'The event is too large.');
  const event = await verified(body, signature);
  if (!event) return refuse(400, 'invalid_signature', 'The signature does not match the event.');
  let outcome: Outcome;
  try {
    outcome = await processEvent(event);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === '22023' || code === '22P02') return refuse(400, message ?? 'invalid_event', 'The event is malformed.');
    throw error;
  }
  if (outcome.outcome === 'failed') {
    console.error('stripe-webhook: processing failed, Stripe will retry', event.id, event.type);
    return refuse(500, 'processing_failed', 'The event could not be processed; it will be retried.');
  }
  if (outcome.refund) await refundLatePayment(outcome.refund);
  return answer(200, { received: true, id: event.id, outcome: outcome.outcome });
}

Deno.serve(withRequestId(handle));
