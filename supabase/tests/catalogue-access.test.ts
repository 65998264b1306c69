// The catalogue: every member reads the organization's menu; per-property rows (availability,
// price overrides, stock, stations, routes, order settings) only where they work; managers over
// every property edit the organization's menu, managers of a property its own rows; staff and
// viewers edit nothing. Constraints keep rows in their tenant and their values sane.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, type Actor, attempt, type Expectation, expectation, type Outcome } from './support/access-matrix.ts';
import { createUser, pgError, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import { catalogueOf } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'cacc');
  other = await createTenant(db.admin, 'cacc-other');
});

function userOf(actor: Exclude<Actor, 'anon'>): TestUser {
  if (actor === 'restricted') return tenant.restrictedStaff;
  if (actor === 'outsider') return other.members.owner;
  return tenant.members[actor];
}

const members = (outcome: Outcome, exceptions: Partial<Expectation> = {}) =>
  expectation(outcome, { outsider: 0, anon: '42501', ...exceptions });
const f = () => catalogueOf(tenant);
const rows = async (query: PromiseLike<readonly unknown[]>): Promise<number> => (await query).length;

interface Cell {
  name: string;
  action: (tx: Tx) => Promise<Outcome>;
  expected: Expectation;
}

const CELLS: Cell[] = [
  {
    name: 'read the menu (categories, items, modifier groups and options, their links)',
    action: async (tx) => {
      const [row] = await tx`
        select (select count(*) from public.catalogue_categories where organization_id = ${tenant.organizationId})
          + (select count(*) from public.catalogue_items where organization_id = ${tenant.organizationId})
          + (select count(*) from public.modifier_groups where organization_id = ${tenant.organizationId})
          + (select count(*) from public.modifier_options where organization_id = ${tenant.organizationId})
          + (select count(*) from public.item_modifier_groups where organization_id = ${tenant.organizationId}) as n`;
      return Number(row?.n);
    },
    expected: members(6),
  },
  {
    name: "read the restaurant's availability, stations, routes and order settings",
    action: async (tx) => {
      const [row] = await tx`
        select (select count(*) from public.item_availability where property_id = ${f().propertyId})
          + (select count(*) from public.stations where property_id = ${f().propertyId})
          + (select count(*) from public.station_routes where property_id = ${f().propertyId})
          + (select count(*) from public.order_settings where property_id = ${f().propertyId}) as n`;
      return Number(row?.n);
    },
    expected: members(4, { restricted: 0 }),
  },
  {
    name: 'create an item (returning it, as supabase-js does)',
    action: (tx) =>
      rows(tx`
        insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency)
        values (${tenant.organizationId}, ${f().categoryId}, 'Fries', 400, 'EUR') returning id`),
    expected: expectation('42501', { owner: 1, admin: 1, manager: 1 }),
  },
  {
    name: "change an item's price",
    action: async (tx) =>
      (await tx`update public.catalogue_items set price_minor = 1300 where id = ${f().itemId}`).count,
    expected: members(0, { owner: 1, admin: 1, manager: 1, anon: '42501' }),
  },
  {
    name: 'restock the restaurant',
    action: async (tx) =>
      (await tx`update public.item_availability set stock_count = 50 where id = ${f().availabilityId}`).count,
    expected: members(0, { owner: 1, admin: 1, manager: 1 }),
  },
  {
    name: 'change the service charge',
    action: async (tx) =>
      (await tx`update public.order_settings set service_charge_bp = 1250 where id = ${f().settingsId}`).count,
    expected: members(0, { owner: 1, admin: 1, manager: 1 }),
  },
  {
    name: 'delete a station',
    action: async (tx) => (await tx`delete from public.stations where id = ${f().stationId}`).count,
    expected: members(0, { owner: 1, admin: 1, manager: 1 }),
  },
];

describe('catalogue access', () => {
  for (const cell of CELLS) {
    it(cell.name, async () => {
      const actual = {} as Expectation;
      for (const actor of ACTORS)
        actual[actor] = await attempt(db.admin, actor === 'anon' ? 'anon' : userOf(actor), cell.action, {
          sqlstateOnly: true,
        });
      expect(actual, `${cell.name}: outcome per actor`).toEqual(cell.expected);
    });
  }

  it('lets a restricted manager edit their property’s rows but not the organization’s menu', async () => {
    const manager = await createUser(db.admin, 'cacc-rmanager');
    await db.admin`
      insert into public.memberships (organization_id, user_id, role, all_properties)
      values (${tenant.organizationId}, ${manager.id}, 'manager', false)`;
    await db.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${tenant.organizationId}, ${manager.id}, ${tenant.propertyIds[0]})`;
    const outcome = (action: (tx: Tx) => Promise<Outcome>) =>
      attempt(db.admin, manager, action, { sqlstateOnly: true });
    expect(
      await outcome((tx) =>
        rows(tx`
          insert into public.item_availability (organization_id, property_id, item_id, price_override_minor)
          values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${f().itemId}, 1400) returning id`),
      ),
      'sells the burger at the hotel',
    ).toBe(1);
    expect(
      await outcome(
        async (tx) =>
          (await tx`update public.item_availability set stock_count = 1 where id = ${f().availabilityId}`).count,
      ),
      "the restaurant's stock is out of reach",
    ).toBe(0);
    expect(
      await outcome(
        async (tx) => (await tx`update public.catalogue_items set price_minor = 1 where id = ${f().itemId}`).count,
      ),
      'the organization-wide price is out of reach',
    ).toBe(0);
  });
});

describe('catalogue constraints', () => {
  const refused = async (query: Promise<unknown>, label: string) => {
    const error = await pgError(query);
    return { label, code: error.code };
  };

  it('keeps modifier group rules coherent', async () => {
    const org = tenant.organizationId;
    const outcomes = [
      await refused(
        db.admin`insert into public.modifier_groups (organization_id, name, min_choices, max_choices) values (${org}, 'A', 3, 2)`,
        'min above max',
      ),
      await refused(
        db.admin`insert into public.modifier_groups (organization_id, name, required, min_choices, max_choices) values (${org}, 'B', true, 0, 2)`,
        'required with a minimum of 0',
      ),
      await refused(
        db.admin`insert into public.modifier_groups (organization_id, name, min_choices, max_choices) values (${org}, 'C', 0, 0)`,
        'a maximum of 0',
      ),
    ];
    expect(outcomes, 'each refused by a check constraint').toEqual(
      outcomes.map((o) => ({ label: o.label, code: '23514' })),
    );
  });

  it("keeps photos in the organization's folder", async () => {
    const org = tenant.organizationId;
    for (const path of [
      `${other.organizationId}/items/a.jpg`,
      `${org}/items/../secrets.txt`,
      `${org}/avatars/a.jpg`,
      'a.jpg',
    ]) {
      const error = await pgError(
        db.admin`update public.catalogue_items set photo_path = ${path} where id = ${f().itemId}`,
      );
      expect(error.code, `photo_path ${path}`).toBe('23514');
    }
  });

  it('never links rows of two organizations or a station of another property', async () => {
    const org = tenant.organizationId;
    const foreign = catalogueOf(other);
    const cases: [string, Promise<unknown>][] = [
      [
        "another organization's item sold here",
        db.admin`insert into public.item_availability (organization_id, property_id, item_id) values (${org}, ${tenant.propertyIds[0]}, ${foreign.itemId})`,
      ],
      [
        "another organization's group on an item",
        db.admin`insert into public.item_modifier_groups (organization_id, item_id, group_id) values (${org}, ${f().itemId}, ${foreign.groupId})`,
      ],
      [
        "the restaurant's station routed at the hotel",
        db.admin`insert into public.station_routes (organization_id, property_id, station_id, category_id) values (${org}, ${tenant.propertyIds[0]}, ${f().stationId}, ${f().categoryId})`,
      ],
      [
        "a category under another organization's",
        db.admin`insert into public.catalogue_categories (organization_id, parent_id, name) values (${org}, ${foreign.categoryId}, 'Stray')`,
      ],
    ];
    for (const [label, query] of cases) {
      expect((await pgError(query)).code, `${label}: a foreign key refuses it`).toBe('23503');
    }
  });

  it('refuses to delete a category that still has items', async () => {
    const error = await pgError(db.admin`delete from public.catalogue_categories where id = ${f().categoryId}`);
    expect(error.code, 'restricted by the items').toBe('23503');
  });
});
