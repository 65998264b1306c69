// The organization settings form, checked in the browser and again in the action; the table's
// constraints (organizations_*) repeat each rule.
import { z } from 'zod';

export const SettingsSchema = z.object({
  name: z.string().trim().min(1, 'Enter the organization’s name.').max(120, 'Use at most 120 characters.'),
  slug: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/,
      'Use 1 to 48 lower-case letters, digits or hyphens, starting and ending with a letter or digit.',
    ),
  time_zone: z.string().min(1, 'Choose a time zone.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency.'),
  locale: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'Use a language tag such as en, de-CH or pt-PT.'),
});

/** The "admins must use MFA" switch: a checkbox, sent only when ticked. */
export const MfaRequirementSchema = z.object({
  intent: z.literal('mfa'),
  require_admin_mfa: z.literal('on').optional(),
});

/** Logo files: the org-assets bucket takes up to 5 MiB of these types; a logo needs far less. */
export const LOGO_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
export const LOGO_MAX_BYTES = 1024 * 1024;

export const LogoSchema = z.object({
  logo: z
    .instanceof(File, { error: 'Choose an image file.' })
    .refine((file) => file.size > 0, 'Choose an image file.')
    .refine((file) => file.type in LOGO_TYPES, 'Use a PNG, JPEG or WebP image.')
    .refine((file) => file.size <= LOGO_MAX_BYTES, 'Use an image of at most 1 MB.'),
});
