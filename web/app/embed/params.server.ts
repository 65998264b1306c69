// What the loader (embed.js) puts in an /embed page's query string, checked strictly: the widget
// key, the host page's origin (where the page may post its events), the theme and the prefill.
// Values that fail a check are dropped (the widget still works, plainer), never echoed.
import { z } from 'zod';

const origin = z
  .string()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.coerce.number().int().min(1).max(50);

const schema = z.object({
  key: z.string().regex(/^wk_[A-Za-z0-9_-]{4,120}$/),
  origin: origin.optional().catch(undefined),
  // Theme: values end up in a stylesheet, so only shapes that cannot break out of a declaration.
  brand: z
    .string()
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/)
    .optional()
    .catch(undefined),
  font: z
    .string()
    .regex(/^[A-Za-z0-9 ,'-]{1,80}$/)
    .optional()
    .catch(undefined),
  theme: z.enum(['light', 'dark', 'auto']).catch('auto'),
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8}){0,2}$/)
    .optional()
    .catch(undefined),
  // Prefill.
  from: date.optional().catch(undefined),
  to: date.optional().catch(undefined),
  date: date.optional().catch(undefined),
  guests: count.optional().catch(undefined),
  party: count.optional().catch(undefined),
  name: z.string().trim().max(120).optional().catch(undefined),
  email: z.string().trim().max(254).optional().catch(undefined),
  reference: z.string().trim().max(40).optional().catch(undefined),
});

export type EmbedParams = z.infer<typeof schema>;

/** The page's parameters, or null when the key itself is missing or malformed. */
export function readEmbedParams(search: URLSearchParams): EmbedParams | null {
  const raw: Record<string, string> = {};
  for (const [name, value] of search) if (!(name in raw)) raw[name] = value;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** A locale Intl accepts (the page's `locale`, else English). */
export function safeLocale(locale: string | undefined): string {
  if (!locale) return 'en-GB';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en-GB';
  } catch {
    return 'en-GB';
  }
}

/**
 * Where the page may post messages: the host origin the loader named, and only when it is one
 * of the key's allowed origins (the server's list). Null otherwise: the page then posts nothing.
 */
export function hostOrigin(claimed: string | undefined, allowed: readonly string[]): string | null {
  return claimed && allowed.includes(claimed) ? claimed : null;
}
