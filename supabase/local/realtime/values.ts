// Column values as the WAL carries them (PostgreSQL text output) turned into the JSON a
// postgres_changes record holds, as upstream sends them (numbers, booleans, parsed JSON, ISO
// timestamps, arrays; everything else as text).
const NUMBERS = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);

function timestamp(text: string, withZone: boolean): string {
  const iso = text.replace(' ', 'T');
  if (!withZone) return iso;
  // `+00` / `+05:30` → `+00:00` / `+05:30`, as jsonb prints a timestamptz.
  return iso.replace(/([+-]\d{2})$/, '$1:00');
}

/** Splits a one-dimensional array literal `{a,"b c",NULL}` into its elements. */
function arrayElements(text: string): (string | null)[] {
  const inner = text.replace(/^(\[[^\]]*\]=)?\{/, '').replace(/\}$/, '');
  if (inner === '') return [];
  const elements: (string | null)[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < inner.length; i += 1) {
    const char = inner[i] as string;
    if (quoted) {
      if (char === '\\') current += inner[++i] ?? '';
      else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (char === ',') {
      elements.push(!wasQuoted && current === 'NULL' ? null : current);
      current = '';
      wasQuoted = false;
    } else {
      current += char;
    }
  }
  elements.push(!wasQuoted && current === 'NULL' ? null : current);
  return elements;
}

/** The JSON value of one column given its type name (pg_type.typname). */
export function jsonValue(typname: string, text: string | null): unknown {
  if (text === null) return null;
  if (typname.startsWith('_')) {
    if (text.startsWith('{{')) return text; // multi-dimensional: left as text
    return arrayElements(text).map((element) => jsonValue(typname.slice(1), element));
  }
  if (NUMBERS.has(typname)) {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  switch (typname) {
    case 'bool':
      return text === 't';
    case 'json':
    case 'jsonb':
      return JSON.parse(text);
    case 'timestamptz':
      return timestamp(text, true);
    case 'timestamp':
      return timestamp(text, false);
    default:
      return text;
  }
}
