// `npm run bench -- dashboards`: the live dashboards (issue 15) against the production build.
// (a) server render of the demo hotel's dashboard on its seeded year, and of the roll-up of an
//     organisation of 100 hotels, p50/p95, each against its loaders' data alone (bench/web's
//     PAGES: the same data-module calls with supabase-js as the same user), in alternating halves;
// (b) commit to tile in Chromium: N dashboards open on the demo hotel, a marker booking committed
//     until every page painted the new Occupancy figure, with the database idle (baseline) and
//     while a writer commits 50 bookings a second; and how often the pages re-ran their loaders.
//     The worker's dashboard publisher runs beside the stack, as under npm start (decision 027);
// (c) the JavaScript of a first visit to each dashboard page, gzip, from the build's manifest.
// Timings are reported, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import type { Browser } from 'playwright-core';
import { startDashboardPublisher } from '../../gpu-worker/src/dashboards/publisher.ts';
import { startBellPublisher } from '../../gpu-worker/src/notifications/bell-publisher.ts';
import type { Database } from '../../supabase/database.types.ts';
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
import { type Manifest, manifestJavaScript } from '../staff/javascript.ts';
import { closeScreens, nodeClock, openScreenInWindow, type Screen, sessionCookies } from '../staff/screens.ts';
import { type DataClient, PAGES } from '../web/pages.ts';
import { browserThreadCores, browserThreadSnapshot, coresBetween, cpuSnapshot, postgresCores } from './cpu.ts';
import { GROUP_PROPERTIES, GROUP_SLUG, HOTEL, loadFixture, MANAGER, SLUG } from './fixture.ts';
import { markers, type PushLog, type Series, startWriter } from './live.ts';

const DATABASE = 'bench_dashboards';
const QUICK = process.env.BENCH_QUICK === '1';
/** Server renders (and loader-data baselines) per page, in two alternating halves. */
const RENDERS = QUICK ? 10 : 60;
const WARMUP = QUICK ? 2 : 5;
/** Dashboards open in (b) (BENCH_DASHBOARDS_PAGES lowers it on a machine that cannot hold 20). */
const PAGE_COUNT = Number(process.env.BENCH_DASHBOARDS_PAGES ?? (QUICK ? 5 : 20));
/** Dashboards opened at once (each in a window of its own). */
const OPENING_AT_ONCE = 4;
const BASELINE_MARKERS = QUICK ? 4 : 10;
const WRITES_PER_SECOND = 50;
const WRITE_MS = QUICK ? 8_000 : 20_000;
/** How long the open pages are watched for loader runs while nothing changes. */
const IDLE_MS = QUICK ? 2_000 : 5_000;

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`dashboards: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** `count` sequential timings of `page` and of `data`, alternating halves (drift falls on both alike). */
async function compare(page: () => Promise<void>, data: () => Promise<void>, count: number) {
  for (let i = 0; i < WARMUP; i++) {
    await page();
    await data();
  }
  const pages: number[] = [];
  const datas: number[] = [];
  const time = async (once: () => Promise<void>, into: number[], n: number) => {
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await once();
      into.push(ms(t0));
    }
  };
  await time(page, pages, count / 2);
  await time(data, datas, count);
  await time(page, pages, count / 2);
  return { page: pages, data: datas };
}

function putSeries(metrics: Record<string, number>, key: string, series: Series) {
  if (series.all.length > 0) {
    metrics[`${key}_p50_ms`] = round(percentile(series.all, 50), 1);
    metrics[`${key}_p95_ms`] = round(percentile(series.all, 95), 1);
    metrics[`${key}_slowest_page_p95_ms`] = round(percentile(series.slowest, 95), 1);
    metrics[`${key}_max_ms`] = round(Math.max(...series.all), 1);
    metrics[`${key}_change_to_frame_p95_ms`] = round(percentile(series.changedToPainted, 95), 1);
  }
  if (series.pushed.length > 0) {
    metrics[`${key}_push_heard_p50_ms`] = round(percentile(series.pushed, 50), 1);
    metrics[`${key}_push_heard_p95_ms`] = round(percentile(series.pushed, 95), 1);
    metrics[`${key}_publisher_read_p50_ms`] = round(percentile(series.untilRead, 50), 1);
    metrics[`${key}_publisher_read_p95_ms`] = round(percentile(series.untilRead, 95), 1);
  }
  metrics[`${key}_markers`] = series.slowest.length;
  metrics[`${key}_missed`] = series.missed;
  // Each marker's slowest page and push as heard in node, in order: an outlier shows which marker it was.
  log(
    `${key}: slowest page per marker ${series.slowest.map(Math.round).join(' ')} ms; heard ${series.pushed.map(Math.round).join(' ')} ms`,
  );
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-dashboards-'));
  const buildDir = process.env.ROOST_WEB_BUILD_DIR ?? 'build';
  log(`building the web app into web/${buildDir}`);
  buildWebApp();
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  // Hosted Supabase commits synchronously; the throwaway default (off) would let Realtime lag.
  const setup = connectAdmin(cluster, DATABASE, 1);
  await setup.unsafe(`alter database ${DATABASE} set synchronous_commit = on`);
  await setup.end();
  const admin = connectAdmin(cluster, DATABASE, 4);
  const writerSql = connectAdmin(cluster, DATABASE, 8);
  // Pools of their own, as under npm start: the stack's services (10, supabase/local/cli.ts) and
  // the worker's publishers (its session pool of 3: two leader locks and one for the reads);
  // sharing the bench's 4 would queue a push behind the pages' reads.
  const servicesSql = connectAdmin(cluster, DATABASE, 10);
  const publisherSql = connectAdmin(cluster, DATABASE, 3);
  const metrics: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  const samples: Record<string, unknown> = {};
  try {
    log('seeding the demo and its year of history, and 100 hotels of Bench Group');
    const fixture = await loadFixture(admin);
    metrics.hotel_bookings = fixture.hotelBookings;
    metrics.group_properties = GROUP_PROPERTIES;
    metrics.group_bookings = fixture.groupBookings;
    log(`${fixture.hotelBookings} bookings at the demo hotel, ${fixture.groupBookings} in Bench Group`);

    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const dbUrl = connectionUrl(cluster, DATABASE);
    const services = await startPlatformServices({ sql: servicesSql, dbUrl, keys, config, dataDir: work, apiUrl });
    const gateway = await startGateway({ port, keys, config, services: services.services });
    const quiet = () => undefined;
    const publisher = await startDashboardPublisher({
      sql: publisherSql,
      log: { info: quiet, warn: quiet, error: quiet },
    });
    // The manager's bell (decision 045): the writer's bookings notify her, once a second at most.
    const bell = await startBellPublisher({ sql: publisherSql, log: { info: quiet, warn: quiet, error: quiet } });
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
      const cookies = await sessionCookies(web, MANAGER, DEMO_PASSWORD);
      const cookie = cookies.join('; ');
      const signer = createClient<Database>(gateway.url, keys.publishable_key, {
        auth: { persistSession: false, autoRefreshToken: false },
      });
      const session = await signer.auth.signInWithPassword({ email: MANAGER, password: DEMO_PASSWORD });
      if (session.error) throw new Error(`dashboards bench: ${session.error.message}`);
      const token = session.data.session.access_token;
      const data: DataClient = createClient<Database>(gateway.url, keys.publishable_key, {
        accessToken: async () => token,
      });
      const userId = session.data.user.id;
      metrics.load_avg_1m_start = round(loadavg()[0] ?? 0, 2);

      // (a) Server render vs the loaders' data.
      for (const [name, page, slug] of [
        ['dashboard', PAGES.dashboard, SLUG],
        ['rollup', PAGES.rollup, GROUP_SLUG],
      ] as const) {
        const url = `${web}/o/${slug}${page.path}`;
        const fetchPage = async () => {
          const response = await fetch(url, { headers: { Cookie: cookie } });
          const body = await response.text();
          if (response.status !== 200) throw new Error(`dashboards bench: ${url} answered ${response.status}`);
          if (!body.includes(page.marker)) throw new Error(`dashboards bench: ${url} lacks ${page.marker}`);
        };
        const { page: pages, data: datas } = await compare(
          fetchPage,
          () => page.data(data, slug, userId) as Promise<void>,
          RENDERS,
        );
        const target = name === 'dashboard' ? 100 : 300;
        metrics[`${name}_page_p50_ms`] = round(percentile(pages, 50), 1);
        metrics[`${name}_page_p95_ms`] = round(percentile(pages, 95), 1);
        metrics[`${name}_data_p50_ms`] = round(percentile(datas, 50), 1);
        metrics[`${name}_data_p95_ms`] = round(percentile(datas, 95), 1);
        metrics[`${name}_renders`] = pages.length;
        ratios[`${name}_page_vs_data_p50`] = round(percentile(pages, 50) / percentile(datas, 50), 2);
        ratios[`${name}_page_p95_vs_target_${target}ms`] = round(percentile(pages, 95) / target, 2);
        samples[`${name}_page_ms`] = pages.map((v) => round(v, 1));
        samples[`${name}_data_ms`] = datas.map((v) => round(v, 1));
        log(
          `${name}: page p50/p95 ${metrics[`${name}_page_p50_ms`]}/${metrics[`${name}_page_p95_ms`]} ms, ` +
            `data p50/p95 ${metrics[`${name}_data_p50_ms`]}/${metrics[`${name}_data_p95_ms`]} ms`,
        );
      }

      // (b) Commit to tile, N dashboards open. A client in node hears the same pushes: the
      // commit-to-push part of the latency is the server's, the rest the pages'.
      const pushes: PushLog = { heard: [] };
      const listener = createClient<Database>(gateway.url, keys.publishable_key, { accessToken: async () => token });
      await listener.realtime.setAuth();
      await new Promise<void>((resolve, reject) => {
        listener
          .channel(`dashboard:${HOTEL}`, { config: { private: true } })
          .on('broadcast', { event: 'kpis' }, ({ payload }) => {
            const push = payload as { today?: { rooms_sold?: number }; read_at?: number };
            const sold = push.today?.rooms_sold;
            if (typeof sold === 'number')
              pushes.heard.push({ at: nodeClock(), readAt: push.read_at ?? 0, roomsSold: sold });
          })
          .subscribe((status) => {
            if (status === 'SUBSCRIBED') resolve();
            else if (status !== 'CLOSED') reject(new Error(`dashboards bench: the listener's channel is ${status}`));
          });
      });
      browser = await launchChromium();
      const dashboardUrl = `${web}/o/${SLUG}/p/${HOTEL}/dashboard`;
      const loaderRuns: number[] = [];
      /** Every page's requests by path (any other than the loader's say what else the pages ask for). */
      const requests = new Map<string, number>();
      const screens: Screen[] = [];
      const openWave = async (count: number) => {
        const opened = await Promise.all(
          Array.from({ length: count }, () =>
            openScreenInWindow(browser as Browser, web, cookies, dashboardUrl, 'dashboard'),
          ),
        );
        for (const screen of opened) {
          const index = loaderRuns.push(0) - 1;
          // Single fetch: a revalidation is a GET of `…/dashboard.data`.
          screen.page.on('request', (request) => {
            const path = new URL(request.url()).pathname;
            if (path.endsWith('/dashboard.data')) loaderRuns[index] = (loaderRuns[index] ?? 0) + 1;
            requests.set(path, (requests.get(path) ?? 0) + 1);
          });
          screens.push(screen);
        }
      };
      // Baseline: one dashboard open, the database idle.
      await openWave(1);
      const one = await markers({
        admin,
        screens,
        room: fixture.markerRoom,
        ms: 120_000,
        count: BASELINE_MARKERS,
        pushes,
      });
      putSeries(metrics, 'marker_to_tile_1_page_idle', one);
      samples.marker_to_tile_1_page_idle = one;
      log(
        `1 page, idle: marker → tile p50/p95 ${metrics.marker_to_tile_1_page_idle_p50_ms}/${metrics.marker_to_tile_1_page_idle_p95_ms} ms`,
      );
      for (let at = 1; at < PAGE_COUNT; at += OPENING_AT_ONCE)
        await openWave(Math.min(OPENING_AT_ONCE, PAGE_COUNT - at));
      metrics.open_dashboards = screens.length;
      log(`${screens.length} dashboards open on the demo hotel`);
      const runs = () => loaderRuns.reduce((a, b) => a + b, 0);

      let before = runs();
      const idleCpu = cpuSnapshot();
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      for (const [group, cores] of Object.entries(coresBetween(idleCpu, cpuSnapshot(), IDLE_MS / 1000)))
        metrics[`idle_cpu_cores_${group}`] = round(cores, 2);
      metrics.idle_loader_runs_per_page_per_s = round(((runs() - before) * 1000) / IDLE_MS / screens.length, 2);

      before = runs();
      const idle = await markers({
        admin,
        screens,
        room: fixture.markerRoom,
        ms: 120_000,
        count: BASELINE_MARKERS,
        pushes,
      });
      metrics.idle_loader_runs_per_marker_per_page = round(
        (runs() - before) / Math.max(1, idle.slowest.length) / screens.length,
        2,
      );
      putSeries(metrics, `marker_to_tile_${screens.length}_pages_idle`, idle);
      samples.marker_to_tile_idle = idle;
      log(
        `idle: marker → tile p50/p95 ${metrics[`marker_to_tile_${screens.length}_pages_idle_p50_ms`]}/${metrics[`marker_to_tile_${screens.length}_pages_idle_p95_ms`]} ms`,
      );

      // One page's own work under the load (Chromium's counters: tasks, script, style, layout).
      const cdp = await (screens[0] as Screen).page.context().newCDPSession((screens[0] as Screen).page);
      await cdp.send('Performance.enable');
      const counters = async () =>
        new Map((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
      const countersBefore = await counters();
      requests.clear();

      // This process runs the stack's services, the publisher and the writer on one thread.
      const loopBefore = performance.eventLoopUtilization();
      const cpuBefore = cpuSnapshot();
      // Chromium may host several same-site pages in one renderer process (one main thread).
      metrics.browser_renderer_processes = [...cpuBefore.values()].filter(
        (process) => process.group === 'chromium_renderers',
      ).length;
      const threadsBefore = browserThreadSnapshot();
      before = runs();
      const loadBegun = Date.now();
      const writer = startWriter(writerSql, fixture.rooms, WRITES_PER_SECOND, WRITE_MS);
      const loaded = await markers({ admin, screens, room: fixture.markerRoom, ms: WRITE_MS, count: 1000, pushes });
      const written = await writer.done;
      // Loader runs until the pages settle after the writer stopped.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const loadSeconds = (Date.now() - loadBegun) / 1000;
      const countersAfter = await counters();
      const cpuAfter = cpuSnapshot();
      for (const [group, cores] of Object.entries(coresBetween(cpuBefore, cpuAfter, loadSeconds)))
        metrics[`loaded_cpu_cores_${group}`] = round(cores, 2);
      const pg = postgresCores(cpuBefore, cpuAfter, loadSeconds).slice(0, 6);
      log(`PostgreSQL's cores under load: ${pg.map(([title, cores]) => `${title} ${round(cores, 2)}`).join(', ')}`);
      const threads = browserThreadCores(threadsBefore, browserThreadSnapshot(), loadSeconds).slice(0, 8);
      log(
        `browser threads' cores under load: ${threads.map(([name, cores]) => `${name} ${round(cores, 2)}`).join(', ')}`,
      );
      metrics.loaded_bench_process_event_loop_utilization = round(
        performance.eventLoopUtilization(loopBefore).utilization,
        2,
      );
      for (const [name, key] of [
        ['TaskDuration', 'tasks'],
        ['ScriptDuration', 'script'],
        ['RecalcStyleDuration', 'style'],
        ['LayoutDuration', 'layout'],
      ] as const) {
        const seconds = (countersAfter.get(name) ?? 0) - (countersBefore.get(name) ?? 0);
        metrics[`loaded_page_${key}_ms_per_s`] = round((seconds * 1000) / loadSeconds, 1);
      }
      log(`requests during the writer phase: ${JSON.stringify(Object.fromEntries(requests))}`);
      const requested = (suffix: string) =>
        [...requests].reduce((sum, [path, count]) => (path.endsWith(suffix) ? sum + count : sum), 0);
      metrics.loaded_risk_list_reads = requested('/dashboard.risks');
      metrics.loaded_bell_reads = requested('/resources/notifications');
      metrics.loaded_requests = [...requests.values()].reduce((sum, count) => sum + count, 0);

      metrics.writer_commits = written.commits;
      metrics.writer_failed = written.failed;
      metrics.writer_commits_per_s = round(written.perSecond, 1);
      metrics.writer_s = round(WRITE_MS / 1000, 1);
      metrics.loaded_loader_runs = runs() - before;
      metrics.loaded_loader_runs_per_page_per_s = round((runs() - before) / loadSeconds / screens.length, 2);
      putSeries(metrics, `marker_to_tile_${screens.length}_pages_${WRITES_PER_SECOND}_writes_per_s`, loaded);
      samples.marker_to_tile_loaded = loaded;
      const loadedKey = `marker_to_tile_${screens.length}_pages_${WRITES_PER_SECOND}_writes_per_s`;
      log(
        `${written.commits} writes (${metrics.writer_commits_per_s}/s): marker → tile p50/p95 ${metrics[`${loadedKey}_p50_ms`]}/${metrics[`${loadedKey}_p95_ms`]} ms, ` +
          `${loaded.slowest.length} markers, ${loaded.missed} missed, ${metrics.loaded_loader_runs} loader runs`,
      );
      // Pages that painted their marker only once the writer had stopped: re-reads held back by the load.
      metrics.loaded_paints_after_writer_stopped = loaded.paintedAt.filter((at) => at > written.stoppedAt).length;
      metrics.loaded_paints = loaded.paintedAt.length;
      metrics.publisher_reads = publisher.counts.reads;
      metrics.publisher_sent = publisher.counts.sent;
      metrics.publisher_failed = publisher.counts.failed;
      if (idle.all.length > 0 && one.all.length > 0) {
        ratios[`marker_to_tile_${screens.length}_vs_1_page_idle_p95`] = round(
          percentile(idle.all, 95) / percentile(one.all, 95),
          2,
        );
      }
      if (loaded.all.length > 0 && idle.all.length > 0) {
        ratios.marker_to_tile_loaded_vs_idle_p95 = round(percentile(loaded.all, 95) / percentile(idle.all, 95), 2);
        ratios.marker_to_tile_loaded_p95_vs_target_1000ms = round(percentile(loaded.all, 95) / 1000, 2);
      }
      const problems = screens.flatMap((screen) => screen.problems);
      metrics.page_problems = problems.length;
      if (problems.length > 0) log(`page problems:\n  ${problems.slice(0, 10).join('\n  ')}`);
      metrics.clock_offset_max_abs_ms = round(Math.max(...screens.map((s) => Math.abs(s.offset))), 3);
      metrics.clock_uncertainty_max_ms = round(Math.max(...screens.map((s) => s.uncertainty)), 3);
      await closeScreens(screens);
      await listener.removeAllChannels();

      // (c) JavaScript of a first visit, from the build's manifest.
      const buildUrl = pathToFileURL(join(projectRoot, 'web', buildDir, 'server', 'index.js')).href;
      const build = (await import(buildUrl)) as { assets: Manifest };
      const clientDir = join(projectRoot, 'web', buildDir, 'client');
      for (const [name, route] of [
        ['dashboard', PAGES.dashboard.route],
        ['rollup', PAGES.rollup.route],
      ] as const) {
        const js = manifestJavaScript(build.assets, clientDir, route);
        metrics[`${name}_js_gzip_kb`] = round(js.gzipKb, 1);
        metrics[`${name}_js_raw_kb`] = round(js.rawKb, 1);
        metrics[`${name}_js_files`] = js.files;
        ratios[`${name}_js_gzip_vs_target_150kb`] = round(js.gzipKb / 150, 2);
        log(`${name}: ${js.files} JS files, ${round(js.gzipKb, 1)} KB gzip`);
      }

      metrics.load_avg_1m_end = round(loadavg()[0] ?? 0, 2);
      metrics.quick = QUICK ? 1 : 0;
      metrics.total_s = round((Date.now() - begun) / 1000, 1);
      return { metrics, ratios, attachments: { samples } };
    } finally {
      await publisher.stop();
      await bell.stop();
      await browser?.close();
      await server.stop();
      await gateway.close();
      await services.close?.();
    }
  } finally {
    await writerSql.end();
    await servicesSql.end();
    await publisherSql.end();
    await admin.end();
    destroyCluster(cluster);
    rmSync(work, { recursive: true, force: true });
  }
}
