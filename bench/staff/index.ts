// `npm run bench -- staff`: the staff screens in Chromium against the production build, on the
// demo data plus a 200-room hotel, both hotels with a generated year of stays around today.
// (a) commit-to-screen: a booking committed by the front desk's own supabase-js client until its
//     bar is painted on the grid, and a table order until the floor's tile and the kitchen's
//     ticket are painted, with one screen (baseline) and with 20 screens open on the property;
// (b) the grid at 200 rooms × 31 days (baseline: the demo hotel's 40 rooms, same generator): navigation to
//     painted rows, and the frame rate while scrolled;
// (c) a tap on the POS's Send until the kitchen display paints the ticket;
// (d) JavaScript per staff screen, gzip.
// Timings are reported, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Browser } from 'playwright-core';
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { DEMO_PASSWORD } from '../../supabase/local/demo.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { startPlatformServices } from '../../supabase/local/platform-services.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { buildWebApp, startWebProcess } from '../../supabase/local/web-process.ts';
import { launchChromium } from '../../web/e2e/support/browser.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import {
  FRONT_DESK,
  HOTEL,
  KITCHEN_ITEM,
  KITCHEN_STATION,
  loadFixture,
  MANAGER,
  ORGANIZATION,
  RESTAURANT,
  SLUG,
} from './fixture.ts';
import { type GridLoad, type GridScroll, loadGrid, scrollGrid } from './grid-render.ts';
import { loadedJavaScript, type Manifest, manifestJavaScript } from './javascript.ts';
import { bookingToGrid, type Cell, orderToFloor, posToKitchen, type Series } from './latency.ts';
import {
  closeScreens,
  idleMutationRates,
  mutationCounts,
  mutationsPerSample,
  openScreen,
  openScreenInWindow,
  type Screen,
  sessionCookies,
  staffContext,
} from './screens.ts';

const DATABASE = 'bench_staff';
const QUICK = process.env.BENCH_QUICK === '1';
/** Samples of each commit-to-screen series with every screen open (the issue asks for ≥ 30)… */
const SAMPLES = QUICK ? 5 : 30;
/** …of the few-screen baselines, and of the POS taps (each tap drives the POS page's UI). */
const BASELINE_SAMPLES = QUICK ? 5 : 15;
const POS_SAMPLES = QUICK ? 5 : 20;
/** Screens open on the property in the loaded phases (BENCH_STAFF_SCREENS lowers it on a small machine). */
const SCREENS = Number(process.env.BENCH_STAFF_SCREENS ?? (QUICK ? 5 : 20));
/** Screens opened at once (each in a window of its own). */
const OPENING_AT_ONCE = 4;
const GRID_LOADS = QUICK ? 2 : 4;
const SCROLL_MS = QUICK ? 1000 : 2500;
const SCROLL_PX_PER_FRAME = 24;
/** How long the open screens are watched for DOM changes while nothing happens. */
const IDLE_MS = QUICK ? 1000 : 3000;
const STAFF_SCREENS = [
  'today',
  'grid',
  'bookings.$booking',
  'bookings.new',
  'check-in.$booking',
  'folios.$folio',
  'floor',
  'pos',
  'kitchen',
];

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`staff: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

/** A supabase-js client as `email` (its access token handed over as is), like a second device. */
async function clientAs(url: string, key: string, email: string): Promise<SupabaseClient> {
  const signer = createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false } });
  const session = await signer.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
  if (session.error) throw new Error(`staff bench: ${session.error.message}`);
  const token = session.data.session.access_token;
  return createClient(url, key, { accessToken: async () => token });
}

/** `count` screens of the given kinds, each in a window of its own, OPENING_AT_ONCE at a time. */
async function openScreens(
  browser: Browser,
  webUrl: string,
  cookies: string[],
  kinds: { kind: string; url: string; count: number }[],
) {
  const queue = kinds.flatMap(({ kind, url, count }) => Array.from({ length: count }, () => ({ kind, url })));
  const screens: Screen[] = [];
  for (let at = 0; at < queue.length; at += OPENING_AT_ONCE) {
    const wave = queue.slice(at, at + OPENING_AT_ONCE);
    screens.push(
      ...(await Promise.all(wave.map(({ kind, url }) => openScreenInWindow(browser, webUrl, cookies, url, kind)))),
    );
  }
  return screens;
}

/** Splits n screens by weights (largest remainder), at least one of each kind. */
function split(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((n * w) / total)));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < n; i = (i + 1) % counts.length) counts[i] = (counts[i] ?? 0) + 1;
  return counts;
}

function putSeries(metrics: Record<string, number>, key: string, series: Series) {
  if (series.all.length > 0) {
    metrics[`${key}_p50_ms`] = round(percentile(series.all, 50), 1);
    metrics[`${key}_p95_ms`] = round(percentile(series.all, 95), 1);
    metrics[`${key}_slowest_screen_p95_ms`] = round(percentile(series.slowest, 95), 1);
  }
  metrics[`${key}_samples`] = series.slowest.length;
  metrics[`${key}_missed`] = series.missed;
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-staff-'));
  const buildDir = process.env.ROOST_WEB_BUILD_DIR ?? 'build';
  log(`building the web app into web/${buildDir}`);
  buildWebApp();
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  // The throwaway cluster commits asynchronously (WAL flushed up to 200 ms later, and Realtime
  // decodes it only then); hosted Supabase commits synchronously, so the bench does too.
  const setup = connectAdmin(cluster, DATABASE, 1);
  await setup.unsafe(`alter database ${DATABASE} set synchronous_commit = on`);
  await setup.end();
  const admin = connectAdmin(cluster, DATABASE, 4);
  const metrics: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  const samples: Record<string, unknown> = {};
  try {
    log('seeding the demo, a 200-room hotel and a year of stays in both hotels (around today)');
    const fixture = await loadFixture(admin, 3 * SAMPLES + 20);
    metrics.tower_bookings = fixture.towerBookings;
    metrics.hotel_bookings = fixture.hotelBookings;
    log(`a year of stays: ${fixture.towerBookings} bookings at 200 rooms, ${fixture.hotelBookings} at 40`);

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
    let browser: Browser | undefined;
    try {
      await server.ready();
      const web = server.url;
      const [deskCookies, managerCookies, desk, manager] = await Promise.all([
        sessionCookies(web, FRONT_DESK, DEMO_PASSWORD),
        sessionCookies(web, MANAGER, DEMO_PASSWORD),
        clientAs(gateway.url, keys.publishable_key, FRONT_DESK),
        clientAs(gateway.url, keys.publishable_key, MANAGER),
      ]);
      browser = await launchChromium();
      metrics.load_avg_1m_start = round(loadavg()[0] ?? 0, 2);
      const problems: string[] = [];
      const offsets: Screen[] = [];

      // (a) The hotel: bookings onto grids.
      const hotelBase = `${web}/o/${SLUG}/p/${HOTEL}`;
      const guestNames = await admin<{ id: string; full_name: string }[]>`
        select id, full_name from public.guests where id = any(${fixture.guests}::uuid[])
        order by substr(full_name, 13)::int`;
      const guests = guestNames.map((row) => ({ id: row.id, name: row.full_name }));
      {
        const [first] = await openScreens(browser, web, deskCookies, [
          { kind: 'grid', url: `${hotelBase}/grid`, count: 1 },
        ]);
        if (!first) throw new Error('staff bench: no grid');
        const cells = await freeCells(admin, first);
        log(`hotel: ${cells.length} free cells in view; 1 screen`);
        const one = await bookingToGrid({ client: desk, grids: [first], cells, guests, samples: BASELINE_SAMPLES });
        const [grids = 0, todays = 0] = split(SCREENS, [3, 1]);
        const more = await openScreens(browser, web, deskCookies, [
          { kind: 'grid', url: `${hotelBase}/grid`, count: grids - 1 },
          { kind: 'today', url: `${hotelBase}/today`, count: todays },
        ]);
        const screens = [first, ...more];
        log(`hotel: ${screens.length} screens (${grids} grids, ${todays} today)`);
        putMutations(metrics, 'idle_dom_mutations_per_s', await idleMutationRates(screens, IDLE_MS));
        const before = await mutationCounts(screens);
        const many = await bookingToGrid({
          client: desk,
          grids: screens.filter((s) => s.kind === 'grid'),
          cells,
          guests,
          samples: SAMPLES,
        });
        putMutations(
          metrics,
          'dom_mutations_per_booking',
          mutationsPerSample(screens, before, await mutationCounts(screens), SAMPLES),
        );
        putSeries(metrics, 'booking_to_grid_1_screen', one);
        putSeries(metrics, `booking_to_grid_${screens.length}_screens`, many);
        metrics.hotel_screens = screens.length;
        metrics.hotel_grid_screens = grids;
        samples.booking_to_grid_1_screen = one;
        samples[`booking_to_grid_${screens.length}_screens`] = many;
        ratios[`booking_to_grid_${screens.length}_vs_1_screen_p95`] = round(
          percentile(many.all, 95) / percentile(one.all, 95),
          2,
        );
        ratios[`booking_to_grid_${screens.length}_screens_p95_vs_target_500ms`] = round(
          percentile(many.all, 95) / 500,
          2,
        );
        log(
          `hotel: booking → grid p50/p95 ${metrics.booking_to_grid_1_screen_p50_ms}/${metrics.booking_to_grid_1_screen_p95_ms} ms (1 screen), ` +
            `${metrics[`booking_to_grid_${screens.length}_screens_p50_ms`]}/${metrics[`booking_to_grid_${screens.length}_screens_p95_ms`]} ms (${screens.length})`,
        );
        for (const screen of screens) {
          problems.push(...screen.problems);
          offsets.push(screen);
        }
        await closeScreens(screens);
      }

      // (a) and (c) The restaurant: table orders onto floors and kitchens; POS → kitchen.
      const restaurantBase = `${web}/o/${SLUG}/p/${RESTAURANT}`;
      const kitchenUrl = `${restaurantBase}/kitchen?station=${KITCHEN_STATION}`;
      {
        const base = await openScreens(browser, web, managerCookies, [
          { kind: 'floor', url: `${restaurantBase}/floor`, count: 1 },
          { kind: 'kitchen', url: kitchenUrl, count: 1 },
          { kind: 'pos', url: `${restaurantBase}/pos`, count: 1 },
        ]);
        const pos = base.find((s) => s.kind === 'pos') as Screen;
        const measure = async (screens: Screen[], samples: number, posSamples: number) => {
          const floors = screens.filter((s) => s.kind === 'floor');
          const kitchens = screens.filter((s) => s.kind === 'kitchen');
          const orders = await orderToFloor({
            client: manager,
            restaurant: RESTAURANT,
            floors,
            kitchens,
            tables: fixture.tables,
            item: fixture.kitchenItem,
            samples,
          });
          const tapped = await posToKitchen({
            client: manager,
            admin,
            restaurant: RESTAURANT,
            pos,
            kitchens,
            itemName: KITCHEN_ITEM,
            samples: posSamples,
          });
          return { ...orders, pos: tapped };
        };
        log('restaurant: 3 screens (floor, kitchen, POS)');
        const few = await measure(base, BASELINE_SAMPLES, BASELINE_SAMPLES);
        const [floors = 0, kitchens = 0, tills = 0] = split(SCREENS, [2, 2, 1]);
        const more = await openScreens(browser, web, managerCookies, [
          { kind: 'floor', url: `${restaurantBase}/floor`, count: floors - 1 },
          { kind: 'kitchen', url: kitchenUrl, count: kitchens - 1 },
          { kind: 'pos', url: `${restaurantBase}/pos`, count: tills - 1 },
        ]);
        const screens = [...base, ...more];
        log(`restaurant: ${screens.length} screens (${floors} floors, ${kitchens} kitchens, ${tills} POS)`);
        putMutations(metrics, 'idle_dom_mutations_per_s', await idleMutationRates(screens, IDLE_MS));
        const before = await mutationCounts(screens);
        const many = await measure(screens, SAMPLES, POS_SAMPLES);
        putMutations(
          metrics,
          'dom_mutations_per_order',
          mutationsPerSample(screens, before, await mutationCounts(screens), SAMPLES + POS_SAMPLES),
        );
        const n = screens.length;
        for (const [what, series] of [
          ['order_to_floor', few.floor],
          ['order_to_kitchen', few.kitchen],
          ['pos_to_kitchen', few.pos],
        ] as const) {
          putSeries(metrics, `${what}_3_screens`, series);
          samples[`${what}_3_screens`] = series;
        }
        for (const [what, series] of [
          ['order_to_floor', many.floor],
          ['order_to_kitchen', many.kitchen],
          ['pos_to_kitchen', many.pos],
        ] as const) {
          putSeries(metrics, `${what}_${n}_screens`, series);
          samples[`${what}_${n}_screens`] = series;
          const baseline = { order_to_floor: few.floor, order_to_kitchen: few.kitchen, pos_to_kitchen: few.pos }[what];
          ratios[`${what}_${n}_vs_3_screens_p95`] = round(percentile(series.all, 95) / percentile(baseline.all, 95), 2);
          ratios[`${what}_${n}_screens_p95_vs_target_500ms`] = round(percentile(series.all, 95) / 500, 2);
          log(
            `restaurant: ${what} p50/p95 ${metrics[`${what}_3_screens_p50_ms`]}/${metrics[`${what}_3_screens_p95_ms`]} ms (3 screens), ` +
              `${metrics[`${what}_${n}_screens_p50_ms`]}/${metrics[`${what}_${n}_screens_p95_ms`]} ms (${n})`,
          );
        }
        metrics.restaurant_screens = n;
        // (d) What these screens fetched, while they are open.
        const clientDir = join(projectRoot, 'web', buildDir, 'client');
        for (const kind of ['floor', 'kitchen', 'pos']) {
          const screen = screens.find((s) => s.kind === kind);
          if (screen) putJs(metrics, `${kind}_loaded`, await loadedJavaScript(screen.page, clientDir));
        }
        for (const screen of screens) {
          problems.push(...screen.problems);
          offsets.push(screen);
        }
        await closeScreens(screens);
      }

      // (b) The grid at 200 and at 40 rooms, 31 days.
      {
        const context = await staffContext(browser, web, managerCookies);
        const grid = async (property: string, name: string) => {
          const url = `${web}/o/${SLUG}/p/${property}/grid?days=31`;
          const warm = await loadGrid(context, url);
          await warm.page.close();
          const loads: GridLoad[] = [];
          for (let i = 0; i < GRID_LOADS; i++) {
            const { load, page } = await loadGrid(context, url);
            loads.push(load);
            await page.close();
          }
          const scroll = await scrollGrid(context, url, SCROLL_MS, SCROLL_PX_PER_FRAME);
          putGrid(metrics, name, loads, scroll);
          samples[name] = { loads, scroll };
          log(
            `${name}: painted p50 ${metrics[`${name}_painted_p50_ms`]} ms after navigation (${metrics[`${name}_data_to_painted_p50_ms`]} after the HTML), ` +
              `scroll ${metrics[`${name}_scroll_fps`]} fps, ${metrics[`${name}_rows_in_dom`]} rows / ${metrics[`${name}_bars_in_dom`]} bars in the DOM`,
          );
        };
        await grid(fixture.tower, 'grid_200_rooms');
        await grid(HOTEL, 'grid_40_rooms');
        for (const stat of ['painted_p50', 'data_to_painted_p50', 'ttfb_p50']) {
          ratios[`grid_200_vs_40_rooms_${stat}`] = round(
            (metrics[`grid_200_rooms_${stat}_ms`] ?? 0) / (metrics[`grid_40_rooms_${stat}_ms`] ?? 1),
            2,
          );
        }
        ratios.grid_200_vs_40_rooms_scroll_fps = round(
          (metrics.grid_200_rooms_scroll_fps ?? 0) / (metrics.grid_40_rooms_scroll_fps ?? 1),
          2,
        );
        // (d) What the hotel screens fetched.
        const clientDir = join(projectRoot, 'web', buildDir, 'client');
        const gridPage = await openScreen(context, `${hotelBase}/grid`, 'grid').catch(() => null);
        if (gridPage) putJs(metrics, 'grid_loaded', await loadedJavaScript(gridPage.page, clientDir));
        await context.close();
      }

      // (d) The build's manifest: every staff screen.
      const buildUrl = pathToFileURL(join(projectRoot, 'web', buildDir, 'server', 'index.js')).href;
      const build = (await import(buildUrl)) as { assets: Manifest };
      const clientDir = join(projectRoot, 'web', buildDir, 'client');
      for (const screen of STAFF_SCREENS) {
        const js = manifestJavaScript(build.assets, clientDir, `routes/o.$org_.p.$property.${screen}`);
        const key = screen.replace(/\.\$[a-z]+/g, '').replace(/[.-]/g, '_');
        putJs(metrics, key, js);
        ratios[`${key}_js_gzip_vs_target_150kb`] = round(js.gzipKb / 150, 2);
      }

      metrics.clock_offset_max_abs_ms = round(Math.max(...offsets.map((s) => Math.abs(s.offset))), 3);
      metrics.clock_uncertainty_max_ms = round(Math.max(...offsets.map((s) => s.uncertainty)), 3);
      metrics.page_problems = problems.length;
      if (problems.length > 0) log(`page problems:\n  ${problems.slice(0, 10).join('\n  ')}`);
      metrics.load_avg_1m_end = round(loadavg()[0] ?? 0, 2);
      metrics.quick = QUICK ? 1 : 0;
      metrics.total_s = round((Date.now() - begun) / 1000, 1);
      return { metrics, ratios, attachments: { samples } };
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
}

/** `<kind>_<what>` for each kind of screen, e.g. `grid_idle_dom_mutations_per_s`. */
function putMutations(metrics: Record<string, number>, what: string, byKind: Record<string, number>) {
  for (const [kind, value] of Object.entries(byKind)) metrics[`${kind}_${what}`] = round(value, 1);
}

function putJs(metrics: Record<string, number>, key: string, js: { files: number; rawKb: number; gzipKb: number }) {
  metrics[`${key}_js_gzip_kb`] = round(js.gzipKb, 1);
  metrics[`${key}_js_raw_kb`] = round(js.rawKb, 1);
  metrics[`${key}_js_files`] = js.files;
}

function putGrid(metrics: Record<string, number>, name: string, loads: GridLoad[], scroll: GridScroll) {
  const p50 = (pick: (load: GridLoad) => number) => round(percentile(loads.map(pick), 50), 1);
  metrics[`${name}_ttfb_p50_ms`] = p50((l) => l.ttfb);
  metrics[`${name}_html_p50_ms`] = p50((l) => l.responseEnd);
  metrics[`${name}_painted_p50_ms`] = p50((l) => l.painted);
  metrics[`${name}_data_to_painted_p50_ms`] = p50((l) => l.painted - l.responseEnd);
  metrics[`${name}_rows_in_dom`] = loads[0]?.rowsInDom ?? 0;
  metrics[`${name}_bars_in_dom`] = loads[0]?.barsInDom ?? 0;
  metrics[`${name}_elements`] = loads[0]?.elements ?? 0;
  metrics[`${name}_scroll_fps`] = round(scroll.fps, 1);
  metrics[`${name}_scroll_frame_p50_ms`] = round(scroll.frameP50, 1);
  metrics[`${name}_scroll_frame_p95_ms`] = round(scroll.frameP95, 1);
  metrics[`${name}_scroll_slow_frames`] = scroll.slowFrames;
  metrics[`${name}_scroll_long_tasks`] = scroll.longTasks;
  metrics[`${name}_scroll_long_task_ms`] = round(scroll.longTaskMs, 1);
  metrics[`${name}_scrolled_px`] = Math.round(scroll.scrolledPx);
  metrics[`${name}_scrolls_grid`] = scroll.scroller === 'grid' ? 1 : 0;
}

/**
 * Free one-night cells of the hotel's grid that the screen shows without scrolling: rooms whose
 * rows are in view, nights 1–6 days ahead (left columns), no live booking or closure on them.
 */
async function freeCells(admin: ReturnType<typeof connectAdmin>, screen: Screen): Promise<Cell[]> {
  const rooms = (await screen.page.evaluate(`(() => {
    const grid = document.querySelector('.booking-grid');
    const box = grid.getBoundingClientRect();
    const top = Math.max(box.top, 0) + 52;
    const bottom = Math.min(box.bottom, window.innerHeight);
    return Array.from(document.querySelectorAll('.grid-body .grid-row'))
      .filter((row) => row.querySelector('.grid-room'))
      .filter((row) => { const b = row.getBoundingClientRect(); return b.top >= top && b.bottom <= bottom; })
      .map((row) => row.querySelector('.grid-room').textContent);
  })()`)) as string[];
  if (rooms.length === 0) throw new Error('staff bench: no room row in view on the grid');
  const cells = await admin<Cell[]>`
    with today as (select (now() at time zone 'Europe/Lisbon')::date as d)
    select r.id as "resourceId", (t.d + k)::text as arrival, (t.d + k + 1)::text as departure
    from public.resources r cross join today t cross join generate_series(1, 6) k
    where r.property_id = ${HOTEL} and r.organization_id = ${ORGANIZATION} and r.name = any(${rooms})
      and not exists (
        select 1 from public.bookings b
        where b.resource_id = r.id and b.status in ('held', 'confirmed', 'checked_in')
          and b.arrival_date <= t.d + k and b.departure_date > t.d + k)
      and not exists (
        select 1 from public.resource_out_of_service o
        where o.resource_id = r.id and o.period && tstzrange((t.d + k)::timestamp at time zone 'Europe/Lisbon',
          (t.d + k + 2)::timestamp at time zone 'Europe/Lisbon'))
    order by k, r.name
    limit 8`;
  if (cells.length === 0) throw new Error('staff bench: no free night in view on the grid');
  return cells;
}
