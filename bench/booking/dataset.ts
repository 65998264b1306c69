// Generates the booking benchmark's data set-based, as the superuser: organizations with an
// owner and staff members, properties with settings, room types, rooms, rate plans, overrides
// and taxes, and one year of non-overlapping bookings on the search properties.
import type { Sql } from 'postgres';
import { elapsedMs } from '../rls/stats.ts';

export const SCALE = {
  organizations: 10,
  /** Search properties per organization (10 × 10 = 100), each with `resourcesPerProperty` rooms. */
  propertiesPerOrganization: 10,
  resourcesPerProperty: 200,
  /** Staff members per organization: one per booking client. */
  staffPerOrganization: 32,
  /** Rooms of each of the two empty booking properties (organization 1): where bookings are made. */
  bookingResources: 500,
  /** Bookings cover [today - daysBefore, today - daysBefore + 365). */
  daysBefore: 120,
} as const;

/** The booking properties of organization 1: `rpc` takes the RPC's bookings, `insert` the superuser's. */
export const BOOKING_PROPERTIES = { rpc: 'Booking A', insert: 'Booking B' } as const;

const TIME_ZONES = ['Europe/Lisbon', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];

// 8 characters of the reference alphabet from a bigint n (unique for n < 2^40), as SQL.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const referenceOf = (n: string) =>
  Array.from({ length: 8 }, (_, k) => `substr('${ALPHABET}', ((${n} >> ${5 * k}) & 31)::int + 1, 1)`).join(' || ');

/** Tenants and set-up rows in one transaction with triggers on (audit, currency, defaults). */
async function loadTenants(sql: Sql): Promise<void> {
  const { organizations, propertiesPerOrganization, resourcesPerProperty, staffPerOrganization } = SCALE;
  await sql.begin(async (tx) => {
    await tx`
      create temporary table bench_orgs on commit drop as
      select n, gen_random_uuid() as organization_id, gen_random_uuid() as owner_id
      from generate_series(1, ${organizations}::int) n`;
    await tx`
      create temporary table bench_staff on commit drop as
      select o.n, s, o.organization_id, gen_random_uuid() as user_id
      from bench_orgs o, generate_series(1, ${staffPerOrganization}::int) s`;
    await tx`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, created_at, updated_at)
      select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email, '', now(), now()
      from (
        select owner_id as id, format('owner-%s@bench.test', n) as email from bench_orgs
        union all select user_id, format('staff-%s-%s@bench.test', n, s) from bench_staff
      ) u`;
    await tx`
      insert into public.organizations (id, slug, name, time_zone, currency, created_by)
      select organization_id, format('bench-%s', n), format('Bench group %s', n), 'UTC', 'EUR', owner_id from bench_orgs`;
    await tx`
      insert into public.memberships (organization_id, user_id, role)
      select organization_id, owner_id, 'owner'::public.org_role from bench_orgs
      union all select organization_id, user_id, 'staff' from bench_staff`;
    await tx`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      select o.organization_id, format('Hotel %s', k), 'hotel'::public.property_kind, (${TIME_ZONES}::text[])[1 + k % ${TIME_ZONES.length}], 'EUR'
      from bench_orgs o, generate_series(1, ${propertiesPerOrganization}::int) k
      union all
      select o.organization_id, b.name, 'hotel', 'Europe/Lisbon', 'EUR'
      from bench_orgs o, unnest(${Object.values(BOOKING_PROPERTIES)}::text[]) b(name) where o.n = 1`;
    await tx`
      insert into public.property_settings (organization_id, property_id)
      select organization_id, id from public.properties`;
    await tx`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      select p.organization_id, p.id, 'room', t.name, 'night'
      from public.properties p, unnest(array['Single', 'Double', 'Family', 'Suite']) t(name)`;
    // Room r has type r % 4; capacities 1, 2, 4, 6 guests.
    await tx`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      select p.organization_id, p.id, t.id, format('Room %s', r),
        (array[1, 2, 4, 6])[1 + r % 4]
      from public.properties p
      cross join lateral generate_series(1,
        case when p.name like 'Booking%' then ${SCALE.bookingResources}::int else ${resourcesPerProperty}::int end) r
      join public.resource_types t on t.property_id = p.id
        and t.name = (array['Single', 'Double', 'Family', 'Suite'])[1 + r % 4]`;
    // Per type: Standard (any stay) and Saver (15 % off, 3 nights or more).
    await tx`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor,
        min_stay, included_guests, extra_guest_minor)
      select t.organization_id, t.property_id, t.id, plan.name,
        round(base.price * plan.factor)::bigint, plan.min_stay, 2, case when base.price >= 18000 then 2500 else 0 end
      from public.resource_types t
      join (values ('Single', 8000), ('Double', 12000), ('Family', 18000), ('Suite', 30000)) base(name, price)
        on base.name = t.name
      cross join (values ('Standard', 1.0, 1), ('Saver', 0.85, 3)) plan(name, factor, min_stay)`;
    // Weekends (Friday, Saturday) +20 %; a high season +40 % that wins over the weekend price.
    await tx`
      insert into public.rate_overrides (organization_id, property_id, rate_plan_id, weekdays, dates, price_minor, priority)
      select rp.organization_id, rp.property_id, rp.id, '{5,6}'::smallint[], null, round(rp.base_price_minor * 1.2)::bigint, 0
      from public.rate_plans rp
      union all
      select rp.organization_id, rp.property_id, rp.id, null,
        daterange(current_date + 150, current_date + 240), round(rp.base_price_minor * 1.4)::bigint, 10
      from public.rate_plans rp`;
    await tx`
      insert into public.property_taxes (organization_id, property_id, name, basis, rate_bps, amount_minor, inclusive)
      select p.organization_id, p.id, x.name, x.basis::public.charge_basis, x.bps, x.amount, x.inclusive
      from public.properties p
      cross join (values ('VAT', 'percentage', 600, null::bigint, false), ('City tax', 'per_unit', null, 200, false),
        ('Tourism levy', 'percentage', 100, null, true)) x(name, basis, bps, amount, inclusive)`;
  });
}

/**
 * Per room of the search properties, back-to-back stays of 1–7 nights separated by gaps of 0–4
 * nights (about two thirds occupied), over one year; statuses by date (past: checked out, some
 * cancelled or no-show; future: confirmed, some cancelled or held). Triggers are skipped for
 * the bulk load only (audit, currency, foreign keys): the rows are consistent by construction;
 * check and exclusion constraints still hold every row.
 */
async function loadBookings(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`select setseed(0.2026)`;
    await tx`
      create temporary table bench_stays on commit drop as
      with rooms as (
        select r.id, r.organization_id, r.property_id, r.max_guests, p.time_zone,
          (select rp.id from public.rate_plans rp where rp.resource_type_id = r.resource_type_id and rp.name = 'Standard') as plan_id,
          (select rp.base_price_minor from public.rate_plans rp where rp.resource_type_id = r.resource_type_id and rp.name = 'Standard') as price
        from public.resources r join public.properties p on p.id = r.property_id
        where p.name like 'Hotel %'
      ), draws as (
        select rooms.*, i, 1 + floor(random() * 7)::int as nights, floor(random() * 5)::int as gap,
          random() as r_status, random() as r_party
        from rooms, generate_series(1, 75) i
      )
      select d.*, (current_date - ${SCALE.daysBefore}::int)
          + (sum(d.gap + d.nights) over (partition by d.id order by d.i) - d.nights)::int as arrival
      from draws d`;
    await tx.unsafe(`
      insert into public.bookings (organization_id, property_id, resource_id, rate_plan_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, source, reference,
        hold_expires_at, confirmed_at, checked_in_at, checked_out_at, cancelled_at, cancellation_fee_minor, created_at)
      select s.organization_id, s.property_id, s.id, s.plan_id, x.status, x.period, x.period,
        s.arrival, s.arrival + s.nights, 1 + floor(s.r_party * s.max_guests)::int, 'EUR', s.price * s.nights,
        jsonb_build_object('unit', 'night', 'units', s.nights, 'currency', 'EUR', 'rate_plan_id', s.plan_id,
          'subtotal_minor', s.price * s.nights, 'total_minor', s.price * s.nights),
        'staff', ${referenceOf('s.n')},
        case when x.status = 'held' then now() + case when s.r_status < 0.97 then interval '-1 day' else interval '15 minutes' end end,
        case when x.status in ('confirmed', 'checked_in', 'checked_out') then now() end,
        case when x.status in ('checked_in', 'checked_out') then now() end,
        case when x.status = 'checked_out' then now() end,
        case when x.status = 'cancelled' then now() end,
        case when x.status = 'cancelled' then 0 end,
        now()
      from (select *, row_number() over () as n from bench_stays
            where arrival < current_date - ${SCALE.daysBefore} + 365) s
      cross join lateral (select
        tstzrange((s.arrival + time '15:00') at time zone s.time_zone,
          (s.arrival + s.nights + time '11:00') at time zone s.time_zone, '[)') as period,
        (case
          when s.r_status < 0.05 then 'cancelled'
          when s.arrival + s.nights <= current_date then case when s.r_status < 0.08 then 'no_show' else 'checked_out' end
          when s.arrival <= current_date then 'checked_in'
          when s.r_status < 0.99 then 'confirmed'
          else 'held' end)::public.booking_status as status) x`);
  });
}

interface IndexDefinition {
  constraint: string | null;
  definition: string;
}

/**
 * The indexes and index-backed constraints of public.bookings (unique, exclusion) exactly as the
 * migrations define them, except the keys other tables' foreign keys use: dropped for the bulk
 * load, recreated after it.
 */
async function bookingIndexes(sql: Sql): Promise<IndexDefinition[]> {
  return sql<IndexDefinition[]>`
    select c.conname as constraint,
      case when c.conname is not null then pg_get_constraintdef(c.oid) else pg_get_indexdef(i.indexrelid) end as definition
    from pg_index i
    left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
    where i.indrelid = 'public.bookings'::regclass
      -- Keys that foreign keys of other tables (orders, folios) rely on stay.
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
    order by c.conname nulls last`;
}

async function dropIndexes(sql: Sql, indexes: readonly IndexDefinition[]): Promise<void> {
  for (const index of indexes) {
    if (index.constraint) await sql.unsafe(`alter table public.bookings drop constraint ${index.constraint}`);
    else await sql.unsafe(`drop index ${/^CREATE (?:UNIQUE )?INDEX (\S+)/.exec(index.definition)?.[1]}`);
  }
}

/** Recreates the indexes on two connections (two cores): the exclusion constraint on one. */
async function createIndexes(sql: Sql, indexes: readonly IndexDefinition[]): Promise<void> {
  const statements = indexes.map((index) =>
    index.constraint
      ? `alter table public.bookings add constraint ${index.constraint} ${index.definition}`
      : index.definition,
  );
  const exclusion = statements.filter((statement) => statement.includes('EXCLUDE'));
  const others = statements.filter((statement) => !statement.includes('EXCLUDE'));
  const run = async (list: string[]) => {
    for (const statement of list) await sql.unsafe(statement);
  };
  await Promise.all([run(exclusion), run(others)]);
}

async function seconds(step: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await step();
  return Math.round(elapsedMs(start, process.hrtime.bigint())) / 1000;
}

export interface LoadResult {
  load_tenants_s: number;
  load_bookings_s: number;
  build_indexes_s: number;
  vacuum_analyze_s: number;
  bookings: number;
  /** Share of room-nights of the search properties' year covered by active or past stays. */
  occupancy_rate: number;
}

export async function loadDataset(sql: Sql, log: (line: string) => void): Promise<LoadResult> {
  log(`loading ${SCALE.organizations} organizations, ${SCALE.organizations * SCALE.propertiesPerOrganization} hotels`);
  const load_tenants_s = await seconds(() => loadTenants(sql));
  log('loading one year of bookings');
  const indexes = await bookingIndexes(sql);
  const load_bookings_s = await seconds(async () => {
    await dropIndexes(sql, indexes);
    await loadBookings(sql);
  });
  log(`rebuilding the ${indexes.length} indexes and constraints of public.bookings`);
  const build_indexes_s = await seconds(() => createIndexes(sql, indexes));
  log('vacuum analyze');
  const vacuum_analyze_s = await seconds(async () => {
    await sql.unsafe('vacuum (analyze) public.bookings');
    await sql.unsafe('analyze');
  });
  const [row] = await sql<{ bookings: number; nights: number }[]>`
    select count(*)::int as bookings,
      coalesce(sum(departure_date - arrival_date) filter (where status <> 'cancelled'), 0)::int as nights
    from public.bookings`;
  const roomNights = SCALE.organizations * SCALE.propertiesPerOrganization * SCALE.resourcesPerProperty * 365;
  return {
    load_tenants_s,
    load_bookings_s,
    build_indexes_s,
    vacuum_analyze_s,
    bookings: row?.bookings ?? 0,
    occupancy_rate: Math.round(((row?.nights ?? 0) / roomNights) * 1000) / 1000,
  };
}
