// Realtime's Prometheus metrics (decision 039): open sockets, joined channels, messages delivered
// to subscribers (broadcasts and postgres_changes), and how far the replication slot's confirmed
// position trails the database's WAL (bytes; read from pg_replication_slots on each scrape).
import type { Sql } from 'postgres';
import { Counter, Gauge, Registry } from 'prom-client';

export interface RealtimeGauges {
  sockets(): number;
  channels(): number;
}

export function createRealtimeMetrics(sql: Sql, slot: string, gauges: RealtimeGauges) {
  const registry = new Registry();
  new Gauge({
    name: 'roost_realtime_sockets_open',
    help: 'Websockets open on this Realtime server.',
    registers: [registry],
    collect() {
      this.set(gauges.sockets());
    },
  });
  new Gauge({
    name: 'roost_realtime_channels_joined',
    help: 'Channels joined over all sockets.',
    registers: [registry],
    collect() {
      this.set(gauges.channels());
    },
  });
  const deliveries = new Counter({
    name: 'roost_realtime_deliveries_total',
    help: 'Messages delivered to subscribed channels (broadcasts and postgres_changes).',
    registers: [registry],
  });
  new Gauge({
    name: 'roost_realtime_replication_lag_bytes',
    help: "Bytes of WAL between the database's current position and the slot's confirmed position (-1: no slot).",
    registers: [registry],
    async collect() {
      const lag = await replicationLag(sql, slot).catch(() => null);
      this.set(lag ?? -1);
    },
  });
  return { registry, deliveries };
}

/** Bytes the slot trails the WAL, or null when the slot does not exist. */
export async function replicationLag(sql: Sql, slot: string): Promise<number | null> {
  const [row] = await sql<{ lag: number | null }[]>`
    select pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), confirmed_flush_lsn)::float8 as lag
    from pg_catalog.pg_replication_slots where slot_name = ${slot}`;
  return row ? (row.lag ?? 0) : null;
}
