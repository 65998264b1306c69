// One webhook endpoint (admins and owners; decision 030): its settings, enable/disable, a new
// signing secret (shown once; the old one keeps signing for 24 hours), a test event, deletion
// after a confirmation, and its delivery log a page at a time with replay of finished deliveries.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import {
  deleteEndpoint,
  getUrlRules,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  rotateSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from '../../data/webhooks.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import type { FormFailure } from '../../utils/forms.ts';
import { EndpointForm, SecretOnce } from '../o.$org.webhooks/endpoint-form.tsx';
import webhookStyles from '../o.$org.webhooks/webhooks.css?url';
import { IdSchema, parseEndpointForm } from '../o.$org.webhooks/webhooks.schema.ts';
import { WEBHOOK_ERRORS } from '../o.$org.webhooks/webhooks.server.ts';
import { DeliveryLog } from './delivery-log.tsx';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: webhookStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.endpoint.url ?? 'Webhook endpoint'} · Webhooks · Roost` },
];

const notFound = () => data({ message: 'No such webhook endpoint.' }, { status: 404 });

async function endpointOf(context: LoaderFunctionArgs['context'], organizationId: string, id: string | undefined) {
  if (!IdSchema.safeParse(id).success) throw notFound();
  const endpoint = (await listEndpoints(context.supabase, organizationId)).find((row) => row.id === id);
  if (!endpoint) throw notFound();
  return endpoint;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const endpoint = await endpointOf(context, organization.id, params.endpoint);
  const url = new URL(request.url);
  const page = Math.min(Math.max(Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1, 1), 50_000);
  const [log, rules] = await Promise.all([
    listDeliveries(context.supabase, endpoint.id, page),
    getUrlRules(context.supabase),
  ]);
  return {
    organization: { slug: organization.slug, locale: organization.locale, timeZone: organization.time_zone },
    endpoint,
    rules,
    page,
    ...log,
    confirmDelete: url.searchParams.has('delete'),
  };
}

type ActionResult = (FormFailure & { intent: string }) | { intent: 'rotated'; secret: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const endpoint = await endpointOf(context, organization.id, params.endpoint);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const here = `/o/${organization.slug}/webhooks/${endpoint.id}`;
  const failed = (failure: FormFailure, status = 400) => data<ActionResult>({ intent, ...failure }, { status });
  const refused = (error: Parameters<typeof databaseFailure>[0]) => failed(databaseFailure(error, WEBHOOK_ERRORS));

  switch (intent) {
    case 'update': {
      const parsed = parseEndpointForm(form, await getUrlRules(context.supabase));
      if (!parsed.ok) return failed(parsed.failure);
      const saved = await updateEndpoint(context.supabase, endpoint.id, parsed.value);
      if (saved.error) return refused(saved.error);
      throw redirect(`${here}?saved=update`);
    }
    case 'enable':
    case 'disable': {
      const saved = await setEndpointEnabled(context.supabase, endpoint.id, intent === 'enable');
      if (saved.error) return refused(saved.error);
      throw redirect(`${here}?saved=${intent}`);
    }
    case 'rotate': {
      const rotated = await rotateSecret(context.supabase, endpoint.id);
      if (rotated.error) return refused(rotated.error);
      return data<ActionResult>({ intent: 'rotated', secret: rotated.value });
    }
    case 'test': {
      const sent = await sendTestEvent(context.supabase, endpoint.id);
      if (sent.error) return refused(sent.error);
      throw redirect(`${here}?saved=test`);
    }
    case 'replay': {
      const delivery = IdSchema.safeParse(form.get('delivery_id'));
      if (!delivery.success)
        return failed({ fieldErrors: {}, formError: 'This delivery is not known. Reload the page.' });
      const replayed = await replayDelivery(context.supabase, delivery.data);
      if (replayed.error) return refused(replayed.error);
      throw redirect(`${here}?saved=replay`);
    }
    case 'delete': {
      const deleted = await deleteEndpoint(context.supabase, endpoint.id);
      if (deleted.error) return refused(deleted.error);
      throw redirect(`/o/${organization.slug}/webhooks?saved=deleted`);
    }
    default:
      return failed({ fieldErrors: {}, formError: 'This form is not known. Reload the page.' });
  }
}

export default function WebhookEndpoint() {
  const { organization, endpoint, rules, page, pages, deliveries, confirmDelete } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/o/${organization.slug}/webhooks`;
  const here = `${base}/${endpoint.id}`;
  const failure = result && 'fieldErrors' in result ? result : undefined;
  const rotatedSecret = result && 'secret' in result ? result.secret : null;
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: organization.timeZone,
  });
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={base}>Webhooks</Link>
      </nav>
      <h1 className="webhook-url">{endpoint.url}</h1>
      <p>
        {endpoint.enabled ? (
          <span className="badge badge-endpoint-enabled">Enabled</span>
        ) : (
          <span className="badge badge-endpoint-disabled">Disabled</span>
        )}{' '}
        {endpoint.description ? <span className="muted">{endpoint.description}</span> : null}
      </p>
      {!endpoint.enabled && endpoint.disabled_reason ? (
        <div className="alert alert-error" role="status">
          {endpoint.disabled_reason} Events are not sent while it is disabled; deliveries already waiting resume when
          you enable it again.
        </div>
      ) : null}
      {rotatedSecret ? <SecretOnce secret={rotatedSecret} heading="New signing secret made." /> : null}
      <SavedNotice intent="update" text="Endpoint saved." />
      <SavedNotice intent="enable" text="Endpoint enabled." />
      <SavedNotice intent="disable" text="Endpoint disabled." />
      <SavedNotice intent="test" text="Test event queued: it shows in the log below within seconds." />
      <SavedNotice intent="replay" text="Delivery queued again." />
      {failure && failure.intent !== 'update' ? <FormError message={failure.formError} /> : null}

      <div className="webhook-actions">
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="test" />
          <button type="submit" className="button button-primary" disabled={!endpoint.enabled}>
            Send a test event
          </button>
        </Form>
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value={endpoint.enabled ? 'disable' : 'enable'} />
          <button type="submit" className="button">
            {endpoint.enabled ? 'Disable' : 'Enable'}
          </button>
        </Form>
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="rotate" />
          <button type="submit" className="button">
            New signing secret
          </button>
        </Form>
        <Link to={`${here}?delete`} className="button button-danger-quiet" preventScrollReset>
          Delete…
        </Link>
      </div>
      <p className="muted">
        A new signing secret is shown once; the current one keeps signing beside it for 24 hours, so your receiver can
        switch without missing a delivery.
        {endpoint.secret_rotated_at ? ` Current secret made ${when.format(new Date(endpoint.secret_rotated_at))}.` : ''}
      </p>

      {confirmDelete ? (
        <section className="panel panel-danger" aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete this endpoint?</h2>
          <p>Roost stops sending events to it at once, and its delivery log is deleted with it.</p>
          <Form method="post" className="panel-actions">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button button-danger">
              Delete endpoint
            </button>
            <Link to={here} className="button button-quiet">
              Keep it
            </Link>
          </Form>
        </section>
      ) : null}

      <section className="section" aria-labelledby="log-heading">
        <h2 id="log-heading">Deliveries</h2>
        <DeliveryLog deliveries={deliveries} when={when} />
        <Pagination
          page={page}
          pages={pages}
          href={(n) => (n === 1 ? here : `${here}?page=${n}`)}
          label="Delivery log pages"
        />
      </section>

      <section className="section" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <EndpointForm
          intent="update"
          label="Endpoint settings"
          submitLabel="Save endpoint"
          rules={rules}
          failure={failure?.intent === 'update' ? failure : undefined}
          defaults={endpoint}
          formKey={`${endpoint.url}|${endpoint.events.join()}|${endpoint.description ?? ''}`}
        />
      </section>
    </>
  );
}
