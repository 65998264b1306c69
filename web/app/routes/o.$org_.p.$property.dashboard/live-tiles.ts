// What the worker pushes to an open dashboard (decision 027) and how the page folds it in: today's
// tiles replace the loader's when they are newer, the charts' "today" points follow them, the
// touched days' figures the push carries replace those days in the charts and period totals, and
// only a push that touched a day the page shows without covering it makes it read its loader again.
// Pure, so it is tested without a browser; the hook lives in use-live-tiles.ts.
import {
  type DailyKpis,
  type DailyKpisRow,
  type OpenOrdersRow,
  openOrderCounts,
  type StationService,
  type StationServiceRow,
  toDailyKpis,
  toStationService,
} from '../../data/kpi-rows.ts';
import { addDays } from '../../utils/calendar-dates.ts';
import type { ChartData } from './chart-data.ts';
import { LAST_YEAR_OFFSET_DAYS } from './dashboard-period.ts';

export interface TodayTiles {
  /** The property's local day the figures are of. */
  day: string;
  today: DailyKpis;
  stations: StationService[];
  openOrders: Record<string, number>;
  /** When the figures were read (ms since the epoch, the reader's clock). */
  readAt: number;
}

/** Days (inclusive), YYYY-MM-DD. */
export interface DaySpan {
  from: string;
  to: string;
}

/** A push: today's tiles, the days booking changes touched since the publisher's last push, and the figures of those it covers. */
export interface PushedTiles extends TodayTiles {
  touched: DaySpan[];
  /** The touched days whose figures `days` holds (the presets' window; see 20261206200000). */
  covered: DaySpan[];
  days: DailyKpis[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A pushed message as tiles of this property, or null when it is not one (another property's,
 * an older publisher's shape, anything malformed): a bad message leaves the page as it was.
 */
export function tilesFromPush(payload: unknown, propertyId: string): PushedTiles | null {
  if (!isRecord(payload) || payload.property_id !== propertyId) return null;
  const { day, today, stations, open_orders: orders, read_at: readAt, touched } = payload;
  if (typeof day !== 'string' || !ISO_DAY.test(day) || typeof readAt !== 'number') return null;
  if (!isRecord(today) || today.day !== day || typeof today.rooms_total !== 'number') return null;
  if (!Array.isArray(stations) || !Array.isArray(orders)) return null;
  if (!stations.every(isRecord) || !orders.every(isRecord)) return null;
  if (!Array.isArray(touched) || !touched.every(isDaySpan)) return null;
  // A publisher from before covered days sends none: every touched day shown is then read again.
  const covered = payload.covered ?? [];
  const days = payload.days ?? [];
  if (!Array.isArray(covered) || !covered.every(isDaySpan) || !Array.isArray(days)) return null;
  if (!days.every((row) => isRecord(row) && typeof row.day === 'string' && ISO_DAY.test(row.day))) return null;
  return {
    touched: touched.map(({ from, to }) => ({ from, to })),
    covered: covered.map(({ from, to }) => ({ from, to })),
    days: (days as unknown as DailyKpisRow[]).map(toDailyKpis),
    day,
    today: toDailyKpis(today as unknown as DailyKpisRow),
    stations: (stations as unknown as StationServiceRow[]).map(toStationService),
    openOrders: openOrderCounts(orders as unknown as OpenOrdersRow[]),
    readAt,
  };
}

/** The newer of the loader's figures and the last pushed ones (same day only). */
export function newerTiles(loaded: TodayTiles, pushed: TodayTiles | null): TodayTiles {
  if (!pushed || pushed.day !== loaded.day || pushed.readAt < loaded.readAt) return loaded;
  return pushed;
}

/** A chart with the given columns' values on `day` replaced (no change when the day is not plotted). */
export function withDay(chart: ChartData, day: string, values: Record<string, number | null>): ChartData {
  const index = chart.dates.indexOf(day);
  if (index < 0) return chart;
  let changed = false;
  const columns = chart.columns.map((column) => {
    if (!(column.key in values) || column.values[index] === values[column.key]) return column;
    changed = true;
    const next = column.values.slice();
    next[index] = values[column.key] ?? null;
    return { ...column, values: next };
  });
  // The same object when nothing moved: the chart is not drawn again.
  return changed ? { ...chart, columns } : chart;
}

/** The days (inclusive) whose figures the page shows beyond today's tiles: its charts' and its risk list's. */
export function shownDays(today: string, period: { from: string; to: string }, riskDays: number) {
  return {
    charts: [
      period,
      { from: addDays(period.from, LAST_YEAR_OFFSET_DAYS), to: addDays(period.to, LAST_YEAR_OFFSET_DAYS) },
    ],
    risks: { from: today, to: addDays(today, riskDays - 1) },
  };
}

const isDaySpan = (value: unknown): value is DaySpan =>
  isRecord(value) &&
  typeof value.from === 'string' &&
  typeof value.to === 'string' &&
  ISO_DAY.test(value.from) &&
  ISO_DAY.test(value.to);

/** Whether a day the page shows (its chart spans) is among the days a push says changed. */
export function touchesShownDays(touched: readonly DaySpan[], shown: readonly DaySpan[]): boolean {
  return touched.some((day) => shown.some((span) => day.from <= span.to && day.to >= span.from));
}

/**
 * Whether the page must read its loader for a push: a day it shows (`shown`) was touched and the
 * push did not bring that day's figures. The publisher merges covered spans, so a shown piece of a
 * touched span is covered when one covered span holds it whole.
 */
export function needsRead(push: Pick<PushedTiles, 'touched' | 'covered'>, shown: readonly DaySpan[]): boolean {
  return push.touched.some((day) =>
    shown.some((span) => {
      // ISO days compare as strings (Math.max would make numbers of them).
      const from = day.from.localeCompare(span.from) > 0 ? day.from : span.from;
      const to = day.to.localeCompare(span.to) < 0 ? day.to : span.to;
      if (from > to) return false;
      return !push.covered.some((covered) => covered.from <= from && to <= covered.to);
    }),
  );
}

/** Pushed day rows by day, each with when it was read. */
export type PushedDays = ReadonlyMap<string, { row: DailyKpis; readAt: number }>;

/** `pushed` with a push's rows added (a later read replaces an earlier one of the same day). */
export function withPushedDays(pushed: PushedDays, push: Pick<PushedTiles, 'days' | 'readAt'>): PushedDays {
  if (push.days.length === 0) return pushed;
  const next = new Map(pushed);
  for (const row of push.days) next.set(row.day, { row, readAt: push.readAt });
  return next;
}

/**
 * The loaded rows with the days pushed after the load (`readAt`) in their place. The same array when
 * no pushed row differs, so charts and totals built from it are not built again.
 */
export function foldDays(days: DailyKpis[], pushed: PushedDays, readAt: number): DailyKpis[] {
  let folded: DailyKpis[] | null = null;
  for (const [index, day] of days.entries()) {
    const newer = pushed.get(day.day);
    if (!newer || newer.readAt < readAt || sameFigures(newer.row, day)) continue;
    folded ??= days.slice();
    folded[index] = newer.row;
  }
  return folded ?? days;
}

/** Whether two days' figures are the same (every field). */
export function sameFigures(a: DailyKpis, b: DailyKpis): boolean {
  return (Object.keys(a) as (keyof DailyKpis)[]).every((key) => a[key] === b[key]);
}

/** Whether a push's tiles show what `shown` shows (its read time and touched days aside). */
export function sameTiles(a: TodayTiles, b: TodayTiles): boolean {
  return (
    a.day === b.day &&
    sameFigures(a.today, b.today) &&
    JSON.stringify(a.stations) === JSON.stringify(b.stations) &&
    JSON.stringify(a.openOrders) === JSON.stringify(b.openOrders)
  );
}
