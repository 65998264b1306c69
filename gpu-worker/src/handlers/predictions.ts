// Forecast and no-show risk kinds: the whole-job functions of src/forecast/ and src/noshow/
// (history → trained model → ONNX inference → rows in public.forecasts /
// public.booking_no_show_risk, idempotent per job), run one job after another within a batch; the
// job's result keeps their summary.
import type { Sql } from 'postgres';
import { runForecastJob } from '../forecast/job.ts';
import { toJobError } from '../jobs/errors.ts';
import type { ClaimedJob, JobOutcome, KindHandler } from '../jobs/handler.ts';
import { runNoShowJob } from '../noshow/job.ts';

function sequential(each: (job: ClaimedJob) => Promise<Record<string, unknown>>): KindHandler {
  return {
    async run(jobs, context) {
      const outcomes: JobOutcome[] = [];
      for (const job of jobs) {
        if (context.signal.aborted) {
          outcomes.push({ ok: false, error: toJobError(new Error('The worker stopped before the job ran.')) });
          continue;
        }
        await job.progress(10);
        outcomes.push(
          await each(job).then(
            (result): JobOutcome => ({ ok: true, result }),
            (error: unknown): JobOutcome => ({ ok: false, error: toJobError(error) }),
          ),
        );
      }
      return outcomes;
    },
  };
}

const horizon = (job: ClaimedJob) => (typeof job.input.horizonDays === 'number' ? job.input.horizonDays : undefined);

export function createForecastHandler(sql: Sql): KindHandler {
  return sequential(async (job) => ({
    ...(await runForecastJob(sql, { propertyId: job.propertyId, jobId: job.id, horizonDays: horizon(job) ?? 30 })),
  }));
}

export function createNoShowHandler(sql: Sql): KindHandler {
  return sequential(async (job) => ({ ...(await runNoShowJob(sql, { propertyId: job.propertyId, jobId: job.id })) }));
}
