/// <reference lib="deno.window" />
// The vendor's quote, validated at the boundary. Codes match the RPC's own (invalid_amount, …), so
// the form sees the same code whether this check or the database refused the value.
import { z } from 'npm:zod@^4.6.7';
import { HttpError } from '../_shared/http.ts';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
/** 10 MB, the database's limit. The file itself goes to Storage through the path handed back (decision 043). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The quote without its file: notes (2,000 characters, up to 4 bytes each in UTF-8) and a little more. */
export const MAX_BODY_BYTES = 16_384;

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
        size: z
          .number({ error: 'invalid_attachment' })
          .int({ error: 'invalid_attachment' })
          .min(1, { error: 'attachment_too_large' })
          .max(MAX_ATTACHMENT_BYTES, { error: 'attachment_too_large' }),
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
  invalid_attachment_type: 'Attach a PDF, PNG or JPEG file.',
  invalid_attachment: 'attachment must be {name, type, size} (the file is uploaded to the path handed back).',
  attachment_too_large: 'The attachment is 1 byte to 10 MB.',
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
