// npm start runs the web app (web/server.ts) as a child process, as it runs the GPU worker: its
// Vite dev server and renders stay off the gateway's event loop, and a crash is restarted (with
// a growing pause) without taking the stack down. Stack-backed browser tests start it the same way.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';
import { superviseChild } from './supervised-child.ts';
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

/** `npm run build -w web`: the production bundle in web/build (a few seconds). */
export function buildWebApp(): void {
  const cli = join(projectRoot, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'vite:build', '--config', 'vite.config.ts'], {
    cwd: join(projectRoot, 'web'),
    // Vitest runs with NODE_ENV=test, which would bundle React's development build into the
    // browser tests' pages: they test the build production serves.
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

export function startWebProcess(options: WebProcessOptions): WebProcess {
  const url = `http://127.0.0.1:${options.port}`;
  const child = superviseChild({
    name: 'web app',
    args: [join(projectRoot, 'web', 'server.ts'), ...(options.mode === 'production' ? ['--prod'] : [])],
    env: {
      ...process.env,
      ...options.project,
      NODE_ENV: options.mode,
      ROOST_WEB_PORT: String(options.port),
      ROOST_WEB_HOST: '127.0.0.1',
    },
    logFile: options.logFile,
    stopGraceMs: 10_000,
    maxRestartDelayMs: 30_000,
    onEvent: options.onEvent,
  });

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
    stop: child.stop,
  };
}
