// The period's charts and totals from its daily rows: built on the server for the CSV, the PDF and
// the first paint, and again in the browser when pushed rows replace some days (decision 027). Pure:
// the page's script imports it.
import type { DailyKpis } from '../../data/kpi-rows.ts';
import type { ChartData } from './chart-data.ts';

/** A period's sums; its occupancy, ADR and RevPAR are worked out from the sums. */
export type PeriodTotals = Omit<DailyKpis, 'day'>;

/** Occupancy (rooms) or covers (tables) on the books, the forecast, and the same weekdays last year. */
export function trendChart(
  days: readonly DailyKpis[],
  lastYear: readonly DailyKpis[] | null,
  forecastByDay: Readonly<Record<string, number>>,
  hasRooms: boolean,
): ChartData {
  const dates = days.map((day) => day.day);
  const forecast = dates.map((date) => forecastByDay[date] ?? null);
  if (hasRooms) {
    return {
      id: 'occupancy',
      title: 'Occupancy',
      dates,
      columns: [
        { key: 'on-the-books', label: 'On the books', unit: 'percent', values: days.map((day) => day.occupancy) },
        { key: 'forecast', label: 'Forecast', unit: 'percent', values: forecast },
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
    };
  }
  return {
    id: 'covers',
    title: 'Covers',
    dates,
    columns: [
      { key: 'booked', label: 'Covers booked', unit: 'count', values: days.map((day) => day.coversBooked) },
      { key: 'forecast', label: 'Forecast (table orders)', unit: 'count', values: forecast },
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
}

/** Bookings made and cancelled on each day. */
export function pickupChart(days: readonly DailyKpis[]): ChartData {
  return {
    id: 'pickup',
    title: 'Pickup and cancellations',
    dates: days.map((day) => day.day),
    columns: [
      { key: 'made', label: 'Bookings made', unit: 'count', values: days.map((day) => day.bookingsMade) },
      { key: 'cancelled', label: 'Cancellations', unit: 'count', values: days.map((day) => day.cancellations) },
    ],
  };
}

/** The period's sums, and its occupancy, ADR and RevPAR from those sums (not averages of days). */
export function totalsOf(days: readonly DailyKpis[]): PeriodTotals {
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
