// The workflow sender inside the worker process: wakes on the database's notification
// (roost_workflow_sends, sent at commit) and polls as a fallback, so reminders that fall due
// with the clock are sent within a poll interval. `startWorkflowSender(...)` → `{ stop() }`.
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import { fallbackRenderBookingMessage, type RenderBookingMessage } from './render.ts';
import { sendDueWorkflowMessages } from './sender.ts';

export interface WorkflowSenderOptions {
  sql: Sql;
  log: Logger;
  /** The web app's public URL (unsubscribe links); SITE_URL, else the local web app (127.0.0.1:3000). */
  siteUrl?: string;
  pollMs?: number;
  render?: RenderBookingMessage;
}

export interface WorkflowSender {
  stop(): Promise<void>;
}

export async function startWorkflowSender(options: WorkflowSenderOptions): Promise<WorkflowSender> {
  const { sql, log } = options;
  // The local stack's web app answers where Auth's links point (supabase/config.toml [auth] site_url).
  const siteUrl = options.siteUrl ?? process.env.SITE_URL ?? 'http://127.0.0.1:3000';
  const render = options.render ?? (await loadRenderer());
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sendDueWorkflowMessages(sql, { render, siteUrl })
      .then((summary) => {
        if (summary.sent + summary.skipped + summary.failed + summary.retried > 0) {
          log.info({ workflowSends: summary }, 'workflow sends handled');
        }
      })
      .catch((error: unknown) => log.error({ err: error }, 'workflow sender failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  const listener = await sql.listen('roost_workflow_sends', tick);
  const timer = setInterval(tick, options.pollMs ?? 5000);
  tick();
  log.info({ siteUrl }, 'workflow sender started');
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener.unlisten().catch(() => {});
      await running;
    },
  };
}

/** The React Email renderer of shared/mail when it is there, else the plain fallback. */
export async function loadRenderer(): Promise<RenderBookingMessage> {
  try {
    const module = (await import('../../../shared/mail/booking-messages.ts')) as {
      renderBookingMessage?: RenderBookingMessage;
    };
    if (typeof module.renderBookingMessage === 'function') return module.renderBookingMessage;
  } catch {
    // Not there yet (or not loadable without a JSX build): the fallback renders.
  }
  return fallbackRenderBookingMessage;
}
