// place_order: the POS's one call per order (create, lines, submit) under a client key. A key
// already used at the property returns the order it made (a retry, a double tap, a replayed
// offline queue), and refuses a different order under it (idempotency_key_reused); two calls racing with one key make one order; a refused order writes nothing,
// so the same key works once the order is fixed; seat and course are kept on the lines.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectionPool, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { callAs, createMenu, type Menu } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let menu: Menu;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'place');
  menu = await createMenu(db.admin, tenant);
});

function place(user: TestUser, key: string, lines: unknown[], sql = db.admin) {
  return callAs(sql, user, 'place_order', {
    p_property_id: menu.propertyId,
    p_idempotency_key: key,
    p_kind: 'takeaway',
    p_lines: lines,
  });
}

async function ordersWithKey(key: string): Promise<number> {
  const [row] = await db.admin`select count(*)::int as n from public.orders where idempotency_key = ${key}`;
  return row?.n as number;
}

describe('place_order', () => {
  it('creates, fills and submits an order, keeping seat and course', async () => {
    const key = randomUUID();
    const order = await place(tenant.members.staff, key, [
      { item_id: menu.soup, quantity: 2, option_ids: [menu.large], note: 'No pepper', seat: 3, course: 1 },
      { item_id: menu.wine, quantity: 1 },
    ]);
    expect(order.status, 'sent to the kitchen').toBe('submitted');
    const lines = await db.admin`
      select item_name, quantity, seat, course, note, options_total_minor from public.order_items
      where order_id = ${order.id as string} order by item_name`;
    expect(lines.map((l) => ({ ...l, options_total_minor: Number(l.options_total_minor) }))).toEqual([
      { item_name: 'House wine', quantity: 1, seat: null, course: null, note: null, options_total_minor: 0 },
      { item_name: 'Soup', quantity: 2, seat: 3, course: 1, note: 'No pepper', options_total_minor: 300 },
    ]);
    // Totals are the database's: 2 × (1250 + 300) + 700, plus tax and 10 % service.
    expect(Number(order.subtotal_minor)).toBe(3800);
  });

  it('returns the same order for a key already used, however often it is replayed', async () => {
    const key = randomUUID();
    const lines = [{ item_id: menu.wine, quantity: 1 }];
    const first = await place(tenant.members.staff, key, lines);
    const again = await place(tenant.members.staff, key, lines);
    const byManager = await place(tenant.members.manager, key, lines);
    expect([again.id, byManager.id], 'one order').toEqual([first.id, first.id]);
    expect(await ordersWithKey(key)).toBe(1);
  });

  it('refuses another order under a used key, and still answers replays of the first', async () => {
    const key = randomUUID();
    const lines = [{ item_id: menu.wine, quantity: 1 }];
    const first = await place(tenant.members.staff, key, lines);
    // The same lines written in another key order are the same request.
    const reordered = await place(tenant.members.staff, key, [{ quantity: 1, item_id: menu.wine }]);
    expect(reordered.id).toBe(first.id);
    for (const other of [
      [{ item_id: menu.wine, quantity: 2 }],
      [{ item_id: menu.soup, quantity: 1, option_ids: [menu.large] }],
    ]) {
      const error = await pgError(place(tenant.members.staff, key, other));
      expect({ code: error.code, message: error.message }).toEqual({
        code: '23505',
        message: 'idempotency_key_reused',
      });
    }
    expect(await ordersWithKey(key), 'still one order').toBe(1);
    const [order] =
      await db.admin`select count(*)::int as n from public.order_items where order_id = ${first.id as string}`;
    expect(order?.n, 'its lines untouched').toBe(1);
  });

  it('makes one order when two calls race with one key', async () => {
    const pool = connectionPool(db, 4);
    try {
      const key = randomUUID();
      const lines = [{ item_id: menu.wine, quantity: 2 }];
      const results = await Promise.all([
        place(tenant.members.staff, key, lines, pool),
        place(tenant.members.staff, key, lines, pool),
        place(tenant.members.staff, key, lines, pool),
      ]);
      expect(new Set(results.map((r) => r.id)).size, 'every call got the same order').toBe(1);
      expect(await ordersWithKey(key)).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('writes nothing when a line is refused, and the key works once fixed', async () => {
    const key = randomUUID();
    const error = await pgError(place(tenant.members.staff, key, [{ item_id: menu.soup, quantity: 1 }]));
    expect({ code: error.code, message: error.message }, 'a soup needs its size').toEqual({
      code: 'P0001',
      message: 'invalid_modifiers',
    });
    expect(await ordersWithKey(key), 'no draft left behind').toBe(0);
    const order = await place(tenant.members.staff, key, [
      { item_id: menu.soup, quantity: 1, option_ids: [menu.small] },
    ]);
    expect(order.status).toBe('submitted');
  });

  it('refuses viewers, and staff of another property', async () => {
    const viewer = await pgError(place(tenant.members.viewer, randomUUID(), [{ item_id: menu.wine, quantity: 1 }]));
    expect({ code: viewer.code, message: viewer.message }).toEqual({ code: '42501', message: 'insufficient_role' });
    const other = await pgError(place(tenant.restrictedStaff, randomUUID(), [{ item_id: menu.wine, quantity: 1 }]));
    expect(other.message, 'the restricted member does not see the restaurant').toBe('property_not_found');
  });
});
