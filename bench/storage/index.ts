// `npm run bench -- storage`: bytes through the local Storage API. storage-js uploads and downloads
// 1 MiB and 50 MiB objects through the gateway (streamed from and to files), against a plain `fs`
// stream copy of the same bytes in the same run; then one 200 MiB object is uploaded and downloaded
// while the process's RSS is sampled: its growth shows that neither side holds the object whole. The big
// upload is sent with node:http piping the file, because Node's fetch (under storage-js) was measured to
// hold a streamed request body in memory itself (kept as a separate metric: the client's cost, not the
// server's).
// BENCH_QUICK=1 runs a seconds-long smoke version (small sizes, few rounds).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { createStorageService } from '../../supabase/local/storage/index.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const MiB = 1024 * 1024;
const SIZES = QUICK
  ? [
      { label: '1mib', bytes: MiB, rounds: 3 },
      { label: '50mib', bytes: 50 * MiB, rounds: 1 },
    ]
  : [
      { label: '1mib', bytes: MiB, rounds: 60 },
      { label: '50mib', bytes: 50 * MiB, rounds: 4 },
    ];
const BIG = QUICK ? 32 * MiB : 200 * MiB;
const BUCKET = 'bench';

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`storage: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

async function writeRandomFile(path: string, size: number): Promise<void> {
  async function* chunks() {
    for (let written = 0; written < size; written += MiB) yield randomBytes(Math.min(MiB, size - written));
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
}

/** Seconds taken by `fn`. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function upload(client: SupabaseClient, key: string, source: string) {
  return async () => {
    const body = Readable.toWeb(createReadStream(source)) as ReadableStream;
    const { error } = await client.storage
      .from(BUCKET)
      .upload(key, body, { contentType: 'application/octet-stream', upsert: true });
    if (error) throw error;
  };
}

/** The same upload as storage-js sends it, through node:http piping the file (streams with backpressure). */
function httpUpload(apiUrl: string, key: string, objectKey: string, source: string) {
  return () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        `${apiUrl}/storage/v1/object/${BUCKET}/${objectKey}`,
        {
          method: 'POST',
          headers: {
            apikey: key,
            authorization: `Bearer ${key}`,
            'content-type': 'application/octet-stream',
            'x-upsert': 'true',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`storage bench: upload answered ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      pipeline(createReadStream(source), req).catch(reject);
    });
}

function download(client: SupabaseClient, key: string, target: string) {
  return async () => {
    const { data, error } = await client.storage.from(BUCKET).download(key).asStream();
    if (error) throw error;
    await pipeline(Readable.fromWeb(data as never), createWriteStream(target));
  };
}

function fsCopy(source: string, target: string) {
  return () => pipeline(createReadStream(source), createWriteStream(target));
}

/** Peak RSS above the level before `fn`, sampled every 10 ms. */
async function peakRssGrowth(fn: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return (peak - before) / MiB;
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-storage-'));
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, BUCKET, TEMPLATE_DATABASE);
  const sql = connectAdmin(cluster, BUCKET, 8);
  try {
    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const config = { ...readProjectConfig(), storage: { file_size_limit: '1GiB' } };
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const storage = createStorageService({ sql, keys, config, dataDir: join(work, 'data'), apiUrl });
    const gateway = await startGateway({ port, keys, config, services: { storage: storage.service } });
    const client = createClient(gateway.url, keys.secret_key, { auth: { persistSession: false } });
    const metrics: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    try {
      const created = await client.storage.createBucket(BUCKET, { public: false });
      if (created.error) throw created.error;
      for (const size of SIZES) {
        const source = join(work, `source-${size.label}`);
        await writeRandomFile(source, size.bytes);
        await upload(client, `warm-${size.label}`, source)(); // first request compiles and connects
        let up = 0;
        let down = 0;
        let copy = 0;
        for (let i = 0; i < size.rounds; i++) {
          up += await timed(upload(client, `${size.label}/${i}`, source));
          down += await timed(download(client, `${size.label}/${i}`, join(work, `down-${size.label}`)));
          copy += await timed(fsCopy(source, join(work, `copy-${size.label}`)));
        }
        const mib = (size.bytes * size.rounds) / MiB;
        metrics[`upload_${size.label}_mib_per_s`] = round(mib / up, 2);
        metrics[`download_${size.label}_mib_per_s`] = round(mib / down, 2);
        metrics[`fs_copy_${size.label}_mib_per_s`] = round(mib / copy, 2);
        ratios[`upload_${size.label}_vs_fs_copy_mib_per_s`] = round(copy / up);
        ratios[`download_${size.label}_vs_fs_copy_mib_per_s`] = round(copy / down);
        log(
          `${size.label}: upload ${metrics[`upload_${size.label}_mib_per_s`]} MiB/s, download ${metrics[`download_${size.label}_mib_per_s`]} MiB/s, fs copy ${metrics[`fs_copy_${size.label}_mib_per_s`]} MiB/s`,
        );
      }
      const big = join(work, 'source-big');
      await writeRandomFile(big, BIG);
      const label = `${BIG / MiB}mib`;
      metrics.big_object_mib = BIG / MiB;
      metrics.upload_big_peak_rss_growth_mib = round(
        await peakRssGrowth(httpUpload(gateway.url, keys.secret_key, 'big', big)),
        2,
      );
      metrics.upload_big_storage_js_peak_rss_growth_mib = round(
        await peakRssGrowth(upload(client, 'big-storage-js', big)),
        2,
      );
      const target = join(work, 'down-big');
      metrics.download_big_peak_rss_growth_mib = round(await peakRssGrowth(download(client, 'big', target)), 2);
      if (statSync(target).size !== BIG) throw new Error('storage bench: the big download is incomplete');
      // The control: what holding the object whole in memory looks like to the same probe.
      metrics.buffered_read_big_peak_rss_growth_mib = round(await peakRssGrowth(() => readFile(big)), 2);
      ratios.upload_big_rss_growth_vs_object_size = round(metrics.upload_big_peak_rss_growth_mib / (BIG / MiB));
      ratios.download_big_rss_growth_vs_object_size = round(metrics.download_big_peak_rss_growth_mib / (BIG / MiB));
      log(
        `${label}: peak RSS growth upload ${metrics.upload_big_peak_rss_growth_mib} MiB, download ` +
          `${metrics.download_big_peak_rss_growth_mib} MiB (reading it whole: ${metrics.buffered_read_big_peak_rss_growth_mib} MiB); ` +
          `storage-js upload over Node's fetch ${metrics.upload_big_storage_js_peak_rss_growth_mib} MiB`,
      );
      metrics.quick = QUICK ? 1 : 0;
      metrics.total_s = round((Date.now() - begun) / 1000, 2);
      return { metrics, ratios };
    } finally {
      await gateway.close();
      await storage.close();
    }
  } finally {
    await sql.end();
    destroyCluster(cluster);
    rmSync(work, { recursive: true, force: true });
  }
}
