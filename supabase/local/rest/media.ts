// Content negotiation (`Accept`) and the shapes of an answer: JSON array, single object, CSV.
import { RestError } from './errors.ts';

export type Media = 'json' | 'object' | 'csv' | 'openapi';

export interface Negotiated {
  media: Media;
  stripNulls: boolean;
}

/** Picks the first acceptable media type of `Accept` (PGRST107 when none is). */
export function negotiate(accept: string | undefined, allowed: Media[]): Negotiated {
  const offers = (accept ?? '*/*')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const offer of offers.length ? offers : ['*/*']) {
    const [type = '', ...parameters] = offer.split(';').map((piece) => piece.trim().toLowerCase());
    const stripNulls = parameters.includes('nulls=stripped');
    let media: Media | null = null;
    if (
      type === 'application/json' ||
      type === 'application/vnd.pgrst.array+json' ||
      type === 'application/vnd.pgrst.array'
    ) {
      media = 'json';
    } else if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') {
      media = 'object';
    } else if (type === 'text/csv') {
      media = 'csv';
    } else if (type === 'application/openapi+json') {
      media = 'openapi';
    } else if (type === '*/*' || type === 'application/*') {
      media = allowed[0] ?? 'json';
    }
    if (media && allowed.includes(media)) return { media, stripNulls };
  }
  throw new RestError(406, {
    code: 'PGRST107',
    message: `None of these media types are available: ${offers.join(', ')}`,
  });
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A JSON array of objects as CSV with a header row (the keys of the first object). */
export function toCsv(json: string): string {
  const rows = JSON.parse(json) as Record<string, unknown>[];
  const first = rows[0];
  if (!first) return '';
  const columns = Object.keys(first);
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(','));
  return lines.join('\n');
}

/** PGRST116 (406): a single object was asked for and `rows` rows came. */
export function notOneRow(rows: number): RestError {
  return new RestError(406, {
    code: 'PGRST116',
    message: 'Cannot coerce the result to a single JSON object',
    details: `The result contains ${rows} rows`,
  });
}

/** The Content-Type of an answer in `media`. */
export function contentType(media: Media): string {
  const types: Record<Media, string> = {
    json: 'application/json; charset=utf-8',
    object: 'application/vnd.pgrst.object+json; charset=utf-8',
    csv: 'text/csv; charset=utf-8',
    openapi: 'application/openapi+json; charset=utf-8',
  };
  return types[media];
}

/** The single object of a one-row JSON array, or PGRST116 (406). */
export function singleObject(json: string, rows: number): string {
  if (rows !== 1) throw notOneRow(rows);
  const parsed = JSON.parse(json) as unknown[];
  return JSON.stringify(parsed[0]);
}

/** Parses a CSV body (first line: column names) into objects; empty cells and NULL are null. */
export function parseCsv(text: string): Record<string, string | null>[] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  const endCell = () => {
    record.push(wasQuoted ? cell : cell === '' || cell === 'NULL' ? null : cell);
    cell = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
      wasQuoted = true;
    } else if (char === ',') {
      endCell();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endCell();
      records.push(record);
      record = [];
    } else {
      cell += char;
    }
  }
  if (cell !== '' || wasQuoted || record.length > 0) {
    endCell();
    records.push(record);
  }
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((row) => {
    if (row.length !== header.length) {
      throw new RestError(400, {
        code: 'PGRST102',
        message: 'All lines of the CSV body must have as many cells as the header',
      });
    }
    return Object.fromEntries(header.map((name, i) => [name ?? '', row[i] ?? null]));
  });
}
