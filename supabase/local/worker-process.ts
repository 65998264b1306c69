// npm start runs the GPU worker as a child process: inference must not share the gateway's event
// loop, and a crashed worker must not take the stack down. Its JSON logs go to a file; it is
// restarted after a crash (with a growing pause) and stopped first on shutdown.
import { join } from 'node:path';
import { projectRoot } from './paths.ts';
import { superviseChild } from './supervised-child.ts';

export interface WorkerProcessOptions {
  dbUrl: string;
  apiUrl: string;
  secretKey: string;
  metricsPort: number;
  logFile: string;
  /** Told about crashes and restarts (one line each). */
  onEvent: (line: string) => void;
  /** More variables for the worker (the Stripe stand-in's STRIPE_*: the refund sweep, decision 036). */
  extraEnv?: Record<string, string>;
}

export interface WorkerProcess {
  metricsUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const child = superviseChild({
    name: 'gpu worker',
    args: [join(projectRoot, 'gpu-worker', 'src', 'main.ts')],
    env: {
      ...process.env,
      SUPABASE_DB_URL: options.dbUrl,
      SUPABASE_URL: options.apiUrl,
      SUPABASE_SECRET_KEY: options.secretKey,
      ROOST_WORKER_METRICS_PORT: String(options.metricsPort),
      // Local stack only: webhooks may reach receivers on this machine (decision 030).
      ROOST_WEBHOOKS_ALLOW_PRIVATE_TARGETS: '1',
      ...options.extraEnv,
    },
    logFile: options.logFile,
    // In-flight jobs finish or go back to the queue within pg-boss's own shutdown.
    stopGraceMs: 35_000,
    maxRestartDelayMs: 60_000,
    onEvent: options.onEvent,
  });
  return {
    metricsUrl: `http://127.0.0.1:${options.metricsPort}/metrics`,
    logFile: options.logFile,
    stop: child.stop,
  };
}
