// One sweep of the refunds owed to guests (decision 036, session 5): the rows due now are claimed
// in the database (private.claim_due_refunds: locked past other workers, their attempt counted),
// each is asked of Stripe under its idempotency key, and Stripe's answer is recorded
// (private.record_refund_attempt), which decides the next attempt's time or the final `failed`.
// `charge.refunded` then posts the refund to the folio through the stripe-webhook function.
import type { Sql } from 'postgres';
import type Stripe from 'stripe';

export interface ClaimedRefund {
  id: string;
  booking_id: string;
  intent_id: string;
  stripe_account_id: string;
  amount_minor: string;
  idempotency_key: string;
  attempts: number;
}

export type RefundOutcome =
  | { outcome: 'requested'; stripeRefundId: string }
  | { outcome: 'refused' | 'unreachable'; error: string };

export interface SweepResult {
  requested: number;
  refused: number;
  unreachable: number;
}

/**
 * Asks Stripe for one refund: `refused` when Stripe answered with an error (nothing refunded;
 * Stripe keeps that answer under the key, so the database gives the next attempt a new key),
 * `unreachable` without an answer, or with a 5xx or 429 (the outcome is unknown: the next attempt
 * keeps the key, so Stripe cannot refund twice).
 */
export async function requestRefund(stripe: Stripe, refund: ClaimedRefund): Promise<RefundOutcome> {
  try {
    const created = await stripe.refunds.create(
      {
        payment_intent: refund.intent_id,
        amount: Number(refund.amount_minor),
        reason: 'requested_by_customer',
        metadata: { roost_booking_id: refund.booking_id, roost_refund_id: refund.id },
      },
      { idempotencyKey: refund.idempotency_key, stripeAccount: refund.stripe_account_id },
    );
    return { outcome: 'requested', stripeRefundId: created.id };
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    const answered = typeof status === 'number' && status < 500 && status !== 429;
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: answered ? 'refused' : 'unreachable', error: message.slice(0, 500) };
  }
}

/** Claims up to `batch` due refunds at a time until none is due; returns what Stripe answered. */
export async function sweepRefunds(options: { sql: Sql; stripe: Stripe; batch?: number }): Promise<SweepResult> {
  const { sql, stripe } = options;
  const result: SweepResult = { requested: 0, refused: 0, unreachable: 0 };
  // A bound on one sweep: rows that fail come back only after their pause, so this ends anyway.
  for (let round = 0; round < 50; round += 1) {
    const claimed = await sql<ClaimedRefund[]>`
      select id, booking_id, intent_id, stripe_account_id, amount_minor::text, idempotency_key, attempts
      from private.claim_due_refunds(${options.batch ?? 20})`;
    if (claimed.length === 0) break;
    for (const refund of claimed) {
      const answer = await requestRefund(stripe, refund);
      await sql`select private.record_refund_attempt(${refund.id}::uuid, ${answer.outcome},
        ${answer.outcome === 'requested' ? answer.stripeRefundId : null},
        ${answer.outcome === 'requested' ? null : answer.error})`;
      result[answer.outcome] += 1;
    }
  }
  return result;
}
