// The reservation book's layout, pure so it is tested without a browser: the service hours shown
// (the day's table service periods, decision 044, from the first seating to the last one's usual
// end; lunch to late evening on a day without service; widened to whatever is booked),
// 15-minute slots, a reservation's slots, and what a drag or a tap on slots asks for.

export const SLOT_MINUTES = 15;
/** What a tap (not a drag) on a free slot books: a usual dinner. */
export const DEFAULT_MINUTES = 90;
export const DEFAULT_OPEN = 11 * 60;
export const DEFAULT_CLOSE = 23 * 60;
export const DURATIONS = [30, 45, 60, 75, 90, 105, 120, 150, 180, 210, 240, 300, 360, 480] as const;

interface Span {
  start: number;
  end: number;
}

/**
 * Whole hours from the service's first seating (or earlier) to the last seating's usual end (or
 * later), covering every span; without service periods, the default 11:00–23:00.
 */
export function serviceHours(
  spans: Span[],
  periods: { opens: string; last_seating: string }[] = [],
): { open: number; close: number } {
  const seatings = periods.flatMap((period) => {
    const opens = minutesOf(period.opens);
    const last = minutesOf(period.last_seating);
    return opens === null || last === null ? [] : [{ start: opens, end: last + DEFAULT_MINUTES }];
  });
  let open = seatings.length ? Math.floor(Math.min(...seatings.map((s) => s.start)) / 60) * 60 : DEFAULT_OPEN;
  let close = seatings.length ? Math.ceil(Math.max(...seatings.map((s) => s.end)) / 60) * 60 : DEFAULT_CLOSE;
  for (const span of spans) {
    open = Math.min(open, Math.floor(Math.max(0, span.start) / 60) * 60);
    close = Math.max(close, Math.ceil(Math.min(48 * 60, span.end) / 60) * 60);
  }
  return { open, close };
}

/** "19:05" for minutes from midnight (past midnight reads as the next day's clock). */
export function clock(minutes: number): string {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/** Minutes from midnight of "HH:MM", or null. */
export function minutesOf(time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** "1 h 30 min", "45 min", "2 h". */
export function formatLength(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Slot index of a minute, counted from the opening. */
export const slotOf = (minute: number, open: number) => Math.floor((minute - open) / SLOT_MINUTES);

/** The reservation of a row covering slot `slot`, if any. */
export function reservationAt<R extends Span>(row: R[] | undefined, slot: number, open: number): R | undefined {
  const minute = open + slot * SLOT_MINUTES;
  return row?.find((r) => r.start < minute + SLOT_MINUTES && r.end > minute);
}

/**
 * What slots picked by a drag (or a tap) ask for: the start of the first and the length up to
 * the end of the last; a tap asks for the usual length.
 */
export function pickedSlots(from: number, to: number, open: number, dragged: boolean) {
  const first = Math.min(from, to);
  const last = Math.max(from, to);
  return {
    start: open + first * SLOT_MINUTES,
    minutes: dragged ? (last - first + 1) * SLOT_MINUTES : DEFAULT_MINUTES,
  };
}

/** A reservation moved to start at slot `slot` (its length kept). */
export const movedStart = (slot: number, open: number) => open + slot * SLOT_MINUTES;

/** A reservation's length when its end is dragged onto slot `slot` (at least one slot). */
export function resizedMinutes(start: number, slot: number, open: number): number {
  const end = open + (slot + 1) * SLOT_MINUTES;
  return Math.max(SLOT_MINUTES, Math.ceil((end - start) / SLOT_MINUTES) * SLOT_MINUTES);
}

/** The durations offered in a form, with `current` among them. */
export function durationChoices(current: number): number[] {
  return [...new Set([...DURATIONS, current])].filter((m) => m >= 15 && m <= 1440).sort((a, b) => a - b);
}
