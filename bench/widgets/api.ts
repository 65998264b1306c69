// bench/widgets, the API part (widget-api, decision 034): public availability and quote p50/p95
// through the gateway and the widget-api function (key and Origin check, rate-limit admission,
// zod, the RPC as anon) against the same RPC called directly with postgres.js as anon, in the same
// run, on the demo data (supabase/seed.sql: Harbour View Hotel, key wk_demo_harbour_hotel).
// One function per measure; index.ts assembles them with the embed helper's browser measures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import type { Cluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, quoteIdent } from '../../supabase/local/database.ts';
import { createFunctionsService } from '../../supabase/local/functions/index.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { seed } from '../../supabase/local/migrate.ts';
import { projectRoot } from '../../supabase/local/paths.ts';
import { freePort, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { percentile, round } from '../rls/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SAMPLES = QUICK ? 30 : 400;
const WARMUP = QUICK ? 5 : 40;
const DATABASE = 'bench_widgets';
const KEY = 'wk_demo_harbour_hotel';
const ORIGIN = 'http://localhost:8080';
const SUPERIOR = 'd0000000-0000-4000-8000-000000000002';

export interface WidgetApiTarget {
  url: string;
  direct: Sql;
  close: () => Promise<void>;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The demo database, the gateway with the widget-api function, and a direct connection. */
export async function startWidgetApi(cluster: Cluster, log: (line: string) => void): Promise<WidgetApiTarget> {
  const maintenance = connectAdmin(cluster, 'template1', 1);
  await maintenance.unsafe(`create database ${quoteIdent(DATABASE)} template ${quoteIdent(TEMPLATE_DATABASE)}`);
  await maintenance.end();
  const admin = connectAdmin(cluster, DATABASE, 2);
  await seed(admin);
  // The bench is one client address: lift the demo key's limits so it measures work, not 429s.
  await admin`update public.widget_keys set rate_limit_per_minute = 100000, address_limit_per_minute = 100000 where key = ${KEY}`;
  log('demo data loaded');
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-widgets-'));
  const envFile = join(work, 'functions.env');
  writeFileSync(envFile, 'SITE_URL=http://127.0.0.1:3000\n');
  const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
  const base = readProjectConfig();
  const config = { ...base, functions: { ...base.functions, 'widget-api': { verify_jwt: false } } };
  const port = await freePort();
  const dbUrl = `postgres://postgres:${encodeURIComponent(cluster.password)}@127.0.0.1:${cluster.port}/${DATABASE}`;
  const functions = createFunctionsService({
    keys,
    config,
    dbUrl,
    apiUrl: `http://127.0.0.1:${port}`,
    functionsDir: join(projectRoot, 'functions'),
    envFile,
    denoDir: join(work, 'deno'),
    log: () => {},
  });
  const gateway = await startGateway({ port, keys, config, services: { functions: functions.service } });
  const direct = connectAdmin(cluster, DATABASE, 1);
  return {
    url: `${gateway.url}/functions/v1/widget-api`,
    direct,
    close: async () => {
      // Each step bounded: a hung close must not keep the cluster (removed by the caller) alive.
      await bounded('gateway', gateway.close(), log);
      await bounded('functions', functions.close(), log);
      await bounded('connections', Promise.all([direct.end({ timeout: 5 }), admin.end({ timeout: 5 })]), log);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

async function bounded(name: string, closing: Promise<unknown>, log: (line: string) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log(`${name} did not close within 10 s; going on`);
      resolve();
    }, 10_000);
  });
  await Promise.race([closing.then(() => undefined), late]);
  clearTimeout(timer);
}

/** Sequential latencies (ms) of `call`, after a warm-up. */
async function sample(call: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await call();
  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await call();
    latencies.push(performance.now() - start);
  }
  return latencies;
}

async function viaApi(target: WidgetApiTarget, path: string): Promise<void> {
  const response = await fetch(`${target.url}${path}`, { headers: { 'x-roost-widget-key': KEY, origin: ORIGIN } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body}`);
}

async function viaRpc(target: WidgetApiTarget, text: string, args: unknown[]): Promise<void> {
  await target.direct.begin(async (tx) => {
    await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
    await tx.unsafe(text, args as never[]);
  });
}

function stats(name: string, api: number[], rpc: number[]) {
  const p = (values: number[], q: number) => round(percentile(values, q * 100), 3);
  return {
    metrics: {
      [`${name}_api_p50_ms`]: p(api, 0.5),
      [`${name}_api_p95_ms`]: p(api, 0.95),
      [`${name}_rpc_p50_ms`]: p(rpc, 0.5),
      [`${name}_rpc_p95_ms`]: p(rpc, 0.95),
    },
    ratios: {
      [`${name}_api_vs_rpc_p50`]: round(percentile(api, 50) / percentile(rpc, 50), 2),
      [`${name}_api_vs_rpc_p95`]: round(percentile(api, 95) / percentile(rpc, 95), 2),
    },
  };
}

/** GET /availability (two nights, two guests, 30 days ahead) vs public.widget_availability. */
export async function measureAvailability(target: WidgetApiTarget) {
  const [from, to] = [day(30), day(32)];
  const api = await sample(() => viaApi(target, `/availability?from=${from}&to=${to}&guests=2`));
  const rpc = await sample(() =>
    viaRpc(target, 'select public.widget_availability($1, $2, $3, $4)', [KEY, from, to, 2]),
  );
  return stats('availability', api, rpc);
}

/** GET /quote (the Superior room type) vs public.widget_quote. */
export async function measureQuote(target: WidgetApiTarget) {
  const [from, to] = [day(30), day(32)];
  const api = await sample(() => viaApi(target, `/quote?resource_type_id=${SUPERIOR}&from=${from}&to=${to}&guests=2`));
  const rpc = await sample(() =>
    viaRpc(target, 'select public.widget_quote($1, $2, $3, $4, $5)', [KEY, SUPERIOR, from, to, 2]),
  );
  return stats('quote', api, rpc);
}
