// The POS screen: menu on the left, the order being taken on the right, the orders in service
// below. Sending saves the order in the outbox first, then replays the outbox; offline, orders
// wait there (shown as queued) and go out in the order they were taken when the tablet is back.
// A table that already has an open check gets the new round on that check (or on a new one, if
// staff choose so).
import { useRevalidator } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PresenceNote } from '../../components/presence-note.tsx';
import type { MenuItem } from '../../data/pos.server.ts';
import { formatMoney } from '../../utils/money.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { usePresence } from '../../utils/use-presence.ts';
import { ItemPicker, type PickedLine } from './item-picker.tsx';
import { checkLabels, OpenOrders } from './open-orders.tsx';
import { listQueued, type QueuedOrder, removeQueued, replayQueue, saveQueued } from './order-queue.ts';
import { POS_TARGETS, type PosOrder, PosOrderSchema } from './pos.schema.ts';
import type { PosData } from './route.tsx';

type Target = (typeof POS_TARGETS)[number];

interface DraftLine extends PickedLine {
  uid: string;
  seat: number | null;
  course: number | null;
}

interface Draft {
  /** The idempotency key of this order: made once, kept through every retry. */
  key: string;
  lines: DraftLine[];
}

const TARGET_LABELS: Record<Target, string> = { table: 'Table', room: 'Room', takeaway: 'Counter' };
const COURSES = [1, 2, 3, 4] as const;

const newDraft = (): Draft => ({ key: crypto.randomUUID(), lines: [] });

export function PosScreen({ data }: { data: PosData }) {
  const { property, menu, tables, stays, openOrders, organization, preselectedTable, viewer } = data;
  const submitUrl = `/o/${organization.slug}/p/${property.id}/pos/submit`;
  const money = useCallback((minor: number) => formatMoney(minor, property.currency), [property.currency]);
  const live = useLiveChanges({ tables: ['orders', 'order_items'], propertyId: property.id });
  const revalidator = useRevalidator();

  const [category, setCategory] = useState<string | 'all'>('all');
  const [search, setSearch] = useState('');
  const [picking, setPicking] = useState<MenuItem | null>(null);
  const [draft, setDraft] = useState<Draft>(() => ({ key: '', lines: [] }));
  const [target, setTarget] = useState<Target>(tables.length > 0 ? 'table' : 'takeaway');
  const [tableId, setTableId] = useState(preselectedTable ?? '');
  // Who else has this table open at a POS (the floor shows it on the table's tile too).
  const othersAtTable = usePresence({
    propertyId: property.id,
    screen: 'table',
    id: target === 'table' && tableId ? tableId : null,
    ...viewer,
  });
  /** The open check a round goes onto: null picks the table's first one, 'new' opens another. */
  const [checkChoice, setCheckChoice] = useState<string | null>(null);
  const [bookingId, setBookingId] = useState('');
  const [guestName, setGuestName] = useState('');
  const [seat, setSeat] = useState<number | null>(null);
  const [course, setCourse] = useState<number | null>(1);
  const [queue, setQueue] = useState<QueuedOrder[]>([]);
  const [online, setOnline] = useState(true);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const sending = useRef(false);

  // The key is made in the browser (crypto), never during the server render.
  useEffect(() => setDraft((current) => (current.key ? current : newDraft())), []);

  const refreshQueue = useCallback(async () => setQueue(await listQueued(property.id)), [property.id]);

  const replay = useCallback(async () => {
    let placed = 0;
    await replayQueue(property.id, (_entry, outcome) => {
      if (outcome.kind === 'placed') placed += 1;
      if (outcome.kind === 'unreachable') setOnline(false);
      if (outcome.kind === 'refused') setNotice({ tone: 'error', text: `An order was refused: ${outcome.message}` });
    });
    await refreshQueue();
    if (placed > 0) {
      setOnline(true);
      revalidator.revalidate();
    }
  }, [property.id, refreshQueue, revalidator]);
  const replayRef = useRef(replay);
  replayRef.current = replay;

  // Online state from the browser, the outbox from IndexedDB, a replay on load, on reconnect
  // and every 15 s while something waits.
  useEffect(() => {
    setOnline(navigator.onLine);
    const goOnline = () => {
      setOnline(true);
      void replayRef.current();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    void replayRef.current();
    const timer = setInterval(() => {
      if (navigator.onLine) void replayRef.current();
    }, 15_000);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      clearInterval(timer);
    };
  }, []);

  const visibleItems = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return menu.items.filter(
      (item) =>
        (needle
          ? item.name.toLocaleLowerCase().includes(needle)
          : category === 'all' || item.category_id === category) && item.stock_count !== 0,
    );
  }, [menu.items, category, search]);

  const addLine = (line: PickedLine) => {
    setDraft((current) => ({
      ...current,
      lines: [...current.lines, { ...line, uid: crypto.randomUUID(), seat, course }],
    }));
    setNotice(null);
  };

  const tapItem = (item: MenuItem) => {
    if (item.groups.length > 0) setPicking(item);
    else addLine({ item_id: item.id, name: item.name, quantity: 1, option_ids: [], option_names: [], note: null });
  };

  const changeQuantity = (uid: string, delta: number) =>
    setDraft((current) => ({
      ...current,
      lines: current.lines
        .map((line) => (line.uid === uid ? { ...line, quantity: line.quantity + delta } : line))
        .filter((line) => line.quantity > 0),
    }));

  // Checks of the chosen table that can take another round (not yet on a folio).
  const tableChecks = openOrders.filter(
    (order) => target === 'table' && order.kind === 'table' && order.table_resource_id === tableId && !order.folio_id,
  );
  const labels = checkLabels(openOrders, tables, stays);
  const checkId =
    checkChoice === 'new'
      ? null
      : ((tableChecks.find((order) => order.id === checkChoice) ?? tableChecks[0] ?? null)?.id ?? null);

  const targetLabel = (): string => {
    if (target === 'table') return `Table ${tables.find((t) => t.id === tableId)?.name ?? '?'}`;
    if (target === 'room') return stays.find((s) => s.id === bookingId)?.label ?? 'Room';
    return guestName.trim() ? `Counter · ${guestName.trim()}` : 'Counter';
  };

  const send = async () => {
    if (sending.current || !draft.key) return;
    const order: PosOrder = {
      idempotency_key: draft.key,
      order_id: checkId,
      kind: target,
      table_resource_id: target === 'table' && tableId ? tableId : null,
      booking_id: target === 'room' && bookingId ? bookingId : null,
      guest_name: guestName.trim() || null,
      lines: draft.lines.map(({ item_id, quantity, option_ids, note, seat: lineSeat, course: lineCourse }) => ({
        item_id,
        quantity,
        option_ids,
        note: note?.trim() || null,
        seat: lineSeat,
        course: lineCourse,
      })),
    };
    const checked = PosOrderSchema.safeParse(order);
    if (!checked.success) {
      setNotice({ tone: 'error', text: checked.error.issues[0]?.message ?? 'The order is not complete.' });
      return;
    }
    sending.current = true;
    try {
      const count = draft.lines.reduce((sum, line) => sum + line.quantity, 0);
      // Saved before anything is sent: from here on the order cannot be lost.
      await saveQueued({
        key: draft.key,
        propertyId: property.id,
        submitUrl,
        order: checked.data,
        summary: `${checkId ? (labels.get(checkId) ?? targetLabel()) : targetLabel()}${checkId ? ' (next round)' : ''} · ${count} item${count === 1 ? '' : 's'}`,
        queuedAt: new Date().toISOString(),
      });
      setDraft(newDraft());
      setGuestName('');
      setNotice({
        tone: 'success',
        text: navigator.onLine
          ? checkId
            ? 'Round added to the check and sent to the kitchen.'
            : 'Order sent to the kitchen.'
          : 'Order queued.',
      });
      await refreshQueue();
      if (navigator.onLine) await replay();
      // Refused at once (a rule, stock): nothing was written, so the order comes back to be
      // fixed and sent again under the same key.
      const refusedNow = (await listQueued(property.id)).find((entry) => entry.key === draft.key && entry.refused);
      if (refusedNow) {
        await removeQueued(draft.key);
        await refreshQueue();
        setDraft(draft);
        setGuestName(order.guest_name ?? '');
        setNotice({ tone: 'error', text: `Not sent: ${refusedNow.refused}` });
      }
    } finally {
      sending.current = false;
    }
  };

  const discard = async (key: string) => {
    await removeQueued(key);
    await refreshQueue();
  };

  const waiting = queue.filter((entry) => !entry.refused);
  const refused = queue.filter((entry) => entry.refused);
  const categoryName = new Map(menu.categories.map((c) => [c.id, c.name]));

  return (
    <div className="pos">
      <div className="pos-status" aria-live="polite">
        {!online ? (
          <p className="alert alert-error pos-offline" role="status">
            <strong>Offline — orders are queued.</strong> They are sent when the connection is back.
          </p>
        ) : null}
        {/* An open socket says nothing about the network: offline wins. */}
        <p className={`pos-live pos-live-${online ? live : 'offline'}`}>
          {!online
            ? 'Offline'
            : live === 'live'
              ? 'Live'
              : live === 'connecting'
                ? 'Connecting…'
                : 'Live updates paused'}
        </p>
      </div>

      <section className="pos-menu" aria-labelledby="pos-menu-title">
        <h1 id="pos-menu-title" className="visually-hidden">
          Menu
        </h1>
        <div className="pos-search">
          <label htmlFor="pos-search">Search the menu</label>
          <input
            id="pos-search"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Item name"
            autoComplete="off"
          />
        </div>
        <nav className="pos-categories" aria-label="Menu categories">
          {[{ id: 'all', name: 'All' }, ...menu.categories].map((c) => (
            <button
              key={c.id}
              type="button"
              className="pos-category"
              aria-pressed={category === c.id}
              onClick={() => {
                setCategory(c.id);
                setSearch('');
              }}
            >
              {c.name}
            </button>
          ))}
        </nav>
        {menu.items.length === 0 ? (
          <div className="empty-state">
            <p>Nothing is on sale here yet.</p>
            <p className="muted">
              A manager adds items to this property in the catalogue (Catalogue → item → Sold at).
            </p>
          </div>
        ) : visibleItems.length === 0 ? (
          <p className="empty-state">No item matches. Try another word or category.</p>
        ) : (
          <ul className="pos-items">
            {visibleItems.map((item) => (
              <li key={item.id}>
                <button type="button" className="pos-item" onClick={() => tapItem(item)}>
                  <span className="pos-item-name">{item.name}</span>
                  <span className="pos-item-meta">
                    {money(item.price_minor)}
                    {item.groups.length > 0 ? ' · options' : ''}
                  </span>
                  {search ? <span className="pos-item-meta">{categoryName.get(item.category_id)}</span> : null}
                  {item.low_stock && item.stock_count !== null ? (
                    <span className="pos-item-stock">{item.stock_count} left</span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="pos-order" aria-labelledby="pos-order-title">
        <h2 id="pos-order-title">New order</h2>
        <fieldset className="pos-targets">
          <legend>For</legend>
          {POS_TARGETS.map((kind) => (
            <label key={kind} className="pos-target">
              <input
                type="radio"
                name="target"
                value={kind}
                checked={target === kind}
                onChange={() => setTarget(kind)}
              />
              {TARGET_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        {target === 'table' ? (
          <div className="field">
            <label htmlFor="pos-table">Table</label>
            <select
              id="pos-table"
              value={tableId}
              onChange={(event) => {
                setTableId(event.target.value);
                setCheckChoice(null);
              }}
            >
              <option value="">Choose a table</option>
              {tables.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <PresenceNote people={othersAtTable} screen="table" />
          </div>
        ) : null}
        {tableChecks.length > 0 ? (
          <div className="field">
            <label htmlFor="pos-check">Add to</label>
            <select
              id="pos-check"
              value={checkId ?? 'new'}
              onChange={(event) => setCheckChoice(event.target.value)}
              aria-describedby="pos-check-hint"
            >
              {tableChecks.map((order) => (
                <option key={order.id} value={order.id}>
                  {labels.get(order.id)} · {money(order.total_minor)}
                </option>
              ))}
              <option value="new">A new check</option>
            </select>
            <p id="pos-check-hint" className="muted field-hint">
              {checkId
                ? 'This table has an open check: the round goes onto it.'
                : 'Opens another check for this table.'}
            </p>
          </div>
        ) : null}
        {target === 'room' ? (
          <div className="field">
            <label htmlFor="pos-stay">Guest in house</label>
            <select id="pos-stay" value={bookingId} onChange={(event) => setBookingId(event.target.value)}>
              <option value="">{stays.length ? 'Choose a stay' : 'No guest is checked in'}</option>
              {stays.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field-row pos-seat-course">
          <div className="field">
            <label htmlFor="pos-seat">Seat</label>
            <select
              id="pos-seat"
              value={seat ?? ''}
              onChange={(event) => setSeat(event.target.value ? Number(event.target.value) : null)}
            >
              <option value="">Shared</option>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  Seat {n}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="pos-course">Course</label>
            <select
              id="pos-course"
              value={course ?? ''}
              onChange={(event) => setCourse(event.target.value ? Number(event.target.value) : null)}
            >
              <option value="">Any time</option>
              {COURSES.map((n) => (
                <option key={n} value={n}>
                  Course {n}
                </option>
              ))}
            </select>
          </div>
        </div>

        {draft.lines.length === 0 ? (
          <p className="muted pos-empty">Tap items on the menu to add them.</p>
        ) : (
          <ul className="pos-lines" aria-label="Items in the new order">
            {draft.lines.map((line) => (
              <li key={line.uid} className="pos-line">
                <div className="pos-line-text">
                  <strong>
                    {line.quantity} × {line.name}
                  </strong>
                  {line.option_names.length > 0 ? <span className="muted">{line.option_names.join(', ')}</span> : null}
                  {line.note ? <span className="muted">“{line.note}”</span> : null}
                  <span className="muted">
                    {line.seat ? `Seat ${line.seat}` : 'Shared'}
                    {line.course ? ` · Course ${line.course}` : ''}
                  </span>
                </div>
                <div className="pos-stepper">
                  <button
                    type="button"
                    className="button"
                    aria-label={`One less ${line.name}`}
                    onClick={() => changeQuantity(line.uid, -1)}
                  >
                    −
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={`One more ${line.name}`}
                    onClick={() => changeQuantity(line.uid, 1)}
                    disabled={line.quantity >= 999}
                  >
                    +
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <div className="field">
          <label htmlFor="pos-guest">Guest name (optional)</label>
          <input
            id="pos-guest"
            value={guestName}
            maxLength={120}
            onChange={(event) => setGuestName(event.target.value)}
            autoComplete="off"
          />
        </div>
        <p className="muted pos-totals-note">Totals, tax and service are worked out when the order is sent.</p>
        {notice ? (
          <p className={`alert alert-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </p>
        ) : null}
        <button type="button" className="button button-primary button-wide pos-send" onClick={() => void send()}>
          Send to kitchen
        </button>
        {draft.lines.length > 0 ? (
          <button type="button" className="button button-quiet button-wide" onClick={() => setDraft(newDraft())}>
            Clear order
          </button>
        ) : null}

        {queue.length > 0 ? (
          <section className="pos-queue" aria-labelledby="pos-queue-title">
            <h3 id="pos-queue-title">
              {waiting.length} order{waiting.length === 1 ? '' : 's'} queued
            </h3>
            <ul>
              {waiting.map((entry) => (
                <li key={entry.key}>{entry.summary}</li>
              ))}
              {refused.map((entry) => (
                <li key={entry.key} className="pos-refused">
                  <span>
                    {entry.summary}: <strong>refused</strong> — {entry.refused}
                  </span>
                  <button type="button" className="button button-small" onClick={() => void discard(entry.key)}>
                    Discard
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>

      <OpenOrders orders={openOrders} tables={tables} stays={stays} money={money} timeZone={property.time_zone} />

      {picking ? (
        <ItemPicker
          item={picking}
          money={money}
          onAdd={(line) => {
            addLine(line);
            setPicking(null);
          }}
          onClose={() => setPicking(null)}
        />
      ) : null}
    </div>
  );
}
