// `npm run bench -- housekeeping` (issue 19): (a) generate_housekeeping_tasks for a 200-room hotel
// with today's departures, stay-overs and arrivals and 10 attendants on shift, as a manager in an
// RLS transaction (rolled back, so every sample starts from the same day), vs a plain insert of the
// same number of task rows; and the idempotent second call. (b) Status change to grid: a manager's
// set_room_status through supabase-js until the front desk's grid (Chromium, production build,
// the demo hotel) shows the room's new badge, vs the RPC's own round trip. Timings are reported,
// never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Browser, Page } from 'playwright-core';
import type { Sql } from 'postgres';
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { DEMO_PASSWORD } from '../../supabase/local/demo.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { seed } from '../../supabase/local/migrate.ts';
import { startPlatformServices } from '../../supabase/local/platform-services.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { buildWebApp, startWebProcess } from '../../supabase/local/web-process.ts';
import { loadDemoHistory } from '../../supabase/seed/history.ts';
import { launchChromium } from '../../web/e2e/support/browser.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import { clockOffset, nodeClock, sessionCookies, staffContext } from '../staff/screens.ts';

const DATABASE = 'bench_housekeeping';
const QUICK = process.env.BENCH_QUICK === '1';
const GENERATIONS = QUICK ? 5 : 20;
const STATUS_SAMPLES = QUICK ? 5 : 30;
const ROOMS = 200;
const ATTENDANTS = 10;
const ORGANIZATION = 'b0000000-0000-4000-8000-000000000001';
const SLUG = 'harbour-hotels';
const HOTEL = 'c0000000-0000-4000-8000-000000000001';
const MANAGER_ID = 'a0000000-0000-4000-8000-000000000003';

const begun = Date.now();
const log = (line: string) =>
  process.stderr.write(`housekeeping: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);

/** A 200-room hotel of Harbour Hotels: about 35 % departures today, 35 % stay-overs, 15 % arrivals. */
async function createTower(admin: Sql): Promise<{ tower: string; attendants: string[] }> {
  return admin.begin(async (tx) => {
    const [property] = await tx<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${ORGANIZATION}, 'Bench Tower', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    const tower = (property as { id: string }).id;
    const types = await tx<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      select ${ORGANIZATION}, ${tower}, 'room', t, 'night' from unnest(array['Standard', 'Superior', 'Deluxe', 'Suite']) t
      returning id`;
    await tx`
      insert into public.housekeeping_room_types (organization_id, property_id, resource_type_id, credits)
      select ${ORGANIZATION}, ${tower}, id, 1 + row_number() over (order by id) * 0.5 from public.resource_types
      where property_id = ${tower}`;
    await tx`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      select ${ORGANIZATION}, ${tower}, (${types.map((t) => t.id)}::uuid[])[1 + (n - 1) * 4 / ${ROOMS}::int],
        (100 * (1 + (n - 1) / 25) + 1 + (n - 1) % 25)::text, 2
      from generate_series(1, ${ROOMS}::int) n`;
    // Room n: n % 20 < 7 leaves today, < 14 stays over, < 17 arrives today, else free.
    await tx`
      insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, total_minor, price_breakdown, checked_in_at)
      select ${ORGANIZATION}, ${tower}, r.id, s.status::public.booking_status, s.period, s.period, s.arrival, s.departure, 2,
        20000, '{}', case when s.status = 'checked_in' then now() end
      from (select r.id, row_number() over (order by r.name) as n from public.resources r where r.property_id = ${tower}) r
      cross join lateral (select (now() at time zone 'Europe/Lisbon')::date as today) d
      cross join lateral (
        select case when r.n % 20 < 14 then 'checked_in' else 'confirmed' end as status,
          case when r.n % 20 < 7 then d.today - 2 when r.n % 20 < 14 then d.today - 1 else d.today end as arrival,
          case when r.n % 20 < 7 then d.today when r.n % 20 < 14 then d.today + 2 else d.today + 3 end as departure
      ) b
      cross join lateral (
        select b.status, b.arrival, b.departure,
          tstzrange((b.arrival + time '15:00') at time zone 'Europe/Lisbon', (b.departure + time '11:00') at time zone 'Europe/Lisbon') as period
      ) s
      where r.n % 20 < 17`;
    const attendants = await tx<{ id: string }[]>`
      insert into auth.users (instance_id, id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
      select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
        format('bench-attendant-%s@bench.roost.test', n), '{}', jsonb_build_object('display_name', format('Attendant %s', n)), now(), now()
      from generate_series(1, ${ATTENDANTS}::int) n
      returning id`;
    for (const { id } of attendants) {
      await tx`insert into public.memberships (organization_id, user_id, role) values (${ORGANIZATION}, ${id}, 'staff')`;
    }
    return { tower, attendants: attendants.map((row) => row.id) };
  });
}

class Rollback extends Error {}

/** Runs `fn` as the demo manager in an RLS transaction (as PostgREST would) and rolls it back. */
async function asManager<T>(admin: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await admin
    .begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: MANAGER_ID, role: 'authenticated' })}, true)`;
      await tx`set local role authenticated`;
      result = await fn(tx as unknown as Sql);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result as T;
}

async function measureGeneration(admin: Sql, metrics: Record<string, number>, ratios: Record<string, number>) {
  const { tower, attendants } = await createTower(admin);
  const generate: number[] = [];
  const again: number[] = [];
  const plain: number[] = [];
  let tasks = 0;
  for (let i = 0; i < GENERATIONS; i++) {
    await asManager(admin, async (tx) => {
      const start = performance.now();
      const rows = await tx`
        select id from public.generate_housekeeping_tasks(${tower}, (now() at time zone 'Europe/Lisbon')::date, ${attendants}::uuid[])`;
      generate.push(performance.now() - start);
      tasks = rows.length;
      const second = performance.now();
      await tx`select id from public.generate_housekeeping_tasks(${tower}, (now() at time zone 'Europe/Lisbon')::date, null)`;
      again.push(performance.now() - second);
    });
    // Baseline: the same number of task rows inserted by the superuser, no rules, no balancing.
    await admin
      .begin(async (tx) => {
        const start = performance.now();
        await tx`
          insert into public.housekeeping_tasks (organization_id, property_id, resource_id, day, kind, credits, assignee_id)
          select ${ORGANIZATION}, ${tower}, r.id, (now() at time zone 'Europe/Lisbon')::date, 'departure', 1,
            (${attendants}::uuid[])[1 + (row_number() over (order by r.name))::int % ${ATTENDANTS}::int]
          from public.resources r where r.property_id = ${tower} order by r.name limit ${tasks || 170}`;
        plain.push(performance.now() - start);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }
  metrics.generation_rooms = ROOMS;
  metrics.generation_tasks = tasks;
  metrics.generation_attendants = ATTENDANTS;
  metrics.generate_200_rooms_p50_ms = round(percentile(generate, 50), 1);
  metrics.generate_200_rooms_p95_ms = round(percentile(generate, 95), 1);
  metrics.generate_200_rooms_max_ms = round(Math.max(...generate), 1);
  metrics.regenerate_idempotent_p50_ms = round(percentile(again, 50), 1);
  metrics.plain_insert_tasks_p50_ms = round(percentile(plain, 50), 1);
  ratios.generate_vs_plain_insert_p50 = round(percentile(generate, 50) / percentile(plain, 50), 2);
  ratios.regenerate_vs_generate_p50 = round(percentile(again, 50) / percentile(generate, 50), 2);
}

/** Resolves with the page clock at the first frame where room `name`'s header shows `status`. */
function gridShows(page: Page, name: string, status: string): Promise<number> {
  return page.evaluate(
    ([room, wanted]) =>
      new Promise<number>((resolve, reject) => {
        const doc = (
          globalThis as unknown as {
            document: { querySelector(s: string): { getAttribute(a: string): string | null } | null };
          }
        ).document;
        const shown = () =>
          doc.querySelector(`[role="rowheader"][aria-label="${room}"]`)?.getAttribute('data-room-status') === wanted;
        const started = performance.now();
        const frame = () => {
          if (shown()) resolve(performance.timeOrigin + performance.now());
          else if (performance.now() - started > 15_000) reject(new Error(`room ${room} never showed ${wanted}`));
          else (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(frame);
        };
        frame();
      }),
    [name, status] as const,
  );
}

async function measureStatusToGrid(
  admin: Sql,
  page: Page,
  manager: SupabaseClient,
  metrics: Record<string, number>,
  ratios: Record<string, number>,
) {
  const { offset, uncertainty } = await clockOffset(page);
  const rooms = await admin<{ id: string; name: string; status: string }[]>`
    select r.id, r.name, s.status::text from public.resources r join public.room_statuses s on s.resource_id = r.id
    where r.property_id = ${HOTEL} and s.status in ('clean', 'dirty') order by r.name limit 8`;
  const latencies: number[] = [];
  const rpc: number[] = [];
  let missed = 0;
  for (let i = 0; i < STATUS_SAMPLES; i++) {
    const room = rooms[i % rooms.length];
    if (!room) break;
    const next = room.status === 'clean' ? 'dirty' : 'clean';
    const seen = gridShows(page, room.name, next);
    const start = nodeClock();
    const { error } = await manager.rpc('set_room_status', { p_resource_id: room.id, p_status: next });
    rpc.push(nodeClock() - start);
    if (error) throw new Error(`housekeeping bench: set_room_status ${error.message}`);
    room.status = next;
    try {
      latencies.push((await seen) - offset - start);
    } catch {
      missed += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  metrics.status_to_grid_samples = latencies.length;
  metrics.status_to_grid_missed = missed;
  metrics.status_to_grid_p50_ms = round(percentile(latencies, 50), 1);
  metrics.status_to_grid_p95_ms = round(percentile(latencies, 95), 1);
  metrics.status_rpc_p50_ms = round(percentile(rpc, 50), 1);
  metrics.clock_uncertainty_ms = round(uncertainty, 2);
  ratios.status_to_grid_vs_rpc_p50 = round(percentile(latencies, 50) / percentile(rpc, 50), 2);
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-housekeeping-'));
  log(`building the web app into web/${process.env.ROOST_WEB_BUILD_DIR ?? 'build'}`);
  buildWebApp();
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  const setup = connectAdmin(cluster, DATABASE, 1);
  await setup.unsafe(`alter database ${DATABASE} set synchronous_commit = on`);
  await setup.end();
  const admin = connectAdmin(cluster, DATABASE, 4);
  const metrics: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  let browser: Browser | undefined;
  try {
    log('seeding the demo with today’s history and housekeeping board');
    await seed(admin, undefined, (tx) => loadDemoHistory(tx));
    const [demo] = await admin<{ tasks: number }[]>`
      select count(*)::int as tasks from public.housekeeping_tasks where property_id = ${HOTEL}`;
    metrics.demo_tasks_today = demo?.tasks ?? 0;
    log('(a) task generation for 200 rooms');
    await measureGeneration(admin, metrics, ratios);

    log('(b) status change to grid');
    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const dbUrl = connectionUrl(cluster, DATABASE);
    const services = await startPlatformServices({ sql: admin, dbUrl, keys, config, dataDir: work, apiUrl });
    const gateway = await startGateway({ port, keys, config, services: services.services });
    const server = startWebProcess({
      project: {
        SUPABASE_URL: gateway.url,
        SUPABASE_PUBLISHABLE_KEY: keys.publishable_key,
        SUPABASE_SECRET_KEY: keys.secret_key,
        SUPABASE_DB_URL: dbUrl,
      },
      port: await freePort(),
      mode: 'production',
      logFile: join(work, 'web.log'),
      onEvent: (line) => log(line),
    });
    try {
      await server.ready();
      const cookies = await sessionCookies(server.url, 'frontdesk@demo.roost.test', DEMO_PASSWORD);
      const signer = createClient(gateway.url, keys.publishable_key, { auth: { persistSession: false } });
      const session = await signer.auth.signInWithPassword({
        email: 'manager@demo.roost.test',
        password: DEMO_PASSWORD,
      });
      if (session.error) throw new Error(`housekeeping bench: ${session.error.message}`);
      const token = session.data.session.access_token;
      const manager = createClient(gateway.url, keys.publishable_key, { accessToken: async () => token });
      browser = await launchChromium();
      const context = await staffContext(browser, server.url, cookies);
      const page = await context.newPage();
      await page.goto(`${server.url}/o/${SLUG}/p/${HOTEL}/grid`, { waitUntil: 'load', timeout: 120_000 });
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 120_000 });
      metrics.load_avg_1m_start = round(loadavg()[0] ?? 0, 2);
      await measureStatusToGrid(admin, page, manager, metrics, ratios);
    } finally {
      await browser?.close();
      await server.stop();
      await gateway.close();
      await services.close?.();
    }
  } finally {
    await admin.end();
    destroyCluster(cluster);
    rmSync(work, { recursive: true, force: true });
  }
  return { metrics, ratios };
}
