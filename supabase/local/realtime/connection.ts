// One websocket: frames in order, channels joined on it, heartbeats, token refresh and expiry,
// and bounded outgoing buffering (a client that does not read is told and disconnected).
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { KeyRing, Resolution } from '../gateway/resolve-caller.ts';
import type { Access, RightsCache, TopicRights } from './authorize.ts';
import type { Channel, ChannelSocket, Hub } from './hub.ts';
import { accessFor, type JoinContext, planJoin } from './join.ts';
import { decodeFrame, encodeFrame, type Frame, type Vsn } from './protocol.ts';
import { broadcastPush, presencePush } from './pushes.ts';

/** Frames received but not yet handled before the socket stops being read. */
const MAX_PENDING_FRAMES = 100;

export interface Limits {
  maxChannelsPerSocket: number;
  maxPayloadBytes: number;
  maxBufferedBytes: number;
  heartbeatTimeoutMs: number;
}

export interface ConnectionOptions {
  ws: WebSocket;
  vsn: Vsn;
  apikey: string | null;
  caller: Resolution;
  hub: Hub;
  rights: RightsCache;
  ring: KeyRing;
  limits: Limits;
  /** Awaited before each join (the replication slot must exist first). */
  beforeJoin(): Promise<void>;
  /** Told of each message fanned out to a channel of this socket (metrics). */
  onDelivery?(): void;
}

export function serveConnection(options: ConnectionOptions): void {
  const { ws, vsn, hub, limits } = options;
  const channels = new Map<string, Channel>();
  const expiryTimers = new Map<Channel, NodeJS.Timeout>();
  let queue = Promise.resolve();
  let closed = false;

  const socket: ChannelSocket = {
    id: randomUUID(),
    vsn,
    sendPrepared(data, binary) {
      if (closed || ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        shutdown(1008, 'Slow consumer: too many messages waiting to be sent');
        return;
      }
      ws.send(data, { binary });
      options.onDelivery?.();
    },
    sendFrame(topic, event, payload, joinRef = null, ref = null) {
      send(encodeFrame({ joinRef, ref, topic, event, payload }, vsn));
    },
    closeChannel(channel, message) {
      closeChannel(channel, message);
    },
  };
  const joinContext: JoinContext = { ...options, socketCaller: options.caller };

  function send(data: string | Buffer): void {
    if (closed || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      shutdown(1008, 'Slow consumer: too many messages waiting to be sent');
      return;
    }
    ws.send(data);
  }

  function shutdown(code: number, reason: string): void {
    if (closed) return;
    closed = true;
    cleanup();
    ws.close(code, reason);
    // A client that does not read never completes the closing handshake.
    setTimeout(() => ws.terminate(), 1000).unref();
  }

  function cleanup(): void {
    for (const channel of channels.values()) leave(channel);
    channels.clear();
  }

  function reply(frame: Frame, status: 'ok' | 'error', response: unknown): void {
    socket.sendFrame(frame.topic, 'phx_reply', { status, response }, frame.joinRef, frame.ref);
  }

  function leave(channel: Channel): void {
    hub.remove(channel);
    clearTimeout(expiryTimers.get(channel));
    expiryTimers.delete(channel);
  }

  /** Ends a channel from the server side, telling the client why first (as upstream). */
  function closeChannel(channel: Channel, message: string): void {
    if (channels.get(channel.topic) !== channel) return;
    socket.sendFrame(channel.topic, 'system', {
      message,
      status: 'error',
      extension: 'system',
      channel: channel.subTopic,
    });
    socket.sendFrame(channel.topic, 'phx_close', {}, channel.joinRef);
    leave(channel);
    channels.delete(channel.topic);
  }

  function watchExpiry(channel: Channel): void {
    clearTimeout(expiryTimers.get(channel));
    const exp = channel.access.exp;
    if (exp === null) return;
    const delay = Math.max(0, exp * 1000 - Date.now());
    if (delay > 2 ** 31 - 1) return; // beyond a timer's reach (API keys live for years)
    const timer = setTimeout(() => closeChannel(channel, 'Token has expired'), delay);
    timer.unref();
    expiryTimers.set(channel, timer);
  }

  async function join(frame: Frame): Promise<void> {
    const existing = channels.get(frame.topic);
    if (existing) {
      socket.sendFrame(existing.topic, 'phx_close', {}, existing.joinRef);
      leave(existing);
      channels.delete(frame.topic);
    }
    if (channels.size >= limits.maxChannelsPerSocket) {
      return reply(frame, 'error', { reason: 'ChannelRateLimitReached: Too many channels' });
    }
    await options.beforeJoin();
    const since = options.rights.generation;
    const result = await planJoin(joinContext, frame.topic, frame.payload);
    if (closed) return; // the socket went away while the join was being decided
    if (!result.ok) return reply(frame, 'error', { reason: result.reason });
    const { plan } = result;
    if (plan.isPrivate && options.rights.generation !== since) {
      // An authorization table changed while the join was decided: private channels were just
      // re-authorised without this one, so decide again.
      const rights = await settledRights(plan.access, plan.subTopic);
      if (closed) return;
      if (!rights.read) {
        return reply(frame, 'error', {
          reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${plan.subTopic}`,
        });
      }
      plan.canWrite = rights.write;
    }
    const channel: Channel = { ...plan, socket, topic: frame.topic, joinRef: frame.joinRef };
    channels.set(frame.topic, channel);
    hub.add(channel);
    watchExpiry(channel);
    const postgresChanges = plan.subscriptions.map((s) => ({
      id: s.id,
      event: s.input.event,
      schema: s.input.schema,
      table: s.input.table,
      filter: s.input.filter,
    }));
    reply(frame, 'ok', { postgres_changes: postgresChanges });
    if (channel.presenceEnabled) socket.sendFrame(channel.topic, 'presence_state', hub.presenceState(channel));
    if (plan.subscriptions.length > 0) {
      socket.sendFrame(channel.topic, 'system', {
        message: 'Subscribed to PostgreSQL',
        status: 'ok',
        extension: 'postgres_changes',
        channel: channel.subTopic,
      });
    }
  }

  /** The rights as of the latest authorization change (asked again while one happens meanwhile). */
  async function settledRights(access: Access, topic: string): Promise<TopicRights> {
    for (;;) {
      const generation = options.rights.generation;
      const rights = await options.rights(access, topic);
      if (options.rights.generation === generation) return rights;
    }
  }

  async function refreshToken(channel: Channel, frame: Frame): Promise<void> {
    const token = (frame.payload as { access_token?: unknown }).access_token;
    if (typeof token !== 'string' || token === '') return;
    const access = await accessFor(joinContext, token);
    if (typeof access === 'string') return closeChannel(channel, access);
    if (channel.isPrivate) {
      const rights = await settledRights(access, channel.subTopic);
      if (!rights.read) {
        return closeChannel(
          channel,
          `Unauthorized: You do not have permissions to read from this Channel topic: ${channel.subTopic}`,
        );
      }
      channel.canWrite = rights.write;
    }
    // Closed (or replaced) while the token was checked: no expiry timer for a dead channel.
    if (closed || channels.get(channel.topic) !== channel) return;
    channel.access = access;
    watchExpiry(channel);
  }

  async function handle(frame: Frame, size: number): Promise<void> {
    if (frame.topic === 'phoenix' && frame.event === 'heartbeat') return reply(frame, 'ok', {});
    if (frame.event === 'phx_join') return join(frame);
    const channel = channels.get(frame.topic);
    if (!channel || (frame.joinRef !== null && channel.joinRef !== frame.joinRef && frame.event !== 'access_token')) {
      return reply(frame, 'error', { reason: 'unmatched topic' });
    }
    switch (frame.event) {
      case 'phx_leave':
        leave(channel);
        channels.delete(frame.topic);
        reply(frame, 'ok', {});
        return socket.sendFrame(frame.topic, 'phx_close', {}, channel.joinRef);
      case 'access_token':
        return refreshToken(channel, frame);
      case 'broadcast':
        return broadcastPush(hub, channel, frame, size > limits.maxPayloadBytes, reply);
      case 'presence':
        return presencePush(hub, channel, frame, size > limits.maxPayloadBytes, reply);
      default:
        return reply(frame, 'error', { reason: `unknown event ${frame.event}` });
    }
  }

  // Frames wait in `queue` while an earlier one is decided (a join waits on the database): past a
  // bound, stop reading the socket until they are handled, so a client cannot queue without end.
  let pendingFrames = 0;
  let pendingBytes = 0;
  const tooMuchPending = () => pendingFrames > MAX_PENDING_FRAMES || pendingBytes > limits.maxBufferedBytes;
  let idle = setTimeout(() => shutdown(1000, 'heartbeat timeout'), limits.heartbeatTimeoutMs);
  ws.on('message', (data: Buffer, isBinary) => {
    clearTimeout(idle);
    idle = setTimeout(() => shutdown(1000, 'heartbeat timeout'), limits.heartbeatTimeoutMs);
    let frame: Frame;
    try {
      frame = decodeFrame(data, isBinary, vsn);
    } catch (error) {
      return shutdown(1003, `Malformed message: ${error instanceof Error ? error.message : String(error)}`);
    }
    pendingFrames += 1;
    pendingBytes += data.length;
    if (tooMuchPending() && !ws.isPaused) ws.pause();
    queue = queue
      .then(() => handle(frame, data.length))
      .catch((error) => {
        process.stderr.write(`realtime: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        if (frame.ref !== null) reply(frame, 'error', { reason: 'Internal error' });
      })
      .finally(() => {
        pendingFrames -= 1;
        pendingBytes -= data.length;
        if (ws.isPaused && !tooMuchPending() && !closed) ws.resume();
      });
  });
  ws.on('close', () => {
    clearTimeout(idle);
    closed = true;
    cleanup();
  });
  ws.on('error', () => ws.terminate());
}
