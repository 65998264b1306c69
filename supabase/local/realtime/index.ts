// The local Realtime server: websockets at /realtime/v1/websocket (Phoenix channels: broadcast,
// presence, postgres_changes, private channels) and the REST broadcast endpoints, fed by the
// database's logical replication stream. See docs/decisions/014-local-realtime.md.
import type { Sql } from 'postgres';
import { WebSocketServer } from 'ws';
import type { ProjectConfig } from '../config.ts';
import { sendJson } from '../gateway/http.ts';
import type { Service } from '../gateway/services.ts';
import type { LocalKeys } from '../keys.ts';
import { cachedTopicRights } from './authorize.ts';
import { type Limits, serveConnection } from './connection.ts';
import { afterSkipped, dispatchTransactions } from './dispatch.ts';
import { handleBroadcastRequest } from './http-broadcast.ts';
import { Hub } from './hub.ts';
import { createRealtimeMetrics, replicationLag } from './metrics.ts';
import { startReplication } from './replication.ts';
import { Visibility } from './visibility.ts';

export interface RealtimeDependencies {
  sql: Sql;
  dbUrl: string;
  keys: LocalKeys;
  config: ProjectConfig;
  /** Replication slot name; by default `roost_realtime_<database>`. */
  slot?: string;
  /** Drop the slot on close (tests: a dropped database must not keep one). Default false. */
  dropSlotOnClose?: boolean;
  /**
   * Streaming starts with the first join, or this long after start at the latest (default 20 s:
   * realtime-js retries after 1, 2, 5 and 10 s, so a client dropped by a restart is back within
   * four tries even when the first ones fail; changes committed before it rejoins would be lost).
   */
  streamAfterMs?: number;
  /** Tables whose changes re-authorise private channels (default Roost's memberships tables). */
  authorizationTables?: string[];
  limits?: Partial<Limits>;
}

export interface RealtimeServer {
  service: Service;
  /** Stops streaming and closes every socket; keeps the slot unless asked (or configured) to drop it. */
  close(options?: { dropSlot?: boolean }): Promise<void>;
  /** The slot this server reads. */
  slot: string;
}

export const DEFAULT_LIMITS: Limits = {
  maxChannelsPerSocket: 100,
  maxPayloadBytes: 256 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  heartbeatTimeoutMs: 60_000,
};

const PUBLICATIONS = ['supabase_realtime', 'supabase_realtime_messages_publication'];
/** Local only: the tables private-topic authorization depends on, streamed to re-authorise. */
const AUTHORIZATION_PUBLICATION = 'roost_realtime_authorization';
/** See `streamAfterMs`. */
const STREAM_AFTER_MS = 20_000;

/** Creates (or refreshes) the local publication of the authorization tables that exist. */
async function publishAuthorizationTables(sql: Sql, tables: string[]): Promise<void> {
  const existing = await sql<{ name: string }[]>`
    select n.nspname || '.' || c.relname as name from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname || '.' || c.relname = any(${tables})`;
  const list = existing.map((row) =>
    row.name
      .split('.')
      .map((part) => `"${part}"`)
      .join('.'),
  );
  const [publication] = await sql`select 1 from pg_catalog.pg_publication where pubname = ${AUTHORIZATION_PUBLICATION}`;
  const statement =
    list.length === 0
      ? publication
        ? null
        : `create publication ${AUTHORIZATION_PUBLICATION}`
      : `${publication ? 'alter' : 'create'} publication ${AUTHORIZATION_PUBLICATION} ${publication ? 'set' : 'for'} table ${list.join(', ')}`;
  if (statement === null) return;
  await sql.unsafe(statement).catch((error) => {
    if ((error as { code?: string }).code !== '42710') throw error; // created meanwhile
  });
}

/** Drops the slot once its walsender has gone (a slot left behind keeps WAL and its database). */
async function dropSlot(sql: Sql, slot: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const [row] = await sql<{ active: boolean }[]>`
      select active from pg_catalog.pg_replication_slots where slot_name = ${slot}`;
    if (!row) return;
    if (!row.active) {
      await sql`select pg_catalog.pg_drop_replication_slot(${slot})`.catch(() => {});
    } else {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export function slotNameFor(dbUrl: string): string {
  const database = decodeURIComponent(new URL(dbUrl).pathname.slice(1)) || 'postgres';
  return `roost_realtime_${database.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

export function createRealtimeService(deps: RealtimeDependencies): RealtimeServer {
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const hub = new Hub();
  const visibility = new Visibility(deps.sql);
  const rights = cachedTopicRights(deps.sql);
  const slot = deps.slot ?? slotNameFor(deps.dbUrl);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes * 4 });
  const authorizationTables = deps.authorizationTables ?? ['public.memberships', 'public.member_property_access'];
  const metrics = createRealtimeMetrics(deps.sql, slot, {
    sockets: () => wss.clients.size,
    channels: () => hub.channelCount(),
  });
  const dispatchOptions = { rights, hub, visibility, authorizationTables: new Set(authorizationTables) };
  const replication = startReplication({
    sql: deps.sql,
    dbUrl: deps.dbUrl,
    slot,
    publications: [...PUBLICATIONS, AUTHORIZATION_PUBLICATION],
    prepare: () => publishAuthorizationTables(deps.sql, authorizationTables),
    onRelation: (relation) => visibility.forget(relation.relationOid),
    onTransactions: (transactions, delivered) => dispatchTransactions(dispatchOptions, transactions, delivered),
    onSkipped: (transaction) => afterSkipped(dispatchOptions, transaction),
  });
  const streamTimer = setTimeout(() => replication.start(), deps.streamAfterMs ?? STREAM_AFTER_MS);
  streamTimer.unref();
  const beforeJoin = async () => {
    await replication.ready;
    replication.start();
  };
  // Policies and grants can change without a relation message: re-read them now and then.
  const refresh = setInterval(() => visibility.forgetAll(), 10_000);
  refresh.unref();
  // Upstream keeps realtime.messages for a few days (daily partitions); so does this.
  const cleanup = setInterval(() => {
    deps.sql`delete from realtime.messages where inserted_at < now() - interval '3 days'`.catch(() => {});
  }, 3_600_000);
  cleanup.unref();

  const service: Service = {
    // The gateway's /metrics and /health: sockets, channels, deliveries, lag; the slot must exist.
    observability: {
      metrics: metrics.registry,
      checks: { replication_slot: async () => (await replicationLag(deps.sql, slot)) !== null },
    },
    async handle(context, res) {
      if (context.path.startsWith('/api/broadcast')) {
        return handleBroadcastRequest(context, res, { rights, hub, maxPayloadBytes: limits.maxPayloadBytes });
      }
      sendJson(res, 404, { message: 'Not found' });
    },
    upgrade(context, socket, head) {
      if (context.path !== '/websocket') {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const vsn = context.url.searchParams.get('vsn') === '2.0.0' ? '2.0.0' : '1.0.0';
      wss.handleUpgrade(context.req, socket, head, (ws) => {
        serveConnection({
          ws,
          vsn,
          apikey: context.url.searchParams.get('apikey') ?? (context.req.headers.apikey as string | undefined) ?? null,
          caller: context.caller,
          hub,
          rights,
          ring: context.ring,
          limits,
          beforeJoin,
          onDelivery: () => metrics.deliveries.inc(),
        });
      });
    },
  };

  return {
    service,
    slot,
    async close(options = {}) {
      clearTimeout(streamTimer);
      clearInterval(refresh);
      clearInterval(cleanup);
      // No new sockets; the transaction being handed over reaches the open ones, nothing after it
      // does (left unconfirmed for the next server); only then are the sockets dropped. Dropping
      // them first let a transaction go to nobody and be confirmed: lost for good.
      wss.close();
      await replication.close();
      for (const client of wss.clients) client.terminate();
      if (options.dropSlot ?? deps.dropSlotOnClose ?? false) await dropSlot(deps.sql, slot);
    },
  };
}
