// A guest's data requests (GDPR, decision 037; admins and owners, others get 403): export
// everything Roost holds about the guest as a zip (prepared by the worker, with its progress and
// a download link), and erase the guest (confirmed by typing their name): anonymised everywhere,
// documents deleted, financial records kept under a pseudonym. The RPCs decide; this page shows
// their answers and the requests' progress, self-service ones included.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { CheckedForm, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import {
  type GuestDataRequest,
  listGuestDataRequests,
  requestGuestErasure,
  requestGuestExport,
} from '../../data/guest-data-requests.server.ts';
import { getGuest } from '../../data/guests.server.ts';
import { listMembers } from '../../data/memberships.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { erasureSchema } from './erasure.schema.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Data requests · ${data?.guest.full_name ?? 'Guest'} · Roost` },
];

const REQUEST_ERRORS: Record<string, ErrorPlacement> = {
  guest_not_found: { message: 'This guest no longer exists, or has been erased.' },
  confirm_name_mismatch: { field: 'confirm_name', message: 'Type the guest’s full name exactly to confirm.' },
  invalid_confirm_name: { field: 'confirm_name', message: 'Type the guest’s full name to confirm.' },
  erasure_pending: { message: 'An erasure of this guest is already under way.' },
  insufficient_role: { message: 'Only admins and owners may export or erase a guest’s data.' },
};

async function requireGuest({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireMember(request, context, params.org, 'admin');
  const guest = await getGuest(context.supabase, access.organization.id, params.id ?? '');
  if (!guest) throw data({ message: 'No such guest in this organization.' }, { status: 404 });
  return { ...access, guest };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, guest } = await requireGuest(args);
  const [requests, members] = await Promise.all([
    listGuestDataRequests(args.context.supabase, guest.id),
    listMembers(args.context.supabase, organization.id),
  ]);
  const names = new Map(members.map((member) => [member.userId, member.displayName ?? 'A member']));
  return {
    organization: {
      slug: organization.slug,
      name: organization.name,
      locale: organization.locale,
      time_zone: organization.time_zone,
    },
    guest: { id: guest.id, full_name: guest.full_name, erased_at: guest.erased_at },
    requests: requests.map((request) => ({
      ...request,
      by:
        request.channel === 'self_service'
          ? 'The guest (booking reference and email)'
          : request.requested_by
            ? (names.get(request.requested_by) ?? 'A former member')
            : 'Unknown',
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { organization, guest } = await requireGuest(args);
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  const failed = (failure: FormFailure) => data({ intent, ...failure }, { status: 400 });
  const done = (saved: string) => redirect(`/o/${organization.slug}/guests/${guest.id}/data?saved=${saved}`);
  if (intent === 'export') {
    const result = await requestGuestExport(args.context.supabase, guest.id);
    if (result.error) return failed(databaseFailure(result.error, REQUEST_ERRORS));
    throw done('export');
  }
  if (intent === 'erase') {
    const parsed = parseForm(erasureSchema(guest.full_name), form);
    if (!parsed.ok) return failed(parsed.failure);
    const result = await requestGuestErasure(args.context.supabase, guest.id, parsed.value.confirm_name);
    if (result.error) return failed(databaseFailure(result.error, REQUEST_ERRORS));
    throw done('erase');
  }
  return failed({ fieldErrors: {}, formError: 'This form is not known. Reload the page.' });
}

const STATUS_LABELS: Record<GuestDataRequest['status'], string> = {
  queued: 'Waiting',
  running: 'In progress',
  succeeded: 'Done',
  failed: 'Failed',
};

export default function GuestDataRequests() {
  const { organization, guest, requests } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const busy = requests.some((r) => r.status === 'queued' || r.status === 'running');
  const erasing = requests.some((r) => r.kind === 'erasure' && (r.status === 'queued' || r.status === 'running'));
  // Progress comes from the worker: read it again every two seconds while a request runs.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [busy, revalidator]);
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.time_zone,
  });
  const base = `/o/${organization.slug}/guests/${guest.id}`;
  const exportFailure = failure?.intent === 'export' ? failure : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/o/${organization.slug}/guests`}>Guests</Link> › <Link to={base}>{guest.full_name}</Link>
      </p>
      <h1>Data requests: {guest.full_name}</h1>
      {guest.erased_at ? (
        <div className="alert alert-success" role="status">
          This guest was erased on {when.format(new Date(guest.erased_at))}. {organization.name} keeps only their
          bookings, folios and invoices under the pseudonym “{guest.full_name}”; nothing else of theirs is stored.
        </div>
      ) : (
        <p className="muted">
          Answer a guest’s request under data protection law: give them a copy of their data, or erase it.
        </p>
      )}

      {!guest.erased_at && (
        <section className="section" aria-labelledby="export-heading">
          <h2 id="export-heading">Export the guest’s data</h2>
          <p>
            A zip file with everything {organization.name} holds about this guest: profile, consent history, stays,
            orders, folio entries, loyalty points, messages sent and stored documents, as JSON and CSV files. Send it to
            the guest yourself; guests can also ask for it on the public data request page.
          </p>
          <SavedNotice intent="export" text="The export is being prepared." />
          <FormError message={exportFailure?.formError} />
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="export" />
            <button type="submit" className="button button-primary" disabled={erasing}>
              Export data
            </button>
          </Form>
        </section>
      )}

      <section className="section" aria-labelledby="requests-heading">
        <h2 id="requests-heading">Requests</h2>
        <SavedNotice intent="erase" text="The erasure has started. It cannot be undone." />
        {requests.length === 0 ? (
          <div className="empty-state">No request yet. Export the guest’s data when they ask for a copy.</div>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Data requests of this guest, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Request</th>
                <th scope="col">By</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((item) => (
                <tr key={item.id}>
                  <td>{when.format(new Date(item.created_at))}</td>
                  <td>{item.kind === 'export' ? 'Export' : 'Erasure'}</td>
                  <td>{item.by}</td>
                  <td>
                    <span className={`badge badge-job-${item.status}`}>{STATUS_LABELS[item.status]}</span>
                    {(item.status === 'queued' || item.status === 'running') && (
                      <>
                        {' '}
                        <progress
                          className="progress"
                          max={100}
                          value={item.progress}
                          aria-label={`${item.kind === 'export' ? 'Export' : 'Erasure'} progress ${item.progress}%`}
                        />{' '}
                        {item.progress}%
                      </>
                    )}
                    {item.status === 'failed' && <div className="muted">{item.error?.message}</div>}
                  </td>
                  <td>
                    {item.kind === 'export' && item.status === 'succeeded' && item.object_name ? (
                      <a className="button button-small" href={`${base}/data/${item.id}`} download>
                        Download zip
                      </a>
                    ) : item.kind === 'export' && item.status === 'succeeded' ? (
                      <span className="muted">Deleted with the erasure</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {!guest.erased_at && (
        <section className="section danger-zone" aria-labelledby="erase-heading">
          <h2 id="erase-heading">Erase the guest</h2>
          <p>
            Erasing replaces the guest’s name with a pseudonym everywhere, removes their email, phone, notes, identity
            documents and stored scans, and their details from messages and the audit log. Bookings, folios and invoices
            stay, as the law requires, under the pseudonym. This cannot be undone.
          </p>
          <CheckedForm
            intent="erase"
            schema={erasureSchema(guest.full_name)}
            formKey={guest.full_name}
            label="Erase the guest"
          >
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <TextField
                  label={`Type ${guest.full_name} to confirm`}
                  name="confirm_name"
                  autoComplete="off"
                  spellCheck={false}
                  errors={errors?.fieldErrors.confirm_name}
                />
                <div className="form-actions">
                  <button type="submit" className="button button-danger" disabled={erasing}>
                    Erase this guest
                  </button>
                </div>
              </>
            )}
          </CheckedForm>
        </section>
      )}
    </>
  );
}
