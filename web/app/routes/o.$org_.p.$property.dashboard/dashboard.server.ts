// Everything one property's dashboard shows, read in parallel as the signed-in user. The page and
// its CSV export both use it, so a downloaded file holds exactly the numbers on the screen.
import {
  type ArrivalRisk,
  type DailyKpis,
  dailyKpis,
  latestForecast,
  openOrders,
  riskiestArrivals,
  type StationService,
  serviceKpis,
} from '../../data/kpis.server.ts';
import { addDays } from '../../utils/calendar-dates.ts';
import type { Supabase } from '../../utils/load-context.server.ts';
import type { ChartData } from './chart-data.ts';
import { type DashboardPeriod, LAST_YEAR_OFFSET_DAYS, RISK_DAYS } from './dashboard-period.ts';
import { type PeriodTotals, pickupChart, totalsOf, trendChart } from './period-charts.ts';

/** Pickup looks back: bookings made and cancelled on each of the last 30 days. */
const PICKUP_DAYS = 30;

export interface Dashboard {
  today: DailyKpis;
  stations: StationService[];
  openOrders: Record<string, number>;
  /** What the property has: rooms, tables, or both, decides which tiles and charts show. */
  hasRooms: boolean;
  hasTables: boolean;
  period: {
    from: string;
    to: string;
    days: number;
    totals: PeriodTotals;
    /** The same weekdays last year, when the period is compared. */
    lastYear: PeriodTotals | null;
  };
  /** The period's rows, last year's (when compared) and the forecast by day: the page folds pushed days into them. */
  days: DailyKpis[];
  lastYearDays: DailyKpis[] | null;
  forecastByDay: Record<string, number>;
  trend: ChartData;
  pickup: ChartData;
  forecast: {
    modelVersion: string;
    backtestMape: number | null;
    baselineMape: number | null;
    createdAt: string;
  } | null;
  risks: ArrivalRisk[];
}

export async function loadDashboard(
  supabase: Supabase,
  propertyId: string,
  today: string,
  period: DashboardPeriod,
): Promise<Dashboard> {
  const lastYearFrom = addDays(period.from, LAST_YEAR_OFFSET_DAYS);
  const lastYearTo = addDays(period.to, LAST_YEAR_OFFSET_DAYS);
  const pickupFrom = addDays(today, -(PICKUP_DAYS - 1));
  const [days, lastYear, pickupDays, stations, orders, occupancyForecast, coversForecast, risks] = await Promise.all([
    dailyKpis(supabase, propertyId, period.from, period.to),
    period.compare ? dailyKpis(supabase, propertyId, lastYearFrom, lastYearTo) : Promise.resolve(null),
    dailyKpis(supabase, propertyId, pickupFrom, today),
    serviceKpis(supabase, propertyId, today),
    openOrders(supabase, propertyId),
    latestForecast(supabase, propertyId, 'occupancy', period.from, period.to),
    latestForecast(supabase, propertyId, 'covers', period.from, period.to),
    riskiestArrivals(supabase, propertyId, today, addDays(today, RISK_DAYS - 1)),
  ]);
  // Pickup's days end today: its last row is today's figures.
  const todayRow = pickupDays.at(-1);
  if (!todayRow || todayRow.day !== today) throw new Error('property_daily_kpis returned no row for today');
  const hasRooms = todayRow.roomsTotal > 0;
  const hasTables = !hasRooms || days.some((day) => day.coversBooked > 0) || stations.length > 0;
  const forecast = hasRooms ? occupancyForecast : coversForecast;
  const forecastByDay = Object.fromEntries(forecast?.values ?? []);
  return {
    today: todayRow,
    stations,
    openOrders: orders,
    hasRooms,
    hasTables,
    period: {
      from: period.from,
      to: period.to,
      days: period.days,
      totals: totalsOf(days),
      lastYear: lastYear ? totalsOf(lastYear) : null,
    },
    days,
    lastYearDays: lastYear,
    forecastByDay,
    trend: trendChart(days, lastYear, forecastByDay, hasRooms),
    pickup: pickupChart(pickupDays),
    forecast: forecast
      ? {
          modelVersion: forecast.modelVersion,
          backtestMape: forecast.backtestMape,
          baselineMape: forecast.baselineMape,
          createdAt: forecast.createdAt,
        }
      : null,
    risks,
  };
}
