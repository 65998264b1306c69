// The organization's catalogue (categories and items, with an item's photo), read and written as
// the signed-in user through the Data API and Storage: every member reads it; managers over every
// property change it (RLS); the tables' constraints have the last word and their refusals go back
// to the forms.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export interface Category {
  id: string;
  name: string;
  parent_id: string | null;
  sort_order: number;
  updated_at: string;
}

export interface CatalogueItem {
  id: string;
  category_id: string;
  name: string;
  description: string | null;
  photo_path: string | null;
  price_minor: number;
  currency: string;
  tax_rate_bp: number;
  active: boolean;
  sort_order: number;
  updated_at: string;
}

export const ITEMS_PAGE_SIZE = 25;
/** Where item photos live (public bucket; its policies let managers write `<organization>/…`). */
export const PHOTO_BUCKET = 'org-assets';

const CATEGORY_COLUMNS = 'id, name, parent_id, sort_order, updated_at';
const ITEM_COLUMNS =
  'id, category_id, name, description, photo_path, price_minor, currency, tax_rate_bp, active, sort_order, updated_at';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organization's categories in menu order. */
export async function listCategories(supabase: Supabase, organizationId: string): Promise<Category[]> {
  const { data, error } = await supabase
    .from('catalogue_categories')
    .select(CATEGORY_COLUMNS)
    .eq('organization_id', organizationId)
    .order('sort_order')
    .order('name');
  if (error) throw new DataError(error);
  return data;
}

export async function createCategory(
  supabase: Supabase,
  organizationId: string,
  fields: { name: string; sort_order: number },
): Promise<Saved<Category>> {
  const { data, error } = await supabase
    .from('catalogue_categories')
    .insert({ organization_id: organizationId, ...fields })
    .select(CATEGORY_COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

export async function renameCategory(supabase: Supabase, id: string, name: string): Promise<Saved<Category>> {
  const { data, error } = await supabase
    .from('catalogue_categories')
    .update({ name })
    .eq('id', id)
    .select(CATEGORY_COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

/** New positions for some categories, in one statement (all or nothing). */
export async function reorderCategories(
  supabase: Supabase,
  organizationId: string,
  moves: Pick<Category, 'id' | 'name' | 'sort_order'>[],
): Promise<{ error: PostgrestError | null }> {
  if (!moves.length) return { error: null };
  const { error } = await supabase
    .from('catalogue_categories')
    .upsert(
      moves.map((move) => ({ organization_id: organizationId, ...move })),
      { onConflict: 'id' },
    )
    .select('id');
  return { error };
}

/** Refused by the database (catalogue_items_category_fkey) while the category holds items. */
export async function removeCategory(supabase: Supabase, id: string): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.from('catalogue_categories').delete().eq('id', id).select('id').single();
  return error ? { error } : { row: data };
}

export async function countItemsInCategory(supabase: Supabase, categoryId: string): Promise<number> {
  const { count, error } = await supabase
    .from('catalogue_items')
    .select('id', { count: 'exact', head: true })
    .eq('category_id', categoryId);
  if (error) throw new DataError(error);
  return count ?? 0;
}

/** `text` for an ilike pattern: its own wildcards taken literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * One page (0-based) of the organization's items in menu order (category, then item), optionally
 * those whose name contains `search` or of one category, and how many match in all.
 */
export async function listItems(
  supabase: Supabase,
  organizationId: string,
  filter: { search?: string | undefined; categoryId?: string | undefined },
  page: number,
): Promise<{ items: CatalogueItem[]; total: number }> {
  let query = supabase
    .from('catalogue_items')
    .select(`${ITEM_COLUMNS}, category:catalogue_categories!inner(sort_order, name)`, { count: 'exact' })
    .eq('organization_id', organizationId);
  if (filter.search) query = query.ilike('name', `%${literal(filter.search)}%`);
  if (filter.categoryId) query = query.eq('category_id', filter.categoryId);
  const from = page * ITEMS_PAGE_SIZE;
  const { data, error, count } = await query
    .order('category(sort_order)')
    .order('category(name)')
    .order('sort_order')
    .order('name')
    .order('id')
    .range(from, from + ITEMS_PAGE_SIZE - 1);
  // Past the last page PostgREST answers 416 (PGRST103): an empty page, not an error.
  if (error?.code === 'PGRST103') return { items: [], total: count ?? 0 };
  if (error) throw new DataError(error);
  return { items: data.map(({ category: _category, ...item }) => item), total: count ?? 0 };
}

export interface ItemDetail extends CatalogueItem {
  /** The item's modifier groups (links). */
  links: { id: string; group_id: string; sort_order: number }[];
  /** Its rows at the properties the user works in (RLS leaves out the others). */
  availability: {
    id: string;
    property_id: string;
    price_override_minor: number | null;
    stock_count: number | null;
    low_stock_threshold: number;
    low_stock: boolean | null;
    updated_at: string;
  }[];
}

/** An item with its modifier groups and per-property rows, in one request; null when not visible. */
export async function getItem(supabase: Supabase, organizationId: string, id: string): Promise<ItemDetail | null> {
  if (!UUID.test(id)) return null;
  const { data, error } = await supabase
    .from('catalogue_items')
    .select(
      `${ITEM_COLUMNS},
       links:item_modifier_groups(id, group_id, sort_order),
       availability:item_availability(id, property_id, price_override_minor, stock_count, low_stock_threshold, low_stock, updated_at)`,
    )
    .eq('organization_id', organizationId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data;
}

export type ItemFields = Pick<CatalogueItem, 'name' | 'category_id' | 'price_minor' | 'tax_rate_bp'> &
  Partial<Pick<CatalogueItem, 'description' | 'active'>>;

export async function createItem(
  supabase: Supabase,
  organizationId: string,
  currency: string,
  fields: ItemFields,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('catalogue_items')
    .insert({ organization_id: organizationId, currency, ...fields })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function updateItem(supabase: Supabase, id: string, fields: ItemFields): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.from('catalogue_items').update(fields).eq('id', id).select('id').single();
  return error ? { error } : { row: data };
}

export async function removeItem(supabase: Supabase, id: string): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.from('catalogue_items').delete().eq('id', id).select('id').single();
  return error ? { error } : { row: data };
}

/** The public address of a photo in the org-assets bucket (the bucket is public). */
export function photoUrl(supabase: Supabase, path: string): string {
  return supabase.storage.from(PHOTO_BUCKET).getPublicUrl(path).data.publicUrl;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export type PhotoResult = { path: string; error?: never } | { path?: never; error: { code: string; message: string } };

/**
 * Uploads a new photo for the item under `<organization>/items/<item>/…` (the path the bucket's
 * policies and catalogue_items_photo_path_format allow), points the item at it and removes the
 * old one. The upload is undone when the item cannot be changed (RLS, constraints).
 */
export async function replaceItemPhoto(
  supabase: Supabase,
  item: Pick<CatalogueItem, 'id' | 'photo_path'> & { organization_id: string },
  file: File,
): Promise<PhotoResult> {
  const path = `${item.organization_id}/items/${item.id}/${crypto.randomUUID()}.${EXTENSIONS[file.type] ?? 'img'}`;
  const storage = supabase.storage.from(PHOTO_BUCKET);
  const uploaded = await storage.upload(path, file, { contentType: file.type, upsert: false });
  if (uploaded.error) {
    const status = 'statusCode' in uploaded.error ? String(uploaded.error.statusCode) : '';
    return { error: { code: status === '403' ? '42501' : 'storage', message: uploaded.error.message } };
  }
  const saved = await setPhotoPath(supabase, item.id, path);
  if (saved.error) {
    await storage.remove([path]);
    return { error: saved.error };
  }
  if (item.photo_path) await storage.remove([item.photo_path]);
  return { path };
}

/** Takes the photo off the item, then deletes the file. */
export async function removeItemPhoto(
  supabase: Supabase,
  item: Pick<CatalogueItem, 'id' | 'photo_path'>,
): Promise<{ error: PostgrestError | null }> {
  const saved = await setPhotoPath(supabase, item.id, null);
  if (saved.error) return { error: saved.error };
  if (item.photo_path) await supabase.storage.from(PHOTO_BUCKET).remove([item.photo_path]);
  return { error: null };
}

async function setPhotoPath(supabase: Supabase, id: string, path: string | null) {
  const { error } = await supabase
    .from('catalogue_items')
    .update({ photo_path: path })
    .eq('id', id)
    .select('id')
    .single();
  return { error };
}
