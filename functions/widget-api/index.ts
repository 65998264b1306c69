/// <reference lib="deno.window" />
// /functions/v1/widget-api/<route>: the public API of the embeddable widgets (decision 034;
// routes in README.md). No account (verify_jwt = false): a widget key names the property, the
// browser's Origin must be the web app's (the /embed iframe) or one of the key's allowed origins,
// and every request is counted per key and per client address in the database
// (private.widget_admit, a statement of its own so refused and failing requests count too).
// Each route validates its input with zod and runs one public.widget_* RPC as `anon`: prices,
// holds, policies and fees are decided there. Answers are JSON, errors {error: {code, message}},
// and nothing a client sends produces a 5xx.
import { db, withRequestId } from '../_shared/db.ts';
import { settings } from '../_shared/settings.ts';
import { answer, clientAddress, corsHeaders, errorAnswer, readBody, WidgetError } from './http.ts';
import {
  cancelBody,
  confirmBody,
  holdBody,
  lookupBody,
  orderBody,
  orderStatusQuery,
  parse,
  queryOf,
  quoteQuery,
  statusQuery,
  stayQuery,
  tableReservationBody,
  tablesQuery,
  widgetKey,
} from './input.ts';
import { paymentsConfig, refundCancelledBooking, startBookingPayment, startOrderPayment } from './payments.ts';

interface Admission {
  status: 'ok' | 'unknown_key' | 'revoked' | 'rate_limited';
  retry_after: number;
  key_id?: string;
  property_id?: string;
  allowed_origins?: string[];
}

interface Context {
  req: Request;
  url: URL;
  key: string;
  propertyId: string;
  params: Record<string, string | undefined>;
}

type Handler = (ctx: Context) => Promise<Response>;

// biome-ignore lint/suspicious/noExplicitAny: the RPCs answer jsonb
type Json = any;

/** Runs one widget RPC as anon (never the service role), in a transaction of its own. */
async function rpc(sqlText: string, args: unknown[]): Promise<Json> {
  const rows = (await db().begin(async (tx) => {
    await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
    return tx.unsafe(`select ${sqlText} as answer`, args as never[]);
  })) as unknown as { answer: Json }[];
  return rows[0]?.answer;
}

const ok = (body: unknown, status = 200) => answer(status, body);

const ROUTES: { method: 'GET' | 'POST'; pattern: RegExp; names: string[]; handle: Handler }[] = [
  {
    method: 'GET',
    pattern: /^\/config$/,
    names: [],
    handle: async ({ url, key }) => {
      queryOf(url);
      const [config, payments] = await Promise.all([rpc('public.widget_config($1)', [key]), paymentsConfig()]);
      return ok({ ...config, payments });
    },
  },
  {
    method: 'GET',
    pattern: /^\/availability$/,
    names: [],
    handle: async ({ url, key }) => {
      const q = parse(stayQuery, queryOf(url));
      return ok(await rpc('public.widget_availability($1, $2, $3, $4)', [key, q.from, q.to, q.guests]));
    },
  },
  {
    method: 'GET',
    pattern: /^\/quote$/,
    names: [],
    handle: async ({ url, key }) => {
      const q = parse(quoteQuery, queryOf(url));
      return ok(
        await rpc('public.widget_quote($1, $2, $3, $4, $5)', [key, q.resource_type_id, q.from, q.to, q.guests]),
      );
    },
  },
  {
    method: 'POST',
    pattern: /^\/holds$/,
    names: [],
    handle: async ({ req, key }) => {
      const b = parse(holdBody, await readBody(req));
      const hold = await rpc('public.widget_hold($1, $2, $3, $4, $5, $6)', [
        key,
        b.resource_type_id,
        b.from,
        b.to,
        b.guests,
        b.idempotency_key,
      ]);
      return ok(hold, 201);
    },
  },
  {
    method: 'POST',
    pattern: /^\/holds\/([^/]+)\/confirm$/,
    names: ['booking_id'],
    handle: async ({ req, key, params, propertyId }) => {
      const bookingId = bookingIdOf(params.booking_id);
      const b = parse(confirmBody, await readBody(req));
      const result = await rpc('public.widget_confirm($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
        key,
        bookingId,
        b.hold_token,
        b.guest.name,
        b.guest.email,
        b.guest.phone ?? null,
        b.consent.terms,
        b.consent.marketing,
        b.idempotency_key,
        b.guest.language ?? null,
      ]);
      return ok(await withPayment(result, propertyId, b.guest.email));
    },
  },
  {
    method: 'GET',
    pattern: /^\/bookings\/([^/]+)\/status$/,
    names: ['booking_id'],
    handle: async ({ url, key, params }) => {
      const bookingId = bookingIdOf(params.booking_id);
      const q = parse(statusQuery, queryOf(url));
      const booking = await rpc('public.widget_booking_status($1, $2, $3)', [key, bookingId, q.hold_token]);
      return ok({ status: booking.status, reference: booking.reference, expires_at: booking.expires_at });
    },
  },
  {
    method: 'POST',
    pattern: /^\/bookings\/lookup$/,
    names: [],
    handle: async ({ req, key }) => {
      const b = parse(lookupBody, await readBody(req));
      const { booking_id: _id, ...summary } = await rpc('public.widget_lookup($1, $2, $3)', [
        key,
        b.reference,
        b.email,
      ]);
      return ok(summary);
    },
  },
  {
    method: 'POST',
    pattern: /^\/bookings\/cancel$/,
    names: [],
    handle: async ({ req, key }) => {
      const b = parse(cancelBody, await readBody(req));
      const { booking_id: bookingId, ...cancelled } = await rpc('public.widget_cancel($1, $2, $3, $4)', [
        key,
        b.reference,
        b.email,
        b.idempotency_key,
      ]);
      const refunded = cancelled.refund_minor > 0 ? await refundCancelledBooking(bookingId) : true;
      return ok({ ...cancelled, ...(refunded ? {} : { refund_status: 'pending' }) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/tables$/,
    names: [],
    handle: async ({ url, key }) => {
      const q = parse(tablesQuery, queryOf(url));
      return ok(await rpc('public.widget_table_slots($1, $2, $3)', [key, q.date, q.party]));
    },
  },
  {
    method: 'POST',
    pattern: /^\/table-reservations$/,
    names: [],
    handle: async ({ req, key, propertyId }) => {
      const b = parse(tableReservationBody, await readBody(req));
      const result = await rpc('public.widget_reserve_table($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
        key,
        b.resource_type_id,
        b.date,
        b.time,
        b.party,
        b.guest.name,
        b.guest.email,
        b.guest.phone ?? null,
        b.consent.terms,
        b.consent.marketing,
        b.idempotency_key,
        b.guest.language ?? null,
      ]);
      return ok(await withPayment(result, propertyId, b.guest.email), 201);
    },
  },
  {
    method: 'GET',
    pattern: /^\/menu$/,
    names: [],
    handle: async ({ url, key }) => {
      queryOf(url);
      return ok(await rpc('public.widget_menu($1)', [key]));
    },
  },
  {
    method: 'GET',
    pattern: /^\/pickup-times$/,
    names: [],
    handle: async ({ url, key }) => {
      queryOf(url);
      return ok(await rpc('public.widget_pickup_times($1)', [key]));
    },
  },
  {
    method: 'POST',
    pattern: /^\/orders$/,
    names: [],
    handle: async ({ req, key, propertyId }) => {
      const b = parse(orderBody, await readBody(req));
      const placed = await rpc('public.widget_place_order($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
        key,
        b.mode,
        b.pickup_at ?? null,
        b.booking_reference ?? null,
        b.surname ?? null,
        b.items.map((item) => ({
          item_id: item.item_id,
          quantity: item.quantity,
          option_ids: item.modifier_ids ?? [],
          ...(item.note ? { note: item.note } : {}),
        })),
        b.guest.name,
        b.guest.email,
        b.guest.phone ?? null,
        b.idempotency_key,
      ]);
      const { payment_required: paymentRequired, payment_idempotency_key: _k, ...order } = placed;
      if (!paymentRequired) return ok(order, 201);
      const payment = await startOrderPayment({
        propertyId,
        orderId: order.order_id,
        amountMinor: Number(order.total_minor),
        currency: order.currency,
        email: b.guest.email,
        number: order.number,
      });
      return ok({ ...order, payment }, 201);
    },
  },
  {
    method: 'GET',
    pattern: /^\/orders\/([^/]+)\/status$/,
    names: ['order_id'],
    handle: async ({ url, key, params }) => {
      const orderId = params.order_id;
      if (!orderId || !UUID.test(orderId)) {
        throw new WidgetError(400, 'invalid_order_id', 'The order id in the path is not an id.');
      }
      const q = parse(orderStatusQuery, queryOf(url));
      return ok(await rpc('public.widget_order_status($1, $2, $3)', [key, orderId, q.token]));
    },
  },
];

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function bookingIdOf(value: string | undefined): string {
  if (!value || !UUID.test(value))
    throw new WidgetError(400, 'invalid_booking_id', 'The booking id in the path is not an id.');
  return value;
}

/** A payment_required answer gets its PaymentIntent; others pass unchanged. */
async function withPayment(result: Json, propertyId: string, email: string): Promise<Json> {
  if (result?.status !== 'payment_required') {
    const { payment_idempotency_key: _k, ...rest } = result ?? {};
    return rest;
  }
  const { payment_idempotency_key: _k, amount_minor, currency, ...rest } = result;
  const payment = await startBookingPayment({
    propertyId,
    bookingId: result.booking_id,
    amountMinor: Number(amount_minor),
    currency,
    email,
    reference: result.reference,
  });
  return { ...rest, payment };
}

/** Database refusals (decision 003) as HTTP: the code stays, the status follows the kind. */
const STATUS_OF_CODE: Record<string, number> = {
  not_available: 409,
  hold_expired: 410,
  idempotency_key_reused: 409,
  guest_conflict: 409,
  payments_not_configured: 409,
  out_of_stock: 409,
};
const STATUS_OF_SQLSTATE: Record<string, number> = {
  '22023': 400,
  '22P02': 400,
  '22007': 400,
  '22008': 400,
  '42501': 403,
  PT404: 404,
  '23505': 409,
  P0001: 422,
};

function databaseRefusal(error: unknown): WidgetError | null {
  const { code, message, detail } = (error ?? {}) as { code?: string; message?: string; detail?: string };
  if (!code || !message) return null;
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return new WidgetError(409, 'try_again', 'The request met another one; try again.', { 'Retry-After': '1' });
  }
  const status = STATUS_OF_CODE[message] ?? STATUS_OF_SQLSTATE[code];
  if (!status) return null;
  const stable = /^[a-z_]+$/.test(message) ? message : 'invalid_request';
  return new WidgetError(status, stable, stable === message ? (detail ?? message) : 'The request is not valid.');
}

async function admit(key: string, address: string): Promise<Admission> {
  const [row] = await db()`select private.widget_admit(${key}, ${address}) as answer`;
  return row?.answer as Admission;
}

function siteOrigin(): string | null {
  const site = settings().SITE_URL;
  return site ? new URL(site).origin : null;
}

async function handle(req: Request, info: Deno.ServeHandlerInfo): Promise<Response> {
  const origin = req.headers.get('origin');
  // Preflights carry no key: let the browser ask; the request itself is checked below and a
  // refused one gets no CORS headers, so the page never reads it.
  if (req.method === 'OPTIONS') return answer(204, null, corsHeaders(origin));
  let cors: Record<string, string> = {};
  try {
    const url = new URL(req.url);
    const path = url.pathname.replace(/^\/(functions\/v1\/)?widget-api/, '') || '/';
    if (req.method !== 'GET' && req.method !== 'POST') {
      throw new WidgetError(405, 'method_not_allowed', 'Use GET or POST.', { Allow: 'GET, POST, OPTIONS' });
    }
    if (Number(req.headers.get('content-length') ?? 0) > 16_384) {
      throw new WidgetError(413, 'payload_too_large', 'The body is limited to 16384 bytes.');
    }
    const key = req.headers.get('x-roost-widget-key') ?? (req.method === 'GET' ? url.searchParams.get('key') : null);
    const admission = await admit(key ?? '', clientAddress(req, (info.remoteAddr as Deno.NetAddr).hostname));
    if (admission.status === 'rate_limited') {
      // The iframe may read the refusal (and wait); other sites' origins are not known here.
      if (origin !== null && origin === siteOrigin()) cors = corsHeaders(origin);
      throw new WidgetError(429, 'rate_limited', 'Too many requests; try again shortly.', {
        'Retry-After': String(admission.retry_after),
      });
    }
    if (!key || !widgetKey.test(key)) {
      throw new WidgetError(403, 'widget_key_invalid', 'Send the widget key in X-Roost-Widget-Key.');
    }
    if (admission.status === 'unknown_key')
      throw new WidgetError(403, 'widget_key_invalid', 'This widget key is not known.');
    if (admission.status === 'revoked')
      throw new WidgetError(403, 'widget_key_revoked', 'This widget key was revoked.');
    if (origin !== null && origin !== siteOrigin() && !admission.allowed_origins?.includes(origin)) {
      throw new WidgetError(403, 'origin_not_allowed', 'This website may not use this widget key.');
    }
    cors = corsHeaders(origin);
    for (const route of ROUTES) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.method !== req.method) {
        throw new WidgetError(405, 'method_not_allowed', `Use ${route.method}.`, { Allow: `${route.method}, OPTIONS` });
      }
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponentSafe(match[i + 1])]));
      const response = await route.handle({ req, url, key, propertyId: admission.property_id ?? '', params });
      for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
      return response;
    }
    throw new WidgetError(404, 'route_not_found', 'No such route; see the widget API’s route list.');
  } catch (error) {
    if (error instanceof WidgetError) return errorAnswer(error, cors);
    const refusal = databaseRefusal(error);
    if (refusal) return errorAnswer(refusal, cors);
    console.error('widget-api failed', error);
    return errorAnswer(
      new WidgetError(503, 'unavailable', 'The booking service is unavailable; try again shortly.', {
        'Retry-After': '5',
      }),
      cors,
    );
  }
}

function decodeURIComponentSafe(value: string | undefined): string | undefined {
  try {
    return value === undefined ? undefined : decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

Deno.serve(withRequestId(handle));
