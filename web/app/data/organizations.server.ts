// Organizations, read and written as the signed-in user through the Data API: RLS shows members
// their organizations and lets admins update them; the table's constraints have the last word.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

export interface Organization {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  currency: string;
  locale: string;
  updated_at: string;
}

const COLUMNS = 'id, slug, name, time_zone, currency, locale, updated_at';

export async function getOrganizationBySlug(supabase: Supabase, slug: string): Promise<Organization | null> {
  const { data, error } = await supabase.from('organizations').select(COLUMNS).eq('slug', slug).maybeSingle();
  if (error) throw new DataError(error);
  return data;
}

export type OrganizationChanges = Pick<Organization, 'name' | 'slug' | 'time_zone' | 'currency' | 'locale'>;

/** The updated row, or the database's refusal (a constraint, RLS) for the form to explain. */
export async function updateOrganization(
  supabase: Supabase,
  id: string,
  changes: OrganizationChanges,
): Promise<{ organization: Organization; error?: never } | { organization?: never; error: PostgrestError }> {
  const { data, error } = await supabase.from('organizations').update(changes).eq('id', id).select(COLUMNS).single();
  return error ? { error } : { organization: data };
}
