// The dashboard's figures, read as the signed-in user: the KPI functions of migration
// 20261206150600 (security invoker, so RLS decides what is counted), the worker's latest forecast
// and its no-show scores. Definitions live with the SQL; this module only reshapes rows.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import { type DailyKpis, openOrderCounts, type StationService, toDailyKpis, toStationService } from './kpi-rows.ts';

export type { DailyKpis, StationService } from './kpi-rows.ts';
export { OPEN_ORDER_STATUSES } from './kpi-rows.ts';

/** Every local day from `from` to `to`, inclusive (at most two years). */
export async function dailyKpis(
  supabase: Supabase,
  propertyId: string,
  from: string,
  to: string,
): Promise<DailyKpis[]> {
  const { data, error } = await supabase.rpc('property_daily_kpis', {
    p_property_id: propertyId,
    p_from: from,
    p_to: to,
  });
  if (error) throw new DataError(error);
  return (data ?? []).map(toDailyKpis);
}

export async function serviceKpis(supabase: Supabase, propertyId: string, day: string): Promise<StationService[]> {
  const { data, error } = await supabase.rpc('property_service_kpis', { p_property_id: propertyId, p_day: day });
  if (error) throw new DataError(error);
  return (data ?? []).map(toStationService);
}

export async function openOrders(supabase: Supabase, propertyId: string): Promise<Record<string, number>> {
  const { data, error } = await supabase.rpc('property_open_orders', { p_property_id: propertyId });
  if (error) throw new DataError(error);
  return openOrderCounts(data ?? []);
}

export interface Forecast {
  modelVersion: string;
  /** The model's backtest error (fraction) and the seasonal-naive baseline's, when measured. */
  backtestMape: number | null;
  baselineMape: number | null;
  createdAt: string;
  values: Map<string, number>;
}

/** The newest forecast of the kind covering the period, or null when the worker made none. */
export async function latestForecast(
  supabase: Supabase,
  propertyId: string,
  kind: 'occupancy' | 'covers',
  from: string,
  to: string,
): Promise<Forecast | null> {
  const { data: newest, error } = await supabase
    .from('forecasts')
    .select('model_version, backtest_mape, baseline_mape, created_at')
    .eq('property_id', propertyId)
    .eq('kind', kind)
    .gte('forecast_date', from)
    .order('created_at', { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!newest) return null;
  const { data: rows, error: readError } = await supabase
    .from('forecasts')
    .select('forecast_date, value')
    .eq('property_id', propertyId)
    .eq('kind', kind)
    .eq('model_version', newest.model_version)
    .gte('forecast_date', from)
    .lte('forecast_date', to)
    .order('forecast_date');
  if (readError) throw new DataError(readError);
  return {
    modelVersion: newest.model_version,
    backtestMape: newest.backtest_mape,
    baselineMape: newest.baseline_mape,
    createdAt: newest.created_at,
    values: new Map((rows ?? []).map((row) => [row.forecast_date, row.value])),
  };
}

export interface ArrivalRisk {
  bookingId: string;
  reference: string;
  arrivalDate: string;
  guestName: string | null;
  resourceName: string;
  risk: number;
  heldOutAuc: number | null;
  /** The model's reasons as stored (see the dashboard's risk-reasons.ts). */
  reasons: unknown;
}

interface RiskRow {
  risk: number;
  held_out_auc: number | null;
  reasons: unknown;
  booking: {
    id: string;
    reference: string;
    arrival_date: string;
    guest: { full_name: string } | null;
    resource: { name: string } | null;
  };
}

/** Confirmed arrivals in the period by the newest no-show model's risk, highest first. */
export async function riskiestArrivals(
  supabase: Supabase,
  propertyId: string,
  from: string,
  to: string,
  limit = 10,
): Promise<ArrivalRisk[]> {
  const { data: newest, error } = await supabase
    .from('booking_no_show_risk')
    .select('model_version')
    .eq('property_id', propertyId)
    .order('created_at', { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!newest) return [];
  const { data, error: readError } = await supabase
    .from('booking_no_show_risk')
    .select(
      'risk, held_out_auc, reasons, booking:bookings!inner(id, reference, arrival_date, guest:guests(full_name), resource:resources(name))',
    )
    .eq('property_id', propertyId)
    .eq('model_version', newest.model_version)
    .eq('booking.status', 'confirmed')
    .gte('booking.arrival_date', from)
    .lte('booking.arrival_date', to)
    .order('risk', { ascending: false })
    .limit(limit);
  if (readError) throw new DataError(readError);
  return ((data ?? []) as unknown as RiskRow[]).map((row) => ({
    bookingId: row.booking.id,
    reference: row.booking.reference,
    arrivalDate: row.booking.arrival_date,
    guestName: row.booking.guest?.full_name ?? null,
    resourceName: row.booking.resource?.name ?? '',
    risk: row.risk,
    heldOutAuc: row.held_out_auc,
    reasons: row.reasons,
  }));
}

export interface PropertyPeriodKpis {
  propertyId: string;
  name: string;
  kind: Database['public']['Enums']['property_kind'];
  currency: string;
  roomsAvailable: number;
  roomsSold: number;
  occupancy: number | null;
  roomRevenueMinor: number;
  adrMinor: number | null;
  revparMinor: number | null;
  coversBooked: number;
  bookingsMade: number;
  cancellations: number;
  foodRevenueMinor: number;
  beverageRevenueMinor: number;
  otherRevenueMinor: number;
}

/** The period's figures of every property of the organization the caller may read, by name. */
export async function organizationKpis(
  supabase: Supabase,
  organizationId: string,
  from: string,
  to: string,
): Promise<PropertyPeriodKpis[]> {
  const { data, error } = await supabase.rpc('organization_kpis', {
    p_organization_id: organizationId,
    p_from: from,
    p_to: to,
  });
  if (error) throw new DataError(error);
  return (data ?? []).map((row) => ({
    propertyId: row.property_id,
    name: row.property_name,
    kind: row.property_kind,
    currency: row.currency,
    roomsAvailable: row.rooms_available,
    roomsSold: row.rooms_sold,
    occupancy: row.occupancy === null ? null : Number(row.occupancy),
    roomRevenueMinor: Number(row.room_revenue_minor),
    adrMinor: row.adr_minor === null ? null : Number(row.adr_minor),
    revparMinor: row.revpar_minor === null ? null : Number(row.revpar_minor),
    coversBooked: row.covers_booked,
    bookingsMade: row.bookings_made,
    cancellations: row.cancellations,
    foodRevenueMinor: Number(row.food_revenue_minor),
    beverageRevenueMinor: Number(row.beverage_revenue_minor),
    otherRevenueMinor: Number(row.other_revenue_minor),
  }));
}
