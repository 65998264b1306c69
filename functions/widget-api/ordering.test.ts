// Online ordering through the widget API over real HTTP (decision 042), with the local Stripe
// stand-in and the stripe-webhook function: POST /orders refuses bad input with 4xx codes (never
// a 5xx), a takeaway answers a payment and stays off the kitchen until the guest pays on the
// stand-in's test page, then GET /orders/:id/status follows it to the kitchen; a replay answers
// the same order and payment; room service by booking reference + surname goes to the kitchen at
// once; the status needs the order's token.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFunctionsService } from '../../supabase/local/functions/index.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { type StripeStandIn, startStripeStandIn, stripeLocalKeys } from '../../supabase/local/stripe/index.ts';
import { useTestStack } from '../../supabase/local/testing/test-stack.ts';
import type { BookingsFixtureIds } from '../../supabase/tests/support/fixtures/bookings.ts';
import { createMenu, type Menu } from '../../supabase/tests/support/orders.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';

const SITE_URL = 'http://app.roost.test:3000';
const HOTEL_SITE = 'https://harbour-hotel.example';
let standIn: StripeStandIn;
const output: string[] = [];

const stack = useTestStack({
  config: (config) => ({
    ...config,
    functions: { ...config.functions, 'widget-api': { verify_jwt: false }, 'stripe-webhook': { verify_jwt: false } },
  }),
  services: async (deps) => {
    standIn = await startStripeStandIn({
      ...stripeLocalKeys(deps.keys),
      webhookUrl: `${deps.apiUrl}/functions/v1/stripe-webhook`,
    });
    const envFile = join(deps.dataDir, 'functions.env');
    writeFileSync(envFile, `SITE_URL=${SITE_URL}\n`);
    const functions = createFunctionsService({
      ...deps,
      functionsDir: join(projectRoot, 'functions'),
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
let menu: Menu;
let restaurantKey: string;
let hotelKey: string;
let stay: { reference: string; surname: string };

// biome-ignore lint/suspicious/noExplicitAny: JSON answers
type Json = any;

async function call(
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${stack.url}/functions/v1/widget-api${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      'x-roost-widget-key': options.key ?? restaurantKey,
      origin: HOTEL_SITE,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function newKey(property: string): Promise<string> {
  const [row] = await stack.admin`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins, rate_limit_per_minute,
      address_limit_per_minute)
    values (${tenant.organizationId}, ${property}, 'Website', ${[HOTEL_SITE]}, 100000, 100000) returning key`;
  return row?.key as string;
}

const guest = { name: 'Rui Online', email: 'rui.online@example.test' };
const takeaway = (pickupAt: string, extra: Record<string, unknown> = {}) => ({
  mode: 'takeaway',
  pickup_at: pickupAt,
  items: [{ item_id: menu.soup, quantity: 2, modifier_ids: [menu.large] }],
  guest,
  idempotency_key: randomUUID(),
  ...extra,
});

const kitchenStatus = async (orderId: string) =>
  (await stack.admin`select status::text from public.orders where id = ${orderId}`)[0]?.status as string;

beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'wapiorder');
  menu = await createMenu(stack.admin, tenant);
  restaurantKey = await newKey(menu.propertyId);
  hotelKey = await newKey(tenant.propertyIds[0]);
  await stack.admin`
    insert into public.order_settings (organization_id, property_id, takeaway_opens, takeaway_closes)
    values (${tenant.organizationId}, ${menu.propertyId}, '00:00', '23:59')
    on conflict (property_id) do update set takeaway_opens = '00:00', takeaway_closes = '23:59'`;
  await stack.admin`
    insert into public.item_availability (organization_id, property_id, item_id)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${menu.wine})`;
  const ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
  const [row] = await stack.admin`
    select b.reference, g.full_name from public.bookings b join public.guests g on g.id = b.guest_id
    where b.id = ${ids.checkedInBookingId}`;
  stay = { reference: row?.reference as string, surname: String(row?.full_name).split(' ').pop() ?? '' };
});

afterAll(() => {
  if (process.env.ROOST_DEBUG_FUNCTIONS) console.log(output.join('\n'));
});

describe('POST /orders', () => {
  it('refuses bad input with stable 4xx codes and never a 5xx', async () => {
    const { body: times } = await call('/pickup-times');
    const pickup = times.times[0] as string;
    const cases: [unknown, number, string][] = [
      [{}, 400, 'invalid_mode'],
      [takeaway(pickup, { mode: 'delivery' }), 400, 'invalid_mode'],
      [takeaway(pickup, { total_minor: 1 }), 400, 'unknown_field'],
      [takeaway(pickup, { items: [] }), 400, 'invalid_items'],
      [takeaway(pickup, { items: [{ item_id: menu.wine, quantity: 0 }] }), 400, 'invalid_quantity'],
      [takeaway(pickup, { items: [{ item_id: menu.wine, quantity: 1, price_minor: 1 }] }), 400, 'unknown_field'],
      [takeaway('tomorrow'), 400, 'invalid_pickup_at'],
      [takeaway(pickup, { guest: { name: 'A\nB', email: guest.email } }), 400, 'invalid_guest_name'],
      [takeaway(pickup, { pickup_at: undefined }), 400, 'invalid_pickup_at'],
      [
        takeaway(new Date(Date.now() + 60_000).toISOString().replace(/:\d\d\.\d+Z$/, ':00.000Z')),
        422,
        'pickup_time_not_accepted',
      ],
      [takeaway(pickup, { items: [{ item_id: randomUUID(), quantity: 1 }] }), 404, 'item_not_found'],
      [takeaway(pickup, { items: [{ item_id: menu.soup, quantity: 1 }] }), 422, 'invalid_modifiers'],
      [
        {
          mode: 'room_service',
          booking_reference: 'ZZZZ9999',
          surname: 'Nobody',
          items: [{ item_id: menu.wine, quantity: 1 }],
          guest,
          idempotency_key: randomUUID(),
        },
        404,
        'stay_not_found',
      ],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call('/orders', {
        body,
        key: (body as Json).mode === 'room_service' ? hotelKey : restaurantKey,
      });
      expect([answer.status, answer.body?.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
  });

  it('keeps a takeaway off the kitchen until it is paid on the test page, then follows it there', async () => {
    const { body: times } = await call('/pickup-times');
    const request = takeaway(times.times[1]);
    const placed = await call('/orders', { body: request });
    expect(placed.status, JSON.stringify(placed.body) + output.slice(-20).join('\n')).toBe(201);
    expect(placed.body).toMatchObject({
      status: 'awaiting_payment',
      mode: 'takeaway',
      total_minor: 3596,
      currency: 'EUR',
    });
    expect(placed.body.payment).toMatchObject({ amount_minor: 3596, currency: 'EUR' });
    expect(placed.body.payment.test_page_url).toContain('/test/pay/');
    expect(placed.body).not.toHaveProperty('payment_required');
    const orderId = placed.body.order_id as string;
    const token = placed.body.order_token as string;
    expect(await kitchenStatus(orderId)).toBe('draft');

    // A double click: the same order and the same PaymentIntent.
    const again = await call('/orders', { body: request });
    expect([again.status, again.body.order_id, again.body.payment?.intent_id]).toEqual([
      201,
      orderId,
      placed.body.payment.intent_id,
    ]);

    const status = await call(`/orders/${orderId}/status?token=${token}`);
    expect(status.body).toMatchObject({ status: 'awaiting_payment', payment_status: 'pending' });

    const pay = await fetch(placed.body.payment.test_page_url.split('?')[0], {
      method: 'POST',
      body: new URLSearchParams({ client_secret: placed.body.payment.client_secret, action: 'pay' }),
    });
    expect(pay.status).toBe(200);
    await standIn.settled();
    expect(await kitchenStatus(orderId)).toBe('submitted');
    const paid = await call(`/orders/${orderId}/status?token=${token}`);
    expect(paid.body).toMatchObject({ status: 'submitted', payment_status: 'paid', number: placed.body.number });

    // After the payment a replay answers the order without a new payment.
    const replay = await call('/orders', { body: request });
    expect([replay.status, replay.body.status, replay.body.payment]).toEqual([201, 'submitted', undefined]);
  });

  it('sends room service to the kitchen at once, without a payment', async () => {
    const placed = await call('/orders', {
      key: hotelKey,
      body: {
        mode: 'room_service',
        booking_reference: stay.reference,
        surname: stay.surname,
        items: [{ item_id: menu.wine, quantity: 2, note: 'Two glasses' }],
        guest,
        idempotency_key: randomUUID(),
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ status: 'submitted', mode: 'room_service', payment_status: 'on_folio' });
    expect(placed.body.payment).toBeUndefined();
    expect(await kitchenStatus(placed.body.order_id)).toBe('submitted');
  });
});

describe('GET /orders/:id/status', () => {
  it('needs the order’s token and a well-formed id', async () => {
    const bad = await call(`/orders/${randomUUID()}/status?token=ot_${'a'.repeat(43)}`);
    expect([bad.status, bad.body.error.code]).toEqual([404, 'order_not_found']);
    const noToken = await call(`/orders/${randomUUID()}/status`);
    expect([noToken.status, noToken.body.error.code]).toEqual([400, 'invalid_order_token']);
    const badId = await call('/orders/nope/status?token=x');
    expect([badId.status, badId.body.error.code]).toEqual([400, 'invalid_order_id']);
  });
});
