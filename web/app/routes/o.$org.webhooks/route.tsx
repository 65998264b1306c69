// Outgoing webhooks of an organization (admins and owners; decision 030): the endpoints with
// their state and last answer, and a form to add one. A new endpoint's signing secret comes back
// from the action and is shown once; the database keeps it where no browser can read it again.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { createEndpoint, getUrlRules, listEndpoints } from '../../data/webhooks.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import type { FormFailure } from '../../utils/forms.ts';
import { EndpointForm, SecretOnce } from './endpoint-form.tsx';
import webhookStyles from './webhooks.css?url';
import { EVENT_LABELS, parseEndpointForm } from './webhooks.schema.ts';
import { WEBHOOK_ERRORS } from './webhooks.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: webhookStyles }];

export const meta: MetaFunction = () => [{ title: 'Webhooks · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const [endpoints, rules] = await Promise.all([
    listEndpoints(context.supabase, organization.id),
    getUrlRules(context.supabase),
  ]);
  return {
    organization: { slug: organization.slug, locale: organization.locale, timeZone: organization.time_zone },
    endpoints,
    rules,
  };
}

type ActionResult = (FormFailure & { intent: 'create' }) | { intent: 'created'; endpointId: string; secret: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const form = await request.formData();
  if (form.get('intent') !== 'create') {
    return data<ActionResult>(
      { intent: 'create', fieldErrors: {}, formError: 'This form is not known. Reload the page.' },
      { status: 400 },
    );
  }
  const rules = await getUrlRules(context.supabase);
  const parsed = parseEndpointForm(form, rules);
  if (!parsed.ok) return data<ActionResult>({ intent: 'create', ...parsed.failure }, { status: 400 });
  const created = await createEndpoint(context.supabase, organization.id, parsed.value);
  if (created.error) {
    return data<ActionResult>({ intent: 'create', ...databaseFailure(created.error, WEBHOOK_ERRORS) }, { status: 400 });
  }
  // Not a redirect: the secret travels in this one answer and is never readable again.
  return data<ActionResult>({ intent: 'created', ...created.value });
}

export default function Webhooks() {
  const { organization, endpoints, rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.timeZone,
  });
  const base = `/o/${organization.slug}/webhooks`;
  return (
    <>
      <h1>Webhooks</h1>
      <p className="muted">
        Roost POSTs bookings, orders, payments and new guests to your systems as they happen, signed with Standard
        Webhooks. Failed deliveries are retried for about a day; an endpoint that keeps failing is disabled and the
        admins are emailed.
      </p>
      <SavedNotice intent="deleted" text="Endpoint deleted." />
      {result?.intent === 'created' ? (
        <>
          <SecretOnce secret={result.secret} heading="Endpoint added." />
          <p>
            <Link to={`${base}/${result.endpointId}`}>Open the endpoint to send it a test event</Link>
          </p>
        </>
      ) : null}
      <section className="section" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Endpoints</h2>
        {endpoints.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Last delivery</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id}>
                  <td>
                    <Link to={`${base}/${endpoint.id}`} className="table-link webhook-url">
                      {endpoint.url}
                    </Link>
                    {endpoint.description ? <div className="cell-note">{endpoint.description}</div> : null}
                  </td>
                  <td className="cell-list">
                    {endpoint.events.length > 3
                      ? `${endpoint.events.length} events`
                      : endpoint.events.map((event) => EVENT_LABELS[event] ?? event).join(', ')}
                  </td>
                  <td>
                    {endpoint.enabled ? (
                      <span className="badge badge-endpoint-enabled">Enabled</span>
                    ) : (
                      <>
                        <span className="badge badge-endpoint-disabled">Disabled</span>
                        {endpoint.disabled_reason ? <div className="cell-note">{endpoint.disabled_reason}</div> : null}
                      </>
                    )}
                    {endpoint.queued_deliveries > 0 ? (
                      <div className="cell-note">{endpoint.queued_deliveries} waiting</div>
                    ) : null}
                  </td>
                  <td>
                    {endpoint.last_delivery_at ? (
                      <>
                        {endpoint.last_status_code ? `HTTP ${endpoint.last_status_code}` : 'No answer'}
                        <div className="cell-note">{when.format(new Date(endpoint.last_delivery_at))}</div>
                      </>
                    ) : (
                      <span className="muted">None yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="empty-state">
            <p>
              <strong>No endpoints yet.</strong> Add the URL of a system that should hear about new bookings, orders or
              payments below.
            </p>
          </div>
        )}
      </section>
      <section className="section" aria-labelledby="add-heading">
        <h2 id="add-heading">Add an endpoint</h2>
        <EndpointForm
          intent="create"
          label="Add an endpoint"
          submitLabel="Add endpoint"
          rules={rules}
          failure={result?.intent === 'create' ? result : undefined}
          formKey={result?.intent === 'created' ? result.endpointId : 'new'}
        />
      </section>
    </>
  );
}
