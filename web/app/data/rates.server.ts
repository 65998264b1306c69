// Rate suggestions of one property (migration 20261206160100, decision 028): the bounds a manager
// sets per room type (public.rate_bounds, RLS: staff read, managers write), the suggestions the
// database works out (public.rate_suggestions) and accepting them (public.accept_rate_suggestions,
// which writes the rate overrides and the audit trail). The rule lives in SQL; nothing is priced here.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type Tables = Database['public']['Tables'];

export type RoomType = Pick<Tables['resource_types']['Row'], 'id' | 'name'>;
export type RateBounds = Pick<
  Tables['rate_bounds']['Row'],
  'id' | 'resource_type_id' | 'floor_minor' | 'ceiling_minor' | 'max_step_minor' | 'updated_at'
>;
export type RateSuggestion = Database['public']['Functions']['rate_suggestions']['Returns'][number];
export type AcceptedSuggestion = Database['public']['Functions']['accept_rate_suggestions']['Returns'][number];

/** What a manager accepts: the night, the room type and the suggested price seen on the page. */
export interface SuggestionChoice {
  resource_type_id: string;
  stay_date: string;
  price_minor: number;
}

/** The property's room types (priced per night), by name: the ones suggestions are for. */
export async function listRoomTypes(supabase: Supabase, propertyId: string): Promise<RoomType[]> {
  const { data, error } = await supabase
    .from('resource_types')
    .select('id, name')
    .eq('property_id', propertyId)
    .eq('kind', 'room')
    .order('name')
    .order('id');
  if (error) throw new DataError(error);
  return data;
}

export async function listRateBounds(supabase: Supabase, propertyId: string): Promise<RateBounds[]> {
  const { data, error } = await supabase
    .from('rate_bounds')
    .select('id, resource_type_id, floor_minor, ceiling_minor, max_step_minor, updated_at')
    .eq('property_id', propertyId);
  if (error) throw new DataError(error);
  return data;
}

export interface BoundsFields {
  resource_type_id: string;
  floor_minor: number;
  ceiling_minor: number;
  max_step_minor: number;
}

/** Sets a room type's bounds (one row per type); the currency is the property's (a trigger fills it). */
export async function saveRateBounds(
  supabase: Supabase,
  property: { id: string; organization_id: string; currency: string },
  fields: BoundsFields,
): Promise<Saved<RateBounds>> {
  const { data, error } = await supabase
    .from('rate_bounds')
    .upsert(
      { organization_id: property.organization_id, property_id: property.id, currency: property.currency, ...fields },
      { onConflict: 'resource_type_id' },
    )
    .select('id, resource_type_id, floor_minor, ceiling_minor, max_step_minor, updated_at')
    .single();
  return error ? { error } : { row: data };
}

/** Suggestions for the nights from … to (upcoming, at most 93), per night and room type with bounds. */
export async function listRateSuggestions(
  supabase: Supabase,
  propertyId: string,
  from: string,
  to: string,
): Promise<RateSuggestion[]> {
  const { data, error } = await supabase.rpc('rate_suggestions', { p_property_id: propertyId, p_from: from, p_to: to });
  if (error) throw new DataError(error);
  return data ?? [];
}

/** Accepts the chosen suggestions in one transaction; a refusal names a stable code (decision 003). */
export async function acceptRateSuggestions(
  supabase: Supabase,
  propertyId: string,
  choices: SuggestionChoice[],
): Promise<{ rows: AcceptedSuggestion[]; error?: never } | { rows?: never; error: PostgrestError }> {
  const { data, error } = await supabase.rpc('accept_rate_suggestions', {
    p_property_id: propertyId,
    p_items: choices as unknown as Database['public']['Functions']['accept_rate_suggestions']['Args']['p_items'],
  });
  return error ? { error } : { rows: data ?? [] };
}
