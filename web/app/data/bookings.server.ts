// The front desk's reads of bookings (the booking grid's window, search, today's lists) and the
// grid's move, through the Data API as the signed-in user: RLS decides which rows come back and
// modify_booking decides whether a move is allowed (it re-prices and keeps every rule).
import type { Database } from '../../../supabase/database.types.ts';
import { addDays } from '../utils/calendar-dates.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { startOfDay } from '../utils/time-zones.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export type BookingStatus = Database['public']['Enums']['booking_status'];

/** Statuses the grid draws: cancelled and no-show bookings free their room. */
export const GRID_STATUSES: BookingStatus[] = ['held', 'confirmed', 'checked_in', 'checked_out'];

export interface GridResource {
  id: string;
  name: string;
  typeId: string;
  typeName: string;
}

export interface GridBooking {
  id: string;
  resourceId: string;
  status: BookingStatus;
  arrival: string;
  departure: string;
  partySize: number;
  reference: string;
  holdExpiresAt: string | null;
  guestName: string | null;
  guestEmail: string | null;
}

/** Days (indexes into the window) a resource cannot be booked. */
export interface GridBlock {
  resourceId: string;
  first: number;
  last: number;
  reason: string | null;
}

interface GuestColumns {
  full_name: string;
  email: string | null;
}

const BOOKING_COLUMNS =
  'id, resource_id, status, arrival_date, departure_date, party_size, reference, hold_expires_at, guest:guests(full_name, email)';

type BookingRow = {
  id: string;
  resource_id: string;
  status: BookingStatus;
  arrival_date: string;
  departure_date: string;
  party_size: number;
  reference: string;
  hold_expires_at: string | null;
  guest: GuestColumns | GuestColumns[] | null;
};

function toGridBooking(row: BookingRow): GridBooking {
  const guest = Array.isArray(row.guest) ? row.guest[0] : row.guest;
  return {
    id: row.id,
    resourceId: row.resource_id,
    status: row.status,
    arrival: row.arrival_date,
    departure: row.departure_date,
    partySize: row.party_size,
    reference: row.reference,
    holdExpiresAt: row.hold_expires_at,
    guestName: guest?.full_name ?? null,
    guestEmail: guest?.email ?? null,
  };
}

/** A hold past its expiry blocks nobody (the database ignores it), so the desk does not see it. */
const isLive = (booking: GridBooking, now: Date) =>
  booking.status !== 'held' || (booking.holdExpiresAt !== null && new Date(booking.holdExpiresAt) > now);

/** Rooms and other night-priced resources of the property, grouped by type then by name. */
export async function listLodgingResources(supabase: Supabase, propertyId: string): Promise<GridResource[]> {
  const [types, resources] = await Promise.all([
    supabase.from('resource_types').select('id, name').eq('property_id', propertyId).eq('pricing', 'night'),
    supabase
      .from('resources')
      .select('id, name, resource_type_id')
      .eq('property_id', propertyId)
      .eq('active', true)
      .order('name'),
  ]);
  if (types.error) throw new DataError(types.error);
  if (resources.error) throw new DataError(resources.error);
  const typeNames = new Map(types.data.map((type) => [type.id, type.name]));
  const collator = new Intl.Collator('en', { numeric: true });
  return resources.data
    .filter((row) => typeNames.has(row.resource_type_id))
    .map((row) => ({
      id: row.id,
      name: row.name,
      typeId: row.resource_type_id,
      typeName: typeNames.get(row.resource_type_id) ?? '',
    }))
    .sort((a, b) => collator.compare(a.typeName, b.typeName) || collator.compare(a.name, b.name));
}

/** Bookings with a night in [from, from + days), drawn statuses only, live holds only. */
export async function listGridBookings(
  supabase: Supabase,
  propertyId: string,
  from: string,
  days: number,
  now = new Date(),
): Promise<GridBooking[]> {
  const { data, error } = await supabase
    .from('bookings')
    .select(BOOKING_COLUMNS)
    .eq('property_id', propertyId)
    .in('status', GRID_STATUSES)
    .lt('arrival_date', addDays(from, days))
    .gt('departure_date', from)
    .order('arrival_date')
    .limit(10_000);
  if (error) throw new DataError(error);
  return (data as unknown as BookingRow[]).map(toGridBooking).filter((booking) => isLive(booking, now));
}

/** A tstzrange as PostgreSQL prints it, as two instants (ms). */
function rangeInstants(period: string): [number, number] {
  const [lower = '', upper = ''] = period.slice(1, -1).split(',');
  const parse = (bound: string) => {
    const text = bound.replaceAll('"', '').trim().replace(' ', 'T');
    // "+00" or "+05:30" offsets: Date.parse wants ±HH:MM.
    return Date.parse(text.replace(/([+-]\d{2})$/, '$1:00'));
  };
  return [parse(lower), parse(upper)];
}

/**
 * Out-of-service periods as the window's days they touch, a day being midnight to midnight in
 * the property's time zone.
 */
export async function listGridBlocks(
  supabase: Supabase,
  property: { id: string; time_zone: string },
  from: string,
  days: number,
): Promise<GridBlock[]> {
  const dayStarts = Array.from({ length: days + 1 }, (_, i) =>
    startOfDay(addDays(from, i), property.time_zone).getTime(),
  );
  const windowRange = `[${new Date(dayStarts[0] ?? 0).toISOString()},${new Date(dayStarts[days] ?? 0).toISOString()})`;
  const { data, error } = await supabase
    .from('resource_out_of_service')
    .select('resource_id, period, reason')
    .eq('property_id', property.id)
    .overlaps('period', windowRange);
  if (error) throw new DataError(error);
  const blocks: GridBlock[] = [];
  for (const row of data) {
    const [starts, ends] = rangeInstants(String(row.period));
    let first = -1;
    let last = -1;
    for (let day = 0; day < days; day++) {
      if (starts < (dayStarts[day + 1] ?? 0) && ends > (dayStarts[day] ?? 0)) {
        if (first < 0) first = day;
        last = day;
      }
    }
    if (first >= 0) blocks.push({ resourceId: row.resource_id, first, last, reason: row.reason });
  }
  return blocks;
}

/** `%`, `_` and `\` taken literally in an ilike pattern; commas and brackets kept out of or(). */
function likePattern(text: string): string {
  return `*${text.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/[,()*"]/g, ' ')}*`;
}

/** Bookings of the property whose reference is `query` or whose guest's name or email contain it. */
export async function searchBookings(
  supabase: Supabase,
  propertyId: string,
  query: string,
  now = new Date(),
): Promise<GridBooking[]> {
  const text = query.trim();
  if (!text) return [];
  const pattern = likePattern(text);
  const [byReference, byGuest] = await Promise.all([
    supabase
      .from('bookings')
      .select(BOOKING_COLUMNS)
      .eq('property_id', propertyId)
      .in('status', GRID_STATUSES)
      .eq('reference', text.toUpperCase())
      .limit(5),
    supabase
      .from('bookings')
      .select(
        'id, resource_id, status, arrival_date, departure_date, party_size, reference, hold_expires_at, guest:guests!inner(full_name, email)',
      )
      .eq('property_id', propertyId)
      .in('status', GRID_STATUSES)
      .or(`full_name.ilike.${pattern},email.ilike.${pattern}`, { referencedTable: 'guest' })
      .order('arrival_date', { ascending: false })
      .limit(20),
  ]);
  if (byReference.error) throw new DataError(byReference.error);
  if (byGuest.error) throw new DataError(byGuest.error);
  const seen = new Set<string>();
  const rows = [...(byReference.data as unknown as BookingRow[]), ...(byGuest.data as unknown as BookingRow[])];
  return rows
    .map(toGridBooking)
    .filter((booking) => isLive(booking, now) && !seen.has(booking.id) && seen.add(booking.id));
}

export interface Move {
  bookingId: string;
  resourceId: string;
  arrival: string;
  departure: string;
}

/** Moves a booking to another resource and/or dates; the database re-prices it or refuses. */
export async function moveBooking(supabase: Supabase, move: Move): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .rpc('modify_booking', {
      p_booking_id: move.bookingId,
      p_resource_id: move.resourceId,
      p_arrival: move.arrival,
      p_departure: move.departure,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}
