// The reservation book: tables and spaces × one day in 15-minute slots, reservations as bars by
// status with the turn time after them, out-of-service periods blocked, a line at the current
// time. Drag across free slots (or tap one, or Enter) to draft a reservation; drag a bar to
// another table or time, or its end grip (Shift+arrows on its cell) to change its length: the
// page's action calls modify_booking, and a refusal is shown on the bar, which stays where it
// was. One cell is tabbable at a time (roving tabindex); near the edges a drag scrolls the book.
// biome-ignore-all lint/a11y/useSemanticElements: an ARIA grid of positioned bars; table elements would lose their semantics once restyled.
// biome-ignore-all lint/a11y/useFocusableInteractive: in the ARIA grid pattern the cells take focus (roving tabindex), not rows or headers.
import { useFetcher, useNavigate, useParams } from '@remix-run/react';
import { type KeyboardEvent, type MouseEvent, type PointerEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { SlotBlock, SlotReservation, SlotResource } from '../../data/reservations.server.ts';
import { formatDate } from '../../utils/calendar-dates.ts';
import {
  resourceRowNear as nearResourceRow,
  scrollCellIntoView,
  useClientLayoutEffect,
} from '../../utils/grid-cells.ts';
import { useEdgeAutoScroll } from '../o.$org_.p.$property.grid/auto-scroll.ts';
import { gridRows } from '../o.$org_.p.$property.grid/grid-model.ts';
import { holdCountdown, STATUS_LABELS } from '../o.$org_.p.$property.grid/status-labels.ts';
import type { action } from './route.tsx';
import {
  clock,
  formatLength,
  movedStart,
  pickedSlots,
  reservationAt,
  resizedMinutes,
  SLOT_MINUTES,
  slotOf,
} from './slot-model.ts';
import { SlotMovePanel } from './slot-move-panel.tsx';

export const ROW_HEIGHT = 56;
export const SLOT_WIDTH = 32;
export const NAME_WIDTH = 156;
export const HEADER_HEIGHT = 44;
const MOVABLE = new Set(['held', 'confirmed']);
/** How long a finger holds a free slot before sliding picks slots instead of scrolling. */
const LONG_PRESS_MS = 450;
const SCROLL_INSETS = { left: NAME_WIDTH, top: HEADER_HEIGHT };

interface Props {
  date: string;
  today: string;
  timeZone: string;
  open: number;
  close: number;
  turn: number;
  resources: SlotResource[];
  reservations: SlotReservation[];
  blocks: SlotBlock[];
  highlighted: string | null;
  /** The reservation being drafted in the drawer, drawn where it would go. */
  drafted: { resourceId: string; start: number; minutes: number } | null;
  loadedAt: string;
  onDraft: (draft: { resourceId: string; start: number; minutes: number }) => void;
}

type Drag =
  | {
      kind: 'pick';
      pointerId: number;
      startX: number;
      startY: number;
      row: number;
      resourceId: string;
      anchor: number;
      moved: boolean;
    }
  | {
      kind: 'move' | 'resize';
      pointerId: number;
      startX: number;
      startY: number;
      row: number;
      reservation: SlotReservation;
      /** Slots between the reservation's start and the slot grabbed. */
      grabOffset: number;
      moved: boolean;
    };

/** Where a dragged reservation would go. */
interface Target {
  row: number;
  resourceId: string;
  start: number;
  minutes: number;
}

/** Minutes from midnight now in `timeZone`. */
function minuteNow(timeZone: string, now: number): number {
  const [hours = 0, minutes = 0] = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .split(':')
    .map(Number);
  return hours * 60 + minutes;
}

export function ReservationBook(props: Props) {
  const { date, today, timeZone, open, close, turn, resources, reservations, blocks, highlighted, drafted, onDraft } =
    props;
  const params = useParams();
  const base = `/o/${params.org}/p/${params.property}`;
  const navigate = useNavigate();
  const fetcher = useFetcher<typeof action>();
  const scrollRef = useRef<HTMLDivElement>(null);
  const slots = (close - open) / SLOT_MINUTES;
  const rows = useMemo(() => gridRows(resources), [resources]);
  const [now, setNow] = useState(() => Date.parse(props.loadedAt));
  const nowMinute = date === today ? minuteNow(timeZone, now) : null;
  const firstResourceRow = rows.findIndex((row) => row.kind === 'resource');
  // Where the book opens: now on today, else the first reservation, else the evening service.
  const startMinute = nowMinute ?? reservations[0]?.start ?? 18 * 60;
  const [focus, setFocus] = useState(() => ({
    row: firstResourceRow,
    slot: Math.min(slots - 1, Math.max(0, slotOf(startMinute, open))),
  }));
  const focusRequested = useRef(false);
  const dragRef = useRef<Drag | null>(null);
  const pressRef = useRef<{ pointerId: number; x: number; y: number; timer: ReturnType<typeof setTimeout> } | null>(
    null,
  );
  const suppressClick = useRef(false);
  const [target, setTarget] = useState<Target | null>(null);
  const targetRef = useRef<Target | null>(null);
  const [picked, setPicked] = useState<{ row: number; from: number; to: number } | null>(null);
  const [dismissed, setDismissed] = useState<unknown>(null);
  // Bars need inline styles, which the CSP refuses in server HTML: the book draws once mounted.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // Opened at the interesting hour, a little before it (once, when first drawn).
  const opening = useRef(Math.max(0, (slotOf(startMinute, open) - 2) * SLOT_WIDTH));
  useEffect(() => {
    if (mounted && scrollRef.current) scrollRef.current.scrollLeft = opening.current;
  }, [mounted]);

  // The drafted reservation is kept in view beside the drawer (which covers the book's right side).
  const draftRow = drafted
    ? rows.findIndex((row) => row.kind === 'resource' && row.resource.id === drafted.resourceId)
    : -1;
  const draftStart = drafted?.start ?? null;
  const draftMinutes = drafted?.minutes ?? 0;
  useEffect(() => {
    if (!mounted || draftStart === null) return;
    const keepInView = () => {
      const element = scrollRef.current;
      if (!element) return;
      const x = ((draftStart - open) / SLOT_MINUTES) * SLOT_WIDTH;
      const width = (draftMinutes / SLOT_MINUTES) * SLOT_WIDTH;
      const visibleWidth = Math.max(SLOT_WIDTH * 4, element.clientWidth - NAME_WIDTH - 420);
      if (x < element.scrollLeft || x + Math.min(width, visibleWidth) > element.scrollLeft + visibleWidth) {
        element.scrollLeft = Math.max(0, x - 2 * SLOT_WIDTH);
      }
      const y = draftRow * ROW_HEIGHT;
      if (y < element.scrollTop || y + ROW_HEIGHT > element.scrollTop + element.clientHeight - HEADER_HEIGHT) {
        element.scrollTop = Math.max(0, y - ROW_HEIGHT);
      }
    };
    keepInView();
    // A turned tablet (or a resized window) keeps it in view too.
    window.addEventListener('resize', keepInView);
    return () => window.removeEventListener('resize', keepInView);
  }, [mounted, draftStart, draftRow, open, draftMinutes]);

  // A move on its way is drawn where it goes; a refusal leaves the reservation where it was.
  const pending = fetcher.state !== 'idle' && fetcher.formData ? fetcher.formData : null;
  const shown = useMemo(() => {
    if (!pending) return reservations;
    const id = String(pending.get('booking_id'));
    const start = Number(String(pending.get('time')).slice(0, 2)) * 60 + Number(String(pending.get('time')).slice(3));
    return reservations.map((r) =>
      r.id === id
        ? { ...r, resourceId: String(pending.get('resource_id')), start, end: start + Number(pending.get('minutes')) }
        : r,
    );
  }, [reservations, pending]);
  const byResource = useMemo(() => {
    const map = new Map<string, SlotReservation[]>();
    for (const r of shown) map.set(r.resourceId, [...(map.get(r.resourceId) ?? []), r]);
    return map;
  }, [shown]);
  const blocksByResource = useMemo(() => {
    const map = new Map<string, SlotBlock[]>();
    for (const block of blocks) map.set(block.resourceId, [...(map.get(block.resourceId) ?? []), block]);
    return map;
  }, [blocks]);
  const names = useMemo(() => new Map(resources.map((r) => [r.id, r.name])), [resources]);
  const refusal =
    fetcher.state === 'idle' && fetcher.data && !fetcher.data.ok && fetcher.data !== dismissed ? fetcher.data : null;

  useClientLayoutEffect(() => {
    if (!focusRequested.current) return;
    focusRequested.current = false;
    const element = scrollRef.current;
    if (!element) return;
    scrollCellIntoView(element, focus.row, focus.slot, {
      rowHeight: ROW_HEIGHT,
      cellWidth: SLOT_WIDTH,
      headerHeight: HEADER_HEIGHT,
      nameWidth: NAME_WIDTH,
    });
    element
      .querySelector<HTMLElement>(`[data-row="${focus.row}"] [data-slot="${focus.slot}"]`)
      ?.focus({ preventScroll: true });
  }, [focus]);

  const resourceRowNear = (row: number, step: number) => nearResourceRow(rows, row, step);

  const moveFocus = (row: number, slot: number) => {
    focusRequested.current = true;
    setFocus({ row, slot: Math.min(slots - 1, Math.max(0, slot)) });
  };

  const isBlocked = (resourceId: string, slot: number) => {
    const minute = open + slot * SLOT_MINUTES;
    return blocksByResource.get(resourceId)?.some((b) => b.start < minute + SLOT_MINUTES && b.end > minute) ?? false;
  };

  const submitMove = (reservation: SlotReservation, resourceId: string, start: number, minutes: number) => {
    setDismissed(fetcher.data);
    fetcher.submit(
      {
        intent: 'move',
        booking_id: reservation.id,
        resource_id: resourceId,
        date,
        time: clock(start),
        minutes: String(minutes),
      },
      { method: 'post' },
    );
  };

  const openCell = (row: number, slot: number) => {
    const entry = rows[row];
    if (entry?.kind !== 'resource') return;
    const reservation = reservationAt(byResource.get(entry.resource.id), slot, open);
    if (reservation) navigate(`${base}/bookings/${reservation.id}`);
    else if (!isBlocked(entry.resource.id, slot)) {
      const ask = pickedSlots(slot, slot, open, false);
      onDraft({ resourceId: entry.resource.id, start: ask.start, minutes: ask.minutes });
    }
  };

  /** Shift+→ / Shift+← on a reservation's cell: a slot longer or shorter (the start stays). */
  const resizeByKey = (row: number, slot: number, step: number) => {
    const entry = rows[row];
    if (entry?.kind !== 'resource' || pending) return;
    const reservation = reservationAt(byResource.get(entry.resource.id), slot, open);
    if (!reservation || !MOVABLE.has(reservation.status)) return;
    const minutes = reservation.end - reservation.start + step * SLOT_MINUTES;
    if (minutes < SLOT_MINUTES) return;
    submitMove(reservation, reservation.resourceId, reservation.start, minutes);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.target as HTMLElement).matches('[data-slot]')) return;
    const { row, slot } = focus;
    if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      resizeByKey(row, slot, event.key === 'ArrowRight' ? 1 : -1);
      return;
    }
    switch (event.key) {
      case 'ArrowRight':
        moveFocus(row, slot + 1);
        break;
      case 'ArrowLeft':
        moveFocus(row, slot - 1);
        break;
      case 'ArrowDown':
        moveFocus(resourceRowNear(row, 1), slot);
        break;
      case 'ArrowUp':
        moveFocus(resourceRowNear(row, -1), slot);
        break;
      case 'PageDown':
        moveFocus(row, slot + 4);
        break;
      case 'PageUp':
        moveFocus(row, slot - 4);
        break;
      case 'Home':
        moveFocus(row, 0);
        break;
      case 'End':
        moveFocus(row, slots - 1);
        break;
      case 'Enter':
        openCell(row, slot);
        break;
      case 'Escape':
        setDismissed(fetcher.data);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const cellAt = (clientX: number, clientY: number) => {
    const element = scrollRef.current;
    if (!element) return null;
    const box = element.getBoundingClientRect();
    return {
      row: Math.floor((clientY - box.top + element.scrollTop - HEADER_HEIGHT) / ROW_HEIGHT),
      slot: Math.floor((clientX - box.left + element.scrollLeft - NAME_WIDTH) / SLOT_WIDTH),
    };
  };

  const retarget = (x: number, y: number) => {
    const drag = dragRef.current;
    const cell = cellAt(x, y);
    if (!drag?.moved || !cell) return;
    const slot = Math.min(slots - 1, Math.max(0, cell.slot));
    if (drag.kind === 'pick') {
      setPicked((current) => (current?.to === slot ? current : { row: drag.row, from: drag.anchor, to: slot }));
      return;
    }
    const { reservation } = drag;
    let next: Target | null = null;
    if (drag.kind === 'resize') {
      next = {
        row: drag.row,
        resourceId: reservation.resourceId,
        start: reservation.start,
        minutes: resizedMinutes(reservation.start, slot, open),
      };
    } else {
      const entry = rows[cell.row];
      if (entry?.kind !== 'resource') return;
      const first = Math.min(slots - 1, Math.max(0, cell.slot - drag.grabOffset));
      next = {
        row: cell.row,
        resourceId: entry.resource.id,
        start: movedStart(first, open),
        minutes: reservation.end - reservation.start,
      };
    }
    const current = targetRef.current;
    if (current && current.row === next.row && current.start === next.start && current.minutes === next.minutes) return;
    targetRef.current = next;
    setTarget(next);
  };
  const autoScroll = useEdgeAutoScroll(scrollRef, SCROLL_INSETS, retarget);

  const beginDrag = (drag: Drag, event: PointerEvent<HTMLElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    setDismissed(fetcher.data);
    dragRef.current = drag;
  };

  const onBarPointerDown = (event: PointerEvent<HTMLAnchorElement>, reservation: SlotReservation, row: number) => {
    if (event.button !== 0 || !MOVABLE.has(reservation.status) || pending) return;
    const cell = cellAt(event.clientX, event.clientY);
    if (!cell) return;
    const resize = Boolean((event.target as HTMLElement).closest('[data-grip]'));
    beginDrag(
      {
        kind: resize ? 'resize' : 'move',
        pointerId: event.pointerId,
        startX: event.clientX,
        startY: event.clientY,
        row,
        reservation,
        grabOffset: cell.slot - slotOf(reservation.start, open),
        moved: false,
      },
      event,
    );
  };

  const cancelPress = () => {
    if (pressRef.current) clearTimeout(pressRef.current.timer);
    pressRef.current = null;
  };

  // A mouse or pen drag across free slots picks them. A finger scrolls the book and taps; held
  // still on a free slot for a moment, it picks slots as it slides.
  const onCellPointerDown = (event: PointerEvent<HTMLDivElement>, row: number, resourceId: string, slot: number) => {
    if (event.button !== 0) return;
    if ((event.target as HTMLElement).closest('a, button, [data-refusal]')) return;
    if (reservationAt(byResource.get(resourceId), slot, open) || isBlocked(resourceId, slot)) return;
    const pick = {
      kind: 'pick' as const,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      row,
      resourceId,
      anchor: slot,
      moved: false,
    };
    if (event.pointerType !== 'touch') {
      beginDrag(pick, event);
      return;
    }
    cancelPress();
    const timer = setTimeout(() => {
      pressRef.current = null;
      setDismissed(fetcher.data);
      dragRef.current = { ...pick, moved: true };
      setPicked({ row, from: slot, to: slot });
      navigator.vibrate?.(15);
    }, LONG_PRESS_MS);
    pressRef.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, timer };
  };

  const onDragMove = (event: globalThis.PointerEvent) => {
    const press = pressRef.current;
    // A finger that slides before the hold is scrolling.
    if (
      press &&
      press.pointerId === event.pointerId &&
      Math.hypot(event.clientX - press.x, event.clientY - press.y) > 8
    )
      cancelPress();
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    if (!drag.moved && Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < 6) return;
    drag.moved = true;
    retarget(event.clientX, event.clientY);
    autoScroll.track(event.clientX, event.clientY);
  };

  const clearDrag = () => {
    cancelPress();
    dragRef.current = null;
    targetRef.current = null;
    autoScroll.stop();
    setTarget(null);
    setPicked(null);
  };

  const onDragEnd = (event: globalThis.PointerEvent) => {
    cancelPress();
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const place = targetRef.current;
    const pick = picked;
    clearDrag();
    if (!drag.moved) return;
    // The click that ends a drag is not a tap on a bar or a slot.
    suppressClick.current = true;
    setTimeout(() => {
      suppressClick.current = false;
    }, 0);
    if (drag.kind === 'pick') {
      if (!pick) return;
      // Held on one slot only: the usual length, as a tap.
      const ask = pickedSlots(pick.from, pick.to, open, pick.from !== pick.to);
      onDraft({ resourceId: drag.resourceId, start: ask.start, minutes: ask.minutes });
      return;
    }
    if (!place) return;
    const { reservation } = drag;
    const same =
      place.resourceId === reservation.resourceId &&
      place.start === reservation.start &&
      place.minutes === reservation.end - reservation.start;
    if (!same) submitMove(reservation, place.resourceId, place.start, place.minutes);
  };

  const handlers = useRef({ move: onDragMove, end: onDragEnd, cancel: clearDrag });
  handlers.current = { move: onDragMove, end: onDragEnd, cancel: clearDrag };
  useEffect(() => {
    const move = (event: globalThis.PointerEvent) => handlers.current.move(event);
    const end = (event: globalThis.PointerEvent) => handlers.current.end(event);
    const cancel = () => handlers.current.cancel();
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && dragRef.current) cancel();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', cancel);
      window.removeEventListener('keydown', onEscape);
    };
  }, []);

  // While a finger drags (a bar, or slots after a hold) the book does not scroll under it.
  useEffect(() => {
    const element = scrollRef.current;
    if (!mounted || !element) return;
    const holdStill = (event: TouchEvent) => {
      if (dragRef.current && event.cancelable) event.preventDefault();
    };
    element.addEventListener('touchmove', holdStill, { passive: false });
    return () => element.removeEventListener('touchmove', holdStill);
  }, [mounted]);

  const onBarClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (suppressClick.current) event.preventDefault();
  };

  const onCellClick = (event: MouseEvent<HTMLDivElement>, row: number, slot: number) => {
    if (suppressClick.current || (event.target as HTMLElement).closest('a, [data-refusal]')) return;
    setFocus({ row, slot });
    openCell(row, slot);
  };

  const focusEntry = rows[focus.row];
  const selected =
    focusEntry?.kind === 'resource'
      ? reservationAt(byResource.get(focusEntry.resource.id), focus.slot, open)
      : undefined;

  const describe = (r: SlotReservation) => {
    const countdown = r.status === 'held' ? holdCountdown(r.holdExpiresAt, now) : null;
    return `${r.guestName ?? 'Walk-in'}, ${r.partySize} ${r.partySize === 1 ? 'guest' : 'guests'}, ${clock(r.start)}–${clock(r.end)}, ${STATUS_LABELS[r.status]}${countdown ? ` (${countdown})` : ''}, booking ${r.reference}`;
  };

  const cellLabel = (resource: SlotResource, slot: number) => {
    const at = clock(open + slot * SLOT_MINUTES);
    const reservation = reservationAt(byResource.get(resource.id), slot, open);
    if (reservation) return `${resource.name}, ${at}: ${describe(reservation)}. Enter opens it.`;
    if (isBlocked(resource.id, slot)) return `${resource.name}, ${at}: out of service.`;
    return `${resource.name}, ${at}: free. Enter starts a reservation.`;
  };

  if (!mounted) {
    return (
      <div className="reservation-book" aria-busy="true">
        <p className="grid-loading muted">Loading the reservation book…</p>
      </div>
    );
  }

  const totalWidth = NAME_WIDTH + slots * SLOT_WIDTH;
  const slotList = Array.from({ length: slots }, (_, i) => i);
  const left = (minute: number) => ((minute - open) / SLOT_MINUTES) * SLOT_WIDTH;
  const dragged = dragRef.current && dragRef.current.kind !== 'pick' ? dragRef.current.reservation : null;

  return (
    <>
      <p id="book-help" className="visually-hidden">
        Arrow keys move between tables and quarter hours, Page Up and Page Down by an hour. Enter on a free slot starts
        a reservation there, on a reservation opens it; Shift with the right or left arrow makes the reservation a
        quarter of an hour longer or shorter; Tab reaches the selected reservation’s actions. Drag across free slots to
        start a reservation of that length (on a touch screen, hold a free slot a moment first), drag a reservation to
        another table or time, or its end to change its length.
      </p>
      <div
        ref={scrollRef}
        className="reservation-book"
        role="grid"
        aria-label={`Reservations by table and time, ${formatDate(date)}`}
        aria-describedby="book-help"
        aria-rowcount={rows.length + 1}
        aria-colcount={slots + 1}
        onKeyDown={onKeyDown}
        onContextMenu={(event) => (dragRef.current || pressRef.current ? event.preventDefault() : null)}
      >
        <div role="rowgroup" className="book-head" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
          <div role="row" aria-rowindex={1} className="book-head-row">
            <div role="columnheader" aria-colindex={1} className="book-corner">
              Table
            </div>
            {slotList.map((slot) => {
              const minute = open + slot * SLOT_MINUTES;
              const onHour = minute % 60 === 0;
              return (
                <div
                  key={slot}
                  role="columnheader"
                  aria-colindex={slot + 2}
                  aria-label={clock(minute)}
                  className={`book-time${onHour ? ' is-hour' : ''}${nowMinute !== null && minute + SLOT_MINUTES <= nowMinute ? ' is-past' : ''}`}
                >
                  {onHour ? <span>{clock(minute)}</span> : null}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="book-body" style={{ width: totalWidth, height: rows.length * ROW_HEIGHT }}>
          {rows.map((row, index) => {
            if (row.kind === 'type') {
              return (
                <div
                  key={row.key}
                  role="row"
                  aria-rowindex={index + 2}
                  className="book-row book-type-row"
                  data-row={index}
                >
                  <div role="rowheader" aria-colindex={1} aria-colspan={slots + 1} className="book-type">
                    {row.typeName} <span className="muted">· {row.count}</span>
                  </div>
                </div>
              );
            }
            const resource = resources.find((r) => r.id === row.resource.id) as SlotResource;
            const rowReservations = byResource.get(resource.id) ?? [];
            const rowBlocks = blocksByResource.get(resource.id) ?? [];
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={index + 2}
                className="book-row"
                data-row={index}
                data-resource={resource.id}
              >
                <div role="rowheader" aria-colindex={1} className="book-table">
                  <span className="book-table-name">{resource.name}</span>
                  <span className="book-table-seats">
                    {resource.minGuests === resource.maxGuests
                      ? `${resource.maxGuests} seats`
                      : `${resource.minGuests}–${resource.maxGuests} seats`}
                  </span>
                </div>
                {slotList.map((slot) => {
                  const minute = open + slot * SLOT_MINUTES;
                  const starting = rowReservations.filter((r) => slotOf(Math.max(open, r.start), open) === slot);
                  const block = rowBlocks.find((b) => slotOf(Math.max(open, b.start), open) === slot);
                  const focused = focus.row === index && focus.slot === slot;
                  const inPick =
                    picked &&
                    picked.row === index &&
                    slot >= Math.min(picked.from, picked.to) &&
                    slot <= Math.max(picked.from, picked.to);
                  return (
                    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's keydown handles Enter for every cell.
                    <div
                      key={slot}
                      role="gridcell"
                      aria-colindex={slot + 2}
                      data-slot={slot}
                      tabIndex={focused ? 0 : -1}
                      aria-label={focused && starting.length === 0 && !block ? cellLabel(resource, slot) : undefined}
                      className={[
                        'book-cell',
                        minute % 60 === 0 ? 'is-hour' : '',
                        nowMinute !== null && minute + SLOT_MINUTES <= nowMinute ? 'is-past' : '',
                        inPick ? 'is-picked' : '',
                      ]
                        .filter(Boolean)
                        .join(' ')}
                      onPointerDown={(event) => onCellPointerDown(event, index, resource.id, slot)}
                      onClick={(event) => onCellClick(event, index, slot)}
                      onFocus={() => (focused ? null : setFocus({ row: index, slot }))}
                    >
                      {block ? (
                        <span
                          className="book-block"
                          style={{
                            left: left(Math.max(open, block.start)) - slot * SLOT_WIDTH,
                            width: left(Math.min(close, block.end)) - left(Math.max(open, block.start)) - 2,
                          }}
                        >
                          Out of service{block.reason ? `: ${block.reason}` : ''}
                        </span>
                      ) : null}
                      {starting.map((r) => {
                        const offset = left(Math.max(open, r.start)) - slot * SLOT_WIDTH;
                        const width = left(Math.min(close, r.end)) - left(Math.max(open, r.start));
                        const refused = refusal && refusal.bookingId === r.id ? refusal : null;
                        const movable = MOVABLE.has(r.status);
                        return (
                          <span key={r.id} className="book-slot" style={{ left: offset }}>
                            <a
                              href={`${base}/bookings/${r.id}`}
                              tabIndex={-1}
                              draggable={false}
                              data-booking={r.id}
                              className={[
                                'book-bar',
                                `status-${r.status}`,
                                movable ? 'is-movable has-grip' : '',
                                highlighted === r.id ? 'is-match' : '',
                                selected?.id === r.id ? 'is-selected' : '',
                                dragged?.id === r.id ? 'is-dragging' : '',
                              ]
                                .filter(Boolean)
                                .join(' ')}
                              style={{ width: width - 3 }}
                              onPointerDown={(event) => onBarPointerDown(event, r, index)}
                              onClick={onBarClick}
                            >
                              <span className="book-bar-name">
                                {r.guestName ?? 'Walk-in'} <span className="book-bar-party">· {r.partySize}</span>
                              </span>
                              <span className="book-bar-note">
                                {r.status === 'held'
                                  ? (holdCountdown(r.holdExpiresAt, now) ?? 'expiring')
                                  : `${clock(r.start)}–${clock(r.end)}`}
                              </span>
                              <span className="visually-hidden">, {describe(r)}</span>
                              {movable ? <span className="book-bar-grip" data-grip="" aria-hidden="true" /> : null}
                            </a>
                            {turn > 0 && r.status !== 'checked_out' ? (
                              <span
                                className="book-turn"
                                aria-hidden="true"
                                style={{ left: width - 2, width: (turn / SLOT_MINUTES) * SLOT_WIDTH }}
                              />
                            ) : null}
                            {refused ? (
                              <span className="grid-refusal book-refusal" role="alert" data-refusal="">
                                {refused.formError ?? 'This change was refused.'}
                                <button
                                  type="button"
                                  className="grid-refusal-close"
                                  aria-label="Dismiss"
                                  onClick={() => setDismissed(refused)}
                                >
                                  ×
                                </button>
                              </span>
                            ) : null}
                          </span>
                        );
                      })}
                    </div>
                  );
                })}
              </div>
            );
          })}
          {nowMinute !== null && nowMinute >= open && nowMinute <= close ? (
            <div className="book-now" aria-hidden="true" style={{ left: NAME_WIDTH + left(nowMinute) }} />
          ) : null}
          {target && dragged ? (
            <div
              className="grid-ghost book-ghost"
              aria-hidden="true"
              style={{
                top: target.row * ROW_HEIGHT + 5,
                left: NAME_WIDTH + left(target.start) + 1,
                width: Math.max(SLOT_WIDTH, (target.minutes / SLOT_MINUTES) * SLOT_WIDTH - 3),
              }}
            >
              {names.get(target.resourceId)} · {clock(target.start)}–{clock(target.start + target.minutes)}
            </div>
          ) : null}
          {drafted && draftRow >= 0 && !picked ? (
            <div
              className="book-draft"
              aria-hidden="true"
              style={{
                top: draftRow * ROW_HEIGHT + 5,
                left: NAME_WIDTH + left(drafted.start) + 1,
                width: Math.max(SLOT_WIDTH, (drafted.minutes / SLOT_MINUTES) * SLOT_WIDTH - 3),
              }}
            >
              New · {clock(drafted.start)}–{clock(drafted.start + drafted.minutes)}
            </div>
          ) : null}
          {picked ? (
            <div
              className="book-pick-label"
              aria-hidden="true"
              style={{
                top: picked.row * ROW_HEIGHT + 5,
                left: NAME_WIDTH + Math.min(picked.from, picked.to) * SLOT_WIDTH + 1,
              }}
            >
              {clock(open + Math.min(picked.from, picked.to) * SLOT_MINUTES)} ·{' '}
              {formatLength((Math.abs(picked.to - picked.from) + 1) * SLOT_MINUTES)}
            </div>
          ) : null}
        </div>
      </div>
      <SlotMovePanel
        key={selected ? `${selected.id}:${selected.resourceId}:${selected.start}:${selected.end}` : 'none'}
        reservation={selected ?? null}
        bookingUrl={selected ? `${base}/bookings/${selected.id}` : ''}
        describe={describe}
        resources={resources}
        open={open}
        close={close}
        movable={selected ? MOVABLE.has(selected.status) : false}
        busy={Boolean(pending)}
        refusal={refusal && selected && refusal.bookingId === selected.id ? (refusal.formError ?? null) : null}
        onMove={(reservation, resourceId, start, minutes) => submitMove(reservation, resourceId, start, minutes)}
      />
    </>
  );
}
