// bench/widgets, the browser part (embed, decision 035): what a tenant's page pays for the
// widgets. embed.js gzip size (target ≤ 5 KB), the JavaScript an /embed page downloads (entry,
// root, the /embed frame and the widget's route, gzip, from the production build's assets
// manifest; target ≤ 100 KB), and in Chromium the time from opening the tenant's page to the
// first availability shown in the stay widget (the widget's ready event, then a search).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../supabase/local/paths.ts';

export const EMBED_JS_TARGET_KB = 5;
export const EMBED_PAGE_TARGET_KB = 100;

const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

/** web/public/embed.js as served (no build step: it is written small). */
export function embedLoaderSize(): { embed_js_kb: number; embed_js_gzip_kb: number } {
  const bytes = readFileSync(join(projectRoot, 'web', 'public', 'embed.js'));
  return { embed_js_kb: kb(bytes.length), embed_js_gzip_kb: kb(gzipSync(bytes, { level: 9 }).length) };
}

interface Assets {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
}

/**
 * The JavaScript a first visit to each /embed page downloads, gzip KB by widget, from a production
 * build in web/<buildDir> (`npm run build -w web`).
 */
export async function embedPageJavaScript(
  buildDir = process.env.ROOST_WEB_BUILD_DIR ?? 'build',
): Promise<Record<string, number>> {
  const server = join(projectRoot, 'web', buildDir, 'server', 'index.js');
  const { assets } = (await import(server)) as { assets: Assets };
  const sizes: Record<string, number> = {};
  for (const widget of ['stay', 'table', 'order', 'manage']) {
    const files = new Set([assets.entry.module, ...assets.entry.imports]);
    for (const id of ['root', 'routes/embed', `routes/embed.${widget}`]) {
      const route = assets.routes[id];
      if (!route) throw new Error(`bench/widgets: no route ${id} in web/${buildDir}`);
      for (const file of [route.module, ...(route.imports ?? [])]) files.add(file);
    }
    let gzip = 0;
    for (const file of files)
      gzip += gzipSync(readFileSync(join(projectRoot, 'web', buildDir, 'client', file)), { level: 9 }).length;
    sizes[`embed_${widget}_page_js_gzip_kb`] = kb(gzip);
  }
  return sizes;
}

/** Milliseconds since the page's navigation started (the page's own clock). */
const pageNow = (page: Page) => page.evaluate(() => performance.now());

/**
 * Opens `siteUrl` (a tenant page embedding the stay widget inline in `#stay-widget`, as the demo
 * site does) `runs` times in fresh contexts and measures: navigation start → the widget's ready
 * event on the host page, and → the room list shown after a search for `from`–`to`.
 */
export async function timeToFirstAvailability(
  browser: Browser,
  siteUrl: string,
  options: { from: string; to: string; runs?: number },
): Promise<{ ready_p50_ms: number; first_availability_p50_ms: number; first_availability_max_ms: number }> {
  const ready: number[] = [];
  const shown: number[] = [];
  for (let run = 0; run < (options.runs ?? 5); run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(siteUrl, { waitUntil: 'commit' });
    const stay = page.frameLocator('#stay-widget iframe');
    await page.waitForFunction(
      () =>
        ((globalThis as unknown as { roostEvents?: { type: string; widget: string }[] }).roostEvents ?? []).some(
          (event) => event.type === 'ready' && event.widget === 'stay',
        ),
      undefined,
      { timeout: 30_000, polling: 10 },
    );
    ready.push(await pageNow(page));
    await stay.getByLabel('Arrival').fill(options.from);
    await stay.getByLabel('Departure').fill(options.to);
    await stay.getByRole('button', { name: 'Check availability' }).click();
    await stay.getByRole('heading', { name: 'Choose your room' }).waitFor({ timeout: 30_000 });
    shown.push(await pageNow(page));
    await context.close();
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
  };
  return {
    ready_p50_ms: median(ready),
    first_availability_p50_ms: median(shown),
    first_availability_max_ms: Math.round(Math.max(...shown)),
  };
}

/**
 * The whole browser part against a running widget API (the gateway at `apiUrl` with the demo data;
 * its functions' SITE_URL must be http://127.0.0.1:3000): sizes from a fresh production build,
 * then the web app on port 3000 and the demo site on http://127.0.0.2:8080 (an origin on the demo
 * key's list) in Chromium. Ports taken → the timing is skipped, the sizes still count.
 */
export async function measureEmbedBrowser(
  apiUrl: string,
  /** The web app's SUPABASE_DB_URL setting (required at its start; these pages never use it). */
  dbUrl: string,
  log: (line: string) => void,
): Promise<{ metrics: Record<string, number>; ratios: Record<string, number> }> {
  const { buildWebApp, startWebProcess } = await import('../../supabase/local/web-process.ts');
  const { startDemoSite, DEMO_KEYS } = await import('../../supabase/local/demo-site/server.ts');
  const { ensureLocalKeys } = await import('../../supabase/local/keys.ts');
  const { launchChromium } = await import('../../web/e2e/support/browser.ts');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const metrics: Record<string, number> = { ...embedLoaderSize() };
  buildWebApp();
  Object.assign(metrics, await embedPageJavaScript());
  log(`embed.js ${metrics.embed_js_gzip_kb} KB gzip; stay page JS ${metrics.embed_stay_page_js_gzip_kb} KB gzip`);
  const ratios: Record<string, number> = {
    embed_js_gzip_vs_target_5kb: Math.round(((metrics.embed_js_gzip_kb ?? 0) / EMBED_JS_TARGET_KB) * 100) / 100,
    embed_stay_page_js_vs_target_100kb:
      Math.round(((metrics.embed_stay_page_js_gzip_kb ?? 0) / EMBED_PAGE_TARGET_KB) * 100) / 100,
  };
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-embed-'));
  const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
  const web = startWebProcess({
    project: {
      SUPABASE_URL: apiUrl,
      SUPABASE_PUBLISHABLE_KEY: keys.publishable_key,
      SUPABASE_SECRET_KEY: keys.secret_key,
      SUPABASE_DB_URL: dbUrl,
    },
    port: 3000,
    mode: 'production',
    logFile: join(work, 'web.log'),
    onEvent: log,
  });
  let site: Awaited<ReturnType<typeof startDemoSite>> | undefined;
  try {
    await web.ready();
    site = await startDemoSite({ appUrl: web.url, ...DEMO_KEYS, hosts: ['127.0.0.2'], port: 8080 });
    const browser = await launchChromium();
    try {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      Object.assign(
        metrics,
        await timeToFirstAvailability(browser, site.url, {
          from: day(30),
          to: day(32),
          runs: process.env.BENCH_QUICK === '1' ? 2 : 7,
        }),
      );
      log(`first availability shown p50 ${metrics.first_availability_p50_ms} ms`);
    } finally {
      await browser.close();
    }
  } catch (error) {
    log(`time to first availability skipped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await site?.close();
    await web.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return { metrics, ratios };
}
