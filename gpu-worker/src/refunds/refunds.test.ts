// The worker's refund sweep against the real `stripe` SDK and the local stand-in (decision 036,
// session 5): a desk cancellation's refund is asked of Stripe once and, with Stripe's
// `charge.refunded`, posted to the folio; a refund the stand-in drops on the network keeps its
// idempotency key, one it refuses gets the next key, and one that keeps failing ends `failed`.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type StripeStandIn, startStripeStandIn, stripeLocalKeys } from '../../../supabase/local/stripe/index.ts';
import { asServiceRole, asUser, useTestDatabase } from '../../../supabase/tests/support/db.ts';
import type { BookingsFixtureIds } from '../../../supabase/tests/support/fixtures/bookings.ts';
import { createTenant, type Tenant } from '../../../supabase/tests/support/tenants.ts';
import { quietLogger, waitFor } from '../jobs/testing/support.ts';
import { type RefundService, startRefunds } from './index.ts';
import { createStripeClient, stripeSettingsFromEnv } from './stripe-client.ts';
import { sweepRefunds } from './sweep.ts';

const db = useTestDatabase();
let standIn: StripeStandIn;
let stripe: Stripe;
let tenant: Tenant;
let account = '';
let dbUrl = '';
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  const keys = stripeLocalKeys({ jwt_secret: randomBytes(32).toString('hex') } as never);
  standIn = await startStripeStandIn(keys);
  const settings = stripeSettingsFromEnv(standIn.env());
  if (!settings) throw new Error('the stand-in gave no secret key');
  stripe = createStripeClient(settings);
  tenant = await createTenant(db.admin, 'rfw');
  account = tenant.extra.billing?.stripeAccountId ?? '';
  const { port, password } = inject('database');
  dbUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db.name}`;
});

afterAll(async () => {
  await standIn?.close();
});

/** Hands the stand-in's events for an intent to the database, as the stripe-webhook function does. */
async function deliverEvents(type: string, intent: string) {
  await standIn.settled();
  for (const { event } of standIn.events()) {
    const object = (event.data as { object: Record<string, unknown> }).object;
    if (event.type !== type || (object.payment_intent ?? object.id) !== intent) continue;
    await asServiceRole(db.admin, (tx) => tx`select private.process_stripe_event(${tx.json(event as never)})`);
  }
}

/** A booking paid on the stand-in (`amount` on the fixture's connected account), then cancelled at the desk. */
async function cancelledPaidBooking(room: 'room102' | 'room103' | 'room104', fromDay: number, amount = 6000) {
  const [booking] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`select * from public.create_booking(p_resource_id => ${ids()[room]}, p_guest_id => ${ids().guestId},
      p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int,
      p_departure => (now() at time zone 'Europe/Lisbon')::date + ${fromDay + 1}::int, p_party_size => 2)`,
  );
  const bookingId = booking?.id as string;
  const intent = await stripe.paymentIntents.create(
    {
      amount,
      currency: 'eur',
      application_fee_amount: 60,
      metadata: { roost_kind: 'booking', roost_id: bookingId, property_id: tenant.propertyIds[0] ?? '' },
    },
    { stripeAccount: account },
  );
  await asServiceRole(
    db.admin,
    (tx) => tx`select private.record_guest_payment(${intent.id}, ${account}, ${tenant.propertyIds[0]}::uuid, 'booking',
      ${bookingId}::uuid, ${amount}, 'EUR', 60, ${intent.status})`,
  );
  await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }, { stripeAccount: account });
  await deliverEvents('payment_intent.succeeded', intent.id);
  await asUser(db.admin, tenant.members.staff, (tx) => tx`select public.cancel_booking(${bookingId})`);
  return { bookingId, intentId: intent.id };
}

const refundOf = async (bookingId: string) =>
  (
    await db.admin`select id, status, attempts, key_generation, last_error, stripe_refund_id, amount_minor::int as amount
      from private.guest_refunds where booking_id = ${bookingId}`
  )[0] as {
    id: string;
    status: string;
    attempts: number;
    key_generation: number;
    last_error: string | null;
    stripe_refund_id: string | null;
    amount: number;
  };

/** Stripe's running refunded total on the intent's charge, from the stand-in's last charge.refunded. */
const refundedOnStripe = async (intentId: string) => {
  await standIn.settled();
  const charges = standIn
    .events()
    .filter(({ event }) => event.type === 'charge.refunded')
    .map(({ event }) => (event.data as { object: { payment_intent: string; amount_refunded: number } }).object)
    .filter((charge) => charge.payment_intent === intentId);
  return charges.at(-1)?.amount_refunded;
};

const makeDue = (bookingId: string) =>
  db.admin`update private.guest_refunds set next_attempt_at = now() where booking_id = ${bookingId}`;

describe('the refund sweep', () => {
  it('retries a refund lost on the network under the same key, a refused one under the next', async () => {
    const { bookingId, intentId } = await cancelledPaidBooking('room103', 50);
    // Two drops: the SDK itself retries a closed connection once (same key), then gives up.
    standIn.failRefunds('network', 2);
    expect(await sweepRefunds({ sql: db.admin, stripe })).toEqual({ requested: 0, refused: 0, unreachable: 1 });
    expect(await refundOf(bookingId)).toMatchObject({ status: 'retrying', attempts: 1, key_generation: 0 });

    await makeDue(bookingId);
    standIn.failRefunds('refuse', 1);
    expect(await sweepRefunds({ sql: db.admin, stripe })).toEqual({ requested: 0, refused: 1, unreachable: 0 });
    const refused = await refundOf(bookingId);
    expect(refused).toMatchObject({ status: 'retrying', attempts: 2, key_generation: 1 });
    expect(refused.last_error).toMatch(/insufficient funds/);
    // Stripe keeps the refusal under the old key: asked again with it, it is refused again.
    await expect(
      stripe.refunds.create(
        {
          payment_intent: intentId,
          amount: 6000,
          reason: 'requested_by_customer',
          metadata: { roost_booking_id: bookingId, roost_refund_id: refused.id },
        },
        { idempotencyKey: `roost:refund:${refused.id}`, stripeAccount: account },
      ),
    ).rejects.toMatchObject({ code: 'balance_insufficient' });

    await makeDue(bookingId);
    expect(await sweepRefunds({ sql: db.admin, stripe })).toEqual({ requested: 1, refused: 0, unreachable: 0 });
    expect(await refundOf(bookingId)).toMatchObject({ status: 'requested', attempts: 3, last_error: null });
    expect(await refundedOnStripe(intentId)).toBe(6000);
  });

  it('ends a refund that keeps failing as failed, for a person, and tells the property’s managers', async () => {
    const { bookingId } = await cancelledPaidBooking('room104', 52);
    const toldOfIt = async () =>
      db.admin<{ user_id: string; title: string; body: string; link: string }[]>`
        select user_id, title, body, link from public.notifications
        where event = 'refund_failed' and link like ${`%/bookings/${bookingId}`}`;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      // Retrying is not failing: nobody is told before the last attempt.
      expect(await toldOfIt()).toEqual([]);
      standIn.failRefunds('refuse', 1);
      await sweepRefunds({ sql: db.admin, stripe });
      await db.admin`update private.guest_refunds set next_attempt_at = now()
        where booking_id = ${bookingId} and status = 'retrying'`;
    }
    expect(await refundOf(bookingId)).toMatchObject({ status: 'failed', attempts: 5, key_generation: 5 });
    expect(await sweepRefunds({ sql: db.admin, stripe })).toEqual({ requested: 0, refused: 0, unreachable: 0 });

    // Manager, admin and owner, once each; not staff or viewers (they cannot try it again).
    const told = await toldOfIt();
    const { manager, admin, owner } = tenant.members;
    expect(told.map((row) => row.user_id).sort()).toEqual([manager.id, admin.id, owner.id].sort());
    const [reference] = await db.admin<
      { reference: string }[]
    >`select reference from public.bookings where id = ${bookingId}`;
    expect(told[0]).toMatchObject({
      title: `Refund failed: booking ${reference?.reference}`,
      link: `/o/${tenant.slug}/p/${tenant.propertyIds[0]}/bookings/${bookingId}`,
    });
    expect(told[0]?.body).toMatch(/^60\.00 EUR not refunded after 5 attempts: .+ try again from the booking\.$/);
    // The manager reads it as themselves (RLS); staff see none of it.
    const readAs = (user: typeof manager) =>
      asUser(
        db.admin,
        user,
        (tx) =>
          tx`select title from public.notifications where event = 'refund_failed' and link = ${told[0]?.link ?? ''}`,
      );
    expect(await readAs(manager)).toHaveLength(1);
    expect(await readAs(tenant.members.staff)).toHaveLength(0);
  });
});

describe('the refund service', () => {
  let service: RefundService | undefined;
  afterAll(async () => {
    await service?.stop();
  });

  it('registers its schedule and refunds a desk cancellation once, posted to the folio by charge.refunded', async () => {
    const workerDb = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      service = await startRefunds({ dbUrl, stripe, log: quietLogger(), pollingIntervalSeconds: 0.5 });
      const [schedule] = await workerDb`select cron from pgboss.schedule where name = 'guest_refunds'`;
      expect(schedule?.cron).toBe('* * * * *');
      const { bookingId, intentId } = await cancelledPaidBooking('room102', 54, 7000);
      // The cancellation woke the queue: the sweep runs without waiting for the minute.
      const requested = await waitFor('the refund to be requested', async () => {
        const row = await refundOf(bookingId);
        return row?.status === 'requested' ? row : undefined;
      });
      expect(requested).toMatchObject({ amount: 7000, attempts: 1 });
      expect(requested.stripe_refund_id).toMatch(/^re_/);
      expect(await refundedOnStripe(intentId)).toBe(7000);

      await deliverEvents('charge.refunded', intentId);
      await deliverEvents('charge.refunded', intentId);
      expect(await refundOf(bookingId)).toMatchObject({ status: 'refunded' });
      const entries = await db.admin`select e.amount_minor::int as amount from public.folio_entries e
        join public.folios f on f.id = e.folio_id where f.booking_id = ${bookingId} and e.kind = 'refund'`;
      expect(entries).toEqual([{ amount: 7000 }]);
      // Another sweep finds nothing owed.
      expect(await sweepRefunds({ sql: db.admin, stripe })).toEqual({ requested: 0, refused: 0, unreachable: 0 });
    } finally {
      await workerDb.end();
    }
  });
});
