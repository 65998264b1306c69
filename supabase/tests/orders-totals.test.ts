// Order totals are computed in the database, by the rules of docs/decisions/007-order-totals.md:
// prices exclude tax (or include it, where the property says so); tax per line, half-up, on the line's share of the discount-reduced amount;
// the discount spread over lines by largest remainder; service charge on the discounted
// subtotal, half-up, untaxed. Each example is worked out by hand in its comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, useTestDatabase } from './support/db.ts';
import { addItem, callAs, catalogueOf, createMenu, type Menu, newOrder, totalsOf } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let menu: Menu;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'totals');
  menu = await createMenu(db.admin, tenant);
});

/** Burger with cheese × 2 and wine × 3: the order most examples start from. */
async function burgersAndWine(): Promise<{ orderId: string; burgerLine: string; wineLine: string }> {
  const staff = tenant.members.staff;
  const orderId = await newOrder(db.admin, staff, menu);
  const burger = await addItem(db.admin, staff, orderId, menu.burger, 2, [menu.cheese]);
  const wine = await addItem(db.admin, staff, orderId, menu.wine, 3);
  return { orderId, burgerLine: burger.id as string, wineLine: wine.id as string };
}

/** What the order's lines add up to, recomputed here from order_items alone. */
async function totalsFromItems(orderId: string): Promise<Record<string, number>> {
  const [order] = await db.admin`select service_charge_bp, prices_include_tax from public.orders where id = ${orderId}`;
  const addedTax = (tax: number) => (order?.prices_include_tax ? 0 : tax);
  const [sums] = await db.admin`
    select coalesce(sum(line_subtotal_minor), 0)::bigint as subtotal, coalesce(sum(discount_minor), 0)::bigint as discount,
      coalesce(sum(tax_minor), 0)::bigint as tax, coalesce(sum(line_total_minor), 0)::bigint as lines_total
    from public.order_items where order_id = ${orderId} and status <> 'voided'`;
  const subtotal = Number(sums?.subtotal);
  const discount = Number(sums?.discount);
  const tax = Number(sums?.tax);
  // Half-up on a non-negative amount: floor((x × bp + 5000) / 10000).
  const service = Math.floor(((subtotal - discount) * Number(order?.service_charge_bp) + 5000) / 10000);
  expect(Number(sums?.lines_total), 'the lines’ totals add up to subtotal − discount (+ tax when excluded)').toBe(
    subtotal - discount + addedTax(tax),
  );
  return {
    subtotal_minor: subtotal,
    discount_minor: discount,
    tax_minor: tax,
    service_charge_minor: service,
    total_minor: subtotal - discount + addedTax(tax) + service,
  };
}

/** Stored totals, recomputed totals and what staff read through RLS must all agree. */
async function expectTotals(orderId: string, expected: Record<string, number>, label: string): Promise<void> {
  expect(await totalsOf(db.admin, orderId), `${label}: stored totals`).toEqual(expected);
  expect(await totalsFromItems(orderId), `${label}: totals recomputed from the items`).toEqual(expected);
  const [seen] = await asUser(
    db.admin,
    tenant.members.viewer,
    (tx) => tx`
      select subtotal_minor::int, discount_minor::int, tax_minor::int, service_charge_minor::int, total_minor::int
      from public.orders where id = ${orderId}`,
  );
  expect(seen, `${label}: totals a viewer reads`).toEqual(expected);
}

describe('order totals', () => {
  it('adds lines, tax per line and the service charge (no discount)', async () => {
    const { orderId } = await burgersAndWine();
    // Burger line: 2 × (1250 + 150) = 2800; tax 13 %: 2800 × 0.13 = 364.
    // Wine line: 3 × 700 = 2100; tax 23 %: 2100 × 0.23 = 483.
    // Subtotal 4900; tax 364 + 483 = 847; service 10 % of 4900 = 490; total 4900 + 847 + 490 = 6237.
    await expectTotals(
      orderId,
      { subtotal_minor: 4900, discount_minor: 0, tax_minor: 847, service_charge_minor: 490, total_minor: 6237 },
      'burgers and wine',
    );
    const lines = await db.admin`
      select item_name, unit_price_minor::int, options_total_minor::int, quantity, line_subtotal_minor::int,
        tax_minor::int, line_total_minor::int, options -> 0 ->> 'name' as option
      from public.order_items where order_id = ${orderId} order by item_name`;
    expect(lines, 'each line keeps its snapshot and its own tax').toEqual([
      {
        item_name: 'Burger',
        unit_price_minor: 1250,
        options_total_minor: 150,
        quantity: 2,
        line_subtotal_minor: 2800,
        tax_minor: 364,
        line_total_minor: 3164,
        option: 'Cheese',
      },
      {
        item_name: 'House wine',
        unit_price_minor: 700,
        options_total_minor: 0,
        quantity: 3,
        line_subtotal_minor: 2100,
        tax_minor: 483,
        line_total_minor: 2583,
        option: null,
      },
    ]);
  });

  it('applies a percentage discount before tax and service charge', async () => {
    const { orderId } = await burgersAndWine();
    const order = await callAs(db.admin, tenant.members.manager, 'apply_order_discount', {
      p_order_id: orderId,
      p_amount_minor: null,
      p_percent_bp: 1000,
      p_reason: 'Regular guest',
    });
    // Discount 10 % of 4900 = 490, spread pro rata: burger 490 × 2800 / 4900 = 280, wine 210.
    // Tax: burger (2800 − 280) × 0.13 = 327.6 → 328; wine (2100 − 210) × 0.23 = 434.7 → 435; 763.
    // Service 10 % of (4900 − 490) = 441. Total 4900 − 490 + 763 + 441 = 5614.
    const expected = {
      subtotal_minor: 4900,
      discount_minor: 490,
      tax_minor: 763,
      service_charge_minor: 441,
      total_minor: 5614,
    };
    expect(Number(order.total_minor), 'the RPC returns the recomputed order').toBe(5614);
    await expectTotals(orderId, expected, '10 % off');
  });

  it('spreads a fixed discount by largest remainder, so the lines’ shares add up exactly', async () => {
    const { orderId, burgerLine, wineLine } = await burgersAndWine();
    await callAs(db.admin, tenant.members.manager, 'apply_order_discount', {
      p_order_id: orderId,
      p_amount_minor: 100,
      p_percent_bp: null,
      p_reason: 'Slow service',
    });
    // Shares of 100: burger 100 × 2800 / 4900 = 57.14 → 57 (remainder 700/4900); wine 42.86 → 42
    // (remainder 4200/4900). 57 + 42 = 99; the 1 left over goes to the larger remainder: wine 43.
    // Tax: burger (2800 − 57) × 0.13 = 356.59 → 357; wine (2100 − 43) × 0.23 = 473.11 → 473; 830.
    // Service 10 % of 4800 = 480. Total 4900 − 100 + 830 + 480 = 6110.
    await expectTotals(
      orderId,
      { subtotal_minor: 4900, discount_minor: 100, tax_minor: 830, service_charge_minor: 480, total_minor: 6110 },
      '100 off',
    );
    const shares = await db.admin`select id, discount_minor::int from public.order_items where order_id = ${orderId}`;
    expect(Object.fromEntries(shares.map((s) => [s.id, s.discount_minor])), 'the shares of each line').toEqual({
      [burgerLine]: 57,
      [wineLine]: 43,
    });
  });

  it('rounds tax and service charge half-up', async () => {
    const staff = tenant.members.staff;
    const orderId = await newOrder(db.admin, staff, menu);
    await addItem(db.admin, staff, orderId, menu.soup, 1, [menu.small]);
    // Soup, small: 1250 − 25 = 1225; tax 6 %: 73.5 → 74; service 10 %: 122.5 → 123.
    // Total 1225 + 74 + 123 = 1422.
    await expectTotals(
      orderId,
      { subtotal_minor: 1225, discount_minor: 0, tax_minor: 74, service_charge_minor: 123, total_minor: 1422 },
      'half-up',
    );
  });

  it('follows every change of the items: quantity, removal, void', async () => {
    const { orderId, burgerLine, wineLine } = await burgersAndWine();
    const staff = tenant.members.staff;
    await callAs(db.admin, staff, 'change_order_item_quantity', { p_order_item_id: wineLine, p_quantity: 1 });
    // Burger 2800 (tax 364) + wine 700 (tax 161) = 3500; tax 525; service 350; total 4375.
    await expectTotals(
      orderId,
      { subtotal_minor: 3500, discount_minor: 0, tax_minor: 525, service_charge_minor: 350, total_minor: 4375 },
      'one wine',
    );
    await callAs(db.admin, tenant.members.manager, 'void_order_item', {
      p_order_item_id: burgerLine,
      p_reason: 'Wrong table',
    });
    // Only the wine counts: 700 + 161 + 70 = 931.
    await expectTotals(
      orderId,
      { subtotal_minor: 700, discount_minor: 0, tax_minor: 161, service_charge_minor: 70, total_minor: 931 },
      'burgers voided',
    );
    await callAs(db.admin, staff, 'remove_order_item', { p_order_item_id: wineLine });
    await expectTotals(
      orderId,
      { subtotal_minor: 0, discount_minor: 0, tax_minor: 0, service_charge_minor: 0, total_minor: 0 },
      'empty',
    );
  });

  it('caps a fixed discount at a subtotal that shrank after it was given', async () => {
    const { orderId, burgerLine } = await burgersAndWine();
    await callAs(db.admin, tenant.members.manager, 'apply_order_discount', {
      p_order_id: orderId,
      p_amount_minor: 2500,
      p_percent_bp: null,
      p_reason: 'Birthday',
    });
    await callAs(db.admin, tenant.members.manager, 'void_order_item', {
      p_order_item_id: burgerLine,
      p_reason: 'Not ordered',
    });
    // Subtotal 2100 (wine); discount min(2500, 2100) = 2100; tax 0; service 0; total 0.
    await expectTotals(
      orderId,
      { subtotal_minor: 2100, discount_minor: 2100, tax_minor: 0, service_charge_minor: 0, total_minor: 0 },
      'capped',
    );
  });

  it('keeps the service charge rate the order was created with', async () => {
    const staff = tenant.members.staff;
    const orderId = await newOrder(db.admin, staff, menu);
    await db.admin`update public.order_settings set service_charge_bp = 0 where property_id = ${menu.propertyId}`;
    try {
      await addItem(db.admin, staff, orderId, menu.wine, 1);
      // 700 + tax 161 + service 10 % 70 = 931, though the property charges none for new orders.
      expect(await totalsOf(db.admin, orderId), 'the order keeps its 10 %').toEqual({
        subtotal_minor: 700,
        discount_minor: 0,
        tax_minor: 161,
        service_charge_minor: 70,
        total_minor: 931,
      });
      const fresh = await newOrder(db.admin, staff, menu);
      await addItem(db.admin, staff, fresh, menu.wine, 1);
      expect((await totalsOf(db.admin, fresh)).service_charge_minor, 'a new order charges none').toBe(0);
    } finally {
      await db.admin`update public.order_settings set service_charge_bp = 1000 where property_id = ${menu.propertyId}`;
    }
  });

  describe('where prices include tax', () => {
    beforeAll(async () => {
      await db.admin`update public.order_settings set prices_include_tax = true where property_id = ${menu.propertyId}`;
    });
    afterAll(async () => {
      await db.admin`update public.order_settings set prices_include_tax = false where property_id = ${menu.propertyId}`;
    });

    it('shows the tax inside the prices and does not add it', async () => {
      const { orderId } = await burgersAndWine();
      // Burger line 2800 at 13 %: the tax in it is 2800 × 1300 / 11300 = 322.12 → 322.
      // Wine line 2100 at 23 %: 2100 × 2300 / 12300 = 392.68 → 393. Tax 715, already in the prices.
      // Service 10 % of 4900 = 490. Total 4900 + 490 = 5390.
      await expectTotals(
        orderId,
        { subtotal_minor: 4900, discount_minor: 0, tax_minor: 715, service_charge_minor: 490, total_minor: 5390 },
        'tax included',
      );
      await callAs(db.admin, tenant.members.manager, 'apply_order_discount', {
        p_order_id: orderId,
        p_amount_minor: null,
        p_percent_bp: 1000,
        p_reason: 'Happy hour',
      });
      // Discount 490 (280 + 210). Tax: 2520 × 1300 / 11300 = 289.91 → 290; 1890 × 2300 / 12300 =
      // 353.41 → 353; 643. Service 10 % of 4410 = 441. Total 4900 − 490 + 441 = 4851.
      await expectTotals(
        orderId,
        { subtotal_minor: 4900, discount_minor: 490, tax_minor: 643, service_charge_minor: 441, total_minor: 4851 },
        'tax included, 10 % off',
      );
    });

    it('rounds the included tax half-up', async () => {
      const [tapas] = await db.admin`
        insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency, tax_rate_bp)
        values (${tenant.organizationId}, ${catalogueOf(tenant).categoryId}, 'Tapas', 1203, 'EUR', 2000) returning id`;
      await db.admin`
        insert into public.item_availability (organization_id, property_id, item_id)
        values (${tenant.organizationId}, ${menu.propertyId}, ${tapas?.id as string})`;
      const orderId = await newOrder(db.admin, tenant.members.staff, menu);
      await addItem(db.admin, tenant.members.staff, orderId, tapas?.id as string, 1);
      // 1203 at 20 % included: 1203 × 2000 / 12000 = 200.5 → 201. Service 120.3 → 120. Total 1323.
      await expectTotals(
        orderId,
        { subtotal_minor: 1203, discount_minor: 0, tax_minor: 201, service_charge_minor: 120, total_minor: 1323 },
        'half-up, included',
      );
    });
  });

  it('refuses stored totals that do not add up, whoever writes them', async () => {
    const { orderId } = await burgersAndWine();
    const error = await db.admin`update public.orders set total_minor = total_minor + 1 where id = ${orderId}`.catch(
      (e: { code: string; constraint_name?: string }) => e,
    );
    expect(error, 'a direct write of a wrong total').toMatchObject({
      code: '23514',
      constraint_name: 'orders_total_adds_up',
    });
  });
});
