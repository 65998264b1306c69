// postgres_changes subscriptions as a join lists them: event, schema, table, and the optional
// column filter `column=op.value` (eq, neq, lt, lte, gt, gte, in), compared with a change's row.
import { z } from 'zod';

export const CHANGE_EVENTS = ['INSERT', 'UPDATE', 'DELETE', '*'] as const;
export type ChangeEvent = (typeof CHANGE_EVENTS)[number];

export const subscriptionInput = z.object({
  event: z.enum(CHANGE_EVENTS),
  schema: z.string().min(1).max(63),
  table: z.string().max(63).optional(),
  filter: z.string().max(1000).optional(),
});
export type SubscriptionInput = z.infer<typeof subscriptionInput>;

const OPERATORS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
type Operator = (typeof OPERATORS)[number];

export interface ColumnFilter {
  column: string;
  op: Operator;
  values: string[];
}

export interface Subscription {
  id: number;
  input: SubscriptionInput;
  filter: ColumnFilter | null;
}

/**
 * A subscription's id: a hash of what it asks for, as upstream's, so subscribers with the same
 * filter share the id (and the encoded message).
 */
export function subscriptionId(input: SubscriptionInput): number {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify([input.event, input.schema, input.table ?? '', input.filter ?? ''])) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash % 100_000_000;
}

/** `status=eq.open`, `id=in.(1,2,3)`; throws a readable message for anything else. */
export function parseFilter(text: string | undefined): ColumnFilter | null {
  if (text === undefined || text === '') return null;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=([a-z]+)\.(.*)$/s.exec(text);
  if (!match) throw new Error(`Error parsing filter params: ${text}`);
  const [, column, op, raw] = match as unknown as [string, string, string, string];
  if (!(OPERATORS as readonly string[]).includes(op))
    throw new Error(`Error parsing filter params: unknown operator ${op}`);
  if (op !== 'in') return { column, op: op as Operator, values: [raw] };
  const list = /^\((.*)\)$/s.exec(raw);
  if (!list?.[1]) throw new Error(`Error parsing filter params: ${text} (in needs a list: in.(a,b))`);
  const values = list[1].split(',').map((value) => value.trim().replace(/^"(.*)"$/s, '$1'));
  if (values.length > 100) throw new Error('Error parsing filter params: in takes at most 100 values');
  return { column, op: 'in', values };
}

const NUMERIC = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const BOOLEANS: Record<string, string> = { t: 'true', f: 'false', true: 'true', false: 'false' };

/** Milliseconds of a date or timestamp as PostgreSQL prints it or as a filter writes it. */
function timeOf(text: string): number {
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return Date.parse(/[T]/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? `${iso}Z` : iso);
}

/** Compares a WAL text value with a filter value: as numbers, booleans or times when both are. */
function compare(left: string, right: string): number {
  if (NUMERIC.test(left) && NUMERIC.test(right)) return Number(left) - Number(right);
  if (BOOLEANS[left] && BOOLEANS[right])
    return BOOLEANS[left] === BOOLEANS[right] ? 0 : left === 't' || left === 'true' ? 1 : -1;
  if (TIMESTAMP.test(left) && TIMESTAMP.test(right)) {
    const [a, b] = [timeOf(left), timeOf(right)];
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  }
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether a row (column → text value as in the WAL, null for NULL) passes a filter. */
export function passesFilter(filter: ColumnFilter, row: Record<string, string | null>): boolean {
  const value = row[filter.column];
  if (value === undefined || value === null) return false;
  const first = filter.values[0] as string;
  switch (filter.op) {
    case 'eq':
      return compare(value, first) === 0;
    case 'neq':
      return compare(value, first) !== 0;
    case 'lt':
      return compare(value, first) < 0;
    case 'lte':
      return compare(value, first) <= 0;
    case 'gt':
      return compare(value, first) > 0;
    case 'gte':
      return compare(value, first) >= 0;
    case 'in':
      return filter.values.some((candidate) => compare(value, candidate) === 0);
  }
}

/** Whether a subscription wants a change of this table and kind (DELETE is never filtered). */
export function matches(
  subscription: Subscription,
  schema: string,
  table: string,
  type: 'INSERT' | 'UPDATE' | 'DELETE',
  row: Record<string, string | null>,
): boolean {
  const { input, filter } = subscription;
  if (input.schema !== '*' && input.schema !== schema) return false;
  if (input.table !== undefined && input.table !== '*' && input.table !== table) return false;
  if (input.event !== '*' && input.event !== type) return false;
  if (filter === null || type === 'DELETE') return true;
  return passesFilter(filter, row);
}
