// stripe-webhook over HTTP on the real runtime, database and SDK, with the local Stripe stand-in
// at the network boundary: a guest pays on the stand-in's test page and the signed event confirms
// the held booking and posts the payment to its folio; a replayed event is processed once;
// refunds before payments, forged signatures, unknown types and malformed events; a cancelled
// booking's refund under its policy through refundCancelledBooking.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFunctionsService } from '../../supabase/local/functions/index.ts';
import { projectRoot, stateDir } from '../../supabase/local/paths.ts';
import {
  type StripeStandIn,
  signPayload,
  startStripeStandIn,
  stripeLocalKeys,
} from '../../supabase/local/stripe/index.ts';
import { useTestStack } from '../../supabase/local/testing/test-stack.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import type { BookingsFixtureIds } from '../../supabase/tests/support/fixtures/bookings.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';

let standIn: StripeStandIn;
const output: string[] = [];
// The webhook and the fixture as functions of one folder: one-line entries that import the real
// modules (inside the repository, so Deno finds its package.json and node_modules).
const functionsDir = mkdtempSync(join(stateDir, 'stripe-functions-'));
for (const [name, target] of [
  ['stripe-webhook', 'functions/stripe-webhook/index.ts'],
  ['guest-payment', 'functions/stripe-webhook/fixtures/guest-payment/index.ts'],
] as const) {
  mkdirSync(join(functionsDir, name));
  writeFileSync(
    join(functionsDir, name, 'index.ts'),
    `import '${relative(join(functionsDir, name), join(projectRoot, target))}';\n`,
  );
}

const stack = useTestStack({
  config: (config) => ({
    ...config,
    functions: { ...config.functions, 'stripe-webhook': { verify_jwt: false }, 'guest-payment': { verify_jwt: false } },
  }),
  services: async (deps) => {
    const keys = stripeLocalKeys(deps.keys);
    standIn = await startStripeStandIn({ ...keys, webhookUrl: `${deps.apiUrl}/functions/v1/stripe-webhook` });
    const envFile = join(deps.dataDir, 'functions.env');
    writeFileSync(envFile, '');
    const functions = createFunctionsService({
      ...deps,
      functionsDir,
      envFile,
      extraEnv: standIn.env(),
      log: (name, stream, line) => output.push(`${name} ${stream} ${line}`),
    });
    return {
      services: { functions: functions.service },
      close: async () => {
        await functions.close();
        await standIn.close();
      },
    };
  },
});

let tenant: Tenant;
let stripe: Stripe;
let webhookSecret: string;
let account = '';
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'hook');
  // The billing fixture's connected account (charges enabled) and Scale plan (a 1 % fee).
  account = tenant.extra.billing?.stripeAccountId ?? '';
  const keys = stripeLocalKeys(stack.keys);
  webhookSecret = keys.webhookSecret;
  stripe = new Stripe(keys.secretKey, { host: standIn.host, port: standIn.port, protocol: 'http', telemetry: false });
});

afterAll(() => rmSync(functionsDir, { recursive: true, force: true }));

async function heldBooking(room: 'room102' | 'room103' | 'room104', fromDay: number): Promise<string> {
  const [booking] = await asUser(
    stack.admin,
    tenant.members.staff,
    (tx) => tx`select id from public.create_booking(p_resource_id => ${ids()[room]}, p_guest_id => ${ids().guestId},
      p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int,
      p_departure => (now() at time zone 'Europe/Lisbon')::date + ${fromDay + 2}::int, p_party_size => 2)`,
  );
  return booking?.id as string;
}

async function guestPayment(body: Record<string, unknown>) {
  const response = await fetch(`${stack.url}/functions/v1/guest-payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function postEvent(payload: string, signature = signPayload(payload, webhookSecret)) {
  const response = await fetch(`${stack.url}/functions/v1/stripe-webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const statusOf = async (bookingId: string) =>
  (await stack.admin`select status::text from public.bookings where id = ${bookingId}`)[0]?.status as string;
const moneyOf = async (bookingId: string) =>
  (
    await stack.admin<{ kind: string; amount_minor: string }[]>`
    select e.kind::text, e.amount_minor from public.folio_entries e join public.folios f on f.id = e.folio_id
    where f.booking_id = ${bookingId} and e.kind in ('payment', 'refund') order by e.created_at`
  ).map((row) => `${row.kind} ${row.amount_minor}`);

describe('guest payment through the stand-in and the webhook', () => {
  let bookingId: string;
  let intent: { intent_id: string; client_secret: string; test_page_url: string; application_fee_minor: number };

  it('creates the intent on the connected account with the fee, once per idempotency key', async () => {
    bookingId = await heldBooking('room102', 50);
    const request = {
      propertyId: tenant.propertyIds[0],
      kind: 'booking',
      id: bookingId,
      amountMinor: 12000,
      currency: 'EUR',
      idempotencyKey: 'confirm-key-0001',
    };
    const first = await guestPayment(request);
    expect(first.status, JSON.stringify(first.body) + output.join('\n')).toBe(200);
    intent = first.body as typeof intent;
    expect(first.body).toMatchObject({ stripe_account: account, amount_minor: 12000, application_fee_minor: 120 });
    expect(intent.test_page_url).toMatch(new RegExp(`^${standIn.url}/test/pay/${intent.intent_id}\\?client_secret=`));
    const again = await guestPayment(request);
    expect(again.body.intent_id).toBe(intent.intent_id);
    const onStripe = await stripe.paymentIntents.retrieve(intent.intent_id, {}, { stripeAccount: account });
    expect(onStripe).toMatchObject({
      application_fee_amount: 120,
      metadata: { roost_kind: 'booking', roost_id: bookingId, property_id: tenant.propertyIds[0] },
    });
    expect((await guestPayment({ ...request, currency: 'USD', idempotencyKey: 'confirm-key-0002' })).body).toEqual({
      code: 'currency_mismatch',
    });
  });

  it('confirms the held booking and posts the payment when the guest pays', async () => {
    const pay = await fetch(intent.test_page_url.replace('/test/pay/', '/test/pay/').split('?')[0] ?? '', {
      method: 'POST',
      body: new URLSearchParams({ client_secret: intent.client_secret, action: 'pay' }),
    });
    expect(pay.status).toBe(200);
    await standIn.settled();
    expect(standIn.events().map((e) => [e.event.type, e.status])).toEqual([
      ['payment_intent.succeeded', 200],
      ['charge.succeeded', 200],
    ]);
    expect(await statusOf(bookingId)).toBe('confirmed');
    expect(await moneyOf(bookingId)).toEqual(['payment -12000']);
  });

  it('processes a replayed event once', async () => {
    const succeeded = standIn.events().find((e) => e.event.type === 'payment_intent.succeeded');
    const payload = JSON.stringify(succeeded?.event, null, 2);
    expect(await postEvent(payload)).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'duplicate' }) });
    const stored =
      await stack.admin`select count(*)::int as n from private.stripe_events where id = ${succeeded?.event.id ?? ''}`;
    expect(stored[0]?.n).toBe(1);
    expect(await moneyOf(bookingId)).toEqual(['payment -12000']);
  });

  it('refunds what the policy allows when the booking is cancelled, and posts it when Stripe says so', async () => {
    // Cancelled as the guest's manage-my-booking does (widget_cancel's rules without its key): a
    // desk cancellation queues its refund for the worker instead (gpu-worker/src/refunds).
    await stack.admin`select private.cancel_locked_booking(private.lock_bookable(${bookingId}), null)`;
    const fee = Number(
      (await stack.admin`select cancellation_fee_minor from public.bookings where id = ${bookingId}`)[0]
        ?.cancellation_fee_minor,
    );
    const first = await guestPayment({ refund_booking: bookingId });
    expect(first.body).toEqual({ refund_minor: 12000 - fee });
    expect((await guestPayment({ refund_booking: bookingId })).body).toEqual({ refund_minor: 0 });
    await standIn.settled();
    expect(await moneyOf(bookingId)).toEqual(['payment -12000', `refund ${12000 - fee}`]);
  });
});

describe('events the webhook refuses or ignores', () => {
  const event = (type: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id: `evt_${Math.random().toString(36).slice(2)}${Date.now()}`,
      object: 'event',
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      ...extra,
    });

  it('refuses a forged or missing signature with 400 and stores nothing', async () => {
    const payload = event('payment_intent.succeeded', { id: 'pi_forged', object: 'payment_intent' });
    const before = (await stack.admin`select count(*)::int as n from private.stripe_events`)[0]?.n;
    expect((await postEvent(payload, signPayload(payload, 'whsec_notTheRealSecret'))).status).toBe(400);
    expect(
      (await postEvent(payload, signPayload(payload.replace('pi_forged', 'pi_other'), webhookSecret))).status,
    ).toBe(400);
    const old = Math.floor(Date.now() / 1000) - 3600;
    expect((await postEvent(payload, signPayload(payload, webhookSecret, old))).status).toBe(400);
    const unsigned = await fetch(`${stack.url}/functions/v1/stripe-webhook`, { method: 'POST', body: payload });
    expect(unsigned.status).toBe(400);
    expect((await stack.admin`select count(*)::int as n from private.stripe_events`)[0]?.n).toBe(before);
  });

  it('answers 200 ignored to an unknown type, 400 to a malformed event, 405 to GET', async () => {
    expect(await postEvent(event('invoice.finalized', { id: 'in_1', object: 'invoice' }))).toEqual({
      status: 200,
      body: expect.objectContaining({ outcome: 'ignored' }),
    });
    const bad = JSON.stringify({ id: 'not-an-event', object: 'event', type: 'x', data: { object: {} } });
    expect((await postEvent(bad)).status).toBe(400);
    expect((await fetch(`${stack.url}/functions/v1/stripe-webhook`)).status).toBe(405);
  });

  it('applies a refund that arrives before its payment, then ignores the late payment', async () => {
    const booking = await heldBooking('room103', 52);
    const { body } = await guestPayment({
      propertyId: tenant.propertyIds[0],
      kind: 'booking',
      id: booking,
      amountMinor: 8000,
      currency: 'EUR',
      idempotencyKey: 'confirm-key-0003',
    });
    const intentId = String(body.intent_id);
    const metadata = { roost_kind: 'booking', roost_id: booking, property_id: tenant.propertyIds[0] };
    const charge = {
      id: 'ch_outOfOrder1',
      object: 'charge',
      amount: 8000,
      amount_captured: 8000,
      amount_refunded: 8000,
      currency: 'eur',
      payment_intent: intentId,
      metadata,
    };
    const refunded = await postEvent(event('charge.refunded', charge, { account }));
    expect(refunded.body).toMatchObject({ outcome: 'processed' });
    const succeeded = await postEvent(
      event(
        'payment_intent.succeeded',
        { id: intentId, object: 'payment_intent', amount: 8000, amount_received: 8000, currency: 'eur', metadata },
        { account },
      ),
    );
    expect(succeeded.body).toMatchObject({ outcome: 'duplicate' });
    expect(await moneyOf(booking)).toEqual(['payment -8000', 'refund 8000']);
  });
});
