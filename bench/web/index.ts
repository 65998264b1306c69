// `npm run bench -- web`: what a portal page costs. The production build of web/ served by its
// own server (web/server.ts --prod) on the demo data and its year of history (anchored at
// BENCH_HISTORY_TODAY); an admin signed in through the real sign-in form, its cookies replayed by
// 1, 8 and 32 concurrent clients fetching the members, settings and audit log pages (server
// render, whole document). The baseline of each page is its loaders' data: the same supabase-js
// calls the shell and page loaders make (web/app/data), run directly with the same user's token
// at the same concurrency. Also the JavaScript a browser downloads per page (gzip, from the
// build's assets manifest) and, in Chromium, the audit page's Navigation Timing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/database.types.ts';
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { DEMO_PASSWORD } from '../../supabase/local/demo.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { seed } from '../../supabase/local/migrate.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { startPlatformServices } from '../../supabase/local/platform-services.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { buildWebApp, startWebProcess } from '../../supabase/local/web-process.ts';
import { BENCH_HISTORY_TODAY, loadDemoHistory } from '../../supabase/seed/history.ts';
import { launchChromium } from '../../web/e2e/support/browser.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import { type DataClient, PAGES, type PageName } from './pages.ts';

const DATABASE = 'bench_web';
const QUICK = process.env.BENCH_QUICK === '1';
const CONCURRENCY = [1, 8, 32];
const WARMUP_SECONDS = QUICK ? 0.2 : 1;
const ROUND_SECONDS = QUICK ? 0.5 : 3;
const TTI_LOADS = QUICK ? 2 : 7;
/** Adam Admin of Harbour Hotels (supabase/seed.sql). */
const ADMIN_EMAIL = 'admin@demo.roost.test';
const SLUG = 'harbour-hotels';

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`web: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

/** `concurrency` loops of `once` for `seconds`: latencies (ms) and requests per second. */
async function drive(once: () => Promise<void>, concurrency: number, seconds: number) {
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  const until = start + BigInt(Math.round(seconds * 1e9));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (process.hrtime.bigint() < until) {
        const t0 = process.hrtime.bigint();
        await once();
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), rps: samples.length / elapsed };
}

/** Signs in through the app's own form and returns the session cookies as a Cookie header. */
async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: ADMIN_EMAIL, password: DEMO_PASSWORD, redirectTo: `/o/${SLUG}` }),
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  if (response.status >= 400 || !cookies.some((cookie) => cookie.includes('auth-token'))) {
    throw new Error(`web bench: sign-in answered ${response.status} without a session cookie`);
  }
  return cookies.join('; ');
}

/** The JavaScript a first visit to a route downloads: entry, root, shell and page chunks, gzip. */
function pageJavaScript(
  assets: {
    entry: { module: string; imports: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  },
  routeIds: string[],
) {
  const files = new Set([assets.entry.module, ...assets.entry.imports]);
  for (const id of routeIds) {
    const route = assets.routes[id];
    if (!route) throw new Error(`web bench: no route ${id} in the build`);
    for (const file of [route.module, ...(route.imports ?? [])]) files.add(file);
  }
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(projectRoot, 'web', 'build', 'client', file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.size, rawKb: raw / 1024, gzipKb: gzip / 1024 };
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-web-'));
  log('building the web app');
  buildWebApp();
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  const admin = connectAdmin(cluster, DATABASE, 4);
  try {
    log(`seeding the demo data and its generated history, anchored at ${BENCH_HISTORY_TODAY}`);
    await seed(admin, undefined, (tx) => loadDemoHistory(tx, { today: BENCH_HISTORY_TODAY }));
    await admin.unsafe('vacuum (analyze)');
    const [dataset] = await admin<{ audit: string; members: string }[]>`
      select (select count(*) from public.audit_log a join public.organizations o on o.id = a.organization_id
                where o.slug = ${SLUG}) as audit,
        (select count(*) from public.memberships m join public.organizations o on o.id = m.organization_id
                where o.slug = ${SLUG}) as members`;
    log(`${dataset?.audit} audit rows, ${dataset?.members} members`);

    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const dbUrl = connectionUrl(cluster, DATABASE);
    const services = await startPlatformServices({ sql: admin, dbUrl, keys, config, dataDir: work, apiUrl });
    const gateway = await startGateway({ port, keys, config, services: services.services });
    const webPort = await freePort();
    const server = startWebProcess({
      project: {
        SUPABASE_URL: gateway.url,
        SUPABASE_PUBLISHABLE_KEY: keys.publishable_key,
        SUPABASE_SECRET_KEY: keys.secret_key,
        SUPABASE_DB_URL: dbUrl,
      },
      port: webPort,
      mode: 'production',
      logFile: join(work, 'web.log'),
      onEvent: (line) => log(line),
    });
    try {
      await server.ready();
      const cookie = await signIn(server.url);
      // The baseline's client: the same user (its own session, signed in once), the same Data API,
      // the token handed over as is (no session storage or lock on each request).
      const signer = createClient<Database>(gateway.url, keys.publishable_key, {
        auth: { persistSession: false, autoRefreshToken: false },
      });
      const session = await signer.auth.signInWithPassword({ email: ADMIN_EMAIL, password: DEMO_PASSWORD });
      if (session.error) throw new Error(`web bench: ${session.error.message}`);
      const token = session.data.session.access_token;
      const data: DataClient = createClient<Database>(gateway.url, keys.publishable_key, {
        accessToken: async () => token,
      });
      const userId = session.data.user.id;

      const metrics: Record<string, number> = {
        // Other processes on the machine show up in every number: the 1-minute load, start and end.
        load_avg_1m_start: round(loadavg()[0] ?? 0, 2),
        audit_rows: Number(dataset?.audit ?? 0),
        members: Number(dataset?.members ?? 0),
        round_s: ROUND_SECONDS,
      };
      const ratios: Record<string, number> = {};
      const buildUrl = pathToFileURL(join(projectRoot, 'web', 'build', 'server', 'index.js')).href;
      const build = (await import(buildUrl)) as { assets: Parameters<typeof pageJavaScript>[0] };

      for (const [name, page] of Object.entries(PAGES) as [PageName, (typeof PAGES)[PageName]][]) {
        const url = `${server.url}/o/${SLUG}${page.path}`;
        const fetchPage = async () => {
          const response = await fetch(url, { headers: { Cookie: cookie } });
          const body = await response.text();
          if (response.status !== 200) throw new Error(`web bench: ${url} answered ${response.status}`);
          if (!body.includes(page.marker)) throw new Error(`web bench: ${url} lacks ${page.marker}`);
        };
        const loadData = async () => {
          await page.data(data, SLUG, userId);
        };
        await fetchPage();
        for (const c of CONCURRENCY) {
          await drive(fetchPage, c, WARMUP_SECONDS);
          await drive(loadData, c, WARMUP_SECONDS);
          // Alternating halves, so drift on the machine falls on both sides alike.
          const pageA = await drive(fetchPage, c, ROUND_SECONDS / 2);
          const dataA = await drive(loadData, c, ROUND_SECONDS / 2);
          const dataB = await drive(loadData, c, ROUND_SECONDS / 2);
          const pageB = await drive(fetchPage, c, ROUND_SECONDS / 2);
          const mean = (a: number, b: number) => (a + b) / 2;
          const key = `${name}_c${c}`;
          const pageP50 = mean(pageA.p50, pageB.p50);
          const dataP50 = mean(dataA.p50, dataB.p50);
          metrics[`${key}_page_p50_ms`] = round(pageP50, 2);
          metrics[`${key}_page_p95_ms`] = round(mean(pageA.p95, pageB.p95), 2);
          metrics[`${key}_page_rps`] = round(mean(pageA.rps, pageB.rps), 1);
          metrics[`${key}_data_p50_ms`] = round(dataP50, 2);
          metrics[`${key}_data_p95_ms`] = round(mean(dataA.p95, dataB.p95), 2);
          metrics[`${key}_data_rps`] = round(mean(dataA.rps, dataB.rps), 1);
          ratios[`${key}_page_vs_data_p50`] = round(pageP50 / dataP50, 2);
          log(
            `${key}: page p50 ${round(pageP50, 1)} p95 ${metrics[`${key}_page_p95_ms`]} ms ${metrics[`${key}_page_rps`]}/s | data p50 ${round(dataP50, 1)} ms`,
          );
        }
        const js = pageJavaScript(build.assets, ['root', 'shell' in page ? page.shell : 'routes/o.$org', page.route]);
        metrics[`${name}_js_gzip_kb`] = round(js.gzipKb, 1);
        metrics[`${name}_js_raw_kb`] = round(js.rawKb, 1);
        metrics[`${name}_js_files`] = js.files;
        ratios[`${name}_js_gzip_vs_target_150kb`] = round(js.gzipKb / 150, 2);
        log(`${name}: ${js.files} JS files, ${round(js.gzipKb, 1)} KB gzip (${round(js.rawKb, 1)} KB raw)`);
      }

      log('Chromium: Navigation Timing of the audit log page');
      Object.assign(metrics, await navigationTiming(server.url, cookie));
      metrics.load_avg_1m_end = round(loadavg()[0] ?? 0, 2);
      metrics.quick = QUICK ? 1 : 0;
      metrics.total_s = round((Date.now() - begun) / 1000, 1);
      return { metrics, ratios };
    } finally {
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

/**
 * Cold loads (a fresh browser context each: no cache) of the audit page in Chromium, medians of
 * Navigation Timing, and the first idle moment of the main thread after `load` (the page is
 * hydrated and nothing is left to run: time to interactive).
 */
async function navigationTiming(url: string, cookie: string): Promise<Record<string, number>> {
  const browser = await launchChromium();
  const samples: Record<string, number[]> = { ttfb: [], dom_interactive: [], dcl: [], load: [], tti: [] };
  try {
    for (let i = 0; i < TTI_LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies(
        cookie.split('; ').map((pair) => {
          const at = pair.indexOf('=');
          return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
        }),
      );
      const page = await context.newPage();
      // Runs before the page's scripts (over CDP, outside the page's CSP).
      await page.addInitScript(() => {
        const w = globalThis as unknown as {
          __idle?: number;
          addEventListener: (type: string, listener: () => void) => void;
          requestIdleCallback: (callback: () => void) => void;
          performance: { now(): number };
        };
        w.addEventListener('load', () => w.requestIdleCallback(() => (w.__idle = w.performance.now())));
      });
      await page.goto(`${url}/o/${SLUG}/audit`, { waitUntil: 'load' });
      await page.waitForFunction(() => (globalThis as unknown as { __idle?: number }).__idle !== undefined);
      const timing = await page.evaluate(() => {
        const w = globalThis as unknown as {
          __idle: number;
          performance: { getEntriesByType(type: string): Record<string, number>[] };
        };
        const nav = w.performance.getEntriesByType('navigation')[0] ?? {};
        return {
          ttfb: nav.responseStart ?? 0,
          dom_interactive: nav.domInteractive ?? 0,
          dcl: nav.domContentLoadedEventEnd ?? 0,
          load: nav.loadEventEnd ?? 0,
          tti: w.__idle,
        };
      });
      for (const [key, value] of Object.entries(timing)) samples[key]?.push(value);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return Object.fromEntries(
    Object.entries(samples).map(([key, values]) => [`audit_chromium_${key}_p50_ms`, round(percentile(values, 50), 1)]),
  );
}
