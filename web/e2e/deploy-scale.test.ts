// Scale-out (issue 18 item 7, decision 040): three web app servers on the production build behind
// a loopback round-robin proxy and three GPU worker processes, all on one database, the workers
// through a transaction-mode pooler (PgBouncer) with LISTEN on the session URL. A session signed
// in on one server works on the others; every job runs exactly once; realtime reaches the clients
// whose sessions came from each server; killing one web server and one worker (SIGKILL) in the
// middle of the load loses nothing: the proxy retries page loads that reached the dead server's
// closed port (as nginx's proxy_next_upstream does), the dead worker's job is retried from its
// stopped heartbeat and succeeds once.
import { createClient, type RealtimeChannel } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPlatformServices } from '../../supabase/local/platform-services.ts';
import { type Pooler, startPooler } from '../../supabase/local/testing/pgbouncer.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from '../../supabase/local/testing/round-robin-proxy.ts';
import {
  type AppProcess,
  type ProjectEnv,
  startWebServerProcess,
  startWorkerProcess,
} from '../../supabase/local/testing/scale-out.ts';
import { useTestStack } from '../../supabase/local/testing/test-stack.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';

const JOBS = 18;
// biome-ignore lint/correctness/useHookAtTopLevel: a Vitest helper (beforeAll/afterAll), not a React hook.
const stack = useTestStack({ services: (deps) => startPlatformServices(deps) });
let pooler: Pooler;
let proxy: RoundRobinProxy;
let tenant: Tenant;
const webs: AppProcess[] = [];
const workers: AppProcess[] = [];
const manager = { email: '', password: 'scale-out-password-1' };

beforeAll(async () => {
  const { port, password } = inject('database');
  const database = new URL(stack.dbUrl).pathname.slice(1);
  pooler = await startPooler({ serverPort: port, user: 'postgres', password, poolSize: 10 });
  tenant = await createTenant(stack.admin, 'scale');
  // The test tenant's users have no password; the manager gets one to sign in through the app.
  const { data, error } = await stack
    .client(stack.keys.secret_key)
    .auth.admin.updateUserById(tenant.members.manager.id, { password: manager.password });
  if (error) throw error;
  manager.email = data.user?.email ?? '';
  // Four months of dinner orders: the restaurant's covers forecast (a real job) has history.
  const ids = tenant.extra.bookings as Record<string, string>;
  await stack.admin`
    insert into public.orders (organization_id, property_id, kind, table_resource_id, status, currency, submitted_at, closed_at, created_at)
    select ${tenant.organizationId}, ${tenant.propertyIds[1]}, 'table', ${ids.tableId as string}::uuid, 'closed', 'EUR',
      (d + time '20:00') at time zone 'Europe/Lisbon', (d + time '21:00') at time zone 'Europe/Lisbon',
      (d + time '20:00') at time zone 'Europe/Lisbon'
    from generate_series((now() at time zone 'Europe/Lisbon')::date - 120, (now() at time zone 'Europe/Lisbon')::date - 1, interval '1 day') as g(day)
    cross join lateral (select g.day::date as d) as day
    cross join lateral generate_series(1, 6)`;

  const project: ProjectEnv = {
    SUPABASE_URL: stack.url,
    SUPABASE_PUBLISHABLE_KEY: stack.keys.publishable_key,
    SUPABASE_SECRET_KEY: stack.keys.secret_key,
    SUPABASE_DB_URL: pooler.url(database),
  };
  // Web servers first, then workers: six processes loading at once on two busy cores take minutes.
  webs.push(...(await Promise.all([0, 1, 2].map(() => startWebServerProcess(project, { timeoutMs: 150_000 })))));
  for (let i = 0; i < 3; i++) {
    workers.push(
      await startWorkerProcess(
        { ...project, ROOST_WORKER_SESSION_DB_URL: stack.dbUrl },
        {
          kinds: ['forecast'],
          env: { ROOST_WEBHOOKS: 'off', ROOST_RETENTION: 'off', ROOST_GUEST_DATA: 'off' },
          timeoutMs: 150_000,
        },
      ),
    );
  }
  proxy = await startRoundRobinProxy(webs.map((web) => web.url));
}, 600_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all([...webs, ...workers].map((process) => process.stop()));
  await pooler?.stop();
});

/** A cookie jar of one browser. */
class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  /** The session @supabase/ssr keeps in its cookie (base64-, maybe chunked), as the browser client reads it. */
  session(): { access_token: string } {
    const names = [...this.cookies.keys()].filter((name) => /^sb-.*-auth-token(\.\d+)?$/.test(name)).sort();
    const raw = names.map((name) => decodeURIComponent(this.cookies.get(name) ?? '')).join('');
    const json = raw.startsWith('base64-') ? Buffer.from(raw.slice(7), 'base64url').toString('utf8') : raw;
    return JSON.parse(json) as { access_token: string };
  }
}

async function send(jar: Jar, path: string, init: RequestInit = {}): Promise<{ response: Response; upstream: number }> {
  const response = await fetch(`${proxy.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { cookie: jar.header(), origin: proxy.url, ...(init.headers as Record<string, string>) },
  });
  jar.take(response);
  return { response, upstream: Number(response.headers.get('x-upstream')) };
}

async function signIn(jar: Jar): Promise<number> {
  const { response, upstream } = await send(jar, '/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: manager.email, password: manager.password, redirectTo: `/o/${tenant.slug}` }),
  });
  expect(response.status, await response.clone().text()).toBe(302);
  return upstream;
}

describe('three web servers and three workers on one database', () => {
  const jars: Jar[] = [];

  it('keeps a session signed in on one server on every other one', async () => {
    for (let i = 0; i < 3; i++) {
      const jar = new Jar();
      const signedInOn = await signIn(jar);
      const seen = new Set<number>();
      for (let page = 0; page < 3; page++) {
        const { response, upstream } = await send(jar, `/o/${tenant.slug}`);
        expect(response.status, `the organization page from server ${upstream}`).toBe(200);
        expect(await response.text()).toContain('Org scale');
        seen.add(upstream);
      }
      expect(seen.size, `the session made on server ${signedInOn} worked on all three`).toBe(3);
      jars.push(jar);
    }
  });

  it('runs every job once, reaches every client by realtime, and loses nothing when a server and a worker die', async () => {
    // One realtime client per browser, each signed in through a different server.
    const heard = jars.map(() => new Set<string>());
    const channels: RealtimeChannel[] = [];
    for (const [index, jar] of jars.entries()) {
      const client = createClient(stack.url, stack.keys.publishable_key, {
        auth: { persistSession: false, autoRefreshToken: false },
      });
      await client.realtime.setAuth(jar.session().access_token);
      const channel = client
        .channel(`scale-${index}`)
        .on(
          'postgres_changes',
          { event: 'UPDATE', schema: 'public', table: 'jobs', filter: `organization_id=eq.${tenant.organizationId}` },
          (change) => {
            const row = change.new as { id: string; status: string };
            if (row.status === 'succeeded') heard[index]?.add(row.id);
          },
        );
      await new Promise<void>((resolve, reject) =>
        channel.subscribe((status, error) => {
          if (status === 'SUBSCRIBED') resolve();
          else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(error ?? new Error(status));
        }),
      );
      channels.push(channel);
    }

    // Page loads keep coming from three browsers while the jobs run.
    let loading = true;
    const pages: number[] = [];
    const load = Promise.all(
      jars.map(async (jar) => {
        while (loading) {
          const { response } = await send(jar, `/o/${tenant.slug}`);
          pages.push(response.status);
          await response.arrayBuffer();
        }
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const [row] = await asUser(
        stack.admin,
        tenant.members.manager,
        (tx) =>
          tx`select id from public.create_job(${tenant.propertyIds[1]}, 'forecast', ${tx.json({ horizonDays: 7 })})`,
      );
      ids.push(row?.id as string);
    }
    // Mid-load: one worker with a job in hand and one web server die without a goodbye.
    const victim = await waitFor(
      'a worker with a job in hand',
      async () => {
        const [row] = await stack.admin<{ n: number }[]>`
          select count(*)::int as n from pgboss.job where name = 'forecast' and state = 'active'`;
        return (row?.n ?? 0) > 0 || undefined;
      },
      30_000,
    ).then(() => workers[0] as AppProcess);
    await Promise.all([victim.kill(), webs[1]?.kill()]);

    const done = await waitFor(
      `${JOBS} jobs to finish`,
      async () => {
        const rows = await stack.admin<{ status: string; n: number }[]>`
          select status, count(*)::int as n from public.jobs where id = any(${ids}::uuid[]) group by status`;
        const finished = rows.filter((row) => ['succeeded', 'failed', 'dead'].includes(row.status));
        return finished.reduce((sum, row) => sum + row.n, 0) === JOBS ? rows : undefined;
      },
      90_000,
    );
    loading = false;
    await load;
    expect(done, 'every job succeeded').toEqual([{ status: 'succeeded', n: JOBS }]);
    const completions = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.audit_log
      where table_name = 'jobs' and row_id = any(${ids}::text[]) and new_data ->> 'status' = 'succeeded'
        and (old_data is null or old_data ->> 'status' <> 'succeeded')
      group by row_id`;
    expect(
      completions.map((row) => row.n),
      'each job completed exactly once',
    ).toEqual(ids.map(() => 1));
    const [retried] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.jobs where id = any(${ids}::uuid[]) and attempts > 1`;
    console.info(
      `scale-out: ${retried?.n ?? 0} job(s) retried after the worker died; ${proxy.retried} request(s) retried by the proxy`,
    );
    const [forecasts] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.jobs
      where id = any(${ids}::uuid[]) and jsonb_array_length(result -> 'days') = 7`;
    expect(forecasts?.n, "each job kept its forecast's seven days").toBe(JOBS);

    expect(
      pages.filter((status) => status !== 200),
      'no page load failed (the dead server was retried)',
    ).toEqual([]);
    expect(proxy.retried, 'the proxy retried requests that found the dead server').toBeGreaterThan(0);
    await waitFor('every realtime client to hear every job succeed', () =>
      heard.every((set) => set.size === JOBS) ? true : undefined,
    );
    for (const channel of channels) await channel.unsubscribe();
  });
});
