// The booking scenarios (random rooms and dates; one hot room and the same dates) and the four
// sides each one is run on: the RPC, then the very rows it wrote (or was refused for) inserted
// as the superuser into public.bookings (another property), into a copy with only the
// exclusion constraint, and into a bare copy.
import type { Sql } from 'postgres';
import { percentile, round, seededRandom } from '../rls/stats.ts';
import {
  type Attempt,
  drive,
  insertAttempt,
  ROW_COLUMNS,
  type RowValues,
  rpcAttempt,
  type SideRun,
  type Staff,
} from './clients.ts';
import { BOOKING_PROPERTIES } from './dataset.ts';

export const SCENARIOS = ['random', 'hot'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const SIDES = ['rpc', 'insert', 'copy_constrained', 'copy_plain'] as const;
export type Side = (typeof SIDES)[number];

const ATTEMPTS_PER_CLIENT: Record<Scenario, number> = { random: 120, hot: 100 };
const CAP_MS = 10_000;

export interface Rooms {
  /** Rooms of the RPC's property and their twins (same name) in the superuser's property. */
  rpc: string[];
  insert: string[];
  maxGuests: number[];
  /** The Standard plan of each RPC room's type (create_booking would pick the cheaper Saver, 3+ nights). */
  ratePlans: string[];
}

export async function bookingRooms(sql: Sql): Promise<Rooms> {
  const rows = await sql<{ rpc_id: string; insert_id: string; max_guests: number; plan_id: string }[]>`
    select a.id as rpc_id, b.id as insert_id, a.max_guests, rp.id as plan_id
    from public.resources a
    join public.rate_plans rp on rp.resource_type_id = a.resource_type_id and rp.name = 'Standard'
    join public.properties pa on pa.id = a.property_id and pa.name = ${BOOKING_PROPERTIES.rpc}
    join public.properties pb on pb.organization_id = pa.organization_id and pb.name = ${BOOKING_PROPERTIES.insert}
    join public.resources b on b.property_id = pb.id and b.name = a.name
    order by a.name`;
  return {
    rpc: rows.map((r) => r.rpc_id),
    insert: rows.map((r) => r.insert_id),
    maxGuests: rows.map((r) => r.max_guests),
    ratePlans: rows.map((r) => r.plan_id),
  };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Random: any room but the hot one (room 0), arrival 1–358 days ahead, 1–3 nights, 1–2 guests. */
export function attemptsOf(scenario: Scenario, rooms: Rooms, clients: number, seed: number): Attempt[][] {
  const random = seededRandom(seed);
  return Array.from({ length: clients }, () =>
    Array.from({ length: ATTEMPTS_PER_CLIENT[scenario] }, (_, k) => {
      if (scenario === 'hot') return { resource: 0, arrival: day(1 + k), departure: day(2 + k), partySize: 1 };
      const resource = 1 + Math.floor(random() * (rooms.rpc.length - 1));
      const arrival = 1 + Math.floor(random() * 358);
      const nights = 1 + Math.floor(random() * 3);
      const partySize = 1 + Math.floor(random() * Math.min(2, rooms.maxGuests[resource] ?? 1));
      return { resource, arrival: day(arrival), departure: day(arrival + nights), partySize };
    }),
  );
}

/** The copies: no RLS, triggers, foreign keys or indexes; one adds back only the exclusion constraint. */
export async function createCopies(sql: Sql): Promise<void> {
  await sql.unsafe('create table public.bench_bookings_plain (like public.bookings including defaults)');
  await sql.unsafe('create table public.bench_bookings_constrained (like public.bookings including defaults)');
  await sql.unsafe(`alter table public.bench_bookings_constrained add constraint bench_bookings_constrained_no_overlap
    exclude using gist (resource_id with =, blocked_period with &&) where (status in ('held', 'confirmed', 'checked_in'))`);
}

export const TABLES: Record<Exclude<Side, 'rpc'>, string> = {
  insert: 'public.bookings',
  copy_constrained: 'public.bench_bookings_constrained',
  copy_plain: 'public.bench_bookings_plain',
};

/**
 * For every attempt the RPC made, the active booking on its room overlapping its dates: the row
 * it wrote, or the row that refused it. `twin` moves the row to the superuser's property.
 */
async function rowsOfAttempts(sql: Sql, rooms: Rooms, made: Attempt[][], twin: boolean): Promise<RowValues[][]> {
  const flat = made.flatMap((list, client) => list.map((attempt, index) => ({ client, index, attempt })));
  const select = ROW_COLUMNS.map(
    ([name]) => `${twin && name in TWINNED ? TWINNED[name] : `b.${name}`}::text as ${name}`,
  );
  const rows = await sql.unsafe<Record<string, string | null>[]>(
    `select a.k, ${select.join(', ')}
     from unnest($1::uuid[], $2::date[], $3::date[], $4::int[]) a(resource_id, arrival, departure, k)
     join lateral (select * from public.bookings b where b.resource_id = a.resource_id
       and b.arrival_date < a.departure and b.departure_date > a.arrival
       and b.status in ('held', 'confirmed', 'checked_in') limit 1) b on true
     join public.resources ra on ra.id = b.resource_id
     join public.properties pb on pb.organization_id = b.organization_id and pb.name = $5
     join public.resources rb on rb.property_id = pb.id and rb.name = ra.name
     join public.rate_plans rpb on rpb.resource_type_id = rb.resource_type_id
       and rpb.name = (select rp.name from public.rate_plans rp where rp.id = b.rate_plan_id)`,
    [
      flat.map((f) => rooms.rpc[f.attempt.resource] as string),
      flat.map((f) => f.attempt.arrival),
      flat.map((f) => f.attempt.departure),
      flat.map((_, k) => k),
      BOOKING_PROPERTIES.insert,
    ],
  );
  if (rows.length !== flat.length) throw new Error(`booking bench: ${flat.length - rows.length} attempts have no row`);
  const byKey = new Map(rows.map((row) => [Number(row.k), ROW_COLUMNS.map(([name]) => row[name] ?? null)]));
  const result: RowValues[][] = made.map(() => []);
  flat.forEach((f, k) => {
    result[f.client]?.push(byKey.get(k) as RowValues);
  });
  return result;
}

const TWINNED: Record<string, string> = { property_id: 'pb.id', resource_id: 'rb.id', rate_plan_id: 'rpb.id' };

export type ScenarioRuns = Record<Side, SideRun>;

export async function runScenario(
  admin: Sql,
  clients: readonly Sql[],
  staff: readonly Staff[],
  rooms: Rooms,
  scenario: Scenario,
  attempts: Attempt[][],
): Promise<ScenarioRuns> {
  const rpc = await drive(
    clients,
    (c) => attempts[c]?.length ?? 0,
    rpcAttempt(staff, rooms, (c) => attempts[c] as Attempt[]),
    CAP_MS,
  );
  const made = attempts.map((list, c) => list.slice(0, rpc.attemptsPerClient[c]));
  const own = await rowsOfAttempts(admin, rooms, made, false);
  const twinned = await rowsOfAttempts(admin, rooms, made, true);
  const count = (c: number) => made[c]?.length ?? 0;
  const runs = { rpc } as ScenarioRuns;
  runs.insert = await drive(
    clients,
    count,
    insertAttempt(TABLES.insert, (c) => twinned[c] ?? []),
    CAP_MS,
  );
  // In `random` the copies take about a second per pass: several passes, each on emptied
  // copies, in alternating order, summed, so that the constraint-alone ratio is not one
  // second's noise.
  const copies = ['copy_constrained', 'copy_plain'] as const;
  for (let pass = 0; pass < COPY_PASSES[scenario]; pass++) {
    await admin.unsafe(`truncate ${TABLES.copy_constrained}, ${TABLES.copy_plain}`);
    for (const side of pass % 2 === 0 ? copies : [...copies].reverse()) {
      const run = await drive(
        clients,
        count,
        insertAttempt(TABLES[side], (c) => own[c] ?? []),
        CAP_MS,
      );
      runs[side] = runs[side] ? combine(runs[side], run) : run;
    }
  }
  return runs;
}

/** In `hot` the copies' time is mostly lock and deadlock waits, long enough in one pass. */
const COPY_PASSES: Record<Scenario, number> = { random: 4, hot: 1 };

function combine(a: SideRun, b: SideRun): SideRun {
  return {
    elapsedMs: a.elapsedMs + b.elapsedMs,
    latenciesMs: [...a.latenciesMs, ...b.latenciesMs],
    booked: a.booked + b.booked,
    conflicts: a.conflicts + b.conflicts,
    deadlocks: a.deadlocks + b.deadlocks,
    attemptsPerClient: a.attemptsPerClient.map((n, c) => n + (b.attemptsPerClient[c] ?? 0)),
  };
}

/** Metrics of one scenario and its ratios against the bare copy. */
export function summarize(
  scenario: Scenario,
  runs: ScenarioRuns,
  metrics: Record<string, number>,
  ratios: Record<string, number>,
) {
  const perSecond = (count: number, run: SideRun) => count / (run.elapsedMs / 1000);
  for (const side of SIDES) {
    const run = runs[side];
    const attempts = run.booked + run.conflicts + run.deadlocks;
    const key = `${scenario}_${side}`;
    metrics[`${key}_attempts`] = attempts;
    metrics[`${key}_bookings_per_s`] = round(perSecond(run.booked, run), 1);
    metrics[`${key}_attempts_per_s`] = round(perSecond(attempts, run), 1);
    metrics[`${key}_conflict_rate`] = round(run.conflicts / attempts, 4);
    metrics[`${key}_deadlock_rate`] = round(run.deadlocks / attempts, 4);
    metrics[`${key}_p50_ms`] = round(percentile(run.latenciesMs, 50));
    metrics[`${key}_p95_ms`] = round(percentile(run.latenciesMs, 95));
  }
  for (const side of ['rpc', 'insert', 'copy_constrained'] as const) {
    for (const unit of ['bookings_per_s', 'attempts_per_s']) {
      const baseline = metrics[`${scenario}_copy_plain_${unit}`] as number;
      ratios[`${scenario}_${side}_vs_copy_plain_${unit}`] = round(
        (metrics[`${scenario}_${side}_${unit}`] as number) / baseline,
      );
    }
    ratios[`${scenario}_${side}_vs_copy_plain_p95`] = round(
      (metrics[`${scenario}_${side}_p95_ms`] as number) / (metrics[`${scenario}_copy_plain_p95_ms`] as number),
    );
  }
}

/** Rows of a table that repeat another row's room and period: the double bookings a bare copy lets in. */
export async function doubleBookings(sql: Sql, table: string): Promise<number> {
  const [row] = await sql.unsafe<{ n: number }[]>(
    `select (count(*) - count(distinct (resource_id, blocked_period)))::int as n from ${table}
     where status in ('held', 'confirmed', 'checked_in')`,
  );
  return row?.n ?? 0;
}
