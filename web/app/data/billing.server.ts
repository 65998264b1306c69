// Tenant billing (decision 036): the organization's plan, trial and Connect account as
// public.billing_overview shows them to its admins, and the billing edge function that opens
// Stripe (Checkout, the customer portal, Connect onboarding) for an owner, server-side.
import { FunctionsHttpError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Refusal } from './invitations.server.ts';

export interface BillingPlan {
  id: string;
  name: string;
  max_properties: number;
  monthly_price_minor: number;
  currency: string;
  application_fee_bps: number;
}

export interface BillingOverview {
  plan_id: string | null;
  /** Stripe's subscription status, 'trialing' during the free trial, 'none' after it without a plan. */
  status: string;
  source: 'subscription' | 'trial' | 'none';
  trial_end: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  max_properties: number;
  property_count: number;
  has_customer: boolean;
  payments: { charges_enabled: boolean; payouts_enabled: boolean; details_submitted: boolean } | null;
  plans: BillingPlan[];
}

export async function getBillingOverview(supabase: Supabase, organizationId: string): Promise<BillingOverview> {
  const { data, error } = await supabase.rpc('billing_overview', { p_organization_id: organizationId });
  if (error) throw new DataError(error);
  return data as unknown as BillingOverview;
}

export type BillingAction = 'checkout' | 'portal' | 'connect';

/** Where to send the owner (a Stripe page), or the function's refusal (`already_subscribed`, …). */
export async function openBilling(
  supabase: Supabase,
  request: { organizationId: string; action: BillingAction; planId?: string },
): Promise<{ url: string; error?: never } | { url?: never; error: Refusal }> {
  const { data, error } = await supabase.functions.invoke('billing', {
    body: {
      organization_id: request.organizationId,
      action: request.action,
      ...(request.planId ? { plan_id: request.planId } : {}),
    },
  });
  if (!error) return { url: (data as { url: string }).url };
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    const body = (await response.json().catch(() => ({}))) as { code?: string };
    return { error: { code: String(response.status), message: body.code ?? 'billing_failed' } };
  }
  return { error: { code: 'network', message: 'billing_unreachable' } };
}
