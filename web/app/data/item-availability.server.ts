// Where an item is sold (public.item_availability: one row per property that sells it, with an
// optional price override and optional stock), written as the signed-in user: managers of a
// property change its rows (RLS), the table's checks keep prices and stock in range.
import type { Supabase } from '../utils/load-context.server.ts';
import type { Property, Saved } from './properties.server.ts';

export interface AvailabilityFields {
  price_override_minor: number | null;
  stock_count: number | null;
  low_stock_threshold: number;
}

/** Sells the item at the property: creates its row or changes it. */
export async function saveAvailability(
  supabase: Supabase,
  property: Pick<Property, 'id' | 'organization_id'>,
  itemId: string,
  fields: AvailabilityFields,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('item_availability')
    .upsert(
      { organization_id: property.organization_id, property_id: property.id, item_id: itemId, ...fields },
      { onConflict: 'property_id,item_id' },
    )
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/** Stops selling the item at the property (its override and stock go with the row). */
export async function stopSelling(
  supabase: Supabase,
  propertyId: string,
  itemId: string,
): Promise<Saved<{ id: string }[]>> {
  const { data, error } = await supabase
    .from('item_availability')
    .delete()
    .eq('property_id', propertyId)
    .eq('item_id', itemId)
    .select('id');
  return error ? { error } : { row: data };
}
