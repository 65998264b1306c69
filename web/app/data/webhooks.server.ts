// Outgoing webhook endpoints and their delivery log, through the admin RPCs as the signed-in
// user (decision 030): the tables are private, the RPCs answer admins and owners of the
// organization only, and a secret comes back once, from create and rotate.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

export const WEBHOOK_EVENTS = [
  'booking.created',
  'booking.updated',
  'booking.cancelled',
  'booking.checked_in',
  'booking.checked_out',
  'booking.no_show',
  'order.created',
  'order.status_changed',
  'payment.succeeded',
  'payment.refunded',
  'guest.created',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_PAGE_SIZE = 20;

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
  consecutive_failures: number;
  created_at: string;
  secret_rotated_at: string | null;
  queued_deliveries: number;
  last_delivery_at: string | null;
  last_status_code: number | null;
}

export interface WebhookDelivery {
  id: string;
  event_id: string;
  event_type: string;
  status: 'queued' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_response_excerpt: string | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface EndpointFields {
  url: string;
  description: string | null;
  events: string[];
}

export interface UrlRules {
  allowHttp: boolean;
  allowPrivateTargets: boolean;
}

type Result<T> = { value: T; error?: never } | { value?: never; error: PostgrestError };

export async function getUrlRules(supabase: Supabase): Promise<UrlRules> {
  const { data, error } = await supabase.rpc('webhook_url_rules');
  if (error) throw new DataError(error);
  const row = data?.[0];
  return { allowHttp: row?.allow_http ?? false, allowPrivateTargets: row?.allow_private_targets ?? false };
}

export async function listEndpoints(supabase: Supabase, organizationId: string): Promise<WebhookEndpoint[]> {
  const { data, error } = await supabase.rpc('list_webhook_endpoints', { p_organization_id: organizationId });
  if (error) throw new DataError(error);
  return (data ?? []) as WebhookEndpoint[];
}

export async function createEndpoint(
  supabase: Supabase,
  organizationId: string,
  fields: EndpointFields,
): Promise<Result<{ endpointId: string; secret: string }>> {
  const { data, error } = await supabase.rpc('create_webhook_endpoint', {
    p_organization_id: organizationId,
    p_url: fields.url,
    p_description: fields.description as string,
    p_events: fields.events,
  });
  if (error) return { error };
  const row = data?.[0];
  if (!row) throw new Error('create_webhook_endpoint returned no row');
  return { value: { endpointId: row.endpoint_id, secret: row.secret } };
}

export async function updateEndpoint(supabase: Supabase, id: string, fields: EndpointFields): Promise<Result<null>> {
  const { error } = await supabase.rpc('update_webhook_endpoint', {
    p_endpoint_id: id,
    p_url: fields.url,
    p_description: fields.description as string,
    p_events: fields.events,
  });
  return error ? { error } : { value: null };
}

export async function setEndpointEnabled(supabase: Supabase, id: string, enabled: boolean): Promise<Result<null>> {
  const { error } = await supabase.rpc('set_webhook_endpoint_enabled', { p_endpoint_id: id, p_enabled: enabled });
  return error ? { error } : { value: null };
}

export async function rotateSecret(supabase: Supabase, id: string): Promise<Result<string>> {
  const { data, error } = await supabase.rpc('rotate_webhook_secret', { p_endpoint_id: id });
  return error ? { error } : { value: data };
}

export async function deleteEndpoint(supabase: Supabase, id: string): Promise<Result<null>> {
  const { error } = await supabase.rpc('delete_webhook_endpoint', { p_endpoint_id: id });
  return error ? { error } : { value: null };
}

export async function sendTestEvent(supabase: Supabase, id: string): Promise<Result<string>> {
  const { data, error } = await supabase.rpc('send_test_webhook', { p_endpoint_id: id });
  return error ? { error } : { value: data };
}

export async function replayDelivery(supabase: Supabase, deliveryId: string): Promise<Result<string>> {
  const { data, error } = await supabase.rpc('replay_webhook_delivery', { p_delivery_id: deliveryId });
  return error ? { error } : { value: data };
}

/** One page (1-based) of an endpoint's deliveries, newest first, and the number of pages. */
export async function listDeliveries(
  supabase: Supabase,
  endpointId: string,
  page: number,
): Promise<{ deliveries: WebhookDelivery[]; pages: number }> {
  const { data, error } = await supabase.rpc('list_webhook_deliveries', {
    p_endpoint_id: endpointId,
    p_limit: DELIVERY_PAGE_SIZE,
    p_offset: (page - 1) * DELIVERY_PAGE_SIZE,
  });
  if (error) throw new DataError(error);
  const rows = data ?? [];
  const total = Number(rows[0]?.total_count ?? 0);
  return {
    deliveries: rows.map(({ total_count: _total, ...row }) => row as WebhookDelivery),
    pages: Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE)),
  };
}
