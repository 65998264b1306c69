// Jobs (vision and ML work for a property), read as the signed-in user through the Data API:
// RLS shows a member the jobs of the properties they work at; only the worker changes a job.
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';
export const JOBS_PAGE_SIZE = 25;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Job {
  id: string;
  property_id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  result: Json | null;
  error: Json | null;
  attempts: number;
  created_at: string;
  finished_at: string | null;
}

/** One page (0-based) of the organization's jobs, newest first, and how many match in all. */
export async function listJobs(
  supabase: Supabase,
  organizationId: string,
  filter: { status?: JobStatus },
  page: number,
): Promise<{ jobs: Job[]; total: number }> {
  let query = supabase
    .from('jobs')
    .select('id, property_id, kind, status, progress, result, error, attempts, created_at, finished_at', {
      count: 'exact',
    })
    .eq('organization_id', organizationId);
  if (filter.status) query = query.eq('status', filter.status);
  const from = page * JOBS_PAGE_SIZE;
  const { data, error, count } = await query
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .range(from, from + JOBS_PAGE_SIZE - 1);
  // Past the last page PostgREST answers 416 (PGRST103): an empty page, not an error.
  if (error?.code === 'PGRST103') return { jobs: [], total: count ?? 0 };
  if (error) throw new DataError(error);
  return { jobs: data as Job[], total: count ?? 0 };
}

/** Names of the organization's properties the user may see, by id. */
export async function propertyNames(supabase: Supabase, organizationId: string): Promise<Record<string, string>> {
  const { data, error } = await supabase.from('properties').select('id, name').eq('organization_id', organizationId);
  if (error) throw new DataError(error);
  return Object.fromEntries(data.map((property) => [property.id, property.name]));
}
