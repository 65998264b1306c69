// Leaving Roost (decision 038), as the signed-in user: exports of the whole organization (owners
// read them and download the zip through Storage under the bucket's owner-only policy) and the
// deletion request with its grace period, through the owner-only RPCs.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

export interface OrganizationExport {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  object_name: string | null;
  size_bytes: number | null;
  rows_exported: number | null;
  objects_exported: number | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface DeletionRequest {
  id: string;
  requested_at: string;
  delete_after: string;
  started_at: string | null;
}

type Done = { error?: never } | { error: PostgrestError };

const EXPORT_COLUMNS =
  'id, status, progress, object_name, size_bytes, rows_exported, objects_exported, error, created_at, finished_at';
export const EXPORT_BUCKET = 'organization-exports';

/** The latest exports, newest first (owners; RLS shows others none). */
export async function listExports(supabase: Supabase, organizationId: string): Promise<OrganizationExport[]> {
  const { data, error } = await supabase
    .from('organization_exports')
    .select(EXPORT_COLUMNS)
    .eq('organization_id', organizationId)
    .order('created_at', { ascending: false })
    .limit(10);
  if (error) throw new DataError(error);
  return data as OrganizationExport[];
}

export async function getExport(
  supabase: Supabase,
  organizationId: string,
  id: string,
): Promise<OrganizationExport | null> {
  const { data, error } = await supabase
    .from('organization_exports')
    .select(EXPORT_COLUMNS)
    .eq('organization_id', organizationId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data as OrganizationExport | null;
}

export async function requestExport(supabase: Supabase, organizationId: string): Promise<Done> {
  const { error } = await supabase.rpc('request_organization_export', { p_organization_id: organizationId });
  return error ? { error } : {};
}

/** The zip's bytes, read as the user (the bucket lets owners read their organization's exports). */
export async function downloadExport(supabase: Supabase, objectName: string): Promise<Blob | null> {
  const { data, error } = await supabase.storage.from(EXPORT_BUCKET).download(objectName);
  return error ? null : data;
}

/** The pending deletion (every member sees it), or null. */
export async function getDeletionRequest(supabase: Supabase, organizationId: string): Promise<DeletionRequest | null> {
  const { data, error } = await supabase
    .from('organization_deletion_requests')
    .select('id, requested_at, delete_after, started_at')
    .eq('organization_id', organizationId)
    .is('cancelled_at', null)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data;
}

export async function requestDeletion(supabase: Supabase, organizationId: string, confirmation: string): Promise<Done> {
  const { error } = await supabase.rpc('request_organization_deletion', {
    p_organization_id: organizationId,
    p_confirmation: confirmation,
  });
  return error ? { error } : {};
}

export async function cancelDeletion(supabase: Supabase, organizationId: string): Promise<Done> {
  const { error } = await supabase.rpc('cancel_organization_deletion', { p_organization_id: organizationId });
  return error ? { error } : {};
}
