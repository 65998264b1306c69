// What the worker's bell publisher pushes to a user's private topic `bell:<user id>` (decision
// 045): the newest notifications and the unread count, as /resources/notifications answers. The
// shape is checked by hand (zod would add its weight to every screen's bundle); a push that does
// not match is ignored and the bell keeps what it had.
import type { Notification } from '../data/notifications.server.ts';

export interface BellData {
  userId: string;
  notifications: Notification[];
  unread: number;
}

const text = (value: unknown): value is string => typeof value === 'string';
const textOrNull = (value: unknown) => value === null || text(value);

/** The notification in a pushed row, or null when the row is not one (fields missing or mistyped). */
function notificationOf(row: unknown): Notification | null {
  if (typeof row !== 'object' || row === null) return null;
  const r = row as Record<string, unknown>;
  if (!text(r.id) || !text(r.event) || !text(r.title) || !text(r.created_at)) return null;
  if (!textOrNull(r.body) || !textOrNull(r.link) || !textOrNull(r.read_at)) return null;
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

/** The bell a push carries for `userId`, or null when the payload is not a bell. */
export function bellFromPush(payload: unknown, userId: string): BellData | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { unread, notifications } = payload as Record<string, unknown>;
  if (typeof unread !== 'number' || !Number.isInteger(unread) || unread < 0 || !Array.isArray(notifications))
    return null;
  const listed = notifications.map(notificationOf);
  if (listed.some((notification) => notification === null)) return null;
  return { userId, notifications: listed as Notification[], unread };
}
