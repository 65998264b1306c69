// Jobs (staff and up): the vision and ML work asked for at the organization's properties, newest
// first, with where each stands and what came of it, a page at a time. RLS shows a member the jobs
// of the properties they work at; the GPU worker alone moves them along.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { Pagination } from '../../components/pagination.tsx';
import { JOBS_PAGE_SIZE, listJobs, propertyNames } from '../../data/jobs.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { z } from 'zod';
import { errorSummary, JOB_STATUSES, KIND_LABELS, resultSummary, STATUS_LABELS } from './job-summary.ts';

export const meta: MetaFunction = () => [{ title: 'Jobs · Roost' }];

const JobsQuerySchema = z.object({
  status: z.enum(JOB_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'staff');
  const search = new URL(request.url).searchParams;
  const query = JobsQuerySchema.parse({
    status: search.get('status') || undefined,
    page: search.get('page') || undefined,
  });
  const page = (query.page ?? 1) - 1;
  const [{ jobs, total }, properties] = await Promise.all([
    listJobs(context.supabase, organization.id, { status: query.status }, page),
    propertyNames(context.supabase, organization.id),
  ]);
  return {
    organization: {
      slug: organization.slug,
      name: organization.name,
      time_zone: organization.time_zone,
      locale: organization.locale,
    },
    status: query.status ?? null,
    page: page + 1,
    pageSize: JOBS_PAGE_SIZE,
    total,
    jobs: jobs.map((job) => ({
      id: job.id,
      kind: KIND_LABELS[job.kind] ?? job.kind,
      property: properties[job.property_id] ?? 'A property you do not work at',
      status: job.status,
      progress: job.progress,
      attempts: job.attempts,
      created_at: job.created_at,
      finished_at: job.finished_at,
      summary: job.status === 'succeeded' ? resultSummary(job.result) : errorSummary(job.error),
    })),
  };
}

export default function Jobs() {
  const { organization, status, page, pageSize, total, jobs } = useLoaderData<typeof loader>();
  // Remounted per URL, so the fields show the filter in force (after Clear or Back too).
  const { search } = useLocation();
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.time_zone,
  });
  const base = `/o/${organization.slug}/jobs`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const href = (n: number) => {
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (n > 1) params.set('page', String(n));
    const text = params.toString();
    return text ? `${base}?${text}` : base;
  };
  return (
    <>
      <h1>Jobs</h1>
      <p className="muted">
        Document scans, forecasts and predictions asked for at {organization.name}, newest first. Times are in{' '}
        {organization.time_zone.replaceAll('_', ' ')}.
      </p>
      <Form method="get" className="filters filters-compact" aria-label="Filter jobs" key={search}>
        <div className="field">
          <label htmlFor="jobs-status">Status</label>
          <select id="jobs-status" name="status" defaultValue={status ?? ''}>
            <option value="">Any status</option>
            {JOB_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            Apply
          </button>
          {status ? (
            <Link to={base} className="button button-quiet">
              Clear
            </Link>
          ) : null}
        </div>
      </Form>
      {jobs.length ? (
        <>
          <p className="muted" role="status">
            {first}–{first + jobs.length - 1} of {total} {total === 1 ? 'job' : 'jobs'}.
          </p>
          <table className="table jobs-table">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Property</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Result</th>
                <th scope="col">Asked for</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td>{job.kind}</td>
                  <td>{job.property}</td>
                  <td>
                    <span className={`badge badge-job-${job.status}`}>{STATUS_LABELS[job.status] ?? job.status}</span>
                    {job.attempts > 1 ? <span className="muted"> · try {job.attempts}</span> : null}
                  </td>
                  <td className="nowrap">
                    <progress className="progress" max={100} value={job.progress} aria-hidden="true" /> {job.progress}%
                  </td>
                  <td className="job-summary">{job.summary || <span className="muted">—</span>}</td>
                  <td className="nowrap">{when.format(new Date(job.created_at))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pages={pages} href={href} />
        </>
      ) : (
        <div className="empty-state">
          {status
            ? `No job is ${STATUS_LABELS[status]?.toLowerCase()}.`
            : 'No jobs yet. Scans of ID documents, receipts and menus, and forecasts, appear here once asked for.'}
        </div>
      )}
    </>
  );
}
