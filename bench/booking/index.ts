// `npm run bench -- booking`: what bookings cost. 32 concurrent staff clients book through
// `public.create_booking` on random rooms and dates, then all on one hot room and the same
// dates; the same rows are then inserted as the superuser into public.bookings, into a copy
// with only the exclusion constraint and into a bare copy (the baselines). Before that,
// `public.search_availability` on 100 hotels × 200 rooms × one year of bookings (p95 target
// < 20 ms), with the plans of the slowest search in bench/results/booking.plans.json.
import type { Sql } from 'postgres';
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { connectAdmin, quoteIdent } from '../../supabase/local/database.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import { type Attempt, drive, rpcAttempt, type Staff } from './clients.ts';
import { loadDataset, SCALE } from './dataset.ts';
import {
  attemptsOf,
  bookingRooms,
  createCopies,
  doubleBookings,
  type Rooms,
  runScenario,
  SCENARIOS,
  summarize,
  TABLES,
} from './scenarios.ts';
import { measureSearches, pickSearches } from './search.ts';

const DATABASE = 'bench';
const SEED = 20261122;
const CLIENTS = 32;
const SEARCH_WARMUP = 50;
const SEARCHES = 500;

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`booking: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

async function createBenchDatabase(cluster: Parameters<typeof connectAdmin>[0]): Promise<void> {
  const maintenance = connectAdmin(cluster, 'template1', 1);
  try {
    await maintenance.unsafe(`create database ${quoteIdent(DATABASE)} template ${quoteIdent(TEMPLATE_DATABASE)}`);
  } finally {
    await maintenance.end();
  }
}

/** The staff members of organization 1 (where the booking properties are), one per client. */
async function bookingStaff(sql: Sql): Promise<Staff[]> {
  const rows = await sql<Staff[]>`
    select u.id, u.email from auth.users u
    where u.email = any(${Array.from({ length: CLIENTS }, (_, k) => `staff-1-${k + 1}@bench.test`)})
    order by substring(u.email from 'staff-1-(\\d+)@')::int`;
  if (rows.length !== CLIENTS) throw new Error(`booking bench: ${rows.length} staff members, expected ${CLIENTS}`);
  return rows;
}

/** Each client's first calls compile the RPC and its helpers: a few bookings far ahead, not measured. */
async function warmUp(clients: readonly Sql[], staff: readonly Staff[], rooms: Rooms): Promise<void> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const attempts = (client: number): Attempt[] =>
    [362, 363, 364].map((offset) => ({
      resource: 1 + client,
      arrival: day(offset),
      departure: day(offset + 1),
      partySize: 1,
    }));
  await drive(clients, () => 3, rpcAttempt(staff, rooms, attempts), 60_000);
}

export async function run(): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  try {
    await createBenchDatabase(cluster);
    const admin = connectAdmin(cluster, DATABASE, 2);
    const searcher = connectAdmin(cluster, DATABASE, 1);
    const clients = Array.from({ length: CLIENTS }, () => connectAdmin(cluster, DATABASE, 1));
    try {
      const load = await loadDataset(admin, log);
      await admin`checkpoint`;
      const metrics: Record<string, number> = {
        organizations: SCALE.organizations,
        properties: SCALE.organizations * SCALE.propertiesPerOrganization,
        resources: SCALE.organizations * SCALE.propertiesPerOrganization * SCALE.resourcesPerProperty,
        clients: CLIENTS,
        ...load,
      };
      const ratios: Record<string, number> = {};

      log(`${SEARCH_WARMUP} warm-up + ${SEARCHES} availability searches`);
      const searches = await measureSearches(
        admin,
        searcher,
        await pickSearches(admin, SEED, SEARCH_WARMUP + SEARCHES),
        SEARCH_WARMUP,
      );
      Object.assign(metrics, searches.metrics);

      const staff = await bookingStaff(admin);
      const rooms = await bookingRooms(admin);
      await createCopies(admin);
      await warmUp(clients, staff, rooms);
      for (const [k, scenario] of SCENARIOS.entries()) {
        log(`${scenario}: ${CLIENTS} clients, create_booking, then the same rows by insert into bookings and copies`);
        const runs = await runScenario(
          admin,
          clients,
          staff,
          rooms,
          scenario,
          attemptsOf(scenario, rooms, CLIENTS, SEED + k),
        );
        summarize(scenario, runs, metrics, ratios);
        // What the copies hold after the scenario's last pass.
        metrics[`${scenario}_copy_constrained_double_booked`] = await doubleBookings(admin, TABLES.copy_constrained);
        metrics[`${scenario}_copy_plain_double_booked`] = await doubleBookings(admin, TABLES.copy_plain);
      }
      ratios.rpc_hot_vs_random_attempts_per_s = round(
        (metrics.hot_rpc_attempts_per_s as number) / (metrics.random_rpc_attempts_per_s as number),
      );
      metrics.bookings_double_booked = await doubleBookings(admin, 'public.bookings');
      metrics.total_s = round(Number(process.hrtime.bigint() - started) / 1e9, 1);
      return { metrics, ratios, attachments: { plans: searches.attachment } };
    } finally {
      await Promise.all([admin.end(), searcher.end(), ...clients.map((sql) => sql.end())]);
    }
  } finally {
    destroyCluster(cluster);
  }
}
