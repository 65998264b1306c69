// Availability search: `public.search_availability` in a request as a staff member of the
// property's organization, for random hotels, dates and party sizes, one at a time on one
// connection; then the plans of the slowest search, reproduced by hand.
import type { Sql } from 'postgres';
import { asRequest, userClaims } from '../../supabase/local/rls-request.ts';
import { elapsedMs, percentile, round, seededRandom } from '../rls/stats.ts';
import { describePlan } from '../support/plan-outline.ts';
import type { Staff } from './clients.ts';

export interface SearchInput {
  propertyId: string;
  member: Staff;
  arrival: string;
  departure: string;
  partySize: number;
}

interface Sample {
  input: SearchInput;
  transactionMs: number;
  statementMs: number;
  rows: number;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Hotels 1–100 with a staff member of their organization; arrival 1–240 days ahead, 1–7 nights, 1–4 guests. */
export async function pickSearches(sql: Sql, seed: number, count: number): Promise<SearchInput[]> {
  const hotels = await sql<{ property_id: string; user_id: string; email: string }[]>`
    select p.id as property_id, u.id as user_id, u.email
    from public.properties p
    join public.organizations o on o.id = p.organization_id
    join auth.users u on u.email = format('staff-%s-1@bench.test', substr(o.slug, 7))
    where p.name like 'Hotel %'
    order by o.slug, p.name`;
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const hotel = hotels[Math.floor(random() * hotels.length)] as (typeof hotels)[number];
    const arrival = 1 + Math.floor(random() * 240);
    const nights = 1 + Math.floor(random() * 7);
    return {
      propertyId: hotel.property_id,
      member: { id: hotel.user_id, email: hotel.email },
      arrival: day(arrival),
      departure: day(arrival + nights),
      partySize: 1 + Math.floor(random() * 4),
    };
  });
}

const SEARCH = 'select * from public.search_availability($1, $2, $3, $4)';
const params = (input: SearchInput) => [input.propertyId, input.arrival, input.departure, input.partySize];

async function search(sql: Sql, input: SearchInput): Promise<Sample> {
  let statementMs = 0;
  let rows = 0;
  const start = process.hrtime.bigint();
  await asRequest(sql, 'authenticated', userClaims(input.member), async (tx) => {
    const begin = process.hrtime.bigint();
    rows = (await tx.unsafe(SEARCH, params(input), { prepare: true })).length;
    statementMs = elapsedMs(begin, process.hrtime.bigint());
  });
  return { input, transactionMs: elapsedMs(start, process.hrtime.bigint()), statementMs, rows };
}

/** Time spent per function during the measured searches (track_functions = 'pl'). */
async function functionTimes(
  admin: Sql,
  sql: Sql,
): Promise<Record<string, { calls: number; total_ms: number; self_ms: number }>> {
  await sql`select pg_stat_force_next_flush()`;
  await sql`select 1`;
  await new Promise((resolve) => setTimeout(resolve, 200));
  await admin`select pg_stat_clear_snapshot()`;
  const rows = await admin<{ name: string; calls: number; total_ms: number; self_ms: number }[]>`
    select schemaname || '.' || funcname as name, calls::int, round(total_time::numeric, 1)::float8 as total_ms,
      round(self_time::numeric, 1)::float8 as self_ms
    from pg_stat_user_functions order by total_time desc`;
  return Object.fromEntries(rows.map(({ name, ...times }) => [name, times]));
}

/** The stay (blocked period, priced dates) private.booking_stay computes for a search. */
const STAY_QUERY = `
with stay as (
  select tstzrange(($2::date + s.check_in_time) at time zone p.time_zone, ($3::date + s.check_out_time) at time zone p.time_zone, '[)') as blocked,
    array(select d::date from generate_series($2::date, $3::date - 1, interval '1 day') d order by 1) as dates
  from public.properties p join public.property_settings s on s.property_id = p.id where p.id = $1
)`;

/** The function's main query (its `return query`), run as its owner does (security definer: the superuser). */
const INNER = `
    with free as (
      select r.resource_type_id as type_id, array_agg(r.id order by r.name, r.id) as ids
      from public.resources r
      join public.resource_types t on t.id = r.resource_type_id
      where r.property_id = $1 and r.active and t.pricing = 'night'
        and $2::int between r.min_guests and r.max_guests
        and not exists (select 1 from public.resource_out_of_service o where o.resource_id = r.id and o.period && $3::tstzrange)
        and not exists (
          select 1 from public.bookings b
          where b.resource_id = r.id and b.blocked_period && $3::tstzrange
            and b.status in ('held', 'confirmed', 'checked_in')
            and (b.status <> 'held' or b.hold_expires_at > now())
        )
      group by r.resource_type_id
    )
    select t.id, t.name, rp.id, rp.name, f.ids, rp.currency, (q.quote ->> 'total_minor')::bigint, q.quote
    from free f
    join public.resource_types t on t.id = f.type_id
    join public.rate_plans rp on rp.resource_type_id = t.id and rp.active
      and cardinality($4::date[]) >= rp.min_stay and (rp.max_stay is null or cardinality($4::date[]) <= rp.max_stay)
    cross join lateral (select private.quote(rp, t.kind, t.pricing, $4::date[], $2::int) as quote) q
    order by 7, 2, 4`;

// One rate lookup of private.quote (once per night and rate plan), as the function runs it.
const OVERRIDE_LOOKUP = `
    select o.id, o.price_minor from public.rate_overrides o
    where o.rate_plan_id = $1 and (o.dates is null or o.dates @> $2::date)
      and (o.weekdays is null or extract(isodow from $2::date)::smallint = any (o.weekdays))
    order by o.priority desc, (o.dates is not null) desc, o.created_at, o.id
    limit 1`;

async function slowestPlans(admin: Sql, sql: Sql, input: SearchInput): Promise<Record<string, unknown>> {
  const [stay] = await admin.unsafe<{ blocked: string; dates: string }[]>(
    `${STAY_QUERY} select blocked::text, dates::text from stay`,
    [input.propertyId, input.arrival, input.departure],
  );
  if (!stay) throw new Error('booking bench: no stay for the slowest search');
  const explain = async (db: Pick<Sql, 'unsafe'>, text: string, values: unknown[]) =>
    describePlan(
      (await db.unsafe(`explain (analyze, buffers, format json) ${text}`, values as string[]))[0]?.['QUERY PLAN'],
    );
  const whole = await asRequest(sql, 'authenticated', userClaims(input.member), (tx) =>
    explain(tx, SEARCH, params(input)),
  );
  // On the search connection (a superuser session outside a request), where private.quote's
  // statements are compiled and their plans cached, as in the function's own calls.
  const inner = await explain(sql, INNER, [input.propertyId, input.partySize, stay.blocked, stay.dates]);
  const [plan] = await admin<{ id: string }[]>`
    select rp.id from public.rate_plans rp where rp.property_id = ${input.propertyId} order by rp.name, rp.id limit 1`;
  const lookup = await explain(sql, OVERRIDE_LOOKUP, [plan?.id, input.arrival]);
  return { search_availability_call: whole, main_query: inner, quote_override_lookup: lookup };
}

export async function measureSearches(
  admin: Sql,
  sql: Sql,
  inputs: readonly SearchInput[],
  warmup: number,
): Promise<{ metrics: Record<string, number>; attachment: Record<string, unknown> }> {
  for (const input of inputs.slice(0, warmup)) await search(sql, input);
  await sql`set track_functions = 'pl'`;
  await admin`select pg_stat_reset()`;
  const samples: Sample[] = [];
  for (const input of inputs.slice(warmup)) samples.push(await search(sql, input));
  const functions = await functionTimes(admin, sql);
  const slowest = samples.reduce((a, b) => (b.transactionMs > a.transactionMs ? b : a));
  const total = (name: string) => functions[name]?.total_ms ?? 0;
  const at = (field: 'transactionMs' | 'statementMs', p: number) =>
    round(
      percentile(
        samples.map((s) => s[field]),
        p,
      ),
    );
  const metrics = {
    searches: samples.length,
    search_p50_ms: at('transactionMs', 50),
    search_p95_ms: at('transactionMs', 95),
    search_p99_ms: at('transactionMs', 99),
    search_max_ms: at('transactionMs', 100),
    search_statement_p50_ms: at('statementMs', 50),
    search_statement_p95_ms: at('statementMs', 95),
    search_empty_rate: round(samples.filter((s) => s.rows === 0).length / samples.length, 3),
    search_quote_time_rate: round(total('private.quote') / total('public.search_availability'), 3),
    search_access_check_time_rate: round(total('private.can_access_property') / total('public.search_availability'), 3),
  };
  const plans = await slowestPlans(admin, sql, slowest.input);
  const attachment = {
    slowest: {
      ...slowest.input,
      member: slowest.input.member.email,
      ms: round(slowest.transactionMs),
      rows: slowest.rows,
    },
    function_times_ms: functions,
    plans,
  };
  return { metrics, attachment };
}
