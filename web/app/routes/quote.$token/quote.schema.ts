// The vendor's quote form, checked in the browser before it is posted to the vendor-quote
// function (which checks it again, and the database after it).
import { z } from 'zod';
import { currencyDigits, decimalToMinor } from '../../utils/money.ts';

/** The database's and the upload grant's limits (decision 043). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

export function quoteSchema(currency: string) {
  const digits = currencyDigits(currency);
  return z.object({
    amount: z
      .string()
      .trim()
      .transform((value, ctx) => {
        const minor = decimalToMinor(value, digits);
        if (minor === null || minor < 1 || minor > 100_000_000_000) {
          ctx.addIssue({ code: 'custom', message: `Enter the amount in ${currency}, e.g. 250.00.` });
          return z.NEVER;
        }
        return minor;
      }),
    available_on: z
      .string()
      .trim()
      .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), { error: 'Enter a date.' })
      .transform((value) => value || null),
    notes: z
      .string()
      .max(2000, { error: 'At most 2,000 characters.' })
      .transform((value) => value.trim() || null),
  });
}

/** What the function's and the database's codes mean to a vendor. */
export const QUOTE_REFUSALS: Record<string, string> = {
  quote_link_used: 'A quote was already submitted through this link. Ask for a new link to change it.',
  quote_link_expired: 'This link has expired. Ask the property for a new one.',
  quote_request_closed: 'This request is closed: the work was awarded or cancelled.',
  quote_request_not_found: 'This link is not valid. Open it again from the email.',
  invalid_token: 'This link is not valid. Open it again from the email.',
  invalid_amount: 'Enter an amount from 0.01 to 1,000,000,000.',
  invalid_available_on: 'Enter a date from today up to two years ahead.',
  invalid_notes: 'Notes are plain text of at most 2,000 characters.',
  attachment_too_large: 'The attachment is at most 10 MB.',
  payload_too_large: 'The quote is too long: shorten the notes.',
  invalid_attachment_type: 'Attach a PDF, PNG or JPEG file.',
  invalid_attachment_name: 'Rename the file: its name cannot contain slashes or special characters.',
  origin_not_allowed: 'Submit the quote from its page.',
};

/** The quote was saved but its file did not reach Storage (the link is spent: one quote per link). */
export const UPLOAD_FAILED =
  'Your quote was saved, but the attachment could not be uploaded. Email the file to the property, quoting the work order number.';
