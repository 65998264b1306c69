// The bell's list folded with what Realtime delivers: a new notification (an INSERT carries the
// whole row, RLS-checked for its user) is put on top and counted unread without asking the server.
// Anything else (read elsewhere, deleted by retention, a row that does not parse) needs a read.
import type { Notification } from '../data/notifications.server.ts';

export interface BellData {
  userId: string;
  notifications: Notification[];
  unread: number;
}

/** What the bell uses of a postgres_changes payload. */
export interface NotificationChange {
  eventType: string;
  new: unknown;
}

/** How many notifications the bell lists (the read's limit, listNotifications). */
export const BELL_LIMIT = 20;

const text = (value: unknown) => typeof value === 'string';

/** The notification in a change's row, or null when the row is not one (fields missing or mistyped). */
function notificationOf(row: unknown): Notification | null {
  if (typeof row !== 'object' || row === null) return null;
  const r = row as Record<string, unknown>;
  if (!text(r.id) || !text(r.event) || !text(r.title) || !text(r.created_at)) return null;
  if (!(r.body === null || text(r.body)) || !(r.link === null || text(r.link))) return null;
  if (!(r.read_at === null || text(r.read_at))) return null;
  return {
    id: r.id,
    event: r.event,
    title: r.title,
    body: r.body,
    link: r.link,
    created_at: r.created_at,
    read_at: r.read_at,
  } as Notification;
}

/**
 * The bell after a change of one of the user's notifications: the data folded, or 'read' when only
 * the server can say (the unread count of rows the bell does not list).
 */
export function foldNotification(data: BellData, change: NotificationChange): BellData | 'read' {
  if (change.eventType !== 'INSERT') return 'read';
  const added = notificationOf(change.new);
  if (!added) return 'read';
  // Heard twice (a rejoin's read already brought it): nothing changes.
  if (data.notifications.some((listed) => listed.id === added.id)) return data;
  const notifications = [added, ...data.notifications]
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .slice(0, BELL_LIMIT);
  return { ...data, notifications, unread: data.unread + (added.read_at === null ? 1 : 0) };
}
