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
