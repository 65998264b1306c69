// A Node child process that npm start keeps running: its output goes to a log file, a crash is
// restarted after a growing pause (reset once it ran a while), and stop() asks it to end with
// SIGTERM before SIGKILL. The GPU worker and the web app run this way, off the gateway's loop.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { projectRoot } from './paths.ts';

export interface SupervisedChildOptions {
  /** How crashes are reported ("gpu worker", "web app"). */
  name: string;
  /** The script and its arguments, run with this Node. */
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  stopGraceMs: number;
  maxRestartDelayMs: number;
  /** Told about crashes and restarts (one line each). */
  onEvent: (line: string) => void;
}

export interface SupervisedChild {
  stop(): Promise<void>;
}

export function superviseChild(options: SupervisedChildOptions): SupervisedChild {
  let child: ChildProcess | null = null;
  let stopping = false;
  let restartDelay = 1000;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = () => {
    const log = openSync(options.logFile, 'a');
    const startedAt = Date.now();
    const current = spawn(process.execPath, options.args, {
      cwd: projectRoot,
      // The IPC channel lets the child notice when its parent dies without stopping it.
      stdio: ['ignore', log, log, 'ipc'],
      env: options.env,
    });
    closeSync(log);
    child = current;
    current.on('exit', (code, signal) => {
      child = null;
      if (stopping) return;
      // A child that ran a while before dying starts over with a short pause.
      if (Date.now() - startedAt > options.maxRestartDelayMs) restartDelay = 1000;
      options.onEvent(
        `${options.name} exited (${signal ?? `code ${code}`}); restarting in ${restartDelay / 1000} s — see ${options.logFile}`,
      );
      restartTimer = setTimeout(launch, restartDelay);
      restartDelay = Math.min(restartDelay * 2, options.maxRestartDelayMs);
    });
  };
  launch();

  return {
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGTERM');
      const forced = setTimeout(() => current.kill('SIGKILL'), options.stopGraceMs);
      await exited;
      clearTimeout(forced);
    },
  };
}
