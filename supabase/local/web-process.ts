// npm start runs the web app (web/server.ts) as a child process, as it runs the GPU worker: its
// Vite dev server and renders stay off the gateway's event loop, and a crash is restarted (with
// a growing pause) without taking the stack down. Stack-backed browser tests start it the same way.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';
import { waitFor } from './testing/wait-for.ts';

export interface WebProcessOptions {
  /** SUPABASE_URL, keys and SUPABASE_DB_URL: the project the app talks to (shared/settings.ts). */
  project: Record<string, string>;
  port: number;
  mode: 'development' | 'production';
  logFile: string;
  /** Told about crashes and restarts (one line each). */
  onEvent: (line: string) => void;
}

export interface WebProcess {
  url: string;
  logFile: string;
  /** Resolves once the server answers its health check. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/** `npm run build -w web`: the production bundle in web/build (a few seconds). */
export function buildWebApp(): void {
  const cli = join(projectRoot, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'vite:build', '--config', 'vite.config.ts'], {
    cwd: join(projectRoot, 'web'),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

export function startWebProcess(options: WebProcessOptions): WebProcess {
  let child: ChildProcess | null = null;
  let stopping = false;
  let restartDelay = 1000;
  let restartTimer: NodeJS.Timeout | undefined;
  const url = `http://127.0.0.1:${options.port}`;

  const launch = () => {
    const log = openSync(options.logFile, 'a');
    const startedAt = Date.now();
    const args = [join(projectRoot, 'web', 'server.ts'), ...(options.mode === 'production' ? ['--prod'] : [])];
    const current = spawn(process.execPath, args, {
      cwd: projectRoot,
      // The IPC channel lets the server notice when its parent dies without stopping it.
      stdio: ['ignore', log, log, 'ipc'],
      env: {
        ...process.env,
        ...options.project,
        NODE_ENV: options.mode,
        ROOST_WEB_PORT: String(options.port),
        ROOST_WEB_HOST: '127.0.0.1',
      },
    });
    closeSync(log);
    child = current;
    current.on('exit', (code, signal) => {
      child = null;
      if (stopping) return;
      if (Date.now() - startedAt > MAX_RESTART_DELAY_MS) restartDelay = 1000;
      options.onEvent(
        `web app exited (${signal ?? `code ${code}`}); restarting in ${restartDelay / 1000} s — see ${options.logFile}`,
      );
      restartTimer = setTimeout(launch, restartDelay);
      restartDelay = Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS);
    });
  };
  launch();

  return {
    url,
    logFile: options.logFile,
    async ready(timeoutMs = 60_000) {
      await waitFor(
        `the web app at ${url}`,
        () =>
          fetch(`${url}/resources/healthcheck`).then(
            (response) => response.ok,
            () => false,
          ),
        timeoutMs,
        100,
      );
    },
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
