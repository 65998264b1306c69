// The kitchen display itself: the station choice (remembered on this device), the rail of
// tickets, the toolbar (recall, full screen, theme) and the live/stale state.
import { Link, useFetcher, useNavigate } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KitchenStation, Ticket } from '../../data/kitchen.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { useNewTicketAlert } from './use-kitchen-alert.ts';

interface Props {
  property: { id: string; name: string; timeZone: string };
  stations: KitchenStation[];
  station: { id: string; name: string } | null;
  stationChosen: boolean;
  tickets: Ticket[];
  recalled: Ticket | null;
  lastBumpedId: string | null;
  targetMinutes: number;
  loadedAt: string;
}

const STATION_KEY = 'roost:kitchen-station';
const THEME_KEY = 'roost:kitchen-theme';
const LIVE_TABLES = ['orders', 'order_items'] as const;

/** The clock the timers read: the load's time on the server and at hydration, then every second. */
function useNow(loadedAt: string): number {
  const [now, setNow] = useState(() => Date.parse(loadedAt));
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function useTheme() {
  const [dark, setDark] = useState(true);
  useEffect(() => {
    setDark(localStorage.getItem(THEME_KEY) !== 'light');
  }, []);
  const toggle = () =>
    setDark((current) => {
      localStorage.setItem(THEME_KEY, current ? 'light' : 'dark');
      return !current;
    });
  return { dark, toggle };
}

function useFullScreen(target: React.RefObject<HTMLElement | null>) {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const update = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void target.current?.requestFullscreen?.();
  };
  return { full, toggle };
}

/** The station asked for is remembered; opening the display without one goes back to it. */
function useRememberedStation(stations: KitchenStation[], station: Props['station'], chosen: boolean) {
  const navigate = useNavigate();
  useEffect(() => {
    if (chosen) {
      localStorage.setItem(STATION_KEY, station?.id ?? 'all');
      return;
    }
    const saved = localStorage.getItem(STATION_KEY);
    if (saved && (saved === 'all' || stations.some((entry) => entry.id === saved))) {
      navigate(`?station=${saved}`, { replace: true });
    }
  }, [chosen, station, stations, navigate]);
}

export function KitchenDisplay(props: Props) {
  const { property, stations, station, stationChosen, tickets, recalled, lastBumpedId, targetMinutes, loadedAt } =
    props;
  const root = useRef<HTMLDivElement>(null);
  const now = useNow(loadedAt);
  const theme = useTheme();
  const fullScreen = useFullScreen(root);
  useRememberedStation(stations, station, stationChosen);
  const { fresh, arm, soundReady } = useNewTicketAlert(tickets.map((ticket) => ticket.orderId));
  const onChange = useCallback(
    (change: { table: string; eventType: string; new: unknown }) => {
      const row = change.new as { status?: string } | null;
      if (change.table === 'orders' && row?.status === 'submitted') arm();
    },
    [arm],
  );
  const live = useLiveChanges({ tables: LIVE_TABLES, propertyId: property.id, onChange });
  const stationQuery = `station=${station?.id ?? 'all'}`;
  const clock = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: property.timeZone });

  return (
    <div ref={root} className={`kds${theme.dark ? ' kds-dark' : ''}`}>
      <div className="kds-toolbar">
        <h1 className="kds-title">
          Kitchen display <span className="kds-station-name">· {station?.name ?? 'All stations'}</span>
        </h1>
        <nav aria-label="Stations" className="kds-stations">
          <ul>
            <li>
              <Link to="?station=all" aria-current={station === null ? 'page' : undefined}>
                All stations
              </Link>
            </li>
            {stations.map((entry) => (
              <li key={entry.id}>
                <Link to={`?station=${entry.id}`} aria-current={station?.id === entry.id ? 'page' : undefined}>
                  {entry.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="kds-actions">
          {lastBumpedId ? (
            <Link className="button" to={`?${stationQuery}&recall=${lastBumpedId}`} preventScrollReset>
              Recall last
            </Link>
          ) : (
            <button type="button" className="button" disabled>
              Recall last
            </button>
          )}
          <button type="button" className="button" onClick={fullScreen.toggle}>
            {fullScreen.full ? 'Exit full screen' : 'Full screen'}
          </button>
          <button type="button" className="button" onClick={theme.toggle} aria-pressed={theme.dark}>
            Dark theme
          </button>
          <LiveBadge state={live} />
        </div>
      </div>
      {live === 'offline' ? (
        <p className="alert alert-error kds-stale" role="status">
          Stale — last updated {clock.format(new Date(loadedAt))}. Reconnecting…
        </p>
      ) : null}
      {soundReady ? null : <p className="kds-hint">Tap anywhere to turn on the new-ticket sound.</p>}
      {recalled ? (
        <section className="kds-recalled" aria-label="Recalled ticket">
          <TicketCard
            ticket={recalled}
            now={now}
            targetMinutes={targetMinutes}
            stationId={station?.id ?? null}
            timeZone={property.timeZone}
            recalled
            dismissHref={`?${stationQuery}`}
          />
        </section>
      ) : null}
      {tickets.length === 0 ? (
        <p className="kds-empty">
          No tickets {station ? `for ${station.name}` : 'in the kitchen'}. Orders sent from the POS appear here as they
          arrive.
        </p>
      ) : (
        <ol className="kds-rail" aria-label="Tickets, oldest first">
          {tickets.map((ticket) => (
            <li key={ticket.orderId}>
              <TicketCard
                ticket={ticket}
                now={now}
                targetMinutes={targetMinutes}
                stationId={station?.id ?? null}
                timeZone={property.timeZone}
                isNew={fresh.includes(ticket.orderId)}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function LiveBadge({ state }: { state: 'connecting' | 'live' | 'offline' }) {
  const text = { connecting: 'Connecting…', live: 'Live', offline: 'Offline' }[state];
  return (
    <span className={`kds-live kds-live-${state}`} role="status">
      {text}
    </span>
  );
}

interface TicketProps {
  ticket: Ticket;
  now: number;
  targetMinutes: number;
  stationId: string | null;
  timeZone: string;
  isNew?: boolean;
  recalled?: boolean;
  dismissHref?: string;
}

/** Where an online order goes: "Online · pick up 19:30", "Online · room service · Room 12". */
function originLabel(ticket: Ticket, timeZone: string): string {
  if (ticket.pickupAt) {
    const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
    return `Online · pick up ${time.format(new Date(ticket.pickupAt))}`;
  }
  if (ticket.kind === 'room') return `Online · room service${ticket.room ? ` · Room ${ticket.room}` : ''}`;
  return 'Online';
}

function TicketCard({ ticket, now, targetMinutes, stationId, timeZone, isNew, recalled, dismissHref }: TicketProps) {
  const fetcher = useFetcher<{ ok: boolean; formError: string | null }>();
  const waited = now - Date.parse(ticket.submittedAt);
  const late = waited >= targetMinutes * 60_000;
  const busy = fetcher.state !== 'idle';
  const headingId = `ticket-${ticket.orderId}`;
  const classes = ['kds-ticket', late ? 'kds-late' : '', isNew ? 'kds-new' : '', recalled ? 'kds-ticket-recalled' : ''];
  return (
    <article className={classes.filter(Boolean).join(' ')} aria-labelledby={headingId} aria-busy={busy || undefined}>
      <header className="kds-ticket-head">
        <h2 id={headingId}>{ticket.label}</h2>
        <span className="kds-timer" title="Time since the order was sent">
          <span className="visually-hidden">Waiting </span>
          {elapsed(waited)}
          {late ? <span className="kds-late-label"> late</span> : null}
        </span>
        {isNew ? <span className="kds-badge">New</span> : null}
        {recalled ? <span className="kds-badge">Recalled</span> : null}
        {ticket.online ? <p className="kds-origin">{originLabel(ticket, timeZone)}</p> : null}
      </header>
      {fetcher.data?.formError ? (
        <p className="alert alert-error kds-error" role="alert">
          {fetcher.data.formError}
        </p>
      ) : null}
      {ticket.courses.map((course) => (
        <section key={course.name} className="kds-course" aria-label={course.name}>
          <h3>{course.name}</h3>
          <ul>
            {course.lines.map((line) => {
              const done = line.status === 'ready' || line.status === 'served';
              return (
                <li key={line.id} className={`kds-line${done ? ' kds-line-done' : ''}`}>
                  <div className="kds-line-text">
                    <strong>
                      {line.quantity} × {line.name}
                    </strong>
                    {line.seat ? <span className="kds-seat"> · Seat {line.seat}</span> : null}
                    {line.options.length ? (
                      <ul className="kds-options">
                        {line.options.map((option) => (
                          <li key={`${option.group}:${option.name}`}>
                            {option.group ? `${option.group}: ` : ''}
                            {option.name}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {line.note ? <p className="kds-note">Note: {line.note}</p> : null}
                  </div>
                  {done ? (
                    <span className="kds-line-status">{line.status === 'ready' ? 'Ready' : 'Served'}</span>
                  ) : (
                    <fetcher.Form method="post" preventScrollReset>
                      <input type="hidden" name="intent" value="bump-item" />
                      <input type="hidden" name="item_id" value={line.id} />
                      <button type="submit" className="button kds-bump-line" disabled={busy}>
                        Bump<span className="visually-hidden"> {line.name}</span>
                        {line.status === 'preparing' ? <span className="kds-preparing"> (cooking)</span> : null}
                      </button>
                    </fetcher.Form>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <footer className="kds-ticket-foot">
        {recalled ? (
          <Link className="button" to={dismissHref ?? '?'} preventScrollReset>
            Close recall
          </Link>
        ) : (
          <fetcher.Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="bump-ticket" />
            <input type="hidden" name="order_id" value={ticket.orderId} />
            <input type="hidden" name="station_id" value={stationId ?? ''} />
            <button type="submit" className="button button-primary kds-bump-ticket" disabled={busy}>
              Bump ticket<span className="visually-hidden"> {ticket.label}</span>
            </button>
          </fetcher.Form>
        )}
      </footer>
    </article>
  );
}
