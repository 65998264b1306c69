// The dashboard's KPI rows reshaped for the screen: the same mapping for what a loader reads
// (kpis.server.ts) and what the worker pushes to an open dashboard (decision 027), so both show
// the figures alike. Pure: no server imports, the browser uses it too.
import type { Database } from '../../../supabase/database.types.ts';

type Functions = Database['public']['Functions'];
export type DailyKpisRow = Functions['property_daily_kpis']['Returns'][number];
export type StationServiceRow = Functions['property_service_kpis']['Returns'][number];
export type OpenOrdersRow = Functions['property_open_orders']['Returns'][number];
type OrderStatus = Database['public']['Enums']['order_status'];
type StationKind = Database['public']['Enums']['station_kind'];

export interface DailyKpis {
  day: string;
  roomsTotal: number;
  roomsOutOfOrder: number;
  roomsAvailable: number;
  roomsSold: number;
  /** 0–1, null when no room was available. */
  occupancy: number | null;
  roomRevenueMinor: number;
  adrMinor: number | null;
  revparMinor: number | null;
  arrivals: number;
  departures: number;
  noShows: number;
  inHouse: number;
  coversBooked: number;
  coversSeated: number;
  bookingsMade: number;
  cancellations: number;
  foodRevenueMinor: number;
  beverageRevenueMinor: number;
  otherRevenueMinor: number;
}

export function toDailyKpis(row: DailyKpisRow): DailyKpis {
  return {
    day: row.day,
    roomsTotal: row.rooms_total,
    roomsOutOfOrder: row.rooms_out_of_order,
    roomsAvailable: row.rooms_available,
    roomsSold: row.rooms_sold,
    occupancy: row.occupancy === null ? null : Number(row.occupancy),
    roomRevenueMinor: Number(row.room_revenue_minor),
    adrMinor: row.adr_minor === null ? null : Number(row.adr_minor),
    revparMinor: row.revpar_minor === null ? null : Number(row.revpar_minor),
    arrivals: row.arrivals,
    departures: row.departures,
    noShows: row.no_shows,
    inHouse: row.in_house,
    coversBooked: row.covers_booked,
    coversSeated: row.covers_seated,
    bookingsMade: row.bookings_made,
    cancellations: row.cancellations,
    foodRevenueMinor: Number(row.food_revenue_minor),
    beverageRevenueMinor: Number(row.beverage_revenue_minor),
    otherRevenueMinor: Number(row.other_revenue_minor),
  };
}

export interface StationService {
  id: string;
  name: string;
  kind: StationKind;
  ticketsDone: number;
  averageTicketSeconds: number | null;
  linesWaiting: number;
}

export function toStationService(row: StationServiceRow): StationService {
  return {
    id: row.station_id,
    name: row.station_name,
    kind: row.station_kind,
    ticketsDone: row.tickets_done,
    averageTicketSeconds: row.average_ticket_seconds,
    linesWaiting: row.lines_waiting,
  };
}

export const OPEN_ORDER_STATUSES: OrderStatus[] = ['submitted', 'preparing', 'ready', 'served'];

/** Open orders by status, every open status present (zero when none). */
export function openOrderCounts(rows: readonly OpenOrdersRow[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(OPEN_ORDER_STATUSES.map((status) => [status, 0]));
  for (const row of rows) counts[row.status] = row.orders;
  return counts;
}
