// Preventive maintenance inside the worker process: every hour (and at start) it asks the database
// to create the work orders whose schedules fell due on each property's local day
// (private.create_due_preventive_work_orders, decision 033). The function is idempotent (one order
// per schedule and due date), so several workers, restarts and an hourly clock create each order
// once, and a day missed while no worker ran is caught up at the next run.
import type { Logger } from 'pino';
import type { Sql } from 'postgres';

export interface PreventiveScheduler {
  stop(): Promise<void>;
}

export const PREVENTIVE_INTERVAL_MS = 60 * 60 * 1000;

/** One run: the number of work orders created. */
export async function createDuePreventiveWorkOrders(sql: Sql): Promise<number> {
  const [row] = await sql<{ created: number }[]>`select private.create_due_preventive_work_orders() as created`;
  return row?.created ?? 0;
}

export function startPreventiveScheduler({
  sql,
  log,
  intervalMs = PREVENTIVE_INTERVAL_MS,
}: {
  sql: Sql;
  log: Logger;
  intervalMs?: number;
}): PreventiveScheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = createDuePreventiveWorkOrders(sql)
      .then((created) => {
        if (created > 0) log.info({ created }, 'preventive work orders created');
      })
      .catch((error: unknown) => log.error({ err: error }, 'preventive work orders failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
