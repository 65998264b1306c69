// Pushes each user's notification bell to their private Realtime topic (decision 045): the
// database notifies `roost_bell` with the user's id when one of their notifications is added,
// read or removed (at commit); this reads `private.bell_of` (the newest 20 and the unread count,
// as /resources/notifications answers) and sends it with `realtime.send` to `bell:<user id>`,
// event `bell`, which only that user may listen to. Paced per user (realtime/paced-publisher.ts):
// the first change at once, a stream at most every `intervalMs`: a busy property's bookings reach
// each open screen as one message a second, not one per booking.
import { type PacedPublisher, type PublisherOptions, startPacedPublisher } from '../realtime/paced-publisher.ts';

export const BELL_CHANNEL = 'roost_bell';
/** The private Realtime topic of a user's bell (only that user may listen). */
export const bellTopic = (userId: string) => `bell:${userId}`;
/** pg_advisory_lock key of the one active bell publisher: 'roost_bell_publisher' hashed, fixed. */
const LEADER_LOCK_KEY = '5190338417';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type BellPublisherOptions = PublisherOptions;

export type BellPublisher = PacedPublisher;

export function startBellPublisher(options: BellPublisherOptions): Promise<BellPublisher> {
  const { sql } = options;
  return startPacedPublisher<never>({
    sql,
    log: options.log,
    channel: BELL_CHANNEL,
    lockKey: LEADER_LOCK_KEY,
    name: 'bell publisher',
    intervalMs: options.intervalMs ?? 1_000,
    leaderRetryMs: options.leaderRetryMs,
    parse: (payload) => (UUID.test(payload) ? { key: payload.toLowerCase() } : null),
    gather: (notes) => notes,
    async publish(userId) {
      const [row] = await sql<{ bell: Record<string, unknown> }[]>`select private.bell_of(${userId}::uuid) as bell`;
      await sql`select realtime.send(${sql.json((row?.bell ?? {}) as never)}, 'bell', ${bellTopic(userId)}, true)`;
      return 'sent';
    },
  });
}
