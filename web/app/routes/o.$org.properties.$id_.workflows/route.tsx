// A property's workflows (managers of it and up; staff and viewers get 403): what is sent to
// guests, staff, an address or a webhook when a booking is confirmed, changes, is cancelled or
// is a no-show, hours before arrival or after departure, or when an order is ready. List, add,
// edit, pause or resume, test-send to yourself, remove after a confirmation; below, a page at a
// time, the log of what was sent. The database schedules and the worker sends (decision 031).
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { IntentError } from '../../components/intent-error.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { PropertyNav } from '../../components/property-nav.tsx';
import {
  createWorkflow,
  getWorkflow,
  listSendLog,
  listWebhookTargets,
  listWorkflows,
  removeWorkflow,
  requestTestSend,
  SEND_LOG_PAGE_SIZE,
  updateWorkflow,
} from '../../data/workflows.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { requireProperty } from '../../utils/property-access.server.ts';
import { SendLog } from './send-log.tsx';
import { WorkflowActiveSchema, WorkflowIdSchema, workflowSchema } from './workflow.schema.ts';
import { WORKFLOW_ERRORS } from './workflow-errors.server.ts';
import { WorkflowForm } from './workflow-form.tsx';
import { RemoveWorkflowPanel, WorkflowTable } from './workflow-list.tsx';
import styles from './workflows.css?url';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Workflows · ${data?.property.name ?? 'Property'} · Roost` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const url = new URL(args.request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const opened = url.searchParams.get('workflow') ?? url.searchParams.get('remove');
  const [workflows, log, openedWorkflow, webhookTargets] = await Promise.all([
    listWorkflows(supabase, property.id),
    listSendLog(supabase, property.id, page - 1),
    opened ? getWorkflow(supabase, property.id, opened) : Promise.resolve(null),
    listWebhookTargets(supabase, organization.id),
  ]);
  return {
    organization: { slug: organization.slug },
    property: { id: property.id, name: property.name, time_zone: property.time_zone, currency: property.currency },
    workflows,
    sends: log.sends,
    total: log.total,
    page,
    pageSize: SEND_LOG_PAGE_SIZE,
    webhookTargets,
    editing: url.searchParams.has('workflow') ? openedWorkflow : null,
    removing: url.searchParams.has('remove') ? openedWorkflow : null,
  };
}

type Intent = 'add-workflow' | 'edit-workflow' | 'workflow-active' | 'test-send' | 'remove-workflow';
const failed = (intent: Intent, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent')) as Intent;
  const done = (what: Intent, anchor = 'workflows-heading') =>
    redirect(`/o/${organization.slug}/properties/${property.id}/workflows?saved=${what}#${anchor}`);
  switch (intent) {
    case 'add-workflow':
    case 'edit-workflow': {
      const parsed = parseForm(workflowSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      let saved: Awaited<ReturnType<typeof createWorkflow>>;
      if (intent === 'add-workflow') {
        saved = await createWorkflow(supabase, { id: property.id, organization_id: organization.id }, parsed.value);
      } else {
        const id = parseForm(WorkflowIdSchema, form);
        if (!id.ok) return failed(intent, { fieldErrors: {}, formError: 'Choose a workflow to edit.' });
        saved = await updateWorkflow(supabase, property.id, id.value.workflow_id, parsed.value);
      }
      if (saved.error) return failed(intent, databaseFailure(saved.error, WORKFLOW_ERRORS));
      throw done(intent);
    }
    case 'workflow-active': {
      const parsed = parseForm(WorkflowActiveSchema, form);
      if (!parsed.ok) throw data({ message: 'Choose a workflow.' }, { status: 400 });
      const saved = await updateWorkflow(supabase, property.id, parsed.value.workflow_id, {
        active: parsed.value.active,
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, WORKFLOW_ERRORS));
      throw done(intent);
    }
    case 'test-send': {
      const parsed = parseForm(WorkflowIdSchema, form);
      if (!parsed.ok) throw data({ message: 'Choose a workflow.' }, { status: 400 });
      const saved = await requestTestSend(supabase, parsed.value.workflow_id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, WORKFLOW_ERRORS));
      throw done(intent, 'log-heading');
    }
    case 'remove-workflow': {
      const parsed = parseForm(WorkflowIdSchema, form);
      if (!parsed.ok) throw data({ message: 'Choose a workflow.' }, { status: 400 });
      const saved = await removeWorkflow(supabase, property.id, parsed.value.workflow_id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, WORKFLOW_ERRORS));
      throw done(intent);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function Workflows() {
  const { organization, property, workflows, sends, total, page, pageSize, webhookTargets, editing, removing } =
    useLoaderData<typeof loader>();
  const base = `/o/${organization.slug}/properties/${property.id}`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (params: Record<string, string>) =>
    `?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), ...params })}`;
  const back = `${href({})}#workflows-heading`;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/o/${organization.slug}/properties`}>Properties</Link>
      </p>
      <h1>{property.name}</h1>
      <p className="muted">{property.time_zone.replaceAll('_', ' ')} · Times in the property’s time zone</p>
      <PropertyNav base={base} />
      <section className="section" aria-labelledby="workflows-heading">
        <h2 id="workflows-heading">Workflows</h2>
        <p className="muted">
          Messages sent for you when something happens to a booking or an order, or a number of hours before arrival or
          after departure. Reminders move when a booking moves and are dropped when it is cancelled.
        </p>
        <SavedNotice intent="workflow-active" text="Workflow updated." />
        <SavedNotice intent="remove-workflow" text="Workflow removed." />
        <IntentError intent="workflow-active" />
        <IntentError intent="remove-workflow" />
        <IntentError intent="test-send" />
        {removing ? <RemoveWorkflowPanel workflow={removing} back={back} /> : null}
        {workflows.length ? (
          <WorkflowTable
            workflows={workflows}
            href={(params) => `${href(params)}#${'workflow' in params ? 'workflow-form' : 'workflows-heading'}`}
          />
        ) : (
          <p className="empty-state">No workflows yet. Add one below, such as a reminder the day before arrival.</p>
        )}
      </section>
      <WorkflowForm
        workflow={editing ?? undefined}
        count={workflows.length}
        webhookTargets={webhookTargets}
        back={back}
      />
      <section className="section" aria-labelledby="log-heading">
        <h2 id="log-heading">Sent and scheduled</h2>
        <SavedNotice
          intent="test-send"
          text="Test queued: it goes to your own address within a few seconds, with the latest booking’s details."
        />
        {sends.length ? (
          <SendLog sends={sends} timeZone={property.time_zone} />
        ) : (
          <p className="empty-state">
            {page > 1 ? 'Nothing on this page.' : 'Nothing sent yet. Bookings and test-sends appear here.'}
          </p>
        )}
        <Pagination page={page} pages={pages} href={(n) => `${n > 1 ? `?page=${n}` : '?'}#log-heading`} />
      </section>
    </>
  );
}
