// Pushes each property's live dashboard tiles to its private Realtime topic (decision 027). The
// database notifies `roost_dashboard` with a property id when something the tiles count changed
// (at commit); this reads `private.dashboard_live_tiles` once for all the property's open
// dashboards and sends it with `realtime.send` to the read-only topic `dashboard:<id>`, event `kpis`.
//
// Each push also says which days booking changes touched since the last one (`touched`, see
// touched-days.ts) and carries the figures of those a page may show (`days`, the spans in
// `covered`): pages fold them into their charts and re-read only for touched days not covered.
// Per property: the first change is read at once; changes that keep coming are read at most every
// `intervalMs`, and a change that arrives during a read is always followed by one more read, so
// the last figures sent are never older than the last commit. Unchanged figures are sent too: a
// page that saw a change waits for the push that follows it (and reads its loader when none comes).
// Only one publisher per database works at a time (a session advisory lock); the others wait to
// take over, so any number of workers may run one.
import type { Logger } from 'pino';
import type { ReservedSql, Sql } from 'postgres';
import { addSpan, type DaySpan, parseChange } from './touched-days.ts';

export const DASHBOARD_CHANNEL = 'roost_dashboard';
/** The private Realtime topic a property's dashboards listen to (read-only for members). */
export const dashboardTopic = (propertyId: string) => `dashboard:${propertyId}`;
/** pg_advisory_lock key of the one active publisher: 'roost_dashboard_publisher' hashed, fixed. */
const LEADER_LOCK_KEY = '7402113951';

export interface DashboardPublisherOptions {
  sql: Sql;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Least time between two reads of one property (ms). */
  intervalMs?: number;
  /** How often a standby publisher tries to become the active one (ms). */
  leaderRetryMs?: number;
}

export interface DashboardPublisher {
  /** Whether this publisher holds the lock and publishes. */
  readonly active: boolean;
  /** Tiles read, tiles sent and reads or sends that failed (metrics and tests). */
  readonly counts: { reads: number; sent: number; failed: number };
  stop(): Promise<void>;
}

interface PropertyState {
  reading: boolean;
  /** A change arrived that no read has covered yet. */
  dirty: boolean;
  lastReadAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Days booking changes touched that no push has named yet. */
  touched: DaySpan[];
}

export async function startDashboardPublisher(options: DashboardPublisherOptions): Promise<DashboardPublisher> {
  const { sql, log } = options;
  const intervalMs = options.intervalMs ?? 250;
  const leaderRetryMs = options.leaderRetryMs ?? 5_000;
  const properties = new Map<string, PropertyState>();
  const counts = { reads: 0, sent: 0, failed: 0 };
  let stopped = false;
  let leader: ReservedSql | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const stateOf = (propertyId: string): PropertyState => {
    let state = properties.get(propertyId);
    if (!state) {
      state = { reading: false, dirty: false, lastReadAt: 0, timer: undefined, touched: [] };
      properties.set(propertyId, state);
    }
    return state;
  };

  const schedule = (propertyId: string, state: PropertyState) => {
    if (stopped || state.reading || state.timer || !state.dirty) return;
    const wait = Math.max(0, state.lastReadAt + intervalMs - Date.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void read(propertyId, state);
    }, wait);
  };

  const read = async (propertyId: string, state: PropertyState) => {
    if (stopped || !leader) return;
    state.reading = true;
    state.dirty = false;
    state.lastReadAt = Date.now();
    const touched = state.touched;
    state.touched = [];
    try {
      // Pages keep the newer of this and their own last load: both say when they read.
      const readAt = Date.now();
      // One statement, one snapshot: the touched days' figures (those a page may show) agree with the tiles.
      const [row] = await sql<{ tiles: Record<string, unknown> | null; days: Record<string, unknown> }[]>`
        select private.dashboard_live_tiles(${propertyId}::uuid) as tiles,
          private.dashboard_live_days(${propertyId}::uuid, ${sql.json(touched as never)}) as days`;
      counts.reads += 1;
      const tiles = row?.tiles ?? null;
      if (tiles === null) {
        properties.delete(propertyId);
        return;
      }
      // The object itself: postgres.js serialises a jsonb parameter (a string would arrive as a JSON string).
      await sql`select realtime.send(${sql.json({ ...tiles, ...row?.days, read_at: readAt, touched } as never)}, 'kpis', ${dashboardTopic(propertyId)}, true)`;
      counts.sent += 1;
    } catch (error) {
      counts.failed += 1;
      // The days stay owed to the pages: the next push names them.
      for (const span of touched) state.touched = addSpan(state.touched, span);
      // The next change reads again; a lost read leaves the pages on their own last load.
      log.warn({ err: error, propertyId }, 'dashboard tiles could not be published');
    } finally {
      state.reading = false;
      schedule(propertyId, state);
    }
  };

  const onChange = (payload: string) => {
    const change = parseChange(payload);
    if (!change) return;
    const state = stateOf(change.propertyId);
    if (change.span) state.touched = addSpan(state.touched, change.span);
    state.dirty = true;
    schedule(change.propertyId, state);
  };

  const listening = await sql.listen(DASHBOARD_CHANNEL, onChange);

  const tryLead = async () => {
    retry = undefined;
    if (stopped) return;
    try {
      const session = await sql.reserve();
      const [row] = await session<
        { locked: boolean }[]
      >`select pg_try_advisory_lock(${LEADER_LOCK_KEY}::bigint) as locked`;
      if (row?.locked && !stopped) {
        leader = session;
        log.info('dashboard publisher active');
        // Changes heard while standing by are read now.
        for (const [propertyId, state] of properties) schedule(propertyId, state);
        return;
      }
      session.release();
    } catch (error) {
      log.warn({ err: error }, 'dashboard publisher could not check the lock');
    }
    if (!stopped) retry = setTimeout(() => void tryLead(), leaderRetryMs);
  };
  await tryLead();

  return {
    get active() {
      return leader !== undefined;
    },
    counts,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(retry);
      for (const state of properties.values()) clearTimeout(state.timer);
      await listening.unlisten().catch(() => undefined);
      if (leader) {
        await leader`select pg_advisory_unlock(${LEADER_LOCK_KEY}::bigint)`.catch(() => undefined);
        leader.release();
        leader = undefined;
      }
    },
  };
}
