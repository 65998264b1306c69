// Production-shaped processes for the scale-out test and bench/scale (decision 040): web app
// servers (`node web/server.ts --prod`, the production build) and GPU workers
// (`node gpu-worker/src/main.ts`), each a plain child process configured only through the
// environment, as a container runs it: no supervisor here, so a kill stays a kill.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';
import { freePort } from '../throwaway.ts';
import { waitFor } from './wait-for.ts';

export interface AppProcess {
  /** The web app's origin, or the worker's health/metrics origin. */
  url: string;
  pid: number | undefined;
  /** Whatever it printed (stdout and stderr). */
  log(): string;
  /** SIGKILL: a crash or a lost machine, nothing cleaned up. */
  kill(): Promise<void>;
  /** SIGTERM and wait: a rolling deploy's graceful stop. */
  stop(): Promise<void>;
}

export interface ProjectEnv {
  SUPABASE_URL: string;
  SUPABASE_PUBLISHABLE_KEY: string;
  SUPABASE_SECRET_KEY: string;
  /** What the part reads as its pooled connection (a transaction pooler in production). */
  SUPABASE_DB_URL: string;
}

function startProcess(args: string[], env: Record<string, string>, name: string, url: string): AppProcess {
  const logFile = join(mkdtempSync(join(tmpdir(), `roost-${name}-`)), `${name}.log`);
  const out = createWriteStream(logFile);
  // Only what a container would be given: PATH and the part's own variables (plus the build
  // folder and log level, which the harness picks), never the test runner's environment.
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const end = async (signal: NodeJS.Signals, graceMs: number) => {
    if (!exited) child.kill(signal);
    await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    if (!exited) child.kill('SIGKILL');
    await exit;
  };
  return {
    url,
    pid: child.pid,
    log: () => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    kill: () => end('SIGKILL', 5_000),
    stop: () => end('SIGTERM', 40_000),
  };
}

async function ready(process: AppProcess, path: string, what: string, timeoutMs: number): Promise<AppProcess> {
  try {
    await waitFor(
      what,
      () =>
        fetch(`${process.url}${path}`).then(
          (response) => response.ok,
          () => false,
        ),
      timeoutMs,
      100,
    );
  } catch (error) {
    await process.kill();
    throw new Error(`${(error as Error).message}\n${process.log()}`);
  }
  return process;
}

/** A web app server on the production build in `web/<buildDir>`; resolves once it answers. */
export async function startWebServerProcess(
  project: ProjectEnv,
  options: { buildDir?: string; timeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const web = startProcess(
    [join(projectRoot, 'web', 'server.ts'), '--prod'],
    {
      ...project,
      NODE_ENV: 'production',
      ROOST_WEB_PORT: String(port),
      ROOST_WEB_HOST: '127.0.0.1',
      ROOST_WEB_BUILD_DIR: options.buildDir ?? process.env.ROOST_WEB_BUILD_DIR ?? 'build',
    },
    'web',
    url,
  );
  return ready(web, '/resources/healthcheck', `the web app at ${url}`, options.timeoutMs ?? 60_000);
}

/** A GPU worker process; resolves once its health endpoint answers (its consumers are started). */
export async function startWorkerProcess(
  project: ProjectEnv & { ROOST_WORKER_SESSION_DB_URL?: string },
  options: { kinds?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const worker = startProcess(
    [join(projectRoot, 'gpu-worker', 'src', 'main.ts')],
    {
      SUPABASE_URL: project.SUPABASE_URL,
      SUPABASE_SECRET_KEY: project.SUPABASE_SECRET_KEY,
      SUPABASE_DB_URL: project.SUPABASE_DB_URL,
      ...(project.ROOST_WORKER_SESSION_DB_URL
        ? { ROOST_WORKER_SESSION_DB_URL: project.ROOST_WORKER_SESSION_DB_URL }
        : {}),
      ROOST_WORKER_METRICS_PORT: String(port),
      ...(options.kinds ? { ROOST_WORKER_KINDS: options.kinds.join(',') } : {}),
      ROOST_LOG_LEVEL: process.env.ROOST_TEST_LOG ?? 'warn',
      ...options.env,
    },
    'worker',
    `http://127.0.0.1:${port}`,
  );
  return ready(worker, '/health', `the worker at 127.0.0.1:${port}`, options.timeoutMs ?? 90_000);
}
