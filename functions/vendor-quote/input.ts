/// <reference lib="deno.window" />
// The vendor's quote, validated at the boundary. Codes match the RPC's own (invalid_amount, …), so
// the form sees the same code whether this check or the database refused the value.
import { z } from 'npm:zod@^4.6.7';
import { HttpError } from '../_shared/http.ts';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
/** 2 MB, the database's limit; base64 makes it 4/3 larger in the body. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_BODY_BYTES = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 16_384;

/** Whether a text holds a control character other than tab, CR and LF (NUL included): never stored. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

const quoteSchema = z.strictObject({
  token: z.string({ error: 'invalid_token' }).regex(/^[A-Za-z0-9_-]{16,128}$/, { error: 'invalid_token' }),
  amount_minor: z
    .number({ error: 'invalid_amount' })
    .int({ error: 'invalid_amount' })
    .min(1, { error: 'invalid_amount' })
    .max(100_000_000_000, { error: 'invalid_amount' }),
  available_on: z.iso.date({ error: 'invalid_available_on' }).nullable().optional(),
  notes: z
    .string({ error: 'invalid_notes' })
    .max(2000, { error: 'invalid_notes' })
    .refine((value) => !hasControl(value), { error: 'invalid_notes' })
    .nullable()
    .optional(),
  attachment: z
    .strictObject(
      {
        name: z
          .string({ error: 'invalid_attachment_name' })
          .min(1, { error: 'invalid_attachment_name' })
          .max(200, { error: 'invalid_attachment_name' })
          .refine((value) => !hasControl(value) && !/[\r\n\t/\\]/.test(value), { error: 'invalid_attachment_name' }),
        type: z.enum(ATTACHMENT_TYPES, { error: 'invalid_attachment_type' }),
        data: z.base64({ error: 'invalid_attachment' }).min(4, { error: 'invalid_attachment' }),
      },
      { error: 'invalid_attachment' },
    )
    .nullable()
    .optional(),
});

export type QuoteInput = z.infer<typeof quoteSchema>;

const MESSAGES: Record<string, string> = {
  invalid_token: 'The link is not a quote link.',
  invalid_amount: 'amount_minor must be a whole number of minor units from 1 to 100,000,000,000.',
  invalid_available_on: 'available_on must be a date (YYYY-MM-DD).',
  invalid_notes: 'notes must be text of at most 2,000 characters.',
  invalid_attachment_name: 'The file name is 1 to 200 characters, without slashes or control characters.',
  invalid_attachment_type: `Attach a PDF, PNG, JPEG or WebP file.`,
  invalid_attachment: 'attachment must be {name, type, data} with the content in base64.',
  attachment_too_large: 'The attachment is at most 2 MB.',
  unknown_field: 'Only token, amount_minor, available_on, notes and attachment are accepted.',
  invalid_body: 'Send a JSON object with token and amount_minor.',
};

/** The parsed input, or 400 with the code of the first problem. */
export function parseQuoteInput(body: unknown): QuoteInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', MESSAGES.invalid_body ?? '');
  }
  const result = quoteSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const code = issue?.code === 'unrecognized_keys' ? 'unknown_field' : (issue?.message ?? 'invalid_body');
  const known = code in MESSAGES ? code : 'invalid_body';
  throw new HttpError(400, known, MESSAGES[known] ?? '');
}

/** The attachment's bytes, refused above the limit before the database sees them. */
export function attachmentBytes(input: QuoteInput): Uint8Array | null {
  if (!input.attachment) return null;
  const bytes = Uint8Array.from(atob(input.attachment.data), (char) => char.charCodeAt(0));
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new HttpError(413, 'attachment_too_large', MESSAGES.attachment_too_large ?? '');
  }
  return bytes;
}
