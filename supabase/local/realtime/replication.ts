// The realtime server's logical replication stream: one slot per database (pgoutput, the
// publications supabase_realtime and supabase_realtime_messages_publication), created if missing
// and resumed from its confirmed position. Each committed transaction is handed over whole, in
// commit order; its position is confirmed only once the handler has delivered it. Transactions
// are consumed (and confirmed) whether or not anyone listens, so the slot never holds WAL for
// long; a lost connection (PostgreSQL restarting) is retried from the confirmed position.
import { createRequire } from 'node:module';
import { LogicalReplicationService, type Pgoutput, PgoutputPlugin } from 'pg-logical-replication';
import type { Sql } from 'postgres';
import { isConnectionLoss } from './visibility.ts';

export interface RowChange {
  type: 'INSERT' | 'UPDATE' | 'DELETE';
  relation: Pgoutput.MessageRelation;
  /** Column text values (null for NULL) of the new row; the old row (or key) for DELETE. */
  record: Record<string, string | null> | null;
  old: Record<string, string | null> | null;
}

export interface CommittedTransaction {
  commitLsn: string;
  commitTime: Date;
  changes: RowChange[];
}

/** A committed transaction waiting for the fan-out, with the end of its commit record. */
interface Queued {
  transaction: CommittedTransaction;
  end: string;
}

export interface ReplicationOptions {
  sql: Sql;
  dbUrl: string;
  slot: string;
  publications: string[];
  /**
   * Hands over committed transactions (several at once when they queue up), in commit order.
   * `delivered(n)` says the first n reached the clients whole: if the call then fails, they are
   * not handed over again.
   */
  onTransactions(transactions: CommittedTransaction[], delivered: (count: number) => void): Promise<void>;
  onRelation(relation: Pgoutput.MessageRelation): void;
  /** A transaction given up on after repeated failed deliveries (it reached nobody). */
  onSkipped?(transaction: CommittedTransaction): void;
  /** Runs before each (re)connection, e.g. to create publications. */
  prepare?(): Promise<void>;
}

const RETRY_MS = 500;
/** Failed deliveries of one transaction (not from a lost connection) before it is skipped. */
const MAX_DELIVERY_ATTEMPTS = 5;
/** Changes waiting for the fan-out before the stream is paused (bounded memory). */
const MAX_PENDING_CHANGES = 20_000;

function lsnValue(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

function lsnText(value: bigint): string {
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** pgoutput, with column values left as PostgreSQL's text (the parser would coerce them). */
class TextPgoutputPlugin extends PgoutputPlugin {
  received = 0;
  override parse(buffer: Buffer): Pgoutput.Message {
    this.received += 1;
    const message = super.parse(buffer);
    if (message.tag === 'relation') for (const column of message.columns) column.parser = (raw: unknown) => raw;
    return message;
  }
}

// The pg client class pg-logical-replication itself uses (its peer dependency, untyped here).
const { Client: PgClient } = createRequire(import.meta.url)('pg') as {
  Client: new (config: Record<string, unknown>) => PgClientLike;
};
interface PgClientLike {
  connection: unknown;
  on(event: 'error', listener: (error: Error) => void): void;
  connect(): Promise<void>;
  end(): Promise<void>;
}

/**
 * pg-logical-replication's service, with its private client() redone so the connection's error
 * listener is attached before connecting, and stop() leaving a no-op one behind after stripping
 * the listeners: a connection PostgreSQL ends while it is starting or ending (a shutdown) can
 * report an error outside those windows, which Node would otherwise throw, taking the process
 * down. A stream destroyed while it connects ends the connection it was opening instead of going
 * on to stream with nobody listening (holding the slot). Relies on the private fields of the
 * pinned version (2.5.0).
 */
function createReplicationStream(
  ...args: ConstructorParameters<typeof LogicalReplicationService>
): LogicalReplicationService {
  const stream = new LogicalReplicationService(...args);
  const internals = stream as unknown as {
    clientConfig: Record<string, unknown>;
    _client: PgClientLike | null;
    _connection: unknown;
    client(): Promise<[unknown, unknown]>;
  };
  let destroyed = false;
  internals.client = async () => {
    await stream.stop();
    if (destroyed) throw new Error('the replication stream was closed');
    const client = new PgClient({ ...internals.clientConfig, replication: 'database' });
    client.on('error', (error) => stream.emit('error', error));
    internals._client = client;
    await client.connect();
    if (destroyed) {
      await client.end().catch(() => {});
      throw new Error('the replication stream was closed while connecting');
    }
    internals._connection = client.connection;
    return [client, client.connection];
  };
  const stop = stream.stop.bind(stream);
  stream.stop = async () => {
    const client = internals._client;
    await stop();
    client?.on('error', () => {});
    return stream;
  };
  const destroy = stream.destroy.bind(stream);
  stream.destroy = async () => {
    destroyed = true;
    return destroy();
  };
  return stream;
}

/** Ends a stream; a connection the server already dropped may never confirm its end. */
function destroyQuickly(stream: LogicalReplicationService): Promise<unknown> {
  return Promise.race([stream.destroy().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000))]);
}

export async function ensureSlot(sql: Sql, slot: string): Promise<void> {
  const [existing] = await sql`select 1 from pg_catalog.pg_replication_slots where slot_name = ${slot}`;
  if (!existing) {
    await sql`select pg_catalog.pg_create_logical_replication_slot(${slot}, 'pgoutput')`.catch((error) => {
      if ((error as { code?: string }).code !== '42710') throw error; // created meanwhile
    });
  }
}

export interface Replication {
  /** Settles once the slot exists: from then on no committed change can be missed. */
  ready: Promise<void>;
  /** Starts streaming (idempotent). */
  start(): void;
  close(): Promise<void>;
}

/**
 * Creates the slot at once and streams once `start()` is called: the server starts it when the
 * first channel joins (or after a grace period), so after a restart the changes committed while
 * it was down reach the clients that rejoin, as upstream starts its replication per subscriber.
 */
export function startReplication(options: ReplicationOptions): Replication {
  let closed = false;
  /**
   * Settles when close() is called. A stream is not waited for past it: pg's client never settles
   * a connect() that end() interrupted, so a stream closed while connecting never ends by itself.
   */
  let closing = () => {};
  const closingNow = new Promise<void>((resolve) => {
    closing = resolve;
  });
  let inFlight = Promise.resolve();
  let service: LogicalReplicationService | null = null;
  let closeStream = async () => {};
  /** The last transaction handed over: after a reconnect, never hand it over again. */
  let delivered = 0n;
  /** The transaction whose delivery keeps failing (its end), and how many times it has. */
  let failing = { end: 0n, attempts: 0 };

  /** Throws (the stream restarts and retries) until the transaction has failed too often. */
  function retryOrSkip(item: Queued, error: unknown): void {
    const end = lsnValue(item.end);
    failing = failing.end === end ? { end, attempts: failing.attempts + 1 } : { end, attempts: 1 };
    if (failing.attempts < MAX_DELIVERY_ATTEMPTS) throw error;
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `realtime: replication: SKIPPED transaction ${item.transaction.commitLsn} (end ${item.end}, ` +
        `${item.transaction.changes.length} changes) after ${failing.attempts} failed deliveries; ` +
        `it reaches nobody: ${reason}\n`,
    );
    options.onSkipped?.(item.transaction);
  }

  /**
   * Hands transactions over. When that fails other than by a lost connection, they are handed
   * over one by one to find the culprit, which the stream retries (restarting) a few times, then
   * skips, loudly: one poison change must not stall all delivery and hold WAL forever.
   */
  async function handOver(items: Queued[]): Promise<void> {
    let done = 0;
    const markDelivered = (count: number) => {
      done = Math.max(done, Math.min(count, items.length));
      const end = items[done - 1]?.end;
      // Never handed over again, not even after a reconnect.
      if (end !== undefined && lsnValue(end) > delivered) delivered = lsnValue(end);
    };
    try {
      await options.onTransactions(
        items.map((item) => item.transaction),
        markDelivered,
      );
      return;
    } catch (error) {
      if (isConnectionLoss(error)) throw error;
      if (items.length === 1) return retryOrSkip(items[0] as Queued, error);
    }
    // The ones the handler reported delivered are done; the rest go one by one to find the culprit.
    for (const item of items.slice(done)) {
      await handOver([item]);
      if (lsnValue(item.end) > delivered) delivered = lsnValue(item.end);
    }
  }

  async function runOnce(): Promise<void> {
    // The previous stream's fan-out must be over before anything is handed over again.
    await closeStream();
    await options.prepare?.();
    await ensureSlot(options.sql, options.slot);
    // Closed meanwhile: no stream is opened (nobody would end it).
    if (closed) return;
    const plugin = new TextPgoutputPlugin({ protoVersion: 1, publicationNames: options.publications });
    const stream = createReplicationStream(
      { connectionString: options.dbUrl },
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    service = stream;
    closeStream = async () => {
      await inFlight;
      await draining;
    };
    let handled = 0;
    let current: CommittedTransaction | null = null;
    const pending: Queued[] = [];
    let pendingChanges = 0;
    let draining: Promise<void> | null = null;
    /** Hands over everything queued, then confirms its end; a failure restarts the stream. */
    const drain = async () => {
      // Closing: nothing more is handed over or confirmed; the next server resumes from the
      // confirmed position and hands the rest over to the clients that rejoin.
      while (pending.length > 0 && !closed) {
        const batch = pending.splice(0);
        pendingChanges = 0;
        const fresh = batch.filter((item) => lsnValue(item.end) > delivered);
        if (fresh.length > 0) await handOver(fresh);
        const end = (batch.at(-1) as { end: string }).end;
        if (lsnValue(end) > delivered) delivered = lsnValue(end);
        await confirm(end);
      }
    };
    const kick = (): Promise<void> => {
      draining ??= drain()
        .catch((error: Error) => {
          pending.length = 0;
          // Restarts the stream from the confirmed position (unless it is already gone).
          try {
            stream.emit('error', error);
          } catch {}
        })
        .finally(() => {
          draining = null;
          if (pending.length > 0 && !closed) void kick();
        });
      return draining;
    };
    let confirmed = 0n;
    const confirm = async (lsn: string) => {
      const value = lsnValue(lsn);
      if (value <= confirmed || value === 0n) return;
      confirmed = value;
      // Everything before `lsn` is done, nothing from it on. The library reports its argument + 1
      // as flushed, so it gets `lsn` − 1. Reporting `lsn` + 1 after a keepalive (whose position is
      // where the walsender's reading stopped, possibly the start of a commit record not yet
      // streamed) made PostgreSQL skip that transaction for good on the next connection.
      await stream.acknowledge(lsnText(value - 1n));
    };
    stream.on('data', async (_lsn: string, message: Pgoutput.Message) => {
      // Closing: hand nothing more over (the next server resumes from the confirmed position).
      if (closed) return;
      let done = () => {};
      inFlight = new Promise<void>((resolve) => {
        done = resolve;
      });
      try {
        switch (message.tag) {
          case 'begin':
            current = {
              commitLsn: message.commitLsn ?? '0/0',
              commitTime: new Date(Number(BigInt(message.commitTime.toString()) / 1000n)),
              changes: [],
            };
            break;
          case 'relation':
            options.onRelation(message);
            break;
          case 'insert':
            current?.changes.push({ type: 'INSERT', relation: message.relation, record: message.new, old: null });
            break;
          case 'update':
            current?.changes.push({
              type: 'UPDATE',
              relation: message.relation,
              record: message.new,
              old: message.old ?? message.key,
            });
            break;
          case 'delete':
            current?.changes.push({
              type: 'DELETE',
              relation: message.relation,
              record: null,
              old: message.old ?? message.key,
            });
            break;
          case 'commit': {
            const transaction = current;
            current = null;
            const end = message.commitEndLsn ?? '0/0';
            if (transaction) {
              pending.push({ transaction, end });
              pendingChanges += transaction.changes.length;
            }
            const run = kick();
            if (pendingChanges > MAX_PENDING_CHANGES) await run;
            break;
          }
        }
      } finally {
        handled += 1;
        done();
      }
    });
    stream.on('heartbeat', async (lsn: string) => {
      // Nothing received is waiting to be handled: everything up to the server's position is done.
      if (current === null && handled === plugin.received && pending.length === 0 && draining === null) {
        await confirm(lsn);
      }
    });
    await Promise.race([
      new Promise<void>((resolve) => {
        stream.on('error', (error: Error) => {
          if (!closed) process.stderr.write(`realtime: replication: ${error.message}\n`);
          resolve();
        });
        stream.subscribe(plugin, options.slot, '0/00000000').then(
          () => resolve(),
          () => resolve(),
        );
      }),
      closingNow,
    ]);
    await destroyQuickly(stream);
  }

  const ready = (async () => {
    await options.prepare?.();
    await ensureSlot(options.sql, options.slot);
  })();
  ready.catch(() => {});
  let started: (() => void) | null = null;
  const go = new Promise<void>((resolve) => {
    started = resolve;
  });
  const loop = (async () => {
    await ready.catch(() => {});
    await go;
    while (!closed) {
      await runOnce().catch((error: Error) => {
        if (!closed) process.stderr.write(`realtime: replication: ${error.message}\n`);
      });
      if (!closed) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  })();

  return {
    ready,
    start: () => started?.(),
    async close() {
      closed = true;
      closing();
      started?.();
      await closeStream();
      if (service) await destroyQuickly(service);
      await loop;
    },
  };
}
