// Where mail goes: Resend (through the official SDK) when RESEND_API_KEY is set, otherwise the
// local mailbox in the database that the mailbox page and tests read.
import type { Sql } from 'postgres';
import { Resend } from 'resend';
import { extractLinks } from './links.ts';
import type { MailTransport, OutgoingMail } from './message.ts';
import { deliverToMailbox } from './queries.ts';

export interface ResendTransportOptions {
  /** The API's base URL; the SDK's default (or RESEND_BASE_URL) when omitted. */
  baseUrl?: string;
  /** A send that takes longer is abandoned and retried (same idempotency key). Default 30 s. */
  timeoutMs?: number;
}

export function resendTransport(apiKey: string, options: ResendTransportOptions = {}): MailTransport {
  const resend = new Resend(apiKey, options.baseUrl === undefined ? undefined : { baseUrl: options.baseUrl });
  return {
    name: 'resend',
    async send(mail: OutgoingMail) {
      const common = {
        from: mail.from,
        to: [mail.to],
        subject: mail.subject,
        tags: Object.entries(mail.tags).map(([name, value]) => ({ name, value })),
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        ...(mail.attachments?.length
          ? {
              attachments: mail.attachments.map((file) => ({
                filename: file.filename,
                content: file.content,
                contentType: file.contentType,
              })),
            }
          : {}),
      };
      const payload =
        mail.html !== null
          ? { ...common, html: mail.html, ...(mail.text !== null ? { text: mail.text } : {}) }
          : { ...common, text: mail.text ?? '' };
      // One key per outbox row: a retry after an unknown outcome (timeout, crash) is not sent twice.
      const { data, error } = await resend.emails.send(payload, {
        idempotencyKey: `roost-mail/${mail.id}`,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      if (error || !data) {
        const status = error && 'statusCode' in error && error.statusCode ? ` (HTTP ${error.statusCode})` : '';
        throw new Error(`resend: ${error?.name ?? 'no_data'}${status}: ${error?.message ?? 'no message id returned'}`);
      }
      return { id: data.id };
    },
  };
}

export function localMailboxTransport(sql: Sql): MailTransport {
  return {
    name: 'local-mailbox',
    async send(mail: OutgoingMail) {
      const id = await deliverToMailbox(
        sql,
        {
          outboxId: mail.id,
          to: mail.to,
          from: mail.from,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          replyTo: mail.replyTo ?? null,
          attachments: (mail.attachments ?? []).map((file) => ({
            filename: file.filename,
            content_type: file.contentType,
            size: file.content.length,
            content: file.content.toString('base64'),
          })),
        },
        extractLinks(mail.html, mail.text),
      );
      return { id };
    },
  };
}

/** Resend when RESEND_API_KEY is set (RESEND_BASE_URL is honoured by the SDK), else the local mailbox. */
export function transportFromEnv(sql: Sql, env: NodeJS.ProcessEnv = process.env): MailTransport {
  const key = env.RESEND_API_KEY?.trim();
  return key
    ? resendTransport(key, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : {})
    : localMailboxTransport(sql);
}
