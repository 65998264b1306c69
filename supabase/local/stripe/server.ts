// The local Stripe stand-in (decision 036): Stripe's servers cannot be reached from here, so
// `npm start` and the tests point the real `stripe` SDK at this server (its host/port/protocol
// options). It implements exactly the endpoints Roost calls, form-encoded as Stripe receives them,
// with Stripe's error shapes and idempotency keys, and sends the events Stripe would send to the
// stripe-webhook function, signed with the real scheme. Its pages stand in for Stripe.js' card
// form (`/test/pay/<intent>`: "Pay" / "Decline"), Checkout, the customer portal and Connect
// onboarding. State lives in memory and, with `stateFile`, survives restarts.
//
// API (Authorization: Bearer <secret key>; Stripe-Account: acct_… for connected-account calls):
//   POST /v1/payment_intents, GET /v1/payment_intents/:id, POST /v1/payment_intents/:id/confirm
//   POST /v1/refunds, GET /v1/refunds/:id
//   POST /v1/accounts, GET /v1/accounts/:id, POST /v1/account_links
//   POST /v1/customers, GET /v1/customers/:id
//   POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/billing_portal/sessions
//   GET /v1/subscriptions?customer=, GET|POST|DELETE /v1/subscriptions/:id
//   POST /v1/prices (recurring, with product_data, lookup_key, metadata), GET /v1/prices?lookup_keys[]=
// The customer portal offers switching to any other active recurring price of the platform (Stripe:
// the prices of the portal configuration's products) and sends customer.subscription.updated.
// Failure switch (tests): `failRefunds('refuse' | 'network', times)` or POST /test/failures
// {"refunds": "refuse"|"network"|null, "times": n}: the next n refund creations are refused as
// Stripe refuses them (an error answer, kept under the idempotency key as Stripe keeps it) or
// lose their connection before any answer (nothing done, nothing kept).
// Simplification: a connected account named in Stripe-Account that the stand-in has never seen is
// taken as an onboarded one (so seeded demo accounts work on a fresh stand-in).
import { timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { FormError, type FormObject, type FormValue, parseForm } from './form.ts';
import {
  amountParam,
  booleanParam,
  currencyParam,
  invalid,
  list,
  metadataParam,
  missingParam,
  newId,
  noSuch,
  now,
  StripeApiError,
  type StripeObject,
  stringParam,
  urlParam,
} from './objects.ts';
import { checkoutPage, connectPage, page, paymentPage, portalPage } from './pages.ts';
import { signPayload } from './signature.ts';

export const STRIPE_API_VERSION = '2026-10-28.endive';
const MAX_BODY_BYTES = 1024 * 1024;
const DECLINING_METHODS = new Set(['pm_card_chargeDeclined', 'pm_card_visa_chargeDeclined']);

export interface StripeStandInOptions {
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Where events are POSTed (the stripe-webhook function); unset: events are only recorded. */
  webhookUrl?: string;
  host?: string;
  port?: number;
  /** A JSON file keeping the state between runs (npm start); tests keep it in memory. */
  stateFile?: string;
  log?: (line: string) => void;
}

export interface DeliveredEvent {
  event: StripeObject;
  status: number | null;
  attempts: number;
}

export interface StripeStandIn {
  url: string;
  host: string;
  port: number;
  /** The STRIPE_* variables that point the SDK (in a function) at this server. */
  env(): Record<string, string>;
  /** Every event sent, oldest first, with its last delivery answer. */
  events(): DeliveredEvent[];
  /** Resolves once every delivery started so far has ended. */
  settled(): Promise<void>;
  /** Sends an event as Stripe would (tests: replays, forged order). */
  send(type: string, object: StripeObject, account?: string | null): Promise<DeliveredEvent>;
  /** The next `times` refund creations fail (null: none does); see the failure switch above. */
  failRefunds(mode: RefundFailure | null, times?: number): void;
  close(): Promise<void>;
}

export type RefundFailure = 'refuse' | 'network';

interface Stored {
  account: string | null;
  value: StripeObject;
}

interface State {
  objects: Record<string, Stored>;
  idempotency: Record<string, { fingerprint: string; status: number; body: unknown }>;
}

interface Call {
  method: string;
  path: string[];
  params: FormObject;
  account: string | null;
}

type Answer = { status: number; body: unknown };

function loadState(file: string | undefined): State {
  if (file && existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as State;
      if (parsed.objects && parsed.idempotency) return parsed;
    } catch {
      // A damaged file starts over: it only holds test objects.
    }
  }
  return { objects: {}, idempotency: {} };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new StripeApiError(413, 'invalid_request_error', 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const safeEqual = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const state = loadState(options.stateFile);
  const delivered: DeliveredEvent[] = [];
  const pending = new Set<Promise<unknown>>();
  let base = '';
  const refundFailures: { mode: RefundFailure | null; remaining: number } = { mode: null, remaining: 0 };
  const failRefunds = (mode: RefundFailure | null, times = 1) => {
    refundFailures.mode = mode;
    refundFailures.remaining = mode ? Math.max(0, Math.floor(times)) : 0;
  };
  /** Whether this refund creation is to fail as `mode` (and counts it). */
  const refundFails = (mode: RefundFailure): boolean => {
    if (refundFailures.mode !== mode || refundFailures.remaining <= 0) return false;
    refundFailures.remaining -= 1;
    return true;
  };

  function save(): void {
    if (!options.stateFile) return;
    mkdirSync(dirname(options.stateFile), { recursive: true });
    const temporary = `${options.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, options.stateFile);
  }

  function put(value: StripeObject, account: string | null): StripeObject {
    state.objects[value.id] = { account, value };
    return value;
  }

  /** An object of a kind, seen from the calling account (another account's object does not exist). */
  function get(kind: string, id: string, account: string | null, label = kind): StripeObject {
    const stored = state.objects[id];
    if (!stored || stored.value.object !== kind || stored.account !== account) throw noSuch(label, id);
    return stored.value;
  }

  function connectedAccount(id: string): StripeObject {
    const stored = state.objects[id];
    if (stored?.value.object === 'account') return stored.value;
    return put(accountObject(id, null, {}, true), null);
  }

  // --- Events -------------------------------------------------------------------------------

  async function deliver(event: StripeObject): Promise<DeliveredEvent> {
    const record: DeliveredEvent = { event, status: null, attempts: 0 };
    delivered.push(record);
    if (!options.webhookUrl) return record;
    const payload = JSON.stringify(event, null, 2);
    for (const delay of [0, 300, 1000, 3000, 6000]) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      record.attempts += 1;
      try {
        const response = await fetch(options.webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signPayload(payload, options.webhookSecret),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          },
          body: payload,
          signal: AbortSignal.timeout(30_000),
        });
        record.status = response.status;
        await response.arrayBuffer();
        if (response.ok) return record;
        log(`stripe stand-in: ${event.type} ${event.id} answered ${response.status}`);
      } catch (error) {
        log(`stripe stand-in: ${event.type} ${event.id} not delivered (${(error as Error).message})`);
      }
    }
    return record;
  }

  function emit(type: string, object: StripeObject, account: string | null): Promise<DeliveredEvent> {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: options.webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
      type,
      ...(account ? { account } : {}),
    };
    const delivery = deliver(event);
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
    return delivery;
  }

  // --- Objects --------------------------------------------------------------------------------

  function accountObject(id: string, email: string | null, metadata: Record<string, string>, onboarded: boolean) {
    return {
      id,
      object: 'account',
      type: 'express',
      country: 'DE',
      default_currency: 'eur',
      email,
      metadata,
      charges_enabled: onboarded,
      payouts_enabled: onboarded,
      details_submitted: onboarded,
      created: now(),
    } satisfies StripeObject;
  }

  function chargeFor(intent: StripeObject, account: string | null): StripeObject {
    const charge: StripeObject = {
      id: newId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      application_fee_amount: intent.application_fee_amount ?? null,
      captured: true,
      created: now(),
      currency: intent.currency,
      description: intent.description ?? null,
      metadata: intent.metadata,
      paid: true,
      payment_intent: intent.id,
      receipt_email: intent.receipt_email ?? null,
      refunded: false,
      status: 'succeeded',
    };
    return put(charge, account);
  }

  /** Confirms an intent with a test payment method: succeeded, or the card declined. */
  function confirmIntent(intent: StripeObject, account: string | null, method: string): Promise<unknown> {
    if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `This PaymentIntent's status is ${String(intent.status)}, so it cannot be confirmed.`,
        'payment_intent_unexpected_state',
      );
    }
    if (DECLINING_METHODS.has(method)) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      };
      save();
      return emit('payment_intent.payment_failed', intent, account);
    }
    const charge = chargeFor(intent, account);
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = charge.id;
    intent.payment_method = newId('pm');
    intent.last_payment_error = null;
    save();
    return Promise.all([emit('payment_intent.succeeded', intent, account), emit('charge.succeeded', charge, account)]);
  }

  function subscriptionFor(session: StripeObject): StripeObject {
    const item = session.roost_line_item as { name: string; unit_amount: number; currency: string; interval: string };
    const trialDays = (session.roost_trial_days as number | null) ?? null;
    const start = now();
    const trialEnd = trialDays ? start + trialDays * 86_400 : null;
    const periodEnd = trialEnd ?? start + 30 * 86_400;
    const sub: StripeObject = {
      id: newId('sub'),
      object: 'subscription',
      customer: session.customer,
      status: trialEnd ? 'trialing' : 'active',
      created: start,
      start_date: start,
      trial_start: trialEnd ? start : null,
      trial_end: trialEnd,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      metadata: session.roost_subscription_metadata ?? {},
      items: {
        object: 'list',
        data: [
          {
            id: newId('si'),
            object: 'subscription_item',
            quantity: 1,
            current_period_start: start,
            current_period_end: periodEnd,
            price: session.roost_price
              ? publicPrice(get('price', String(session.roost_price), null))
              : {
                  id: newId('price'),
                  object: 'price',
                  currency: item.currency,
                  unit_amount: item.unit_amount,
                  recurring: { interval: item.interval },
                  product: newId('prod'),
                  nickname: item.name,
                },
          },
        ],
      },
      roost_name: item.name,
    };
    return put(sub, null);
  }

  function periodEndOf(sub: StripeObject): number | null {
    const items = sub.items as { data?: { current_period_end?: number }[] } | undefined;
    return items?.data?.[0]?.current_period_end ?? null;
  }

  /** A subscription as the API shows it (without the stand-in's own fields). */
  const publicSubscription = (sub: StripeObject): StripeObject => {
    const { roost_name: _name, ...rest } = sub;
    return rest as StripeObject;
  };
  const publicSession = (session: StripeObject): StripeObject => {
    const {
      roost_line_item: _item,
      roost_trial_days: _trial,
      roost_subscription_metadata: _meta,
      roost_price: _price,
      ...rest
    } = session;
    return rest as StripeObject;
  };
  function publicPrice(price: StripeObject): StripeObject {
    const { roost_product_name: _name, ...rest } = price;
    return rest as StripeObject;
  }

  /** Moves a subscription to another recurring price (the portal's plan switch). */
  function switchPrice(sub: StripeObject, price: StripeObject): Promise<unknown> {
    const items = sub.items as { data: { price: StripeObject }[] };
    const first = items.data[0];
    if (first) first.price = publicPrice(price);
    sub.roost_name = price.roost_product_name ?? sub.roost_name;
    save();
    return emit('customer.subscription.updated', publicSubscription(sub), null);
  }

  /** Active recurring prices of the platform account, oldest first. */
  function recurringPrices(): StripeObject[] {
    return Object.values(state.objects)
      .filter((stored) => stored.account === null && stored.value.object === 'price')
      .map((stored) => stored.value)
      .filter((price) => price.active === true && price.recurring)
      .sort((a, b) => Number(a.created) - Number(b.created));
  }

  // --- API ------------------------------------------------------------------------------------

  function api(call: Call): Answer {
    const [resource, id, action] = call.path;
    const p = call.params;
    const ok = (body: unknown, status = 200): Answer => ({ status, body });
    const notFound = () => {
      throw new StripeApiError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${call.method}: /v1/${call.path.join('/')}).`,
      );
    };
    const platformOnly = () => {
      if (call.account)
        throw invalid('This request cannot be made on a connected account.', undefined, 'parameter_invalid');
    };

    if (resource === 'payment_intents') {
      if (call.method === 'POST' && !id) {
        const amount = amountParam(p.amount, 'amount') as number;
        if (amount < 50) throw invalid('Amount must be at least 50 minor units.', 'amount', 'amount_too_small');
        const fee = amountParam(p.application_fee_amount, 'application_fee_amount', false);
        if (fee !== undefined && !call.account) {
          throw invalid(
            'Can only apply an application_fee_amount when the request is made on behalf of another account.',
            'application_fee_amount',
          );
        }
        if (fee !== undefined && fee > amount)
          throw invalid('The application fee cannot exceed the amount.', 'application_fee_amount');
        const intentId = newId('pi');
        const intent: StripeObject = {
          id: intentId,
          object: 'payment_intent',
          amount,
          amount_capturable: 0,
          amount_received: 0,
          application_fee_amount: fee ?? null,
          automatic_payment_methods: { enabled: true },
          capture_method: 'automatic',
          client_secret: `${intentId}_secret_${newId('x').slice(2)}`,
          confirmation_method: 'automatic',
          created: now(),
          currency: currencyParam(p.currency),
          customer: stringParam(p.customer, 'customer') ?? null,
          description: stringParam(p.description, 'description') ?? null,
          last_payment_error: null,
          latest_charge: null,
          livemode: false,
          metadata: metadataParam(p.metadata),
          payment_method: null,
          payment_method_types: ['card'],
          receipt_email: stringParam(p.receipt_email, 'receipt_email') ?? null,
          status: 'requires_payment_method',
        };
        put(intent, call.account);
        return ok(intent);
      }
      if (!id) return notFound();
      const intent = get('payment_intent', id, call.account);
      if (call.method === 'GET' && !action) return ok(intent);
      if (call.method === 'POST' && action === 'confirm') {
        void confirmIntent(intent, call.account, stringParam(p.payment_method, 'payment_method') ?? 'pm_card_visa');
        if (intent.status !== 'succeeded') {
          throw new StripeApiError(402, 'card_error', 'Your card was declined.', 'card_declined', 'payment_method');
        }
        return ok(intent);
      }
      return notFound();
    }

    if (resource === 'refunds') {
      if (call.method === 'POST' && !id) {
        if (refundFails('refuse')) {
          throw invalid(
            'Your connected account has insufficient funds to cover this refund.',
            undefined,
            'balance_insufficient',
          );
        }
        const intentId = stringParam(p.payment_intent, 'payment_intent');
        const chargeId = stringParam(p.charge, 'charge');
        if (!intentId && !chargeId) throw missingParam('payment_intent');
        const intent = intentId ? get('payment_intent', intentId, call.account) : null;
        if (intent && intent.status !== 'succeeded') {
          throw invalid(
            `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
            'payment_intent',
            'payment_intent_unexpected_state',
          );
        }
        const charge = get('charge', chargeId ?? str(intent?.latest_charge) ?? '', call.account, 'charge');
        const remaining = (charge.amount as number) - (charge.amount_refunded as number);
        if (remaining <= 0) {
          throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
        }
        const amount = amountParam(p.amount, 'amount', false) ?? remaining;
        if (amount < 1 || amount > remaining) {
          throw invalid(
            `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
            'amount',
            'amount_too_large',
          );
        }
        const refund: StripeObject = {
          id: newId('re'),
          object: 'refund',
          amount,
          charge: charge.id,
          created: now(),
          currency: charge.currency,
          metadata: metadataParam(p.metadata),
          payment_intent: charge.payment_intent,
          reason: stringParam(p.reason, 'reason') ?? null,
          status: 'succeeded',
        };
        charge.amount_refunded = (charge.amount_refunded as number) + amount;
        charge.refunded = charge.amount_refunded === charge.amount;
        put(refund, call.account);
        save();
        void emit('refund.created', refund, call.account);
        void emit('charge.refunded', charge, call.account);
        return ok(refund);
      }
      if (call.method === 'GET' && id) return ok(get('refund', id, call.account));
      return notFound();
    }

    if (resource === 'accounts') {
      platformOnly();
      if (call.method === 'POST' && !id) {
        const account = accountObject(
          newId('acct', 16),
          stringParam(p.email, 'email') ?? null,
          metadataParam(p.metadata),
          false,
        );
        return ok(put(account, null));
      }
      if (call.method === 'GET' && id) return ok(get('account', id, null));
      return notFound();
    }

    if (resource === 'account_links' && call.method === 'POST' && !id) {
      platformOnly();
      const accountId = stringParam(p.account, 'account', true) as string;
      get('account', accountId, null);
      const type = stringParam(p.type, 'type', true);
      if (type !== 'account_onboarding' && type !== 'account_update') throw invalid(`Invalid type: ${type}`, 'type');
      const token = newId('acctlink');
      put(
        {
          id: token,
          object: 'roost_account_link',
          account: accountId,
          refresh_url: urlParam(p.refresh_url, 'refresh_url', true),
          return_url: urlParam(p.return_url, 'return_url', true),
          expires_at: now() + 300,
        },
        null,
      );
      return ok({
        object: 'account_link',
        created: now(),
        expires_at: now() + 300,
        url: `${base}/test/connect/${token}`,
      });
    }

    if (resource === 'prices') {
      platformOnly();
      if (call.method === 'POST' && !id) {
        const product = p.product_data as FormObject | undefined;
        const recurring = p.recurring as FormObject | undefined;
        if (!product) throw missingParam('product_data');
        if (!recurring) throw missingParam('recurring');
        const lookupKey = stringParam(p.lookup_key, 'lookup_key') ?? null;
        if (lookupKey && recurringPrices().some((price) => price.lookup_key === lookupKey)) {
          throw invalid(
            `A price (\`${lookupKey}\`) already uses that lookup key.`,
            'lookup_key',
            'lookup_key_already_exists',
          );
        }
        const name = stringParam(product.name, 'product_data[name]', true) as string;
        const price: StripeObject = {
          id: newId('price'),
          object: 'price',
          active: true,
          created: now(),
          currency: currencyParam(p.currency),
          unit_amount: amountParam(p.unit_amount, 'unit_amount'),
          recurring: { interval: stringParam(recurring.interval, 'recurring[interval]', true) },
          lookup_key: lookupKey,
          metadata: metadataParam(p.metadata),
          nickname: name,
          product: newId('prod'),
          type: 'recurring',
          roost_product_name: name,
        };
        put(price, null);
        return ok(publicPrice(price));
      }
      if (call.method === 'GET' && !id) {
        const asked = p.lookup_keys;
        const keys = Array.isArray(asked) ? asked : asked && typeof asked === 'object' ? Object.values(asked) : [];
        const prices = recurringPrices()
          .filter((price) => keys.length === 0 || keys.includes(String(price.lookup_key)))
          .map(publicPrice);
        return ok(list(prices, '/v1/prices'));
      }
      if (call.method === 'GET' && id) return ok(publicPrice(get('price', id, null)));
      return notFound();
    }

    if (resource === 'customers') {
      if (call.method === 'POST' && !id) {
        const customer: StripeObject = {
          id: newId('cus', 14),
          object: 'customer',
          created: now(),
          email: stringParam(p.email, 'email') ?? null,
          name: stringParam(p.name, 'name') ?? null,
          metadata: metadataParam(p.metadata),
        };
        return ok(put(customer, call.account));
      }
      if (call.method === 'GET' && id) return ok(get('customer', id, call.account));
      return notFound();
    }

    if (resource === 'checkout' && id === 'sessions') {
      platformOnly();
      const sessionId = action;
      if (call.method === 'GET' && sessionId) return ok(publicSession(get('checkout.session', sessionId, null)));
      if (call.method !== 'POST' || sessionId) return notFound();
      const mode = stringParam(p.mode, 'mode', true);
      if (mode !== 'subscription') throw invalid(`The stand-in supports mode=subscription only, not ${mode}.`, 'mode');
      const customer = stringParam(p.customer, 'customer', true) as string;
      get('customer', customer, null);
      const items = p.line_items;
      const first = Array.isArray(items) ? (items[0] as FormObject | undefined) : undefined;
      if (!first) throw missingParam('line_items');
      const stored = first.price !== undefined ? get('price', String(first.price), null) : null;
      const priceData = (
        stored
          ? {
              currency: stored.currency,
              unit_amount: String(stored.unit_amount),
              recurring: stored.recurring,
              product_data: { name: stored.roost_product_name },
            }
          : first.price_data
      ) as FormObject | undefined;
      const product = priceData?.product_data as FormObject | undefined;
      const recurring = priceData?.recurring as FormObject | undefined;
      if (!priceData || !product || !recurring) throw missingParam('line_items[0][price_data]');
      const subscriptionData = (p.subscription_data ?? {}) as FormObject;
      const trial = amountParam(subscriptionData.trial_period_days, 'subscription_data[trial_period_days]', false);
      const session: StripeObject = {
        id: newId('cs_test', 40),
        object: 'checkout.session',
        cancel_url: urlParam(p.cancel_url, 'cancel_url') ?? null,
        client_reference_id: stringParam(p.client_reference_id, 'client_reference_id') ?? null,
        created: now(),
        customer,
        metadata: metadataParam(p.metadata),
        mode,
        status: 'open',
        subscription: null,
        success_url: urlParam(p.success_url, 'success_url', true),
        url: '',
        roost_line_item: {
          name: stringParam(product.name, 'line_items[0][price_data][product_data][name]', true),
          unit_amount: amountParam(priceData.unit_amount, 'line_items[0][price_data][unit_amount]'),
          currency: currencyParam(priceData.currency),
          interval: stringParam(recurring.interval, 'line_items[0][price_data][recurring][interval]', true),
        },
        roost_trial_days: trial ?? null,
        roost_subscription_metadata: metadataParam(subscriptionData.metadata),
        roost_price: stored?.id ?? null,
      };
      session.url = `${base}/test/checkout/${session.id}`;
      put(session, null);
      return ok(publicSession(session));
    }

    if (resource === 'billing_portal' && id === 'sessions' && call.method === 'POST' && !action) {
      platformOnly();
      const customer = stringParam(p.customer, 'customer', true) as string;
      get('customer', customer, null);
      const session: StripeObject = {
        id: newId('bps'),
        object: 'billing_portal.session',
        created: now(),
        customer,
        livemode: false,
        return_url: urlParam(p.return_url, 'return_url') ?? null,
        url: '',
      };
      session.url = `${base}/test/portal/${session.id}`;
      return ok(put(session, null));
    }

    if (resource === 'subscriptions') {
      platformOnly();
      if (call.method === 'GET' && !id) {
        const customer = stringParam(p.customer, 'customer');
        const subs = Object.values(state.objects)
          .map((stored) => stored.value)
          .filter((value) => value.object === 'subscription' && (!customer || value.customer === customer))
          .map(publicSubscription);
        return ok(list(subs, '/v1/subscriptions'));
      }
      if (!id) return notFound();
      const sub = get('subscription', id, null);
      if (call.method === 'GET') return ok(publicSubscription(sub));
      if (call.method === 'POST') {
        const cancelAtPeriodEnd = booleanParam(p.cancel_at_period_end, 'cancel_at_period_end');
        if (cancelAtPeriodEnd !== undefined) sub.cancel_at_period_end = cancelAtPeriodEnd;
        if (p.metadata !== undefined) sub.metadata = { ...(sub.metadata as object), ...metadataParam(p.metadata) };
        save();
        void emit('customer.subscription.updated', publicSubscription(sub), null);
        return ok(publicSubscription(sub));
      }
      if (call.method === 'DELETE') {
        cancelSubscription(sub);
        return ok(publicSubscription(sub));
      }
    }
    return notFound();
  }

  function cancelSubscription(sub: StripeObject): Promise<unknown> {
    if (sub.status === 'canceled') {
      throw invalid(`No such subscription: '${sub.id}'`, 'id', 'resource_missing');
    }
    sub.status = 'canceled';
    sub.canceled_at = now();
    sub.ended_at = now();
    save();
    return emit('customer.subscription.deleted', publicSubscription(sub), null);
  }

  /** Runs an API call with Stripe's idempotency: a key replays its first answer, other params are refused. */
  function idempotent(call: Call, key: string | undefined, body: string): Answer {
    if (!key || call.method !== 'POST') return api(call);
    const slot = `${call.account ?? ''}|${key}`;
    const fingerprint = `${call.method} /${call.path.join('/')} ${body}`;
    const seen = state.idempotency[slot];
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw new StripeApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return { status: seen.status, body: seen.body };
    }
    let answer: Answer;
    try {
      answer = api(call);
    } catch (error) {
      if (!(error instanceof StripeApiError) || error.status >= 500) throw error;
      answer = { status: error.status, body: error.body() };
    }
    state.idempotency[slot] = { fingerprint, status: answer.status, body: answer.body };
    save();
    return answer;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': newId('req', 14),
        'stripe-version': STRIPE_API_VERSION,
        ...headers,
      });
      res.end(JSON.stringify(body, null, 2));
    };
    try {
      const auth = req.headers.authorization ?? '';
      const key = /^Bearer (\S+)$/.exec(auth)?.[1];
      if (!key) {
        throw new StripeApiError(
          401,
          'invalid_request_error',
          'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
        );
      }
      if (!safeEqual(key, options.secretKey)) {
        throw new StripeApiError(
          401,
          'invalid_request_error',
          `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
          'api_key_invalid',
        );
      }
      const accountHeader = req.headers['stripe-account'];
      const account = typeof accountHeader === 'string' && accountHeader !== '' ? accountHeader : null;
      if (account !== null) {
        if (!/^acct_[A-Za-z0-9_]{1,64}$/.test(account)) {
          throw new StripeApiError(
            403,
            'invalid_request_error',
            `The provided key does not have access to account '${account}' (or that account does not exist).`,
            'account_invalid',
          );
        }
        connectedAccount(account);
      }
      const body = req.method === 'GET' || req.method === 'DELETE' ? url.search.slice(1) : await readBody(req);
      const path = url.pathname.split('/').slice(2).filter(Boolean).map(decodeURIComponent);
      const call: Call = { method: req.method ?? 'GET', path, params: parseForm(body), account };
      if (call.method === 'POST' && path.length === 1 && path[0] === 'refunds' && refundFails('network')) {
        req.socket.destroy();
        return;
      }
      const idempotencyKey = req.headers['idempotency-key'];
      const key2 = typeof idempotencyKey === 'string' && idempotencyKey !== '' ? idempotencyKey : undefined;
      const replayed = key2 !== undefined && state.idempotency[`${account ?? ''}|${key2}`] !== undefined;
      const answer = idempotent(call, key2, body);
      send(answer.status, answer.body, {
        ...(key2 ? { 'idempotency-key': key2 } : {}),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      });
    } catch (error) {
      if (error instanceof StripeApiError) return send(error.status, error.body());
      if (error instanceof FormError) {
        return send(
          400,
          new StripeApiError(400, 'invalid_request_error', error.message, 'parameter_unknown', error.param).body(),
        );
      }
      log(`stripe stand-in: ${(error as Error).stack ?? String(error)}`);
      send(500, { error: { type: 'api_error', message: 'An unexpected error occurred in the local stand-in.' } });
    }
  }

  // --- Pages ----------------------------------------------------------------------------------

  async function handlePage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/test/failures' && req.method === 'POST') {
      let asked: { refunds?: unknown; times?: unknown } = {};
      try {
        asked = JSON.parse((await readBody(req)) || '{}') as typeof asked;
      } catch {
        // Not JSON: the switch is turned off.
      }
      const mode = asked.refunds === 'refuse' || asked.refunds === 'network' ? asked.refunds : null;
      failRefunds(mode, typeof asked.times === 'number' ? asked.times : 1);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ refunds: refundFailures.mode, times: refundFailures.remaining }));
      return;
    }
    const html = (status: number, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors *",
      });
      res.end(body);
    };
    const redirect = (location: string) => {
      res.writeHead(303, { location, 'cache-control': 'no-store' });
      res.end();
    };
    const [, kind, id = ''] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const form = req.method === 'POST' ? parseForm(await readBody(req)) : {};
    const field = (name: string): string | undefined => {
      const value: FormValue | undefined = form[name];
      return typeof value === 'string' ? value : undefined;
    };
    const missing = () => html(404, page('Not found', '<h1>Not found</h1><p>This test link is not known here.</p>'));

    if (kind === 'pay') {
      const stored = state.objects[id];
      const intent = stored?.value.object === 'payment_intent' ? stored.value : null;
      const secret =
        req.method === 'POST' ? field('client_secret') : (url.searchParams.get('client_secret') ?? undefined);
      if (!intent || !secret || !safeEqual(secret, String(intent.client_secret))) return missing();
      const returnUrl = (req.method === 'POST' ? field('return_url') : url.searchParams.get('return_url')) ?? undefined;
      const safeReturn = returnUrl && /^https?:\/\/[^\s]+$/.test(returnUrl) ? returnUrl : undefined;
      if (req.method === 'POST' && intent.status !== 'succeeded') {
        const method = field('action') === 'decline' ? 'pm_card_chargeDeclined' : 'pm_card_visa';
        await confirmIntent(intent, stored?.account ?? null, method);
        if (safeReturn) {
          const target = new URL(safeReturn);
          target.searchParams.set('roost_payment', intent.status === 'succeeded' ? 'succeeded' : 'failed');
          target.searchParams.set('payment_intent', intent.id);
          return redirect(target.toString());
        }
      }
      const lastError = intent.last_payment_error as { message?: string } | null;
      return html(
        200,
        paymentPage({
          intentId: intent.id,
          clientSecret: String(intent.client_secret),
          amount: intent.amount as number,
          currency: String(intent.currency),
          description: str(intent.description),
          status: String(intent.status),
          returnUrl: safeReturn,
          error: req.method === 'POST' ? (lastError?.message ?? null) : null,
        }),
      );
    }

    if (kind === 'checkout') {
      const session = state.objects[id]?.value;
      if (session?.object !== 'checkout.session') return missing();
      if (req.method === 'POST' && session.status === 'open') {
        if (field('action') === 'subscribe') {
          const sub = subscriptionFor(session);
          session.status = 'complete';
          session.subscription = sub.id;
          session.payment_status = 'paid';
          save();
          await emit('customer.subscription.created', publicSubscription(sub), null);
          await emit('checkout.session.completed', publicSession(session), null);
          return redirect(String(session.success_url).replace('{CHECKOUT_SESSION_ID}', session.id));
        }
        return redirect(String(session.cancel_url ?? session.success_url));
      }
      const item = session.roost_line_item as { name: string; unit_amount: number; currency: string };
      return html(
        200,
        checkoutPage({
          sessionId: session.id,
          productName: item.name,
          amount: item.unit_amount,
          currency: item.currency,
          trialDays: (session.roost_trial_days as number | null) ?? null,
          status: String(session.status),
        }),
      );
    }

    if (kind === 'portal') {
      const session = state.objects[id]?.value;
      if (session?.object !== 'billing_portal.session') return missing();
      const subs = Object.values(state.objects)
        .map((stored) => stored.value)
        .filter((value) => value.object === 'subscription' && value.customer === session.customer);
      if (req.method === 'POST') {
        const action = field('action');
        if (action === 'return') return redirect(String(session.return_url ?? base));
        const sub = subs.find((candidate) => candidate.id === field('subscription'));
        if (sub && sub.status !== 'canceled') {
          if (action === 'cancel_now') await cancelSubscription(sub);
          if (action === 'switch_plan') {
            const price = recurringPrices().find((candidate) => candidate.id === field('price'));
            if (price) await switchPrice(sub, price);
          }
          if (action === 'cancel_at_period_end' || action === 'resume') {
            sub.cancel_at_period_end = action === 'cancel_at_period_end';
            save();
            await emit('customer.subscription.updated', publicSubscription(sub), null);
          }
        }
        return redirect(`/test/portal/${encodeURIComponent(session.id)}`);
      }
      const customer = state.objects[String(session.customer)]?.value;
      return html(
        200,
        portalPage({
          sessionId: session.id,
          customerEmail: str(customer?.email),
          subscriptions: subs.map((sub) => ({
            id: sub.id,
            name: String(sub.roost_name ?? 'Subscription'),
            status: String(sub.status),
            cancelAtPeriodEnd: sub.cancel_at_period_end === true,
            periodEnd: periodEndOf(sub),
            priceId: (sub.items as { data: { price: { id: string } }[] }).data[0]?.price.id ?? null,
          })),
          prices: recurringPrices().map((price) => ({
            id: String(price.id),
            name: String(price.roost_product_name ?? price.nickname ?? price.id),
            amount: Number(price.unit_amount),
            currency: String(price.currency),
            interval: String((price.recurring as { interval?: string }).interval ?? 'month'),
          })),
        }),
      );
    }

    if (kind === 'connect') {
      const link = state.objects[id]?.value;
      if (link?.object !== 'roost_account_link') return missing();
      const account = state.objects[String(link.account)]?.value;
      if (!account) return missing();
      const expired = (link.expires_at as number) < now();
      if (req.method === 'POST' && !expired) {
        if (field('action') === 'complete') {
          account.charges_enabled = true;
          account.payouts_enabled = true;
          account.details_submitted = true;
          save();
          await emit('account.updated', account, account.id);
          return redirect(String(link.return_url));
        }
        return redirect(String(link.return_url));
      }
      return html(200, connectPage({ token: id, accountId: account.id, email: str(account.email), expired }));
    }
    return missing();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const handler = url.pathname.startsWith('/v1/') ? handleApi : url.pathname.startsWith('/test/') ? handlePage : null;
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL.' } }));
      return;
    }
    handler(req, res, url).catch((error: unknown) => {
      log(`stripe stand-in: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: 'An unexpected error occurred.' } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${host}:${port}`;

  return {
    url: base,
    host,
    port,
    env: () => ({
      STRIPE_SECRET_KEY: options.secretKey,
      STRIPE_PUBLISHABLE_KEY: options.publishableKey,
      STRIPE_WEBHOOK_SECRET: options.webhookSecret,
      STRIPE_API_HOST: host,
      STRIPE_API_PORT: String(port),
      STRIPE_API_PROTOCOL: 'http',
    }),
    events: () => [...delivered],
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    send: (type, object, account = null) => emit(type, object, account),
    failRefunds,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
