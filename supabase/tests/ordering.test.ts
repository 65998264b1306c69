// Online ordering (migrations 20261206200100_order_rules_without_member.sql and
// 20261206200110_widget_orders.sql, decision 042): the order RPCs split into a member check and a
// private body (staff behaviour unchanged, the bodies closed to anon and members), and
// widget_place_order / widget_order_status run as the widget function runs them (anon, no Data
// API marker): bad input, room service by reference + surname of a checked-in stay, pickup rules,
// idempotency, a takeaway draft that the kitchen never sees until Stripe says it is paid, expiry.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { asServiceRole, asUser, pgError, type Tx, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { callAs, createMenu, type Menu } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let menu: Menu;
let restaurantKey: string;
let hotelKey: string;
let stay: { reference: string; surname: string; bookingId: string };
let account = '';

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

const idem = () => `k${randomUUID().replaceAll('-', '')}`;

interface OrderInput {
  key?: string;
  mode?: string;
  pickupAt?: string | null;
  reference?: string | null;
  surname?: string | null;
  lines?: unknown;
  name?: string;
  email?: string;
  phone?: string | null;
  idempotencyKey?: string;
}

const place = (input: OrderInput = {}) =>
  call('public.widget_place_order($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
    input.key ?? restaurantKey,
    input.mode ?? 'takeaway',
    input.pickupAt === undefined ? pickupIn(60) : input.pickupAt,
    input.reference ?? null,
    input.surname ?? null,
    input.lines ?? [{ item_id: menu.soup, quantity: 2, option_ids: [menu.large] }],
    input.name ?? 'Rui Online',
    input.email ?? 'rui.online@example.test',
    input.phone ?? null,
    input.idempotencyKey ?? idem(),
  ]);

const status = (orderId: string, token: string, key = restaurantKey) =>
  call('public.widget_order_status($1, $2, $3)', [key, orderId, token]);

/** A pickup time on a 15-minute mark, at least `minutes` from now. */
function pickupIn(minutes: number): string {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil((Date.now() + minutes * 60_000) / quarter) * quarter).toISOString();
}

/** What the kitchen display reads: submitted orders and later, never drafts. */
async function onKitchenScreen(orderId: string): Promise<boolean> {
  const rows = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`select id from public.orders where id = ${orderId} and status in ('submitted', 'preparing', 'ready')`,
  );
  return rows.length === 1;
}

async function newKey(property: string): Promise<string> {
  const [row] = await db.admin`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
    values (${tenant.organizationId}, ${property}, 'Website', ${['https://hotel.example']}) returning key`;
  return row?.key as string;
}

let eventSeq = 0;
async function paymentSucceeded(orderId: string, amount: number, intent = `pi_${randomBytes(8).toString('hex')}`) {
  await asServiceRole(
    db.admin,
    (tx) => tx`select private.record_guest_payment(${intent}, ${account}, ${menu.propertyId}::uuid, 'order',
      ${orderId}::uuid, ${amount}, 'EUR', 10, 'requires_payment_method')`,
  );
  const event = {
    id: `evt_${randomBytes(8).toString('hex')}${++eventSeq}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    account,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: intent,
        object: 'payment_intent',
        amount,
        amount_received: amount,
        currency: 'eur',
        status: 'succeeded',
        metadata: { roost_kind: 'order', roost_id: orderId, property_id: menu.propertyId },
      },
    },
  };
  const [row] = await asServiceRole(
    db.admin,
    (tx) => tx`select private.process_stripe_event(${tx.json(event as never)}) as r`,
  );
  return row?.r as Json;
}

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'ordering');
  menu = await createMenu(db.admin, tenant);
  account = tenant.extra.billing?.stripeAccountId ?? '';
  restaurantKey = await newKey(menu.propertyId);
  hotelKey = await newKey(tenant.propertyIds[0]);
  // Takeaway all day, so the tests pass at any hour.
  await db.admin`
    insert into public.order_settings (organization_id, property_id, takeaway_opens, takeaway_closes, takeaway_lead_minutes)
    values (${tenant.organizationId}, ${menu.propertyId}, '00:00', '23:59', 20)
    on conflict (property_id) do update set takeaway_opens = '00:00', takeaway_closes = '23:59', takeaway_lead_minutes = 20`;
  // The hotel sells the soup too (room service), and has a checked-in stay.
  await db.admin`
    insert into public.item_availability (organization_id, property_id, item_id)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${menu.soup})`;
  const ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
  const [row] = await db.admin`
    select b.id, b.reference, g.full_name from public.bookings b join public.guests g on g.id = b.guest_id
    where b.id = ${ids.checkedInBookingId}`;
  stay = {
    bookingId: row?.id as string,
    reference: row?.reference as string,
    surname: String(row?.full_name).split(' ').pop() ?? '',
  };
});

describe('order rules without a member', () => {
  it('keeps staff behaviour: place_order submits, a viewer is refused, an outsider finds nothing', async () => {
    const order = await callAs(db.admin, tenant.members.staff, 'place_order', {
      p_property_id: menu.propertyId,
      p_idempotency_key: randomUUID(),
      p_kind: 'takeaway',
      p_lines: [{ item_id: menu.wine, quantity: 1 }],
    });
    expect(order).toMatchObject({ status: 'submitted', source: 'staff', pay_by: null });
    const refused = await pgError(
      callAs(db.admin, tenant.members.viewer, 'create_order', { p_property_id: menu.propertyId, p_kind: 'takeaway' }),
    );
    expect(refused).toMatchObject({ code: '42501', message: 'insufficient_role' });
    const outsider = await createTenant(db.admin, 'orderingout');
    expect(
      await pgError(
        callAs(db.admin, outsider.members.owner, 'place_order', {
          p_property_id: menu.propertyId,
          p_idempotency_key: randomUUID(),
          p_kind: 'takeaway',
          p_lines: [{ item_id: menu.wine, quantity: 1 }],
        }),
      ),
    ).toMatchObject({ message: 'property_not_found' });
    // Input is still checked before the member: bad lines from a stranger say invalid_lines.
    expect(
      await pgError(
        callAs(db.admin, outsider.members.owner, 'place_order', {
          p_property_id: menu.propertyId,
          p_idempotency_key: randomUUID(),
          p_kind: 'takeaway',
          p_lines: [],
        }),
      ),
    ).toMatchObject({ code: '22023', message: 'invalid_lines' });
  });

  it('keeps add_order_item and submit_order member-checked', async () => {
    const order = await callAs(db.admin, tenant.members.staff, 'create_order', {
      p_property_id: menu.propertyId,
      p_kind: 'takeaway',
    });
    expect(
      await pgError(
        callAs(db.admin, tenant.members.viewer, 'add_order_item', {
          p_order_id: order.id,
          p_item_id: menu.wine,
          p_quantity: 1,
        }),
      ),
    ).toMatchObject({ code: '42501' });
    const line = await callAs(db.admin, tenant.members.staff, 'add_order_item', {
      p_order_id: order.id,
      p_item_id: menu.wine,
      p_quantity: 2,
    });
    expect(line).toMatchObject({ quantity: 2, item_name: 'House wine' });
    expect(
      await pgError(callAs(db.admin, tenant.members.viewer, 'submit_order', { p_order_id: order.id })),
    ).toMatchObject({ code: '42501' });
    expect(await callAs(db.admin, tenant.members.staff, 'submit_order', { p_order_id: order.id })).toMatchObject({
      status: 'submitted',
    });
  });

  it('closes the private bodies to anon and members', async () => {
    for (const role of ['anon', 'authenticated']) {
      const [row] = await db.admin`
        select bool_or(has_function_privilege(${role}, p.oid, 'execute')) as any
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'private' and p.proname in ('create_order_in', 'add_order_item_in', 'submit_locked_order',
          'place_order_in', 'check_order_lines', 'apply_order_payment', 'widget_order_token', 'expire_unpaid_orders')`;
      expect(row?.any, role).toBe(false);
    }
    const refused = await pgError(
      asWidget(
        db.admin,
        (tx) =>
          tx`select private.place_order_in(${menu.propertyId}::uuid, 'x', 'takeaway', '[]'::jsonb, null, null, null, null)`,
      ),
    );
    expect(refused.code).toBe('42501');
  });

  it('keeps the widget RPCs from members and from the Data API', async () => {
    const member = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`select public.widget_order_status(${restaurantKey}, ${randomUUID()}::uuid, 'ot_x')`,
      ),
    );
    expect(member.code).toBe('42501');
    const dataApi = await pgError(
      asWidget(db.admin, async (tx) => {
        await tx`select set_config('request.method', 'POST', true)`;
        return tx`select public.widget_pickup_times(${restaurantKey})`;
      }),
    );
    expect(dataApi).toMatchObject({ code: '42501', message: 'widget_api_only' });
  });
});

describe('widget_place_order: input', () => {
  it('refuses bad input with stable codes', async () => {
    const cases: [OrderInput, string][] = [
      [{ key: 'wk_nope_nope_nope' }, 'widget_key_invalid'],
      [{ mode: 'delivery' }, 'invalid_mode'],
      [{ name: '' }, 'invalid_guest_name'],
      [{ email: 'not-an-email' }, 'invalid_email'],
      [{ phone: 'call me' }, 'invalid_phone'],
      [{ lines: [] }, 'invalid_lines'],
      [{ lines: [{ item_id: 'x', quantity: 1 }] }, 'invalid_lines'],
      [{ lines: [{ item_id: randomUUID(), quantity: 1, seat: 2 }] }, 'invalid_lines'],
      [{ lines: [{ item_id: randomUUID(), quantity: 0 }] }, 'invalid_quantity'],
      [{ pickupAt: null }, 'invalid_pickup_at'],
      [{ reference: 'ABCDEFGH' }, 'invalid_booking_reference'],
      [{ mode: 'room_service', pickupAt: null, reference: 'short', surname: 'Costa' }, 'invalid_reference'],
      [{ mode: 'room_service', pickupAt: null, reference: 'ABCDEFGH', surname: '' }, 'invalid_surname'],
      [{ mode: 'room_service', reference: 'ABCDEFGH', surname: 'Costa' }, 'invalid_pickup_at'],
      [{ idempotencyKey: 'short' }, 'invalid_idempotency_key'],
    ];
    for (const [input, code] of cases) {
      const error = await pgError(place(input));
      expect(error.message, JSON.stringify(input)).toBe(code);
    }
  });

  it('refuses an item not sold here, broken modifiers and tracked stock that is short', async () => {
    expect((await pgError(place({ lines: [{ item_id: randomUUID(), quantity: 1 }] }))).message).toBe('item_not_found');
    expect((await pgError(place({ lines: [{ item_id: menu.soup, quantity: 1 }] }))).message).toBe('invalid_modifiers');
    expect((await pgError(place({ lines: [{ item_id: menu.burger, quantity: 101 }] }))).message).toBe('out_of_stock');
  });
});

describe('widget_place_order: takeaway', () => {
  it('refuses pickup times before the lead time, off the 5-minute marks or outside the hours', async () => {
    const soon = new Date(Math.ceil(Date.now() / 300_000) * 300_000).toISOString();
    expect((await pgError(place({ pickupAt: soon }))).message).toBe('pickup_time_not_accepted');
    const odd = new Date(new Date(pickupIn(60)).getTime() + 7 * 60_000).toISOString();
    expect((await pgError(place({ pickupAt: odd }))).message).toBe('pickup_time_not_accepted');
    expect((await pgError(place({ pickupAt: pickupIn(60 * 30) }))).message).toBe('pickup_time_not_accepted');
    await db.admin`update public.order_settings set takeaway_opens = '00:00', takeaway_closes = '00:15'
      where property_id = ${menu.propertyId}`;
    try {
      const times = await call('public.widget_pickup_times($1)', [restaurantKey]);
      const inHours = (times.times as string[]).map((t) => Date.parse(t));
      // Hours apart, so at most one falls inside 00:00–00:15.
      const outside = [pickupIn(60), pickupIn(120), pickupIn(180)].find((t) => !inHours.includes(Date.parse(t)));
      expect(outside).toBeDefined();
      expect((await pgError(place({ pickupAt: outside }))).message).toBe('pickup_time_not_accepted');
    } finally {
      await db.admin`update public.order_settings set takeaway_opens = '00:00', takeaway_closes = '23:59'
        where property_id = ${menu.propertyId}`;
    }
  });

  it('offers pickup times every 15 minutes after the lead time, and the settings are constraint-backed', async () => {
    const times = await call('public.widget_pickup_times($1)', [restaurantKey]);
    expect(times).toMatchObject({ lead_minutes: 20, opens: '00:00', closes: '23:59' });
    const first = new Date(times.times[0]).getTime();
    expect(first).toBeGreaterThanOrEqual(Date.now() + 20 * 60_000 - 1000);
    expect(new Date(times.times[1]).getTime() - first).toBe(15 * 60_000);
    const refused = await pgError(
      db.admin`update public.order_settings set takeaway_opens = '22:00', takeaway_closes = '10:00' where property_id = ${menu.propertyId}`,
    );
    expect(refused.message).toContain('order_settings_takeaway_hours');
    expect(
      (
        await pgError(
          db.admin`update public.order_settings set takeaway_lead_minutes = 999 where property_id = ${menu.propertyId}`,
        )
      ).message,
    ).toContain('order_settings_takeaway_lead_range');
  });

  it('keeps a paid takeaway a draft, off the kitchen screen, until Stripe says it is paid', async () => {
    const pickup = pickupIn(45);
    const order = await place({ pickupAt: pickup });
    // Soup large 1550 × 2 = 3100, 6 % tax 186, service 10 % 310.
    expect(order).toMatchObject({
      status: 'awaiting_payment',
      payment_required: true,
      mode: 'takeaway',
      total_minor: 3596,
      currency: 'EUR',
      payment_status: 'none',
    });
    expect(new Date(order.pickup_at).toISOString()).toBe(pickup);
    expect(order.order_token).toMatch(/^ot_/);
    expect(order.number).toBe(order.order_id.slice(0, 6).toUpperCase());
    expect(await onKitchenScreen(order.order_id)).toBe(false);
    expect(await status(order.order_id, order.order_token)).toMatchObject({ status: 'awaiting_payment' });

    const outcome = await paymentSucceeded(order.order_id, 3596);
    expect(outcome).toMatchObject({ outcome: 'processed', order_status: 'submitted' });
    expect(await onKitchenScreen(order.order_id)).toBe(true);
    expect(await status(order.order_id, order.order_token)).toMatchObject({
      status: 'submitted',
      payment_status: 'paid',
      lines: [{ name: 'Soup', quantity: 2, options: ['Large'], status: 'queued' }],
    });
  });

  it('answers a replay with the same order and token, and refuses another order under the key', async () => {
    const key = idem();
    const pickup = pickupIn(60);
    const first = await place({ idempotencyKey: key, pickupAt: pickup });
    const again = await place({ idempotencyKey: key, pickupAt: pickup });
    expect(again.order_id).toBe(first.order_id);
    expect(again.order_token).toBe(first.order_token);
    const [row] =
      await db.admin`select count(*)::int as n from public.orders where idempotency_key = ${`widget:${key}`}`;
    expect(row?.n).toBe(1);
    const other = await pgError(place({ idempotencyKey: key, pickupAt: pickup, email: 'someone.else@example.test' }));
    expect(other).toMatchObject({ code: '23505', message: 'idempotency_key_reused' });
  });

  it('lets an unpaid draft expire: never on the kitchen screen, voided, and a late payment refunded', async () => {
    const order = await place();
    await db.admin`update public.orders set pay_by = now() - interval '1 second' where id = ${order.order_id}`;
    expect(await status(order.order_id, order.order_token)).toMatchObject({ status: 'expired' });
    const late = await paymentSucceeded(order.order_id, order.total_minor);
    expect(late).toMatchObject({ order_status: 'voided', refund: { amount_minor: order.total_minor } });
    expect(await onKitchenScreen(order.order_id)).toBe(false);
    const [row] = await db.admin`select status::text, void_reason from public.orders where id = ${order.order_id}`;
    expect(row).toEqual({ status: 'voided', void_reason: 'payment_expired' });
    expect(await status(order.order_id, order.order_token)).toMatchObject({ status: 'expired' });
  });

  it('voids the property’s expired drafts when the next order is placed', async () => {
    const order = await place();
    await db.admin`update public.orders set pay_by = now() - interval '1 second' where id = ${order.order_id}`;
    await place();
    const [row] = await db.admin`select status::text from public.orders where id = ${order.order_id}`;
    expect(row?.status).toBe('voided');
  });

  it('refuses a takeaway when the organization takes no online payments', async () => {
    await db.admin`update public.payment_accounts set charges_enabled = false where organization_id = ${tenant.organizationId}`;
    try {
      expect((await pgError(place())).message).toBe('payments_not_configured');
    } finally {
      await db.admin`update public.payment_accounts set charges_enabled = true where organization_id = ${tenant.organizationId}`;
    }
  });

  it('answers the status only to the order’s token at the key’s property', async () => {
    const order = await place();
    expect((await pgError(status(order.order_id, `ot_${'x'.repeat(43)}`))).message).toBe('order_not_found');
    expect((await pgError(status(order.order_id, order.order_token, hotelKey))).message).toBe('order_not_found');
    expect((await pgError(status(order.order_id, 'bad'))).message).toBe('invalid_order_token');
  });
});

describe('widget_place_order: room service', () => {
  const roomService = (reference: string, surname: string, extra: OrderInput = {}) =>
    place({
      key: hotelKey,
      mode: 'room_service',
      pickupAt: null,
      reference,
      surname,
      lines: [{ item_id: menu.soup, quantity: 1, option_ids: [menu.small] }],
      ...extra,
    });

  it('refuses a wrong surname, a wrong reference and a stay that is not in house', async () => {
    expect((await pgError(roomService(stay.reference, 'Nobody'))).message).toBe('stay_not_found');
    expect((await pgError(roomService('ZZZZ9999', stay.surname))).message).toBe('stay_not_found');
    const ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
    const [confirmed] = await db.admin`select reference from public.bookings where id = ${ids.confirmedBookingId}`;
    expect((await pgError(roomService(confirmed?.reference as string, stay.surname))).message).toBe('stay_not_found');
    // Another property's key does not find the hotel's stay.
    expect((await pgError(roomService(stay.reference, stay.surname, { key: restaurantKey }))).message).toBe(
      'stay_not_found',
    );
  });

  it('sends the order to the kitchen at once and charges the stay’s folio when served', async () => {
    const order = await roomService(stay.reference.toLowerCase(), stay.surname.toUpperCase());
    expect(order).toMatchObject({
      status: 'submitted',
      payment_required: false,
      mode: 'room_service',
      payment_status: 'on_folio',
    });
    const [row] =
      await db.admin`select booking_id, status::text, total_minor from public.orders where id = ${order.order_id}`;
    expect(row?.booking_id).toBe(stay.bookingId);
    for (const next of ['preparing', 'ready', 'served']) {
      await callAs(db.admin, tenant.members.staff, 'advance_order_status', {
        p_order_id: order.order_id,
        p_status: next,
      });
    }
    const entries = await db.admin`
      select e.kind::text, e.amount_minor::bigint as amount from public.folio_entries e join public.folios f on f.id = e.folio_id
      where f.booking_id = ${stay.bookingId} and e.order_id = ${order.order_id}`;
    expect(entries).toEqual([{ kind: 'order', amount: String(row?.total_minor) }]);
  });
});
