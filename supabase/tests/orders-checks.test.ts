// A table's check on the POS (migration 20261206150200_pos_checks.sql): request_bill,
// add_order_round (a second round onto the open check, once per key), split_order (lines move to
// a new check; totals recomputed by the database, no line lost or doubled) and settle_order
// (a recorded payment on a tab folio, settled and closed). Staff may do all four; viewers and
// other organizations are refused with stable codes.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectionPool, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { callAs, createMenu, type Menu, type Row } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let other: Tenant;
let menu: Menu;
let tableId: string;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'checks');
  other = await createTenant(db.admin, 'checks-other');
  menu = await createMenu(db.admin, tenant);
  tableId = (tenant.extra.bookings as unknown as BookingsFixtureIds).tableId;
});

const staff = () => tenant.members.staff;

/** A table order with a burger for seat 1 and a wine for seat 2, sent to the kitchen. */
async function tableOrder(user: TestUser = staff()): Promise<Row> {
  return callAs(db.admin, user, 'place_order', {
    p_property_id: menu.propertyId,
    p_idempotency_key: randomUUID(),
    p_kind: 'table',
    p_table_resource_id: tableId,
    p_lines: [
      { item_id: menu.burger, quantity: 1, seat: 1 },
      { item_id: menu.wine, quantity: 2, seat: 2 },
    ],
  });
}

/** The order as the kitchen and the waiter leave it: every line served, the order served. */
async function serve(orderId: string): Promise<void> {
  await db.admin`update public.order_items set status = 'preparing' where order_id = ${orderId} and status = 'queued'`;
  await db.admin`update public.order_items set status = 'ready' where order_id = ${orderId} and status = 'preparing'`;
  await db.admin`update public.order_items set status = 'served' where order_id = ${orderId} and status = 'ready'`;
  for (const status of ['preparing', 'ready', 'served']) {
    await db.admin`update public.orders set status = ${status}::public.order_status where id = ${orderId}
      and status <> ${status}::public.order_status`;
  }
}

async function orderRow(id: string) {
  const [row] = await db.admin`
    select id, status, total_minor::bigint as total, subtotal_minor::bigint as subtotal, folio_id, bill_requested_at
    from public.orders where id = ${id}`;
  return row as {
    id: string;
    status: string;
    total: bigint;
    subtotal: bigint;
    folio_id: string | null;
    bill_requested_at: Date | null;
  };
}

async function lineIds(orderId: string, seat?: number): Promise<string[]> {
  const rows = await db.admin`
    select id from public.order_items where order_id = ${orderId} and (${seat ?? null}::int is null or seat = ${seat ?? null})
    order by created_at, id`;
  return rows.map((r) => r.id as string);
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await pgError(promise);
  return { code: error.code, message: error.message };
};

describe('request_bill', () => {
  it('marks the check, keeps the first time, and is cleared when the check closes', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    const first = await callAs(db.admin, staff(), 'request_bill', { p_order_id: id });
    expect(first.bill_requested_at).toBeInstanceOf(Date);
    const again = await callAs(db.admin, staff(), 'request_bill', { p_order_id: id });
    expect(again.bill_requested_at, 'asking twice keeps the first time').toEqual(first.bill_requested_at);
    await serve(id);
    await callAs(db.admin, staff(), 'settle_order', { p_order_id: id, p_method: 'cash' });
    expect((await orderRow(id)).bill_requested_at, 'cleared on close').toBeNull();
  });

  it('refuses a closed check, a viewer and another organization', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    expect(await refusal(callAs(db.admin, tenant.members.viewer, 'request_bill', { p_order_id: id }))).toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    expect(await refusal(callAs(db.admin, other.members.owner, 'request_bill', { p_order_id: id }))).toEqual({
      code: 'PT404',
      message: 'order_not_found',
    });
    await serve(id);
    await callAs(db.admin, staff(), 'settle_order', { p_order_id: id, p_method: 'card' });
    expect(await refusal(callAs(db.admin, staff(), 'request_bill', { p_order_id: id }))).toEqual({
      code: 'P0001',
      message: 'invalid_order_status',
    });
  });

  it('cannot be set on a closed order, even directly', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    await serve(id);
    await db.admin`update public.orders set status = 'closed' where id = ${id}`;
    const error = await pgError(db.admin`update public.orders set bill_requested_at = now() where id = ${id}`);
    expect(error.code).toBe('23514');
  });
});

describe('add_order_round', () => {
  it('adds a second round to the open check, once per key, and sends a finished check back to the kitchen', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    await serve(id);
    const before = await orderRow(id);
    const key = randomUUID();
    const round = { p_order_id: id, p_idempotency_key: key, p_lines: [{ item_id: menu.wine, quantity: 1, seat: 3 }] };
    const after = await callAs(db.admin, staff(), 'add_order_round', round);
    expect(after.id, 'the same check').toBe(id);
    expect(after.status, 'back in the kitchen').toBe('submitted');
    expect(Number(after.subtotal_minor)).toBe(Number(before.subtotal) + 700);
    const again = await callAs(db.admin, staff(), 'add_order_round', round);
    expect(Number(again.total_minor), 'the same key adds nothing').toBe(Number(after.total_minor));
    const lines =
      await db.admin`select item_name, seat, status, round_key from public.order_items where order_id = ${id}
      order by created_at, id`;
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ item_name: 'House wine', seat: 3, status: 'queued', round_key: key });
    const [{ n }] = (await db.admin`select count(*)::int as n from public.orders where table_resource_id = ${tableId}
      and status = 'draft'`) as unknown as [{ n: number }];
    expect(n, 'no draft left behind').toBe(0);
  });

  it('makes one round when two calls race with one key', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    const pool = connectionPool(db, 3);
    try {
      const args = { p_order_id: id, p_idempotency_key: randomUUID(), p_lines: [{ item_id: menu.wine, quantity: 1 }] };
      await Promise.all([
        callAs(pool, staff(), 'add_order_round', args),
        callAs(pool, staff(), 'add_order_round', args),
        callAs(pool, staff(), 'add_order_round', args),
      ]);
    } finally {
      await pool.end();
    }
    expect(await lineIds(id)).toHaveLength(3);
  });

  it('keeps the line rules and writes nothing when a line is refused', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    const before = await orderRow(id);
    expect(
      await refusal(
        callAs(db.admin, staff(), 'add_order_round', {
          p_order_id: id,
          p_idempotency_key: randomUUID(),
          p_lines: [{ item_id: menu.soup, quantity: 1 }],
        }),
      ),
    ).toEqual({ code: 'P0001', message: 'invalid_modifiers' });
    expect(await orderRow(id)).toEqual(before);
    expect(await lineIds(id)).toHaveLength(2);
  });

  it('refuses a closed or charged check, a viewer and another organization', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    const round = (user: TestUser) =>
      callAs(db.admin, user, 'add_order_round', {
        p_order_id: id,
        p_idempotency_key: randomUUID(),
        p_lines: [{ item_id: menu.wine, quantity: 1 }],
      });
    expect(await refusal(round(tenant.members.viewer))).toEqual({ code: '42501', message: 'insufficient_role' });
    expect(await refusal(round(tenant.restrictedStaff))).toEqual({ code: 'PT404', message: 'order_not_found' });
    expect(await refusal(round(other.members.owner))).toEqual({ code: 'PT404', message: 'order_not_found' });
    await serve(id);
    const tab = await callAs(db.admin, staff(), 'open_tab', { p_property_id: menu.propertyId, p_label: 'T1' });
    await callAs(db.admin, staff(), 'charge_order_to_folio', { p_order_id: id, p_folio_id: tab.id });
    expect(await refusal(round(staff()))).toEqual({ code: 'P0001', message: 'order_charged' });
  });
});

describe('split_order', () => {
  it('moves one seat to a new check: totals recomputed, every line on exactly one check', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    await callAs(db.admin, staff(), 'request_bill', { p_order_id: id });
    const all = await lineIds(id);
    const seat2 = await lineIds(id, 2);
    const created = await callAs(db.admin, staff(), 'split_order', { p_order_id: id, p_item_ids: seat2 });
    const first = await orderRow(id);
    const second = await orderRow(created.id as string);
    expect(second).toMatchObject({ status: 'submitted' });
    expect(second.bill_requested_at, 'still waiting for its bill').toBeInstanceOf(Date);
    expect(Number(first.subtotal)).toBe(1250);
    expect(Number(second.subtotal)).toBe(1400);
    const [{ n, lines }] = (await db.admin`
      select count(distinct order_id)::int as n, count(*)::int as lines from public.order_items
      where id = any (${all}::uuid[])`) as unknown as [{ n: number; lines: number }];
    expect({ n, lines }).toEqual({ n: 2, lines: 2 });
    expect(await lineIds(created.id as string)).toEqual(seat2);
    // Each check as the database computes it from its own lines.
    const [expected] = await db.admin`
      select sum(line_total_minor)::bigint as lines from public.order_items where order_id = ${created.id as string}`;
    expect(Number(second.total)).toBe(Number(expected?.lines) + Math.floor((1400 * 1000 + 5000) / 10000));
  });

  it('refuses moving every line, lines of another check, bad ids, charged checks, viewers and other tenants', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    const otherOrder = await tableOrder();
    const all = await lineIds(id);
    const split = (args: Record<string, unknown>, user: TestUser = staff()) =>
      callAs(db.admin, user, 'split_order', { p_order_id: id, ...args });
    expect(await refusal(split({ p_item_ids: all }))).toEqual({ code: 'P0001', message: 'split_leaves_nothing' });
    expect(await refusal(split({ p_item_ids: await lineIds(otherOrder.id as string, 1) }))).toEqual({
      code: 'PT404',
      message: 'order_item_not_found',
    });
    expect(await refusal(split({ p_item_ids: [] }))).toEqual({ code: '22023', message: 'invalid_item_ids' });
    expect(await refusal(split({ p_item_ids: [all[0], all[0]] }))).toEqual({
      code: '22023',
      message: 'invalid_item_ids',
    });
    expect(await refusal(split({ p_item_ids: [all[0]] }, tenant.members.viewer))).toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    expect(await refusal(split({ p_item_ids: [all[0]] }, other.members.owner))).toEqual({
      code: 'PT404',
      message: 'order_not_found',
    });
    await serve(id);
    const tab = await callAs(db.admin, staff(), 'open_tab', { p_property_id: menu.propertyId, p_label: 'T1' });
    await callAs(db.admin, staff(), 'charge_order_to_folio', { p_order_id: id, p_folio_id: tab.id });
    expect(await refusal(split({ p_item_ids: [all[0]] }))).toEqual({ code: 'P0001', message: 'order_charged' });
    expect(await lineIds(id), 'nothing moved').toEqual(all);
  });
});

describe('settle_order', () => {
  it('settles each split check on its own tab with a recorded payment', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    const created = await callAs(db.admin, staff(), 'split_order', {
      p_order_id: id,
      p_item_ids: await lineIds(id, 2),
    });
    const secondId = created.id as string;
    await serve(id);
    await serve(secondId);
    const firstTotal = Number((await orderRow(id)).total);
    const secondTotal = Number((await orderRow(secondId)).total);
    const closed = await callAs(db.admin, staff(), 'settle_order', { p_order_id: id, p_method: 'card' });
    expect(closed.status).toBe('closed');
    expect((await orderRow(secondId)).status, 'the other check stays open').toBe('served');
    await callAs(db.admin, staff(), 'settle_order', {
      p_order_id: secondId,
      p_method: 'cash',
      p_external_reference: 'till 2',
    });
    const folios = await db.admin`
      select f.status, f.balance_minor::bigint as balance, f.charges_minor::bigint as charges,
        (select -sum(e.amount_minor)::bigint from public.folio_entries e where e.folio_id = f.id and e.kind = 'payment') as paid,
        (select e.payment_method from public.folio_entries e where e.folio_id = f.id and e.kind = 'payment') as method
      from public.orders o join public.folios f on f.id = o.folio_id
      where o.id in (${id}, ${secondId}) order by o.id = ${id} desc`;
    expect(
      folios.map((f) => ({ ...f, balance: Number(f.balance), charges: Number(f.charges), paid: Number(f.paid) })),
    ).toEqual([
      { status: 'settled', balance: 0, charges: firstTotal, paid: firstTotal, method: 'card' },
      { status: 'settled', balance: 0, charges: secondTotal, paid: secondTotal, method: 'cash' },
    ]);
  });

  it('pays a tab the check is already on, and refuses a check not yet served or already closed', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    expect(await refusal(callAs(db.admin, staff(), 'settle_order', { p_order_id: id, p_method: 'cash' }))).toEqual({
      code: 'P0001',
      message: 'invalid_order_status',
    });
    await serve(id);
    const tab = await callAs(db.admin, staff(), 'open_tab', {
      p_property_id: menu.propertyId,
      p_label: 'T1',
      p_table_resource_id: tableId,
    });
    await callAs(db.admin, staff(), 'charge_order_to_folio', { p_order_id: id, p_folio_id: tab.id });
    await callAs(db.admin, staff(), 'settle_order', { p_order_id: id, p_method: 'card' });
    const [folio] = await db.admin`select status from public.folios where id = ${tab.id as string}`;
    expect(folio?.status).toBe('settled');
    expect(await refusal(callAs(db.admin, staff(), 'settle_order', { p_order_id: id, p_method: 'cash' }))).toEqual({
      code: 'P0001',
      message: 'invalid_order_status',
    });
  });

  it('refuses a viewer, another organization and a bad method, writing nothing', async () => {
    const order = await tableOrder();
    const id = order.id as string;
    await serve(id);
    const settle = (user: TestUser, method = 'cash') =>
      callAs(db.admin, user, 'settle_order', { p_order_id: id, p_method: method });
    expect(await refusal(settle(tenant.members.viewer))).toEqual({ code: '42501', message: 'insufficient_role' });
    expect(await refusal(settle(other.members.owner))).toEqual({ code: 'PT404', message: 'order_not_found' });
    expect(await refusal(settle(staff(), 'bitcoin'))).toEqual({ code: '22023', message: 'invalid_method' });
    expect(await orderRow(id)).toMatchObject({ status: 'served', folio_id: null });
  });
});
