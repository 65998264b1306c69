// The widget key forms, checked in the browser and again in the action; the table's check
// constraint (private.are_exact_origins) has the last word on origins.
import { z } from 'zod';

const ID = /^[0-9a-f-]{36}$/i;
const ORIGIN =
  /^https?:\/\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?$/;

/** One origin per line (or comma separated), as a browser sends it: scheme, host and port only. */
export const originsField = z
  .string()
  .max(4000, { error: 'At most 20 origins.' })
  .transform((text) =>
    text
      .split(/[\s,]+/)
      .map((entry) => entry.trim().replace(/\/$/, ''))
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(ORIGIN, { error: 'Each line is an origin such as https://www.example.com (no path).' }))
      .max(20, { error: 'At most 20 origins.' })
      .refine((list) => new Set(list).size === list.length, { error: 'An origin is listed twice.' }),
  );

export const createKeySchema = z.object({
  property_id: z.string().regex(ID, { error: 'Choose a property.' }),
  label: z
    .string()
    .trim()
    .min(1, { error: 'Name the website this key is for.' })
    .max(80, { error: 'At most 80 characters.' }),
  allowed_origins: originsField,
});

export const originsSchema = z.object({
  key_id: z.string().regex(ID, { error: 'Unknown key.' }),
  allowed_origins: originsField,
});

export const revokeSchema = z.object({ key_id: z.string().regex(ID, { error: 'Unknown key.' }) });

export const WIDGET_KEY_ERRORS = {
  widget_keys_allowed_origins_exact: {
    field: 'allowed_origins',
    message: 'Each line must be an exact origin such as https://www.example.com: lower case, no path, at most 20.',
  },
  widget_keys_label_length: { field: 'label', message: 'Enter 1 to 80 characters.' },
  widget_keys_property_fkey: { field: 'property_id', message: 'Choose one of your properties.' },
  widget_key_revoked: { message: 'This key is revoked; create a new one.' },
};
