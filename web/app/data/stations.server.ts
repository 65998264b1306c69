// Kitchen and bar stations of a property and the routing of catalogue categories to them, read
// and written as the signed-in user: members of a property read them, its managers change them
// (RLS); station_routes' foreign keys keep a route's station at the route's property.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Property, Saved } from './properties.server.ts';

export type StationKind = Database['public']['Enums']['station_kind'];

export interface Station {
  id: string;
  name: string;
  kind: StationKind;
  updated_at: string;
}

export interface StationRoute {
  id: string;
  category_id: string;
  station_id: string;
}

type PropertyRef = Pick<Property, 'id' | 'organization_id'>;

/** A property's stations by name and its routes, in one request each (run side by side). */
export async function listStationsAndRoutes(
  supabase: Supabase,
  propertyId: string,
): Promise<{ stations: Station[]; routes: StationRoute[] }> {
  const [stations, routes] = await Promise.all([
    supabase.from('stations').select('id, name, kind, updated_at').eq('property_id', propertyId).order('name'),
    supabase.from('station_routes').select('id, category_id, station_id').eq('property_id', propertyId),
  ]);
  if (stations.error) throw new DataError(stations.error);
  if (routes.error) throw new DataError(routes.error);
  return { stations: stations.data, routes: routes.data };
}

export async function createStation(
  supabase: Supabase,
  property: PropertyRef,
  fields: Pick<Station, 'name' | 'kind'>,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('stations')
    .insert({ organization_id: property.organization_id, property_id: property.id, ...fields })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function updateStation(
  supabase: Supabase,
  propertyId: string,
  id: string,
  fields: Pick<Station, 'name' | 'kind'>,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('stations')
    .update(fields)
    .eq('property_id', propertyId)
    .eq('id', id)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/** Removes the station and its routes (cascade); order lines keep their snapshot. */
export async function removeStation(
  supabase: Supabase,
  propertyId: string,
  id: string,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('stations')
    .delete()
    .eq('property_id', propertyId)
    .eq('id', id)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/**
 * Routes each category to its station at the property (`null`: no route of its own, so it
 * follows its parent's or none). Set routes are upserted in one statement, cleared ones deleted
 * in another.
 */
export async function saveRoutes(
  supabase: Supabase,
  property: PropertyRef,
  routes: { category_id: string; station_id: string | null }[],
): Promise<{ error: PostgrestError | null }> {
  const set = routes.flatMap((route) => (route.station_id ? [{ ...route, station_id: route.station_id }] : []));
  const cleared = routes.filter((route) => !route.station_id).map((route) => route.category_id);
  if (set.length) {
    const { error } = await supabase
      .from('station_routes')
      .upsert(
        set.map((route) => ({ organization_id: property.organization_id, property_id: property.id, ...route })),
        { onConflict: 'property_id,category_id' },
      )
      .select('id');
    if (error) return { error };
  }
  if (cleared.length) {
    const { error } = await supabase
      .from('station_routes')
      .delete()
      .eq('property_id', property.id)
      .in('category_id', cleared)
      .select('id');
    if (error) return { error };
  }
  return { error: null };
}
