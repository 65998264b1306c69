// Hands one committed transaction to the channels, in commit order: database broadcasts (rows of
// realtime.messages) to their topics, and row changes to the postgres_changes subscribers who
// could select that row, checked once per group of subscribers with identical access. When the
// transaction touched a table that private-topic authorization depends on, private channels are
// re-authorised first, so nothing committed after a membership ends reaches its former member.
import type { RightsCache } from './authorize.ts';
import { matches } from './filters.ts';
import type { Channel, Hub } from './hub.ts';
import { encodeFramePreencoded } from './protocol.ts';
import type { CommittedTransaction, RowChange } from './replication.ts';
import { jsonValue } from './values.ts';
import type { Visibility } from './visibility.ts';

export interface DispatchOptions {
  rights: RightsCache;
  hub: Hub;
  visibility: Visibility;
  /** `schema.table` names whose changes may change who may use a private topic. */
  authorizationTables: Set<string>;
}

const isMessage = (change: RowChange) => change.relation.schema === 'realtime' && change.relation.name === 'messages';

async function reauthorize(options: DispatchOptions): Promise<void> {
  options.rights.clear();
  const checks = new Map<string, { channels: Channel[] }>();
  for (const channel of [...options.hub.allPrivate()]) {
    const key = JSON.stringify([channel.access.groupKey, channel.subTopic]);
    const entry = checks.get(key) ?? { channels: [] };
    entry.channels.push(channel);
    checks.set(key, entry);
  }
  await Promise.all(
    [...checks.values()].map(async ({ channels }) => {
      const first = channels[0] as Channel;
      const rights = await options.rights(first.access, first.subTopic);
      for (const channel of channels) {
        if (!rights.read) {
          channel.socket.closeChannel(
            channel,
            `Unauthorized: You do not have permissions to read from this Channel topic: ${channel.subTopic}`,
          );
        } else {
          channel.canWrite = rights.write;
        }
      }
    }),
  );
}

/** For each change, the channels (with the ids of their matching subscriptions) it goes to. */
async function routeChanges(options: DispatchOptions, changes: RowChange[]): Promise<Map<Channel, number[]>[]> {
  const routes = changes.map(() => new Map<Channel, number[]>());
  // group key → relation oid → change indexes wanted by someone in the group
  const wanted = new Map<string, { channel: Channel; byTable: Map<number, number[]> }>();
  changes.forEach((change, index) => {
    const row = change.record ?? change.old ?? {};
    for (const channel of options.hub.changeListeners) {
      const ids = channel.subscriptions
        .filter((s) => matches(s, change.relation.schema, change.relation.name, change.type, row))
        .map((s) => s.id);
      if (ids.length === 0) continue;
      routes[index]?.set(channel, ids);
      const group = wanted.get(channel.access.groupKey) ?? { channel, byTable: new Map<number, number[]>() };
      wanted.set(channel.access.groupKey, group);
      const list = group.byTable.get(change.relation.relationOid) ?? [];
      if (list.at(-1) !== index) list.push(index);
      group.byTable.set(change.relation.relationOid, list);
    }
  });
  const requests = [...wanted].flatMap(([groupKey, { channel, byTable }]) =>
    [...byTable].map(([oid, indexes]) => ({
      groupKey,
      indexes,
      request: {
        oid,
        access: channel.access,
        rows: indexes.map((i) => {
          const change = changes[i] as RowChange;
          return change.record ?? change.old ?? {};
        }),
      },
    })),
  );
  const answers = await options.visibility.visibleBatch(requests.map((r) => r.request));
  const visible = new Map<string, Set<number>>();
  requests.forEach(({ groupKey, indexes }, n) => {
    const seen = visible.get(groupKey) ?? new Set<number>();
    for (const position of answers[n] ?? []) seen.add(indexes[position] as number);
    visible.set(groupKey, seen);
  });
  routes.forEach((route, index) => {
    for (const channel of route.keys()) {
      if (!visible.get(channel.access.groupKey)?.has(index)) route.delete(channel);
    }
  });
  return routes;
}

async function changePayload(options: DispatchOptions, change: RowChange, commitTimestamp: string) {
  const info = await options.visibility.table(change.relation.relationOid);
  const typed = (row: Record<string, string | null> | null) => {
    const out: Record<string, unknown> = {};
    if (!row) return out;
    for (const column of info.columns) {
      if (row[column.name] !== undefined) out[column.name] = jsonValue(column.type, row[column.name] ?? null);
    }
    return out;
  };
  return {
    schema: info.schema,
    table: info.table,
    commit_timestamp: commitTimestamp,
    type: change.type,
    columns: info.columns.map((c) => ({ name: c.name, type: c.type })),
    record: typed(change.record),
    old_record: typed(change.type === 'INSERT' ? null : change.old),
    errors: null,
  };
}

/**
 * Delivers consecutive transactions with one RLS check per subscriber group and table. All of it
 * that can fail (RLS checks, table descriptions) runs before the first frame goes out, and the
 * sending itself cannot fail: a segment reaches the sockets whole or not at all, so a retry never
 * repeats part of it.
 */
async function dispatchSegment(options: DispatchOptions, transactions: CommittedTransaction[]): Promise<void> {
  const items = transactions.flatMap((t) => t.changes.map((change) => ({ change, at: t.commitTime.toISOString() })));
  const published = new Map<number, boolean>();
  for (const { change } of items) {
    const oid = change.relation.relationOid;
    if (!isMessage(change) && !published.has(oid)) published.set(oid, (await options.visibility.table(oid)).published);
  }
  const isChange = (c: RowChange) => !isMessage(c) && published.get(c.relation.relationOid) === true;
  const changes = items.map((item) => item.change).filter(isChange);
  const routes = options.hub.changeListeners.size > 0 && changes.length > 0 ? await routeChanges(options, changes) : [];
  // Everything that can fail, in commit order, before anything is sent.
  const sends: (() => void)[] = [];
  let next = 0;
  for (const { change, at } of items) {
    if (isMessage(change)) {
      const row = change.record ?? {};
      if (row.extension !== 'broadcast' || !row.topic || !row.event) continue;
      const payload = row.payload === null || row.payload === undefined ? {} : JSON.parse(row.payload);
      const { topic, event } = row;
      sends.push(() => options.hub.broadcast(row.private === 't', topic, { event, payload, binary: false }));
      continue;
    }
    if (!isChange(change)) continue;
    const route = routes[next];
    next += 1;
    if (!route || route.size === 0) continue;
    const data = JSON.stringify(await changePayload(options, change, at));
    sends.push(() => sendChange(route, data));
  }
  for (const send of sends) send();
}

function sendChange(route: Map<Channel, number[]>, data: string): void {
  // Subscribers with the same topic, protocol and subscription ids get the same bytes.
  const frames = new Map<string, Buffer>();
  for (const [channel, ids] of route) {
    const idsJson = JSON.stringify(ids);
    const key = `${channel.socket.vsn}|${channel.topic}|${idsJson}`;
    let frame = frames.get(key);
    if (!frame) {
      const payload = `{"ids":${idsJson},"data":${data}}`;
      frame = Buffer.from(encodeFramePreencoded(channel.topic, 'postgres_changes', payload, channel.socket.vsn));
      frames.set(key, frame);
    }
    channel.socket.sendPrepared(frame, false);
  }
}

/**
 * Delivers committed transactions in order. A transaction that touched an authorization table
 * first re-authorises the private channels, so what follows it reaches only who may still see it.
 * `delivered(n)` is told each time the first n transactions have reached the sockets whole: when
 * a later step fails, a retry starts after them instead of delivering them twice.
 */
export async function dispatchTransactions(
  options: DispatchOptions,
  transactions: CommittedTransaction[],
  delivered: (count: number) => void = () => {},
): Promise<void> {
  let segment: CommittedTransaction[] = [];
  let done = 0;
  const flush = async () => {
    await dispatchSegment(options, segment);
    done += segment.length;
    segment = [];
    delivered(done);
  };
  for (const transaction of transactions) {
    const touchesAuthorization = transaction.changes.some((c) =>
      options.authorizationTables.has(`${c.relation.schema}.${c.relation.name}`),
    );
    if (touchesAuthorization) {
      await flush();
      await reauthorize(options);
    }
    segment.push(transaction);
  }
  await flush();
}

/**
 * After a transaction was skipped undelivered: if it touched an authorization table, nobody knows
 * whether the private channels may still read, so they are all closed (clients rejoin and are
 * checked afresh) rather than left open to someone whose access was just removed.
 */
export function afterSkipped(options: DispatchOptions, transaction: CommittedTransaction): void {
  const touched = transaction.changes.some((c) =>
    options.authorizationTables.has(`${c.relation.schema}.${c.relation.name}`),
  );
  if (!touched) return;
  options.rights.clear();
  for (const channel of [...options.hub.allPrivate()]) {
    channel.socket.closeChannel(channel, 'Access could not be re-checked after a failed change; join again');
  }
}
