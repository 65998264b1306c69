// Who may do what with orders, as one matrix: staff of a property (and up) take orders, restricted
// staff only at their properties, viewers read only, managers and up void (with a reason) and
// discount, another organization sees and touches nothing. Orders are written only through the
// RPCs. Every cell runs in its own transaction, rolled back.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTORS,
  type Actor,
  attempt,
  count,
  done,
  type Expectation,
  expectation,
  type Outcome,
} from './support/access-matrix.ts';
import { asUser, createUser, pgError, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import { addItem, callAs, catalogueOf, createMenu, type Menu, newOrder } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let other: Tenant;
let menu: Menu;
/** A draft at the restaurant with one burger line; a draft at the hotel. */
let restaurantOrder: string;
let restaurantLine: string;
let hotelOrder: string;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'oacc');
  other = await createTenant(db.admin, 'oacc-other');
  menu = await createMenu(db.admin, tenant);
  restaurantOrder = await newOrder(db.admin, tenant.members.staff, menu);
  restaurantLine = (await addItem(db.admin, tenant.members.staff, restaurantOrder, menu.burger, 1)).id as string;
  const hotel = await callAs(db.admin, tenant.restrictedStaff, 'create_order', {
    p_property_id: tenant.propertyIds[0],
    p_kind: 'takeaway',
    p_guest_name: 'Room 12',
  });
  hotelOrder = hotel.id as string;
});

function userOf(actor: Exclude<Actor, 'anon'>): TestUser {
  if (actor === 'restricted') return tenant.restrictedStaff;
  if (actor === 'outsider') return other.members.owner;
  return tenant.members[actor];
}

/** Staff and up at the restaurant; the viewer lacks the role; the others cannot see the row. */
const staffAtRestaurant = (notFound: string) =>
  expectation('ok', { viewer: 'insufficient_role', restricted: notFound, outsider: notFound, anon: '42501' });
const managersAtRestaurant = (notFound: string) =>
  expectation('ok', {
    staff: 'insufficient_role',
    viewer: 'insufficient_role',
    restricted: notFound,
    outsider: notFound,
    anon: '42501',
  });

interface Cell {
  name: string;
  action: (tx: Tx) => Promise<Outcome>;
  expected: Expectation;
}

// Actions read the fixtures when they run (after beforeAll), so the table can be built up front.
const hotel = () => tenant.propertyIds[0];
const restaurant = () => tenant.propertyIds[1];
const CELLS: Cell[] = [
  {
    name: 'read the restaurant order and its line',
    action: (tx) =>
      count(tx`
          select (select count(*) from public.orders where id = ${restaurantOrder})::int
            + (select count(*) from public.order_items where order_id = ${restaurantOrder})::int as n`),
    expected: expectation(2, { restricted: 0, outsider: 0, anon: '42501' }),
  },
  {
    name: 'read the hotel order',
    action: (tx) => count(tx`select count(*)::int as n from public.orders where id = ${hotelOrder}`),
    expected: expectation(1, { outsider: 0, anon: '42501' }),
  },
  {
    name: 'create an order at the restaurant',
    action: (tx) => done(tx`select public.create_order(${restaurant()}, 'takeaway')`),
    expected: staffAtRestaurant('property_not_found'),
  },
  {
    name: 'create an order at the hotel',
    action: (tx) => done(tx`select public.create_order(${hotel()}, 'takeaway')`),
    expected: expectation('ok', {
      viewer: 'insufficient_role',
      outsider: 'property_not_found',
      anon: '42501',
    }),
  },
  {
    name: 'add an item to the restaurant order',
    action: (tx) => done(tx`select public.add_order_item(${restaurantOrder}, ${menu.wine}, 1)`),
    expected: staffAtRestaurant('order_not_found'),
  },
  {
    name: 'change the quantity of its line',
    action: (tx) => done(tx`select public.change_order_item_quantity(${restaurantLine}, 4)`),
    expected: staffAtRestaurant('order_item_not_found'),
  },
  {
    name: 'submit it',
    action: (tx) => done(tx`select public.submit_order(${restaurantOrder})`),
    expected: staffAtRestaurant('order_not_found'),
  },
  {
    name: 'void its line with a reason',
    action: (tx) => done(tx`select public.void_order_item(${restaurantLine}, 'Changed mind')`),
    expected: managersAtRestaurant('order_item_not_found'),
  },
  {
    name: 'void the order with a reason',
    action: (tx) => done(tx`select public.void_order(${restaurantOrder}, 'Walked out')`),
    expected: managersAtRestaurant('order_not_found'),
  },
  {
    name: 'discount the order',
    action: (tx) => done(tx`select public.apply_order_discount(${restaurantOrder}, null, 500, 'Regular')`),
    expected: managersAtRestaurant('order_not_found'),
  },
  {
    name: 'insert an order directly',
    action: (tx) =>
      done(tx`
          insert into public.orders (organization_id, property_id, kind, currency)
          values (${tenant.organizationId}, ${restaurant()}, 'takeaway', 'EUR')`),
    expected: expectation('42501'),
  },
  {
    name: 'rewrite order totals directly',
    action: (tx) =>
      done(tx`update public.orders set total_minor = 0, subtotal_minor = 0 where id = ${restaurantOrder}`),
    expected: expectation('42501'),
  },
  {
    name: 'delete an order line directly',
    action: (tx) => done(tx`delete from public.order_items where id = ${restaurantLine}`),
    expected: expectation('42501'),
  },
];

describe('order access', () => {
  for (const cell of CELLS) {
    it(cell.name, async () => {
      const actual = {} as Expectation;
      for (const actor of ACTORS)
        actual[actor] = await attempt(db.admin, actor === 'anon' ? 'anon' : userOf(actor), cell.action);
      expect(actual, `${cell.name}: outcome per actor`).toEqual(cell.expected);
    });
  }

  it('refuses a void without a reason, and records who voided and why', async () => {
    const manager = tenant.members.manager;
    const noReason = await pgError(
      callAs(db.admin, manager, 'void_order', { p_order_id: restaurantOrder, p_reason: ' ' }),
    );
    expect({ code: noReason.code, message: noReason.message }, 'a blank reason').toEqual({
      code: '22023',
      message: 'invalid_reason',
    });
    const orderId = await newOrder(db.admin, tenant.members.staff, menu);
    const line = await addItem(db.admin, tenant.members.staff, orderId, menu.wine, 2);
    const voided = await callAs(db.admin, manager, 'void_order_item', {
      p_order_item_id: line.id,
      p_reason: '  Spilled  ',
    });
    expect(
      { status: voided.status, void_reason: voided.void_reason, voided_by: voided.voided_by },
      'the line keeps the trimmed reason and the manager',
    ).toEqual({ status: 'voided', void_reason: 'Spilled', voided_by: manager.id });
    expect(voided.voided_at, 'and the time').toBeInstanceOf(Date);
    const order = await callAs(db.admin, tenant.members.admin, 'void_order', { p_order_id: orderId, p_reason: 'Test' });
    expect({ status: order.status, voided_by: order.voided_by }, 'the order names the admin').toEqual({
      status: 'voided',
      voided_by: tenant.members.admin.id,
    });
  });

  it('lets a restricted manager void only at their properties', async () => {
    const restrictedManager = await createUser(db.admin, 'oacc-rmanager');
    await db.admin`
      insert into public.memberships (organization_id, user_id, role, all_properties)
      values (${tenant.organizationId}, ${restrictedManager.id}, 'manager', false)`;
    await db.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${tenant.organizationId}, ${restrictedManager.id}, ${tenant.propertyIds[0]})`;
    const elsewhere = await pgError(
      callAs(db.admin, restrictedManager, 'void_order', { p_order_id: restaurantOrder, p_reason: 'Nope' }),
    );
    expect(elsewhere.message, 'the restaurant order is out of sight').toBe('order_not_found');
    const here = await asUser(db.admin, restrictedManager, async (tx) => {
      const [row] = await tx`select status from public.void_order(${hotelOrder}, 'Room changed')`;
      throw Object.assign(new Error('rollback'), { status: row?.status });
    }).catch((error: { status?: string }) => error.status);
    expect(here, 'the hotel order can be voided').toBe('voided');
  });

  it('shows the catalogue fixture’s orders to the whole organization, and nothing to another', async () => {
    const ids = Object.values(catalogueOf(tenant));
    const seenByOther = await asUser(
      db.admin,
      other.members.owner,
      (tx) => tx`select id from public.orders where id = any (${ids}::uuid[])`,
    );
    expect(seenByOther, "another organization's owner reads none of them").toEqual([]);
  });
});
