// One warm Deno process serving one function: started with the bootstrap (deno/bootstrap.ts),
// which reports the loopback port the function's Deno.serve listens on. Its output goes to the
// runtime's log line by line; the tail of stderr is kept to tell an out-of-memory death apart.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LISTENING = '\u001eroost-functions:listening:';
const BOOTSTRAP = join(dirname(fileURLToPath(import.meta.url)), 'deno', 'bootstrap.ts');
const TAIL_BYTES = 8192;

export type LogLine = (name: string, stream: 'stdout' | 'stderr', line: string) => void;

export interface DenoProcessOptions {
  name: string;
  /** Absolute path of the function's index.ts. */
  entry: string;
  deno: string;
  denoDir: string;
  env: Record<string, string>;
  /** Folders the function may read at run time (static imports need no permission). */
  readPaths: string[];
  memoryLimitMb: number;
  bootTimeoutMs: number;
  log: LogLine;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** V8 ran out of heap (the memory limit), or the runtime killed it for a limit. */
  overLimit: boolean;
}

export interface DenoProcess {
  pid: number | undefined;
  /** The port once the function listens; rejects when it exits or times out first. */
  ready: Promise<number>;
  exited: Promise<ProcessExit>;
  isAlive(): boolean;
  /** Kills the process; `limit` marks the death as a resource limit (546 for its requests). */
  kill(reason?: 'limit' | 'stop'): void;
}

export class BootFailure extends Error {}

/** Splits a stream into lines and hands each to `onLine` (a partial last line waits). */
function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) onLine(part);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

/** The loopback addresses a function may reach: itself, the gateway, the database. */
const LOOPBACK = '127.0.0.1,localhost,[::1]';

export function denoArgs(options: DenoProcessOptions): string[] {
  return [
    'run',
    '--no-prompt',
    `--allow-net=${LOOPBACK}`,
    '--allow-env',
    `--allow-read=${options.readPaths.join(',')}`,
    `--v8-flags=--max-old-space-size=${options.memoryLimitMb}`,
    `--preload=${BOOTSTRAP}`,
    options.entry,
  ];
}

export function startDenoProcess(options: DenoProcessOptions): DenoProcess {
  const child: ChildProcess = spawn(options.deno, denoArgs(options), {
    cwd: dirname(options.entry),
    env: { ...options.env, DENO_DIR: options.denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let alive = true;
  let killedFor: 'limit' | 'stop' | undefined;
  let stderrTail = '';
  let onPort: (port: number) => void = () => {};
  let onBootFailure: (error: Error) => void = () => {};
  const ready = new Promise<number>((resolve, reject) => {
    onPort = resolve;
    onBootFailure = reject;
  });
  ready.catch(() => {});
  const bootTimer = setTimeout(() => {
    onBootFailure(new BootFailure(`${options.name} did not listen within ${options.bootTimeoutMs} ms`));
    child.kill('SIGKILL');
  }, options.bootTimeoutMs);

  if (child.stdout) {
    lines(child.stdout, (line) => {
      if (line.startsWith(LISTENING)) {
        clearTimeout(bootTimer);
        onPort(Number(line.slice(LISTENING.length)));
      } else if (line !== '') options.log(options.name, 'stdout', line);
    });
  }
  if (child.stderr) {
    lines(child.stderr, (line) => {
      stderrTail = `${stderrTail}${line}\n`.slice(-TAIL_BYTES);
      options.log(options.name, 'stderr', line);
    });
  }

  const exited = new Promise<ProcessExit>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (!alive) return;
      alive = false;
      clearTimeout(bootTimer);
      onBootFailure(new BootFailure(`${options.name} exited while booting (code ${code}, signal ${signal})`));
      const outOfMemory = /out of memory|heap limit/i.test(stderrTail);
      resolve({ code, signal, overLimit: killedFor === 'limit' || outOfMemory });
    };
    // 'close', not 'exit': stderr has been read to its end, so the tail holds V8's last words.
    child.once('close', finish);
    child.once('error', (error) => {
      options.log(options.name, 'stderr', `could not start deno: ${error.message}`);
      finish(null, null);
    });
  });

  return {
    pid: child.pid,
    ready,
    exited,
    isAlive: () => alive,
    kill(reason = 'stop') {
      if (!alive) return;
      killedFor ??= reason;
      child.kill('SIGKILL');
    },
  };
}
