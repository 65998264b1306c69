// The vendor form, checked in the browser and again in the action; the table's constraints
// (unique name, email format) have the last word.
import { z } from 'zod';

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters.` })
    .refine((value) => !/[\r\n]/.test(value), { error: 'One line only.' })
    .transform((value) => value || null);

export const vendorSchema = z.object({
  name: z.string().trim().min(1, { error: 'Enter the vendor’s name.' }).max(120, { error: 'At most 120 characters.' }),
  email: z
    .string()
    .trim()
    .max(254, { error: 'At most 254 characters.' })
    .pipe(z.email({ error: 'Enter an email address: quote requests are sent there.' })),
  phone: optional(40),
  trade: optional(80),
  notes: z
    .string()
    .trim()
    .max(2000, { error: 'At most 2,000 characters.' })
    .transform((value) => value || null),
});

export const archiveSchema = z.object({
  vendor_id: z.string().regex(/^[0-9a-f-]{36}$/i, { error: 'Unknown vendor.' }),
  active: z.enum(['true', 'false']).transform((value) => value === 'true'),
});

export const VENDOR_ERRORS = {
  vendors_organization_name_key: { field: 'name', message: 'A vendor with this name already exists.' },
  vendors_email_format: { field: 'email', message: 'Enter a valid email address.' },
  vendors_name_length: { field: 'name', message: 'Enter 1 to 120 characters.' },
  vendors_phone_length: { field: 'phone', message: 'Enter 3 to 40 characters.' },
};
