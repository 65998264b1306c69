// Guest profiles of an organization, read and written as the signed-in user through the Data
// API. Search, create and edit go through the database's functions (search_guests, create_guest,
// update_guest: migration 20261206120400), so matching, de-duplication and who may write are
// decided there; RLS decides which guests, stays and orders a member sees.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type Functions = Database['public']['Functions'];

export const GUEST_PAGE_SIZE = 25;
export const HISTORY_PAGE_SIZE = 10;

export type GuestSort = 'name' | 'last_stay';
export type GuestMatch = Omit<Functions['search_guests']['Returns'][number], 'total_count'>;
export type Guest = Functions['update_guest']['Returns'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One page (1-based) of the guests matching `query` (blank: all) and how many match in all. */
export async function searchGuests(
  supabase: Supabase,
  organizationId: string,
  { query, sort, page }: { query: string; sort: GuestSort; page: number },
): Promise<{ guests: GuestMatch[]; total: number }> {
  // The query travels as a JSON argument, never inside a PostgREST filter: commas, parentheses,
  // quotes and wildcards need no escaping here, and the function matches them literally.
  const { data, error } = await supabase.rpc('search_guests', {
    p_organization_id: organizationId,
    ...(query ? { p_query: query } : {}),
    p_sort: sort,
    p_limit: GUEST_PAGE_SIZE,
    p_offset: (page - 1) * GUEST_PAGE_SIZE,
  });
  if (error) throw new DataError(error);
  const total = Number(data[0]?.total_count ?? 0);
  return { guests: data.map(({ total_count: _total, ...guest }) => guest), total };
}

/** The guest of this organization with this id, or null (unknown, malformed or not visible). */
export async function getGuest(supabase: Supabase, organizationId: string, id: string): Promise<Guest | null> {
  if (!UUID.test(id)) return null;
  const { data, error } = await supabase
    .from('guests')
    .select('*')
    .eq('organization_id', organizationId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data;
}

export interface GuestFields {
  full_name: string;
  /** Blank clears the field (the functions read '' as none). */
  email: string;
  phone: string;
  language: string;
  notes: string;
}

export async function createGuest(
  supabase: Supabase,
  organizationId: string,
  fields: GuestFields & { marketing_consent: boolean },
): Promise<Saved<Guest>> {
  const { data, error } = await supabase.rpc('create_guest', {
    p_organization_id: organizationId,
    p_full_name: fields.full_name,
    p_email: fields.email,
    p_phone: fields.phone,
    p_language: fields.language,
    p_notes: fields.notes,
    p_marketing_consent: fields.marketing_consent,
  });
  return error ? { error } : { row: data };
}

/** Sets exactly these fields (a blank one is cleared) and the marketing consent. */
export async function updateGuest(
  supabase: Supabase,
  id: string,
  fields: GuestFields & { marketing_consent: boolean },
): Promise<Saved<Guest>> {
  const { data, error } = await supabase.rpc('update_guest', {
    p_guest_id: id,
    p_full_name: fields.full_name,
    p_email: fields.email,
    p_phone: fields.phone,
    p_language: fields.language,
    p_notes: fields.notes,
    p_marketing_consent: fields.marketing_consent,
  });
  return error ? { error } : { row: data };
}

/** The guest's editable fields as update_guest takes them, blanks for nulls. */
export function guestFields(guest: Guest): GuestFields & { marketing_consent: boolean } {
  return {
    full_name: guest.full_name,
    email: guest.email ?? '',
    phone: guest.phone ?? '',
    language: guest.language ?? '',
    notes: guest.notes ?? '',
    marketing_consent: guest.marketing_consent,
  };
}

export interface ConsentChange {
  changed_at: string;
  granted: boolean;
  changed_by: string | null;
}

/** When marketing consent was given or withdrawn, newest first (from the audit log). */
export async function listConsentHistory(supabase: Supabase, guestId: string): Promise<ConsentChange[]> {
  const { data, error } = await supabase.rpc('guest_consent_history', { p_guest_id: guestId });
  if (error) throw new DataError(error);
  return data;
}

/** A stay (a booking but a hold) or an order of the guest (guest_history). */
export interface HistoryEntry {
  kind: 'stay' | 'order';
  id: string;
  /** The booking's reference, or the start of the order's id. */
  reference: string;
  property_id: string;
  status: string;
  /** A stay's check-in (or a slot's start); an order's submission. */
  starts_at: string;
  ends_at: string | null;
  party_size: number | null;
  currency: string;
  total_minor: number;
}

const HISTORY_COLUMNS =
  'kind, id, reference, property_id, status, starts_at, ends_at, party_size, currency, total_minor';

/** One page (1-based) of the guest's stays and orders, newest first, and how many there are. */
export async function listGuestHistory(
  supabase: Supabase,
  organizationId: string,
  guestId: string,
  page: number,
): Promise<{ entries: HistoryEntry[]; total: number }> {
  const from = (page - 1) * HISTORY_PAGE_SIZE;
  const { data, error, count } = await supabase
    .from('guest_history')
    .select(HISTORY_COLUMNS, { count: 'exact' })
    .eq('organization_id', organizationId)
    .eq('guest_id', guestId)
    .order('starts_at', { ascending: false })
    .order('id')
    .range(from, from + HISTORY_PAGE_SIZE - 1);
  // A page past the end (a stale link): PostgREST refuses the range; show an empty page.
  if (error?.code === 'PGRST103') return { entries: [], total: 0 };
  if (error) throw new DataError(error);
  return { entries: data as HistoryEntry[], total: count ?? 0 };
}
