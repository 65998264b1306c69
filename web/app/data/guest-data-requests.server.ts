// Guest data requests (GDPR, decision 037) as the signed-in user: an admin's export and erasure of
// one guest through the admin-only RPCs, their progress (the rows admins may read), the export's
// zip through Storage (the bucket lets admins read their organization's folder only), and the
// guest's own request by booking reference and email (anon: the same answer whatever matched).
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

export interface GuestDataRequest {
  id: string;
  kind: 'export' | 'erasure';
  channel: 'portal' | 'self_service';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  object_name: string | null;
  pseudonym: string | null;
  error: { code: string; message: string } | null;
  requested_by: string | null;
  created_at: string;
  finished_at: string | null;
}

type Done = { error?: never } | { error: PostgrestError };

const COLUMNS =
  'id, kind, channel, status, progress, object_name, pseudonym, error, requested_by, created_at, finished_at';
export const GUEST_EXPORT_BUCKET = 'guest-exports';
export const REQUESTS_SHOWN = 20;

/** The guest's latest requests, newest first (admins; RLS shows others none). */
export async function listGuestDataRequests(supabase: Supabase, guestId: string): Promise<GuestDataRequest[]> {
  const { data, error } = await supabase
    .from('guest_data_requests')
    .select(COLUMNS)
    .eq('guest_id', guestId)
    .order('created_at', { ascending: false })
    .limit(REQUESTS_SHOWN);
  if (error) throw new DataError(error);
  return data as GuestDataRequest[];
}

export async function getGuestDataRequest(supabase: Supabase, guestId: string, id: string) {
  const { data, error } = await supabase
    .from('guest_data_requests')
    .select(COLUMNS)
    .eq('guest_id', guestId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data as GuestDataRequest | null;
}

export async function requestGuestExport(supabase: Supabase, guestId: string): Promise<Done> {
  const { error } = await supabase.rpc('request_guest_export', { p_guest_id: guestId });
  return error ? { error } : {};
}

export async function requestGuestErasure(supabase: Supabase, guestId: string, confirmName: string): Promise<Done> {
  const { error } = await supabase.rpc('request_guest_erasure', { p_guest_id: guestId, p_confirm_name: confirmName });
  return error ? { error } : {};
}

/** The zip's bytes, read as the user; null when Storage has none (erased since). */
export async function downloadGuestExport(supabase: Supabase, objectName: string): Promise<Blob | null> {
  const { data, error } = await supabase.storage.from(GUEST_EXPORT_BUCKET).download(objectName);
  return error ? null : data;
}

/** A guest's own request: refusals are only for malformed input; a match or not answers the same. */
export async function requestMyGuestData(supabase: Supabase, reference: string, email: string): Promise<Done> {
  const { error } = await supabase.rpc('request_my_guest_data', { p_booking_reference: reference, p_email: email });
  return error ? { error } : {};
}
