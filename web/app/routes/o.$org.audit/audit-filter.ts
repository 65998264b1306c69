// The audit log's filter as it travels in the URL (`?table=&actor=&from=&to=&page=`), shared by
// the screen and its CSV export. Dates are calendar days in the organization's time zone.
import { z } from 'zod';
import { startOfDay } from '../../utils/time-zones.ts';

/** Tables whose changes the triggers record (supabase/migrations, `record_audit`): the filter's choices. */
export const AUDITED_TABLES = [
  'booking_no_show_risk',
  'bookings',
  'catalogue_categories',
  'catalogue_items',
  'folio_entries',
  'folios',
  'forecasts',
  'guests',
  'invitations',
  'item_availability',
  'item_modifier_groups',
  'jobs',
  'loyalty_ledger',
  'member_property_access',
  'memberships',
  'modifier_groups',
  'modifier_options',
  'order_items',
  'order_settings',
  'orders',
  'organizations',
  'properties',
  'property_settings',
  'property_taxes',
  'rate_overrides',
  'rate_plans',
  'resource_out_of_service',
  'resource_types',
  'resources',
  'station_routes',
  'stations',
] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

export const AuditQuerySchema = z.object({
  table: z.enum(AUDITED_TABLES).optional().catch(undefined),
  actor: z
    .union([z.literal('system'), z.guid()])
    .optional()
    .catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The query of a URL, blanks dropped and malformed values ignored (a filter link is not a form). */
export function readAuditQuery(url: URL): AuditQuery {
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ''));
  return AuditQuerySchema.parse(raw);
}

/**
 * The filter the data module applies (its `AuditFilter`): `to` includes its whole day. Typed here
 * without importing the server module, so browser tests can import this file.
 */
export function auditFilter(
  query: AuditQuery,
  timeZone: string,
): { table?: string; actor?: string; since?: string; until?: string } {
  const next = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
  return {
    table: query.table,
    actor: query.actor,
    since: query.from ? startOfDay(query.from, timeZone).toISOString() : undefined,
    until: next ? startOfDay(next, timeZone).toISOString() : undefined,
  };
}

/** The same query as URL search parameters, blanks left out, with `overrides` applied. */
export function auditSearch(query: AuditQuery, overrides: Partial<AuditQuery> = {}): string {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
