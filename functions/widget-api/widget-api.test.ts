// The widget-api function over real HTTP through the local gateway (fetch and supabase-js), on
// the real runtime and database: keys and origins, CORS, bad input of every kind (NUL, CR/LF,
// huge bodies, 10,000 malformed requests from fast-check: never a 5xx), rate limits (429 with
// Retry-After), and the guest's flow hold → confirm → status, a double-clicked confirm making one
// booking, lookup and cancel by reference and email.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFunctionsStack } from '../../supabase/local/functions/test-support.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import type { BookingsFixtureIds } from '../../supabase/tests/support/fixtures/bookings.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';

const SITE_URL = 'http://app.roost.test:3000';
const SITE = new URL(SITE_URL).origin;
const HOTEL_SITE = 'https://harbour-hotel.example';
const stack = useFunctionsStack({
  functionsDir: join(projectRoot, 'functions'),
  secrets: `SITE_URL=${SITE_URL}\n`,
  config: (config) => ({ ...config, functions: { ...config.functions, 'widget-api': { verify_jwt: false } } }),
});

let tenant: Tenant;
let other: Tenant;
let ids: BookingsFixtureIds;
let hotelKey: string;
let otherKey: string;
let revokedKey: string;

async function newKey(t: Tenant, property: string, limits = { key: 100_000, address: 100_000 }): Promise<string> {
  const [row] = await stack.admin`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins, rate_limit_per_minute,
      address_limit_per_minute)
    values (${t.organizationId}, ${property}, 'Website', ${[HOTEL_SITE]}, ${limits.key}, ${limits.address})
    returning key`;
  return row?.key as string;
}

beforeAll(async () => {
  tenant = await createTenant(stack.admin, 'wapi');
  other = await createTenant(stack.admin, 'wapiother');
  ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
  hotelKey = await newKey(tenant, tenant.propertyIds[0]);
  otherKey = await newKey(other, other.propertyIds[0]);
  revokedKey = await newKey(tenant, tenant.propertyIds[0]);
  await stack.admin`update public.widget_keys set revoked_at = now() where key = ${revokedKey}`;
});

// biome-ignore lint/suspicious/noExplicitAny: JSON answers
type Json = any;
interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

async function call(
  path: string,
  options: {
    method?: string;
    key?: string | null;
    origin?: string | null;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? hotelKey : options.key;
  if (key !== null) headers['x-roost-widget-key'] = key;
  const origin = options.origin === undefined ? HOTEL_SITE : options.origin;
  if (origin !== null) headers.origin = origin;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${stack.url}/functions/v1/widget-api${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body, headers: response.headers };
}

const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const idem = () => randomUUID();
const guest = { name: 'Marta Guest', email: 'marta@example.test' };

/** Sends raw bytes to the gateway (what fetch refuses to send) and returns the status line's code. */
function rawStatus(request: string): Promise<number> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(request, 'latin1'));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
  });
}

describe('keys and origins', () => {
  it('answers the config to the key’s website and to the web app’s iframe, with CORS for them only', async () => {
    const fromSite = await call('/config');
    expect(fromSite.status, JSON.stringify(fromSite.body)).toBe(200);
    expect(fromSite.body.property.id).toBe(tenant.propertyIds[0]);
    expect(fromSite.body.allowed_origins).toEqual([HOTEL_SITE]);
    expect(fromSite.body.payments.mode).toMatch(/^(local|stripe|none)$/);
    expect(fromSite.headers.get('access-control-allow-origin')).toBe(HOTEL_SITE);
    const fromIframe = await call('/config', { origin: SITE });
    expect(fromIframe.status).toBe(200);
    expect(fromIframe.headers.get('access-control-allow-origin')).toBe(SITE);
    const byQuery = await call(`/config?key=${hotelKey}`, { key: null });
    expect(byQuery.status).toBe(200);
  });

  // The function sends no CORS header with a refusal; the local gateway echoes any origin on
  // answers without one (decision 033), so only the status is asserted here.
  it('refuses an origin that is not allowed with 403', async () => {
    for (const origin of [
      'https://evil.example',
      'https://harbour-hotel.example.evil.example',
      'null',
      `${HOTEL_SITE}:444`,
    ]) {
      const answer = await call('/config', { origin });
      expect([answer.status, answer.body.error?.code], origin).toEqual([403, 'origin_not_allowed']);
    }
  });

  it('refuses forged, missing and revoked keys', async () => {
    for (const [key, code] of [
      ['wk_forgedforgedforged123', 'widget_key_invalid'],
      [null, 'widget_key_invalid'],
      ['not-a-key', 'widget_key_invalid'],
      [revokedKey, 'widget_key_revoked'],
    ] as const) {
      const answer = await call('/config', { key });
      expect([answer.status, answer.body.error?.code], String(key)).toEqual([403, code]);
    }
  });

  it('another property’s key cannot reach this property’s rooms or holds', async () => {
    const quote = await call(
      `/quote?resource_type_id=${ids.roomTypeId}&from=${daysFromNow(40)}&to=${daysFromNow(41)}&guests=2`,
      {
        key: otherKey,
      },
    );
    expect([quote.status, quote.body.error.code]).toEqual([404, 'resource_type_not_found']);
    const hold = await call('/holds', {
      body: {
        resource_type_id: ids.roomTypeId,
        from: daysFromNow(40),
        to: daysFromNow(41),
        guests: 2,
        idempotency_key: idem(),
      },
    });
    expect(hold.status).toBe(201);
    const status = await call(`/bookings/${hold.body.booking_id}/status?hold_token=${hold.body.hold_token}`, {
      key: otherKey,
    });
    expect([status.status, status.body.error.code]).toEqual([404, 'booking_not_found']);
  });

  it('answers a preflight for the widget’s headers', async () => {
    const response = await fetch(`${stack.url}/functions/v1/widget-api/holds`, {
      method: 'OPTIONS',
      headers: {
        origin: HOTEL_SITE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBeLessThan(300);
    await response.body?.cancel();
  });
});

describe('bad input', () => {
  it('refuses NUL bytes and CR/LF in values with stable 400 codes', async () => {
    const base = { resource_type_id: ids.roomTypeId, from: daysFromNow(50), to: daysFromNow(51), guests: 2 };
    const cases: [unknown, string][] = [
      [{ ...base, idempotency_key: 'abc\u0000defgh' }, 'invalid_idempotency_key'],
      [{ ...base, idempotency_key: 'abcdefgh\r\nX-Injected: 1' }, 'invalid_idempotency_key'],
      [{ ...base, from: `${daysFromNow(50)}\u0000`, idempotency_key: idem() }, 'invalid_arrival'],
      [{ ...base, guests: '2\n', idempotency_key: idem() }, 'invalid_party_size'],
      [{ ...base, guests: 0, idempotency_key: idem() }, 'invalid_party_size'],
      [{ ...base, total_minor: 1, idempotency_key: idem() }, 'unknown_field'],
      [[base], 'invalid_body'],
      ['{"resource_type_id":', 'invalid_json'],
    ];
    for (const [body, code] of cases) {
      const answer = await call('/holds', { body });
      expect([answer.status, answer.body.error?.code], JSON.stringify(body)).toEqual([400, code]);
    }
    const held = await call('/holds', { body: { ...base, idempotency_key: idem() } });
    const confirm = await call(`/holds/${held.body.booking_id}/confirm`, {
      body: {
        hold_token: held.body.hold_token,
        guest: { name: 'Eve\r\nBcc: all@example.test', email: 'eve@example.test' },
        consent: { terms: true, marketing: false },
        idempotency_key: idem(),
      },
    });
    expect([confirm.status, confirm.body.error?.code]).toEqual([400, 'invalid_guest_name']);
    for (const [guest, code] of [
      [{ name: 'Eve', email: 'eve@example.test', language: 'Deutsch' }, 'invalid_language'],
      [{ name: 'Eve', email: 'eve@example.test', language: 'de\r\n' }, 'invalid_language'],
      [{ name: 'Eve', email: 'eve@example.test', locale: 'de' }, 'unknown_field'],
    ] as const) {
      const refused = await call(`/holds/${held.body.booking_id}/confirm`, {
        body: {
          hold_token: held.body.hold_token,
          guest,
          consent: { terms: true, marketing: false },
          idempotency_key: idem(),
        },
      });
      expect([refused.status, refused.body.error?.code], JSON.stringify(guest)).toEqual([400, code]);
    }
  });

  it('refuses NUL and CR/LF inside headers before they reach anyone (400, never 5xx)', async () => {
    const url = new URL(stack.url);
    const head = (extra: string) =>
      `GET /functions/v1/widget-api/config HTTP/1.1\r\nHost: ${url.host}\r\n${extra}Connection: close\r\n\r\n`;
    expect(await rawStatus(head(`X-Roost-Widget-Key: ${hotelKey}\u0000x\r\n`))).toBe(400);
    expect(await rawStatus(head(`X-Roost-Widget-Key: ${hotelKey}\rOrigin: ${HOTEL_SITE}\r\n`))).toBe(400);
    expect(await rawStatus(head(`Origin: ${HOTEL_SITE}\u0000\r\nX-Roost-Widget-Key: ${hotelKey}\r\n`))).toBe(400);
    const injected = await call('/config', { headers: { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' } });
    expect(injected.status).toBe(200);
  });

  it('refuses a huge body with 413, a wrong type with 415 and an unknown route with 404', async () => {
    const huge = await call('/holds', { body: { padding: 'x'.repeat(200_000) } });
    expect([huge.status, huge.body.error?.code]).toEqual([413, 'payload_too_large']);
    const text = await call('/holds', { body: 'resource=1', headers: { 'content-type': 'text/plain' } });
    expect([text.status, text.body.error?.code]).toEqual([415, 'unsupported_media_type']);
    const unknown = await call('/admin/keys');
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'route_not_found']);
    const wrongMethod = await call('/holds');
    expect([wrongMethod.status, wrongMethod.body.error?.code]).toEqual([405, 'method_not_allowed']);
    const orders = await call('/orders', { body: {} });
    expect([orders.status, orders.body.error?.code]).toEqual([400, 'invalid_mode']);
  });

  it('answers 10,000 malformed requests without a single 5xx', { timeout: 600_000 }, async () => {
    const paths = [
      '/config',
      '/availability',
      '/quote',
      '/holds',
      `/holds/${randomUUID()}/confirm`,
      '/holds/not-a-uuid/confirm',
      `/bookings/${randomUUID()}/status`,
      '/bookings/%E0%A4%A/status',
      '/bookings/lookup',
      '/bookings/cancel',
      '/tables',
      '/table-reservations',
      '/menu',
      '/orders',
      '/pickup-times',
      `/orders/${randomUUID()}/status`,
      '/orders/not-a-uuid/status',
    ];
    const scalar = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(
        daysFromNow(30),
        '2026-02-30',
        '99999-01-01',
        ids.roomTypeId,
        randomUUID(),
        `ht_${'A'.repeat(43)}`,
      ),
    );
    const fields = fc.constantFrom(
      'resource_type_id',
      'from',
      'to',
      'guests',
      'idempotency_key',
      'hold_token',
      'guest',
      'consent',
      'reference',
      'email',
      'date',
      'party',
      'time',
      '__proto__',
      'constructor',
    );
    const body = fc.oneof(
      fc.dictionary(fields, fc.oneof(scalar, fc.dictionary(fc.string(), scalar, { maxKeys: 3 }))),
      fc.json(),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    const query = fc.dictionary(fields, fc.string({ maxLength: 30 }), { maxKeys: 4 });
    const request = fc.record({ path: fc.constantFrom(...paths), post: fc.boolean(), body, query });
    const samples = fc.sample(request, { numRuns: 10_000, seed: 34 });
    const statuses = new Map<number, number>();
    const fiveHundreds: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < samples.length) {
        const sample = samples[next++];
        if (!sample) break;
        const search = new URLSearchParams(sample.query).toString();
        const path = `${sample.path}${search ? `?${search}` : ''}`;
        let answer: Answer;
        const send = () => call(path, sample.post ? { body: sample.body } : {});
        try {
          // A keep-alive socket the gateway closed as the request left is the client's race, not
          // an answer: sent again once.
          answer = await send().catch(send);
        } catch (error) {
          fiveHundreds.push(`${path} ${JSON.stringify(sample.body)} → ${String((error as Error).cause ?? error)}`);
          continue;
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) fiveHundreds.push(`${path} ${JSON.stringify(sample.body)} → ${answer.status}`);
        else expect(typeof answer.body === 'object' && answer.body !== null, path).toBe(true);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(fiveHundreds.slice(0, 5)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the address’s limit through a key', async () => {
    const limited = await newKey(tenant, tenant.propertyIds[0], { key: 1000, address: 5 });
    const answers: Answer[] = [];
    for (let i = 0; i < 7; i++) answers.push(await call('/config', { key: limited }));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const refused = answers[6] as Answer;
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    // The iframe (SITE_URL's origin) may read the 429 and its Retry-After.
    const fromIframe = await call('/config', { key: limited, origin: SITE });
    expect([fromIframe.status, fromIframe.headers.get('access-control-allow-origin')]).toEqual([429, SITE]);
  });

  it('counts by the address the gateway saw, not one a client claims', async () => {
    const limited = await newKey(tenant, tenant.propertyIds[0], { key: 1000, address: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await call('/config', { key: limited, headers: { 'x-forwarded-for': `10.9.8.${i}` } })).status);
    }
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});

describe('a guest books', () => {
  it('holds, confirms and follows the status, through supabase-js', async () => {
    const supabase = createClient(stack.url, stack.keys.anon_key, { auth: { persistSession: false } });
    const headers = { 'x-roost-widget-key': hotelKey, origin: HOTEL_SITE };
    const from = daysFromNow(45);
    const to = daysFromNow(47);
    const available = await supabase.functions.invoke(`widget-api/availability?from=${from}&to=${to}&guests=2`, {
      method: 'GET',
      headers,
    });
    expect(available.error).toBeNull();
    const double = available.data.room_types.find((t: Json) => t.resource_type_id === ids.roomTypeId);
    expect(double.total_minor).toBeGreaterThan(0);

    const held = await supabase.functions.invoke('widget-api/holds', {
      headers,
      body: { resource_type_id: ids.roomTypeId, from, to, guests: 2, idempotency_key: idem() },
    });
    expect(held.error).toBeNull();
    expect(held.data).toMatchObject({ status: 'held', total_minor: double.total_minor, currency: 'EUR' });

    const status = await call(`/bookings/${held.data.booking_id}/status?hold_token=${held.data.hold_token}`);
    expect(status.body).toMatchObject({ status: 'held', reference: held.data.reference });

    const email = `flow-${randomUUID().slice(0, 8)}@example.test`;
    const confirmed = await supabase.functions.invoke(`widget-api/holds/${held.data.booking_id}/confirm`, {
      headers,
      body: {
        hold_token: held.data.hold_token,
        guest: { name: 'Flow Guest', email, phone: '+351 912 000 222', language: 'de' },
        consent: { terms: true, marketing: true },
        idempotency_key: idem(),
      },
    });
    expect(confirmed.error).toBeNull();
    expect(confirmed.data).toEqual({
      status: 'confirmed',
      booking_id: held.data.booking_id,
      reference: held.data.reference,
    });
    // The page's language became the guest's (their emails use it).
    const [guest] = await stack.admin`select language from public.guests where email = ${email}`;
    expect(guest?.language).toBe('de');
    const after = await call(`/bookings/${held.data.booking_id}/status?hold_token=${held.data.hold_token}`);
    expect(after.body).toEqual({ status: 'confirmed', reference: held.data.reference, expires_at: null });

    const lookup = await call('/bookings/lookup', { body: { reference: held.data.reference, email } });
    expect(lookup.body).toMatchObject({ reference: held.data.reference, status: 'confirmed', guests: 2, from, to });
    const wrong = await call('/bookings/lookup', {
      body: { reference: held.data.reference, email: 'other@example.test' },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'booking_not_found']);
    const cancelled = await call('/bookings/cancel', {
      body: { reference: held.data.reference, email, idempotency_key: idem() },
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reference: held.data.reference, fee_minor: 0 });
  });

  it('a double-clicked confirm makes one booking', async () => {
    const held = await call('/holds', {
      body: {
        resource_type_id: ids.roomTypeId,
        from: daysFromNow(55),
        to: daysFromNow(56),
        guests: 2,
        idempotency_key: idem(),
      },
    });
    const email = `double-${randomUUID().slice(0, 8)}@example.test`;
    const confirm = () =>
      call(`/holds/${held.body.booking_id}/confirm`, {
        body: {
          hold_token: held.body.hold_token,
          guest: { ...guest, email },
          consent: { terms: true, marketing: false },
          idempotency_key: idem(),
        },
      });
    const answers = await Promise.all([confirm(), confirm(), confirm()]);
    for (const answer of answers)
      expect(answer.body).toMatchObject({ status: 'confirmed', reference: held.body.reference });
    const [row] = await stack.admin`
      select count(*)::int as n from public.bookings b join public.guests g on g.id = b.guest_id
      where g.email = ${email} and b.status = 'confirmed'`;
    expect(row?.n).toBe(1);
  });

  it('refuses a tampered price, an expired hold and a replayed hold under another request', async () => {
    const key = idem();
    const body = {
      resource_type_id: ids.roomTypeId,
      from: daysFromNow(60),
      to: daysFromNow(61),
      guests: 2,
      idempotency_key: key,
    };
    const tampered = await call('/holds', { body: { ...body, total_minor: 1 } });
    expect([tampered.status, tampered.body.error.code]).toEqual([400, 'unknown_field']);
    const held = await call('/holds', { body });
    const replay = await call('/holds', { body });
    expect(replay.body).toEqual(held.body);
    const reused = await call('/holds', { body: { ...body, to: daysFromNow(62) } });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    await stack.admin`update public.bookings set hold_expires_at = now() - interval '1 second' where id = ${held.body.booking_id}`;
    const late = await call(`/holds/${held.body.booking_id}/confirm`, {
      body: {
        hold_token: held.body.hold_token,
        guest,
        consent: { terms: true, marketing: false },
        idempotency_key: idem(),
      },
    });
    expect([late.status, late.body.error.code]).toEqual([410, 'hold_expired']);
  });

  it('reserves a table and lists the restaurant’s menu', async () => {
    const restaurantKey = await newKey(tenant, tenant.propertyIds[1]);
    const date = daysFromNow(25);
    const slots = await call(`/tables?date=${date}&party=2`, { key: restaurantKey });
    expect(slots.status).toBe(200);
    const slot = slots.body.slots[0];
    const reserved = await call('/table-reservations', {
      key: restaurantKey,
      body: {
        resource_type_id: slot.resource_type_id,
        date,
        time: slot.time,
        party: 2,
        guest,
        consent: { terms: true, marketing: false },
        idempotency_key: idem(),
      },
    });
    expect([reserved.status, reserved.body.status], JSON.stringify(reserved.body)).toEqual([201, 'confirmed']);
    const menu = await call('/menu', { key: restaurantKey });
    expect(menu.status).toBe(200);
    expect(Array.isArray(menu.body.categories)).toBe(true);
  });
});
