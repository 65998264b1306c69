// Sweeps ID document scans left behind: a job's scan is deleted after its final status is saved
// (afterFinal), so a worker killed between the two leaves the scan in Storage although the
// property does not keep scans. Every worker sweeps at start and then now and then; deleting
// what another worker deletes at the same moment is harmless (removing a missing object is no
// error), and the version check in discardIdDocumentScan spares newer uploads.
import type { Logger } from 'pino';
import { runAfterFinal } from './consumer.ts';
import type { KindHandler } from './handler.ts';
import type { InputSource } from './input-source.ts';
import type { JobStore } from './job-store.ts';

const BATCH = 100;

export interface ScanSweeper {
  /** One pass: the number of stranded scans handed to the clean-up. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function startScanSweeper(
  deps: { store: JobStore; input: InputSource; log: Logger; discard: NonNullable<KindHandler['afterFinal']> },
  everyMs: number,
): ScanSweeper {
  let running: Promise<number> | null = null;
  const sweep = () => {
    running ??= (async () => {
      let swept = 0;
      try {
        // Bounded passes: a scan whose deletion keeps failing must not keep the loop spinning.
        for (let pass = 0; pass < 10; pass++) {
          const stranded = await deps.store.strandedScans(BATCH);
          for (const job of stranded) await runAfterFinal(deps.discard, job, job.status, deps);
          swept += stranded.length;
          if (stranded.length < BATCH) break;
        }
        if (swept > 0) deps.log.warn({ swept }, 'deleted ID document scans their workers left behind');
      } catch (error) {
        deps.log.error({ err: error }, 'sweeping stranded ID document scans failed');
      } finally {
        running = null;
      }
      return swept;
    })();
    return running;
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  void sweep();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
