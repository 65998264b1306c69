// npm start runs the GPU worker as a child process: inference must not share the gateway's event
// loop, and a crashed worker must not take the stack down. Its JSON logs go to a file; it is
// restarted after a crash (with a growing pause) and stopped first on shutdown.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

export interface WorkerProcessOptions {
  dbUrl: string;
  apiUrl: string;
  secretKey: string;
  metricsPort: number;
  logFile: string;
  /** Told about crashes and restarts (one line each). */
  onEvent: (line: string) => void;
}

export interface WorkerProcess {
  metricsUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 35_000;
const MAX_RESTART_DELAY_MS = 60_000;

export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  let child: ChildProcess | null = null;
  let stopping = false;
  let restartDelay = 1000;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    const log = openSync(options.logFile, 'a');
    const startedAt = Date.now();
    const current = spawn(process.execPath, [join(projectRoot, 'gpu-worker', 'src', 'main.ts')], {
      cwd: projectRoot,
      // The IPC channel lets the worker notice when npm start dies without stopping it.
      stdio: ['ignore', log, log, 'ipc'],
      env: {
        ...process.env,
        SUPABASE_DB_URL: options.dbUrl,
        SUPABASE_URL: options.apiUrl,
        SUPABASE_SECRET_KEY: options.secretKey,
        ROOST_WORKER_METRICS_PORT: String(options.metricsPort),
      },
    });
    closeSync(log);
    child = current;
    current.on('exit', (code, signal) => {
      child = null;
      if (stopping) return;
      // A worker that ran a while before dying starts over with a short pause.
      if (Date.now() - startedAt > MAX_RESTART_DELAY_MS) restartDelay = 1000;
      options.onEvent(
        `gpu worker exited (${signal ?? `code ${code}`}); restarting in ${restartDelay / 1000} s — see ${options.logFile}`,
      );
      restartTimer = setTimeout(launch, restartDelay);
      restartDelay = Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS);
    });
  };
  launch();

  return {
    metricsUrl: `http://127.0.0.1:${options.metricsPort}/metrics`,
    logFile: options.logFile,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGTERM');
      const forced = setTimeout(() => current.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(forced);
    },
  };
}
