// add_order_item checks the chosen options against the item's modifier groups: only active
// options of groups the item offers; a required group between min and max choices; an optional
// group with none, or between min and max; a unit price never below zero. It also refuses items
// the property does not sell. Every refusal writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { pgError, useTestDatabase } from './support/db.ts';
import { addItem, catalogueOf, createMenu, type Menu, newOrder } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let menu: Menu;
let orderId: string;
/** Optional group "Sauces" on the burger: none, or 2 to 3 of four. */
let sauces: string[];
/** An option of a group the burger does not offer. */
let foreignOption: string;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'mods');
  menu = await createMenu(db.admin, tenant);
  const org = tenant.organizationId;
  const [group] = await db.admin`
    insert into public.modifier_groups (organization_id, name, required, min_choices, max_choices)
    values (${org}, 'Sauces', false, 2, 3) returning id`;
  const options = await db.admin`
    insert into public.modifier_options (organization_id, group_id, name, price_delta_minor)
    select ${org}, ${group?.id}, name, 50 from unnest(array['Ketchup', 'Mayo', 'Mustard', 'Aioli']) as name
    returning id`;
  sauces = options.map((o) => o.id as string);
  await db.admin`insert into public.item_modifier_groups (organization_id, item_id, group_id) values (${org}, ${menu.burger}, ${group?.id})`;
  const [other] = await db.admin`
    insert into public.modifier_groups (organization_id, name) values (${org}, 'Dressing') returning id`;
  const [option] = await db.admin`
    insert into public.modifier_options (organization_id, group_id, name) values (${org}, ${other?.id}, 'Vinaigrette')
    returning id`;
  foreignOption = option?.id as string;
  orderId = await newOrder(db.admin, tenant.members.staff, menu);
});

async function lines(): Promise<number> {
  const [row] = await db.admin`select count(*)::int as n from public.order_items where order_id = ${orderId}`;
  return row?.n as number;
}

async function expectRefused(itemId: string, optionIds: string[], code: string, label: string): Promise<void> {
  const before = await lines();
  const error = await pgError(addItem(db.admin, tenant.members.staff, orderId, itemId, 1, optionIds));
  expect({ code: error.code, message: error.message }, label).toEqual({ code: 'P0001', message: code });
  expect(error.detail, `${label}: a sentence explains it`).toMatch(/\S.*\.$/);
  expect(await lines(), `${label}: no line was added`).toBe(before);
}

describe('modifier validation', () => {
  it('requires a choice in a required group, and no more than its maximum', async () => {
    await expectRefused(menu.soup, [], 'invalid_modifiers', 'soup without a size');
    await expectRefused(menu.soup, [menu.small, menu.large], 'invalid_modifiers', 'soup in two sizes');
    const line = await addItem(db.admin, tenant.members.staff, orderId, menu.soup, 1, [menu.large]);
    expect(line.options, 'the choice is kept as a snapshot').toEqual([
      { option_id: menu.large, group_id: menu.sizeGroup, group_name: 'Size', name: 'Large', price_delta_minor: 300 },
    ]);
    expect(Number(line.options_total_minor), 'options total').toBe(300);
  });

  it('accepts an optional group left empty, or between its minimum and maximum', async () => {
    await expectRefused(menu.burger, [sauces[0] as string], 'invalid_modifiers', 'one sauce of a 2-to-3 group');
    await expectRefused(menu.burger, sauces, 'invalid_modifiers', 'four sauces of a 2-to-3 group');
    const none = await addItem(db.admin, tenant.members.staff, orderId, menu.burger, 1);
    expect(none.options, 'no sauce').toEqual([]);
    const two = await addItem(db.admin, tenant.members.staff, orderId, menu.burger, 1, [
      menu.cheese,
      ...sauces.slice(0, 2),
    ]);
    // Cheese 150 + two sauces at 50 each.
    expect(Number(two.options_total_minor), 'cheese and two sauces').toBe(250);
  });

  it('refuses options the item does not offer, unknown or inactive ones', async () => {
    await expectRefused(menu.burger, [foreignOption], 'invalid_modifiers', 'an option of another group');
    await expectRefused(menu.wine, [menu.cheese], 'invalid_modifiers', 'cheese on wine');
    await expectRefused(menu.burger, [crypto.randomUUID()], 'invalid_modifiers', 'an unknown option');
    await db.admin`update public.modifier_options set active = false where id = ${menu.cheese}`;
    try {
      await expectRefused(menu.burger, [menu.cheese], 'invalid_modifiers', 'an inactive option');
    } finally {
      await db.admin`update public.modifier_options set active = true where id = ${menu.cheese}`;
    }
  });

  it('accepts a negative price delta, but never a negative unit price', async () => {
    const small = await addItem(db.admin, tenant.members.staff, orderId, menu.soup, 1, [menu.small]);
    expect(Number(small.unit_price_minor) + Number(small.options_total_minor), '1250 − 25').toBe(1225);
    await db.admin`update public.modifier_options set price_delta_minor = -1300 where id = ${menu.small}`;
    try {
      await expectRefused(menu.soup, [menu.small], 'invalid_modifiers', 'a size cheaper than the soup');
    } finally {
      await db.admin`update public.modifier_options set price_delta_minor = -25 where id = ${menu.small}`;
    }
  });

  it('refuses items the property does not sell, inactive items and items priced in another currency', async () => {
    const org = tenant.organizationId;
    const [elsewhere] = await db.admin`
      insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency)
      values (${org}, ${catalogueOf(tenant).categoryId}, 'Hotel snack', 400, 'EUR') returning id`;
    await expectRefused(elsewhere?.id as string, [], 'not_available', 'an item not sold at this property');
    await db.admin`update public.catalogue_items set active = false where id = ${menu.wine}`;
    try {
      await expectRefused(menu.wine, [], 'not_available', 'an inactive item');
    } finally {
      await db.admin`update public.catalogue_items set active = true where id = ${menu.wine}`;
    }
    const [dollars] = await db.admin`
      insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency)
      values (${org}, ${catalogueOf(tenant).categoryId}, 'Import beer', 600, 'USD') returning id`;
    await db.admin`insert into public.item_availability (organization_id, property_id, item_id) values (${org}, ${menu.propertyId}, ${dollars?.id as string})`;
    await expectRefused(dollars?.id as string, [], 'currency_mismatch', 'an item priced in USD');
  });

  it('uses the property’s price override', async () => {
    await db.admin`
      update public.item_availability set price_override_minor = 650 where property_id = ${menu.propertyId} and item_id = ${menu.wine}`;
    try {
      const line = await addItem(db.admin, tenant.members.staff, orderId, menu.wine, 1);
      expect(Number(line.unit_price_minor), 'the override, not the item price').toBe(650);
    } finally {
      await db.admin`
        update public.item_availability set price_override_minor = null where property_id = ${menu.propertyId} and item_id = ${menu.wine}`;
    }
  });
});
