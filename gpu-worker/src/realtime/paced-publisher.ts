// Turns a stream of database notifications into paced Realtime pushes, one stream per key (a
// property's dashboard, a user's bell). The database notifies a channel at commit with a payload
// naming the key; the first change of a key is published at once, changes that keep coming at most
// every `intervalMs`, and a change that arrives during a publish is always followed by one more,
// so the last push is never older than the last commit. What a change says beyond its key (a
// note, e.g. the days a booking touched) is gathered until the next publish, and handed back to be
// sent again when a publish fails.
// Only one publisher per channel and database works at a time (a session advisory lock); the
// others stand by and take over within `leaderRetryMs`, so any number of workers may run one.
import type { Logger } from 'pino';
import type { ReservedSql, Sql } from 'postgres';

export interface PacedChange<Note> {
  key: string;
  note?: Note;
}

/** What a publisher built on this one is started with. */
export interface PublisherOptions {
  sql: Sql;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Least time between two pushes of one key (ms). */
  intervalMs?: number;
  /** How often a standby publisher tries to become the active one (ms). */
  leaderRetryMs?: number;
}

export interface PacedPublisherOptions<Note> {
  sql: Sql;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** LISTEN channel the database notifies at commit. */
  channel: string;
  /** pg_advisory_lock key of the one active publisher of this channel (a bigint, as text). */
  lockKey: string;
  /** What the publisher is called in its log lines. */
  name: string;
  /** Least time between two publishes of one key (ms). */
  intervalMs: number;
  /** How often a standby publisher tries to become the active one (ms). */
  leaderRetryMs?: number;
  /** The change a payload names, or null for one this publisher does not understand. */
  parse(payload: string): PacedChange<Note> | null;
  /** Adds a note to those gathered since the last publish. */
  gather(notes: Note[], note: Note): Note[];
  /** Reads and sends the key's push; 'forget' when the key is gone (nothing more to send). */
  publish(key: string, notes: Note[]): Promise<'sent' | 'forget'>;
}

export interface PacedPublisher {
  /** Whether this publisher holds the lock and publishes. */
  readonly active: boolean;
  /** Publishes done, pushes sent and publishes that failed (metrics and tests). */
  readonly counts: { reads: number; sent: number; failed: number };
  /** Stops listening and publishing; resolves once the last publish under way has finished. */
  stop(): Promise<void>;
}

interface KeyState<Note> {
  publishing: boolean;
  /** A change arrived that no publish has covered yet. */
  dirty: boolean;
  lastAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  notes: Note[];
}

export async function startPacedPublisher<Note>(options: PacedPublisherOptions<Note>): Promise<PacedPublisher> {
  const { sql, log, intervalMs } = options;
  const leaderRetryMs = options.leaderRetryMs ?? 5_000;
  const keys = new Map<string, KeyState<Note>>();
  const counts = { reads: 0, sent: 0, failed: 0 };
  let stopped = false;
  let leader: ReservedSql | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** Publishes under way: stop() waits for them, so nothing is sent after it resolved. */
  const inFlight = new Set<Promise<void>>();

  const stateOf = (key: string): KeyState<Note> => {
    let state = keys.get(key);
    if (!state) {
      state = { publishing: false, dirty: false, lastAt: 0, timer: undefined, notes: [] };
      keys.set(key, state);
    }
    return state;
  };

  const schedule = (key: string, state: KeyState<Note>) => {
    if (stopped || state.publishing || state.timer || !state.dirty) return;
    const wait = Math.max(0, state.lastAt + intervalMs - Date.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const publishing = publish(key, state);
      inFlight.add(publishing);
      void publishing.finally(() => inFlight.delete(publishing));
    }, wait);
  };

  const publish = async (key: string, state: KeyState<Note>) => {
    if (stopped || !leader) return;
    state.publishing = true;
    state.dirty = false;
    state.lastAt = Date.now();
    const notes = state.notes;
    state.notes = [];
    try {
      const outcome = await options.publish(key, notes);
      counts.reads += 1;
      if (outcome === 'forget') {
        keys.delete(key);
        return;
      }
      counts.sent += 1;
    } catch (error) {
      counts.failed += 1;
      // The notes stay owed: the next push carries them.
      for (const note of notes) state.notes = options.gather(state.notes, note);
      // The next change publishes again; a lost push leaves the listeners on what they had.
      log.warn({ err: error, key }, `${options.name}: a push could not be published`);
    } finally {
      state.publishing = false;
      schedule(key, state);
    }
  };

  const onChange = (payload: string) => {
    const change = options.parse(payload);
    if (!change) return;
    const state = stateOf(change.key);
    if (change.note !== undefined) state.notes = options.gather(state.notes, change.note);
    state.dirty = true;
    schedule(change.key, state);
  };

  const listening = await sql.listen(options.channel, onChange);

  const tryLead = async () => {
    retry = undefined;
    if (stopped) return;
    try {
      const session = await sql.reserve();
      const [row] = await session<
        { locked: boolean }[]
      >`select pg_try_advisory_lock(${options.lockKey}::bigint) as locked`;
      if (row?.locked && !stopped) {
        leader = session;
        log.info(`${options.name} active`);
        // Changes heard while standing by are published now.
        for (const [key, state] of keys) schedule(key, state);
        return;
      }
      session.release();
    } catch (error) {
      log.warn({ err: error }, `${options.name} could not check the lock`);
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
      for (const state of keys.values()) clearTimeout(state.timer);
      await listening.unlisten().catch(() => undefined);
      await Promise.allSettled([...inFlight]);
      if (leader) {
        await leader`select pg_advisory_unlock(${options.lockKey}::bigint)`.catch(() => undefined);
        leader.release();
        leader = undefined;
      }
    },
  };
}
