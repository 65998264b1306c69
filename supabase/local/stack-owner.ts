// Which `npm start` owns the dev stack (its pid in .roost/dev/owner.pid), and taking the stack
// over from one whose parts are dead: a second `npm start` used to refuse with "already running"
// whenever the first process lived, even when its database or gateway no longer answered.
import { existsSync, readFileSync } from 'node:fs';

/** Whether `pid` is a live `npm start` (a zombie or a recycled pid is not). */
export function isLiveStart(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  try {
    // A zombie (killed, not yet reaped) has an empty command line.
    return readFileSync(cmdline, 'utf8').includes('cli.ts');
  } catch {
    return false;
  }
}

/** The pid of another live `npm start` that owns the stack, if any. */
export function otherOwner(ownerFile: string): number | null {
  if (!existsSync(ownerFile)) return null;
  const pid = Number(readFileSync(ownerFile, 'utf8'));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isLiveStart(pid) ? pid : null;
}

/** Whether the running stack answers: its Auth health, which includes the database, says 200. */
export async function stackAnswers(healthUrl: string, apikey: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const response = await fetch(healthUrl, { headers: { apikey }, signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

export type Claim = { kind: 'free' } | { kind: 'running'; pid: number } | { kind: 'taken-over'; pid: number };

/**
 * Decides what a new `npm start` does about an existing owner: nothing to do (`free`), leave a
 * healthy stack alone (`running`), or stop an owner whose stack has not answered for `graceMs`
 * (SIGTERM, then SIGKILL) and take over (`taken-over`). The grace covers a database restart
 * the owner's own supervisor is doing.
 */
export async function claimStack(options: {
  ownerFile: string;
  healthy: () => Promise<boolean>;
  graceMs?: number;
  stopWaitMs?: number;
  onEvent: (line: string) => void;
}): Promise<Claim> {
  const pid = otherOwner(options.ownerFile);
  if (pid === null) return { kind: 'free' };
  const deadline = Date.now() + (options.graceMs ?? 10_000);
  for (;;) {
    if (await options.healthy()) return { kind: 'running', pid };
    if (!isLiveStart(pid)) return { kind: 'free' };
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  options.onEvent(`The running stack (npm start, pid ${pid}) does not answer; stopping it and taking over.`);
  await stopProcess(pid, options.stopWaitMs ?? 40_000);
  return { kind: 'taken-over', pid };
}

/** SIGTERM (a clean stop: worker, services, cluster), then SIGKILL if it does not end in time. */
async function stopProcess(pid: number, waitMs: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // Gone already.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + waitMs;
  while (isLiveStart(pid)) {
    if (Date.now() > deadline) {
      signal('SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  while (isLiveStart(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}
