// The new-organization form, checked in the browser and again in the action; the RPC
// public.create_organization and the table's constraints repeat each rule.
import { z } from 'zod';
import { SLUG_PATTERN } from './slug.ts';

export const OrganizationSchema = z.object({
  name: z.string().trim().min(1, 'Enter the organization’s name.').max(120, 'Use at most 120 characters.'),
  slug: z
    .string()
    .trim()
    .min(1, 'Enter the web address name, such as harbour-hotels.')
    .max(48, 'Use at most 48 characters.')
    .regex(SLUG_PATTERN, 'Use lower-case letters, digits and hyphens, not starting or ending with a hyphen.'),
  time_zone: z.string().min(1, 'Choose a time zone.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Choose a currency.'),
});
