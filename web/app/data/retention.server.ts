// Retention policies and the log of their runs (decision 038), as the signed-in user through the
// Data API: members read the policies, owners and admins change them (RLS, column grants), the
// table's range constraints have the last word; admins read the runs (the worker writes them).
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export interface RetentionPolicies {
  id_scan_days: number;
  inactive_guest_years: number;
  mail_body_days: number;
  notification_days: number;
  updated_at: string;
}

export type RetentionFields = Omit<RetentionPolicies, 'updated_at'>;

export interface RetentionRun {
  id: string;
  policy: 'id_scans' | 'inactive_guests' | 'mail_bodies' | 'notifications';
  setting: number;
  cutoff: string;
  started_at: string;
  finished_at: string;
  status: 'succeeded' | 'failed';
  rows_deleted: number;
  rows_anonymised: number;
  objects_deleted: number;
  error: string | null;
}

const POLICY_COLUMNS = 'id_scan_days, inactive_guest_years, mail_body_days, notification_days, updated_at';
export const RUN_PAGE_SIZE = 20;

export async function getRetentionPolicies(supabase: Supabase, organizationId: string): Promise<RetentionPolicies> {
  const { data, error } = await supabase
    .from('retention_policies')
    .select(POLICY_COLUMNS)
    .eq('organization_id', organizationId)
    .single();
  if (error) throw new DataError(error);
  return data;
}

export async function updateRetentionPolicies(
  supabase: Supabase,
  organizationId: string,
  fields: RetentionFields,
): Promise<Saved<RetentionPolicies>> {
  const { data, error } = await supabase
    .from('retention_policies')
    .update(fields)
    .eq('organization_id', organizationId)
    .select(POLICY_COLUMNS)
    .single();
  return error ? { error: error as PostgrestError } : { row: data };
}

/** One page of the runs, newest first, with the exact total (admins; others get none). */
export async function listRetentionRuns(
  supabase: Supabase,
  organizationId: string,
  page: number,
): Promise<{ runs: RetentionRun[]; total: number }> {
  const from = (page - 1) * RUN_PAGE_SIZE;
  const { data, error, count } = await supabase
    .from('retention_runs')
    .select(
      'id, policy, setting, cutoff, started_at, finished_at, status, rows_deleted, rows_anonymised, objects_deleted, error',
      { count: 'exact' },
    )
    .eq('organization_id', organizationId)
    .order('started_at', { ascending: false })
    .order('policy')
    .range(from, from + RUN_PAGE_SIZE - 1);
  if (error) throw new DataError(error);
  return { runs: data as RetentionRun[], total: count ?? 0 };
}
