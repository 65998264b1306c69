// What a client pushes on a joined channel besides join/leave/token: broadcasts (JSON or binary,
// `self` and `ack` as the channel asked) and presence track/untrack. Private topics need the
// write right (insert policy on realtime.messages); oversized payloads are refused.
import type { Channel, Hub } from './hub.ts';
import type { BroadcastMessage, Frame } from './protocol.ts';

type Reply = (frame: Frame, status: 'ok' | 'error', response: unknown) => void;

const TOO_LARGE = 'Payload size exceeds tenant limit';

export function broadcastPush(hub: Hub, channel: Channel, frame: Frame, tooLarge: boolean, reply: Reply): void {
  const payload = frame.payload as { event?: unknown; payload?: unknown; binary?: boolean };
  const refusal = tooLarge
    ? TOO_LARGE
    : typeof payload.event !== 'string'
      ? 'broadcast needs an event'
      : channel.isPrivate && !channel.canWrite
        ? `Unauthorized: You do not have permissions to write to this Channel topic: ${channel.subTopic}`
        : null;
  if (refusal !== null || typeof payload.event !== 'string') {
    if (frame.ref !== null) reply(frame, 'error', { reason: refusal });
    return;
  }
  const message: BroadcastMessage = {
    event: payload.event,
    payload: payload.payload ?? {},
    binary: payload.binary === true,
  };
  hub.broadcast(channel.isPrivate, channel.subTopic, message, channel);
  if (channel.broadcastAck && frame.ref !== null) reply(frame, 'ok', {});
}

export function presencePush(hub: Hub, channel: Channel, frame: Frame, tooLarge: boolean, reply: Reply): void {
  const payload = frame.payload as { event?: unknown; payload?: unknown };
  if (tooLarge) {
    reply(frame, 'error', { reason: TOO_LARGE });
  } else if (channel.isPrivate && !channel.canWrite) {
    reply(frame, 'error', {
      reason: `Unauthorized: You do not have permissions to track presence on this Channel topic: ${channel.subTopic}`,
    });
  } else if (payload.event === 'track') {
    const meta = typeof payload.payload === 'object' && payload.payload !== null ? payload.payload : {};
    hub.track(channel, meta as Record<string, unknown>);
    reply(frame, 'ok', {});
  } else if (payload.event === 'untrack') {
    hub.untrack(channel);
    reply(frame, 'ok', {});
  } else {
    reply(frame, 'error', { reason: 'presence event must be track or untrack' });
  }
}
