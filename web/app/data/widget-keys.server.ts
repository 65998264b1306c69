// Widget keys of an organization's properties (migration 20261206190100_widget_keys.sql; decision
// 034), as the signed-in admin: RLS lets admins and owners create and change them, the column
// default makes the key, and a trigger keeps a revoked key revoked.
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export interface WidgetKey {
  id: string;
  propertyId: string;
  propertyName: string;
  propertyKind: string;
  label: string;
  key: string;
  allowedOrigins: string[];
  revokedAt: string | null;
  createdAt: string;
}

const COLUMNS = 'id, property_id, label, key, allowed_origins, revoked_at, created_at, properties(name, kind)';

export async function listWidgetKeyPage(
  supabase: Supabase,
  organizationId: string,
  { page, perPage }: { page: number; perPage: number },
): Promise<{ keys: WidgetKey[]; total: number }> {
  const { data, error, count } = await supabase
    .from('widget_keys')
    .select(COLUMNS, { count: 'exact' })
    .eq('organization_id', organizationId)
    .order('revoked_at', { ascending: false, nullsFirst: true })
    .order('created_at', { ascending: false })
    .range((page - 1) * perPage, page * perPage - 1);
  if (error?.code === 'PGRST103') return { keys: [], total: count ?? 0 };
  if (error) throw new DataError(error);
  return {
    keys: data.map((row) => {
      const property = row.properties as { name: string; kind: string } | null;
      return {
        id: row.id,
        propertyId: row.property_id,
        propertyName: property?.name ?? '',
        propertyKind: property?.kind ?? 'hotel',
        label: row.label,
        key: row.key,
        allowedOrigins: row.allowed_origins,
        revokedAt: row.revoked_at,
        createdAt: row.created_at,
      };
    }),
    total: count ?? data.length,
  };
}

export async function createWidgetKey(
  supabase: Supabase,
  organizationId: string,
  fields: { propertyId: string; label: string; allowedOrigins: string[] },
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('widget_keys')
    .insert({
      organization_id: organizationId,
      property_id: fields.propertyId,
      label: fields.label,
      allowed_origins: fields.allowedOrigins,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function updateWidgetKey(
  supabase: Supabase,
  organizationId: string,
  id: string,
  fields: { allowedOrigins?: string[]; label?: string; revoked?: true },
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('widget_keys')
    .update({
      ...(fields.allowedOrigins ? { allowed_origins: fields.allowedOrigins } : {}),
      ...(fields.label ? { label: fields.label } : {}),
      ...(fields.revoked ? { revoked_at: new Date().toISOString() } : {}),
    })
    .eq('organization_id', organizationId)
    .eq('id', id)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}
