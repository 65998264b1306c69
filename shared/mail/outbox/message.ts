// What a message is, validated at the boundary: every caller (Remix, edge-function helpers, Auth)
// queues mail through `enqueueMail`, which checks the input before anything is written.
import { z } from 'zod';

export const DEFAULT_FROM = 'Roost <no-reply@roost.localhost>';

/** A file sent with a message: bytes, or base64 text (what the outbox stores and Resend takes). */
export const mailAttachmentSchema = z
  .object({
    filename: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$/, 'a plain file name'),
    contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(; ?[a-z]+=[A-Za-z0-9-]+)?$/, 'a MIME type'),
    content: z.union([z.instanceof(Uint8Array), z.base64()]),
  })
  .strict();

/** At most this many attachments per message, together at most MAX_ATTACHMENT_BYTES (as in SQL). */
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const tagName = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'tag names are letters, digits, _ and -');

export const mailMessageSchema = z
  .object({
    to: z.email().max(254),
    subject: z
      .string()
      .min(1)
      .max(998)
      .regex(/^[^\r\n]*$/, 'a subject is one line'),
    html: z.string().max(1_000_000).optional(),
    text: z.string().max(1_000_000).optional(),
    /** Defaults to the mailer's configured sender (MAIL_FROM, else DEFAULT_FROM). */
    from: z.string().min(3).max(320).optional(),
    template: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/)
      .optional(),
    tags: z.record(tagName, z.string().max(256)).optional(),
    /** Where replies go (the organization's reply-to address). */
    replyTo: z.email().max(254).optional(),
    attachments: z.array(mailAttachmentSchema).max(MAX_ATTACHMENTS).optional(),
  })
  .strict()
  .refine((m) => m.html !== undefined || m.text !== undefined, {
    message: 'a message needs an html or a text body',
    path: ['html'],
  });

export type MailMessage = z.input<typeof mailMessageSchema>;
export type MailAttachment = z.input<typeof mailAttachmentSchema>;

/** A bad message: `code` is stable, `issues` say which fields and why. */
export class MailInputError extends Error {
  readonly code = 'invalid_mail_message';
  readonly issues: z.core.$ZodIssue[];
  constructor(error: z.ZodError) {
    super(`invalid_mail_message: ${z.prettifyError(error)}`);
    this.name = 'MailInputError';
    this.issues = error.issues;
  }
}

export function parseMailMessage(input: unknown): z.output<typeof mailMessageSchema> {
  const result = mailMessageSchema.safeParse(input);
  if (!result.success) throw new MailInputError(result.error);
  return result.data;
}

/** What a transport is handed: a claimed outbox row with its sender resolved. */
export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string | null;
  text: string | null;
  tags: Record<string, string>;
  replyTo?: string | null;
  attachments?: OutgoingAttachment[];
}

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailTransport {
  readonly name: string;
  /** Sends one message; throws when it was not accepted. Returns the provider's message id. */
  send(mail: OutgoingMail): Promise<{ id: string }>;
}
