// The local Stripe stand-in, driven by the real `stripe` SDK through its host/port/protocol
// options: the endpoints Roost calls, Stripe's error shapes, idempotency keys, and webhooks whose
// signature the SDK's own constructEvent accepts (and a tampered one it refuses).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseForm } from './form.ts';
import { stripeLocalKeys } from './keys.ts';
import { type StripeStandIn, startStripeStandIn } from './server.ts';

const keys = stripeLocalKeys({ jwt_secret: 'a-test-secret-of-at-least-32-characters!!' });
let standIn: StripeStandIn;
let stripe: Stripe;
let receiver: Server;
const received: { body: string; signature: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['stripe-signature']),
      });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/functions/v1/stripe-webhook`;
  standIn = await startStripeStandIn({ ...keys, webhookUrl: hook });
  stripe = new Stripe(keys.secretKey, {
    host: standIn.host,
    port: standIn.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
});

afterAll(async () => {
  await standIn?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const account = 'acct_testHotel1';

describe('form encoding', () => {
  it('decodes bracketed keys into objects and arrays', () => {
    expect(
      parseForm(
        'amount=100&metadata[a]=1&line_items[0][price_data][currency]=eur&line_items[1][quantity]=2&expand[]=x&expand[]=y',
      ),
    ).toEqual({
      amount: '100',
      metadata: { a: '1' },
      line_items: [{ price_data: { currency: 'eur' } }, { quantity: '2' }],
      expand: ['x', 'y'],
    });
  });
});

describe('the stand-in with the real SDK', () => {
  it('refuses a wrong key in Stripe’s shape', async () => {
    const wrong = new Stripe('sk_test_wrongwrongwrong', { host: standIn.host, port: standIn.port, protocol: 'http' });
    await expect(wrong.customers.create({ email: 'a@example.test' })).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
  });

  it('creates, reads and confirms a PaymentIntent on a connected account; the signed events verify', async () => {
    const intent = await stripe.paymentIntents.create(
      {
        amount: 12000,
        currency: 'eur',
        application_fee_amount: 180,
        metadata: { roost_kind: 'booking', roost_id: 'b1' },
      },
      { stripeAccount: account, idempotencyKey: 'key-1' },
    );
    expect(intent).toMatchObject({
      object: 'payment_intent',
      amount: 12000,
      currency: 'eur',
      status: 'requires_payment_method',
    });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    // Idempotency: the same key and params replay the same intent; other params are refused.
    const again = await stripe.paymentIntents.create(
      {
        amount: 12000,
        currency: 'eur',
        application_fee_amount: 180,
        metadata: { roost_kind: 'booking', roost_id: 'b1' },
      },
      { stripeAccount: account, idempotencyKey: 'key-1' },
    );
    expect(again.id).toBe(intent.id);
    await expect(
      stripe.paymentIntents.create({ amount: 1, currency: 'eur' }, { stripeAccount: account, idempotencyKey: 'key-1' }),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    // Another account does not see it; the platform neither.
    await expect(stripe.paymentIntents.retrieve(intent.id)).rejects.toMatchObject({
      code: 'resource_missing',
      statusCode: 404,
    });
    expect((await stripe.paymentIntents.retrieve(intent.id, {}, { stripeAccount: account })).status).toBe(
      'requires_payment_method',
    );

    // The test page's "Pay" confirms it and sends the events.
    const pageUrl = `${standIn.url}/test/pay/${intent.id}?client_secret=${intent.client_secret}`;
    const html = await (await fetch(pageUrl)).text();
    expect(html).toContain('Pay €120.00');
    const paid = await fetch(`${standIn.url}/test/pay/${intent.id}`, {
      method: 'POST',
      body: new URLSearchParams({ client_secret: String(intent.client_secret), action: 'pay' }),
    });
    expect(await paid.text()).toContain('Paid');
    await standIn.settled();
    const succeeded = received
      .map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, keys.webhookSecret))
      .find((event) => event.type === 'payment_intent.succeeded');
    expect(succeeded).toMatchObject({ account, data: { object: { id: intent.id, amount_received: 12000 } } });

    // Refunds: partial, then the rest; more than what is left is refused.
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 }, { stripeAccount: account });
    expect(refund).toMatchObject({ object: 'refund', amount: 2000, status: 'succeeded' });
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 20000 }, { stripeAccount: account }),
    ).rejects.toMatchObject({ code: 'amount_too_large', statusCode: 400 });
    await stripe.refunds.create({ payment_intent: intent.id }, { stripeAccount: account });
    await standIn.settled();
    const refunded = received
      .map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, keys.webhookSecret))
      .filter((event) => event.type === 'charge.refunded')
      .map((event) => (event.data.object as Stripe.Charge).amount_refunded);
    expect(refunded).toEqual([2000, 12000]);
  });

  it('sends a failed payment when the guest declines', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5000, currency: 'eur' }, { stripeAccount: account });
    await fetch(`${standIn.url}/test/pay/${intent.id}`, {
      method: 'POST',
      body: new URLSearchParams({ client_secret: String(intent.client_secret), action: 'decline' }),
    });
    await standIn.settled();
    const last = received.at(-1);
    const event = stripe.webhooks.constructEvent(last?.body ?? '', last?.signature ?? '', keys.webhookSecret);
    expect(event.type).toBe('payment_intent.payment_failed');
    // A tampered body or another secret fails verification.
    expect(() =>
      stripe.webhooks.constructEvent(
        (last?.body ?? '').replace('5000', '1'),
        last?.signature ?? '',
        keys.webhookSecret,
      ),
    ).toThrow(/signature/i);
    expect(() => stripe.webhooks.constructEvent(last?.body ?? '', last?.signature ?? '', 'whsec_other')).toThrow();
    // The test page refuses a wrong client secret.
    expect((await fetch(`${standIn.url}/test/pay/${intent.id}?client_secret=nope`)).status).toBe(404);
  });

  it('onboards a connected account through an account link', async () => {
    const created = await stripe.accounts.create({
      type: 'express',
      email: 'owner@example.test',
      metadata: { organization_id: 'o1' },
    });
    expect(created.charges_enabled).toBe(false);
    const link = await stripe.accountLinks.create({
      account: created.id,
      type: 'account_onboarding',
      refresh_url: 'http://localhost:3000/refresh',
      return_url: 'http://localhost:3000/return',
    });
    const done = await fetch(link.url.replace(/^http:\/\/[^/]+/, standIn.url), {
      method: 'POST',
      body: new URLSearchParams({ action: 'complete' }),
      redirect: 'manual',
    });
    expect(done.headers.get('location')).toBe('http://localhost:3000/return');
    expect((await stripe.accounts.retrieve(created.id)).charges_enabled).toBe(true);
    await standIn.settled();
    const last = received.at(-1);
    expect(stripe.webhooks.constructEvent(last?.body ?? '', last?.signature ?? '', keys.webhookSecret)).toMatchObject({
      type: 'account.updated',
      account: created.id,
    });
  });

  it('subscribes through Checkout and cancels through the portal', async () => {
    const customer = await stripe.customers.create({
      email: 'owner@example.test',
      metadata: { organization_id: 'o1' },
    });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [
        {
          price_data: {
            currency: 'eur',
            unit_amount: 9900,
            recurring: { interval: 'month' },
            product_data: { name: 'Roost Growth' },
          },
          quantity: 1,
        },
      ],
      subscription_data: { trial_period_days: 14, metadata: { organization_id: 'o1', roost_plan: 'growth' } },
      success_url: 'http://localhost:3000/billing?checkout=done',
      cancel_url: 'http://localhost:3000/billing',
    });
    expect(session.url).toContain('/test/checkout/');
    const subscribed = await fetch(String(session.url), {
      method: 'POST',
      body: new URLSearchParams({ action: 'subscribe' }),
      redirect: 'manual',
    });
    expect(subscribed.headers.get('location')).toBe('http://localhost:3000/billing?checkout=done');
    const subs = await stripe.subscriptions.list({ customer: customer.id });
    expect(subs.data).toHaveLength(1);
    expect(subs.data[0]).toMatchObject({ status: 'trialing', metadata: { roost_plan: 'growth' } });
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://localhost:3000/billing',
    });
    await fetch(portal.url, {
      method: 'POST',
      body: new URLSearchParams({ action: 'cancel_now', subscription: subs.data[0]?.id ?? '' }),
      redirect: 'manual',
    });
    expect((await stripe.subscriptions.retrieve(subs.data[0]?.id ?? '')).status).toBe('canceled');
    await standIn.settled();
    const types = received
      .map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, keys.webhookSecret).type)
      .filter((type) => type.startsWith('customer.subscription'));
    expect(types).toEqual(['customer.subscription.created', 'customer.subscription.deleted']);
  });

  it('answers missing parameters and unknown routes in Stripe’s error shape', async () => {
    const response = await fetch(`${standIn.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'currency=eur',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'parameter_missing', param: 'amount' },
    });
    const unknown = await fetch(`${standIn.url}/v1/charges/ch_1/capture`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.secretKey}` },
    });
    expect(unknown.status).toBe(404);
  });
});
