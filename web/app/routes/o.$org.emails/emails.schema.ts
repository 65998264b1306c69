// The email branding form, checked in the browser and again in the action; the constraints
// organizations_email_* repeat each rule. Empty fields mean "not set" (the defaults apply).
import { z } from 'zod';
import { LANGUAGES } from '../../../../shared/mail/i18n.ts';
import { PREVIEW_TEMPLATES } from '../../../../shared/mail/template-names.ts';

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema.nullable());

export const BrandingSchema = z.object({
  email_brand_color: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, 'Use a colour such as #1f4f7a.'),
  email_sender_name: optional(
    z
      .string()
      .trim()
      .max(80, 'Use at most 80 characters.')
      .regex(/^[^"<>\\\r\n]*$/, 'Leave out quotes, angle brackets and backslashes.'),
  ),
  email_reply_to: optional(z.string().trim().email('Enter an email address such as desk@example.com.').max(254)),
});

/** Which template the preview shows and in which language (?template=&lang=). */
export const PreviewSchema = z.object({
  template: z.enum(PREVIEW_TEMPLATES).catch('booking_confirmation'),
  lang: z.enum(LANGUAGES).catch('en'),
  width: z.enum(['desktop', 'phone']).catch('desktop'),
});
