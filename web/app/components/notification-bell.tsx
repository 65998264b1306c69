// The bell in the portal's and the staff screens' top bars: the unread count, the newest
// notifications, mark one or all read, and a link to the preferences. Its data comes from
// /resources/notifications; Realtime's postgres_changes on the user's own notifications (RLS:
// nobody hears another user's rows) bring a new one the moment a trigger writes it, no page reload:
// it is folded in from the change itself (notification-feed.ts), so a busy property's bookings do
// not make every open screen ask the server again. Other changes (read in another tab, deleted)
// read the bell again, at most every READ_EVERY_MS.
// It reads with a plain fetch, one at a time, and ignores a failed read (offline, leaving the
// page): a fetcher's failed or overtaken load would reach the page's error boundary or the console,
// and the bell must never break the screen it sits on (the POS works offline).

import { Link, useFetcher } from '@remix-run/react';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserSupabase } from '../utils/supabase.client.ts';
import { type BellData, foldNotification, type NotificationChange } from './notification-feed.ts';
import '../styles/notifications.css';

const DATA_URL = '/resources/notifications';
const TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
/** Changes that need the server's answer read the bell at most this often. */
const READ_EVERY_MS = 2_000;
/** A busy property's new notifications redraw the bell at most this often. */
const DRAW_EVERY_MS = 1_000;

/**
 * The bell's data, read again on demand (reads never overlap: one more follows a busy one), and
 * `fold`, which applies a change and says whether the server must be asked instead. A stream of
 * folded changes is drawn at most every DRAW_EVERY_MS (the first at once).
 */
function useBellData(): [BellData | null, (change: NotificationChange) => boolean, () => void] {
  const [data, setShown] = useState<BellData | null>(null);
  // The latest data, ahead of what is drawn while a stream of changes is held back.
  const latest = useRef<BellData | null>(null);
  const drawnAt = useRef(0);
  const drawTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const draw = useCallback(() => {
    if (drawTimer.current) return;
    drawTimer.current = setTimeout(
      () => {
        drawTimer.current = undefined;
        drawnAt.current = Date.now();
        setShown(latest.current);
      },
      Math.max(0, drawnAt.current + DRAW_EVERY_MS - Date.now()),
    );
  }, []);
  useEffect(() => () => clearTimeout(drawTimer.current), []);
  /** Changes folded while a read is under way: its answer may predate them. */
  const foldedDuringRead = useRef<NotificationChange[] | null>(null);
  const fold = useCallback(
    (change: NotificationChange) => {
      const folded = latest.current ? foldNotification(latest.current, change) : 'read';
      if (folded === 'read') return false;
      foldedDuringRead.current?.push(change);
      if (folded !== latest.current) {
        latest.current = folded;
        draw();
      }
      return true;
    },
    [draw],
  );
  const reading = useRef(false);
  const owed = useRef(false);
  const read = useCallback(async () => {
    if (reading.current) {
      owed.current = true;
      return;
    }
    reading.current = true;
    foldedDuringRead.current = [];
    try {
      const response = await fetch(DATA_URL, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        // Folding is idempotent for listed rows: what the read already had stays as it was.
        let next = (await response.json()) as BellData;
        for (const change of foldedDuringRead.current) {
          const folded = foldNotification(next, change);
          if (folded !== 'read') next = folded;
        }
        latest.current = next;
        drawnAt.current = Date.now();
        setShown(next);
      }
    } catch {
      // Offline or leaving the page: the next change, or the channel's rejoin, reads again.
    } finally {
      reading.current = false;
      foldedDuringRead.current = null;
      if (owed.current) {
        owed.current = false;
        void read();
      }
    }
  }, []);
  return [data, fold, () => void read()];
}

export function NotificationBell() {
  const [data, fold, read] = useBellData();
  const mark = useFetcher();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const readRef = useRef(read);
  readRef.current = read;

  // First read, and again after each mark (the count changes).
  useEffect(() => {
    if (mark.state === 'idle') readRef.current();
  }, [mark.state]);

  const userId = data?.userId;
  useEffect(() => {
    if (!userId) return;
    const supabase = browserSupabase();
    let channel: RealtimeChannel | undefined;
    let cancelled = false;
    // A stream of changes the bell cannot fold reads at once, then at most every READ_EVERY_MS.
    let lastRead = 0;
    let readTimer: ReturnType<typeof setTimeout> | undefined;
    const readPaced = () => {
      if (readTimer) return;
      readTimer = setTimeout(
        () => {
          readTimer = undefined;
          lastRead = Date.now();
          readRef.current();
        },
        Math.max(0, lastRead + READ_EVERY_MS - Date.now()),
      );
    };
    void supabase.realtime
      .setAuth()
      .catch(() => undefined)
      .then(() => {
        if (cancelled) return;
        channel = supabase
          .channel(`notifications:${userId}:${Math.random().toString(36).slice(2)}`)
          .on(
            'postgres_changes',
            { event: '*', schema: 'public', table: 'notifications', filter: `user_id=eq.${userId}` },
            (change) => {
              if (!fold(change)) readPaced();
            },
          )
          .subscribe((status) => {
            // Back after a drop: what arrived meanwhile was not delivered; read it again.
            if (status === 'SUBSCRIBED') readRef.current();
          });
      });
    return () => {
      cancelled = true;
      clearTimeout(readTimer);
      if (channel) void supabase.removeChannel(channel);
    };
  }, [userId, fold]);

  // Close on Escape and on a click elsewhere, as a menu does.
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !menu.current?.contains(event.target as Node)) {
        setOpen(false);
        if (event instanceof KeyboardEvent) menu.current?.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('click', close);
    };
  }, [open]);

  const unread = data?.unread ?? 0;
  const notifications = data?.notifications ?? [];
  return (
    <details
      className="notification-bell"
      ref={menu}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-unread={unread}
      data-newest={notifications[0]?.id ?? ''}
    >
      <summary aria-label={unread ? `Notifications: ${unread} unread` : 'Notifications: none unread'}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {unread ? <span className="notification-count">{unread > 99 ? '99+' : unread}</span> : null}
      </summary>
      {/* Drawn only while open: a closed bell redraws its count alone. */}
      {open ? (
        <div className="notification-menu">
          <div className="notification-menu-head">
            <h2>Notifications</h2>
            {unread ? (
              <mark.Form method="post" action={DATA_URL}>
                <input type="hidden" name="intent" value="mark-all-read" />
                <button type="submit" className="button button-small">
                  Mark all read
                </button>
              </mark.Form>
            ) : null}
          </div>
          {notifications.length ? (
            <ul className="notification-list">
              {notifications.map((n) => (
                <li key={n.id} className={n.read_at ? 'notification' : 'notification notification-unread'}>
                  {n.link ? (
                    <Link
                      to={n.link}
                      // Found when followed: a busy property's new links would each ask for the route manifest.
                      discover="none"
                      onClick={() => {
                        setOpen(false);
                        if (!n.read_at)
                          mark.submit({ intent: 'mark-read', id: n.id }, { method: 'post', action: DATA_URL });
                      }}
                    >
                      {n.title}
                    </Link>
                  ) : (
                    <strong>{n.title}</strong>
                  )}
                  {n.body ? <span className="notification-body">{n.body}</span> : null}
                  <span className="notification-meta">
                    <time dateTime={n.created_at}>{TIME.format(new Date(n.created_at))}</time>
                    {n.read_at ? null : (
                      <mark.Form method="post" action={DATA_URL} className="inline-form">
                        <input type="hidden" name="intent" value="mark-read" />
                        <input type="hidden" name="id" value={n.id} />
                        <button type="submit" className="link-button" aria-label={`Mark read: ${n.title}`}>
                          Mark read
                        </button>
                      </mark.Form>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nothing yet. New bookings, cancellations, no-shows and ready orders show up here.</p>
          )}
          <Link to="/account/notifications" className="notification-settings" onClick={() => setOpen(false)}>
            Choose what you are told
          </Link>
        </div>
      ) : null}
    </details>
  );
}
