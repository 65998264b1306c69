// The property's newest worker jobs with their progress (the page is live on `jobs`, so a bar
// moves as the worker reports), and, for managers, buttons that start a forecast or a no-show
// scoring run through create_job.
import { useFetcher } from '@remix-run/react';
import { memo } from 'react';
import type { Job } from '../../data/jobs.server.ts';
import { dateTimeFormat } from '../../utils/intl-formats.ts';
import { errorSummary, KIND_LABELS, resultSummary, STATUS_LABELS } from '../o.$org.jobs/job-summary.ts';

const START: { kind: string; label: string }[] = [
  { kind: 'forecast', label: 'Start a forecast' },
  { kind: 'no_show_risk', label: 'Score no-show risk' },
];

// Memoised: its jobs come with the loader, and the page redraws for every pushed tile.
export const JobsPanel = memo(function JobsPanel({
  jobs,
  canStart,
  timeZone,
}: {
  jobs: Job[];
  canStart: boolean;
  timeZone: string;
}) {
  const time = dateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const fetcher = useFetcher<{ error?: string }>();
  const busy = fetcher.state !== 'idle';
  return (
    <section className="section" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      {canStart ? (
        <fetcher.Form method="post" className="job-actions">
          <input type="hidden" name="intent" value="start-job" />
          {START.map((start) => (
            <button key={start.kind} type="submit" name="kind" value={start.kind} className="button" disabled={busy}>
              {start.label}
            </button>
          ))}
        </fetcher.Form>
      ) : null}
      {fetcher.data?.error ? (
        <p className="alert alert-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
      {jobs.length === 0 ? (
        <p className="empty-state">No jobs yet. ID scans, forecasts and no-show scoring show their progress here.</p>
      ) : (
        <table className="table jobs-table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => {
              const percent = Math.min(100, Math.max(0, job.progress));
              return (
                <tr key={job.id} data-job={job.id}>
                  <td>
                    {KIND_LABELS[job.kind] ?? job.kind}{' '}
                    <span className="cell-note">{time.format(new Date(job.created_at))}</span>
                  </td>
                  <td>
                    <span className={`job-status job-${job.status}`}>{STATUS_LABELS[job.status] ?? job.status}</span>
                  </td>
                  <td>
                    <progress
                      max={100}
                      value={percent}
                      aria-label={`${KIND_LABELS[job.kind] ?? job.kind}: ${percent} %`}
                    >
                      {percent} %
                    </progress>{' '}
                    <span className="cell-note">{percent} %</span>
                  </td>
                  <td className="cell-note">
                    {job.status === 'succeeded' ? resultSummary(job.result) : errorSummary(job.error)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
});
