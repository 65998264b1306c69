// The machine-readable zone of a passport or ID card among OCR rows: find the 2–3 lines of [A-Z0-9<], undo the
// recogniser's usual confusions of the filler '<', and let the `mrz` package parse and check them.
import { parse } from 'mrz';

export interface IdDocumentFields {
  documentType: string | null;
  documentNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  nationality: string | null;
  /** ISO date (YYYY-MM-DD). */
  birthDate: string | null;
  expirationDate: string | null;
  sex: 'male' | 'female' | 'unspecified' | null;
  /** Every check digit and field of the zone is valid. */
  valid: boolean;
}

/** One OCR row as an MRZ line candidate: uppercase, no spaces, filler confusions mapped back to '<'. */
export function normaliseMrzLine(row: string): string {
  return (
    row
      .toUpperCase()
      .replace(/[«‹〈く＜⟨]/g, (c) => (c === '«' ? '<<' : '<'))
      .replace(/\s+/g, '')
      .replace(/℃/g, 'C')
      .replace(/[０-９Ａ-Ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/[^A-Z0-9<(]/g, '')
      // Inside a long run of fillers a K, C, L or ( is a misread '<' ("<<<K<<<"); next to names it may be an initial.
      .replace(/(?<=<<<)[KCL(]+(?=<<<)/g, (m) => '<'.repeat(m.length))
      .replace(/\(/g, '<')
  );
}

const layouts = [
  { lines: 3, length: 30 },
  { lines: 2, length: 36 },
  { lines: 2, length: 44 },
];

/** Fits a candidate to the layout's length: fillers at the end are the part OCR most often shortens. */
function fit(line: string, length: number): string | null {
  if (Math.abs(line.length - length) > 3) return null;
  return line.length > length ? line.slice(0, length) : line.padEnd(length, '<');
}

export function parseMrzRows(rows: string[]): IdDocumentFields | null {
  const candidates = rows.map(normaliseMrzLine).filter((line) => line.length >= 27 && line.includes('<'));
  let best: { fields: IdDocumentFields; score: number } | null = null;
  for (const layout of layouts) {
    for (let start = 0; start + layout.lines <= candidates.length; start++) {
      const lines = candidates.slice(start, start + layout.lines).map((line) => fit(line, layout.length));
      if (lines.some((line) => line === null)) continue;
      let result: ReturnType<typeof parse>;
      try {
        result = parse(lines as string[], { autocorrect: true });
      } catch {
        continue;
      }
      const score = result.details.filter((detail) => detail.valid).length + (result.valid ? 1000 : 0);
      if (!best || score > best.score) best = { fields: toFields(result), score };
    }
  }
  return best?.fields ?? null;
}

function toFields(result: ReturnType<typeof parse>): IdDocumentFields {
  const f = result.fields as Record<string, string | null | undefined>;
  const sex = f.sex === 'male' || f.sex === 'female' || f.sex === 'unspecified' ? f.sex : null;
  return {
    documentType: f.documentCode ?? null,
    documentNumber: result.documentNumber ?? f.documentNumber ?? null,
    firstName: f.firstName ?? null,
    lastName: f.lastName ?? null,
    nationality: f.nationality ?? null,
    birthDate: mrzDate(f.birthDate, 'past'),
    expirationDate: mrzDate(f.expirationDate, 'future'),
    sex,
    valid: result.valid,
  };
}

/** YYMMDD → YYYY-MM-DD: birth dates lie in the past, expiry dates within the next 50 years. */
export function mrzDate(value: string | null | undefined, side: 'past' | 'future', today = new Date()): string | null {
  if (!value || !/^\d{6}$/.test(value)) return null;
  const yy = Number(value.slice(0, 2));
  const currentYy = today.getUTCFullYear() % 100;
  const century = Math.floor(today.getUTCFullYear() / 100) * 100;
  const year = side === 'past' ? (yy > currentYy ? century - 100 + yy : century + yy) : century + yy;
  return `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
}
