// `npm run bench -- realtime`: commit-to-client latency (p50/p95/p99) and sustained delivered
// messages/s of the local Realtime server, for (a) database broadcast (realtime.send) to a
// private property topic and (b) postgres_changes on orders under RLS, each with 1, 100 and
// 1,000 subscribers (realtime-js, one socket each, in a worker thread), against a baseline of a
// raw LISTEN/NOTIFY round trip through the `postgres` driver in the same run. A last phase
// measures what RLS grouping saves: 100 subscribers as 100 distinct users (100 groups) vs the
// main phase's 10 users. BENCH_QUICK=1: 1 and 10 subscribers, a few messages (a smoke run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { connectionUrl, destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { recreateDatabase } from '../../supabase/local/database.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { createRealtimeService } from '../../supabase/local/realtime/index.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';
import { createFixture } from './fixture.ts';
import { burst, measurePhase, now, type PhasePlan, paced } from './phases.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const DATABASE = 'bench';
const SIZES = QUICK ? [1, 10] : [1, 100, 1000];
const USERS = 10;
const GROUPS_PHASE = QUICK ? 10 : 100;
// Latency is measured below saturation: at most about 10,000 deliveries/s (one message every 20 ms,
// or every n/10 ms for n subscribers), so it is not queueing behind a fan-out the machine cannot
// keep up with; what the machine can keep up with is the burst's msgs/s. The saturated latency of
// the earlier plan (every 20 ms at any size) is kept as the `_at_50_per_s` metrics at 1,000.
const latencyInterval = (subscribers: number) => Math.max(20, subscribers / 10);
const PLAN = (subscribers: number): PhasePlan => ({
  latencyMessages: QUICK ? 20 : 100,
  latencyIntervalMs: latencyInterval(subscribers),
  burstMessages: QUICK ? 50 : subscribers >= 1000 ? 300 : subscribers >= 100 ? 1000 : 2000,
  producers: 4,
});

function log(line: string): void {
  process.stderr.write(`realtime: ${line}\n`);
}

function summarize(key: string, latencies: number[], metrics: Record<string, number>): void {
  for (const p of [50, 95, 99]) metrics[`${key}_p${p}_ms`] = round(percentile(latencies, p));
}

export async function run(): Promise<BenchResult> {
  const started = now();
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  const dataDir = mkdtempSync(join(tmpdir(), 'roost-bench-realtime-'));
  try {
    await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
    const dbUrl = connectionUrl(cluster, DATABASE);
    const sql = postgres(dbUrl, { max: 12, onnotice: () => {} });
    // The throwaway cluster runs with synchronous_commit = off, which leaves commits to the WAL
    // writer (up to 200 ms later) and the walsender streams only flushed WAL; producers commit
    // as a production database does.
    const producer = postgres(dbUrl, { max: 4, onnotice: () => {}, connection: { synchronous_commit: 'on' } });
    const keys = await ensureLocalKeys({ file: join(dataDir, 'keys.json'), pins: {} });
    const config = readProjectConfig();
    const realtime = createRealtimeService({ sql, dbUrl, keys, config, dropSlotOnClose: true, streamAfterMs: 0 });
    const gateway = await startGateway({
      port: await freePort(),
      keys,
      config,
      services: { realtime: realtime.service },
    });
    const metrics: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    try {
      const fixture = await createFixture(sql, keys, Math.max(USERS, GROUPS_PHASE));
      const topic = `property:${fixture.propertyId}`;

      log('baseline: LISTEN/NOTIFY through the postgres driver');
      const listener = postgres(dbUrl, { max: 1, onnotice: () => {} });
      const notified: number[] = [];
      let lastNotified = 0;
      await listener.listen('bench_tick', (payload) => {
        lastNotified = now();
        notified.push(lastNotified - Number(payload));
      });
      const notify = (sentAt: number) => producer`select pg_notify('bench_tick', ${String(sentAt)})`;
      const plan = PLAN(1);
      await paced(notify, plan.latencyMessages, plan.latencyIntervalMs);
      while (notified.length < plan.latencyMessages) await new Promise((resolve) => setTimeout(resolve, 10));
      summarize('notify', notified.splice(0), metrics);
      const burstStart = now();
      await burst(notify, plan.burstMessages, plan.producers);
      while (notified.length < plan.burstMessages) await new Promise((resolve) => setTimeout(resolve, 10));
      metrics.notify_msgs_per_s = round((plan.burstMessages / (lastNotified - burstStart)) * 1000, 0);
      await listener.end();

      const produce = {
        broadcast: (sentAt: number) =>
          producer`select realtime.send(${producer.json({ sent: sentAt })}, 'tick', ${topic}, true)`,
        changes: (sentAt: number) => producer`
          insert into public.orders (organization_id, property_id, kind, currency, guest_name)
          values (${fixture.organizationId}, ${fixture.propertyId}, 'takeaway', 'EUR', ${String(sentAt)})`,
      };
      const phase = async (mode: 'broadcast' | 'changes', n: number, users: number, key: string) => {
        log(`${key}: ${n} subscribers as ${Math.min(users, n)} users`);
        const tokens = Array.from({ length: n }, (_, i) => fixture.tokens[i % users] as string);
        const target = mode === 'broadcast' ? topic : fixture.propertyId;
        const setup = { url: gateway.url, apikey: keys.publishable_key, tokens, mode, target };
        const result = await measurePhase(setup, produce[mode], PLAN(n));
        summarize(key, result.latenciesMs, metrics);
        if (n >= 1000 && !QUICK) {
          // The same subscribers at one message every 20 ms: past what two cores fan out.
          const saturated = { ...PLAN(n), latencyIntervalMs: 20, burstMessages: 0 };
          summarize(`${key}_at_50_per_s`, (await measurePhase(setup, produce[mode], saturated)).latenciesMs, metrics);
        }
        metrics[`${key}_msgs_per_s`] = round((result.delivered / result.burstMs) * 1000, 0);
        metrics[`${key}_events_per_s`] = round((result.delivered / n / result.burstMs) * 1000, 0);
      };
      for (const mode of ['broadcast', 'changes'] as const) {
        for (const n of SIZES) await phase(mode, n, USERS, `${mode}_${n}`);
      }
      await phase('changes', GROUPS_PHASE, GROUPS_PHASE, `changes_${GROUPS_PHASE}_distinct_users`);

      for (const mode of ['broadcast', 'changes']) {
        for (const n of SIZES) {
          for (const p of [50, 95]) {
            ratios[`${mode}_${n}_vs_notify_p${p}`] = round(
              (metrics[`${mode}_${n}_p${p}_ms`] ?? 0) / (metrics[`notify_p${p}_ms`] ?? 1),
            );
          }
        }
      }
      const shared = metrics[`changes_${GROUPS_PHASE}_events_per_s`] ?? 1;
      ratios.changes_distinct_users_vs_shared_events_per_s = round(
        (metrics[`changes_${GROUPS_PHASE}_distinct_users_events_per_s`] ?? 0) / shared,
      );
      metrics.users = USERS;
      metrics.total_s = round((now() - started) / 1000, 1);
      return { metrics, ratios };
    } finally {
      // Sockets first: the gateway's close waits for upgraded connections.
      await realtime.close();
      await gateway.close();
      await Promise.all([sql.end(), producer.end()]);
    }
  } finally {
    destroyCluster(cluster);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
