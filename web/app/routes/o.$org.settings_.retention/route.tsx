// Retention (decision 038): how long the organization keeps ID documents, inactive guests' data,
// mail bodies and notifications, and the log of the scheduled runs that apply it. Every member
// may read the policies (read-only below admin); owners and admins change them (RLS and the
// table's ranges decide; refusals come back on the fields); admins see the runs.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { CheckedForm, FormButton, NumberField, SavedNotice } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import {
  getRetentionPolicies,
  listRetentionRuns,
  type RetentionRun,
  RUN_PAGE_SIZE,
  updateRetentionPolicies,
} from '../../data/retention.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import retentionStyles from './retention.css?url';
import { RETENTION_RANGES, RetentionSchema } from './retention.schema.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: retentionStyles }];

export const meta: MetaFunction = () => [{ title: 'Data retention · Roost' }];

const range = (field: keyof typeof RETENTION_RANGES) => {
  const { min, max, unit } = RETENTION_RANGES[field];
  return { field, message: `Enter a whole number of ${unit} from ${min} to ${max}.` };
};

const RETENTION_ERRORS: Record<string, ErrorPlacement> = {
  retention_policies_id_scan_days_range: range('id_scan_days'),
  retention_policies_inactive_guest_years_range: range('inactive_guest_years'),
  retention_policies_mail_body_days_range: range('mail_body_days'),
  retention_policies_notification_days_range: range('notification_days'),
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org, 'viewer');
  const canEdit = roleAtLeast(membership.role, 'admin');
  const page = Math.max(1, Math.min(10_000, Number(new URL(request.url).searchParams.get('page')) || 1));
  const policies = await getRetentionPolicies(context.supabase, organization.id);
  const runs = canEdit ? await listRetentionRuns(context.supabase, organization.id, page) : { runs: [], total: 0 };
  return { organization, policies, canEdit, page, pageSize: RUN_PAGE_SIZE, ...runs };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const form = await request.formData();
  const failed = (failure: FormFailure) => data({ intent: 'retention', ...failure }, { status: 400 });
  const parsed = parseForm(RetentionSchema, form);
  if (!parsed.ok) return failed(parsed.failure);
  const saved = await updateRetentionPolicies(context.supabase, organization.id, parsed.value);
  if (saved.error) return failed(databaseFailure(saved.error, RETENTION_ERRORS));
  throw redirect(`/o/${organization.slug}/settings/retention?saved=retention`);
}

const POLICY_NAMES: Record<RetentionRun['policy'], string> = {
  id_scans: 'ID documents and scans',
  inactive_guests: 'Inactive guests',
  mail_bodies: 'Email contents',
  notifications: 'Notifications and webhook deliveries',
};

function describeRun(run: RetentionRun): string {
  const parts = [
    run.rows_deleted ? `${run.rows_deleted} deleted` : '',
    run.rows_anonymised ? `${run.rows_anonymised} anonymised or emptied` : '',
    run.objects_deleted ? `${run.objects_deleted} ${run.objects_deleted === 1 ? 'file' : 'files'} deleted` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Nothing was due';
}

export default function Retention() {
  const { organization, policies, canEdit, page, pageSize, runs, total } = useLoaderData<typeof loader>();
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.time_zone,
  });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const base = `/o/${organization.slug}/settings/retention`;
  return (
    <>
      <h1>Data retention</h1>
      <p className="muted">
        How long {organization.name} keeps personal data. Roost deletes or anonymises what is older every night;
        financial records (bookings, folios, invoices) are kept.
      </p>
      <section className="section" aria-labelledby="policies-heading">
        <h2 id="policies-heading">Policies</h2>
        {!canEdit && (
          <p className="muted">Only owners and admins can change these. Ask one of them if a period should differ.</p>
        )}
        <SavedNotice intent="retention" text="Retention policies saved. The next nightly run applies them." />
        <CheckedForm
          intent="retention"
          schema={RetentionSchema}
          formKey={policies.updated_at}
          label="Retention policies"
        >
          {(errors) => (
            <fieldset disabled={!canEdit} className="retention-fields">
              <legend className="visually-hidden">Retention periods</legend>
              <FormError message={errors?.formError} />
              <div className="field-row field-row-2">
                <NumberField
                  label="Delete ID documents and scans after (days)"
                  name="id_scan_days"
                  value={policies.id_scan_days}
                  hint="Counted from check-in, when the document was captured. 1 to 365."
                  errors={errors?.fieldErrors.id_scan_days}
                />
                <NumberField
                  label="Anonymise guests inactive for (years)"
                  name="inactive_guest_years"
                  value={policies.inactive_guest_years}
                  hint="No stay, order or profile change for this long. 1 to 10."
                  errors={errors?.fieldErrors.inactive_guest_years}
                />
              </div>
              <div className="field-row field-row-2">
                <NumberField
                  label="Empty sent emails after (days)"
                  name="mail_body_days"
                  value={policies.mail_body_days}
                  hint="The recipient, subject and delivery status stay. 7 to 730."
                  errors={errors?.fieldErrors.mail_body_days}
                />
                <NumberField
                  label="Delete notifications and webhook deliveries after (days)"
                  name="notification_days"
                  value={policies.notification_days}
                  hint="7 to 730."
                  errors={errors?.fieldErrors.notification_days}
                />
              </div>
              {canEdit && <FormButton label="Save policies" />}
            </fieldset>
          )}
        </CheckedForm>
      </section>
      {canEdit && (
        <section className="section" aria-labelledby="runs-heading">
          <h2 id="runs-heading">Recent runs</h2>
          {runs.length === 0 ? (
            <div className="empty-state">
              No run yet. Retention runs every night; the first run's results will appear here.
            </div>
          ) : (
            <>
              <table className="table">
                <caption className="visually-hidden">Retention runs, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Policy</th>
                    <th scope="col">Kept</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((run) => (
                    <tr key={run.id}>
                      <td className="retention-nowrap">{when.format(new Date(run.started_at))}</td>
                      <td>{POLICY_NAMES[run.policy]}</td>
                      <td className="retention-nowrap">
                        {run.setting} {run.policy === 'inactive_guests' ? 'years' : 'days'}
                      </td>
                      <td>
                        {run.status === 'failed' ? (
                          <>
                            <span className="badge badge-job-failed">Failed</span> {run.error}
                          </>
                        ) : (
                          describeRun(run)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pagination page={page} pages={pages} href={(n) => (n === 1 ? base : `${base}?page=${n}`)} />
            </>
          )}
        </section>
      )}
    </>
  );
}
