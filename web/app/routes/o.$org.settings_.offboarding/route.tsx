// Leaving Roost (decision 038), for owners: export everything the organization holds (every row
// and stored file, as a zip prepared by the worker, with its progress and a download link), and
// delete the organization after a 30-day grace period, confirmed by typing its address and
// cancellable until the grace period ends. The RPCs decide (owners only); this page shows their answers.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { CheckedForm, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import {
  cancelDeletion,
  getDeletionRequest,
  listExports,
  type OrganizationExport,
  requestDeletion,
  requestExport,
} from '../../data/offboarding.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import offboardingStyles from './offboarding.css?url';
import { deletionSchema } from './offboarding.schema.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: offboardingStyles }];
export const meta: MetaFunction = () => [{ title: 'Export or delete the organization · Roost' }];

const OFFBOARDING_ERRORS: Record<string, ErrorPlacement> = {
  export_in_progress: { message: 'An export is already being prepared. Wait for it to finish.' },
  confirmation_mismatch: { field: 'confirmation', message: 'Type the organization’s address exactly to confirm.' },
  deletion_already_requested: { message: 'The deletion is already scheduled.' },
  deletion_in_progress: { message: 'The deletion has started and can no longer be cancelled.' },
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'owner');
  const [exports, deletion] = await Promise.all([
    listExports(context.supabase, organization.id),
    getDeletionRequest(context.supabase, organization.id),
  ]);
  return { organization, exports, deletion };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'owner');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const failed = (failure: FormFailure) => data({ intent, ...failure }, { status: 400 });
  const done = (saved: string) => redirect(`/o/${organization.slug}/settings/offboarding?saved=${saved}`);
  if (intent === 'export') {
    const result = await requestExport(context.supabase, organization.id);
    if (result.error) return failed(databaseFailure(result.error, OFFBOARDING_ERRORS));
    throw done('export');
  }
  if (intent === 'delete') {
    const parsed = parseForm(deletionSchema(organization.slug), form);
    if (!parsed.ok) return failed(parsed.failure);
    const result = await requestDeletion(context.supabase, organization.id, parsed.value.confirmation);
    if (result.error) return failed(databaseFailure(result.error, OFFBOARDING_ERRORS));
    throw done('delete');
  }
  if (intent === 'cancel-deletion') {
    const result = await cancelDeletion(context.supabase, organization.id);
    if (result.error) return failed(databaseFailure(result.error, OFFBOARDING_ERRORS));
    throw done('cancel-deletion');
  }
  return failed({ fieldErrors: {}, formError: 'This form is not known. Reload the page.' });
}

const STATUS_LABELS: Record<OrganizationExport['status'], string> = {
  queued: 'Waiting',
  running: 'Preparing',
  succeeded: 'Ready',
  failed: 'Failed',
};

function size(bytes: number | null): string {
  if (bytes === null) return '';
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export default function Offboarding() {
  const { organization, exports, deletion } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const preparing = exports.some((e) => e.status === 'queued' || e.status === 'running');
  // Progress comes from the worker: read it again every few seconds while an export is prepared.
  useEffect(() => {
    if (!preparing) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [preparing, revalidator]);
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.time_zone,
  });
  const day = new Intl.DateTimeFormat(organization.locale, { dateStyle: 'long', timeZone: organization.time_zone });
  const base = `/o/${organization.slug}/settings/offboarding`;
  const exportFailure = failure?.intent === 'export' ? failure : null;
  const cancelFailure = failure?.intent === 'cancel-deletion' ? failure : null;
  return (
    <>
      <h1>Export or delete {organization.name}</h1>
      <p className="muted">For owners leaving Roost, or keeping a full copy of their data.</p>

      <section className="section" aria-labelledby="export-heading">
        <h2 id="export-heading">Export everything</h2>
        <p>
          A zip file with every record of {organization.name} (one file per table, JSON lines) and every stored file
          (logos, invoices, menus, documents). It can take a few minutes; you can leave this page meanwhile.
        </p>
        <SavedNotice intent="export" text="The export is being prepared." />
        <FormError message={exportFailure?.formError} />
        <Form method="post" preventScrollReset className="offboarding-actions">
          <input type="hidden" name="intent" value="export" />
          <button type="submit" className="button button-primary" disabled={preparing}>
            {preparing ? 'Export in progress…' : 'Prepare an export'}
          </button>
        </Form>
        {exports.length === 0 ? (
          <div className="empty-state">No export yet. Prepare one to download a copy of everything.</div>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Exports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Status</th>
                <th scope="col">Contents</th>
                <th scope="col">
                  <span className="visually-hidden">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exports.map((item) => (
                <tr key={item.id}>
                  <td>{when.format(new Date(item.created_at))}</td>
                  <td>
                    <span className={`badge badge-job-${item.status}`}>{STATUS_LABELS[item.status]}</span>
                    {(item.status === 'queued' || item.status === 'running') && (
                      <>
                        {' '}
                        <progress
                          className="progress"
                          max={100}
                          value={item.progress}
                          aria-label={`Export progress ${item.progress}%`}
                        />{' '}
                        {item.progress}%
                      </>
                    )}
                    {item.status === 'failed' && <div className="muted">{item.error}</div>}
                  </td>
                  <td>
                    {item.status === 'succeeded'
                      ? `${item.rows_exported ?? 0} records, ${item.objects_exported ?? 0} files, ${size(item.size_bytes)}`
                      : ''}
                  </td>
                  <td>
                    {item.status === 'succeeded' && (
                      <a className="button button-small" href={`${base}/exports/${item.id}`} download>
                        Download zip
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="section danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete the organization</h2>
        {deletion ? (
          <>
            <div className="alert alert-error" role="status">
              {organization.name} will be deleted on <strong>{day.format(new Date(deletion.delete_after))}</strong>,
              with every property, booking, guest, order and stored file. Until then everything keeps working and you
              can cancel.
            </div>
            <SavedNotice intent="delete" text="The deletion is scheduled. Export your data before it happens." />
            <SavedNotice intent="cancel-deletion" text="The deletion is cancelled." />
            <FormError message={cancelFailure?.formError} />
            {deletion.started_at ? (
              <p>The deletion has started and can no longer be cancelled.</p>
            ) : (
              <Form method="post" preventScrollReset className="offboarding-actions">
                <input type="hidden" name="intent" value="cancel-deletion" />
                <button type="submit" className="button button-primary">
                  Cancel the deletion
                </button>
              </Form>
            )}
          </>
        ) : (
          <>
            <SavedNotice intent="cancel-deletion" text="The deletion is cancelled. Nothing will be deleted." />
            <p>
              Deleting {organization.name} removes every property, booking, guest, order, member access and stored file,
              for good. It happens 30 days after you ask; until then an owner can cancel it. Export your data first.
            </p>
            <CheckedForm
              intent="delete"
              schema={deletionSchema(organization.slug)}
              formKey={organization.slug}
              label="Delete the organization"
            >
              {(errors) => (
                <>
                  <FormError message={errors?.formError} />
                  <TextField
                    label={`Type ${organization.slug} to confirm`}
                    name="confirmation"
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                    errors={errors?.fieldErrors.confirmation}
                  />
                  <div className="form-actions">
                    <button type="submit" className="button button-danger">
                      Delete in 30 days
                    </button>
                  </div>
                </>
              )}
            </CheckedForm>
          </>
        )}
      </section>
    </>
  );
}
