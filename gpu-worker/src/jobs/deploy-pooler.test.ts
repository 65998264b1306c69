// The worker behind a transaction-mode pooler, as production runs it on Supavisor's port 6543
// (decision 040): Debian's PgBouncer in transaction mode in front of the test database. First what
// such a pooler breaks (named prepared statements, LISTEN, session advisory locks), then the worker
// with its queries and pg-boss's statements through the pooler and only LISTEN and the publisher's
// lock on the session URL: every job runs exactly once, a NOTIFY wakes it, one publisher leads.
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Pooler, startPooler } from '../../../supabase/local/testing/pgbouncer.ts';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import type { RunningWorker } from '../start.ts';
import {
  createSmallTenant,
  fakeHandler,
  insertJob,
  type SmallTenant,
  startTestWorker,
  successCount,
  waitFor,
  waitForStatus,
} from './testing/support.ts';

const stack = useTestStack();
let pooler: Pooler;
let database: string;
let tenant: SmallTenant;
const pools: Sql[] = [];

/** A postgres.js pool through the pooler (closed after the file). */
function throughPooler(options: postgres.Options<Record<string, never>> = {}): Sql {
  const sql = postgres(pooler.url(database), { max: 1, onnotice: () => {}, ...options });
  pools.push(sql);
  return sql;
}

beforeAll(async () => {
  const { port, password } = inject('database');
  database = new URL(stack.dbUrl).pathname.slice(1);
  // Two server connections: enough to show a client moving between them.
  pooler = await startPooler({ serverPort: port, user: 'postgres', password, poolSize: 2 });
  tenant = await createSmallTenant(stack.admin, 'pooler');
});

afterAll(async () => {
  await Promise.all(pools.map((sql) => sql.end({ timeout: 1 })));
  await pooler?.stop();
});

describe('a transaction-mode pooler', () => {
  it('loses named prepared statements between transactions (fatal inside one); prepare: false works', async () => {
    const attempt = async (prepare: boolean) => {
      const client = throughPooler({ prepare });
      const holder = throughPooler();
      await client`select ${1}::int as one`;
      // Another client holds the server connection the first one used (PgBouncer hands out the
      // last released one), so the first one's next statement runs on the other server connection.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holding = holder.begin(async (tx) => {
        await tx`select 1`;
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      // postgres.js re-prepares a missing statement once, but not inside a transaction: the
      // failed statement has already aborted it (and in autocommit it costs a round trip).
      const again = await client
        .begin((tx) => tx`select ${2}::int as one`)
        .then(
          () => 'ok',
          (error: { code?: string }) => error.code ?? 'error',
        );
      release();
      await holding;
      return again;
    };
    expect(await attempt(true), 'a named statement is gone on the other server connection').toMatch(/^(26000|25P02)$/);
    expect(await attempt(false), 'unnamed statements carry nothing across transactions').toBe('ok');
  });

  it('does not deliver NOTIFY to a LISTEN made through it', async () => {
    const heard: string[] = [];
    const direct: string[] = [];
    const listener = await throughPooler().listen('deploy_pooler_test', (payload) => heard.push(payload));
    const session = await stack.admin.listen('deploy_pooler_test', (payload) => direct.push(payload));
    await stack.admin`select pg_notify('deploy_pooler_test', 'hello')`;
    await waitFor('the direct listener', async () => direct.length > 0 || undefined, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(direct, 'a session connection hears it').toEqual(['hello']);
    expect(heard, 'the pooled LISTEN hears nothing').toEqual([]);
    await session.unlisten();
    await listener.unlisten().catch(() => undefined);
  });

  it('lets two clients both take one session advisory lock', async () => {
    const key = 4_040_040_040;
    const first = throughPooler();
    const second = throughPooler();
    const [a] = await first`select pg_try_advisory_lock(${key}::bigint) as locked`;
    const [b] = await second`select pg_try_advisory_lock(${key}::bigint) as locked`;
    // Both landed on the one idle server connection that took the lock: two "leaders".
    expect([a?.locked, b?.locked], 'both believe they hold the lock').toEqual([true, true]);
    const directA = postgres(stack.sessionDbUrl, { max: 1 });
    const directB = postgres(stack.sessionDbUrl, { max: 1 });
    pools.push(directA, directB);
    const [c] = await directA`select pg_try_advisory_lock(${key + 1}::bigint) as locked`;
    const [d] = await directB`select pg_try_advisory_lock(${key + 1}::bigint) as locked`;
    expect([c?.locked, d?.locked], 'on session connections only one holds it').toEqual([true, false]);
    await stack.admin`select pg_advisory_unlock_all()`;
    await stack.admin`
      select pg_terminate_backend(pid) from pg_locks
      where locktype = 'advisory' and objid in (${key}, ${key + 1}) and database = (select oid from pg_database where datname = current_database())`;
  });
});

describe('the worker through the pooler', () => {
  const runs = new Map<string, number>();
  const workers: RunningWorker[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      workers.push(
        await startTestWorker(
          { ...stack, dbUrl: pooler.url(database) },
          {
            sessionDbUrl: stack.sessionDbUrl,
            // Long polling: a job done within seconds was woken by NOTIFY on the session connection.
            pollingIntervalSeconds: 30,
            handlers: {
              forecast: fakeHandler(async (job) => {
                runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
                return { ok: true };
              }),
            },
          },
        ),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
  });

  it('runs every job exactly once, woken by NOTIFY, with its queries through the pooler', async () => {
    // Started jobs' consumers are idle now: these are woken only by the notification.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await insertJob(stack.admin, tenant, 'forecast', {}));
    for (const id of ids) await waitForStatus(stack.admin, id, ['succeeded'], 15_000);
    expect(
      ids.map((id) => runs.get(id)),
      'each job ran once',
    ).toEqual(ids.map(() => 1));
    for (const id of ids.slice(0, 3)) expect(await successCount(stack.admin, id), 'succeeded once').toBe(1);
    expect(await pooler.clients(database), 'the workers hold client connections of the pooler').toBeGreaterThan(0);
  });

  it.each([
    ['dashboard', '7402113951'],
    ['bell', '5190338417'],
  ])('has one %s publisher leading, on a session connection', async (name, lockKey) => {
    const holders = await waitFor(`the ${name} publisher lock`, async () => {
      const rows = await stack.admin<{ application_name: string }[]>`
        select a.application_name from pg_locks l join pg_stat_activity a using (pid)
        where l.locktype = 'advisory' and l.granted and ((l.classid::bigint << 32) | l.objid::bigint) = ${lockKey}::bigint
          -- Test files run side by side in one cluster: only this database's publishers count.
          and l.database = (select oid from pg_database where datname = current_database())`;
      return rows.length > 0 ? rows : undefined;
    });
    expect(holders, 'exactly one holder').toHaveLength(1);
  });
});
