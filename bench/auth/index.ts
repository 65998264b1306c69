// `npm run bench -- auth`: password sign-ins and refresh grants per second through the gateway with
// supabase-js at a few concurrencies (p50/p95 per request), against the bare bcrypt verify at
// cost 10 measured in the same run: a sign-in can never beat one bcrypt compare on this core.
// BENCH_QUICK=1 runs a seconds-long smoke version.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash as bcryptHash, verify as bcryptVerify } from '@node-rs/bcrypt';
import { createClient } from '@supabase/supabase-js';
import { createAuthService } from '../../supabase/local/auth/service.ts';
import { destroyCluster } from '../../supabase/local/cluster.ts';
import { readProjectConfig } from '../../supabase/local/config.ts';
import { connectAdmin, recreateDatabase } from '../../supabase/local/database.ts';
import { startGateway } from '../../supabase/local/gateway/server.ts';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';
import { freePort, startThrowawayCluster, TEMPLATE_DATABASE } from '../../supabase/local/throwaway.ts';
import { percentile, round } from '../rls/stats.ts';
import type { BenchResult } from '../run.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const CONCURRENCY = QUICK ? [1, 4] : [1, 4, 16];
const SECONDS = QUICK ? 1 : 12;
const PASSWORD = 'bench-password-123';
const USERS = 16;

const begun = Date.now();
function log(line: string): void {
  process.stderr.write(`auth: ${((Date.now() - begun) / 1000).toFixed(1)}s ${line}\n`);
}

interface Load {
  rps: number;
  p50: number;
  p95: number;
}

/** Runs `concurrency` loops of `op(worker)` for SECONDS; requests per second and latency percentiles. */
async function load(concurrency: number, op: (worker: number) => Promise<void>): Promise<Load> {
  const samples: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        await op(worker);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { rps: samples.length / seconds, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Sequential bcrypt verifies (the same native binding Auth uses) at cost 10 per second: the floor of a password sign-in. */
async function bcryptBaseline(hash: string): Promise<number> {
  let count = 0;
  const until = Date.now() + SECONDS * 1000;
  const start = process.hrtime.bigint();
  while (Date.now() < until) {
    if (!(await bcryptVerify(PASSWORD, hash))) throw new Error('auth bench: baseline compare failed');
    count += 1;
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'roost-bench-auth-'));
  log('starting a throwaway cluster');
  const cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, 'bench_auth', TEMPLATE_DATABASE);
  const sql = connectAdmin(cluster, 'bench_auth', 16);
  try {
    const keys = await ensureLocalKeys({ file: join(work, 'keys.json'), pins: {} });
    const base = readProjectConfig();
    const unlimited = 1_000_000_000;
    const config = {
      ...base,
      auth: {
        ...base.auth,
        rate_limit: { ...base.auth.rate_limit, token_refresh: unlimited, sign_in_sign_ups: unlimited },
      },
    };
    const hash = await bcryptHash(PASSWORD, 10);
    const emails = Array.from({ length: USERS }, (_, i) => `bench-${i}@example.com`);
    for (const email of emails) {
      const id = randomUUID();
      await sql`
        insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
          raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
        values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, ${hash},
          now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`;
      await sql`
        insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
        values (${id}, ${id}, ${sql.json({ sub: id, email })}, 'email', now(), now())`;
    }
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const auth = createAuthService({ sql, keys, config, apiUrl });
    const gateway = await startGateway({ port, keys, config, services: { auth: auth.service } });
    const users = emails.map((email) => ({
      email,
      client: createClient(gateway.url, keys.publishable_key, {
        auth: { persistSession: false, autoRefreshToken: false },
      }),
    }));
    const userOf = (worker: number) => users[worker % USERS] as (typeof users)[number];
    const metrics: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    try {
      const signIn = async (worker: number) => {
        const { client, email } = userOf(worker);
        const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
        if (error) throw error;
      };
      await signIn(0); // first request compiles and connects
      metrics.bcrypt_verify_per_s = round(await bcryptBaseline(hash), 2);
      log(`bcrypt baseline ${metrics.bcrypt_verify_per_s}/s`);
      for (const c of CONCURRENCY) {
        const r = await load(c, signIn);
        metrics[`password_sign_in_c${c}_rps`] = round(r.rps, 2);
        metrics[`password_sign_in_c${c}_p50_ms`] = round(r.p50, 2);
        metrics[`password_sign_in_c${c}_p95_ms`] = round(r.p95, 2);
        ratios[`password_sign_in_c${c}_vs_bcrypt_verify_rps`] = round(r.rps / metrics.bcrypt_verify_per_s);
        log(`sign-in c=${c}: ${round(r.rps, 1)}/s p50 ${round(r.p50, 1)} ms p95 ${round(r.p95, 1)} ms`);
      }
      for (const c of CONCURRENCY) {
        const tokens: string[] = [];
        for (let w = 0; w < c; w += 1) {
          const { client, email } = userOf(w);
          const { data, error } = await client.auth.signInWithPassword({
            email,
            password: PASSWORD,
          });
          if (error) throw error;
          tokens[w] = data.session?.refresh_token as string;
        }
        const r = await load(c, async (w) => {
          const { data, error } = await userOf(w).client.auth.refreshSession({ refresh_token: tokens[w] as string });
          if (error) throw error;
          tokens[w] = data.session?.refresh_token as string;
        });
        metrics[`refresh_c${c}_rps`] = round(r.rps, 2);
        metrics[`refresh_c${c}_p50_ms`] = round(r.p50, 2);
        metrics[`refresh_c${c}_p95_ms`] = round(r.p95, 2);
        ratios[`refresh_c${c}_vs_bcrypt_verify_rps`] = round(r.rps / metrics.bcrypt_verify_per_s);
        log(`refresh c=${c}: ${round(r.rps, 1)}/s p50 ${round(r.p50, 1)} ms p95 ${round(r.p95, 1)} ms`);
      }
      metrics.quick = QUICK ? 1 : 0;
      metrics.total_s = round((Date.now() - begun) / 1000, 2);
      return { metrics, ratios };
    } finally {
      await gateway.close();
      await auth.close();
    }
  } finally {
    await sql.end();
    destroyCluster(cluster);
    rmSync(work, { recursive: true, force: true });
  }
}
