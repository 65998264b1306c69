// `npm run bench -- functions`: what the gateway's proxy costs. Concurrent GETs to a trivial
// function through the gateway (`/functions/v1/<name>`, verify_jwt off, and on with a user's ES256
// access token) against the same warm Deno process's own loopback port in the same run (the
// baseline), in alternating rounds; then the cold start: restart → first answer through the gateway.
// No database: the function never touches one. BENCH_QUICK=1 runs a seconds-long smoke version.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { createFunctionsService } from '../../supabase/local/functions/index.ts';
import { signJwt } from '../../supabase/local/gateway/jwt.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { userClaims } from '../../supabase/local/rls-request.ts';
import { freePort } from '../../supabase/local/throwaway.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const CONCURRENCY = 16;
const ROUND_MS = QUICK ? 500 : 10_000;
const ROUNDS = QUICK ? 1 : 3;
const COLD_STARTS = QUICK ? 2 : 10;
const OPEN = 'trivial';
const VERIFIED = 'trivial-verified';

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`functions: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

interface Target {
  url: string;
  headers: Record<string, string>;
}

/** `CONCURRENCY` loops of sequential GETs for `ms`: each request's latency (ms) and the wall time. */
async function load(target: Target, ms: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  const until = start + ms;
  const worker = async () => {
    while (performance.now() < until) {
      const sent = performance.now();
      const response = await fetch(target.url, { headers: target.headers });
      if (response.status !== 200) throw new Error(`${target.url}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { latencies, seconds: (performance.now() - start) / 1000 };
}

function writeFunction(dir: string, name: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'index.ts'), `Deno.serve(() => new Response('ok'));\n`);
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-functions-'));
  const functionsDir = join(work, 'functions');
  mkdirSync(functionsDir);
  writeFunction(functionsDir, OPEN);
  writeFunction(functionsDir, VERIFIED);
  const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
  const base = readProjectConfig();
  const config = { ...base, functions: { [OPEN]: { verify_jwt: false }, [VERIFIED]: { verify_jwt: true } } };
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const functions = createFunctionsService({
    keys,
    config,
    dbUrl: 'postgres://unused@127.0.0.1:1/unused',
    apiUrl,
    functionsDir,
    denoDir: join(work, 'deno'),
  });
  const gateway = await startGateway({ port, keys, config, services: { functions: functions.service } });
  try {
    const token = await signJwt(keys, userClaims({ id: crypto.randomUUID(), email: 'bench@example.test' }));
    const apikey = { apikey: keys.publishable_key };
    const { port: directPort } = await functions.warm(OPEN);
    await functions.warm(VERIFIED);
    const targets: Record<string, Target> = {
      direct: { url: `http://127.0.0.1:${directPort}/${OPEN}`, headers: {} },
      gateway: { url: `${apiUrl}/functions/v1/${OPEN}`, headers: apikey },
      gateway_verified: {
        url: `${apiUrl}/functions/v1/${VERIFIED}`,
        headers: { ...apikey, Authorization: `Bearer ${token}` },
      },
    };
    for (const target of Object.values(targets)) await load(target, 200); // warm-up
    const samples: Record<string, { latencies: number[]; seconds: number }> = {};
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [mode, target] of Object.entries(targets)) {
        const result = await load(target, ROUND_MS);
        const kept = samples[mode] ?? { latencies: [], seconds: 0 };
        samples[mode] = kept;
        kept.latencies.push(...result.latencies);
        kept.seconds += result.seconds;
        log(`round ${round} ${mode}: ${Math.round(result.latencies.length / result.seconds)} req/s`);
      }
    }

    const coldStarts: number[] = [];
    for (let attempt = 0; attempt < COLD_STARTS; attempt += 1) {
      functions.restart(OPEN);
      const start = performance.now();
      const response = await fetch(targets.gateway?.url ?? '', { headers: apikey });
      await response.text();
      coldStarts.push(performance.now() - start);
    }
    log(`cold starts: ${coldStarts.map((ms) => Math.round(ms)).join(', ')} ms`);

    const metrics: Record<string, number> = { concurrency: CONCURRENCY };
    for (const [mode, { latencies, seconds }] of Object.entries(samples)) {
      metrics[`${mode}_rps`] = round(latencies.length / seconds, 1);
      metrics[`${mode}_p50_ms`] = round(percentile(latencies, 50));
      metrics[`${mode}_p95_ms`] = round(percentile(latencies, 95));
      metrics[`${mode}_requests`] = latencies.length;
    }
    metrics.cold_start_p50_ms = round(percentile(coldStarts, 50), 1);
    metrics.cold_start_max_ms = round(Math.max(...coldStarts), 1);
    const m = (key: string) => metrics[key] ?? Number.NaN;
    return {
      metrics,
      ratios: {
        gateway_vs_direct_rps: round(m('gateway_rps') / m('direct_rps')),
        gateway_vs_direct_p50: round(m('gateway_p50_ms') / m('direct_p50_ms')),
        gateway_vs_direct_p95: round(m('gateway_p95_ms') / m('direct_p95_ms')),
        gateway_verified_vs_direct_rps: round(m('gateway_verified_rps') / m('direct_rps')),
        gateway_verified_vs_direct_p50: round(m('gateway_verified_p50_ms') / m('direct_p50_ms')),
      },
    };
  } finally {
    await gateway.close();
    await functions.close();
    rmSync(work, { recursive: true, force: true });
  }
}
