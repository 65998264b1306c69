// The public widget API's RPCs (migration 20261206190120_widget_api.sql, decision 034), run as
// the edge function runs them: a transaction as `anon` without the Data API's request.method.
// Keys of the tenant's hotel and restaurant; another tenant's key; a revoked key.
import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAnon, pgError, type Tx, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let ids: BookingsFixtureIds;
let hotelKey: string;
let restaurantKey: string;
let otherKey: string;
let revokedKey: string;

/** As the widget function: anon, in one transaction, no Data API marker. */
function asWidget<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
    return fn(tx);
  }) as Promise<T>;
}

// biome-ignore lint/suspicious/noExplicitAny: jsonb answers
type Json = any;
const call = (sql: string, args: unknown[]): Promise<Json> =>
  asWidget(db.admin, async (tx) => {
    const [row] = await tx.unsafe(`select ${sql} as answer`, args as never[]);
    return row?.answer;
  });

const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const key = () => `k${randomUUID().replaceAll('-', '')}`;

const hold = (widgetKey: string, from: string, to: string, idem = key(), type = ids.roomTypeId) =>
  call('public.widget_hold($1, $2, $3, $4, $5, $6)', [widgetKey, type, from, to, 2, idem]);
const confirm = (widgetKey: string, bookingId: string, token: string, email: string, idem = key()) =>
  call('public.widget_confirm($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    widgetKey,
    bookingId,
    token,
    'Rui Widget',
    email,
    null,
    true,
    false,
    idem,
  ]);

async function newKey(t: Tenant, property: string, origins: string[] = ['https://hotel.example']): Promise<string> {
  const [row] = await db.admin`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
    values (${t.organizationId}, ${property}, 'Website', ${origins}) returning key`;
  return row?.key as string;
}

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'widget');
  other = await createTenant(db.admin, 'widgetother');
  ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
  hotelKey = await newKey(tenant, tenant.propertyIds[0]);
  restaurantKey = await newKey(tenant, tenant.propertyIds[1]);
  otherKey = await newKey(other, other.propertyIds[0]);
  revokedKey = await newKey(tenant, tenant.propertyIds[0]);
  await db.admin`update public.widget_keys set revoked_at = now() where key = ${revokedKey}`;
});

describe('keys', () => {
  it('answers the config of the key’s property', async () => {
    const config = await call('public.widget_config($1)', [hotelKey]);
    expect(config.property).toMatchObject({ id: tenant.propertyIds[0], currency: 'EUR', time_zone: 'Europe/Lisbon' });
    expect(config.allowed_origins).toEqual(['https://hotel.example']);
    expect(config.policy.deposit).toEqual({ kind: 'none', bps: 10000 });
  });

  it('refuses a revoked, unknown or malformed key', async () => {
    for (const [widgetKey, code] of [
      [revokedKey, 'widget_key_revoked'],
      ['wk_doesnotexist123', 'widget_key_invalid'],
      ['not a key\u0000', 'widget_key_invalid'],
    ] as const) {
      const error = await pgError(call('public.widget_config($1)', [widgetKey.replace('\u0000', '')]));
      expect(error).toMatchObject({ code: '42501', message: code });
    }
  });

  it('refuses calls through the Data API', async () => {
    const error = await pgError(
      asAnon(db.admin, async (tx) => {
        await tx`select set_config('request.method', 'POST', true)`;
        return tx`select public.widget_config(${hotelKey})`;
      }),
    );
    expect(error).toMatchObject({ code: '42501', message: 'widget_api_only' });
  });

  it('is executable by anon only (not by signed-in users through the Data API)', async () => {
    const rows = await db.admin`
      select p.proname, has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
        has_function_privilege('anon', p.oid, 'execute') as anon
      from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname like 'widget\\_%'`;
    expect(rows.length).toBeGreaterThanOrEqual(11);
    for (const row of rows) expect(row).toMatchObject({ authenticated: false, anon: true });
  });

  it('admits requests per key and per address, then answers retry-after', async () => {
    const limited = await newKey(tenant, tenant.propertyIds[0]);
    await db.admin`update public.widget_keys set address_limit_per_minute = 3, rate_limit_per_minute = 5 where key = ${limited}`;
    const admit = async (address: string) => {
      const [row] = await db.admin`select private.widget_admit(${limited}, ${address}) as answer`;
      return row?.answer as { status: string; retry_after: number };
    };
    const first = [await admit('10.0.0.1'), await admit('10.0.0.1'), await admit('10.0.0.1')];
    expect(first.map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
    const fourth = await admit('10.0.0.1');
    expect(fourth.status).toBe('rate_limited');
    expect(fourth.retry_after).toBeGreaterThanOrEqual(1);
    expect(fourth.retry_after).toBeLessThanOrEqual(60);
    // Another address has its own budget, until the key's own limit (5) is spent.
    expect((await admit('10.0.0.2')).status).toBe('ok');
    expect((await admit('10.0.0.3')).status).toBe('ok');
    expect((await admit('10.0.0.4')).status).toBe('rate_limited');
    const [unknown] = await db.admin`select private.widget_admit('wk_unknownkey0000', '10.0.0.9') as answer`;
    expect(unknown?.answer.status).toBe('unknown_key');
    const [revoked] = await db.admin`select private.widget_admit(${revokedKey}, '10.0.0.9') as answer`;
    expect(revoked?.answer.status).toBe('revoked');
  });

  it('is not callable by anon or signed-in users', async () => {
    const error = await pgError(asAnon(db.admin, (tx) => tx`select private.widget_admit(${hotelKey}, '1.2.3.4')`));
    expect(error.code).toBe('42501');
  });
});

describe('stays', () => {
  it('lists room types with prices computed in SQL', async () => {
    const answer = await call('public.widget_availability($1, $2, $3, $4)', [
      hotelKey,
      daysFromNow(60),
      daysFromNow(62),
      2,
    ]);
    expect(answer.nights).toBe(2);
    const double = answer.room_types.find((t: Json) => t.resource_type_id === ids.roomTypeId);
    expect(double).toMatchObject({ name: 'Double', currency: 'EUR', deposit_minor: 0 });
    expect(double.total_minor).toBeGreaterThan(0);
    expect(double.available_count).toBeGreaterThanOrEqual(3);
  });

  it('another property’s key sees nothing of this property', async () => {
    const error = await pgError(
      call('public.widget_quote($1, $2, $3, $4, $5)', [otherKey, ids.roomTypeId, daysFromNow(60), daysFromNow(62), 2]),
    );
    expect(error).toMatchObject({ code: 'PT404', message: 'resource_type_not_found' });
    const restaurant = await pgError(hold(restaurantKey, daysFromNow(60), daysFromNow(62)));
    expect(restaurant).toMatchObject({ code: 'PT404', message: 'resource_type_not_found' });
  });

  it('holds, confirms once, and a double confirm makes one booking', async () => {
    const held = await hold(hotelKey, daysFromNow(70), daysFromNow(72));
    expect(held).toMatchObject({ status: 'held', currency: 'EUR', deposit_minor: 0 });
    expect(held.hold_token).toMatch(/^ht_[A-Za-z0-9_-]{20,}$/);
    // The same nights (weekday prices differ: other dates may cost more or less).
    const quote = await call('public.widget_quote($1, $2, $3, $4, $5)', [
      hotelKey,
      ids.roomTypeId,
      daysFromNow(70),
      daysFromNow(72),
      2,
    ]);
    expect(held.total_minor).toBe(quote.total_minor);
    const [stored] = await db.admin`select token_hash from private.widget_holds where booking_id = ${held.booking_id}`;
    expect(Buffer.from(stored?.token_hash).toString('hex')).not.toContain(Buffer.from(held.hold_token).toString('hex'));

    const email = `guest-${randomUUID().slice(0, 8)}@example.test`;
    const [a, b] = await Promise.all([
      confirm(hotelKey, held.booking_id, held.hold_token, email),
      confirm(hotelKey, held.booking_id, held.hold_token, email),
    ]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 'confirmed', reference: held.reference });
    const [count] = await db.admin`
      select count(*)::int as n, min(b.status::text) as status from public.bookings b join public.guests g on g.id = b.guest_id
      where g.email = ${email}`;
    expect(count).toMatchObject({ n: 1, status: 'confirmed' });
    const status = await call('public.widget_booking_status($1, $2, $3)', [hotelKey, held.booking_id, held.hold_token]);
    expect(status).toMatchObject({ status: 'confirmed', reference: held.reference });
  });

  it('a replayed hold answers the same hold and token; another request under the key is refused', async () => {
    const idem = key();
    const first = await hold(hotelKey, daysFromNow(90), daysFromNow(91), idem);
    const again = await hold(hotelKey, daysFromNow(90), daysFromNow(91), idem);
    expect(again).toEqual(first);
    const reused = await pgError(hold(hotelKey, daysFromNow(92), daysFromNow(93), idem));
    expect(reused).toMatchObject({ code: '23505', message: 'idempotency_key_reused' });
  });

  it('refuses a wrong hold token, another property’s key and an expired hold', async () => {
    const held = await hold(hotelKey, daysFromNow(100), daysFromNow(101));
    const email = 'late@example.test';
    const forged = await pgError(confirm(hotelKey, held.booking_id, `ht_${'A'.repeat(43)}`, email));
    expect(forged).toMatchObject({ code: 'PT404', message: 'booking_not_found' });
    const foreign = await pgError(confirm(otherKey, held.booking_id, held.hold_token, email));
    expect(foreign).toMatchObject({ code: 'PT404', message: 'booking_not_found' });
    await db.admin`update public.bookings set hold_expires_at = now() - interval '1 second' where id = ${held.booking_id}`;
    const expired = await pgError(confirm(hotelKey, held.booking_id, held.hold_token, email));
    expect(expired).toMatchObject({ code: 'P0001', message: 'hold_expired' });
    const status = await call('public.widget_booking_status($1, $2, $3)', [hotelKey, held.booking_id, held.hold_token]);
    expect(status.status).toBe('expired');
  });

  it('has no price argument, and ignores prices changed after the quote only by the rules', async () => {
    const [args] = await db.admin`
      select string_agg(pg_get_function_arguments(p.oid), ' ') as all_args
      from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname like 'widget\\_%'`;
    expect(args?.all_args).not.toMatch(/price|amount|total/);
  });

  it('asks for a deposit under the policy and leaves the hold held', async () => {
    await db.admin`update public.property_settings set deposit_kind = 'first_night' where property_id = ${tenant.propertyIds[0]}`;
    try {
      const held = await hold(hotelKey, daysFromNow(110), daysFromNow(112));
      expect(held.deposit_minor).toBeGreaterThan(0);
      expect(held.deposit_minor).toBeLessThan(held.total_minor);
      const answer = await confirm(hotelKey, held.booking_id, held.hold_token, 'deposit@example.test');
      expect(answer).toMatchObject({ status: 'payment_required', amount_minor: held.deposit_minor, currency: 'EUR' });
      const [row] = await db.admin`select status from public.bookings where id = ${held.booking_id}`;
      expect(row?.status).toBe('held');
    } finally {
      await db.admin`update public.property_settings set deposit_kind = 'none' where property_id = ${tenant.propertyIds[0]}`;
    }
  });
});

describe('manage my booking', () => {
  it('finds a booking by reference and email only, and cancels it under the policy', async () => {
    const held = await hold(hotelKey, daysFromNow(120), daysFromNow(122));
    const email = `manage-${randomUUID().slice(0, 8)}@example.test`;
    await confirm(hotelKey, held.booking_id, held.hold_token, email);

    const wrong = await pgError(
      call('public.widget_lookup($1, $2, $3)', [hotelKey, held.reference, 'someone@example.test']),
    );
    expect(wrong).toMatchObject({ code: 'PT404', message: 'booking_not_found' });
    const foreign = await pgError(call('public.widget_lookup($1, $2, $3)', [otherKey, held.reference, email]));
    expect(foreign).toMatchObject({ code: 'PT404', message: 'booking_not_found' });

    const found = await call('public.widget_lookup($1, $2, $3)', [
      hotelKey,
      held.reference.toLowerCase(),
      email.toUpperCase(),
    ]);
    expect(found).toMatchObject({ reference: held.reference, status: 'confirmed', kind: 'stay', cancellable: true });
    expect(found.cancellation_fee_minor).toBe(0);

    const cancelled = await call('public.widget_cancel($1, $2, $3, $4)', [hotelKey, held.reference, email, key()]);
    expect(cancelled).toMatchObject({ status: 'cancelled', fee_minor: 0, refund_minor: 0 });
    const again = await call('public.widget_cancel($1, $2, $3, $4)', [hotelKey, held.reference, email, key()]);
    expect(again).toEqual(cancelled);
  });

  it('charges the policy fee inside the free cancellation window', async () => {
    await db.admin`update public.property_settings set free_cancellation_hours = 24 * 365 where property_id = ${tenant.propertyIds[0]}`;
    try {
      const held = await hold(hotelKey, daysFromNow(130), daysFromNow(132));
      const email = `fee-${randomUUID().slice(0, 8)}@example.test`;
      await confirm(hotelKey, held.booking_id, held.hold_token, email);
      const found = await call('public.widget_lookup($1, $2, $3)', [hotelKey, held.reference, email]);
      expect(found.cancellation_fee_minor).toBeGreaterThan(0);
      const cancelled = await call('public.widget_cancel($1, $2, $3, $4)', [hotelKey, held.reference, email, key()]);
      expect(cancelled.fee_minor).toBe(found.cancellation_fee_minor);
    } finally {
      await db.admin`update public.property_settings set free_cancellation_hours = 48 where property_id = ${tenant.propertyIds[0]}`;
    }
  });
});

describe('tables and menu', () => {
  it('lists slots and reserves a table with the guest, once per idempotency key', async () => {
    const date = daysFromNow(20);
    const slots = await call('public.widget_table_slots($1, $2, $3)', [restaurantKey, date, 2]);
    expect(slots.slots.length).toBeGreaterThan(0);
    const slot = slots.slots[0];
    expect(slot).toMatchObject({ resource_type_id: ids.tableTypeId, time: '12:00' });
    const idem = key();
    const reserve = () =>
      call('public.widget_reserve_table($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
        restaurantKey,
        ids.tableTypeId,
        date,
        slot.time,
        2,
        'Table Guest',
        'table@example.test',
        '+351912000111',
        true,
        true,
        idem,
      ]);
    const first = await reserve();
    expect(first).toMatchObject({ status: 'confirmed' });
    expect(await reserve()).toEqual(first);
    const after = await call('public.widget_table_slots($1, $2, $3)', [restaurantKey, date, 2]);
    expect(after.slots.find((s: Json) => s.time === '12:00')).toBeUndefined();
  });

  it('refuses a reservation without accepted terms, writing nothing', async () => {
    const error = await pgError(
      call('public.widget_reserve_table($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
        restaurantKey,
        ids.tableTypeId,
        daysFromNow(21),
        '19:00',
        2,
        'No Terms',
        'noterms@example.test',
        null,
        false,
        false,
        key(),
      ]),
    );
    expect(error).toMatchObject({ code: '22023', message: 'terms_not_accepted' });
    const [row] = await db.admin`select count(*)::int as n from public.guests where email = 'noterms@example.test'`;
    expect(row?.n).toBe(0);
  });

  it('gives a guest without a language the one they booked in, keeps one they have, and refuses a malformed one', async () => {
    const confirmIn = (held: Json, email: string, language: string | null) =>
      call('public.widget_confirm($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
        hotelKey,
        held.booking_id,
        held.hold_token,
        'Lena Widget',
        email,
        null,
        true,
        false,
        key(),
        language,
      ]);
    const languageOf = async (email: string) =>
      (await db.admin`select language from public.guests where email = ${email}`)[0]?.language;
    const email = `lena-${randomUUID().slice(0, 8)}@example.test`;

    // Malformed: refused before anything is written; the hold stays held.
    const first = await hold(hotelKey, daysFromNow(80), daysFromNow(81));
    const error = await pgError(confirmIn(first, email, 'Deutsch'));
    expect(error).toMatchObject({ code: '22023', message: 'invalid_language' });
    expect(await languageOf(email)).toBeUndefined();
    const [held] = await db.admin`select status::text from public.bookings where id = ${first.booking_id}`;
    expect(held?.status).toBe('held');

    expect(await confirmIn(first, email, 'de')).toMatchObject({ status: 'confirmed' });
    expect(await languageOf(email)).toBe('de');
    // The same guest books again from the French page: what they had stays.
    const second = await hold(hotelKey, daysFromNow(84), daysFromNow(85));
    expect(await confirmIn(second, email, 'fr')).toMatchObject({ status: 'confirmed' });
    expect(await languageOf(email)).toBe('de');

    // A table reservation says it too.
    const slots = await call('public.widget_table_slots($1, $2, $3)', [restaurantKey, daysFromNow(22), 2]);
    const tableEmail = `mesa-${randomUUID().slice(0, 8)}@example.test`;
    const reserved = await call('public.widget_reserve_table($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)', [
      restaurantKey,
      ids.tableTypeId,
      daysFromNow(22),
      slots.slots[0].time,
      2,
      'Mesa Guest',
      tableEmail,
      null,
      true,
      false,
      key(),
      'pt-PT',
    ]);
    expect(reserved).toMatchObject({ status: 'confirmed' });
    expect(await languageOf(tableEmail)).toBe('pt-PT');
  });

  it('answers the menu of the key’s property', async () => {
    const menu = await call('public.widget_menu($1)', [restaurantKey]);
    expect(menu.currency).toBe('EUR');
    expect(Array.isArray(menu.categories)).toBe(true);
  });
});
