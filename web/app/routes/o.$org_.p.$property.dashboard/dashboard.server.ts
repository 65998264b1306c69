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

/** Pickup looks back: bookings made and cancelled on each of the last 30 days. */
const PICKUP_DAYS = 30;

/** A period's sums; its occupancy, ADR and RevPAR are worked out from the sums. */
export type PeriodTotals = Omit<DailyKpis, 'day'>;

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
  const dates = days.map((day) => day.day);

  const trend: ChartData = hasRooms
    ? {
        id: 'occupancy',
        title: 'Occupancy',
        dates,
        columns: [
          { key: 'on-the-books', label: 'On the books', unit: 'percent', values: days.map((day) => day.occupancy) },
          {
            key: 'forecast',
            label: 'Forecast',
            unit: 'percent',
            values: dates.map((date) => forecast?.values.get(date) ?? null),
          },
          ...(lastYear
            ? [
                {
                  key: 'last-year',
                  label: 'Same weekday last year',
                  unit: 'percent' as const,
                  values: lastYear.map((day) => day.occupancy),
                },
              ]
            : []),
          { key: 'adr', label: 'ADR', unit: 'money', values: days.map((day) => day.adrMinor) },
          { key: 'revpar', label: 'RevPAR', unit: 'money', values: days.map((day) => day.revparMinor) },
        ],
      }
    : {
        id: 'covers',
        title: 'Covers',
        dates,
        columns: [
          { key: 'booked', label: 'Covers booked', unit: 'count', values: days.map((day) => day.coversBooked) },
          {
            key: 'forecast',
            label: 'Forecast (table orders)',
            unit: 'count',
            values: dates.map((date) => forecast?.values.get(date) ?? null),
          },
          ...(lastYear
            ? [
                {
                  key: 'last-year',
                  label: 'Same weekday last year',
                  unit: 'count' as const,
                  values: lastYear.map((day) => day.coversBooked),
                },
              ]
            : []),
        ],
      };
  const pickup: ChartData = {
    id: 'pickup',
    title: 'Pickup and cancellations',
    dates: pickupDays.map((day) => day.day),
    columns: [
      { key: 'made', label: 'Bookings made', unit: 'count', values: pickupDays.map((day) => day.bookingsMade) },
      { key: 'cancelled', label: 'Cancellations', unit: 'count', values: pickupDays.map((day) => day.cancellations) },
    ],
  };

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
    trend,
    pickup,
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

/** The period's sums, and its occupancy, ADR and RevPAR from those sums (not averages of days). */
function totalsOf(days: DailyKpis[]): PeriodTotals {
  const sum = (pick: (day: DailyKpis) => number) => days.reduce((total, day) => total + pick(day), 0);
  const available = sum((day) => day.roomsAvailable);
  const sold = sum((day) => day.roomsSold);
  const revenue = sum((day) => day.roomRevenueMinor);
  return {
    roomsTotal: sum((day) => day.roomsTotal),
    roomsOutOfOrder: sum((day) => day.roomsOutOfOrder),
    roomsAvailable: available,
    roomsSold: sold,
    occupancy: available > 0 ? sold / available : null,
    roomRevenueMinor: revenue,
    adrMinor: sold > 0 ? Math.round(revenue / sold) : null,
    revparMinor: available > 0 ? Math.round(revenue / available) : null,
    arrivals: sum((day) => day.arrivals),
    departures: sum((day) => day.departures),
    noShows: sum((day) => day.noShows),
    inHouse: sum((day) => day.inHouse),
    coversBooked: sum((day) => day.coversBooked),
    coversSeated: sum((day) => day.coversSeated),
    bookingsMade: sum((day) => day.bookingsMade),
    cancellations: sum((day) => day.cancellations),
    foodRevenueMinor: sum((day) => day.foodRevenueMinor),
    beverageRevenueMinor: sum((day) => day.beverageRevenueMinor),
    otherRevenueMinor: sum((day) => day.otherRevenueMinor),
  };
}
