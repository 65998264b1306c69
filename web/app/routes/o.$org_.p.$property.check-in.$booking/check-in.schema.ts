// What the check-in page checks in the browser and again on the server: the photo of an ID
// document before it is uploaded (the documents bucket takes at most 20 MB; the OCR worker reads
// JPEG, PNG and WebP — gpu-worker/src/ocr/decode.ts), where it goes in the property's inbox, and
// the guest's details as update_guest takes them.
import { z } from 'zod';
import { GuestSchema } from '../o.$org.guests.$id/guest.schema.ts';

/** The documents bucket's file_size_limit (migration 20261122002100_storage_buckets.sql). */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;

const SCAN_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export const ScanFileSchema = z.object({
  type: z
    .string()
    .refine((type) => type in SCAN_TYPES, 'Choose a photo (JPEG, PNG or WebP). PDFs and other files cannot be read.'),
  size: z
    .number()
    .min(1, 'The file is empty. Take the photo again.')
    .max(MAX_SCAN_BYTES, 'The photo is larger than 20 MB. Take it again at a lower resolution.'),
});

/** The first problem with a chosen file, or null when it can be uploaded. */
export function scanFileProblem(file: { type: string; size: number }): string | null {
  const parsed = ScanFileSchema.safeParse({ type: file.type, size: file.size });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This file cannot be used.');
}

/** Uploads here become ocr_id_document jobs (migration 20261122004000_jobs.sql). */
export function scanFolder(organizationId: string, propertyId: string): string {
  return `${organizationId}/${propertyId}/inbox/id-documents/`;
}

/** A new object name for one scan of the booking: unique, so a retake never replaces a scan being read. */
export function newScanName(organizationId: string, propertyId: string, bookingId: string, type: string): string {
  return `${scanFolder(organizationId, propertyId)}${bookingId}-${crypto.randomUUID()}.${SCAN_TYPES[type] ?? 'jpg'}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The `scan` search parameter when it names a scan of this booking in this property's inbox, else null. */
export function scanParam(value: string | null, organizationId: string, propertyId: string, bookingId: string) {
  if (!value) return null;
  const folder = scanFolder(organizationId, propertyId);
  if (!value.startsWith(folder)) return null;
  const file = value.slice(folder.length);
  return new RegExp(`^${bookingId}-${UUID}\\.(jpg|png|webp)$`, 'i').test(file) ? value : null;
}

/** The guest's profile fields (update_guest); the booking is checked in after they are saved. */
export const CheckInSchema = GuestSchema;

/** "ANNA MARIA" + "ERIKSSON" → "Anna Maria Eriksson": MRZ names are upper case. */
export function nameFromDocument(firstName: string | null, lastName: string | null): string {
  return [firstName, lastName]
    .filter((part): part is string => Boolean(part?.trim()))
    .join(' ')
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase())
    .replace(/\s+/g, ' ')
    .trim();
}
