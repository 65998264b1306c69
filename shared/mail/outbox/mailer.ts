// The mailer: claims due messages from private.mail_outbox (FOR UPDATE SKIP LOCKED, so any number
// of mailers share the work without sending a message twice), sends them through a transport,
// and records the outcome. A failure is retried with capped exponential backoff; after
// `maxAttempts` the message is marked failed with its last error. Nothing is ever deleted.
import type { Sql } from 'postgres';
import { DEFAULT_FROM, type MailTransport, type OutgoingAttachment } from './message.ts';
import {
  claimDueMail,
  loadMailAttachments,
  MAIL_CHANNEL,
  markMailFailed,
  markMailSent,
  type OutboxRow,
  scheduleMailRetry,
} from './queries.ts';

export interface MailerOptions {
  sql: Sql;
  transport: MailTransport;
  /** Sender of messages queued without one (default MAIL_FROM, else DEFAULT_FROM). */
  defaultFrom?: string;
  maxAttempts?: number;
  /** Backoff after attempt n is min(baseDelayMs * 2^(n-1), maxDelayMs). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often to look for due messages when no notification arrives. */
  pollIntervalMs?: number;
  /** How long a claimed message is reserved for its sender before it is due again. */
  leaseMs?: number;
  batchSize?: number;
  /** Called on unexpected errors of the loop itself (a lost connection); default: stderr. */
  onError?: (error: unknown) => void;
}

export interface Mailer {
  /** Claims and sends one batch now; resolves to the number of messages attempted. */
  tick(): Promise<number>;
  /** Sends until nothing is due. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function retryDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(baseDelayMs * 2 ** Math.max(0, attempt - 1), maxDelayMs);
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

export function startMailer(options: MailerOptions): Mailer {
  const { sql, transport } = options;
  const defaultFrom = options.defaultFrom ?? process.env.MAIL_FROM ?? DEFAULT_FROM;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 5_000;
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 10;
  const onError = options.onError ?? ((error) => process.stderr.write(`mailer: ${describe(error)}\n`));
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let wakeRequested = false;

  async function sendOne(row: OutboxRow, attachments: OutgoingAttachment[]): Promise<void> {
    try {
      const result = await transport.send({
        id: row.id,
        from: row.sender ?? defaultFrom,
        to: row.recipient,
        subject: row.subject,
        html: row.html,
        text: row.text,
        tags: row.tags,
        replyTo: row.reply_to,
        attachments,
      });
      await markMailSent(sql, row.id, result.id);
    } catch (error) {
      if (row.attempts >= maxAttempts) await markMailFailed(sql, row.id, describe(error));
      else await scheduleMailRetry(sql, row.id, describe(error), retryDelayMs(row.attempts, baseDelayMs, maxDelayMs));
    }
  }

  async function tick(): Promise<number> {
    const rows = await claimDueMail(sql, batchSize, leaseMs);
    const files = await loadMailAttachments(
      sql,
      rows.map((row) => row.id),
    );
    await Promise.all(
      rows.map((row) =>
        sendOne(
          row,
          files
            .filter((file) => file.outbox_id === row.id)
            .map((file) => ({ filename: file.filename, contentType: file.content_type, content: file.content })),
        ),
      ),
    );
    return rows.length;
  }

  async function drain(): Promise<void> {
    while ((await tick()) > 0) {}
  }

  // One pass at a time: a wake-up during a pass runs another pass right after it.
  function wake(): void {
    if (stopped) return;
    if (wakeRequested) return;
    wakeRequested = true;
    running = running.then(async () => {
      wakeRequested = false;
      if (stopped) return;
      try {
        await drain();
      } catch (error) {
        if (!stopped) onError(error);
      }
    });
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      wake();
      void running.then(schedule);
    }, pollIntervalMs);
  }

  const listening = sql
    .listen(MAIL_CHANNEL, () => wake())
    .catch((error: unknown) => {
      if (!stopped) onError(error);
      return undefined;
    });
  wake();
  schedule();

  return {
    tick,
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const listener = await listening;
      await listener?.unlisten().catch(() => {});
      await running;
    },
  };
}
