// Table service periods of a property (property_settings.service_periods, decision 044): when
// the restaurant seats guests, by ISO weekday. Null means never set: the database then keeps the
// former hours (12:00–21:30 every 30 minutes, every day); an empty list means closed. The day's
// seating times come from the database (table_service_hours), the same rule the widget uses.
import type { Json } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export interface ServicePeriod {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM, local. */
  opens: string;
  last_seating: string;
  slot_minutes: number;
}

export interface DayServiceHours {
  /** False while the property has not set its periods (the former fixed hours apply). */
  configured: boolean;
  periods: Omit<ServicePeriod, 'weekday'>[];
  /** The seating times, HH:MM. Empty on a closed day. */
  times: string[];
}

/** The property's periods, or null while it has not set them. */
export async function getServicePeriods(supabase: Supabase, propertyId: string): Promise<ServicePeriod[] | null> {
  const { data, error } = await supabase
    .from('property_settings')
    .select('service_periods')
    .eq('property_id', propertyId)
    .maybeSingle();
  if (error) throw new DataError(error);
  return (data?.service_periods as ServicePeriod[] | null | undefined) ?? null;
}

/** Replaces the week's periods (null: back to the former fixed hours); the constraints check them. */
export async function saveServicePeriods(
  supabase: Supabase,
  property: { id: string; organization_id: string },
  periods: ServicePeriod[] | null,
): Promise<Saved<{ service_periods: Json }>> {
  const { data, error } = await supabase
    .from('property_settings')
    .upsert(
      { organization_id: property.organization_id, property_id: property.id, service_periods: periods as Json },
      { onConflict: 'property_id' },
    )
    .select('service_periods')
    .single();
  return error ? { error } : { row: data };
}

/** One local date's periods and seating times. */
export async function tableServiceHours(
  supabase: Supabase,
  propertyId: string,
  date: string,
): Promise<DayServiceHours> {
  const { data, error } = await supabase.rpc('table_service_hours', { p_property_id: propertyId, p_date: date });
  if (error) throw new DataError(error);
  return data as unknown as DayServiceHours;
}
