// What the check-in page checks in the browser and again on the server: the photo of an ID
// document before it is uploaded (the documents bucket takes at most 20 MB; the OCR worker reads
// JPEG, PNG and WebP — gpu-worker/src/ocr/decode.ts), where it goes in the property's inbox, the
// guest's details as update_guest takes them, and the identity document as
// check_in_with_identity_document takes it.
import { z } from 'zod';
import { isIsoDate } from '../../utils/calendar-dates.ts';
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

export const DOCUMENT_TYPES = {
  passport: 'Passport',
  identity_card: 'Identity card',
  residence_permit: 'Residence permit',
  other: 'Other document',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

const optionalDate = (message: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.trim())
    .refine((value) => value === '' || isIsoDate(value), message);
/** A state code as in the MRZ: NLD, PRT, D (Germany); typed in any case. */
const stateCode = (message: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.trim().toUpperCase())
    .refine((value) => value === '' || /^[A-Z]{1,3}$/.test(value), message);

/**
 * The identity document as staff confirm it (check_in_with_identity_document repeats every rule).
 * No type chosen means no document is recorded; then its other fields must be empty too. A property
 * that keeps validity only (`numberRequired` false) asks for the type and expiry date alone.
 */
export function documentSchema(numberRequired: boolean) {
  return z
    .object({
      document_type: z.enum(['', ...(Object.keys(DOCUMENT_TYPES) as DocumentType[])], 'Choose the kind of document.'),
      document_number: z
        .string()
        .default('')
        .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
        .refine(
          (value) => value === '' || /^[A-Z0-9]{1,20}$/.test(value),
          'Use 1 to 20 letters and digits, as printed.',
        ),
      issuing_country: stateCode('Use the code of 1 to 3 letters on the document, such as NLD (or D for Germany).'),
      nationality: stateCode('Use the code of 1 to 3 letters on the document, such as NLD (or D for Germany).'),
      birth_date: optionalDate('Enter the date of birth as a date.'),
      expiry_date: optionalDate('Enter the expiry date as a date.'),
    })
    .superRefine((document, context) => {
      const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
      if (document.document_type === '') {
        const { document_number, issuing_country, nationality, birth_date, expiry_date } = document;
        if ([document_number, issuing_country, nationality, birth_date, expiry_date].some(Boolean)) {
          problem('document_type', 'Choose the kind of document, or clear its fields to record none.');
        }
        return;
      }
      if (numberRequired && !document.document_number) problem('document_number', 'Enter the document number.');
      const today = new Date().toISOString().slice(0, 10);
      if (document.birth_date && (document.birth_date > today || document.birth_date < '1900-01-01')) {
        problem('birth_date', 'The date of birth must be a past date from 1900 on.');
      }
      if (document.expiry_date && (document.expiry_date < '1900-01-01' || document.expiry_date > '2199-12-31')) {
        problem('expiry_date', 'Enter the expiry date printed on the document.');
      }
      if (document.birth_date && document.expiry_date && document.expiry_date <= document.birth_date) {
        problem('expiry_date', 'The document cannot expire before its holder was born.');
      }
    });
}

/** The guest's profile fields (update_guest) and the document: saved, then the booking is checked in. */
export function checkInSchema(numberRequired: boolean) {
  return GuestSchema.and(documentSchema(numberRequired));
}

/** The document type an MRZ's document code stands for (ICAO 9303: P passport, I/A/C identity cards). */
export function documentTypeOf(code: string | null): DocumentType | '' {
  if (!code) return '';
  if (code.startsWith('P')) return 'passport';
  if (/^(IR|AR|CR)/.test(code)) return 'residence_permit';
  if (/^[IAC]/.test(code)) return 'identity_card';
  return 'other';
}

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
