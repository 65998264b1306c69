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

/** The property's newest jobs, for the dashboard's jobs panel. */
export async function recentPropertyJobs(supabase: Supabase, propertyId: string, limit = 6): Promise<Job[]> {
  const { data, error } = await supabase
    .from('jobs')
    .select('id, property_id, kind, status, progress, result, error, attempts, created_at, finished_at')
    .eq('property_id', propertyId)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(limit);
  if (error) throw new DataError(error);
  return data as Job[];
}

/** Kinds a manager may start by hand: the models retrain and score from the property's history. */
export const MANUAL_JOB_KINDS = ['forecast', 'no_show_risk'] as const;
export type ManualJobKind = (typeof MANUAL_JOB_KINDS)[number];

/** Queues a job through create_job (staff of the property; the database checks kind and input). */
export async function startJob(
  supabase: Supabase,
  propertyId: string,
  kind: ManualJobKind,
): Promise<{ id: string } | { error: string }> {
  const { data, error } = await supabase.rpc('create_job', { p_property_id: propertyId, p_kind: kind, p_input: {} });
  if (error) return { error: error.message };
  return { id: data.id };
}
