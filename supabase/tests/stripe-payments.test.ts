// Stripe in the database (decision 036): guest payments posted once to the folio whatever the
// order or repetition of Stripe's events, refunds under the cancellation policy, the tenants'
// subscriptions mirrored in event order, and plans that limit the number of properties.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asServiceRole, asUser, pgError, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let account = '';
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'stripe');
  // The billing fixture's connected account, which takes payments.
  account = tenant.extra.billing?.stripeAccountId ?? '';
});

/** Ends the billing fixture's Scale subscription, so the organization's own plan (or trial) applies. */
async function withoutFixtureSubscription(t: Tenant): Promise<void> {
  await db.admin`update public.billing_subscriptions set status = 'canceled' where id = ${t.extra.billing?.subscriptionId ?? ''}`;
}

let eventSeq = 0;
const eventId = () => `evt_${randomBytes(8).toString('hex')}${++eventSeq}`;
const intentId = () => `pi_${randomBytes(8).toString('hex')}`;

function event(type: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id: eventId(),
    object: 'event',
    type,
    account,
    created: Math.floor(Date.now() / 1000),
    data: { object },
    ...extra,
  };
}

async function process(evt: Record<string, unknown>): Promise<Record<string, unknown>> {
  const [row] = await asServiceRole(
    db.admin,
    (tx) => tx`select private.process_stripe_event(${tx.json(evt as never)}) as r`,
  );
  return row?.r as Record<string, unknown>;
}

/** A held booking `fromDay` days ahead in one of the fixture's rooms, and its recorded intent. */
async function heldBookingWithIntent(room: 'room102' | 'room103' | 'room104', fromDay: number, amount = 5000) {
  const [booking] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`select * from public.create_booking(p_resource_id => ${ids()[room]}, p_guest_id => ${ids().guestId},
      p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int,
      p_departure => (now() at time zone 'Europe/Lisbon')::date + ${fromDay + 1}::int, p_party_size => 2)`,
  );
  const intent = intentId();
  await asServiceRole(
    db.admin,
    (tx) => tx`select private.record_guest_payment(${intent}, ${account}, ${tenant.propertyIds[0]}::uuid, 'booking',
      ${booking?.id}::uuid, ${amount}, 'EUR', 100, 'requires_payment_method')`,
  );
  return { bookingId: booking?.id as string, intent };
}

const intentObject = (id: string, bookingId: string, amount: number) => ({
  id,
  object: 'payment_intent',
  amount,
  amount_received: amount,
  currency: 'eur',
  status: 'succeeded',
  metadata: { roost_kind: 'booking', roost_id: bookingId, property_id: tenant.propertyIds[0] },
});
const chargeObject = (intent: string, bookingId: string, amount: number, refunded: number) => ({
  id: `ch_${intent.slice(3)}`,
  object: 'charge',
  amount,
  amount_captured: amount,
  amount_refunded: refunded,
  currency: 'eur',
  payment_intent: intent,
  metadata: { roost_kind: 'booking', roost_id: bookingId, property_id: tenant.propertyIds[0] },
});

async function moneyOf(bookingId: string) {
  return db.admin<{ kind: string; amount_minor: string; external_reference: string }[]>`
    select e.kind::text, e.amount_minor, e.external_reference from public.folio_entries e
    join public.folios f on f.id = e.folio_id
    where f.booking_id = ${bookingId} and e.kind in ('payment', 'refund') order by e.created_at`;
}

const statusOf = async (bookingId: string) =>
  (await db.admin`select status::text from public.bookings where id = ${bookingId}`)[0]?.status as string;

describe('guest payments from Stripe events', () => {
  it('posts a payment once and confirms the held booking, however often the event comes', async () => {
    const { bookingId, intent } = await heldBookingWithIntent('room102', 40);
    const succeeded = event('payment_intent.succeeded', intentObject(intent, bookingId, 5000));
    expect(await process(succeeded)).toMatchObject({ outcome: 'processed', booking_status: 'confirmed' });
    expect(await process(succeeded)).toEqual({ outcome: 'duplicate' });
    // The same fact under another event id (Stripe may send both) changes nothing either.
    expect(await process({ ...succeeded, id: eventId() })).toEqual({ outcome: 'duplicate' });
    expect(await statusOf(bookingId)).toBe('confirmed');
    expect(await moneyOf(bookingId)).toEqual([{ kind: 'payment', amount_minor: '-5000', external_reference: intent }]);
  });

  it('applies a refund that arrives before its payment, and each refunded unit once', async () => {
    const { bookingId, intent } = await heldBookingWithIntent('room103', 41);
    const full = event('charge.refunded', chargeObject(intent, bookingId, 5000, 3000));
    const partial = event('charge.refunded', chargeObject(intent, bookingId, 5000, 1000));
    expect(await process(full)).toMatchObject({ outcome: 'processed', refunded_minor: 3000 });
    expect(await process(partial)).toEqual({ outcome: 'duplicate' });
    expect(await process(event('payment_intent.succeeded', intentObject(intent, bookingId, 5000)))).toEqual({
      outcome: 'duplicate',
    });
    const money = await moneyOf(bookingId);
    expect(money.map((m) => [m.kind, m.amount_minor])).toEqual([
      ['payment', '-5000'],
      ['refund', '3000'],
    ]);
  });

  it('refunds a payment that arrives for a booking no longer held', async () => {
    const { bookingId, intent } = await heldBookingWithIntent('room104', 42);
    await asUser(db.admin, tenant.members.staff, (tx) => tx`select public.cancel_booking(${bookingId})`);
    const result = await process(event('payment_intent.succeeded', intentObject(intent, bookingId, 5000)));
    expect(result).toMatchObject({
      outcome: 'processed',
      booking_status: 'cancelled',
      refund: { intent_id: intent, stripe_account_id: account, amount_minor: 5000 },
    });
  });

  it('asks back what the cancellation policy allows, once', async () => {
    const { bookingId, intent } = await heldBookingWithIntent('room102', 43);
    await process(event('payment_intent.succeeded', intentObject(intent, bookingId, 5000)));
    // Cancelled with a fee of 1200 (set directly: the policy's arithmetic is cancel_booking's own test).
    await db.admin`update public.bookings set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 1200
      where id = ${bookingId}`;
    const due = () =>
      asServiceRole(
        db.admin,
        (tx) => tx`select intent_id, amount_minor from private.booking_refunds_due(${bookingId})`,
      );
    expect(await due()).toEqual([{ intent_id: intent, amount_minor: '3800' }]);
    expect(await due()).toEqual([]);
    expect(await process(event('charge.refunded', chargeObject(intent, bookingId, 5000, 3800)))).toMatchObject({
      outcome: 'processed',
    });
    expect(await due()).toEqual([]);
  });

  it('notes a failed payment and leaves the hold as it is', async () => {
    const { bookingId, intent } = await heldBookingWithIntent('room103', 44);
    const failed = { ...intentObject(intent, bookingId, 5000), status: 'requires_payment_method' };
    const result = await process(
      event('payment_intent.payment_failed', { ...failed, last_payment_error: { message: 'Your card was declined.' } }),
    );
    expect(result).toMatchObject({ outcome: 'processed', payment_status: 'failed' });
    expect(await statusOf(bookingId)).toBe('held');
    const [state] = await asServiceRole(
      db.admin,
      (tx) => tx`select * from private.guest_payment_state('booking', ${bookingId})`,
    );
    expect(state).toMatchObject({ intent_id: intent, last_error: 'Your card was declined.', paid_at: null });
  });

  it('stores an unknown event type and ignores it; a payment of another account is ignored', async () => {
    const unknown = event('invoice.paid', { id: 'in_1', object: 'invoice' });
    expect(await process(unknown)).toMatchObject({ outcome: 'ignored', reason: 'unhandled_type' });
    const [stored] =
      await db.admin`select type, outcome, processed_at from private.stripe_events where id = ${unknown.id}`;
    expect(stored).toMatchObject({ type: 'invoice.paid', outcome: 'ignored' });
    const { bookingId, intent } = await heldBookingWithIntent('room104', 45);
    const foreign = event('payment_intent.succeeded', intentObject(intent, bookingId, 5000), { account: 'acct_other' });
    expect(await process(foreign)).toMatchObject({ outcome: 'ignored', reason: 'account_mismatch' });
    expect(await statusOf(bookingId)).toBe('held');
  });

  it('keeps the events and payments away from members and guests', async () => {
    for (const query of [
      'select * from private.stripe_events',
      'select * from private.guest_payments',
      `select private.process_stripe_event('{}'::jsonb)`,
    ]) {
      const error = await pgError(asUser(db.admin, tenant.members.owner, (tx) => tx.unsafe(query)));
      expect(error.code).toBe('42501');
    }
  });
});

describe('tenant billing', () => {
  async function subscriptionEvent(
    type: string,
    org: string,
    customer: string,
    sub: Record<string, unknown>,
    at: number,
  ) {
    // The organization keeps its first customer (the billing fixture's): events name that one.
    const [kept] = await asServiceRole(
      db.admin,
      (tx) => tx`select private.set_billing_customer(${org}::uuid, ${customer}) as id`,
    );
    expect(kept?.id).toBe(customer);
    return process({
      id: eventId(),
      object: 'event',
      type,
      created: at,
      data: { object: { object: 'subscription', customer, metadata: { organization_id: org }, ...sub } },
    });
  }

  it('mirrors subscription events in their order, not their arrival', async () => {
    const other = await createTenant(db.admin, 'billing');
    const customer = other.extra.billing?.stripeCustomerId ?? '';
    const sub = `sub_${randomBytes(6).toString('hex')}`;
    const base = { id: sub, metadata: { organization_id: other.organizationId, roost_plan: 'growth' } };
    const now = Math.floor(Date.now() / 1000);
    await subscriptionEvent(
      'customer.subscription.created',
      other.organizationId,
      customer,
      { ...base, status: 'trialing' },
      now,
    );
    await subscriptionEvent(
      'customer.subscription.deleted',
      other.organizationId,
      customer,
      { ...base, status: 'canceled' },
      now + 20,
    );
    const stale = await subscriptionEvent(
      'customer.subscription.updated',
      other.organizationId,
      customer,
      { ...base, status: 'active' },
      now + 10,
    );
    expect(stale).toMatchObject({ outcome: 'ignored', reason: 'stale_event' });
    const [row] =
      await db.admin`select status, plan_id from public.billing_subscriptions where stripe_subscription_id = ${sub}`;
    expect(row).toEqual({ status: 'canceled', plan_id: 'growth' });
  });

  it('stops a Starter organization at its first property with a stable code', async () => {
    const small = await createTenant(db.admin, 'starter');
    await withoutFixtureSubscription(small);
    // The fixture made two properties as the service side; a Starter plan allows one.
    const customer = small.extra.billing?.stripeCustomerId ?? '';
    await subscriptionEvent(
      'customer.subscription.created',
      small.organizationId,
      customer,
      {
        id: `sub_${randomBytes(6).toString('hex')}`,
        status: 'active',
        metadata: { organization_id: small.organizationId, roost_plan: 'starter' },
      },
      Math.floor(Date.now() / 1000),
    );
    const error = await pgError(
      asUser(
        db.admin,
        small.members.owner,
        (tx) => tx`insert into public.properties (organization_id, name) values (${small.organizationId}, 'Annex')`,
      ),
    );
    expect(error).toMatchObject({ code: 'P0001', message: 'plan_limit_reached' });
    const [overview] = await asUser(
      db.admin,
      small.members.owner,
      (tx) => tx`select public.billing_overview(${small.organizationId}) as o`,
    );
    expect(overview?.o).toMatchObject({ plan_id: 'starter', status: 'active', max_properties: 1, property_count: 2 });
    // An organization on Scale (the fixture's plan) may add one.
    await asUser(
      db.admin,
      tenant.members.owner,
      (tx) => tx`insert into public.properties (organization_id, name) values (${tenant.organizationId}, 'Annex')`,
    );
    const staffView = await pgError(
      asUser(db.admin, tenant.members.manager, (tx) => tx`select public.billing_overview(${tenant.organizationId})`),
    );
    expect(staffView).toMatchObject({ code: '42501', message: 'insufficient_role' });
  });

  it('ends the trial without a subscription: subscription_required', async () => {
    const late = await createTenant(db.admin, 'late');
    await withoutFixtureSubscription(late);
    await db.admin`update public.organizations set created_at = now() - interval '30 days' where id = ${late.organizationId}`;
    const error = await pgError(
      asUser(
        db.admin,
        late.members.owner,
        (tx) => tx`insert into public.properties (organization_id, name) values (${late.organizationId}, 'Annex')`,
      ),
    );
    expect(error).toMatchObject({ code: 'P0001', message: 'subscription_required' });
  });
});
