// Billing (owners; decision 036): Roost's plan for the organization (trial, status, properties
// used of the plan's number), Checkout to subscribe, Stripe's customer portal to change or cancel,
// and Connect onboarding for the Stripe account that receives the guests' payments. The buttons
// post here; the action asks the billing edge function for the Stripe page and redirects to it.
// What Stripe then does comes back through its webhooks, so the page reads the mirrored state.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { FormError } from '../../components/forms.tsx';
import { type BillingOverview, type BillingPlan, getBillingOverview, openBilling } from '../../data/billing.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { parseForm } from '../../utils/forms.ts';
import billingStyles from './billing.css?url';
import { BillingSchema } from './billing.schema.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: billingStyles }];

export const meta: MetaFunction = () => [{ title: 'Billing · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'owner');
  const overview = await getBillingOverview(context.supabase, organization.id);
  return { organization, overview };
}

/** What to tell the owner when Stripe's page could not be opened, by the function's code. */
const REFUSALS: Record<string, string> = {
  already_subscribed: 'You already have a plan: change or cancel it with “Manage subscription”.',
  invalid_plan: 'Choose one of the plans below.',
  insufficient_role: 'Only owners manage billing.',
  stripe_unavailable: 'Stripe did not answer. Try again in a moment.',
  billing_unreachable: 'Billing could not be reached. Try again in a moment.',
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'owner');
  const parsed = parseForm(BillingSchema, await request.formData());
  if (!parsed.ok) return data({ formError: 'Choose one of the buttons on this page.' }, { status: 400 });
  const opened = await openBilling(context.supabase, {
    organizationId: organization.id,
    action: parsed.value.intent,
    ...(parsed.value.intent === 'checkout' ? { planId: parsed.value.plan_id } : {}),
  });
  if (opened.error) {
    const message = REFUSALS[opened.error.message] ?? 'Billing could not be opened. Try again.';
    return data({ formError: message }, { status: opened.error.code === '403' ? 403 : 400 });
  }
  throw redirect(opened.url);
}

const NOTICES: Record<string, string> = {
  'checkout=success': 'Thank you: your subscription is set up. Its status below updates as soon as Stripe confirms it.',
  'checkout=cancelled': 'Checkout was cancelled: nothing changed.',
  'connect=done': 'Stripe onboarding finished. Guest payments start once Stripe has enabled the account.',
  'connect=refresh': 'The onboarding link expired: continue onboarding to get a new one.',
};

function statusText(overview: BillingOverview, date: (iso: string) => string): string {
  if (overview.source === 'none') return 'No plan: the free trial has ended';
  if (overview.source === 'trial') return `Free trial until ${date(overview.trial_end ?? '')}`;
  if (overview.cancel_at_period_end && overview.current_period_end) {
    return `Cancels on ${date(overview.current_period_end)}`;
  }
  switch (overview.status) {
    case 'trialing':
      return overview.trial_end ? `Trial until ${date(overview.trial_end)}` : 'Trial';
    case 'past_due':
      return 'Payment overdue: update the card in the billing portal';
    default:
      return overview.current_period_end ? `Active, renews on ${date(overview.current_period_end)}` : 'Active';
  }
}

function PlanRow({
  plan,
  overview,
  money,
  busy,
}: {
  plan: BillingPlan;
  overview: BillingOverview;
  money: (plan: BillingPlan) => string;
  busy: boolean;
}) {
  const current = overview.source === 'subscription' && overview.plan_id === plan.id;
  const tooSmall = plan.max_properties < overview.property_count;
  return (
    <tr>
      <th scope="row">{plan.name}</th>
      <td className="nowrap">{money(plan)}</td>
      <td>{plan.max_properties === 1 ? '1 property' : `Up to ${plan.max_properties} properties`}</td>
      <td>{(plan.application_fee_bps / 100).toLocaleString('en', { maximumFractionDigits: 2 })} %</td>
      <td className="row-actions">
        {current ? (
          <span className="badge badge-owner">Current plan</span>
        ) : overview.source === 'subscription' ? (
          <span className="muted">Switch in the portal</span>
        ) : tooSmall ? (
          <span className="muted">You have {overview.property_count} properties</span>
        ) : (
          <Form method="post">
            <input type="hidden" name="plan_id" value={plan.id} />
            <button
              type="submit"
              name="intent"
              value="checkout"
              className="button button-small"
              disabled={busy}
              aria-label={`Choose ${plan.name}`}
            >
              Choose
            </button>
          </Form>
        )}
      </td>
    </tr>
  );
}

export default function Billing() {
  const { organization, overview } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const [search] = useSearchParams();
  const notice = Object.entries(NOTICES).find(([query]) => {
    const [key, value] = query.split('=');
    return search.get(key ?? '') === value;
  })?.[1];
  const date = (iso: string) =>
    new Intl.DateTimeFormat(organization.locale, { dateStyle: 'long', timeZone: organization.time_zone }).format(
      new Date(iso),
    );
  const money = (plan: BillingPlan) =>
    `${new Intl.NumberFormat(organization.locale, { style: 'currency', currency: plan.currency }).format(
      plan.monthly_price_minor / 100,
    )} / month`;
  const current = overview.plans.find((plan) => plan.id === overview.plan_id);
  const payments = overview.payments;
  const paymentsReady = payments?.charges_enabled === true;
  return (
    <>
      <h1>Billing</h1>
      <p className="muted">
        Roost’s plan for {organization.name}, and the Stripe account that receives your guests’ payments.
      </p>
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <FormError message={failure?.formError} />

      <section className="section" aria-labelledby="plan-heading">
        <h2 id="plan-heading">Your plan</h2>
        <dl className="facts">
          <div>
            <dt>Plan</dt>
            <dd>{current ? `${current.name}${overview.source === 'trial' ? ' (trial)' : ''}` : 'None'}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{statusText(overview, date)}</dd>
          </div>
          <div>
            <dt>Properties</dt>
            <dd>
              {overview.max_properties > 0
                ? `${overview.property_count} of ${overview.max_properties} used`
                : `${overview.property_count} (no plan)`}
            </dd>
          </div>
        </dl>
        {overview.source === 'subscription' ? (
          <Form method="post" className="form-actions billing-actions">
            <button type="submit" name="intent" value="portal" className="button button-primary" disabled={busy}>
              Manage subscription
            </button>
            <span className="muted">Change the plan, the card or the invoices’ details, or cancel, on Stripe.</span>
          </Form>
        ) : (
          <p className="muted">
            {overview.source === 'trial'
              ? 'Choose a plan below before the trial ends; what is left of the trial stays free.'
              : 'Choose a plan below to add properties again.'}
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans</h2>
        <table className="table billing-plans">
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Price</th>
              <th scope="col">Properties</th>
              <th scope="col">Fee on guest payments</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.plans.map((plan) => (
              <PlanRow key={plan.id} plan={plan} overview={overview} money={money} busy={busy} />
            ))}
          </tbody>
        </table>
      </section>

      <section className="section" aria-labelledby="payments-heading">
        <h2 id="payments-heading">Guest payments</h2>
        <p className="muted">
          Deposits and prepayments from your booking widgets go to your own Stripe account (Stripe Connect); Roost keeps
          the plan’s fee.
        </p>
        <dl className="facts">
          <div>
            <dt>Stripe account</dt>
            <dd>{!payments ? 'Not connected' : paymentsReady ? 'Ready' : 'Onboarding not finished'}</dd>
          </div>
          <div>
            <dt>Payouts</dt>
            <dd>{payments?.payouts_enabled ? 'Enabled' : 'Not enabled'}</dd>
          </div>
        </dl>
        <Form method="post" className="form-actions billing-actions">
          <button
            type="submit"
            name="intent"
            value="connect"
            className={paymentsReady ? 'button' : 'button button-primary'}
            disabled={busy}
          >
            {!payments ? 'Connect a Stripe account' : paymentsReady ? 'Update payout details' : 'Continue onboarding'}
          </button>
        </Form>
      </section>
    </>
  );
}
