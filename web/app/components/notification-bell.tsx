// The bell in the portal's and the staff screens' top bars: the unread count, the newest
// notifications, mark one or all read, and a link to the preferences. Its data comes from
// /resources/notifications when it mounts, joins (again) or marks something read; in between the
// worker pushes the user's bell to their private topic whenever their notifications change, at
// most once a second (decision 045, bell-channel.ts): a busy property's bookings do not make
// every open screen redraw or ask the server for each one.
// It reads with utils/paced-json-reader.ts (a plain fetch, one at a time, a failed read ignored):
// the bell must never break the screen it sits on (the POS works offline).

import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { pacedJsonReader } from '../utils/paced-json-reader.ts';
import { listenToBell } from './bell-channel.ts';
import { type BellData, bellFromPush } from './bell-push.ts';
import '../styles/notifications.css';

const DATA_URL = '/resources/notifications';
const TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The bell's data and its read again on demand (reads never overlap: one more follows a busy one). */
function useBellData(): [BellData | null, (data: BellData) => void, () => void] {
  const [data, setData] = useState<BellData | null>(null);
  const [reader] = useState(() => pacedJsonReader({ url: DATA_URL, take: (body) => setData(body as BellData) }));
  return [data, setData, reader.ask];
}

export function NotificationBell() {
  const [data, setData, read] = useBellData();
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
    return listenToBell(userId, {
      push: (payload) => {
        const pushed = bellFromPush(payload, userId);
        if (pushed) setData(pushed);
      },
      // Back after a drop: what was pushed meanwhile was not delivered; read it.
      joined: () => readRef.current(),
    });
  }, [userId, setData]);

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
