// Keeps the dev cluster of `npm start` running, as worker-process.ts keeps the worker: when the
// postmaster dies (kill -9, the OOM killer), it is started again after a growing pause, and the
// services reconnect by themselves (postgres.js pools open new connections on the next query,
// Realtime's replication stream retries, the worker is restarted by its own supervisor).
import { type Cluster, postmasterPid, restartCluster } from './cluster.ts';

export interface ClusterSupervisorOptions {
  /** How often the postmaster is looked at (default 1 s). */
  checkEveryMs?: number;
  /** The first pause before a restart, doubled after each failed one (default 1 s, at most 30 s). */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Told about deaths and restarts (one line each). */
  onEvent: (line: string) => void;
}

export interface ClusterSupervisor {
  /** Restarts done since supervision began. */
  readonly restarts: number;
  stop(): void;
}

/** Up this long after a restart, the next death starts again from the first, short pause. */
const STABLE_MS = 60_000;

export function superviseCluster(cluster: Cluster, options: ClusterSupervisorOptions): ClusterSupervisor {
  const firstDelay = options.firstDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let delay = firstDelay;
  let restarts = 0;
  let upSince = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(check, ms);
    timer.unref();
  };

  async function check(): Promise<void> {
    if (postmasterPid(cluster) !== null) {
      if (Date.now() - upSince > STABLE_MS) delay = firstDelay;
      return schedule(options.checkEveryMs ?? 1000);
    }
    options.onEvent(`PostgreSQL is not running; restarting it in ${delay / 1000} s — see ${cluster.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (stopped) return;
    delay = Math.min(delay * 2, maxDelay);
    try {
      await restartCluster(cluster);
      restarts += 1;
      upSince = Date.now();
      options.onEvent('PostgreSQL restarted; services reconnect on their next query.');
    } catch (error) {
      options.onEvent(`PostgreSQL restart failed: ${(error as Error).message.split('\n')[0]}`);
    }
    schedule(0);
  }

  schedule(options.checkEveryMs ?? 1000);
  return {
    get restarts() {
      return restarts;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
