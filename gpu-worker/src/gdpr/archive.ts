// The export's zip (pure): guest-data.json with everything, one CSV per table and section (the
// same rows, flat: nested values as JSON), the stored documents under documents/, and a README.
import { strToU8, zipSync } from 'fflate';

export interface GuestExportData {
  format: string;
  exported_at: string;
  organization_id: string;
  guest_id: string;
  tables: Record<string, Record<string, unknown>[]>;
  consent_history: Record<string, unknown>[];
  messages: Record<string, unknown>[];
  webhook_events: Record<string, unknown>[];
  documents: { bucket: string; name: string }[];
}

export interface StoredDocument {
  bucket: string;
  name: string;
  bytes: Uint8Array;
}

/** One CSV cell: quoted when it holds a comma, quote or line break; objects as JSON. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A leading =, +, - or @ would be a formula to a spreadsheet: a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows as CSV (RFC 4180, CRLF); the header is the union of the rows' keys in first-seen order. */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((column) => cell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A stored object's path inside the zip: documents/<bucket>/<its name without the org and property folders>. */
export function documentEntryName(document: { bucket: string; name: string }): string {
  const parts = document.name.split('/').filter((part) => part && part !== '.' && part !== '..');
  return `documents/${document.bucket}/${parts.slice(-3).join('/')}`;
}

const README = `This archive holds every record Roost keeps about one guest of the organization:
- guest-data.json: everything, as JSON (tables by name; consent history; messages sent; webhook
  events that carried the guest's records; the list of stored documents).
- csv/: the same records, one CSV file per table or section.
- documents/: the stored documents (such as identity document scans), as they were uploaded.
`;

export function buildArchive(data: GuestExportData, documents: readonly StoredDocument[]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(README),
    'guest-data.json': strToU8(JSON.stringify(data, null, 2)),
  };
  for (const [table, rows] of Object.entries(data.tables)) files[`csv/${table}.csv`] = strToU8(toCsv(rows));
  files['csv/consent_history.csv'] = strToU8(toCsv(data.consent_history));
  files['csv/messages.csv'] = strToU8(toCsv(data.messages));
  files['csv/webhook_events.csv'] = strToU8(toCsv(data.webhook_events));
  files['csv/documents.csv'] = strToU8(toCsv(data.documents));
  for (const document of documents) files[documentEntryName(document)] = document.bytes;
  return zipSync(files, { level: 6 });
}
