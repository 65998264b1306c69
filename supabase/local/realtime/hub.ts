// Every joined channel of every socket, by topic: broadcast fan-out, presence state and diffs,
// and the channels that listen to postgres_changes.
import { randomUUID } from 'node:crypto';
import type { Access } from './authorize.ts';
import type { Subscription } from './filters.ts';
import { type BroadcastMessage, broadcastFrame, type Vsn } from './protocol.ts';

/** What a channel needs from its socket. */
export interface ChannelSocket {
  id: string;
  vsn: Vsn;
  /** Sends bytes already framed for this socket's protocol (shared by many subscribers). */
  sendPrepared(data: Buffer, binary: boolean): void;
  sendFrame(topic: string, event: string, payload: unknown, joinRef?: string | null, ref?: string | null): void;
  /** Ends one channel from the server side with a system message saying why. */
  closeChannel(channel: Channel, message: string): void;
}

export interface Channel {
  socket: ChannelSocket;
  /** `realtime:<name>` as the client joined it. */
  topic: string;
  /** `<name>`: what realtime.topic() and database broadcasts name. */
  subTopic: string;
  joinRef: string | null;
  isPrivate: boolean;
  broadcastSelf: boolean;
  broadcastAck: boolean;
  presenceKey: string;
  presenceEnabled: boolean;
  subscriptions: Subscription[];
  access: Access;
  canWrite: boolean;
}

type Metas = Map<Channel, Record<string, unknown>>;

function topicKey(isPrivate: boolean, subTopic: string): string {
  return `${isPrivate ? 'private' : 'public'}:${subTopic}`;
}

export class Hub {
  readonly #topics = new Map<string, Set<Channel>>();
  /** topic key → presence key → the meta each channel tracks under it. */
  readonly #presence = new Map<string, Map<string, Metas>>();
  readonly changeListeners = new Set<Channel>();

  add(channel: Channel): void {
    const key = topicKey(channel.isPrivate, channel.subTopic);
    const set = this.#topics.get(key) ?? new Set();
    set.add(channel);
    this.#topics.set(key, set);
    if (channel.subscriptions.length > 0) this.changeListeners.add(channel);
  }

  remove(channel: Channel): void {
    const key = topicKey(channel.isPrivate, channel.subTopic);
    const set = this.#topics.get(key);
    set?.delete(channel);
    if (set?.size === 0) this.#topics.delete(key);
    this.changeListeners.delete(channel);
    this.untrack(channel);
  }

  /** Channels joined over all sockets (metrics). */
  channelCount(): number {
    let count = 0;
    for (const set of this.#topics.values()) count += set.size;
    return count;
  }

  *allPrivate(): Iterable<Channel> {
    for (const [key, set] of this.#topics) if (key.startsWith('private:')) yield* set;
  }

  channels(isPrivate: boolean, subTopic: string): Iterable<Channel> {
    return this.#topics.get(topicKey(isPrivate, subTopic)) ?? [];
  }

  /** Sends a broadcast to every channel of the topic (the sender only with `self`). */
  broadcast(isPrivate: boolean, subTopic: string, message: BroadcastMessage, sender?: Channel): number {
    let delivered = 0;
    const json = message.binary
      ? undefined
      : JSON.stringify({ type: 'broadcast', event: message.event, payload: message.payload });
    // Subscribers of one topic and protocol get the same bytes: encode them once.
    const frames = new Map<string, { data: Buffer; binary: boolean }>();
    for (const channel of this.channels(isPrivate, subTopic)) {
      if (channel === sender && !channel.broadcastSelf) continue;
      const key = `${channel.socket.vsn}|${channel.topic}`;
      let frame = frames.get(key);
      if (!frame) {
        const encoded = broadcastFrame(channel.topic, message, channel.socket.vsn, json);
        frame =
          typeof encoded === 'string' ? { data: Buffer.from(encoded), binary: false } : { data: encoded, binary: true };
        frames.set(key, frame);
      }
      channel.socket.sendPrepared(frame.data, frame.binary);
      delivered += 1;
    }
    return delivered;
  }

  /** The presence state of a channel's topic: `{key: {metas: [...]}}`. */
  presenceState(channel: Channel): Record<string, { metas: Record<string, unknown>[] }> {
    const state: Record<string, { metas: Record<string, unknown>[] }> = {};
    const keys = this.#presence.get(topicKey(channel.isPrivate, channel.subTopic));
    for (const [key, metas] of keys ?? []) state[key] = { metas: [...metas.values()] };
    return state;
  }

  track(channel: Channel, payload: Record<string, unknown>): void {
    const key = topicKey(channel.isPrivate, channel.subTopic);
    const keys = this.#presence.get(key) ?? new Map<string, Metas>();
    this.#presence.set(key, keys);
    const metas = keys.get(channel.presenceKey) ?? new Map();
    keys.set(channel.presenceKey, metas);
    const previous = metas.get(channel);
    const meta = { ...payload, phx_ref: randomUUID(), ...(previous ? { phx_ref_prev: previous.phx_ref } : {}) };
    metas.set(channel, meta);
    const leaves = previous ? { [channel.presenceKey]: { metas: [previous] } } : {};
    this.#diff(channel, { [channel.presenceKey]: { metas: [meta] } }, leaves);
  }

  untrack(channel: Channel): void {
    const key = topicKey(channel.isPrivate, channel.subTopic);
    const metas = this.#presence.get(key)?.get(channel.presenceKey);
    const previous = metas?.get(channel);
    if (!metas || !previous) return;
    metas.delete(channel);
    if (metas.size === 0) this.#presence.get(key)?.delete(channel.presenceKey);
    if (this.#presence.get(key)?.size === 0) this.#presence.delete(key);
    this.#diff(channel, {}, { [channel.presenceKey]: { metas: [previous] } });
  }

  #diff(from: Channel, joins: object, leaves: object): void {
    for (const channel of this.channels(from.isPrivate, from.subTopic)) {
      if (channel.presenceEnabled || channel === from) {
        channel.socket.sendFrame(channel.topic, 'presence_diff', { joins, leaves });
      }
    }
  }
}
