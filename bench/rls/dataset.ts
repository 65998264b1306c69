// Generates the benchmark's tenants and events with set-based SQL as the superuser, and picks
// the inputs (organization, property, owner) that every mode is measured with.
import type { Sql } from 'postgres';
import { createEventsIndexes, createEventsTable } from './schema.ts';
import { elapsedMs, seededRandom } from './stats.ts';

export const SCALE = { organizations: 1000, propertiesPerOrganization: 5, events: 1_000_000 } as const;

/** One request's inputs: a property, its organization and that organization's owner. */
export interface Input {
  organizationId: string;
  propertyId: string;
  ownerId: string;
  ownerEmail: string;
}

export interface LoadTimings {
  load_tenants_s: number;
  load_events_s: number;
  build_indexes_s: number;
  vacuum_analyze_s: number;
}

/**
 * Users, organizations, owner memberships and properties in one transaction: the deferred
 * "organization starts with an owner" trigger checks at commit, audit triggers stay on.
 */
async function loadTenants(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      create temporary table bench_tenants on commit drop as
      select n, gen_random_uuid() as user_id, gen_random_uuid() as organization_id
      from generate_series(1, ${SCALE.organizations}::int) as n`;
    await tx`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, created_at, updated_at)
      select '00000000-0000-0000-0000-000000000000', t.user_id, 'authenticated', 'authenticated',
        format('owner-%s@bench.test', t.n), '', now(), now()
      from bench_tenants t`;
    await tx`
      insert into public.organizations (id, slug, name, time_zone, currency, created_by)
      select t.organization_id, format('bench-%s', t.n), format('Bench organization %s', t.n), 'UTC', 'EUR', t.user_id
      from bench_tenants t`;
    await tx`
      insert into public.memberships (organization_id, user_id, role)
      select t.organization_id, t.user_id, 'owner' from bench_tenants t`;
    await tx`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      select t.organization_id, format('Property %s', k),
        (array['hotel', 'restaurant', 'venue', 'other'])[1 + k % 4]::public.property_kind, 'UTC', 'EUR'
      from bench_tenants t, generate_series(1, ${SCALE.propertiesPerOrganization}::int) as k`;
  });
}

/**
 * Events spread uniformly over all properties and over the last year, in arrival order (so an
 * organization's rows are scattered over the heap, as they would be in production). Triggers
 * (audit, foreign keys) are skipped for the bulk load only: the rows are consistent by construction.
 */
async function loadEvents(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`select setseed(0.42)`;
    await tx`
      create temporary table bench_properties on commit drop as
      select row_number() over (order by o.slug, p.name)::int as k, p.id, p.organization_id, p.currency
      from public.properties p join public.organizations o on o.id = p.organization_id`;
    await tx`
      with picks as materialized (
        select 1 + floor(random() * ${SCALE.organizations * SCALE.propertiesPerOrganization}::int)::int as k,
          random() as r_kind, random() as r_time, random() as r_amount
        from generate_series(1, ${SCALE.events}::int)
      )
      insert into public.bench_events (organization_id, property_id, kind, occurred_at, amount_minor, currency)
      select p.organization_id, p.id,
        (array['booking', 'order', 'payment', 'refund'])[1 + floor(x.r_kind * 4)::int],
        timestamptz '2026-11-01 00:00:00+00' - x.r_time * interval '365 days',
        100 + floor(x.r_amount * 99900)::bigint,
        p.currency
      from picks x join bench_properties p on p.k = x.k`;
  });
}

async function seconds(step: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await step();
  return Math.round(elapsedMs(start, process.hrtime.bigint())) / 1000;
}

/** Builds the whole dataset; the table's statistics and visibility map are fresh afterwards. */
export async function loadDataset(sql: Sql, log: (line: string) => void): Promise<LoadTimings> {
  await createEventsTable(sql);
  log(`loading ${SCALE.organizations} organizations with ${SCALE.propertiesPerOrganization} properties each`);
  const load_tenants_s = await seconds(() => loadTenants(sql));
  log(`loading ${SCALE.events} events`);
  const load_events_s = await seconds(() => loadEvents(sql));
  log('building indexes');
  const build_indexes_s = await seconds(() => createEventsIndexes(sql));
  log('vacuum analyze');
  const vacuum_analyze_s = await seconds(async () => {
    await sql.unsafe('vacuum (analyze) public.bench_events');
    await sql.unsafe(
      'analyze public.organizations, public.memberships, public.properties, public.member_property_access',
    );
  });
  return { load_tenants_s, load_events_s, build_indexes_s, vacuum_analyze_s };
}

/** `count` inputs drawn with a fixed seed: organizations by slug, then one of their properties. */
export async function pickInputs(sql: Sql, seed: number, count: number): Promise<Input[]> {
  const random = seededRandom(seed);
  const picks = Array.from({ length: count }, () => ({
    slug: `bench-${1 + Math.floor(random() * SCALE.organizations)}`,
    property: `Property ${1 + Math.floor(random() * SCALE.propertiesPerOrganization)}`,
  }));
  const rows = await sql<
    {
      slug: string;
      name: string;
      organization_id: string;
      property_id: string;
      owner_id: string;
      owner_email: string;
    }[]
  >`
    select o.slug, p.name, o.id as organization_id, p.id as property_id, u.id as owner_id, u.email as owner_email
    from public.organizations o
    join public.properties p on p.organization_id = o.id
    join public.memberships m on m.organization_id = o.id and m.role = 'owner'
    join auth.users u on u.id = m.user_id
    where o.slug = any(${picks.map((pick) => pick.slug)})`;
  const byKey = new Map(rows.map((row) => [`${row.slug}/${row.name}`, row]));
  return picks.map((pick) => {
    const row = byKey.get(`${pick.slug}/${pick.property}`);
    if (!row) throw new Error(`no bench property ${pick.slug}/${pick.property}`);
    return {
      organizationId: row.organization_id,
      propertyId: row.property_id,
      ownerId: row.owner_id,
      ownerEmail: row.owner_email,
    };
  });
}
