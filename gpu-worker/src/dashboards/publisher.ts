// Pushes each property's live dashboard tiles to its private Realtime topic (decision 027). The
// database notifies `roost_dashboard` with a property id when something the tiles count changed
// (at commit); this reads `private.dashboard_live_tiles` once for all the property's open
// dashboards and sends it with `realtime.send` to the read-only topic `dashboard:<id>`, event `kpis`.
//
// Each push also says which days booking changes touched since the last one (`touched`, see
// touched-days.ts) and carries the figures of those a page may show (`days`, the spans in
// `covered`): pages fold them into their charts and re-read only for touched days not covered.
// Paced per property (realtime/paced-publisher.ts): the first change is read at once, changes that
// keep coming at most every `intervalMs` (500 ms: a page paints each push it gets, so this is
// also how often a busy property's open dashboards redraw), one more after a change during a
// read; one active publisher per database. Unchanged figures are sent too.
import { type PacedPublisher, type PublisherOptions, startPacedPublisher } from '../realtime/paced-publisher.ts';
import { addSpan, type DaySpan, parseChange } from './touched-days.ts';

export const DASHBOARD_CHANNEL = 'roost_dashboard';
/** The private Realtime topic a property's dashboards listen to (read-only for members). */
export const dashboardTopic = (propertyId: string) => `dashboard:${propertyId}`;
/** pg_advisory_lock key of the one active publisher: 'roost_dashboard_publisher' hashed, fixed. */
const LEADER_LOCK_KEY = '7402113951';

export type DashboardPublisherOptions = PublisherOptions;

export type DashboardPublisher = PacedPublisher;

export function startDashboardPublisher(options: DashboardPublisherOptions): Promise<DashboardPublisher> {
  const { sql } = options;
  return startPacedPublisher<DaySpan>({
    sql,
    log: options.log,
    channel: DASHBOARD_CHANNEL,
    lockKey: LEADER_LOCK_KEY,
    name: 'dashboard publisher',
    intervalMs: options.intervalMs ?? 500,
    leaderRetryMs: options.leaderRetryMs,
    parse(payload) {
      const change = parseChange(payload);
      return change ? { key: change.propertyId, note: change.span } : null;
    },
    gather: addSpan,
    async publish(propertyId, touched) {
      // Pages keep the newer of this and their own last load: both say when they read.
      const readAt = Date.now();
      // One statement, one snapshot: the touched days' figures (those a page may show) agree with the tiles.
      const [row] = await sql<{ tiles: Record<string, unknown> | null; days: Record<string, unknown> }[]>`
        select private.dashboard_live_tiles(${propertyId}::uuid) as tiles,
          private.dashboard_live_days(${propertyId}::uuid, ${sql.json(touched as never)}) as days`;
      const tiles = row?.tiles ?? null;
      if (tiles === null) return 'forget';
      // The object itself: postgres.js serialises a jsonb parameter (a string would arrive as a JSON string).
      await sql`select realtime.send(${sql.json({ ...tiles, ...row?.days, read_at: readAt, touched } as never)}, 'kpis', ${dashboardTopic(propertyId)}, true)`;
      return 'sent';
    },
  });
}
