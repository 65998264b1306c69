// Every SQL statement of the mail module, as named functions; values always as parameters.
import type { Sql, TransactionSql } from 'postgres';
import { parseMailMessage } from './message.ts';

export const MAIL_STATUS = Object.freeze({ queued: 'queued', sent: 'sent', failed: 'failed' } as const);
export type MailStatus = (typeof MAIL_STATUS)[keyof typeof MAIL_STATUS];

/** Postgres channel the enqueue function notifies (at commit) with the new message's id. */
export const MAIL_CHANNEL = 'roost_mail_outbox';

export interface OutboxRow {
  id: string;
  recipient: string;
  sender: string | null;
  subject: string;
  html: string | null;
  text: string | null;
  tags: Record<string, string>;
  template: string | null;
  reply_to: string | null;
  status: MailStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface MailboxRow {
  id: string;
  outbox_id: string | null;
  recipient: string;
  sender: string;
  subject: string;
  html: string | null;
  text: string | null;
  links: string[];
  reply_to: string | null;
  attachments: MailboxAttachment[];
  delivered_at: Date;
}

/** An attachment as the local mailbox keeps it (base64 content). */
export interface MailboxAttachment {
  filename: string;
  content_type: string;
  size: number;
  content: string;
}

export interface AttachmentRow {
  outbox_id: string;
  position: number;
  filename: string;
  content_type: string;
  content: Buffer;
}

/**
 * Queues a message; pass a transaction to send it only if that transaction commits.
 * Throws MailInputError (code `invalid_mail_message`) on bad input, before writing anything.
 */
export async function enqueueMail(sql: Sql | TransactionSql, input: unknown): Promise<string> {
  const m = parseMailMessage(input);
  const attachments = (m.attachments ?? []).map((a) => ({
    filename: a.filename,
    content_type: a.contentType,
    content: typeof a.content === 'string' ? a.content : Buffer.from(a.content).toString('base64'),
  }));
  const [row] = await sql<{ id: string }[]>`
    select private.enqueue_mail(${m.to}, ${m.subject}, ${m.html ?? null}, ${m.text ?? null},
      ${m.from ?? null}, ${m.template ?? null}, ${sql.json(m.tags ?? {})},
      ${m.replyTo ?? null}, ${sql.json(attachments)}) as id`;
  if (!row) throw new Error('enqueue_mail returned no id');
  return row.id;
}

/**
 * Claims up to `limit` due messages for `leaseMs`: counts the attempt and moves the next attempt
 * past the lease, so other mailers skip them and a mailer that dies mid-send leaves them due again.
 */
export function claimDueMail(sql: Sql, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  return sql<OutboxRow[]>`
    update private.mail_outbox o
    set attempts = o.attempts + 1,
        next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    where o.id in (
      select d.id from private.mail_outbox d
      where d.status = 'queued' and d.next_attempt_at <= now()
      order by d.next_attempt_at
      limit ${limit}
      for update skip locked
    )
    returning o.*`;
}

/** The attachments of the given outbox rows, in order. */
export function loadMailAttachments(sql: Sql, outboxIds: string[]): Promise<AttachmentRow[]> {
  if (outboxIds.length === 0) return Promise.resolve([]);
  return sql<AttachmentRow[]>`
    select outbox_id, position, filename, content_type, content
    from private.mail_attachments
    where outbox_id = any(${outboxIds}::uuid[])
    order by outbox_id, position`;
}

export async function markMailSent(sql: Sql, id: string, providerMessageId: string): Promise<void> {
  await sql`
    update private.mail_outbox
    set status = 'sent', sent_at = now(), provider_message_id = ${providerMessageId}, last_error = null
    where id = ${id} and status = 'queued'`;
}

export async function scheduleMailRetry(sql: Sql, id: string, error: string, delayMs: number): Promise<void> {
  await sql`
    update private.mail_outbox
    set last_error = ${error}, next_attempt_at = now() + make_interval(secs => ${delayMs / 1000})
    where id = ${id} and status = 'queued'`;
}

export async function markMailFailed(sql: Sql, id: string, error: string): Promise<void> {
  await sql`
    update private.mail_outbox set status = 'failed', last_error = ${error}
    where id = ${id} and status = 'queued'`;
}

export async function getOutboxMail(sql: Sql, id: string): Promise<OutboxRow | undefined> {
  const [row] = await sql<OutboxRow[]>`select * from private.mail_outbox where id = ${id}`;
  return row;
}

export async function deliverToMailbox(
  sql: Sql,
  mail: {
    outboxId: string;
    to: string;
    from: string;
    subject: string;
    html: string | null;
    text: string | null;
    replyTo?: string | null;
    attachments?: MailboxAttachment[];
  },
  links: string[],
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into private.mailbox (outbox_id, recipient, sender, subject, html, text, links, reply_to, attachments)
    values (${mail.outboxId}, ${mail.to}, ${mail.from}, ${mail.subject}, ${mail.html}, ${mail.text}, ${links},
      ${mail.replyTo ?? null}, ${sql.json((mail.attachments ?? []) as unknown as Parameters<typeof sql.json>[0])})
    returning id`;
  if (!row) throw new Error('mailbox insert returned no id');
  return row.id;
}

/** Newest first; `to` matches the recipient case-insensitively. */
export function listMailbox(sql: Sql, options: { to?: string; limit?: number } = {}): Promise<MailboxRow[]> {
  return sql<MailboxRow[]>`
    select * from private.mailbox
    where ${options.to === undefined ? sql`true` : sql`lower(recipient) = lower(${options.to})`}
    order by delivered_at desc, id desc
    limit ${options.limit ?? 200}`;
}

export async function getMailboxMessage(sql: Sql, id: string): Promise<MailboxRow | undefined> {
  const [row] = await sql<MailboxRow[]>`select * from private.mailbox where id = ${id}`;
  return row;
}

export async function clearMailbox(sql: Sql, options: { to?: string } = {}): Promise<number> {
  const result = await sql`
    delete from private.mailbox
    where ${options.to === undefined ? sql`true` : sql`lower(recipient) = lower(${options.to})`}`;
  return result.count;
}
