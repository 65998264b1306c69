// Modifier groups (cooking, sides, extras), their options and which items offer them, read and
// written as the signed-in user: every member reads them; managers over every property change
// them (RLS); the tables' constraints (choices, names, price deltas) have the last word.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export interface ModifierOption {
  id: string;
  name: string;
  price_delta_minor: number;
  active: boolean;
  sort_order: number;
}

export interface ModifierGroup {
  id: string;
  name: string;
  required: boolean;
  min_choices: number;
  max_choices: number;
  updated_at: string;
  options: ModifierOption[];
}

const GROUP_COLUMNS = 'id, name, required, min_choices, max_choices, updated_at';

/** The organization's groups by name, each with its options in order. */
export async function listModifierGroups(supabase: Supabase, organizationId: string): Promise<ModifierGroup[]> {
  const { data, error } = await supabase
    .from('modifier_groups')
    .select(`${GROUP_COLUMNS}, options:modifier_options(id, name, price_delta_minor, active, sort_order)`)
    .eq('organization_id', organizationId)
    .order('name')
    .order('sort_order', { referencedTable: 'options' })
    .order('name', { referencedTable: 'options' });
  if (error) throw new DataError(error);
  return data;
}

export type GroupFields = Pick<ModifierGroup, 'name' | 'required' | 'min_choices' | 'max_choices'>;

export async function createModifierGroup(
  supabase: Supabase,
  organizationId: string,
  fields: GroupFields,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('modifier_groups')
    .insert({ organization_id: organizationId, ...fields })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function updateModifierGroup(
  supabase: Supabase,
  id: string,
  fields: GroupFields,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.from('modifier_groups').update(fields).eq('id', id).select('id').single();
  return error ? { error } : { row: data };
}

/** Removes the group, its options and its links to items (cascades). */
export async function removeModifierGroup(supabase: Supabase, id: string): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.from('modifier_groups').delete().eq('id', id).select('id').single();
  return error ? { error } : { row: data };
}

export async function addModifierOption(
  supabase: Supabase,
  organizationId: string,
  fields: { group_id: string; name: string; price_delta_minor: number; sort_order: number },
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('modifier_options')
    .insert({ organization_id: organizationId, ...fields })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function removeModifierOption(supabase: Supabase, id: string): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.from('modifier_options').delete().eq('id', id).select('id').single();
  return error ? { error } : { row: data };
}

/** Offers the group with the item (item_modifier_groups_item_group_key refuses it twice). */
export async function attachModifierGroup(
  supabase: Supabase,
  organizationId: string,
  fields: { item_id: string; group_id: string; sort_order: number },
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('item_modifier_groups')
    .insert({ organization_id: organizationId, ...fields })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function detachModifierGroup(
  supabase: Supabase,
  itemId: string,
  linkId: string,
): Promise<{ error: PostgrestError | null }> {
  const { error } = await supabase
    .from('item_modifier_groups')
    .delete()
    .eq('id', linkId)
    .eq('item_id', itemId)
    .select('id')
    .single();
  return { error };
}
