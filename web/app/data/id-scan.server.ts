// Check-in with an ID scan: the booking being checked in, the OCR job of a scan uploaded into the
// property's inbox (an upload to documents/<org>/<property>/inbox/id-documents/… creates an
// ocr_id_document job in the same transaction: migration 20261122004000_jobs.sql), and the
// check-in itself (check_in_booking). Read and written as the signed-in user: RLS decides which
// bookings and jobs a member sees; the database decides whether a booking may be checked in and
// which document fields the property keeps (guest_identity_documents, migration 20261206150300).
import { z } from 'zod';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type Booking = Database['public']['Tables']['bookings']['Row'];

export interface CheckInBooking {
  id: string;
  reference: string;
  status: Booking['status'];
  arrival_date: string;
  departure_date: string;
  party_size: number;
  guest_id: string | null;
  checked_in_at: string | null;
  resource_name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The booking of this property with this id, or null (unknown, malformed or not visible). */
export async function getCheckInBooking(
  supabase: Supabase,
  propertyId: string,
  bookingId: string,
): Promise<CheckInBooking | null> {
  if (!UUID.test(bookingId)) return null;
  const { data, error } = await supabase
    .from('bookings')
    .select(
      'id, reference, status, arrival_date, departure_date, party_size, guest_id, checked_in_at, resource:resources!bookings_resource_fkey(name)',
    )
    .eq('property_id', propertyId)
    .eq('id', bookingId)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!data) return null;
  const { resource, ...booking } = data;
  return { ...booking, resource_name: resource?.name ?? '' };
}

export type ScanJobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';

/** What the worker read from an ID document (gpu-worker/src/ocr/mrz.ts), as far as the property keeps it. */
const DocumentSchema = z.object({
  documentType: z.string().nullish(),
  documentNumber: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  nationality: z.string().nullish(),
  birthDate: z.string().nullish(),
  expirationDate: z.string().nullish(),
  valid: z.boolean().nullish(),
});
const ResultSchema = z.object({ document: DocumentSchema });
const ErrorSchema = z.object({ code: z.string(), message: z.string() });

export interface ScanDocument {
  documentType: string | null;
  documentNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  nationality: string | null;
  birthDate: string | null;
  expirationDate: string | null;
  /** Every check digit of the zone matched. */
  valid: boolean;
}

export interface ScanJob {
  id: string;
  status: ScanJobStatus;
  progress: number;
  created_at: string;
  /** Set when the job succeeded with a readable result. */
  document: ScanDocument | null;
  /** The worker's error code when the job failed (mrz_not_found, unsupported_type…). */
  errorCode: string | null;
}

/** The OCR job made for the inbox object `name`, newest first (a re-upload makes a new one), or null. */
export async function findScanJob(supabase: Supabase, propertyId: string, name: string): Promise<ScanJob | null> {
  const { data, error } = await supabase
    .from('jobs')
    .select('id, status, progress, result, error, created_at')
    .eq('property_id', propertyId)
    .eq('kind', 'ocr_id_document')
    .eq('input->>name', name)
    .order('created_at', { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!data) return null;
  return toScanJob(data);
}

/** A job row as the page shows it: a result that is not the expected shape counts as unreadable. */
export function toScanJob(row: {
  id: string;
  status: string;
  progress: number;
  result: unknown;
  error: unknown;
  created_at: string;
}): ScanJob {
  const status = row.status as ScanJobStatus;
  const job: ScanJob = {
    id: row.id,
    status,
    progress: row.progress,
    created_at: row.created_at,
    document: null,
    errorCode: null,
  };
  if (status === 'succeeded') {
    const parsed = ResultSchema.safeParse(row.result);
    if (!parsed.success) return { ...job, status: 'failed', errorCode: 'unreadable_result' };
    const d = parsed.data.document;
    job.document = {
      documentType: d.documentType ?? null,
      documentNumber: d.documentNumber ?? null,
      firstName: d.firstName ?? null,
      lastName: d.lastName ?? null,
      nationality: d.nationality ?? null,
      birthDate: d.birthDate ?? null,
      expirationDate: d.expirationDate ?? null,
      valid: d.valid ?? false,
    };
  } else if (status === 'failed' || status === 'dead') {
    const parsed = ErrorSchema.safeParse(row.error);
    job.errorCode = parsed.success ? parsed.data.code : 'unknown';
  }
  return job;
}

/** check_in_booking: the database decides (status, arrival date). */
/** A room that is not clean or inspected needs a manager's override reason (migration 20261206160500). */
export async function checkInBooking(
  supabase: Supabase,
  bookingId: string,
  overrideReason = '',
): Promise<Saved<Booking>> {
  const { data, error } = await supabase.rpc('check_in_booking', {
    p_booking_id: bookingId,
    ...(overrideReason ? { p_override_reason: overrideReason } : {}),
  });
  return error ? { error } : { row: data };
}

/** How much of an ID document the property keeps (properties.id_document_retention, decision 015). */
export type DocumentRetention = 'validity_only' | 'mrz_fields' | 'mrz_fields_and_scan';

export async function getDocumentRetention(supabase: Supabase, propertyId: string): Promise<DocumentRetention> {
  const { data, error } = await supabase
    .from('properties')
    .select('id_document_retention')
    .eq('id', propertyId)
    .maybeSingle();
  if (error) throw new DataError(error);
  const retention = data?.id_document_retention;
  return retention === 'mrz_fields' || retention === 'mrz_fields_and_scan' ? retention : 'validity_only';
}

export type IdentityDocument = Database['public']['Tables']['guest_identity_documents']['Row'];

/** What staff confirmed from the document, as check_in_with_identity_document takes it. */
export interface ConfirmedDocument {
  document_type: 'passport' | 'identity_card' | 'residence_permit' | 'other';
  document_number: string;
  issuing_country: string | null;
  nationality: string | null;
  birth_date: string | null;
  expiry_date: string | null;
}

/** The guest's identity documents on file that the caller may read (staff of their properties), newest first. */
export async function listIdentityDocuments(
  supabase: Supabase,
  organizationId: string,
  guestId: string,
): Promise<IdentityDocument[]> {
  const { data, error } = await supabase
    .from('guest_identity_documents')
    .select('*')
    .eq('organization_id', organizationId)
    .eq('guest_id', guestId)
    .order('created_at', { ascending: false })
    .limit(5);
  if (error) throw new DataError(error);
  return data;
}

/** Checks the booking in and records its guest's document in one transaction: both or neither. */
export async function checkInWithDocument(
  supabase: Supabase,
  bookingId: string,
  document: ConfirmedDocument,
  overrideReason = '',
): Promise<Saved<IdentityDocument>> {
  const { data, error } = await supabase.rpc('check_in_with_identity_document', {
    p_booking_id: bookingId,
    ...(overrideReason ? { p_override_reason: overrideReason } : {}),
    p_document_type: document.document_type,
    p_document_number: document.document_number,
    ...(document.issuing_country ? { p_issuing_country: document.issuing_country } : {}),
    ...(document.nationality ? { p_nationality: document.nationality } : {}),
    ...(document.birth_date ? { p_birth_date: document.birth_date } : {}),
    ...(document.expiry_date ? { p_expiry_date: document.expiry_date } : {}),
  });
  return error ? { error } : { row: data };
}
