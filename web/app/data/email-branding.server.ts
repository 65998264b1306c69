// An organization's email branding (decision 029): brand colour, sender name and reply-to, read
// and written as the signed-in user (RLS: members read, admins update; the table's constraints
// check the values). The logo is the organization's logo (organizations.logo_path).
import type { Brand } from '../../../shared/mail/brand.ts';
import { brandFromOrganization } from '../../../shared/mail/brand.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import { logoUrl } from './organizations.server.ts';
import type { Saved } from './properties.server.ts';

export interface EmailBranding {
  id: string;
  name: string;
  logo_path: string | null;
  email_brand_color: string | null;
  email_sender_name: string | null;
  email_reply_to: string | null;
  updated_at: string;
}

const COLUMNS = 'id, name, logo_path, email_brand_color, email_sender_name, email_reply_to, updated_at';

export async function getEmailBranding(supabase: Supabase, organizationId: string): Promise<EmailBranding> {
  const { data, error } = await supabase.from('organizations').select(COLUMNS).eq('id', organizationId).single();
  if (error) throw new DataError(error);
  return data;
}

export type EmailBrandingChanges = Pick<EmailBranding, 'email_brand_color' | 'email_sender_name' | 'email_reply_to'>;

export async function updateEmailBranding(
  supabase: Supabase,
  organizationId: string,
  changes: EmailBrandingChanges,
): Promise<Saved<EmailBranding>> {
  const { data, error } = await supabase
    .from('organizations')
    .update(changes)
    .eq('id', organizationId)
    .select(COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

/** The brand the templates draw with, its logo at the public bucket's address. */
export function brandOf(supabase: Supabase, branding: EmailBranding): Brand {
  const brand = brandFromOrganization(branding);
  const logo = logoUrl(supabase, branding.logo_path);
  return logo ? { ...brand, logoUrl: logo } : brand;
}

/** A property's name for the previews (the first by name), or null when there is none yet. */
export async function samplePropertyName(supabase: Supabase, organizationId: string): Promise<string | null> {
  const { data, error } = await supabase
    .from('properties')
    .select('name')
    .eq('organization_id', organizationId)
    .order('name')
    .limit(1)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data?.name ?? null;
}
