// Taxes and fees of one property (public.property_taxes): a percentage of each night or slot,
// or a fixed amount per night or slot, added to the price or included in it, for some kinds of
// resource. Read and written as the signed-in user; RLS and the constraints decide.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Property, Saved } from './properties.server.ts';

export type PropertyTax = Pick<
  Database['public']['Tables']['property_taxes']['Row'],
  | 'id'
  | 'name'
  | 'basis'
  | 'rate_bps'
  | 'amount_minor'
  | 'currency'
  | 'inclusive'
  | 'applies_to'
  | 'active'
  | 'updated_at'
>;

export type TaxFields = Pick<PropertyTax, 'name' | 'basis' | 'rate_bps' | 'amount_minor' | 'inclusive' | 'applies_to'>;

const COLUMNS = 'id, name, basis, rate_bps, amount_minor, currency, inclusive, applies_to, active, updated_at';

export const TAXES_PAGE_SIZE = 25;

/** One page (0-based) of the property's taxes and fees, active ones first, by name; and their count. */
export async function listTaxes(
  supabase: Supabase,
  propertyId: string,
  page: number,
): Promise<{ taxes: PropertyTax[]; total: number }> {
  const from = page * TAXES_PAGE_SIZE;
  const { data, error, count } = await supabase
    .from('property_taxes')
    .select(COLUMNS, { count: 'exact' })
    .eq('property_id', propertyId)
    .order('active', { ascending: false })
    .order('name')
    .range(from, from + TAXES_PAGE_SIZE - 1);
  if (error) throw new DataError(error);
  return { taxes: data, total: count ?? data.length };
}

export async function getTax(supabase: Supabase, propertyId: string, taxId: string): Promise<PropertyTax | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(taxId)) return null;
  const { data, error } = await supabase
    .from('property_taxes')
    .select(COLUMNS)
    .eq('property_id', propertyId)
    .eq('id', taxId)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data;
}

export async function createTax(
  supabase: Supabase,
  property: Pick<Property, 'id' | 'organization_id' | 'currency'>,
  fields: TaxFields,
): Promise<Saved<PropertyTax>> {
  const { data, error } = await supabase
    .from('property_taxes')
    .insert({
      organization_id: property.organization_id,
      property_id: property.id,
      currency: property.currency,
      ...fields,
    })
    .select(COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

export async function updateTax(
  supabase: Supabase,
  propertyId: string,
  taxId: string,
  fields: Partial<TaxFields> & { active?: boolean },
): Promise<Saved<PropertyTax>> {
  const { data, error } = await supabase
    .from('property_taxes')
    .update(fields)
    .eq('property_id', propertyId)
    .eq('id', taxId)
    .select(COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

/** Removes a tax or fee; bookings keep it in their price breakdown (a snapshot). */
export async function removeTax(supabase: Supabase, propertyId: string, taxId: string): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('property_taxes')
    .delete()
    .eq('property_id', propertyId)
    .eq('id', taxId)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}
