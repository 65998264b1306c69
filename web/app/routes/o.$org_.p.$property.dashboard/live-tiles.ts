// What the worker pushes to an open dashboard (decision 027) and how the page folds it in: today's
// tiles replace the loader's when they are newer, the charts' "today" points follow them, and only
// a push whose booking changes touched another day the page shows makes it read its loader again. Pure, so it
// is tested without a browser; the hook lives in use-live-tiles.ts.
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

/** A push: today's tiles and the days booking changes touched since the publisher's last push. */
export interface PushedTiles extends TodayTiles {
  touched: DaySpan[];
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
  return {
    touched: touched.map(({ from, to }) => ({ from, to })),
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

/** Day spans (inclusive) whose figures the page shows beyond today's tiles. */
export function chartSpans(today: string, period: { from: string; to: string }, riskDays: number) {
  return [
    period,
    { from: addDays(period.from, LAST_YEAR_OFFSET_DAYS), to: addDays(period.to, LAST_YEAR_OFFSET_DAYS) },
    { from: today, to: addDays(today, riskDays - 1) },
  ];
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
