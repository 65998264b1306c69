// Who a channel acts as, and whether it may use a private topic. Tokens follow the gateway's
// rules (resolve-caller.ts). Private topics are decided as Supabase Realtime Authorization does:
// in a transaction that is always rolled back, a message row for the topic is written, then read
// (select policies) and written again (insert policies) as the caller, with realtime.topic() set.
import type { Sql } from 'postgres';
import type { Caller, KeyRing, Resolution } from '../gateway/resolve-caller.ts';
import { resolveCaller } from '../gateway/resolve-caller.ts';

export interface Access {
  role: Caller['role'];
  claims: Record<string, unknown>;
  /** Identical keys share RLS results: role and the claims a policy can see, minus timing. */
  groupKey: string;
  /** Seconds since the epoch when the token stops being valid, if it has one. */
  exp: number | null;
}

const TIMING_CLAIMS = new Set(['exp', 'iat', 'nbf', 'jti']);

export function accessOf(caller: Caller): Access {
  const relevant = Object.entries(caller.claims)
    .filter(([name]) => !TIMING_CLAIMS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const exp = typeof caller.claims.exp === 'number' ? caller.claims.exp : null;
  return { role: caller.role, claims: caller.claims, groupKey: JSON.stringify([caller.role, relevant]), exp };
}

/** The caller a join's (or refresh's) `access_token` stands for, with the socket's `apikey`. */
export async function resolveToken(ring: KeyRing, apikey: string | null, token: string): Promise<Resolution> {
  return resolveCaller(ring, { apikey, authorization: `Bearer ${token}` });
}

export interface TopicRights {
  read: boolean;
  write: boolean;
}

class Rollback extends Error {}

/** Whether `access` may read (join) and write (send, track) on the private topic `topic`. */
export async function topicRights(
  sql: Sql,
  access: Access,
  topic: string,
  extension = 'broadcast',
): Promise<TopicRights> {
  if (access.role === 'service_role') return { read: true, write: true };
  let rights: TopicRights = { read: false, write: false };
  try {
    await sql.begin(async (tx) => {
      await tx`insert into realtime.messages (topic, extension, private) values (${topic}, ${extension}, true)`;
      await tx`select set_config('role', ${access.role}, true),
        set_config('request.jwt.claims', ${JSON.stringify(access.claims)}, true),
        set_config('realtime.topic', ${topic}, true)`;
      // Any visible row answers: `exists` stops at the first instead of running the policy on
      // every row the topic kept (days of broadcasts), on each join and re-check.
      const [row] = await tx<{ read: boolean }[]>`
        select exists (select 1 from realtime.messages where topic = ${topic} and extension = ${extension}) as read`;
      const read = row?.read === true;
      let write = false;
      try {
        await tx.savepoint(async (inner) => {
          await inner`insert into realtime.messages (topic, extension, private) values (${topic}, ${extension}, true)`;
        });
        write = true;
      } catch (error) {
        if ((error as { code?: string }).code !== '42501') throw error;
      }
      rights = { read, write };
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return rights;
}

export interface RightsCache {
  (access: Access, topic: string): Promise<TopicRights>;
  /** Forgets everything (an authorization table changed). */
  clear(): void;
  /** Counts the clear() calls: an answer asked for before the last one may be out of date. */
  readonly generation: number;
}

/**
 * topicRights, shared by every channel of the same access and topic (a thousand dashboards of
 * ten people cost ten checks), until an authorization table changes or `ttlMs` passes.
 */
export function cachedTopicRights(sql: Sql, ttlMs = 5000): RightsCache {
  let entries = new Map<string, { at: number; rights: Promise<TopicRights> }>();
  let generation = 0;
  const lookup = (access: Access, topic: string) => {
    const key = JSON.stringify([access.groupKey, topic]);
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.rights;
    const rights = topicRights(sql, access, topic);
    const entry = { at: Date.now(), rights };
    entries.set(key, entry);
    rights.catch(() => entries.get(key) === entry && entries.delete(key));
    return rights;
  };
  return Object.defineProperties(lookup, {
    clear: {
      value() {
        entries = new Map();
        generation += 1;
      },
    },
    generation: { get: () => generation },
  }) as RightsCache;
}
