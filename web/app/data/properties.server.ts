// Properties and their booking rules, read and written as the signed-in user through the Data
// API: RLS shows members the properties they work in and lets managers of a property change it;
// the tables' constraints have the last word and their refusals go back to the forms.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

type Tables = Database['public']['Tables'];
export type PropertyKind = Database['public']['Enums']['property_kind'];
export type CancellationFeeKind = Database['public']['Enums']['cancellation_fee_kind'];

/** A write's saved row, or the database's refusal (a constraint, RLS) for the form to explain. */
export type Saved<T> = { row: T; error?: never } | { row?: never; error: PostgrestError };

export interface Property {
  id: string;
  organization_id: string;
  name: string;
  kind: PropertyKind;
  time_zone: string;
  currency: string;
  updated_at: string;
}

const COLUMNS = 'id, organization_id, name, kind, time_zone, currency, updated_at';

/** The properties of an organization the user works in (RLS leaves out the others), by name. */
export async function listProperties(supabase: Supabase, organizationId: string): Promise<Property[]> {
  const { data, error } = await supabase
    .from('properties')
    .select(COLUMNS)
    .eq('organization_id', organizationId)
    .order('name');
  if (error) throw new DataError(error);
  return data;
}

/** One page of those properties by name, with the exact total; `search` matches names literally. */
export async function listPropertyPage(
  supabase: Supabase,
  organizationId: string,
  { page, perPage, search }: { page: number; perPage: number; search: string },
): Promise<{ properties: Property[]; total: number }> {
  let query = supabase
    .from('properties')
    .select(COLUMNS, { count: 'exact' })
    .eq('organization_id', organizationId)
    .order('name')
    .order('id')
    .range((page - 1) * perPage, page * perPage - 1);
  // ilike's own wildcards and escape, taken literally (the value travels as one encoded parameter).
  if (search) query = query.ilike('name', `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const { data, error, count } = await query;
  // Past the last page PostgREST answers 416 (PGRST103): an empty page, not an error.
  if (error?.code === 'PGRST103') return { properties: [], total: count ?? 0 };
  if (error) throw new DataError(error);
  return { properties: data, total: count ?? data.length };
}

export async function getProperty(supabase: Supabase, organizationId: string, id: string): Promise<Property | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const { data, error } = await supabase
    .from('properties')
    .select(COLUMNS)
    .eq('organization_id', organizationId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data;
}

export type PropertyFields = Pick<Property, 'name' | 'kind' | 'time_zone' | 'currency'>;

export async function createProperty(
  supabase: Supabase,
  organizationId: string,
  fields: PropertyFields,
): Promise<Saved<Property>> {
  const { data, error } = await supabase
    .from('properties')
    .insert({ organization_id: organizationId, ...fields })
    .select(COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

export async function updateProperty(supabase: Supabase, id: string, fields: PropertyFields): Promise<Saved<Property>> {
  const { data, error } = await supabase.from('properties').update(fields).eq('id', id).select(COLUMNS).single();
  return error ? { error } : { row: data };
}

// The table service periods have their own form (service-periods.server.ts, decision 044).
export type PropertySettings = Omit<
  Tables['property_settings']['Row'],
  'id' | 'organization_id' | 'property_id' | 'created_at' | 'service_periods'
>;

/** The column defaults, which a property without a settings row follows (private.property_settings_of). */
const DEFAULT_SETTINGS: PropertySettings = {
  check_in_time: '15:00:00',
  check_out_time: '11:00:00',
  slot_turn_minutes: 15,
  min_notice_minutes: 0,
  booking_window_days: 365,
  hold_minutes: 15,
  free_cancellation_hours: 48,
  cancellation_fee_kind: 'first_night',
  cancellation_fee_bps: 10000,
  deposit_kind: 'none',
  deposit_bps: 10000,
  updated_at: '',
};

const SETTINGS_COLUMNS =
  'check_in_time, check_out_time, slot_turn_minutes, min_notice_minutes, booking_window_days, hold_minutes, free_cancellation_hours, cancellation_fee_kind, cancellation_fee_bps, deposit_kind, deposit_bps, updated_at';

export async function getPropertySettings(supabase: Supabase, propertyId: string): Promise<PropertySettings> {
  const { data, error } = await supabase
    .from('property_settings')
    .select(SETTINGS_COLUMNS)
    .eq('property_id', propertyId)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data ?? DEFAULT_SETTINGS;
}

export type PropertySettingsFields = Omit<PropertySettings, 'updated_at'>;

/** Inserts the property's settings row the first time, updates it afterwards. */
export async function savePropertySettings(
  supabase: Supabase,
  property: Pick<Property, 'id' | 'organization_id'>,
  fields: PropertySettingsFields,
): Promise<Saved<PropertySettings>> {
  const { data, error } = await supabase
    .from('property_settings')
    .upsert(
      { organization_id: property.organization_id, property_id: property.id, ...fields },
      {
        onConflict: 'property_id',
      },
    )
    .select(SETTINGS_COLUMNS)
    .single();
  return error ? { error } : { row: data };
}
