// `npm run bench -- worker`: OCR through the whole job queue (storage upload → job row → pg-boss →
// worker → result row) against a raw in-process loop calling the same engine on the same images in
// the same batch size (target ratio >= 0.9; the worker runs two batches at once, so one batch's
// download and database writes overlap the other's inference); upload-to-result latency p50/p95 one upload at a time;
// the worker process's RSS; forecast and no-show inference rows/s (Roost's own models, synthetic data).
// BENCH_QUICK=1 runs a seconds-long smoke version.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { addDays, FEATURE_COUNT, featureRow, MAX_LAG } from '../../gpu-worker/src/forecast/features.ts';
import { trainForecastModel } from '../../gpu-worker/src/forecast/model.ts';
import { syntheticSeries } from '../../gpu-worker/src/forecast/synthetic.ts';
import { bookingFeatures, NOSHOW_FEATURE_COUNT, trainNoShowModel } from '../../gpu-worker/src/noshow/index.ts';
import { syntheticBookings } from '../../gpu-worker/src/noshow/synthetic.ts';
import { createOcrEngine } from '../../gpu-worker/src/ocr/engine.ts';
import { openTrainedModel } from '../../gpu-worker/src/onnx/session.ts';
import { measureRowsPerSecond } from '../../gpu-worker/src/onnx/throughput.ts';
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { createStorageService } from '../../supabase/local/storage/index.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import { queueReceiptJobs, receiptImages, stageReceipts } from '../support/receipt-jobs.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const IMAGES = QUICK ? 8 : 48;
const LATENCY_SAMPLES = QUICK ? 3 : 20;
const BATCH = 4;
const DATABASE = 'bench';
const begun = Date.now();
const log = (line: string) => process.stderr.write(`worker: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rawImagesPerSecond(samples: Uint8Array[]): Promise<number> {
  const engine = await createOcrEngine();
  try {
    await engine.recognize(samples.slice(0, BATCH)); // warm-up
    const started = performance.now();
    for (let i = 0; i < samples.length; i += BATCH) await engine.recognize(samples.slice(i, i + BATCH));
    return samples.length / ((performance.now() - started) / 1000);
  } finally {
    await engine.close();
  }
}

async function waitAll(sql: Sql, ids: string[]): Promise<void> {
  for (;;) {
    const [row] = await sql<{ open: number; failed: number }[]>`
      select count(*) filter (where status in ('queued', 'running'))::int as open,
        count(*) filter (where status in ('failed', 'dead'))::int as failed
      from public.jobs where id = any(${ids}::uuid[])`;
    if (row?.failed) throw new Error(`worker bench: ${row.failed} jobs failed`);
    if (row?.open === 0) return;
    await sleep(10);
  }
}

function startWorkerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; metricsUrl: string }> {
  const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /metrics (\S+)/.exec(out);
      if (match?.[1]) resolve({ child, metricsUrl: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`worker process exited (${code})`)));
  });
}

async function workerRssMb(metricsUrl: string): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const match = /^roost_worker_process_resident_memory_bytes (\d+)/m.exec(text);
  return match?.[1] ? Number(match[1]) / 2 ** 20 : Number.NaN;
}

async function predictionRowsPerSecond(metrics: Record<string, number>): Promise<void> {
  const minSeconds = QUICK ? 0.2 : 2;
  const history = syntheticSeries({ days: 400, weekly: [80, 50, 50, 55, 60, 120, 140], season: 0.2, noise: 10 });
  const forecast = trainForecastModel(history);
  const values = history.days.map((day) => day.value);
  const first = history.days[0]?.date as string;
  const rows = values.slice(MAX_LAG).map((_, i) => featureRow(values, i + MAX_LAG, addDays(first, i + MAX_LAG)));
  const forecastSession = await openTrainedModel(forecast.onnx);
  const f = await measureRowsPerSecond(forecastSession, rows, FEATURE_COUNT, { batchSize: 1024, minSeconds });
  await forecastSession.release();
  const bookings = syntheticBookings({ count: 4000, seed: 7 });
  const noShow = trainNoShowModel(bookings.rows);
  const noShowSession = await openTrainedModel(noShow.onnx);
  const n = await measureRowsPerSecond(noShowSession, bookingFeatures(bookings.rows), NOSHOW_FEATURE_COUNT, {
    batchSize: 1024,
    minSeconds,
  });
  await noShowSession.release();
  metrics.forecast_inference_rows_per_s = Math.round(f.rowsPerSecond);
  metrics.noshow_inference_rows_per_s = Math.round(n.rowsPerSecond);
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-worker-'));
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  const sql = connectAdmin(cluster, DATABASE, 4);
  let child: ChildProcess | undefined;
  try {
    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const storage = createStorageService({ sql, keys, config, dataDir: join(work, 'data'), apiUrl });
    const gateway = await startGateway({ port, keys, config, services: { storage: storage.service } });
    const client = createClient(gateway.url, keys.secret_key, { auth: { persistSession: false } });
    const metrics: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    try {
      const [org] = await sql.begin(async (tx) => {
        const [user] =
          await tx`insert into auth.users (id, email) values (gen_random_uuid(), 'bench@example.test') returning id`;
        const rows = await tx`insert into public.organizations (slug, name) values ('bench', 'Bench') returning id`;
        await tx`insert into public.memberships (organization_id, user_id, role) values (${rows[0]?.id}, ${user?.id}, 'owner')`;
        return rows;
      });
      const [property] =
        await sql`insert into public.properties (organization_id, name) values (${org?.id}, 'Hotel') returning id`;
      const base = `${org?.id}/${property?.id}`;
      const samples = await receiptImages(IMAGES, 5000);
      log(`${IMAGES} rendered images; raw loop in batches of ${BATCH}`);
      metrics.raw_loop_images_per_s = round(await rawImagesPerSecond(samples), 3);

      const dbUrl = `postgres://postgres:${encodeURIComponent(cluster.password)}@127.0.0.1:${cluster.port}/${DATABASE}`;
      const started = await startWorkerProcess({
        BENCH_DB_URL: dbUrl,
        BENCH_API_URL: apiUrl,
        BENCH_SERVICE_KEY: keys.secret_key,
        BENCH_BATCH_SIZE: String(BATCH),
        BENCH_CONCURRENCY: '2',
      });
      child = started.child;
      // Stored first, outside the inbox; then every job is created in one transaction, so the
      // queue measure is the worker's (download, OCR, result) and not the uploads'.
      const names = await stageReceipts(client, base, samples);
      const owner = { organizationId: org?.id as string, propertyId: property?.id as string };
      await waitAll(sql, await queueReceiptJobs(sql, owner, names.slice(0, 1)));
      log('worker warm; queueing every image at once');
      const queueStarted = performance.now();
      await waitAll(sql, await queueReceiptJobs(sql, owner, names));
      metrics.queue_images_per_s = round(IMAGES / ((performance.now() - queueStarted) / 1000), 3);
      ratios.queue_vs_raw_loop_images_per_s = round(metrics.queue_images_per_s / metrics.raw_loop_images_per_s, 3);
      log(`queue ${metrics.queue_images_per_s} images/s vs raw ${metrics.raw_loop_images_per_s}`);

      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const name = `${base}/inbox/receipts/latency-${i}.png`;
        const t0 = performance.now();
        const { error } = await client.storage
          .from('documents')
          .upload(name, samples[i % samples.length] as Uint8Array, { contentType: 'image/png' });
        if (error) throw error;
        const [job] = await sql`select id from public.jobs where input ->> 'name' = ${name}`;
        await waitAll(sql, [job?.id as string]);
        latencies.push(performance.now() - t0);
      }
      latencies.sort((a, b) => a - b);
      metrics.upload_to_result_p50_ms = round(percentile(latencies, 50), 1);
      metrics.upload_to_result_p95_ms = round(percentile(latencies, 95), 1);
      metrics.worker_rss_mb = round(await workerRssMb(started.metricsUrl), 1);
      log(
        `upload to result p50 ${metrics.upload_to_result_p50_ms} ms, p95 ${metrics.upload_to_result_p95_ms} ms; worker RSS ${metrics.worker_rss_mb} MB`,
      );
      child.kill('SIGTERM');
      await new Promise((resolve) => child?.once('exit', resolve));
      child = undefined;

      await predictionRowsPerSecond(metrics);
      log(
        `forecast ${metrics.forecast_inference_rows_per_s} rows/s, no-show ${metrics.noshow_inference_rows_per_s} rows/s`,
      );
      metrics.images = IMAGES;
      metrics.batch_size = BATCH;
      metrics.worker_concurrency = 2;
      metrics.quick = QUICK ? 1 : 0;
      metrics.total_s = round((Date.now() - begun) / 1000, 2);
      return { metrics, ratios };
    } finally {
      child?.kill('SIGKILL');
      await gateway.close();
      await storage.close();
    }
  } finally {
    await sql.end();
    destroyCluster(cluster);
    rmSync(work, { recursive: true, force: true });
  }
}
