// A `phx_join`: validates the config, decides who the channel acts as (the join's access_token
// or the socket's caller), checks private topics with RLS and registers postgres_changes.
import { z } from 'zod';
import type { KeyRing, Resolution } from '../gateway/resolve-caller.ts';
import { type Access, accessOf, type RightsCache, resolveToken } from './authorize.ts';
import { parseFilter, type Subscription, subscriptionId, subscriptionInput } from './filters.ts';

const joinPayload = z.object({
  config: z
    .object({
      broadcast: z.object({ self: z.boolean().optional(), ack: z.boolean().optional() }).loose().optional(),
      presence: z
        .object({ key: z.string().max(255).optional(), enabled: z.boolean().optional() })
        .loose()
        .optional(),
      postgres_changes: z.array(subscriptionInput).max(100).optional(),
      private: z.boolean().optional(),
    })
    .loose()
    .optional(),
  access_token: z.string().max(16_384).optional(),
});

/** Of the whole topic (`realtime:…`), in UTF-8. */
const MAX_TOPIC_BYTES = 255;

export interface JoinPlan {
  subTopic: string;
  isPrivate: boolean;
  broadcastSelf: boolean;
  broadcastAck: boolean;
  presenceKey: string;
  presenceEnabled: boolean;
  subscriptions: Subscription[];
  access: Access;
  canWrite: boolean;
}

export interface JoinContext {
  rights: RightsCache;
  ring: KeyRing;
  apikey: string | null;
  socketCaller: Resolution;
}

export type JoinResult = { ok: true; plan: JoinPlan } | { ok: false; reason: string };

/** Resolves the caller a token stands for; a refused token gives upstream's reason text. */
export async function accessFor(context: JoinContext, token: string | undefined): Promise<Access | string> {
  const caller = token ? await resolveToken(context.ring, context.apikey, token) : context.socketCaller;
  if (!caller.ok) {
    return caller.reason === 'expired_jwt'
      ? 'InvalidJWTToken: Token has expired'
      : `InvalidJWTToken: ${caller.message}`;
  }
  return accessOf(caller);
}

export async function planJoin(context: JoinContext, topic: string, rawPayload: unknown): Promise<JoinResult> {
  if (!topic.startsWith('realtime:')) return { ok: false, reason: 'unmatched topic' };
  // Binary (vsn 2.0.0) broadcast frames carry the topic's length in one byte.
  if (Buffer.byteLength(topic) > MAX_TOPIC_BYTES) {
    return { ok: false, reason: `InvalidTopic: the topic may be at most ${MAX_TOPIC_BYTES} bytes long` };
  }
  const parsed = joinPayload.safeParse(rawPayload);
  if (!parsed.success) {
    return { ok: false, reason: `Invalid join payload: ${parsed.error.issues[0]?.message ?? 'unknown'}` };
  }
  const { config = {}, access_token: token } = parsed.data;
  const access = await accessFor(context, token);
  if (typeof access === 'string') return { ok: false, reason: access };
  const subTopic = topic.slice('realtime:'.length);
  const isPrivate = config.private === true;
  let canWrite = true;
  if (isPrivate) {
    const rights = await context.rights(access, subTopic);
    if (!rights.read) {
      return {
        ok: false,
        reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`,
      };
    }
    canWrite = rights.write;
  }
  const subscriptions: Subscription[] = [];
  for (const input of config.postgres_changes ?? []) {
    try {
      subscriptions.push({ id: subscriptionId(input), input, filter: parseFilter(input.filter) });
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return {
    ok: true,
    plan: {
      subTopic,
      isPrivate,
      broadcastSelf: config.broadcast?.self === true,
      broadcastAck: config.broadcast?.ack === true,
      presenceKey: config.presence?.key || crypto.randomUUID(),
      presenceEnabled: config.presence?.enabled === true,
      subscriptions,
      access,
      canWrite,
    },
  };
}
