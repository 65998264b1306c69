// A property's workflows (public.workflows: a trigger × an action with a template) and what they
// sent (public.workflow_send_log). Read and written as the signed-in user; RLS (managers of the
// property), the constraints and the RPCs decide. Decision 031.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type WorkflowRow = Database['public']['Tables']['workflows']['Row'];
export type Workflow = Pick<
  WorkflowRow,
  | 'id'
  | 'name'
  | 'trigger'
  | 'offset_hours'
  | 'action'
  | 'recipient_email'
  | 'webhook_endpoint_id'
  | 'template'
  | 'active'
  | 'built_in'
  | 'updated_at'
>;
export type WorkflowFields = Pick<
  WorkflowRow,
  'name' | 'trigger' | 'offset_hours' | 'action' | 'recipient_email' | 'webhook_endpoint_id' | 'template'
>;
export type WorkflowSend = Database['public']['Functions']['workflow_send_log']['Returns'][number];
export interface WebhookTarget {
  id: string;
  url: string;
  description: string | null;
}

const COLUMNS =
  'id, name, trigger, offset_hours, action, recipient_email, webhook_endpoint_id, template, active, built_in, updated_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SEND_LOG_PAGE_SIZE = 25;

/** Every workflow of the property (a handful): built-in ones first, then by trigger (as listed in the enum) and name. */
export async function listWorkflows(supabase: Supabase, propertyId: string): Promise<Workflow[]> {
  const { data, error } = await supabase
    .from('workflows')
    .select(COLUMNS)
    .eq('property_id', propertyId)
    .order('built_in', { ascending: false })
    .order('trigger')
    .order('name')
    .limit(200);
  if (error) throw new DataError(error);
  return data;
}

export async function getWorkflow(supabase: Supabase, propertyId: string, id: string): Promise<Workflow | null> {
  if (!UUID.test(id)) return null;
  const { data, error } = await supabase
    .from('workflows')
    .select(COLUMNS)
    .eq('property_id', propertyId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data;
}

export async function createWorkflow(
  supabase: Supabase,
  property: { id: string; organization_id: string },
  fields: WorkflowFields,
): Promise<Saved<Workflow>> {
  const { data, error } = await supabase
    .from('workflows')
    .insert({ organization_id: property.organization_id, property_id: property.id, ...fields })
    .select(COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

export async function updateWorkflow(
  supabase: Supabase,
  propertyId: string,
  id: string,
  fields: Partial<WorkflowFields> & { active?: boolean },
): Promise<Saved<Workflow>> {
  const { data, error } = await supabase
    .from('workflows')
    .update(fields)
    .eq('property_id', propertyId)
    .eq('id', id)
    .select(COLUMNS)
    .single();
  return error ? { error } : { row: data };
}

export async function removeWorkflow(
  supabase: Supabase,
  propertyId: string,
  id: string,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('workflows')
    .delete()
    .eq('property_id', propertyId)
    .eq('id', id)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/** Queues a test of the workflow to the caller's own address (the worker sends it). */
export async function requestTestSend(supabase: Supabase, workflowId: string): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.rpc('request_workflow_test_send', { p_workflow_id: workflowId });
  return error ? { error } : { row: { id: data } };
}

/** One page (0-based) of what the property's workflows sent or will send, newest first. */
export async function listSendLog(
  supabase: Supabase,
  propertyId: string,
  page: number,
): Promise<{ sends: WorkflowSend[]; total: number }> {
  const from = page * SEND_LOG_PAGE_SIZE;
  const { data, error, count } = await supabase
    .rpc('workflow_send_log', { p_property_id: propertyId }, { count: 'exact' })
    .range(from, from + SEND_LOG_PAGE_SIZE - 1);
  if (error) throw new DataError(error);
  return { sends: data, total: count ?? data.length };
}

/**
 * The organization's webhook endpoints a workflow may post to. Only admins may list them
 * (decision 030); a manager below admin gets none and the form says so.
 */
export async function listWebhookTargets(supabase: Supabase, organizationId: string): Promise<WebhookTarget[]> {
  const { data, error } = await supabase.rpc('list_webhook_endpoints', { p_organization_id: organizationId });
  if (error) return [];
  return data.filter((e) => e.enabled).map((e) => ({ id: e.id, url: e.url, description: e.description }));
}
