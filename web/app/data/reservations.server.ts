// The reservation book's data: a property's tables and spaces (resources priced per slot), one
// local day of their bookings and out-of-service periods as minutes from that day's midnight in
// the property's zone, the turn time kept free after a slot, and a reservation moved or resized
// through modify_booking, which re-prices it and keeps every rule (exclusion constraint, turn
// time, party size, booking window). New reservations go through floor.server.ts's
// search_table_availability and create_booking calls.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { startOfDay } from '../utils/time-zones.ts';
import { DataError } from './data-error.ts';
import { rangeBounds } from './floor.server.ts';
import type { Saved } from './properties.server.ts';

type BookingStatus = Database['public']['Enums']['booking_status'];

export interface SlotResource {
  id: string;
  name: string;
  typeId: string;
  typeName: string;
  kind: 'table' | 'space' | 'room';
  minGuests: number;
  maxGuests: number;
}

export interface SlotReservation {
  id: string;
  resourceId: string;
  status: BookingStatus;
  reference: string;
  partySize: number;
  guestName: string | null;
  holdExpiresAt: string | null;
  /** Minutes from the day's local midnight (the end may pass 24:00). */
  start: number;
  end: number;
}

export interface SlotBlock {
  resourceId: string;
  start: number;
  end: number;
  reason: string | null;
}

/** Statuses the book draws: a cancelled or no-show reservation frees its table. */
const DRAWN: BookingStatus[] = ['held', 'confirmed', 'checked_in', 'checked_out'];
const KIND_ORDER = { table: 0, space: 1, room: 2 } as const;

/** Active tables and spaces priced per slot, by kind, type and name (numbers in order). */
export async function listSlotResources(supabase: Supabase, propertyId: string): Promise<SlotResource[]> {
  const { data, error } = await supabase
    .from('resources')
    .select('id, name, resource_type_id, min_guests, max_guests, type:resource_types!inner(name, kind, pricing)')
    .eq('property_id', propertyId)
    .eq('active', true)
    .eq('type.pricing', 'slot');
  if (error) throw new DataError(error);
  const collator = new Intl.Collator('en', { numeric: true });
  return data
    .map(({ type, ...row }) => {
      const about = type as unknown as { name: string; kind: SlotResource['kind'] };
      return {
        id: row.id,
        name: row.name,
        typeId: row.resource_type_id,
        typeName: about.name,
        kind: about.kind,
        minGuests: row.min_guests,
        maxGuests: row.max_guests,
      };
    })
    .sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        collator.compare(a.typeName, b.typeName) ||
        collator.compare(a.name, b.name),
    );
}

const minutesFrom = (midnight: number, instant: string) => Math.round((Date.parse(instant) - midnight) / 60_000);

/** The day's reservations of these resources (live holds only) and their out-of-service periods. */
export async function listDayReservations(
  supabase: Supabase,
  property: { id: string; time_zone: string },
  date: string,
  resourceIds: string[],
  now = new Date(),
): Promise<{ reservations: SlotReservation[]; blocks: SlotBlock[] }> {
  if (resourceIds.length === 0) return { reservations: [], blocks: [] };
  const midnight = startOfDay(date, property.time_zone).getTime();
  const dayRange = `[${new Date(midnight).toISOString()},${new Date(midnight + 86_400_000).toISOString()})`;
  const [bookings, outOfService] = await Promise.all([
    supabase
      .from('bookings')
      .select('id, resource_id, status, reference, party_size, period, hold_expires_at, guest:guests(full_name)')
      .eq('property_id', property.id)
      .eq('arrival_date', date)
      .in('status', DRAWN)
      .in('resource_id', resourceIds)
      .order('period')
      .limit(5000),
    supabase
      .from('resource_out_of_service')
      .select('resource_id, period, reason')
      .eq('property_id', property.id)
      .in('resource_id', resourceIds)
      .overlaps('period', dayRange),
  ]);
  if (bookings.error) throw new DataError(bookings.error);
  if (outOfService.error) throw new DataError(outOfService.error);
  const reservations = bookings.data
    .filter((row) => row.status !== 'held' || (row.hold_expires_at !== null && new Date(row.hold_expires_at) > now))
    .map((row) => {
      const { start, end } = rangeBounds(String(row.period));
      const guest = row.guest as unknown as { full_name: string } | null;
      return {
        id: row.id,
        resourceId: row.resource_id,
        status: row.status,
        reference: row.reference,
        partySize: row.party_size,
        guestName: guest?.full_name ?? null,
        holdExpiresAt: row.hold_expires_at,
        start: minutesFrom(midnight, start),
        end: minutesFrom(midnight, end),
      };
    });
  const blocks = outOfService.data.map((row) => {
    const { start, end } = rangeBounds(String(row.period));
    return {
      resourceId: row.resource_id,
      start: Math.max(0, minutesFrom(midnight, start)),
      end: Math.min(24 * 60, minutesFrom(midnight, end)),
      reason: row.reason,
    };
  });
  return { reservations, blocks };
}

/** Minutes a table stays blocked after a slot (property_settings; the database's default without a row). */
export async function slotTurnMinutes(supabase: Supabase, propertyId: string): Promise<number> {
  const { data, error } = await supabase
    .from('property_settings')
    .select('slot_turn_minutes')
    .eq('property_id', propertyId)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data?.slot_turn_minutes ?? 15;
}

export interface SlotMove {
  bookingId: string;
  resourceId: string;
  date: string;
  /** Local start, HH:MM. */
  time: string;
  minutes: number;
}

/** Moves and/or resizes a reservation; the database re-prices it or refuses (nothing half-done). */
export async function moveReservation(supabase: Supabase, move: SlotMove): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .rpc('modify_booking', {
      p_booking_id: move.bookingId,
      p_resource_id: move.resourceId,
      p_arrival: move.date,
      p_time: move.time,
      p_duration_minutes: move.minutes,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}
