// Refunds as rows (decision 036, session 5 amendment): a cancellation at the desk queues what the
// policy gives back, once, and wakes the worker's queue; attempts are retried with a growing
// pause and end `failed` for a person; charge.refunded marks them refunded; managers may try a
// failed one again; the desk reads them per booking.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asServiceRole, asUser, pgError, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let account = '';
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'refund');
  other = await createTenant(db.admin, 'refund-other');
  account = tenant.extra.billing?.stripeAccountId ?? '';
});

let seq = 0;
const eventId = () => `evt_${randomBytes(8).toString('hex')}${++seq}`;

async function process(type: string, object: Record<string, unknown>) {
  const evt = {
    id: eventId(),
    object: 'event',
    type,
    account,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  };
  const [row] = await asServiceRole(
    db.admin,
    (tx) => tx`select private.process_stripe_event(${tx.json(evt as never)}) as r`,
  );
  return row?.r as Record<string, unknown>;
}

/** A booking `fromDay` days ahead, paid `amount` through an intent (confirmed by the payment event). */
async function paidBooking(room: 'room102' | 'room103' | 'room104', fromDay: number, amount = 5000) {
  const [booking] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`select * from public.create_booking(p_resource_id => ${ids()[room]}, p_guest_id => ${ids().guestId},
      p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int,
      p_departure => (now() at time zone 'Europe/Lisbon')::date + ${fromDay + 1}::int, p_party_size => 2)`,
  );
  const bookingId = booking?.id as string;
  const intent = `pi_${randomBytes(8).toString('hex')}`;
  await asServiceRole(
    db.admin,
    (tx) => tx`select private.record_guest_payment(${intent}, ${account}, ${tenant.propertyIds[0]}::uuid, 'booking',
      ${bookingId}::uuid, ${amount}, 'EUR', 100, 'requires_payment_method')`,
  );
  const metadata = { roost_kind: 'booking', roost_id: bookingId, property_id: tenant.propertyIds[0] };
  await process('payment_intent.succeeded', {
    id: intent,
    object: 'payment_intent',
    amount,
    amount_received: amount,
    currency: 'eur',
    status: 'succeeded',
    metadata,
  });
  const charge = (refunded: number) => ({
    id: `ch_${intent.slice(3)}`,
    object: 'charge',
    amount,
    amount_captured: amount,
    amount_refunded: refunded,
    currency: 'eur',
    payment_intent: intent,
    metadata,
  });
  return { bookingId, intent, charge };
}

const cancelAtDesk = (bookingId: string) =>
  asUser(db.admin, tenant.members.staff, (tx) => tx`select status::text from public.cancel_booking(${bookingId})`);

const refundsOf = (bookingId: string, user = tenant.members.staff) =>
  asUser(db.admin, user, (tx) => tx`select * from public.booking_refunds(${bookingId})`);

const claim = () =>
  asServiceRole(db.admin, (tx) => tx`select * from private.claim_due_refunds(100)`) as Promise<
    { id: string; booking_id: string; amount_minor: string; idempotency_key: string; attempts: number }[]
  >;

const report = (id: string, outcome: 'requested' | 'refused' | 'unreachable', error: string | null = null) =>
  asServiceRole(
    db.admin,
    (tx) =>
      tx`select status, attempts, next_attempt_at - now() as pause, private.refund_key(r) as key
        from private.record_refund_attempt(${id}, ${outcome}, ${outcome === 'requested' ? 're_test' : null}, ${error}) r`,
  );

describe('a cancellation at the desk', () => {
  it('queues the policy refund once and wakes the worker queue', async () => {
    const { bookingId, intent } = await paidBooking('room102', 60);
    expect(await cancelAtDesk(bookingId)).toEqual([{ status: 'cancelled' }]);
    const refunds = await refundsOf(bookingId);
    expect(refunds).toMatchObject([{ amount_minor: '5000', currency: 'EUR', source: 'desk', status: 'pending' }]);
    const [requested] =
      await db.admin`select refund_requested_minor from private.guest_payments where intent_id = ${intent}`;
    expect(requested?.refund_requested_minor).toBe('5000');
    const jobsAfter = await db.admin`select count(*)::int as n from pgboss.job where name = 'guest_refunds'`;
    expect(jobsAfter[0]?.n).toBeGreaterThanOrEqual(1);
    // Nothing more is owed: a guest-side call and a second cancellation queue nothing.
    expect(await asServiceRole(db.admin, (tx) => tx`select * from private.booking_refunds_due(${bookingId})`)).toEqual(
      [],
    );
    await pgError(cancelAtDesk(bookingId));
    expect(await refundsOf(bookingId)).toHaveLength(1);
  });

  it('queues nothing for a booking without a payment', async () => {
    const [booking] = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`select * from public.create_booking(p_resource_id => ${ids().room103}, p_guest_id => ${ids().guestId},
        p_arrival => (now() at time zone 'Europe/Lisbon')::date + 61, p_departure => (now() at time zone 'Europe/Lisbon')::date + 62,
        p_party_size => 2)`,
    );
    await cancelAtDesk(booking?.id);
    expect(await refundsOf(booking?.id)).toEqual([]);
  });

  it('keeps the cancellation fee: only what exceeds it is refunded', async () => {
    const { bookingId } = await paidBooking('room104', 62, 8000);
    // The fee the policy would charge is cancel_booking's own test; here a stay inside the
    // penalty window is simulated by a booking already carrying a fee when the refund is queued.
    await db.admin`update public.bookings set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 3000
      where id = ${bookingId}`;
    const due = await asServiceRole(
      db.admin,
      (tx) => tx`select amount_minor, idempotency_key, refund_id from private.booking_refunds_due(${bookingId})`,
    );
    expect(due).toMatchObject([{ amount_minor: '5000' }]);
    expect(due[0]?.idempotency_key).toBe(`roost:refund:${due[0]?.refund_id}`);
    // A guest-side row waits two minutes for widget-api's own answer before the sweep takes it.
    expect((await claim()).some((row) => row.booking_id === bookingId)).toBe(false);
  });
});

describe('attempts, backoff and the final failure', () => {
  it('retries a refused refund with a growing pause, then fails it for a person', async () => {
    const { bookingId } = await paidBooking('room102', 64);
    await cancelAtDesk(bookingId);
    const pauses: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const mine = (await claim()).filter((row) => row.booking_id === bookingId);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.attempts).toBe(attempt);
      // Refused (Stripe answered: a new key next time) and unreachable (the same key) alternate.
      const refused = attempt % 2 === 1;
      const [state] = await report(
        mine[0]?.id as string,
        refused ? 'refused' : 'unreachable',
        'Your card issuer refused the refund.',
      );
      pauses.push(`${state?.status}:${attempt < 5 ? (state?.pause as string) : '-'}:${state?.key}`);
      // Due again at once for the test (the pause itself is checked above).
      await db.admin`update private.guest_refunds set next_attempt_at = now() where booking_id = ${bookingId}
        and status = 'retrying'`;
    }
    const refundId = ((await refundsOf(bookingId)) as unknown as { id: string }[])[0]?.id;
    const key = `roost:refund:${refundId}`;
    expect(pauses).toEqual([
      `retrying:00:01:00:${key}:1`,
      `retrying:00:04:00:${key}:1`,
      `retrying:00:16:00:${key}:2`,
      `retrying:01:04:00:${key}:2`,
      `failed:-:${key}:3`,
    ]);
    expect((await claim()).some((row) => row.booking_id === bookingId)).toBe(false);
    const [failed] = await refundsOf(bookingId, tenant.members.manager);
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, last_error: 'Your card issuer refused the refund.' });
    expect(failed?.failed_at).not.toBeNull();

    // Staff may read it but not retry it; a manager of another organization does not find it.
    expect(
      await pgError(
        asUser(db.admin, tenant.members.staff, (tx) => tx`select public.retry_guest_refund(${failed?.id})`),
      ),
    ).toMatchObject({ message: 'insufficient_role' });
    expect(
      await pgError(
        asUser(db.admin, other.members.manager, (tx) => tx`select public.retry_guest_refund(${failed?.id})`),
      ),
    ).toMatchObject({ message: 'refund_not_found' });
    const [retried] = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`select public.retry_guest_refund(${failed?.id}) as r`,
    );
    expect(retried?.r).toMatchObject({ status: 'pending' });
    expect(
      await pgError(
        asUser(db.admin, tenant.members.manager, (tx) => tx`select public.retry_guest_refund(${failed?.id})`),
      ),
    ).toMatchObject({ message: 'refund_not_failed' });
    const again = (await claim()).filter((row) => row.booking_id === bookingId);
    expect(again).toMatchObject([{ attempts: 1, idempotency_key: `roost:refund:${failed?.id}:3` }]);
    expect(await report(again[0]?.id as string, 'requested')).toMatchObject([{ status: 'requested' }]);
  });

  it('marks the refund refunded when charge.refunded arrives, and posts it to the folio once', async () => {
    const { bookingId, charge } = await paidBooking('room103', 66);
    await cancelAtDesk(bookingId);
    const [row] = (await claim()).filter((r) => r.booking_id === bookingId);
    await report(row?.id as string, 'requested');
    expect(await refundsOf(bookingId)).toMatchObject([{ status: 'requested' }]);
    expect(await process('charge.refunded', charge(5000))).toMatchObject({ outcome: 'processed' });
    expect(await process('charge.refunded', charge(5000))).toMatchObject({ outcome: 'duplicate' });
    expect(await refundsOf(bookingId)).toMatchObject([{ status: 'refunded' }]);
    const entries = await db.admin`select e.kind::text, e.amount_minor from public.folio_entries e
      join public.folios f on f.id = e.folio_id where f.booking_id = ${bookingId} and e.kind = 'refund'`;
    expect(entries).toEqual([{ kind: 'refund', amount_minor: '5000' }]);
    // A late answer for an attempt changes nothing once refunded.
    expect(await report(row?.id as string, 'refused', 'late')).toMatchObject([{ status: 'refunded' }]);
    expect(
      await pgError(
        asServiceRole(
          db.admin,
          (tx) => tx`select private.record_refund_attempt(${row?.id as string}, 'maybe', ${null}, ${null})`,
        ),
      ),
    ).toMatchObject({ message: 'invalid_outcome' });
  });
});

describe('who reads the refunds', () => {
  it('answers booking_not_found outside the caller’s properties', async () => {
    const { bookingId } = await paidBooking('room104', 68);
    expect(await refundsOf(bookingId, tenant.members.viewer)).toEqual([]);
    expect(await pgError(refundsOf(bookingId, other.members.owner))).toMatchObject({ message: 'booking_not_found' });
    expect(
      await pgError(asUser(db.admin, tenant.members.staff, (tx) => tx`select * from public.booking_refunds(null)`)),
    ).toMatchObject({ message: 'invalid_booking_id' });
  });
});

describe('the deposit policy', () => {
  it('refuses a percentage deposit of 0 % by its constraint, and takes none or a real percentage', async () => {
    const save = (kind: string, bps: number) =>
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`insert into public.property_settings (organization_id, property_id, deposit_kind, deposit_bps)
          values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${kind}, ${bps})
          on conflict (property_id) do update set deposit_kind = excluded.deposit_kind, deposit_bps = excluded.deposit_bps
          returning deposit_kind, deposit_bps`,
      );
    expect(await pgError(save('percentage', 0))).toMatchObject({
      code: '23514',
      constraint_name: 'property_settings_deposit_percentage_positive',
    });
    expect(await save('percentage', 2500)).toEqual([{ deposit_kind: 'percentage', deposit_bps: 2500 }]);
    expect(await save('none', 0)).toEqual([{ deposit_kind: 'none', deposit_bps: 0 }]);
  });
});

describe('a plan switched in the customer portal', () => {
  it('takes the plan from the subscription item’s price, and its property limit with it', async () => {
    const [sub] = await db.admin<{ stripe_subscription_id: string; stripe_customer_id: string; plan_id: string }[]>`
      select stripe_subscription_id, stripe_customer_id, plan_id from public.billing_subscriptions
      where organization_id = ${tenant.organizationId} and status in ('trialing', 'active')`;
    expect(sub?.plan_id).toBe('scale');
    const subscription = {
      id: sub?.stripe_subscription_id,
      object: 'subscription',
      customer: sub?.stripe_customer_id,
      status: 'active',
      cancel_at_period_end: false,
      // The subscription's metadata still names the plan it was bought with.
      metadata: { roost_plan: 'scale' },
      items: {
        object: 'list',
        data: [
          {
            id: 'si_switch',
            object: 'subscription_item',
            current_period_end: Math.floor(Date.now() / 1000) + 86_400 * 20,
            price: { id: 'price_growth', object: 'price', metadata: { roost_plan: 'growth' }, unit_amount: 9900 },
          },
        ],
      },
    };
    const evt = {
      id: eventId(),
      object: 'event',
      type: 'customer.subscription.updated',
      created: Math.floor(Date.now() / 1000) + 5,
      data: { object: subscription },
    };
    const [row] = await asServiceRole(
      db.admin,
      (tx) => tx`select private.process_stripe_event(${tx.json(evt as never)}) as r`,
    );
    expect(row?.r).toMatchObject({ outcome: 'processed', subscription_status: 'active' });
    const [overview] = await asUser(
      db.admin,
      tenant.members.owner,
      (tx) => tx`select public.billing_overview(${tenant.organizationId}) as o`,
    );
    expect(overview?.o).toMatchObject({ plan_id: 'growth', max_properties: 5 });
  });
});
