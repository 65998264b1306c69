// The audit log, read as the signed-in user through the Data API: RLS shows admins and owners
// their organization's rows only, and nobody can write them (the triggers do).
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

/** `actor: 'system'` stands for changes without a signed-in user (the worker, migrations). */
export interface AuditFilter {
  table?: string;
  actor?: string;
  /** Inclusive lower bound, an ISO instant. */
  since?: string;
  /** Exclusive upper bound, an ISO instant. */
  until?: string;
}

export const AUDIT_PAGE_SIZE = 25;
/** Rows per Data API request of the CSV export (the API's max_rows) and rows in one file at most. */
const EXPORT_CHUNK = 1000;
export const EXPORT_LIMIT = 50_000;

const COLUMNS = 'id, created_at, actor_id, actor_role, table_name, row_id, action, old_data, new_data';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface AuditEntry {
  id: number;
  created_at: string;
  actor_id: string | null;
  actor_role: string;
  table_name: string;
  row_id: string;
  action: string;
  old_data: Json | null;
  new_data: Json | null;
}

function filtered(supabase: Supabase, organizationId: string, filter: AuditFilter, columns: string, count: boolean) {
  let query = supabase
    .from('audit_log')
    .select(columns, count ? { count: 'exact' } : undefined)
    .eq('organization_id', organizationId);
  if (filter.table) query = query.eq('table_name', filter.table);
  if (filter.actor === 'system') query = query.is('actor_id', null);
  else if (filter.actor) query = query.eq('actor_id', filter.actor);
  if (filter.since) query = query.gte('created_at', filter.since);
  if (filter.until) query = query.lt('created_at', filter.until);
  return query.order('created_at', { ascending: false }).order('id', { ascending: false });
}

/** One page (0-based) of the log, newest first, and how many rows match the filter in all. */
export async function listAuditEntries(
  supabase: Supabase,
  organizationId: string,
  filter: AuditFilter,
  page: number,
): Promise<{ entries: AuditEntry[]; total: number }> {
  const from = page * AUDIT_PAGE_SIZE;
  const { data, error, count } = await filtered(supabase, organizationId, filter, COLUMNS, true).range(
    from,
    from + AUDIT_PAGE_SIZE - 1,
  );
  // Past the last page PostgREST answers 416 (PGRST103): an empty page, not an error.
  if (error?.code === 'PGRST103') return { entries: [], total: count ?? 0 };
  if (error) throw new DataError(error);
  return { entries: data as unknown as AuditEntry[], total: count ?? 0 };
}

/** The matching rows as CSV from the Data API (`Accept: text/csv`), newest first, one header. */
export async function exportAuditCsv(supabase: Supabase, organizationId: string, filter: AuditFilter) {
  const parts: string[] = [];
  for (let from = 0; from < EXPORT_LIMIT; from += EXPORT_CHUNK) {
    const { data, error } = await filtered(supabase, organizationId, filter, COLUMNS, false)
      .range(from, from + EXPORT_CHUNK - 1)
      .csv();
    if (error?.code === 'PGRST103') break;
    if (error) throw new DataError(error);
    const text = String(data ?? '').replace(/\r?\n$/, '');
    const newline = text.indexOf('\n');
    const [header, body] = newline < 0 ? [text, ''] : [text.slice(0, newline), text.slice(newline + 1)];
    if (!parts.length) parts.push(header);
    if (!body) break;
    parts.push(body);
    // jsonb's text never holds a raw newline, so a line is a row.
    if (body.split('\n').length < EXPORT_CHUNK) break;
  }
  return `${parts.join('\n')}\n`;
}
