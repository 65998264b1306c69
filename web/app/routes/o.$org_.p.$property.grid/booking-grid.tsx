// The grid itself: only the rows in view are rendered (fixed row height, so the window is a
// division), each row a room name and one small cell per day; bars and out-of-service blocks sit
// in their first day's cell and stretch over the next ones. One cell is tabbable at a time
// (roving tabindex): arrows move it, Enter opens, Tab reaches the selected booking's actions.
// A bar dragged with the mouse or a finger moves the booking, its end grip (or Shift+arrows on
// its cell) changes the departure; near the grid's edges the drag scrolls it. The page's action
// (modify_booking) decides; a refusal is shown on the bar, which stays where it was.
// Free days are picked for a new booking by dragging across them (a finger holds a moment
// first, so a swipe still scrolls) or with Shift+arrows on a free day; the pick stops before the
// next booking or out-of-service day, and releasing it (or Enter) opens the new-booking drawer.
// biome-ignore-all lint/a11y/useSemanticElements: a virtualised ARIA grid; its rows are absolutely placed and table elements restyled so lose their table semantics.
// biome-ignore-all lint/a11y/useFocusableInteractive: in the ARIA grid pattern the cells take focus (roving tabindex), not rows or headers.
import { useFetcher, useNavigate, useParams } from '@remix-run/react';
import {
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { roomStatusAttributes } from '../../components/room-status-badge.tsx';
import type { GridBlock, GridBooking, GridResource } from '../../data/bookings.server.ts';
import type { RoomState } from '../../data/housekeeping.server.ts';
import { addDays, daysBetween, formatDate } from '../../utils/calendar-dates.ts';
import {
  resourceRowNear as nearResourceRow,
  scrollCellIntoView,
  useClientLayoutEffect,
} from '../../utils/grid-cells.ts';
import { useEdgeAutoScroll } from './auto-scroll.ts';
import {
  barAt,
  barsByResource,
  type DaySpan,
  formatSpan,
  freeSpan,
  gridRows,
  movedStay,
  resizedStay,
  visibleRange,
} from './grid-model.ts';
import { MovePanel } from './move-panel.tsx';
import type { action } from './route.tsx';
import { holdCountdown, STATUS_LABELS } from './status-labels.ts';

export const ROW_HEIGHT = 48;
export const DAY_WIDTH = 52;
export const NAME_WIDTH = 128;
export const HEADER_HEIGHT = 52;
const MOVABLE = new Set(['held', 'confirmed']);
/** How long a finger holds a free day before sliding picks days instead of scrolling. */
const LONG_PRESS_MS = 450;
/** Keys that move the focus: they drop a Shift+arrow pick. */
const NAVIGATION_KEYS = new Set([
  'ArrowRight',
  'ArrowLeft',
  'ArrowDown',
  'ArrowUp',
  'PageDown',
  'PageUp',
  'Home',
  'End',
]);
// React's layout effect warns on the server; the plain effect is enough there.

interface Props {
  from: string;
  days: number;
  today: string;
  resources: GridResource[];
  bookings: GridBooking[];
  blocks: GridBlock[];
  highlighted: Set<string>;
  loadedAt: string;
  /** Housekeeping status of each room, by resource id (a badge beside its name). */
  roomStatuses?: Record<string, RoomState>;
}

interface Drag {
  booking: GridBooking;
  /** Moving the whole stay, or its departure (the end grip). */
  mode: 'move' | 'resize';
  /** The booking's row, kept rendered while its bar holds the pointer. */
  row: number;
  pointerId: number;
  startX: number;
  startY: number;
  /** Days between the booking's arrival and the day grabbed. */
  grabOffset: number;
  moved: boolean;
}

/** Free days of one row picked for a new booking; `anchor` is the day the pick began on. */
interface Pick extends DaySpan {
  row: number;
  resourceId: string;
  anchor: number;
}

/** A pointer picking free days (a mouse at once, a finger after holding still). */
interface PickDrag {
  row: number;
  resourceId: string;
  anchor: number;
  pointerId: number;
  startX: number;
  startY: number;
  moved: boolean;
}

/** Where a dragged stay would go: its row, arrival day (window index) and nights. */
interface Target {
  row: number;
  resourceId: string;
  day: number;
  nights: number;
}

const SCROLL_INSETS = { left: NAME_WIDTH, top: HEADER_HEIGHT };

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function BookingGrid({
  from,
  days,
  today,
  resources,
  bookings,
  blocks,
  highlighted,
  loadedAt,
  roomStatuses = {},
}: Props) {
  const params = useParams();
  const base = `/o/${params.org}/p/${params.property}`;
  const navigate = useNavigate();
  const fetcher = useFetcher<typeof action>();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 640 });
  const [now, setNow] = useState(() => Date.parse(loadedAt));
  const rows = useMemo(() => gridRows(resources), [resources]);
  const dayList = useMemo(() => Array.from({ length: days }, (_, i) => addDays(from, i)), [from, days]);
  const firstResourceRow = rows.findIndex((row) => row.kind === 'resource');
  const todayIndex = daysBetween(from, today);
  const [focus, setFocus] = useState({
    row: firstResourceRow,
    day: todayIndex >= 0 && todayIndex < days ? todayIndex : 0,
  });
  const focusRequested = useRef(false);
  const dragRef = useRef<Drag | null>(null);
  const suppressClick = useRef(false);
  const [target, setTarget] = useState<Target | null>(null);
  const targetRef = useRef<Target | null>(null);
  const [dismissed, setDismissed] = useState<unknown>(null);
  const pickDragRef = useRef<PickDrag | null>(null);
  const pressRef = useRef<{ pointerId: number; x: number; y: number; timer: ReturnType<typeof setTimeout> } | null>(
    null,
  );
  const [picked, setPicked] = useState<Pick | null>(null);
  // The pick as last drawn, for the pointer's release (window listeners may run before a render).
  const pickedRef = useRef<Pick | null>(null);
  // A drag dropped with Escape: its release is not a click on the day or bar it began on.
  const droppedPointer = useRef<number | null>(null);
  // Placed rows and bars need inline styles, which the page's CSP refuses in server HTML
  // (style-src 'self'); set from script (CSSOM) they are allowed, so the grid draws once mounted.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  // A move on its way is drawn where it goes; a refusal leaves the booking where it was.
  const pending = fetcher.state !== 'idle' && fetcher.formData ? fetcher.formData : null;
  const shown = useMemo(() => {
    if (!pending) return bookings;
    const id = String(pending.get('booking_id'));
    return bookings.map((booking) =>
      booking.id === id
        ? {
            ...booking,
            resourceId: String(pending.get('resource_id')),
            arrival: String(pending.get('arrival')),
            departure: String(pending.get('departure')),
          }
        : booking,
    );
  }, [bookings, pending]);
  const bars = useMemo(() => barsByResource(shown, from, days), [shown, from, days]);
  const blocksByResource = useMemo(() => {
    const map = new Map<string, GridBlock[]>();
    for (const block of blocks) map.set(block.resourceId, [...(map.get(block.resourceId) ?? []), block]);
    return map;
  }, [blocks]);
  const refusal =
    fetcher.state === 'idle' && fetcher.data && !fetcher.data.ok && fetcher.data !== dismissed ? fetcher.data : null;

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // The viewport's size decides how many rows are rendered.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = scrollRef.current;
    if (element) setViewport({ top: element.scrollTop, height: element.clientHeight });
  };

  // Keyboard moves: bring the cell into view (clear of the sticky header and names), then focus it.
  useClientLayoutEffect(() => {
    if (!focusRequested.current) return;
    focusRequested.current = false;
    const element = scrollRef.current;
    if (!element) return;
    scrollCellIntoView(element, focus.row, focus.day, {
      rowHeight: ROW_HEIGHT,
      cellWidth: DAY_WIDTH,
      headerHeight: HEADER_HEIGHT,
      nameWidth: NAME_WIDTH,
    });
    element
      .querySelector<HTMLElement>(`[data-row="${focus.row}"] [data-day="${focus.day}"]`)
      ?.focus({ preventScroll: true });
  }, [focus]);

  const resourceRowNear = (row: number, step: number) => nearResourceRow(rows, row, step);

  const moveFocus = (row: number, day: number) => {
    focusRequested.current = true;
    setFocus({ row, day: Math.min(days - 1, Math.max(0, day)) });
  };

  const newBookingUrl = (resourceId: string, day: number, nights = 1) =>
    `${base}/bookings/new?${new URLSearchParams({ resource: resourceId, arrival: dayList[day] ?? from, departure: addDays(dayList[day] ?? from, nights) })}`;

  const isBlocked = (resourceId: string, day: number) =>
    blocksByResource.get(resourceId)?.some((block) => day >= block.first && day <= block.last) ?? false;

  const isTaken = (resourceId: string, day: number) =>
    Boolean(barAt(bars.get(resourceId), day)) || isBlocked(resourceId, day);

  const showPick = (next: Pick | null) => {
    const current = pickedRef.current;
    if (next && current && (['row', 'anchor', 'first', 'last'] as const).every((key) => current[key] === next[key]))
      return;
    pickedRef.current = next;
    setPicked(next);
  };

  /** The pick from `anchor` stretched towards `day`, stopping before a taken day. */
  const pickTowards = (row: number, resourceId: string, anchor: number, day: number) =>
    showPick({
      row,
      resourceId,
      anchor,
      ...freeSpan(anchor, day, days, (candidate) => isTaken(resourceId, candidate)),
    });

  const cancelPress = () => {
    if (pressRef.current) clearTimeout(pressRef.current.timer);
    pressRef.current = null;
  };

  const cancelPick = () => {
    cancelPress();
    pickDragRef.current = null;
    showPick(null);
  };

  const openPick = (pick: Pick) => navigate(newBookingUrl(pick.resourceId, pick.first, pick.last - pick.first + 1));

  /** Shift+→ / Shift+← on a free day: the pick's moving end one day further (false on a booking). */
  const extendPickByKey = (row: number, day: number, step: number) => {
    const entry = rows[row];
    if (entry?.kind !== 'resource' || isTaken(entry.resource.id, day)) return false;
    const current = picked && picked.row === row && day >= picked.first && day <= picked.last ? picked : null;
    const anchor = current?.anchor ?? day;
    const end = current ? (current.first < current.anchor ? current.first : current.last) : day;
    const span = freeSpan(anchor, end + step, days, (candidate) => isTaken(entry.resource.id, candidate));
    showPick({ row, resourceId: entry.resource.id, anchor, ...span });
    moveFocus(row, span.first < anchor ? span.first : span.last);
    return true;
  };

  const openCell = (row: number, day: number) => {
    const entry = rows[row];
    if (entry?.kind !== 'resource') return;
    const bar = barAt(bars.get(entry.resource.id), day);
    if (bar) navigate(`${base}/bookings/${bar.booking.id}`);
    else if (!isBlocked(entry.resource.id, day)) navigate(newBookingUrl(entry.resource.id, day));
  };

  const cancelDrag = useCallback(() => {
    dragRef.current = null;
    targetRef.current = null;
    setTarget(null);
  }, []);

  /** Shift+→ / Shift+← on a booking's cell: one night more or less (the arrival stays). */
  const resizeByKey = (row: number, day: number, step: number) => {
    const entry = rows[row];
    if (entry?.kind !== 'resource' || pending) return;
    const booking = barAt(bars.get(entry.resource.id), day)?.booking;
    if (!booking || !MOVABLE.has(booking.status)) return;
    const nights = daysBetween(booking.arrival, booking.departure) + step;
    if (nights < 1) return;
    setDismissed(fetcher.data);
    const stay = resizedStay(booking, nights);
    submitMove(booking.id, booking.resourceId, stay.arrival, stay.departure);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.target as HTMLElement).matches('[data-day]')) return;
    const { row, day } = focus;
    if (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      const step = event.key === 'ArrowRight' ? 1 : -1;
      if (!extendPickByKey(row, day, step)) resizeByKey(row, day, step);
      return;
    }
    if (NAVIGATION_KEYS.has(event.key)) showPick(null);
    switch (event.key) {
      case 'ArrowRight':
        moveFocus(row, day + 1);
        break;
      case 'ArrowLeft':
        moveFocus(row, day - 1);
        break;
      case 'ArrowDown':
        moveFocus(resourceRowNear(row, 1), day);
        break;
      case 'ArrowUp':
        moveFocus(resourceRowNear(row, -1), day);
        break;
      case 'PageDown':
        moveFocus(resourceRowNear(row, 10), day);
        break;
      case 'PageUp':
        moveFocus(resourceRowNear(row, -10), day);
        break;
      case 'Home':
        moveFocus(row, 0);
        break;
      case 'End':
        moveFocus(row, days - 1);
        break;
      case 'Enter':
        if (picked && picked.row === row && day >= picked.first && day <= picked.last) openPick(picked);
        else openCell(row, day);
        break;
      case 'Escape':
        noteDropped();
        cancelDrag();
        cancelPick();
        setDismissed(fetcher.data);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // Where a pointer is, in rows and days of the grid (the rows have a fixed height).
  const cellAt = (clientX: number, clientY: number) => {
    const element = scrollRef.current;
    if (!element) return null;
    const box = element.getBoundingClientRect();
    const row = Math.floor((clientY - box.top + element.scrollTop - HEADER_HEIGHT) / ROW_HEIGHT);
    const day = Math.floor((clientX - box.left + element.scrollLeft - NAME_WIDTH) / DAY_WIDTH);
    return { row, day };
  };

  /** The drop target for a pointer at (x, y) during `drag`, or null off the rooms. */
  const targetAt = (drag: Drag, x: number, y: number): Target | null => {
    const cell = cellAt(x, y);
    if (!cell) return null;
    const nights = daysBetween(drag.booking.arrival, drag.booking.departure);
    const arrivalDay = daysBetween(from, drag.booking.arrival);
    if (drag.mode === 'resize') {
      // The night under the pointer becomes the last one (at least one night stays).
      const last = Math.max(arrivalDay, Math.min(days - 1, cell.day));
      return { row: drag.row, resourceId: drag.booking.resourceId, day: arrivalDay, nights: last - arrivalDay + 1 };
    }
    const entry = rows[cell.row];
    if (entry?.kind !== 'resource') return null;
    return { row: cell.row, resourceId: entry.resource.id, day: cell.day - drag.grabOffset, nights };
  };

  const retarget = (x: number, y: number) => {
    const pick = pickDragRef.current;
    if (pick?.moved) {
      const cell = cellAt(x, y);
      if (cell) pickTowards(pick.row, pick.resourceId, pick.anchor, cell.day);
      return;
    }
    const drag = dragRef.current;
    if (!drag?.moved) return;
    const next = targetAt(drag, x, y);
    if (!next) return;
    const current = targetRef.current;
    if (current && current.row === next.row && current.day === next.day && current.nights === next.nights) return;
    targetRef.current = next;
    setTarget(next);
  };
  const autoScroll = useEdgeAutoScroll(scrollRef, SCROLL_INSETS, retarget);

  const onBarPointerDown = (event: PointerEvent<HTMLAnchorElement>, booking: GridBooking, row: number) => {
    if (event.button !== 0 || !MOVABLE.has(booking.status) || pending) return;
    const cell = cellAt(event.clientX, event.clientY);
    if (!cell) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDismissed(fetcher.data);
    const resize = Boolean((event.target as HTMLElement).closest('[data-grip]'));
    dragRef.current = {
      booking,
      mode: resize ? 'resize' : 'move',
      row,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      grabOffset: cell.day - daysBetween(from, booking.arrival),
      moved: false,
    };
  };

  // A mouse or pen drag from a free day picks days. A finger scrolls the grid and taps; held
  // still on a free day for a moment, it picks days as it slides.
  const onCellPointerDown = (event: PointerEvent<HTMLDivElement>, row: number, resourceId: string, day: number) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest('a, button, [data-refusal]')) return;
    if (isTaken(resourceId, day)) return;
    const pick: PickDrag = {
      row,
      resourceId,
      anchor: day,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      moved: false,
    };
    cancelPress();
    showPick(null);
    if (event.pointerType !== 'touch') {
      event.currentTarget.setPointerCapture(event.pointerId);
      pickDragRef.current = pick;
      return;
    }
    const timer = setTimeout(() => {
      pressRef.current = null;
      pickDragRef.current = { ...pick, moved: true };
      showPick({ row, resourceId, anchor: day, first: day, last: day });
      navigator.vibrate?.(15);
    }, LONG_PRESS_MS);
    pressRef.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, timer };
  };

  // The drag follows the pointer on the window: the bar's row may scroll out of the document.
  const onDragMove = (event: globalThis.PointerEvent) => {
    const press = pressRef.current;
    // A finger that slides before the hold is scrolling.
    if (
      press &&
      press.pointerId === event.pointerId &&
      Math.hypot(event.clientX - press.x, event.clientY - press.y) > 8
    )
      cancelPress();
    const pick = pickDragRef.current;
    if (pick && pick.pointerId === event.pointerId) {
      if (!pick.moved && Math.hypot(event.clientX - pick.startX, event.clientY - pick.startY) < 6) return;
      pick.moved = true;
      retarget(event.clientX, event.clientY);
      autoScroll.track(event.clientX, event.clientY);
      return;
    }
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    if (!drag.moved && Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < 6) return;
    drag.moved = true;
    retarget(event.clientX, event.clientY);
    autoScroll.track(event.clientX, event.clientY);
  };

  const suppressNextClick = () => {
    suppressClick.current = true;
    setTimeout(() => {
      suppressClick.current = false;
    }, 0);
  };

  const noteDropped = () => {
    const active = pickDragRef.current ?? dragRef.current;
    if (active?.moved) droppedPointer.current = active.pointerId;
  };

  const onDragEnd = (event: globalThis.PointerEvent) => {
    cancelPress();
    if (droppedPointer.current === event.pointerId) {
      droppedPointer.current = null;
      suppressNextClick();
      return;
    }
    const pick = pickDragRef.current;
    if (pick && pick.pointerId === event.pointerId) {
      pickDragRef.current = null;
      autoScroll.stop();
      const span = pickedRef.current;
      showPick(null);
      if (!pick.moved || !span) return;
      // The click that ends the drag is not a tap on the day.
      suppressNextClick();
      openPick(span);
      return;
    }
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    dragRef.current = null;
    autoScroll.stop();
    const place = targetRef.current;
    targetRef.current = null;
    setTarget(null);
    if (!drag.moved || !place) return;
    // The click that ends a drag is not a tap on the bar or a day.
    suppressNextClick();
    const stay =
      drag.mode === 'resize' ? resizedStay(drag.booking, place.nights) : movedStay(drag.booking, from, place.day);
    const same =
      place.resourceId === drag.booking.resourceId &&
      stay.arrival === drag.booking.arrival &&
      stay.departure === drag.booking.departure;
    if (!same) submitMove(drag.booking.id, place.resourceId, stay.arrival, stay.departure);
  };

  const cancelDragging = () => {
    autoScroll.stop();
    cancelDrag();
    cancelPick();
  };
  const dragHandlers = useRef({ move: onDragMove, end: onDragEnd, cancel: cancelDragging, drop: noteDropped });
  dragHandlers.current = { move: onDragMove, end: onDragEnd, cancel: cancelDragging, drop: noteDropped };
  useEffect(() => {
    const move = (event: globalThis.PointerEvent) => dragHandlers.current.move(event);
    const end = (event: globalThis.PointerEvent) => dragHandlers.current.end(event);
    const cancel = () => dragHandlers.current.cancel();
    // Escape drops a drag wherever the focus is; the booking stays put.
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && (dragRef.current || pickDragRef.current)) {
        dragHandlers.current.drop();
        cancel();
      }
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

  // While a finger picks days (after its hold) the grid does not scroll under it.
  useEffect(() => {
    const element = scrollRef.current;
    if (!mounted || !element) return;
    const holdStill = (event: TouchEvent) => {
      if ((pickDragRef.current || dragRef.current) && event.cancelable) event.preventDefault();
    };
    element.addEventListener('touchmove', holdStill, { passive: false });
    return () => element.removeEventListener('touchmove', holdStill);
  }, [mounted]);

  const submitMove = (bookingId: string, resourceId: string, arrival: string, departure: string) => {
    fetcher.submit(
      { intent: 'move', booking_id: bookingId, resource_id: resourceId, arrival, departure },
      { method: 'post' },
    );
  };

  const onBarClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (suppressClick.current) event.preventDefault();
  };

  // A tap or click on an empty day starts a booking there.
  const onCellClick = (event: MouseEvent<HTMLDivElement>, row: number, day: number) => {
    if (suppressClick.current || (event.target as HTMLElement).closest('a, [data-refusal]')) return;
    setFocus({ row, day });
    openCell(row, day);
  };

  const { first, last } = visibleRange(viewport.top, viewport.height, ROW_HEIGHT, rows.length);
  const rendered: number[] = [];
  for (let row = first; row <= last; row++) rendered.push(row);
  // The tabbable cell's row stays in the document so Tab always finds the grid.
  if (focus.row >= 0 && (focus.row < first || focus.row > last)) rendered.push(focus.row);
  // So does a dragged bar's row: the bar holds the pointer.
  const dragRow = dragRef.current?.row;
  if (dragRow !== undefined && dragRow !== focus.row && (dragRow < first || dragRow > last)) rendered.push(dragRow);
  // And the row of picked days (its first day holds the pointer).
  const pickRow = picked?.row ?? pickDragRef.current?.row;
  if (pickRow !== undefined && !rendered.includes(pickRow)) rendered.push(pickRow);

  const focusEntry = rows[focus.row];
  const selected =
    focusEntry?.kind === 'resource' ? barAt(bars.get(focusEntry.resource.id), focus.day)?.booking : undefined;
  const resourceNames = useMemo(() => new Map(resources.map((resource) => [resource.id, resource.name])), [resources]);

  /** What a bar does not show: status, nights and reference (read after its visible text). */
  const bookingDetails = (booking: GridBooking) =>
    `${STATUS_LABELS[booking.status]}, ${formatSpan(booking.arrival, addDays(booking.departure, -1))}, booking ${booking.reference}`;

  const describeBooking = (booking: GridBooking) => {
    const countdown = booking.status === 'held' ? holdCountdown(booking.holdExpiresAt, now) : null;
    return `${booking.guestName ?? 'No guest yet'}, ${formatSpan(booking.arrival, addDays(booking.departure, -1))}, ${STATUS_LABELS[booking.status]}${countdown ? ` (${countdown})` : ''}, booking ${booking.reference}`;
  };

  const cellLabel = (resource: GridResource, day: number) => {
    const date = formatDate(dayList[day] ?? from);
    const bar = barAt(bars.get(resource.id), day);
    if (bar) return `${resource.name}, ${date}: ${describeBooking(bar.booking)}. Enter opens it.`;
    if (isBlocked(resource.id, day)) return `${resource.name}, ${date}: out of service.`;
    if (picked && picked.resourceId === resource.id && day >= picked.first && day <= picked.last) {
      const nights = picked.last - picked.first + 1;
      return `${resource.name}, ${nights} ${nights === 1 ? 'night' : 'nights'} picked, ${formatSpan(dayList[picked.first] ?? from, dayList[picked.last] ?? from)}. Enter starts a booking for them, Escape drops them.`;
    }
    return `${resource.name}, ${date}: free. Enter starts a booking.`;
  };

  if (!mounted) {
    return (
      <div className="booking-grid" aria-busy="true">
        <p className="grid-loading muted">Loading the grid…</p>
      </div>
    );
  }

  const totalWidth = NAME_WIDTH + days * DAY_WIDTH;
  const ghost = target && dragRef.current ? { ...target, booking: dragRef.current.booking } : null;

  return (
    <>
      <p id="grid-help" className="visually-hidden">
        Arrow keys move between rooms and days, Enter opens the booking or starts one on a free day, Shift with the
        right or left arrow makes the booking on the day one night longer or shorter or, on a free day, picks the nights
        after or before it for a new booking, Tab reaches the selected booking’s actions. Drag a booking to move it, or
        its end to change the departure; drag across free days to book them.
      </p>
      <div
        ref={scrollRef}
        className="booking-grid"
        role="grid"
        aria-label="Bookings by room and night"
        aria-describedby="grid-help"
        aria-rowcount={rows.length + 1}
        aria-colcount={days + 1}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        // A held finger picks days: no callout menu.
        onContextMenu={(event) => (pickDragRef.current || pressRef.current ? event.preventDefault() : null)}
      >
        <div role="rowgroup" className="grid-head" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
          <div role="row" aria-rowindex={1} className="grid-head-row">
            <div role="columnheader" className="grid-corner" aria-colindex={1}>
              Room
            </div>
            {dayList.map((date, day) => {
              const weekday = WEEKDAY.format(new Date(`${date}T00:00:00Z`));
              return (
                <div
                  key={date}
                  role="columnheader"
                  aria-colindex={day + 2}
                  aria-label={formatDate(date)}
                  className={`grid-day${date === today ? ' is-today' : ''}${weekday === 'Sat' || weekday === 'Sun' ? ' is-weekend' : ''}`}
                >
                  <span className="grid-weekday">{weekday}</span>
                  <span>{DAY_MONTH.format(new Date(`${date}T00:00:00Z`))}</span>
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ width: totalWidth, height: rows.length * ROW_HEIGHT }}>
          {rendered.map((index) => {
            const row = rows[index];
            if (!row) return null;
            if (row.kind === 'type') {
              return (
                <div
                  key={row.key}
                  role="row"
                  aria-rowindex={index + 2}
                  className="grid-row grid-type-row"
                  data-row={index}
                  style={{ top: index * ROW_HEIGHT }}
                >
                  <div role="rowheader" aria-colindex={1} aria-colspan={days + 1} className="grid-type">
                    {row.typeName} <span className="muted">· {row.count}</span>
                  </div>
                </div>
              );
            }
            const { resource } = row;
            const rowBars = bars.get(resource.id) ?? [];
            const rowBlocks = blocksByResource.get(resource.id) ?? [];
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={index + 2}
                className="grid-row"
                data-row={index}
                style={{ top: index * ROW_HEIGHT }}
              >
                <div
                  role="rowheader"
                  aria-colindex={1}
                  className="grid-room"
                  {...roomStatusAttributes(resource.name, roomStatuses[resource.id])}
                >
                  {resource.name}
                </div>
                {dayList.map((date, day) => {
                  const bar = rowBars.find((candidate) => candidate.start === day);
                  const block = rowBlocks.find((candidate) => candidate.first === day);
                  const focused = focus.row === index && focus.day === day;
                  const refused = bar && refusal && refusal.bookingId === bar.booking.id ? refusal : null;
                  return (
                    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's keydown handles Enter for every cell.
                    <div
                      key={date}
                      role="gridcell"
                      aria-colindex={day + 2}
                      data-day={day}
                      tabIndex={focused ? 0 : -1}
                      // A cell with a bar or block is named by it; an empty one says what it is when focused.
                      aria-label={focused && !bar && !block ? cellLabel(resource, day) : undefined}
                      className={`grid-cell${date === today ? ' is-today' : ''}`}
                      onClick={(event) => onCellClick(event, index, day)}
                      onPointerDown={(event) => onCellPointerDown(event, index, resource.id, day)}
                      onFocus={() => (focus.row === index && focus.day === day ? null : setFocus({ row: index, day }))}
                    >
                      {block ? (
                        <span className="grid-block" style={{ width: (block.last - block.first + 1) * DAY_WIDTH - 4 }}>
                          Out of service{block.reason ? `: ${block.reason}` : ''}
                        </span>
                      ) : null}
                      {bar ? (
                        <a
                          href={`${base}/bookings/${bar.booking.id}`}
                          tabIndex={-1}
                          draggable={false}
                          data-booking={bar.booking.id}
                          className={[
                            'grid-bar',
                            `status-${bar.booking.status}`,
                            bar.clippedStart ? 'clip-start' : '',
                            bar.clippedEnd ? 'clip-end' : '',
                            highlighted.has(bar.booking.id) ? 'is-match' : '',
                            selected?.id === bar.booking.id ? 'is-selected' : '',
                            ghost?.booking.id === bar.booking.id ? 'is-dragging' : '',
                            MOVABLE.has(bar.booking.status) ? 'is-movable' : '',
                            MOVABLE.has(bar.booking.status) && !bar.clippedEnd ? 'has-grip' : '',
                          ]
                            .filter(Boolean)
                            .join(' ')}
                          style={{ width: bar.span * DAY_WIDTH - 4 }}
                          onPointerDown={(event) => onBarPointerDown(event, bar.booking, index)}
                          onClick={onBarClick}
                        >
                          <span className="grid-bar-name">{bar.booking.guestName ?? bar.booking.reference}</span>{' '}
                          {bar.booking.status === 'held' ? (
                            <span className="grid-bar-note">
                              {holdCountdown(bar.booking.holdExpiresAt, now) ?? 'expiring'}
                            </span>
                          ) : null}
                          <span className="visually-hidden">, {bookingDetails(bar.booking)}</span>
                          {MOVABLE.has(bar.booking.status) && !bar.clippedEnd ? (
                            <span className="grid-bar-grip" data-grip="" aria-hidden="true" />
                          ) : null}
                        </a>
                      ) : null}
                      {refused ? (
                        <span className="grid-refusal" role="alert" data-refusal="">
                          {refused.formError ?? 'This move was refused.'}
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
                    </div>
                  );
                })}
              </div>
            );
          })}
          {ghost ? (
            <div
              className="grid-ghost"
              aria-hidden="true"
              style={{
                top: ghost.row * ROW_HEIGHT + 4,
                left: NAME_WIDTH + Math.max(0, ghost.day) * DAY_WIDTH + 2,
                width: Math.max(1, Math.min(days, ghost.day + ghost.nights) - Math.max(0, ghost.day)) * DAY_WIDTH - 4,
              }}
            >
              {resourceNames.get(ghost.resourceId)} · {formatDate(addDays(from, ghost.day))} · {ghost.nights}{' '}
              {ghost.nights === 1 ? 'night' : 'nights'}
            </div>
          ) : null}
          {picked ? (
            <div
              className="grid-draft"
              data-draft=""
              aria-hidden="true"
              style={{
                top: picked.row * ROW_HEIGHT + 4,
                left: NAME_WIDTH + picked.first * DAY_WIDTH + 2,
                width: (picked.last - picked.first + 1) * DAY_WIDTH - 4,
              }}
            >
              {draftLabel(picked, dayList)}
            </div>
          ) : null}
        </div>
      </div>
      <MovePanel
        // A saved change (here or elsewhere) resets the form to the booking as it now is.
        key={selected ? `${selected.id}:${selected.resourceId}:${selected.arrival}:${selected.departure}` : 'none'}
        booking={selected ?? null}
        bookingUrl={selected ? `${base}/bookings/${selected.id}` : ''}
        describe={describeBooking}
        resources={resources}
        movable={selected ? MOVABLE.has(selected.status) : false}
        busy={Boolean(pending)}
        refusal={refusal && selected && refusal.bookingId === selected.id ? (refusal.formError ?? null) : null}
        onMove={submitMove}
        note={picked ? pickNote(picked, resourceNames.get(picked.resourceId) ?? '', dayList) : null}
      />
    </>
  );
}

/** Arrival and departure of picked days, "7 Dec → 10 Dec". */
function pickDates(pick: DaySpan, dayList: string[]) {
  const arrival = DAY_MONTH.format(new Date(`${dayList[pick.first]}T00:00:00Z`));
  const departure = DAY_MONTH.format(new Date(`${addDays(dayList[pick.last] ?? '', 1)}T00:00:00Z`));
  return `${arrival} → ${departure}`;
}

const nightCount = (pick: DaySpan) => {
  const nights = pick.last - pick.first + 1;
  return `${nights} ${nights === 1 ? 'night' : 'nights'}`;
};

/** "3 nights" on the draft, its dates too once it is wide enough; one day's cell fits only "New". */
function draftLabel(pick: DaySpan, dayList: string[]) {
  const nights = pick.last - pick.first + 1;
  if (nights === 1) return 'New';
  return nights < 5 ? nightCount(pick) : `${nightCount(pick)} · ${pickDates(pick, dayList)}`;
}

/** What the panel under the grid says while free days are picked. */
function pickNote(pick: DaySpan, room: string, dayList: string[]) {
  return `New booking in ${room}: ${nightCount(pick)}, ${pickDates(pick, dayList)}. Release (or Enter) opens it; Escape drops it.`;
}
