// A worker process for the kill test: serves `forecast` with a handler that marks nothing and never
// finishes, so the parent can SIGKILL it mid-job. Settings come from the environment.
import { startWorker } from '../../start.ts';
import { quietLogger } from './support.ts';

await startWorker({
  dbUrl: process.env.ROOST_TEST_DB_URL ?? '',
  sessionDbUrl: process.env.ROOST_TEST_SESSION_DB_URL ?? process.env.ROOST_TEST_DB_URL ?? '',
  apiUrl: process.env.ROOST_TEST_API_URL ?? '',
  serviceKey: process.env.ROOST_TEST_SERVICE_KEY ?? '',
  kinds: ['forecast'],
  pollingIntervalSeconds: 0.5,
  jobTimeoutSeconds: Number(process.env.ROOST_TEST_JOB_TIMEOUT ?? '3'),
  logger: quietLogger(),
  handlers: {
    forecast: {
      run: async (jobs) => {
        process.stdout.write(`running ${jobs.map((job) => job.id).join(',')}\n`);
        return new Promise(() => {});
      },
    },
  },
});
process.stdout.write('ready\n');
