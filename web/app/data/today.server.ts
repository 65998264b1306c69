// Today's lists at the front desk — arrivals, departures, guests in house — a page at a time,
// each with its total, through the Data API as the signed-in user (RLS decides what comes back).
// Each list is one query with an exact count and a range, ordered by room name (then reference,
// so pages never overlap), so a busy day of hundreds of arrivals reads only the page shown; the
// folio balances are read for that page's bookings only.
import type { Supabase } from '../utils/load-context.server.ts';
import type { BookingStatus } from './bookings.server.ts';
import { DataError } from './data-error.ts';

export const TODAY_PAGE_SIZE = 10;

export const TODAY_LISTS = ['arrivals', 'departures', 'inHouse'] as const;
export type TodayList = (typeof TODAY_LISTS)[number];

export interface TodayBooking {
  id: string;
  reference: string;
  status: BookingStatus;
  guestName: string | null;
  resourceName: string;
  nights: number;
  partySize: number;
  holdExpiresAt: string | null;
  /** The folio's balance in minor units; null without a folio. */
  balanceMinor: number | null;
}

export interface TodayPage {
  bookings: TodayBooking[];
  total: number;
  /** 1-based, within 1 … pages. */
  page: number;
  pages: number;
  pageSize: number;
}

interface Row {
  id: string;
  reference: string;
  status: BookingStatus;
  arrival_date: string;
  departure_date: string;
  party_size: number;
  hold_expires_at: string | null;
  guest: { full_name: string } | { full_name: string }[] | null;
  resource: { name: string } | { name: string }[] | null;
}

const COLUMNS =
  'id, reference, status, arrival_date, departure_date, party_size, hold_expires_at, guest:guests(full_name), resource:resources(name)';

const one = <T>(value: T | T[] | null): T | null => (Array.isArray(value) ? (value[0] ?? null) : value);

/**
 * Arrivals: arriving today, held (unexpired: an expired hold blocks nobody), confirmed or already
 * checked in. Departures: leaving today, confirmed, in house or already checked out. In house:
 * checked in, whatever the dates.
 */
function listQuery(supabase: Supabase, propertyId: string, list: TodayList, today: string, now: Date) {
  const query = supabase.from('bookings').select(COLUMNS, { count: 'exact' }).eq('property_id', propertyId);
  if (list === 'arrivals') {
    return query
      .eq('arrival_date', today)
      .in('status', ['held', 'confirmed', 'checked_in'])
      .or(`status.neq.held,hold_expires_at.gt.${now.toISOString()}`);
  }
  if (list === 'departures') {
    return query.eq('departure_date', today).in('status', ['confirmed', 'checked_in', 'checked_out']);
  }
  return query.eq('status', 'checked_in');
}

async function readPage(
  supabase: Supabase,
  propertyId: string,
  list: TodayList,
  today: string,
  now: Date,
  page: number,
): Promise<{ rows: Row[]; total: number } | null> {
  const from = (page - 1) * TODAY_PAGE_SIZE;
  const { data, count, error } = await listQuery(supabase, propertyId, list, today, now)
    .order('resource(name)')
    .order('reference')
    .range(from, from + TODAY_PAGE_SIZE - 1);
  // A range that starts past the end is refused (416), as PostgREST does.
  if (error?.code === RANGE_NOT_SATISFIABLE) return null;
  if (error) throw new DataError(error);
  return { rows: (data ?? []) as unknown as Row[], total: count ?? 0 };
}

const RANGE_NOT_SATISFIABLE = 'PGRST103';

/** One page of one of today's lists; a page past the end (the list shrank) reads as the last one. */
export async function listTodayPage(
  supabase: Supabase,
  propertyId: string,
  list: TodayList,
  today: string,
  requestedPage: number,
  now = new Date(),
): Promise<TodayPage> {
  let page = Math.max(1, Math.floor(requestedPage) || 1);
  let read = await readPage(supabase, propertyId, list, today, now, page);
  if (!read || (page > 1 && read.rows.length === 0)) {
    // Past the end (the list shrank, or an old link): the last page, from a count of the list.
    const { count, error } = await listQuery(supabase, propertyId, list, today, now).limit(0);
    if (error) throw new DataError(error);
    page = Math.max(1, Math.ceil((count ?? 0) / TODAY_PAGE_SIZE));
    read = (await readPage(supabase, propertyId, list, today, now, page)) ?? { rows: [], total: count ?? 0 };
  }
  const { rows, total } = read;
  const balances = await folioBalances(
    supabase,
    rows.map((row) => row.id),
  );
  return {
    bookings: rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      guestName: one(row.guest)?.full_name ?? null,
      resourceName: one(row.resource)?.name ?? '',
      nights: Math.round((Date.parse(row.departure_date) - Date.parse(row.arrival_date)) / 86_400_000),
      partySize: row.party_size,
      holdExpiresAt: row.hold_expires_at,
      balanceMinor: balances.get(row.id) ?? null,
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / TODAY_PAGE_SIZE)),
    pageSize: TODAY_PAGE_SIZE,
  };
}

async function folioBalances(supabase: Supabase, bookingIds: string[]): Promise<Map<string, number>> {
  const balances = new Map<string, number>();
  if (!bookingIds.length) return balances;
  const { data, error } = await supabase
    .from('folios')
    .select('booking_id, balance_minor')
    .in('booking_id', bookingIds);
  if (error) throw new DataError(error);
  for (const folio of data) if (folio.booking_id) balances.set(folio.booking_id, folio.balance_minor);
  return balances;
}
