// Vendor emails inside the worker process (decision 041): the database queues what to send in
// private.vendor_mail_queue (quote requests, accepted / not selected) and notifies
// `roost_vendor_mail` at commit; this renders each row with the React Email templates
// (shared/mail/vendor-messages.ts), queues the result in private.mail_outbox with the row's tags
// and deletes the row, in one transaction per batch (rows claimed FOR UPDATE SKIP LOCKED, so
// several workers never send one twice). A row that fails to render is kept with its error and
// retried up to MAX_ATTEMPTS times. Polling is the fallback of the notification.
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import { type QueuedVendorMail, renderVendorMessage } from '../../../shared/mail/vendor-messages.ts';

export const MAX_ATTEMPTS = 5;

export interface VendorMailSummary {
  sent: number;
  failed: number;
}

/** One batch: renders and queues the due vendor emails. */
export async function sendQueuedVendorMail(
  sql: Sql,
  options: { limit?: number; storageUrl?: string; defaultFrom?: string } = {},
): Promise<VendorMailSummary> {
  const summary: VendorMailSummary = { sent: 0, failed: 0 };
  await sql.begin(async (tx) => {
    const rows = await tx<(QueuedVendorMail & { id: string })[]>`
      select id, template, recipient, link, tags from private.vendor_mail_queue
      where attempts < ${MAX_ATTEMPTS}
      order by created_at
      limit ${options.limit ?? 50}
      for update skip locked`;
    for (const row of rows) {
      try {
        await tx.savepoint(async (sp) => {
          const message = await renderVendorMessage(sp, row, options);
          const replyTo = message.replyTo ? sp`, p_reply_to => ${message.replyTo}` : sp``;
          await sp`
            select private.enqueue_mail(p_to => ${message.to}, p_subject => ${message.subject},
              p_html => ${message.html}, p_text => ${message.text}, p_from => ${message.from},
              p_template => ${message.template}, p_tags => ${sp.json(row.tags as never)} ${replyTo})`;
          await sp`delete from private.vendor_mail_queue where id = ${row.id}`;
        });
        summary.sent += 1;
      } catch (error) {
        summary.failed += 1;
        await tx`
          update private.vendor_mail_queue
          set attempts = attempts + 1, last_error = ${String(error instanceof Error ? error.message : error).slice(0, 1000)}
          where id = ${row.id}`;
      }
    }
  });
  return summary;
}

export interface VendorMailSender {
  stop(): Promise<void>;
}

export async function startVendorMailSender({
  sql,
  log,
  pollMs = 5000,
}: {
  sql: Sql;
  log: Logger;
  pollMs?: number;
}): Promise<VendorMailSender> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sendQueuedVendorMail(sql)
      .then((summary) => {
        if (summary.sent + summary.failed > 0) log.info({ vendorMail: summary }, 'vendor emails rendered');
      })
      .catch((error: unknown) => log.error({ err: error }, 'vendor mail sender failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  const listener = await sql.listen('roost_vendor_mail', tick);
  const timer = setInterval(tick, pollMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener.unlisten().catch(() => {});
      await running;
    },
  };
}
