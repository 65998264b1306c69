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
  /** Admins and owners need an aal2 session for admin-level writes (decision 021). */
  require_admin_mfa: boolean;
  /** The logo's path in the org-assets bucket, or null. */
  logo_path: string | null;
  updated_at: string;
}

export const ORGANIZATION_COLUMNS =
  'id, slug, name, time_zone, currency, locale, require_admin_mfa, logo_path, updated_at';

export type OrganizationChanges = Partial<
  Pick<Organization, 'name' | 'slug' | 'time_zone' | 'currency' | 'locale' | 'require_admin_mfa' | 'logo_path'>
>;

/** The updated row, or the database's refusal (a constraint, RLS) for the form to explain. */
export async function updateOrganization(
  supabase: Supabase,
  id: string,
  changes: OrganizationChanges,
): Promise<{ organization: Organization; error?: never } | { organization?: never; error: PostgrestError }> {
  const { data, error } = await supabase
    .from('organizations')
    .update(changes)
    .eq('id', id)
    .select(ORGANIZATION_COLUMNS)
    .single();
  return error ? { error } : { organization: data };
}

/** The public address of an organization's logo (org-assets is a public bucket), or null. */
export function logoUrl(supabase: Supabase, logoPath: string | null): string | null {
  return logoPath ? supabase.storage.from('org-assets').getPublicUrl(logoPath).data.publicUrl : null;
}

export interface AdminWithoutMfa {
  userId: string;
  role: 'admin' | 'owner';
  name: string;
}

/** Admins and owners of the organization without a verified second factor (admins may ask). */
export async function listAdminsWithoutMfa(supabase: Supabase, organizationId: string): Promise<AdminWithoutMfa[]> {
  const { data, error } = await supabase.rpc('admins_without_mfa', { p_organization_id: organizationId });
  if (error) throw new DataError(error);
  return data.map((row) => ({
    userId: row.user_id,
    role: row.role === 'owner' ? 'owner' : 'admin',
    name: row.display_name ?? 'A member without a name',
  }));
}

export type NewOrganization = { name: string; slug: string; time_zone: string; currency: string };

/**
 * A new organization with the caller as its owner (public.create_organization: any signed-in
 * user). Its id and slug, or the RPC's refusal (invalid_slug, slug_taken, …) for the form to place.
 */
export async function createOrganization(
  supabase: Supabase,
  fields: NewOrganization,
): Promise<
  { organization: { id: string; slug: string }; error?: never } | { organization?: never; error: PostgrestError }
> {
  const { data, error } = await supabase.rpc('create_organization', {
    p_name: fields.name,
    p_slug: fields.slug,
    p_time_zone: fields.time_zone,
    p_currency: fields.currency,
  });
  return error ? { error } : { organization: { id: data.id, slug: data.slug } };
}
