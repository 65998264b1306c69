// The order flow draft → submitted → preparing → ready → served → closed (voided from any state
// before closed) and the item flow queued → preparing → ready → served (voided from any state
// but voided) are enforced by triggers: every other move is refused with invalid_transition, on
// any code path — the RPCs, the service role, the platform itself. One move goes back: a ready or
// served order with a queued line (a new round, add_order_round) returns to submitted.
import { beforeAll, describe, expect, it } from 'vitest';
import { inRolledBackTransaction } from '../local/testing/rolled-back.ts';
import { pgError, type Tx, useTestDatabase } from './support/db.ts';
import { addItem, callAs, catalogueOf, createMenu, type Menu, newOrder } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

const ORDER_STATUSES = ['draft', 'submitted', 'preparing', 'ready', 'served', 'closed', 'voided'] as const;
const ORDER_MOVES = new Set([
  'draft>submitted',
  'submitted>preparing',
  'preparing>ready',
  'ready>served',
  'served>closed',
  'draft>voided',
  'submitted>voided',
  'preparing>voided',
  'ready>voided',
  'served>voided',
]);
const ITEM_STATUSES = ['queued', 'preparing', 'ready', 'served', 'voided'] as const;
const ITEM_MOVES = new Set([
  'queued>preparing',
  'preparing>ready',
  'ready>served',
  'queued>voided',
  'preparing>voided',
  'ready>voided',
  'served>voided',
]);

let tenant: Tenant;
let menu: Menu;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'flow');
  menu = await createMenu(db.admin, tenant);
});

/** What updating a row from one status to another does: 'ok' or the error's code. */
async function move(tx: Tx, table: 'orders' | 'order_items', from: string, to: string): Promise<string> {
  return tx
    .savepoint(async (sp) => {
      const f = catalogueOf(tenant);
      const org = tenant.organizationId;
      const [order] = await sp`
        insert into public.orders (organization_id, property_id, kind, status, currency, void_reason)
        values (${org}, ${f.propertyId}, 'takeaway', ${table === 'orders' ? from : 'submitted'}, 'EUR', 'Test')
        returning id`;
      const [item] = await sp`
        insert into public.order_items (organization_id, property_id, order_id, item_id, item_name, unit_price_minor,
          quantity, tax_rate_bp, status, void_reason)
        values (${org}, ${f.propertyId}, ${order?.id as string}, ${f.itemId}, 'Burger', 1250, 1, 1300,
          ${table === 'order_items' ? from : 'served'}, ${from === 'voided' ? 'Test' : null})
        returning id`;
      const id = (table === 'orders' ? order?.id : item?.id) as string;
      if (table === 'orders') {
        await sp`update public.orders set status = ${to} where id = ${id}`;
      } else {
        await sp`update public.order_items set status = ${to}, void_reason = coalesce(void_reason, 'Test'),
          discount_minor = 0, tax_minor = 0 where id = ${id}`;
      }
      return 'ok';
    })
    .catch((error: { code?: string; message: string }) => {
      if (!error.code) throw error;
      return error.message;
    });
}

describe('order status flow', () => {
  it('allows exactly the listed order moves and refuses every other with invalid_transition', async () => {
    await inRolledBackTransaction(db.admin, async (tx) => {
      for (const from of ORDER_STATUSES) {
        for (const to of ORDER_STATUSES) {
          if (from === to) continue;
          const expected = ORDER_MOVES.has(`${from}>${to}`) ? 'ok' : 'invalid_transition';
          expect(await move(tx, 'orders', from, to), `order ${from} → ${to}`).toBe(expected);
        }
      }
    });
  });

  it('sends a ready or served order back to submitted only when it has a queued line', async () => {
    await inRolledBackTransaction(db.admin, async (tx) => {
      const f = catalogueOf(tenant);
      for (const from of ORDER_STATUSES) {
        if (from === 'submitted') continue;
        const outcome = await tx
          .savepoint(async (sp) => {
            const [order] = await sp`
              insert into public.orders (organization_id, property_id, kind, status, currency, void_reason)
              values (${tenant.organizationId}, ${f.propertyId}, 'takeaway', ${from}, 'EUR', 'Test') returning id`;
            await sp`
              insert into public.order_items (organization_id, property_id, order_id, item_id, item_name,
                unit_price_minor, quantity, tax_rate_bp, status)
              values (${tenant.organizationId}, ${f.propertyId}, ${order?.id as string}, ${f.itemId}, 'Burger', 1250, 1,
                1300, 'queued')`;
            await sp`update public.orders set status = 'submitted' where id = ${order?.id as string}`;
            return 'ok';
          })
          .catch((error: { code?: string; message: string }) => {
            if (!error.code) throw error;
            return error.message;
          });
        const expected = ['draft', 'ready', 'served'].includes(from) ? 'ok' : 'invalid_transition';
        expect(outcome, `order ${from} → submitted with a queued line`).toBe(expected);
      }
    });
  });

  it('allows exactly the listed item moves and refuses every other with invalid_transition', async () => {
    await inRolledBackTransaction(db.admin, async (tx) => {
      for (const from of ITEM_STATUSES) {
        for (const to of ITEM_STATUSES) {
          if (from === to) continue;
          const expected = ITEM_MOVES.has(`${from}>${to}`) ? 'ok' : 'invalid_transition';
          expect(await move(tx, 'order_items', from, to), `item ${from} → ${to}`).toBe(expected);
        }
      }
    });
  });

  it('walks an order through the whole flow with the RPCs, stamping the times', async () => {
    const staff = tenant.members.staff;
    const orderId = await newOrder(db.admin, staff, menu);
    const line = await addItem(db.admin, staff, orderId, menu.burger, 1);
    expect(line.station_id, 'the burger is routed to the kitchen through its parent category').toBe(
      catalogueOf(tenant).stationId,
    );
    const submitted = await callAs(db.admin, staff, 'submit_order', { p_order_id: orderId });
    expect(submitted.status, 'submitted').toBe('submitted');
    expect(submitted.submitted_at, 'submitted_at is stamped').toBeInstanceOf(Date);
    for (const status of ['preparing', 'ready', 'served']) {
      await callAs(db.admin, staff, 'set_order_item_status', { p_order_item_id: line.id, p_status: status });
      const order = await callAs(db.admin, staff, 'advance_order_status', { p_order_id: orderId, p_status: status });
      expect(order.status, `order ${status}`).toBe(status);
    }
    const closed = await callAs(db.admin, staff, 'close_order', { p_order_id: orderId });
    expect(closed.status, 'closed').toBe('closed');
    expect(closed.closed_at, 'closed_at is stamped').toBeInstanceOf(Date);

    const refusals: [string, Record<string, unknown>][] = [
      ['add_order_item', { p_order_id: orderId, p_item_id: menu.burger, p_quantity: 1 }],
      ['submit_order', { p_order_id: orderId }],
      ['advance_order_status', { p_order_id: orderId, p_status: 'served' }],
      ['close_order', { p_order_id: orderId }],
      ['set_order_item_status', { p_order_item_id: line.id, p_status: 'served' }],
      ['change_order_item_quantity', { p_order_item_id: line.id, p_quantity: 2 }],
      ['remove_order_item', { p_order_item_id: line.id }],
    ];
    for (const [rpc, args] of refusals) {
      const error = await pgError(callAs(db.admin, staff, rpc, args));
      expect({ code: error.code, message: error.message }, `${rpc} on a closed order`).toEqual({
        code: 'P0001',
        message:
          rpc === 'advance_order_status' || rpc === 'close_order' ? 'invalid_transition' : 'invalid_order_status',
      });
    }
    for (const [rpc, args] of [
      ['void_order', { p_order_id: orderId, p_reason: 'Too late' }],
      ['void_order_item', { p_order_item_id: line.id, p_reason: 'Too late' }],
      ['apply_order_discount', { p_order_id: orderId, p_amount_minor: 1, p_percent_bp: null, p_reason: 'Too late' }],
    ] as const) {
      const error = await pgError(callAs(db.admin, tenant.members.manager, rpc, args));
      expect({ code: error.code, message: error.message }, `${rpc} on a closed order`).toEqual({
        code: 'P0001',
        message: 'invalid_order_status',
      });
    }
  });

  it('refuses skipping a step through the RPCs', async () => {
    const staff = tenant.members.staff;
    const orderId = await newOrder(db.admin, staff, menu);
    await addItem(db.admin, staff, orderId, menu.wine, 1);
    const early = await pgError(callAs(db.admin, staff, 'close_order', { p_order_id: orderId }));
    expect(early.message, 'closing a draft').toBe('invalid_transition');
    await callAs(db.admin, staff, 'submit_order', { p_order_id: orderId });
    const skip = await pgError(
      callAs(db.admin, staff, 'advance_order_status', { p_order_id: orderId, p_status: 'served' }),
    );
    expect({ code: skip.code, message: skip.message }, 'submitted straight to served').toEqual({
      code: 'P0001',
      message: 'invalid_transition',
    });
    const [order] = await db.admin`select status from public.orders where id = ${orderId}`;
    expect(order?.status, 'the order stays submitted').toBe('submitted');
  });

  it('refuses to submit an order without items', async () => {
    const orderId = await newOrder(db.admin, tenant.members.staff, menu);
    const error = await pgError(callAs(db.admin, tenant.members.staff, 'submit_order', { p_order_id: orderId }));
    expect({ code: error.code, message: error.message }, 'an empty order').toEqual({
      code: 'P0001',
      message: 'empty_order',
    });
  });
});
