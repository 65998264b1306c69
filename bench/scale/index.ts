// `npm run bench -- scale`: what scaling out buys on this machine (decision 040). On one throwaway
// database with the whole local platform (gateway, Data API, Auth, Functions):
// - the transaction pooler's cost: a function-style request (one transaction that sets the role and
//   claims, then reads) through PgBouncer in transaction mode vs the direct connection, at
//   concurrency 1 (per-request overhead) and 8 (throughput);
// - widget bookings per second through the public widget API (POST /holds then confirm), 8 clients;
// - signed-in page renders per second through a round-robin proxy over 1 vs 3 web app processes;
// - forecast jobs and OCR receipt jobs per second with 1 vs 3 worker processes (real handlers and
//   OCR model; workers through the pooler).
// Every process shares this machine's cores: on 2 cores, 3 processes cannot do more than 1 much.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import postgres, { type Sql } from 'postgres';
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { startPlatformServices } from '../../supabase/local/platform-services.ts';
import { startPooler } from '../../supabase/local/testing/pgbouncer.ts';
import { startRoundRobinProxy } from '../../supabase/local/testing/round-robin-proxy.ts';
import {
  type AppProcess,
  type ProjectEnv,
  startWebServerProcess,
  startWorkerProcess,
} from '../../supabase/local/testing/scale-out.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { buildWebApp } from '../../supabase/local/web-process.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import { createTenant } from '../../supabase/tests/support/tenants.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import { queueReceiptJobs, receiptImages, stageReceipts } from '../support/receipt-jobs.ts';

const DATABASE = 'bench_scale';
const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = QUICK ? 1 : 4;
const JOBS = QUICK ? 6 : 24;
// About 2 images/s on an idle 2-core machine (bench/worker), under 1 when other work shares it:
// 24 (six batches, two per worker of three) keeps the OCR part near a minute even then.
const OCR_JOBS = QUICK ? 8 : 24;
const BUILD_DIR = 'build-bench-scale';
const HOTEL_SITE = 'https://hotel.example';

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`scale: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

/** `concurrency` loops of `once` for `seconds`: latencies (ms), requests per second, failures. */
async function drive(once: () => Promise<void>, concurrency: number, seconds: number) {
  const samples: number[] = [];
  let failures = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(Math.round(seconds * 1e9));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (process.hrtime.bigint() < until) {
        const t0 = process.hrtime.bigint();
        try {
          await once();
          samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    rps: round(samples.length / elapsed, 1),
    failures,
  };
}

/** Seconds until every job in `ids` is final (5 minutes at most); how many succeeded. */
async function settle(sql: Sql, ids: string[]): Promise<{ seconds: number; succeeded: number }> {
  const started = process.hrtime.bigint();
  for (;;) {
    const [row] = await sql<{ done: number; ok: number }[]>`
      select count(*) filter (where status in ('succeeded', 'failed', 'dead'))::int as done,
        count(*) filter (where status = 'succeeded')::int as ok
      from public.jobs where id = any(${ids}::uuid[])`;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if ((row?.done ?? 0) === ids.length) return { seconds, succeeded: row?.ok ?? 0 };
    if (seconds > 300) throw new Error('jobs did not finish in 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `ocr_receipt` jobs this worker process has finished successfully (its own /metrics). */
async function ocrJobsDone(worker: AppProcess): Promise<number> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('roost_jobs_processed_total{') &&
        l.includes('kind="ocr_receipt"') &&
        l.includes('outcome="succeeded"'),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

export async function run(): Promise<BenchResult> {
  const metrics: Record<string, number> = { cores: cpus().length, load_avg_1m_start: round(loadavg()[0] ?? 0, 2) };
  const ratios: Record<string, number> = {};
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-scale-'));
  log('building the web app');
  process.env.ROOST_WEB_BUILD_DIR = BUILD_DIR;
  buildWebApp();
  log('starting a throwaway cluster and PgBouncer (transaction mode)');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  const admin = connectAdmin(cluster, DATABASE, 6);
  const pooler = await startPooler({
    serverPort: cluster.port,
    user: 'postgres',
    password: cluster.password,
    poolSize: 20,
  });
  const processes: AppProcess[] = [];
  const pools: Sql[] = [];
  try {
    const tenant = await createTenant(admin, 'scale');
    const directUrl = connectionUrl(cluster, DATABASE);
    const pooledUrl = pooler.url(DATABASE);

    // --- The pooler's cost per request. -----------------------------------------------------
    const claims = JSON.stringify({ sub: tenant.members.manager.id, role: 'authenticated' });
    const request = (sql: Sql) => async () => {
      await sql.begin(async (tx) => {
        await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
        await tx`select id, status from public.bookings where property_id = ${tenant.propertyIds[0]} limit 20`;
      });
    };
    // Alternating rounds, the median of each: the machine's load drifts, and a fixed order would
    // hand the drift (and the cold start) to whichever side runs first.
    const sides = { direct: directUrl, pooled: pooledUrl } as const;
    const samples: Record<string, number[]> = {};
    const add = (key: string, value: number) => {
      samples[key] = [...(samples[key] ?? []), value];
    };
    const clients = Object.fromEntries(
      Object.entries(sides).map(([name, url]) => {
        const sql = postgres(url, { max: 8, prepare: false, onnotice: () => {} });
        pools.push(sql);
        return [name, sql];
      }),
    ) as Record<keyof typeof sides, Sql>;
    for (const sql of Object.values(clients)) await drive(request(sql), 8, 0.5);
    for (let pass = 0; pass < (QUICK ? 1 : 3); pass++) {
      for (const name of Object.keys(sides) as (keyof typeof sides)[]) {
        const one = await drive(request(clients[name]), 1, SECONDS / 2);
        const eight = await drive(request(clients[name]), 8, SECONDS / 2);
        add(`pooler_${name}_c1_p50_ms`, one.p50);
        add(`pooler_${name}_c1_p95_ms`, one.p95);
        add(`pooler_${name}_c8_rps`, eight.rps);
        add(`pooler_${name}_c8_p50_ms`, eight.p50);
        log(`${name} round ${pass + 1}: c1 p50 ${one.p50} ms, c8 ${eight.rps} req/s`);
      }
    }
    for (const [key, values] of Object.entries(samples)) metrics[key] = round(percentile(values, 50));
    metrics.pooler_overhead_c1_p50_ms = round(
      (metrics.pooler_pooled_c1_p50_ms ?? 0) - (metrics.pooler_direct_c1_p50_ms ?? 0),
    );
    ratios.pooled_vs_direct_c1_p50 = round(
      (metrics.pooler_pooled_c1_p50_ms ?? 0) / (metrics.pooler_direct_c1_p50_ms ?? 1),
    );
    ratios.pooled_vs_direct_c8_rps = round((metrics.pooler_pooled_c8_rps ?? 0) / (metrics.pooler_direct_c8_rps ?? 1));

    // --- The platform. ------------------------------------------------------------------------
    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const services = await startPlatformServices({ sql: admin, dbUrl: directUrl, keys, config, dataDir: work, apiUrl });
    const gateway = await startGateway({ port, keys, config, services: services.services });
    try {
      // --- Widget bookings through the public API. ------------------------------------------
      const widgetKey = tenant.extra.widgets?.hotelKey ?? '';
      const roomTypeId = tenant.extra.bookings?.roomTypeId ?? '';
      await admin`update public.widget_keys set rate_limit_per_minute = 100000, address_limit_per_minute = 100000
        where organization_id = ${tenant.organizationId}`;
      let next = 0;
      const today = new Date();
      const widget = async (path: string, body: unknown) => {
        const response = await fetch(`${gateway.url}/functions/v1/widget-api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-roost-widget-key': widgetKey, origin: HOTEL_SITE },
          body: JSON.stringify(body),
        });
        const json = (await response.json()) as Record<string, unknown>;
        if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
        return json;
      };
      const book = async () => {
        const i = next++;
        // Three of the four double rooms per night, nights far enough out to be free.
        const from = new Date(today.getTime() + (90 + Math.floor(i / 3)) * 86_400_000).toISOString().slice(0, 10);
        const to = new Date(Date.parse(from) + 86_400_000).toISOString().slice(0, 10);
        const hold = await widget('/holds', {
          resource_type_id: roomTypeId,
          from,
          to,
          guests: 2,
          idempotency_key: `bench-hold-${i}`,
        });
        const confirmed = await widget(`/holds/${hold.booking_id}/confirm`, {
          hold_token: hold.hold_token,
          guest: { name: `Bench Guest ${i}`, email: `bench-${i}@example.test` },
          consent: { terms: true, marketing: false },
          idempotency_key: `bench-confirm-${i}`,
        });
        if (confirmed.status !== 'confirmed') throw new Error(`confirm: ${JSON.stringify(confirmed)}`);
      };
      await book().catch((error: Error) => log(`widget booking failed: ${error.message}`));
      const bookings = await drive(book, 8, SECONDS);
      metrics.widget_bookings_per_s = bookings.rps;
      metrics.widget_booking_p50_ms = bookings.p50;
      metrics.widget_booking_p95_ms = bookings.p95;
      metrics.widget_booking_failures = bookings.failures;
      log(`widget bookings: ${bookings.rps}/s (p50 ${bookings.p50} ms, ${bookings.failures} failed)`);

      // --- Page renders through 1 vs 3 web processes. ---------------------------------------
      const password = 'bench-scale-password-1';
      const updated = await createClient(gateway.url, keys.secret_key, {
        auth: { persistSession: false, autoRefreshToken: false },
      }).auth.admin.updateUserById(tenant.members.manager.id, { password });
      if (updated.error) throw updated.error;
      const project: ProjectEnv = {
        SUPABASE_URL: gateway.url,
        SUPABASE_PUBLISHABLE_KEY: keys.publishable_key,
        SUPABASE_SECRET_KEY: keys.secret_key,
        SUPABASE_DB_URL: pooledUrl,
      };
      log('starting three web app processes');
      const webs = await Promise.all([0, 1, 2].map(() => startWebServerProcess(project, { buildDir: BUILD_DIR })));
      processes.push(...webs);
      for (const count of [1, 3]) {
        const proxy = await startRoundRobinProxy(webs.slice(0, count).map((web) => web.url));
        try {
          const signIn = await fetch(`${proxy.url}/sign-in`, {
            method: 'POST',
            redirect: 'manual',
            headers: { origin: proxy.url, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ email: updated.data.user.email ?? '', password, redirectTo: '/' }),
          });
          const cookie = signIn.headers
            .getSetCookie()
            .map((line) => line.split(';')[0])
            .join('; ');
          const page = async () => {
            const response = await fetch(`${proxy.url}/o/${tenant.slug}`, { headers: { cookie } });
            await response.arrayBuffer();
            if (response.status !== 200) throw new Error(`page ${response.status}`);
          };
          await drive(page, 8, 0.5);
          const pages = await drive(page, 8, SECONDS);
          metrics[`web_${count}_pages_per_s`] = pages.rps;
          metrics[`web_${count}_page_p50_ms`] = pages.p50;
          metrics[`web_${count}_page_p95_ms`] = pages.p95;
          metrics[`web_${count}_failures`] = pages.failures;
          log(`${count} web process(es): ${pages.rps} pages/s (p50 ${pages.p50} ms)`);
        } finally {
          await proxy.close();
        }
      }
      ratios.web_3_vs_1_pages_per_s = round((metrics.web_3_pages_per_s ?? 0) / (metrics.web_1_pages_per_s ?? 1));
      await Promise.all(webs.map((web) => web.stop()));

      // --- Forecast jobs with 1 vs 3 workers. -------------------------------------------------
      const tableId = tenant.extra.bookings?.tableId ?? '';
      await admin`
        insert into public.orders (organization_id, property_id, kind, table_resource_id, status, currency, submitted_at, closed_at, created_at)
        select ${tenant.organizationId}, ${tenant.propertyIds[1]}, 'table', ${tableId}::uuid, 'closed', 'EUR',
          (d + time '20:00') at time zone 'Europe/Lisbon', (d + time '21:00') at time zone 'Europe/Lisbon',
          (d + time '20:00') at time zone 'Europe/Lisbon'
        from generate_series((now() at time zone 'Europe/Lisbon')::date - 120, (now() at time zone 'Europe/Lisbon')::date - 1, interval '1 day') as g(day)
        cross join lateral (select g.day::date as d) as day
        cross join lateral generate_series(1, 6)`;
      // The OCR jobs' images, staged once in Storage (outside the inbox: no job on upload).
      const storage = createClient(gateway.url, keys.secret_key, { auth: { persistSession: false } });
      const owner = { organizationId: tenant.organizationId, propertyId: tenant.propertyIds[0] as string };
      const receipts = await stageReceipts(
        storage,
        `${owner.organizationId}/${owner.propertyId}`,
        await receiptImages(OCR_JOBS, 5000),
      );
      for (const count of [1, 3]) {
        log(`starting ${count} worker process(es)`);
        const workers = await Promise.all(
          Array.from({ length: count }, () =>
            startWorkerProcess(
              { ...project, ROOST_WORKER_SESSION_DB_URL: directUrl },
              {
                kinds: ['forecast', 'ocr_receipt'],
                env: { ROOST_WEBHOOKS: 'off', ROOST_RETENTION: 'off', ROOST_GUEST_DATA: 'off' },
              },
            ),
          ),
        );
        processes.push(...workers);

        // Forecasts: from the first create_job to the last job done, worker start-up excluded.
        const started = process.hrtime.bigint();
        const ids: string[] = [];
        for (let i = 0; i < JOBS; i++) {
          const [row] = await asUser(
            admin,
            tenant.members.manager,
            (tx) =>
              tx`select id from public.create_job(${tenant.propertyIds[1]}, 'forecast', ${tx.json({ horizonDays: 7 })})`,
          );
          ids.push(row?.id as string);
        }
        const forecasts = await settle(admin, ids);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics[`workers_${count}_jobs_succeeded`] = forecasts.succeeded;
        metrics[`workers_${count}_forecast_jobs_per_s`] = round(JOBS / seconds, 2);
        log(`${count} worker(s): ${JOBS} forecast jobs in ${seconds.toFixed(1)} s`);

        // OCR: each worker loads the model on its first batch, so warm-up rounds (one batch per
        // worker) run until every worker has finished a job; then every image at once.
        // A round has one batch of 4 per worker (images reused when the quick run has fewer).
        const warmUp = Array.from({ length: 4 * count }, (_, i) => receipts[i % receipts.length] as string);
        for (let attempt = 0; attempt < 5; attempt++) {
          const done = await Promise.all(workers.map(ocrJobsDone));
          if (done.every((n) => n > 0)) break;
          await settle(admin, await queueReceiptJobs(admin, owner, warmUp));
        }
        const before = await Promise.all(workers.map(ocrJobsDone));
        if (before.some((n) => n === 0)) log(`a worker is still cold after the warm-up (${before.join(', ')} jobs)`);
        const ocr = await settle(admin, await queueReceiptJobs(admin, owner, receipts));
        const after = await Promise.all(workers.map(ocrJobsDone));
        metrics[`workers_${count}_ocr_jobs_succeeded`] = ocr.succeeded;
        metrics[`workers_${count}_ocr_jobs_per_s`] = round(OCR_JOBS / ocr.seconds, 2);
        const shares = after.map((n, i) => n - (before[i] ?? 0));
        log(
          `${count} worker(s): ${OCR_JOBS} OCR jobs in ${ocr.seconds.toFixed(1)} s (per worker: ${shares.join(', ')})`,
        );
        await Promise.all(workers.map((worker) => worker.stop()));
      }
      metrics.jobs = JOBS;
      metrics.ocr_jobs = OCR_JOBS;
      ratios.workers_3_vs_1_jobs_per_s = round(
        (metrics.workers_3_forecast_jobs_per_s ?? 0) / (metrics.workers_1_forecast_jobs_per_s ?? 1),
      );
      ratios.workers_3_vs_1_ocr_jobs_per_s = round(
        (metrics.workers_3_ocr_jobs_per_s ?? 0) / (metrics.workers_1_ocr_jobs_per_s ?? 1),
      );
    } finally {
      await gateway.close();
      await services.close?.();
    }
    metrics.load_avg_1m_end = round(loadavg()[0] ?? 0, 2);
    return { metrics, ratios };
  } finally {
    await Promise.all(processes.map((process) => process.stop().catch(() => undefined)));
    await Promise.all(pools.map((sql) => sql.end({ timeout: 1 })));
    await admin.end({ timeout: 1 });
    await pooler.stop();
    destroyCluster(cluster);
    rmSync(work, { recursive: true, force: true });
    rmSync(join(projectRoot, 'web', BUILD_DIR), { recursive: true, force: true });
  }
}
