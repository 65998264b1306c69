// How one audit row reads on the screen: what changed, the fields before and after, who did it.
import type { AuditEntry } from '../../data/audit.server.ts';

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

type Row = Record<string, unknown>;

const asRow = (value: unknown): Row =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : {};

function show(value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null) return 'empty';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields a change touched: for an update those that differ, else every field of the row. */
export function fieldChanges(entry: Pick<AuditEntry, 'action' | 'old_data' | 'new_data'>): FieldChange[] {
  const before = asRow(entry.old_data);
  const after = asRow(entry.new_data);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => entry.action !== 'update' || JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({
      field,
      before: entry.action === 'insert' ? null : show(before[field]),
      after: entry.action === 'delete' ? null : show(after[field]),
    }));
}

/** A name a person recognizes the row by, when it has one. */
export function rowLabel(entry: Pick<AuditEntry, 'old_data' | 'new_data'>): string | null {
  const row = { ...asRow(entry.old_data), ...asRow(entry.new_data) };
  for (const key of ['name', 'display_name', 'email', 'title', 'reference', 'kind']) {
    if (typeof row[key] === 'string' && row[key]) return row[key] as string;
  }
  return null;
}

export function tableLabel(table: string): string {
  const words = table.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const ACTION_LABELS: Record<string, string> = { insert: 'Created', update: 'Changed', delete: 'Deleted' };

/** Who acted when no signed-in user did, by the request's database role. */
export function systemActor(role: string): string {
  if (role === 'service_role') return 'Roost (background task)';
  if (role === 'postgres' || role === 'supabase_admin') return 'Database administrator';
  return 'System';
}
