// Tracked stock is taken when an order is submitted, all lines or none, and never goes below
// zero, however many submits race for the last units from separate connections; voids give it
// back. Untracked items (stock_count null) are never refused.
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsFor, connectionPool, pgError, useTestDatabase } from './support/db.ts';
import { addItem, callAs, createMenu, type Menu, newOrder } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
const CONCURRENT_SUBMITS = 30;
const STOCK = 10;

let tenant: Tenant;
let menu: Menu;
/** A pool with a connection per concurrent submit. */
let pool: Sql;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'stock');
  menu = await createMenu(db.admin, tenant);
  pool = connectionPool(db, CONCURRENT_SUBMITS);
});

afterAll(async () => {
  await pool?.end();
});

async function setStock(itemId: string, count: number | null): Promise<void> {
  await db.admin`
    update public.item_availability set stock_count = ${count}
    where property_id = ${menu.propertyId} and item_id = ${itemId}`;
}

async function stockOf(itemId: string): Promise<number | null> {
  const [row] = await db.admin`
    select stock_count from public.item_availability where property_id = ${menu.propertyId} and item_id = ${itemId}`;
  return (row?.stock_count ?? null) as number | null;
}

describe('stock', () => {
  it(`sells exactly ${STOCK} when ${CONCURRENT_SUBMITS} orders of one race for a stock of ${STOCK}`, async () => {
    await setStock(menu.burger, STOCK);
    const staff = tenant.members.staff;
    const orders: string[] = [];
    for (let i = 0; i < CONCURRENT_SUBMITS; i++) {
      const orderId = await newOrder(db.admin, staff, menu);
      await addItem(db.admin, staff, orderId, menu.burger, 1);
      orders.push(orderId);
    }
    const connections = new Set<number>();
    const outcomes = await Promise.all(
      orders.map((orderId) =>
        pool
          .begin(async (tx) => {
            const [backend] = await tx`select pg_backend_pid() as pid`;
            connections.add(backend?.pid as number);
            await tx`select set_config('role', 'authenticated', true),
              set_config('request.jwt.claims', ${JSON.stringify(claimsFor(staff))}, true)`;
            await tx`select public.submit_order(${orderId})`;
            return 'ok';
          })
          .catch((error: { code?: string; message: string }) => {
            if (!error.code) throw error;
            return `${error.code} ${error.message}`;
          }),
      ),
    );
    expect(connections.size, 'the submits ran on separate connections').toBeGreaterThan(1);
    const tally: Record<string, number> = {};
    for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
    expect(tally, `exactly ${STOCK} submits succeed, every other is out_of_stock`).toEqual({
      ok: STOCK,
      'P0001 out_of_stock': CONCURRENT_SUBMITS - STOCK,
    });
    expect(await stockOf(menu.burger), 'the stock ends at zero, not below').toBe(0);
    const [flag] = await db.admin`
      select low_stock from public.item_availability where property_id = ${menu.propertyId} and item_id = ${menu.burger}`;
    expect(flag?.low_stock, 'at or below its threshold of 5: low stock').toBe(true);
    const [counts] = await db.admin`
      select count(*) filter (where status = 'submitted')::int as submitted, count(*) filter (where status = 'draft')::int as drafts
      from public.orders where id = any (${orders}::uuid[])`;
    expect(counts, 'refused orders stay drafts').toEqual({ submitted: STOCK, drafts: CONCURRENT_SUBMITS - STOCK });
  });

  it('refuses the whole submit when one line is short, taking nothing from the others', async () => {
    const staff = tenant.members.staff;
    await setStock(menu.burger, 5);
    await setStock(menu.soup, 1);
    const orderId = await newOrder(db.admin, staff, menu);
    await addItem(db.admin, staff, orderId, menu.burger, 2);
    await addItem(db.admin, staff, orderId, menu.soup, 1, [menu.small]);
    await addItem(db.admin, staff, orderId, menu.soup, 1, [menu.large]);
    const error = await pgError(callAs(db.admin, staff, 'submit_order', { p_order_id: orderId }));
    expect({ code: error.code, message: error.message }, 'two soups, one in stock').toEqual({
      code: 'P0001',
      message: 'out_of_stock',
    });
    expect(await stockOf(menu.burger), 'the burgers were not taken').toBe(5);
    expect(await stockOf(menu.soup), 'the soup was not taken').toBe(1);
    const [order] = await db.admin`select status from public.orders where id = ${orderId}`;
    expect(order?.status, 'still a draft').toBe('draft');
  });

  it('never refuses untracked items, and leaves them untracked', async () => {
    const staff = tenant.members.staff;
    await setStock(menu.wine, null);
    const orderId = await newOrder(db.admin, staff, menu);
    await addItem(db.admin, staff, orderId, menu.wine, 999);
    const order = await callAs(db.admin, staff, 'submit_order', { p_order_id: orderId });
    expect(order.status, 'submitted').toBe('submitted');
    expect(await stockOf(menu.wine), 'still untracked').toBeNull();
  });

  it('gives the stock back when an item or the order is voided, once', async () => {
    const staff = tenant.members.staff;
    const manager = tenant.members.manager;
    await setStock(menu.burger, 10);
    await setStock(menu.soup, 10);
    const orderId = await newOrder(db.admin, staff, menu);
    const burgers = await addItem(db.admin, staff, orderId, menu.burger, 3);
    await addItem(db.admin, staff, orderId, menu.soup, 2, [menu.small]);
    await callAs(db.admin, staff, 'submit_order', { p_order_id: orderId });
    expect([await stockOf(menu.burger), await stockOf(menu.soup)], 'taken on submit').toEqual([7, 8]);
    await callAs(db.admin, manager, 'void_order_item', { p_order_item_id: burgers.id, p_reason: 'Burnt' });
    expect(await stockOf(menu.burger), 'the voided burgers are back').toBe(10);
    await callAs(db.admin, manager, 'void_order', { p_order_id: orderId, p_reason: 'Guest left' });
    expect([await stockOf(menu.burger), await stockOf(menu.soup)], 'the order void gives back the rest only').toEqual([
      10, 10,
    ]);

    const draft = await newOrder(db.admin, staff, menu);
    await addItem(db.admin, staff, draft, menu.burger, 4);
    await callAs(db.admin, manager, 'void_order', { p_order_id: draft, p_reason: 'Mistake' });
    expect(await stockOf(menu.burger), 'voiding a draft gives back nothing it never took').toBe(10);
  });

  it('refuses a negative stock count, whoever writes it', async () => {
    const error = await pgError(
      db.admin`update public.item_availability set stock_count = -1 where property_id = ${menu.propertyId} and item_id = ${menu.burger}`,
    );
    expect(error.code, 'check constraint').toBe('23514');
  });
});
