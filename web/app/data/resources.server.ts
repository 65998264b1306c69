// Resource types, resources and their out-of-service periods of one property, through the Data
// API as the signed-in user: members read those of properties they work in, managers add them.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Property, Saved } from './properties.server.ts';

export type ResourceKind = Database['public']['Enums']['resource_kind'];
export type PricingUnit = Database['public']['Enums']['pricing_unit'];

export interface ResourceType {
  id: string;
  name: string;
  kind: ResourceKind;
  pricing: PricingUnit;
  description: string | null;
}

export interface OutOfService {
  id: string;
  starts: string;
  ends: string;
  reason: string | null;
}

export interface Resource {
  id: string;
  name: string;
  resource_type_id: string;
  min_guests: number;
  max_guests: number;
  active: boolean;
  outOfService: OutOfService[];
}

const TYPE_COLUMNS = 'id, name, kind, pricing, description';
const RESOURCE_COLUMNS = 'id, name, resource_type_id, min_guests, max_guests, active';

export async function listResourceTypes(supabase: Supabase, propertyId: string): Promise<ResourceType[]> {
  const { data, error } = await supabase
    .from('resource_types')
    .select(TYPE_COLUMNS)
    .eq('property_id', propertyId)
    .order('name');
  if (error) throw new DataError(error);
  return data;
}

/** A timestamptz as PostgreSQL prints it (2026-12-01 10:00:00+00, +05:30, …) as an ISO instant. */
function instant(bound: string): string {
  const match = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})(?::?(\d{2}))?(?::\d{2})?$/.exec(
    bound.replaceAll('"', '').trim(),
  );
  if (!match) throw new Error(`Unexpected timestamp in a period: ${bound}`);
  const [, date, time, hours, minutes = '00'] = match;
  return new Date(`${date}T${time}${hours}:${minutes}`).toISOString();
}

/** A tstzrange as PostgreSQL prints it: ["2026-12-01 10:00:00+00","2026-12-03 10:00:00+00"). */
function rangeBounds(period: string): { starts: string; ends: string } {
  const [lower = '', upper = ''] = period.slice(1, -1).split(',');
  return { starts: instant(lower), ends: instant(upper) };
}

/** The property's resources by name, each with its out-of-service periods that have not ended. */
export async function listResources(supabase: Supabase, propertyId: string, now = new Date()): Promise<Resource[]> {
  const [resources, periods] = await Promise.all([
    supabase.from('resources').select(RESOURCE_COLUMNS).eq('property_id', propertyId).order('name'),
    supabase
      .from('resource_out_of_service')
      .select('id, resource_id, period, reason')
      .eq('property_id', propertyId)
      .order('period'),
  ]);
  if (resources.error) throw new DataError(resources.error);
  if (periods.error) throw new DataError(periods.error);
  const byResource = new Map<string, OutOfService[]>();
  for (const row of periods.data) {
    const bounds = rangeBounds(String(row.period));
    if (new Date(bounds.ends) <= now) continue;
    const list = byResource.get(row.resource_id) ?? [];
    list.push({ id: row.id, reason: row.reason, ...bounds });
    byResource.set(row.resource_id, list);
  }
  return resources.data.map((row) => ({ ...row, outOfService: byResource.get(row.id) ?? [] }));
}

type PropertyRef = Pick<Property, 'id' | 'organization_id'>;

export async function createResourceType(
  supabase: Supabase,
  property: PropertyRef,
  fields: Omit<ResourceType, 'id'>,
): Promise<Saved<ResourceType>> {
  const { data, error } = await supabase
    .from('resource_types')
    .insert({ organization_id: property.organization_id, property_id: property.id, ...fields })
    .select(TYPE_COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

export async function createResource(
  supabase: Supabase,
  property: PropertyRef,
  fields: Pick<Resource, 'name' | 'resource_type_id' | 'min_guests' | 'max_guests'>,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('resources')
    .insert({ organization_id: property.organization_id, property_id: property.id, ...fields })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/** A period [starts, ends) when the resource cannot be booked; instants as ISO strings (UTC). */
export async function addOutOfService(
  supabase: Supabase,
  property: PropertyRef,
  fields: { resource_id: string; starts: string; ends: string; reason: string | null },
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('resource_out_of_service')
    .insert({
      organization_id: property.organization_id,
      property_id: property.id,
      resource_id: fields.resource_id,
      period: `[${fields.starts},${fields.ends})`,
      reason: fields.reason,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}
