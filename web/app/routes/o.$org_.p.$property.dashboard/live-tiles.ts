// What the worker pushes to an open dashboard (decision 027) and how the page folds it in: today's
// tiles replace the loader's when they are newer, the charts' "today" points follow them, and only
// a change that can move another day of a chart makes the page read its loader again. Pure, so it
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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A pushed message as tiles of this property, or null when it is not one (another property's,
 * an older publisher's shape, anything malformed): a bad message leaves the page as it was.
 */
export function tilesFromPush(payload: unknown, propertyId: string): TodayTiles | null {
  if (!isRecord(payload) || payload.property_id !== propertyId) return null;
  const { day, today, stations, open_orders: orders, read_at: readAt } = payload;
  if (typeof day !== 'string' || !ISO_DAY.test(day) || typeof readAt !== 'number') return null;
  if (!isRecord(today) || today.day !== day || typeof today.rooms_total !== 'number') return null;
  if (!Array.isArray(stations) || !Array.isArray(orders)) return null;
  if (!stations.every(isRecord) || !orders.every(isRecord)) return null;
  return {
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

interface StayDates {
  arrival_date?: unknown;
  departure_date?: unknown;
}

/**
 * Whether a change of a booking may move a chart, the period's totals or the risk list: the stay
 * (arrival to departure day, either side of an update) touches one of the spans. Today's own
 * figures, pickup included, come pushed. A row without readable dates (a delete seen without its
 * old values) counts as touching.
 */
export function bookingTouches(rows: readonly unknown[], spans: readonly { from: string; to: string }[]): boolean {
  for (const row of rows) {
    if (!isRecord(row) || Object.keys(row).length === 0) continue;
    const { arrival_date: arrival, departure_date: departure } = row as StayDates;
    if (typeof arrival !== 'string' || typeof departure !== 'string') return true;
    if (spans.some((span) => arrival <= span.to && departure >= span.from)) return true;
  }
  return false;
}
