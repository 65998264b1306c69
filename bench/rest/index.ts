// `npm run bench -- rest`: what the Data API costs. The same authenticated member requests — a page
// of 50 bookings with room and guest embedded, a filtered count, an insert, the availability RPC —
// through supabase-js over the gateway's /rest/v1 and as the equivalent SQL in an RLS transaction
// with the same claims (raw `postgres`), at the same concurrency, in rounds that alternate the two
// sides. Targets: REST ≥ 0.8× raw requests/s and ≤ +1 ms at p50. BENCH_QUICK=1 runs a smoke version.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import type { Database } from '../../supabase/database.types.ts';
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { signJwt } from '../../supabase/local/gateway/jwt.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { seed } from '../../supabase/local/migrate.ts';
import { createRestService } from '../../supabase/local/rest/index.ts';
import { userClaims } from '../../supabase/local/rls-request.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { BENCH_HISTORY_TODAY, loadDemoHistory } from '../../supabase/seed/history.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import { check, type Fixture, type Query, queries, type Side } from './queries.ts';

const DATABASE = 'bench_rest';
const QUICK = process.env.BENCH_QUICK === '1';
const CONCURRENCY = [1, 8];
const WARMUP_SECONDS = QUICK ? 0.2 : 1;
const ROUNDS = QUICK ? 1 : 3;
const ROUND_SECONDS = QUICK ? 0.3 : 2;
/** Connections of the raw side's pool: as many as the Data API's request pool (rest/pool.ts). */
const POOL = 10;
/** Harbour Hotels and its hotel (supabase/seed.sql); the member is its manager, Maria Manager. */
const ORGANIZATION = 'b0000000-0000-4000-8000-000000000001';
const HOTEL = 'c0000000-0000-4000-8000-000000000001';
const MEMBER = { id: 'a0000000-0000-4000-8000-000000000003', email: 'manager@demo.roost.test' };

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`rest: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

interface Sides {
  client: SupabaseClient<Database>;
  sql: Sql;
}

/** Iteration numbers per side; each phase starts both at the same, never reused, base. */
const next: Record<Side, number> = { rest: 0, raw: 0 };
let phases = 0;

function runOnce(side: Side, query: Query, sides: Sides): Promise<unknown> {
  const i = next[side]++;
  return side === 'rest' ? query.rest(sides.client, i) : query.raw(sides.sql, i);
}

/** `concurrency` loops of one side's request for `seconds`: latencies (ms) and the wall time (s). */
async function drive(
  side: Side,
  query: Query,
  sides: Sides,
  concurrency: number,
  seconds: number,
): Promise<{ samples: number[]; seconds: number }> {
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  const until = start + BigInt(Math.round(seconds * 1e9));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (process.hrtime.bigint() < until) {
        const t0 = process.hrtime.bigint();
        await runOnce(side, query, sides);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { samples, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

interface Measured {
  rps: number;
  p50: number;
  p95: number;
}

/** Warm-up on both sides, then ROUNDS rounds of each side, alternating which side goes first. */
async function measure(query: Query, sides: Sides, concurrency: number): Promise<Record<Side, Measured>> {
  phases += 1;
  next.rest = next.raw = phases * 1_000_000;
  for (const side of ['rest', 'raw'] as const) await drive(side, query, sides, concurrency, WARMUP_SECONDS);
  const all: Record<Side, { samples: number[]; seconds: number }> = {
    rest: { samples: [], seconds: 0 },
    raw: { samples: [], seconds: 0 },
  };
  for (let r = 0; r < ROUNDS; r++) {
    const order: Side[] = r % 2 === 0 ? ['rest', 'raw'] : ['raw', 'rest'];
    for (const side of order) {
      const round = await drive(side, query, sides, concurrency, ROUND_SECONDS);
      all[side].samples.push(...round.samples);
      all[side].seconds += round.seconds;
    }
  }
  const summary = (side: Side): Measured => ({
    rps: all[side].samples.length / all[side].seconds,
    p50: percentile(all[side].samples, 50),
    p95: percentile(all[side].samples, 95),
  });
  return { rest: summary('rest'), raw: summary('raw') };
}

/** Normalizes an answer for the rest/raw comparison (JSON numbers and strings alike). */
const normal = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v));

/**
 * Both sides must give the member the same, non-empty answer before a query is timed. Checked
 * just before its own phase: the count's HEAD request must not come before the POSTs (queries.ts).
 */
async function checkSameAnswer(query: Query, sides: Sides): Promise<void> {
  if (query.name === 'insert') return;
  const rest = (await query.rest(sides.client, 0)) as unknown;
  const raw = (await query.raw(sides.sql, 0)) as unknown;
  let restView: unknown = rest;
  let rawView: unknown = raw;
  if (query.name === 'page50' || query.name === 'rpc') {
    const rows = (value: unknown) =>
      (value as Record<string, unknown>[]).map((row) =>
        query.name === 'page50'
          ? { id: row.id, resources: row.resources, guests: row.guests, total_minor: String(row.total_minor) }
          : { type: row.resource_type_id, plan: row.rate_plan_id, total_minor: String(row.total_minor) },
      );
    restView = rows(rest);
    rawView = rows(raw);
    if ((restView as unknown[]).length === 0) throw new Error(`rest bench: ${query.name} found no rows`);
  } else if (!(Number(rest) > 0)) {
    throw new Error(`rest bench: ${query.name} counted ${String(rest)}`);
  }
  if (normal(restView) !== normal(rawView)) {
    throw new Error(
      `rest bench: ${query.name} differs between REST and raw SQL:\n${normal(restView).slice(0, 400)}\n${normal(rawView).slice(0, 400)}`,
    );
  }
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-rest-'));
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  const admin = connectAdmin(cluster, DATABASE, 2);
  // The Data API's schema cache and reload listener (its requests use a pool of their own).
  const restSql = connectAdmin(cluster, DATABASE, 2);
  const rawSql = connectAdmin(cluster, DATABASE, POOL);
  try {
    log(`seeding the demo data and its generated history, anchored at ${BENCH_HISTORY_TODAY}`);
    await seed(admin, undefined, (tx) => loadDemoHistory(tx, { today: BENCH_HISTORY_TODAY }));
    await admin.unsafe('vacuum (analyze)');
    const [dataset] = await admin<{ bookings: string; guests: string; today: string }[]>`
      select (select count(*) from public.bookings where property_id = ${HOTEL}) as bookings,
        (select count(*) from public.guests where organization_id = ${ORGANIZATION}) as guests,
        (now() at time zone 'Europe/Lisbon')::date::text as today`;
    if (!dataset) throw new Error('rest bench: no dataset');
    log(`${dataset.bookings} hotel bookings, ${dataset.guests} guests`);

    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const rest = createRestService({ sql: restSql, dbUrl: connectionUrl(cluster, DATABASE), config, apiUrl });
    await rest.cache();
    const gateway = await startGateway({ port, keys, config, services: { rest: rest.service } });
    // The floor of any REST request: the same client, gateway and token check, a service that answers `[]` at once.
    const floorGateway = await startGateway({
      port: await freePort(),
      keys,
      config,
      services: {
        rest: {
          async handle(_context, res) {
            res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Range': '0-0/*' });
            res.end('[]');
          },
        },
      },
    });
    try {
      const claims = userClaims(MEMBER, { session_id: randomUUID() });
      const token = await signJwt(keys, claims);
      const clientOf = (url: string) =>
        createClient<Database>(url, keys.publishable_key, {
          auth: { persistSession: false, autoRefreshToken: false },
          global: { headers: { Authorization: `Bearer ${token}` } },
        });
      const client = clientOf(gateway.url);
      const sides: Sides = { client, sql: rawSql };
      const fixture: Fixture = {
        organizationId: ORGANIZATION,
        propertyId: HOTEL,
        anchor: BENCH_HISTORY_TODAY,
        today: dataset.today,
        claims,
        runId: randomUUID().slice(0, 8),
      };
      const list = queries(fixture);

      const metrics: Record<string, number> = {
        bookings: Number(dataset.bookings),
        guests: Number(dataset.guests),
        rounds: ROUNDS,
        round_s: ROUND_SECONDS,
        pool_connections: POOL,
      };
      const ratios: Record<string, number> = {};
      const floorClient = clientOf(floorGateway.url);
      const floor: Query = {
        name: 'page50',
        rest: async () => check(await floorClient.from('bookings').select('id').eq('property_id', HOTEL)),
        raw: async () => null,
      };
      for (const c of CONCURRENCY) {
        await drive('rest', floor, sides, c, WARMUP_SECONDS);
        const { samples, seconds } = await drive('rest', floor, sides, c, ROUND_SECONDS);
        metrics[`http_floor_c${c}_rps`] = round(samples.length / seconds, 1);
        metrics[`http_floor_c${c}_p50_ms`] = round(percentile(samples, 50));
        metrics[`http_floor_c${c}_p95_ms`] = round(percentile(samples, 95));
        log(`http floor c${c}: ${metrics[`http_floor_c${c}_rps`]}/s p50 ${metrics[`http_floor_c${c}_p50_ms`]} ms`);
      }
      for (const query of list) {
        await checkSameAnswer(query, sides);
        for (const c of CONCURRENCY) {
          const m = await measure(query, sides, c);
          const key = `${query.name}_c${c}`;
          for (const side of ['rest', 'raw'] as const) {
            metrics[`${key}_${side}_rps`] = round(m[side].rps, 1);
            metrics[`${key}_${side}_p50_ms`] = round(m[side].p50);
            metrics[`${key}_${side}_p95_ms`] = round(m[side].p95);
          }
          metrics[`${key}_rest_minus_raw_p50_ms`] = round(m.rest.p50 - m.raw.p50);
          ratios[`${key}_rest_vs_raw_rps`] = round(m.rest.rps / m.raw.rps);
          ratios[`${key}_rest_vs_raw_p50`] = round(m.rest.p50 / m.raw.p50);
          log(
            `${key}: rest ${round(m.rest.rps, 1)}/s p50 ${round(m.rest.p50, 2)} p95 ${round(m.rest.p95, 2)} ms | ` +
              `raw ${round(m.raw.rps, 1)}/s p50 ${round(m.raw.p50, 2)} p95 ${round(m.raw.p95, 2)} ms`,
          );
        }
      }
      metrics.quick = QUICK ? 1 : 0;
      metrics.total_s = round((Date.now() - begun) / 1000, 1);
      return { metrics, ratios };
    } finally {
      await floorGateway.close();
      await gateway.close();
      await rest.close();
    }
  } finally {
    await Promise.all([admin.end(), restSql.end(), rawSql.end()]);
    destroyCluster(cluster);
    rmSync(work, { recursive: true, force: true });
  }
}
