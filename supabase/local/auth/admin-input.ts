// What the admin users API accepts, checked at the boundary: request bodies (zod), list paging,
// ban durations in Go's duration syntax (GoTrue parses them with time.ParseDuration), and the
// normalisation of phone numbers that upstream applies before storing them.
import { z } from 'zod';
import { ErrorCode } from './error-codes.ts';
import { AuthError } from './errors.ts';

const metadata = z.record(z.string(), z.unknown());

/** Fields that GoTrue's AdminUserParams reads; anything else is ignored, as upstream does. */
const adminUserFields = {
  id: z.string().optional(),
  aud: z.string().optional(),
  role: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().nullable().optional(),
  password_hash: z.string().optional(),
  email_confirm: z.boolean().optional(),
  phone_confirm: z.boolean().optional(),
  user_metadata: metadata.nullable().optional(),
  app_metadata: metadata.nullable().optional(),
  ban_duration: z.string().optional(),
};

export const adminUserBody = z.object(adminUserFields);
export type AdminUserBody = z.infer<typeof adminUserBody>;

export const deleteUserBody = z.object({ should_soft_delete: z.boolean().optional() });

export const updateFactorBody = z.object({ friendly_name: z.string().optional(), phone: z.string().optional() });

/** `page` and `per_page` as GoTrue's paginate reads them: unsigned integers, per_page > 0. */
export function parsePaging(url: URL): { page: number; perPage: number } | { error: string } {
  const page = readUnsigned(url.searchParams.get('page'), 1);
  const perPage = readUnsigned(url.searchParams.get('per_page'), 50);
  if (page === null || perPage === null) return { error: 'Bad Pagination Parameters: invalid syntax' };
  if (perPage === 0) return { error: 'Bad Pagination Parameters: per_page must be greater than 0' };
  // Page 0 would address nothing sensible; treat it as the first page.
  return { page: Math.max(page, 1), perPage: Math.min(perPage, 1000) };
}

function readUnsigned(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  if (!/^[0-9]{1,9}$/.test(value)) return null;
  return Number(value);
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Milliseconds of a Go duration string (`"24h"`, `"1h30m"`, `"876000h"`, `"-1s"`), or null when
 * the syntax is not Go's. `"none"` is not a duration; callers treat it as "lift the ban".
 */
export function parseGoDuration(text: string): number | null {
  const match = /^([-+]?)(.*)$/.exec(text);
  if (!match) return null;
  const [, sign, body] = match as unknown as [string, string, string];
  if (body === '0') return 0;
  if (body === '') return null;
  const part = /([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const found = part.exec(body);
    if (!found || found[1] === '' || found[1] === '.') return null;
    total += Number(found[1]) * (UNIT_MS[found[2] as string] as number);
    at = part.lastIndex;
  }
  return sign === '-' ? -total : total;
}

/** `banned_until` for a ban duration: null lifts the ban ("none" or a zero duration). */
export function banUntil(durationMs: number, now = Date.now()): Date | null {
  return durationMs === 0 ? null : new Date(now + durationMs);
}

/** E.164 digits without the `+`, as GoTrue stores phone numbers; upstream's 400 otherwise. */
export function checkPhone(phone: string): string {
  const digits = phone.replace(/[\s()+-]/g, '');
  if (!/^[1-9][0-9]{4,14}$/.test(digits)) {
    throw new AuthError(400, ErrorCode.validationFailed, 'Invalid phone number format (E.164 required)');
  }
  return digits;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
