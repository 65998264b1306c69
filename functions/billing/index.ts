/// <reference lib="deno.window" />
// POST /functions/v1/billing {organization_id, action, plan_id?} → 200 {url}: an organization's
// owner starts Stripe Checkout for a plan (`checkout`), opens Stripe's customer portal (`portal`,
// where the plan can be switched: each plan is a Price carrying metadata.roost_plan)
// or Connect onboarding for guest payouts (`connect`). The browser is sent to the URL; what
// happens there comes back through the stripe-webhook function (decision 036).
// The caller's token is verified here (as the invite function does); the owner check reads the
// caller's membership through RLS; Stripe's ids are kept with private.set_* as the service role.
// Idempotency keys per organization make a double click create one customer and one account.
import { z } from 'npm:zod@^4.6.7';
import { requireUser } from '../_shared/auth.ts';
import { asUser, db, httpErrorOf, type Tx, withRequestId } from '../_shared/db.ts';
import { errorResponse, HttpError, json, methodNotAllowed, preflight, readJson } from '../_shared/http.ts';
import { settings } from '../_shared/settings.ts';
import { stripe } from '../_shared/stripe.ts';

const inputSchema = z.strictObject({
  organization_id: z.uuid({ error: 'invalid_organization_id' }),
  action: z.enum(['checkout', 'portal', 'connect'], { error: 'invalid_action' }),
  plan_id: z
    .string({ error: 'invalid_plan' })
    .regex(/^[a-z][a-z0-9_]{1,30}$/, { error: 'invalid_plan' })
    .optional(),
});
type Input = z.infer<typeof inputSchema>;

interface Overview {
  plan_id: string | null;
  status: string;
  source: 'subscription' | 'trial' | 'none';
  trial_end: string | null;
  plans: { id: string; name: string; monthly_price_minor: number; currency: string }[];
}

interface Caller {
  email: string | null;
  organization: { id: string; slug: string; name: string };
  overview: Overview;
}

function parseInput(body: unknown): Input {
  const parsed = inputSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const code = parsed.error.issues[0]?.message;
  throw new HttpError(400, code && /^[a-z_]+$/.test(code) ? code : 'invalid_body', 'The request is not valid.');
}

/** The caller must own the organization; returns what the Stripe calls need. */
async function owner(claims: Record<string, unknown>, organizationId: string): Promise<Caller> {
  return asUser(claims, async (tx) => {
    const [overview] = await tx`select public.billing_overview(${organizationId}::uuid) as o`;
    const [row] = await tx`
      select o.id, o.slug, o.name, m.role::text as role from public.organizations o
      join public.memberships m on m.organization_id = o.id and m.user_id = auth.uid()
      where o.id = ${organizationId}::uuid`;
    if (row?.role !== 'owner') throw new HttpError(403, 'insufficient_role', 'Only owners manage billing.');
    return {
      email: typeof claims.email === 'string' ? claims.email : null,
      organization: { id: row.id, slug: row.slug, name: row.name },
      overview: overview?.o as Overview,
    };
  });
}

async function asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await db().begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true)`;
    return fn(tx);
  })) as T;
}

async function customerOf(caller: Caller): Promise<string> {
  const orgId = caller.organization.id;
  const [known] = await asService((tx) => tx`select private.billing_customer_of(${orgId}::uuid) as id`);
  if (known?.id) return known.id as string;
  const customer = await stripe().customers.create(
    { name: caller.organization.name, email: caller.email ?? undefined, metadata: { organization_id: orgId } },
    { idempotencyKey: `roost:customer:${orgId}` },
  );
  const [kept] = await asService((tx) => tx`select private.set_billing_customer(${orgId}::uuid, ${customer.id}) as id`);
  return kept?.id as string;
}

async function connectAccountOf(caller: Caller): Promise<string> {
  const orgId = caller.organization.id;
  const [known] = await asService((tx) => tx`select private.payment_account_of(${orgId}::uuid) as id`);
  if (known?.id) return known.id as string;
  const account = await stripe().accounts.create(
    {
      type: 'express',
      email: caller.email ?? undefined,
      business_profile: { name: caller.organization.name },
      metadata: { organization_id: orgId },
    },
    { idempotencyKey: `roost:connect:${orgId}` },
  );
  const [kept] = await asService((tx) => tx`select private.set_payment_account(${orgId}::uuid, ${account.id}) as id`);
  return kept?.id as string;
}

function billingUrl(caller: Caller, query = ''): string {
  const site = settings().SITE_URL;
  if (!site) throw new HttpError(500, 'site_url_missing', 'The SITE_URL secret is not set.');
  return `${new URL(site).origin}/o/${encodeURIComponent(caller.organization.slug)}/billing${query}`;
}

type Plan = Overview['plans'][number];

/**
 * The plan's recurring Price on Roost's Stripe account, created once: looked up by a lookup key
 * naming the plan, amount and currency (a new price makes a new key) and carrying
 * `metadata.roost_plan`, which the webhook reads when the customer portal switches plans
 * (decision 036, session 5). In production the portal's configuration lists these prices.
 */
async function planPrice(plan: Plan): Promise<string> {
  const lookupKey = `roost_${plan.id}_${plan.currency.toLowerCase()}_${plan.monthly_price_minor}_month`;
  const found = await stripe().prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  if (found.data[0]) return found.data[0].id;
  const price = await stripe().prices.create(
    {
      currency: plan.currency.toLowerCase(),
      unit_amount: plan.monthly_price_minor,
      recurring: { interval: 'month' },
      product_data: { name: `Roost ${plan.name}` },
      lookup_key: lookupKey,
      metadata: { roost_plan: plan.id },
    },
    { idempotencyKey: `roost:price:${lookupKey}` },
  );
  return price.id;
}

async function checkout(caller: Caller, planId: string | undefined): Promise<string> {
  const plan = caller.overview.plans.find((candidate) => candidate.id === planId);
  if (!plan) throw new HttpError(400, 'invalid_plan', 'Choose one of the plans.');
  if (caller.overview.source === 'subscription') {
    throw new HttpError(409, 'already_subscribed', 'Change or cancel the current plan in the billing portal.');
  }
  // What is left of the free trial carries over into the subscription.
  const trialEnd =
    caller.overview.source === 'trial' && caller.overview.trial_end ? Date.parse(caller.overview.trial_end) : 0;
  const trialDays = Math.ceil((trialEnd - Date.now()) / 86_400_000);
  const metadata = { organization_id: caller.organization.id, roost_plan: plan.id };
  const session = await stripe().checkout.sessions.create({
    mode: 'subscription',
    customer: await customerOf(caller),
    client_reference_id: caller.organization.id,
    line_items: [{ quantity: 1, price: await planPrice(plan) }],
    subscription_data: { metadata, ...(trialDays >= 1 ? { trial_period_days: trialDays } : {}) },
    metadata,
    success_url: billingUrl(caller, '?checkout=success'),
    cancel_url: billingUrl(caller, '?checkout=cancelled'),
  });
  if (!session.url) throw new Error('Checkout returned no URL');
  return session.url;
}

async function portal(caller: Caller): Promise<string> {
  // Every plan's price exists before the portal offers switching between them.
  for (const plan of caller.overview.plans) await planPrice(plan);
  const session = await stripe().billingPortal.sessions.create({
    customer: await customerOf(caller),
    return_url: billingUrl(caller),
  });
  return session.url;
}

async function connect(caller: Caller): Promise<string> {
  const link = await stripe().accountLinks.create({
    account: await connectAccountOf(caller),
    type: 'account_onboarding',
    refresh_url: billingUrl(caller, '?connect=refresh'),
    return_url: billingUrl(caller, '?connect=done'),
  });
  return link.url;
}

async function handle(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return preflight();
  if (req.method !== 'POST') return methodNotAllowed(['POST']);
  try {
    const claims = await requireUser(req);
    const input = parseInput(await readJson(req));
    const caller = await owner(claims, input.organization_id);
    const url =
      input.action === 'checkout'
        ? await checkout(caller, input.plan_id)
        : input.action === 'portal'
          ? await portal(caller)
          : await connect(caller);
    return json(200, { url });
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error);
    const refusal = httpErrorOf(error);
    if (refusal) return errorResponse(refusal);
    const stripeError = error as { type?: string; message?: string };
    if (stripeError.type?.startsWith('Stripe')) {
      console.error('billing: Stripe refused', stripeError.type, stripeError.message);
      return json(502, { code: 'stripe_unavailable', message: 'Stripe did not accept the request. Try again.' });
    }
    console.error('billing failed', error);
    return json(500, { code: 'internal_error', message: 'Billing could not be opened.' });
  }
}

Deno.serve(withRequestId(handle));
