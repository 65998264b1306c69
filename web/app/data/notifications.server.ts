// The signed-in user's notifications (public.notifications, written only by the database's
// triggers; RLS shows each user their own) and their preferences per event (in the app, by
// email). Decision 031.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import { NOTIFICATION_EVENTS as EVENTS } from './notification-events.ts';
import type { Saved } from './properties.server.ts';

export type NotificationEvent = Database['public']['Enums']['notification_event'];
export type Notification = Pick<
  Database['public']['Tables']['notifications']['Row'],
  'id' | 'event' | 'title' | 'body' | 'link' | 'created_at' | 'read_at'
>;
export interface NotificationPreference {
  event: NotificationEvent;
  in_app: boolean;
  email: boolean;
}

export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = EVENTS;

/** The newest notifications (read or not) and how many are unread. */
export async function listNotifications(
  supabase: Supabase,
  limit = 20,
): Promise<{ notifications: Notification[]; unread: number }> {
  const [list, unread] = await Promise.all([
    supabase
      .from('notifications')
      .select('id, event, title, body, link, created_at, read_at')
      .order('created_at', { ascending: false })
      .limit(limit),
    supabase.from('notifications').select('id', { count: 'exact', head: true }).is('read_at', null),
  ]);
  if (list.error) throw new DataError(list.error);
  if (unread.error) throw new DataError(unread.error);
  return { notifications: list.data, unread: unread.count ?? 0 };
}

/** Marks the listed notifications read, or all of them (ids null). */
export async function markNotificationsRead(supabase: Supabase, ids: string[] | null): Promise<Saved<number>> {
  const { data, error } = await supabase.rpc('mark_notifications_read', ids ? { p_ids: ids } : {});
  return error ? { error } : { row: data };
}

/** The user's choice for every event (defaults where none was saved: in the app, no email). */
export async function getPreferences(supabase: Supabase): Promise<NotificationPreference[]> {
  const { data, error } = await supabase.from('notification_preferences').select('event, in_app, email');
  if (error) throw new DataError(error);
  return NOTIFICATION_EVENTS.map(
    (event) => data.find((row) => row.event === event) ?? { event, in_app: true, email: false },
  );
}

export async function savePreferences(
  supabase: Supabase,
  userId: string,
  preferences: NotificationPreference[],
): Promise<Saved<null>> {
  const { error } = await supabase
    .from('notification_preferences')
    .upsert(preferences.map((p) => ({ user_id: userId, ...p, updated_at: new Date().toISOString() })));
  return error ? { error } : { row: null };
}
