// PostgREST's URL grammar: `select=`, horizontal filters (`col=op.value`), logic trees
// (`or=(…)`), `order=`. Parsing yields plain data; nothing here knows the schema or SQL.
import { parseError, RestError } from './errors.ts';

export type JsonOp = '->' | '->>';

/** A column with an optional JSON path: `data->address->>city`. */
export interface Field {
  name: string;
  json: { op: JsonOp; key: string }[];
}

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'field'; field: Field; alias: string | null; cast: string | null }
  | {
      kind: 'embed';
      name: string;
      alias: string | null;
      hint: string | null;
      join: 'inner' | 'left' | null;
      spread: boolean;
      select: SelectItem[];
    };

export const OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'match',
  'imatch',
  'in',
  'is',
  'isdistinct',
  'fts',
  'plfts',
  'phfts',
  'wfts',
  'cs',
  'cd',
  'ov',
  'sl',
  'sr',
  'nxl',
  'nxr',
  'adj',
] as const;
export type Operator = (typeof OPERATORS)[number];
const QUANTIFIABLE: readonly Operator[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch'];
const FULL_TEXT: readonly Operator[] = ['fts', 'plfts', 'phfts', 'wfts'];

export interface Filter {
  kind: 'filter';
  field: Field;
  negate: boolean;
  op: Operator;
  quantifier: 'any' | 'all' | null;
  language: string | null;
  /** The raw value; a list for `in`. */
  value: string | string[];
}

export interface Logic {
  kind: 'logic';
  op: 'and' | 'or';
  negate: boolean;
  children: (Filter | Logic)[];
}

export interface OrderTerm {
  /** `rel(col)`: ordering by a column of an embedded to-one resource. */
  relation: string | null;
  field: Field;
  direction: 'asc' | 'desc' | null;
  nulls: 'first' | 'last' | null;
}

const MAX_DEPTH = 16;

/** A cursor over one parameter's text. */
class Reader {
  position = 0;
  readonly text: string;
  readonly what: string;
  constructor(text: string, what: string) {
    this.text = text;
    this.what = what;
  }
  get done() {
    return this.position >= this.text.length;
  }
  peek(length = 1) {
    return this.text.slice(this.position, this.position + length);
  }
  take(token: string): boolean {
    if (!this.text.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }
  expect(token: string) {
    if (!this.take(token)) this.fail(`expecting "${token}"`);
  }
  fail(detail: string): never {
    const found = this.done ? 'end of input' : `"${this.peek()}"`;
    throw parseError(
      `"failed to parse ${this.what} (${this.text})" (line 1, column ${this.position + 1})`,
      `unexpected ${found} ${detail}`,
    );
  }
}

/** A name: double-quoted (`"my col"`), or letters, digits, `_`, `$`, spaces and lone `-`. */
function readName(reader: Reader): string {
  if (reader.take('"')) {
    let name = '';
    while (!reader.done && reader.peek() !== '"') {
      if (reader.peek() === '\\') reader.position += 1;
      name += reader.peek();
      reader.position += 1;
    }
    reader.expect('"');
    return name;
  }
  const start = reader.position;
  while (!reader.done) {
    const char = reader.peek();
    if (char === '-' && (reader.peek(2) === '->' || reader.position === start)) break;
    if (',()!:."*'.includes(char) || char === '>' || char === '[' || char === ']') break;
    reader.position += 1;
  }
  const name = reader.text.slice(start, reader.position).trim();
  if (name === '') reader.fail('expecting a name');
  return name;
}

function readJsonPath(reader: Reader): Field['json'] {
  const path: Field['json'] = [];
  for (;;) {
    const op: JsonOp | null = reader.take('->>') ? '->>' : reader.take('->') ? '->' : null;
    if (!op) return path;
    if (reader.take('"')) {
      reader.position -= 1;
      path.push({ op, key: readName(reader) });
      continue;
    }
    const start = reader.position;
    reader.take('-');
    while (!reader.done && /[^,()!:."*>\-[\]]/.test(reader.peek())) reader.position += 1;
    const key = reader.text.slice(start, reader.position);
    if (key === '' || key === '-') reader.fail('expecting a JSON key');
    path.push({ op, key });
  }
}

function readField(reader: Reader): Field {
  const name = readName(reader);
  return { name, json: readJsonPath(reader) };
}

function readSelectList(reader: Reader, depth: number): SelectItem[] {
  if (depth > MAX_DEPTH) reader.fail(`(embedding deeper than ${MAX_DEPTH} levels)`);
  const items: SelectItem[] = [];
  do {
    items.push(readSelectItem(reader, depth));
  } while (reader.take(','));
  return items;
}

function readSelectItem(reader: Reader, depth: number): SelectItem {
  if (reader.take('*')) return { kind: 'star' };
  const spread = reader.take('...');
  let alias: string | null = null;
  let name = readName(reader);
  if (reader.peek() === ':' && reader.peek(2) !== '::') {
    reader.position += 1;
    alias = name;
    name = readName(reader);
  }
  let hint: string | null = null;
  let join: 'inner' | 'left' | null = null;
  while (reader.take('!')) {
    const word = readName(reader);
    if (word === 'inner' || word === 'left') join = word;
    else if (hint === null) hint = word;
    else reader.fail('(only one hint per embedded resource)');
  }
  if (reader.take('(')) {
    const select = reader.peek() === ')' ? [] : readSelectList(reader, depth + 1);
    reader.expect(')');
    return { kind: 'embed', name, alias, hint, join, spread, select };
  }
  if (spread || hint !== null || join !== null) reader.fail('expecting "("');
  const field: Field = { name, json: readJsonPath(reader) };
  // Aggregates are off on Supabase (`db-aggregates-enabled = false`).
  if (/^\.(count|sum|avg|max|min)\(/.test(reader.text.slice(reader.position))) {
    throw new RestError(400, { code: 'PGRST123', message: 'Use of aggregate functions is not allowed' });
  }
  let cast: string | null = null;
  if (reader.take('::')) {
    const start = reader.position;
    while (!reader.done && /[A-Za-z0-9_]/.test(reader.peek())) reader.position += 1;
    cast = reader.text.slice(start, reader.position);
    if (cast === '') reader.fail('expecting a type name');
  }
  return { kind: 'field', field, alias, cast };
}

/** Parses `select=`; an empty value means `*`. */
export function parseSelect(text: string): SelectItem[] {
  const compact = text.trim();
  if (compact === '') return [{ kind: 'star' }];
  const reader = new Reader(compact, 'select parameter');
  const items = readSelectList(reader, 0);
  if (!reader.done) reader.fail('expecting "," or end of input');
  return items;
}

/** Splits `a,b(c,d),"e,f"` at top-level commas (parentheses, braces and quotes nest). */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && quoted) {
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === '(' || char === '{')) {
      depth += 1;
    } else if (!quoted && (char === ')' || char === '}')) {
      depth -= 1;
    } else if (!quoted && depth === 0 && char === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

function filterError(text: string, detail: string): never {
  throw parseError(`"failed to parse filter (${text})" (line 1, column 1)`, detail);
}

/** Parses the right side of a filter: `[not.]op[(modifier)].value`. */
export function parseOperation(field: Field, text: string, inLogic = false): Filter {
  let rest = text;
  const negate = rest.startsWith('not.');
  if (negate) rest = rest.slice(4);
  const match = /^([a-z]+)(?:\(([^)]*)\))?\./.exec(rest);
  if (!match) filterError(text, 'expecting an operator followed by "."');
  const op = match[1] as Operator;
  if (!OPERATORS.includes(op)) filterError(text, `unknown operator "${match[1]}"`);
  const modifier = match[2] ?? null;
  let quantifier: Filter['quantifier'] = null;
  let language: string | null = null;
  if (modifier !== null) {
    if (FULL_TEXT.includes(op) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(modifier)) language = modifier;
    else if (QUANTIFIABLE.includes(op) && (modifier === 'any' || modifier === 'all')) quantifier = modifier;
    else filterError(text, `unexpected modifier "${modifier}"`);
  }
  let raw = rest.slice(match[0].length);
  if (inLogic) raw = unquote(raw);
  let value: string | string[] = raw;
  if (op === 'in') {
    if (!raw.startsWith('(') || !raw.endsWith(')')) filterError(text, 'expecting a list "(a,b)"');
    const inner = raw.slice(1, -1);
    value = inner.trim() === '' ? [] : splitTopLevel(inner).map((item) => unquote(item.trim()));
  } else if (op === 'is') {
    const normalized = raw.toLowerCase();
    if (!['null', 'not_null', 'true', 'false', 'unknown'].includes(normalized)) {
      filterError(text, 'expecting null, not_null, true, false or unknown');
    }
    value = normalized;
  } else if (quantifier !== null) {
    if (!raw.startsWith('{') || !raw.endsWith('}')) filterError(text, 'expecting a list "{a,b}"');
  }
  return { kind: 'filter', field, negate, op, quantifier, language, value };
}

/** Parses one filter inside a logic tree: `field.[not.]op.value`. */
function parseLogicFilter(text: string): Filter {
  const reader = new Reader(text, 'logic tree');
  const field = readField(reader);
  if (!reader.take('.')) reader.fail('expecting "." after the column');
  return parseOperation(field, text.slice(reader.position), true);
}

/** Parses a logic tree's value `(a.eq.1,or(b.gt.2,c.is.null))` for `op` (`or`, `and`). */
export function parseLogic(op: 'and' | 'or', negate: boolean, text: string, depth = 0): Logic {
  if (depth > MAX_DEPTH) throw parseError(`logic tree nested deeper than ${MAX_DEPTH} levels`);
  const trimmed = text.trim();
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) {
    throw parseError(`"failed to parse logic tree (${text})" (line 1, column 1)`, 'expecting "(" and ")"');
  }
  const children = splitTopLevel(trimmed.slice(1, -1)).map((part): Filter | Logic => {
    const item = part.trim();
    const nested = /^(not\.)?(and|or)(\(.*\))$/s.exec(item);
    if (nested) return parseLogic(nested[2] as 'and' | 'or', !!nested[1], nested[3] as string, depth + 1);
    return parseLogicFilter(item);
  });
  return { kind: 'logic', op, negate, children };
}

/** Parses `order=a.desc.nullslast,rel(b),c->d.asc`. */
export function parseOrder(text: string): OrderTerm[] {
  return splitTopLevel(text).map((part) => {
    const reader = new Reader(part.trim(), 'order parameter');
    let relation: string | null = null;
    let field = readField(reader);
    if (reader.take('(')) {
      relation = field.name;
      field = readField(reader);
      reader.expect(')');
    }
    let direction: OrderTerm['direction'] = null;
    let nulls: OrderTerm['nulls'] = null;
    while (reader.take('.')) {
      const word = readName(reader);
      if (word === 'asc' || word === 'desc') direction = word;
      else if (word === 'nullsfirst') nulls = 'first';
      else if (word === 'nullslast') nulls = 'last';
      else reader.fail('expecting asc, desc, nullsfirst or nullslast');
    }
    if (!reader.done) reader.fail('expecting "." or ","');
    return { relation, field, direction, nulls };
  });
}

/** Parses a column name as a filter key's last segment (with its JSON path). */
export function parseFieldKey(text: string): Field {
  const reader = new Reader(text, 'filter column');
  const field = readField(reader);
  if (!reader.done) reader.fail('expecting a column');
  return field;
}

/** Parses `columns=` or `on_conflict=`: a comma-separated list of (optionally quoted) names. */
export function parseNameList(text: string, what: string): string[] {
  return splitTopLevel(text).map((part) => {
    const reader = new Reader(part.trim(), what);
    const name = readName(reader);
    if (!reader.done) reader.fail('expecting ","');
    return name;
  });
}

/** A non-negative integer parameter (`limit`, `offset`). */
export function parseCount(text: string, what: string): number {
  if (!/^\d{1,15}$/.test(text))
    throw parseError(`"failed to parse ${what} parameter (${text})"`, 'expecting a non-negative integer');
  return Number(text);
}
