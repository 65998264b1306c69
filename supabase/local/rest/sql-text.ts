// Building SQL text safely: identifiers are quoted (after the schema cache resolved them), values
// are always bound parameters.
import { parseError } from './errors.ts';

/** Bound parameters of one statement: `add(value)` answers its placeholder (`$3`). */
export class Params {
  readonly values: (string | null)[] = [];
  add(value: string | null): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A quoted identifier. NUL cannot be sent in SQL text (it would cut the statement short). */
export function ident(name: string): string {
  if (name.includes('\0')) throw parseError('names cannot contain NUL characters');
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** A PostgreSQL array literal of text items (`{"a","b\"c"}`), bound as one parameter. */
export function arrayLiteral(items: string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
