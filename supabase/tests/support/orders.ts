// Shared by the orders tests: a small menu on top of the catalogue fixture, and one-line helpers
// that call the order RPCs as a user (each call its own transaction, as a client would make it).
import type { Sql } from 'postgres';
import { asUser, type TestUser } from './db.ts';
import { CATALOGUE_FIXTURE_IDS, type CatalogueFixtureIds } from './fixtures/catalogue.ts';
import type { Tenant } from './tenants.ts';

export interface Menu {
  /** The restaurant (`propertyIds[1]`), whose service charge is 10 % (1000 bp). */
  propertyId: string;
  /** 1250 at 13 %, stock 100; group Extras (optional, 0 to 2): Cheese +150. */
  burger: string;
  cheese: string;
  /** 700 at 23 %, stock not tracked. */
  wine: string;
  /** 1250 at 6 %; group Size (required, exactly 1): Small −25, Large +300. */
  soup: string;
  small: string;
  large: string;
  sizeGroup: string;
}

/** The ids of the tenant's catalogue fixture, every one present. */
export function catalogueOf(tenant: Tenant): CatalogueFixtureIds {
  const ids = tenant.extra.catalogue ?? {};
  const missing = CATALOGUE_FIXTURE_IDS.filter((key) => typeof ids[key] !== 'string');
  if (missing.length > 0) throw new Error(`the catalogue fixture lacks ${missing.join(', ')}`);
  return ids as CatalogueFixtureIds;
}

/** Adds wine and soup (and the Size group) to the tenant's catalogue fixture, as the platform. */
export async function createMenu(sql: Sql, tenant: Tenant): Promise<Menu> {
  const f = catalogueOf(tenant);
  const org = tenant.organizationId;
  const propertyId = tenant.propertyIds[1];
  const [wineRow] = await sql`
    insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency, tax_rate_bp)
    values (${org}, ${f.categoryId}, 'House wine', 700, 'EUR', 2300) returning id`;
  const [soupRow] = await sql`
    insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency, tax_rate_bp)
    values (${org}, ${f.categoryId}, 'Soup', 1250, 'EUR', 600) returning id`;
  const wine = wineRow?.id as string;
  const soup = soupRow?.id as string;
  await sql`
    insert into public.item_availability (organization_id, property_id, item_id)
    values (${org}, ${propertyId}, ${wine}), (${org}, ${propertyId}, ${soup})`;
  const [size] = await sql`
    insert into public.modifier_groups (organization_id, name, required, min_choices, max_choices)
    values (${org}, 'Size', true, 1, 1) returning id`;
  const [small] = await sql`
    insert into public.modifier_options (organization_id, group_id, name, price_delta_minor)
    values (${org}, ${size?.id as string}, 'Small', -25) returning id`;
  const [large] = await sql`
    insert into public.modifier_options (organization_id, group_id, name, price_delta_minor)
    values (${org}, ${size?.id as string}, 'Large', 300) returning id`;
  await sql`insert into public.item_modifier_groups (organization_id, item_id, group_id) values (${org}, ${soup}, ${size?.id as string})`;
  return {
    propertyId,
    burger: f.itemId,
    cheese: f.optionId,
    wine,
    soup,
    small: small?.id as string,
    large: large?.id as string,
    sizeGroup: size?.id as string,
  };
}

export type Row = Record<string, unknown>;

/** Calls `public.<name>` with named arguments as `user`; returns its first row. */
export async function callAs(sql: Sql, user: TestUser, name: string, args: Record<string, unknown>): Promise<Row> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`unexpected RPC name ${name}`);
  const names = Object.keys(args);
  for (const arg of names) if (!/^p_[a-z_]+$/.test(arg)) throw new Error(`unexpected argument ${arg}`);
  const list = names.map((arg, i) => `${arg} => $${i + 1}`).join(', ');
  const rows = await asUser(sql, user, (tx) =>
    tx.unsafe(`select * from public.${name}(${list})`, Object.values(args) as never[]),
  );
  return (rows[0] ?? {}) as Row;
}

/** A new takeaway order at the menu's property, as `user`; returns its id. */
export async function newOrder(sql: Sql, user: TestUser, menu: Menu): Promise<string> {
  const order = await callAs(sql, user, 'create_order', { p_property_id: menu.propertyId, p_kind: 'takeaway' });
  return order.id as string;
}

export async function addItem(
  sql: Sql,
  user: TestUser,
  orderId: string,
  itemId: string,
  quantity: number,
  optionIds: string[] = [],
): Promise<Row> {
  return callAs(sql, user, 'add_order_item', {
    p_order_id: orderId,
    p_item_id: itemId,
    p_quantity: quantity,
    p_option_ids: optionIds,
  });
}

/** The order's stored totals, as numbers. */
export async function totalsOf(sql: Sql, orderId: string): Promise<Record<string, number>> {
  const [row] = await sql`
    select subtotal_minor, discount_minor, tax_minor, service_charge_minor, total_minor
    from public.orders where id = ${orderId}`;
  if (!row) throw new Error(`no order ${orderId}`);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}
