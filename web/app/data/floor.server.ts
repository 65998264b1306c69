// The restaurant floor's data: a property's tables (resources of a table type), today's table
// bookings and open orders, read as the signed-in user (RLS), and the bookings made from the
// floor through the database's RPCs (search_table_availability, create_booking,
// check_in_booking), which decide availability, prices and the status flow.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type BookingStatus = Database['public']['Enums']['booking_status'];
type OrderStatus = Database['public']['Enums']['order_status'];

export interface FloorTable {
  id: string;
  name: string;
  minGuests: number;
  maxGuests: number;
  typeName: string;
}

export interface FloorBooking {
  id: string;
  resourceId: string;
  status: BookingStatus;
  reference: string;
  partySize: number;
  startsAt: string;
  endsAt: string;
  guestName: string | null;
}

export interface FloorOrder {
  id: string;
  resourceId: string;
  status: OrderStatus;
  /** When the table asked for the bill (request_bill), if it did. */
  billRequestedAt: string | null;
}

/** Open orders: everything before closed (voided ones are gone from the table). */
const OPEN_ORDER: OrderStatus[] = ['draft', 'submitted', 'preparing', 'ready', 'served'];
const LIVE_BOOKING: BookingStatus[] = ['held', 'confirmed', 'checked_in'];

export async function listTables(supabase: Supabase, propertyId: string): Promise<FloorTable[]> {
  const { data, error } = await supabase
    .from('resources')
    .select('id, name, min_guests, max_guests, resource_types!inner(name, kind)')
    .eq('property_id', propertyId)
    .eq('active', true)
    .eq('resource_types.kind', 'table')
    .order('name');
  if (error) throw new DataError(error);
  return data.map((row) => ({
    id: row.id,
    name: row.name,
    minGuests: row.min_guests,
    maxGuests: row.max_guests,
    typeName: (row.resource_types as { name: string }).name,
  }));
}

/** `[start,end)` of a tstzrange as PostgREST returns it (`["2026-12-06 19:00:00+00","…")`). */
export function rangeBounds(range: string): { start: string; end: string } {
  const [start = '', end = ''] = range
    .replace(/^[[(]|[\])]$/g, '')
    .split(',')
    .map((bound) => bound.replaceAll('"', '').trim());
  const instant = (bound: string) => new Date(bound.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
  return { start: instant(start), end: instant(end) };
}

/** The table bookings of one local day (still live), and the open orders of those tables. */
export async function floorActivity(
  supabase: Supabase,
  propertyId: string,
  tableIds: string[],
  day: string,
): Promise<{ bookings: FloorBooking[]; orders: FloorOrder[] }> {
  if (tableIds.length === 0) return { bookings: [], orders: [] };
  const [bookings, orders] = await Promise.all([
    supabase
      .from('bookings')
      .select('id, resource_id, status, reference, party_size, period, guests(full_name)')
      .eq('property_id', propertyId)
      .eq('arrival_date', day)
      .in('status', LIVE_BOOKING)
      .in('resource_id', tableIds)
      .order('period'),
    supabase
      .from('orders')
      .select('id, table_resource_id, status, bill_requested_at')
      .eq('property_id', propertyId)
      .eq('kind', 'table')
      .in('status', OPEN_ORDER)
      .in('table_resource_id', tableIds),
  ]);
  if (bookings.error) throw new DataError(bookings.error);
  if (orders.error) throw new DataError(orders.error);
  return {
    bookings: bookings.data.map((row) => {
      const { start, end } = rangeBounds(String(row.period));
      const guest = row.guests as { full_name: string } | null;
      return {
        id: row.id,
        resourceId: row.resource_id,
        status: row.status,
        reference: row.reference,
        partySize: row.party_size,
        startsAt: start,
        endsAt: end,
        guestName: guest?.full_name ?? null,
      };
    }),
    orders: orders.data.flatMap((row) =>
      row.table_resource_id
        ? [
            {
              id: row.id,
              resourceId: row.table_resource_id,
              status: row.status,
              billRequestedAt: row.bill_requested_at,
            },
          ]
        : [],
    ),
  };
}

export interface TableOffer {
  resourceIds: string[];
  typeName: string;
  currency: string;
  totalMinor: number;
}

export interface SlotRequest {
  date: string;
  time: string;
  durationMinutes: number;
  partySize: number;
}

/** Tables free for a slot, as the database counts them (turn time, out of service, notice). */
export async function searchTables(
  supabase: Supabase,
  propertyId: string,
  slot: SlotRequest,
): Promise<{ offers: TableOffer[]; error?: PostgrestError }> {
  const { data, error } = await supabase.rpc('search_table_availability', {
    p_property_id: propertyId,
    p_date: slot.date,
    p_time: slot.time,
    p_duration_minutes: slot.durationMinutes,
    p_party_size: slot.partySize,
  });
  if (error) return { offers: [], error };
  return {
    offers: data.map((row) => ({
      resourceIds: row.resource_ids,
      typeName: row.resource_type_name,
      currency: row.currency,
      totalMinor: Number(row.total_minor),
    })),
  };
}

type Booking = Database['public']['Tables']['bookings']['Row'];

/** A confirmed table booking; the idempotency key makes a double tap or a retry one booking. */
export async function reserveTable(
  supabase: Supabase,
  fields: SlotRequest & { resourceId: string; guestId: string | null; idempotencyKey: string },
): Promise<Saved<Booking>> {
  const { data, error } = await supabase.rpc('create_booking', {
    p_resource_id: fields.resourceId,
    p_guest_id: fields.guestId as string,
    p_arrival: fields.date,
    p_departure: fields.date,
    p_party_size: fields.partySize,
    p_time: fields.time,
    p_duration_minutes: fields.durationMinutes,
    p_confirm: true,
    p_source: 'staff',
    p_idempotency_key: fields.idempotencyKey,
  });
  return error ? { error } : { row: data };
}

/** A walk-in: booked from now and checked in at once (a retry finds the booking already seated). */
export async function seatWalkIn(
  supabase: Supabase,
  fields: SlotRequest & { resourceId: string; idempotencyKey: string },
): Promise<Saved<Booking>> {
  const booked = await reserveTable(supabase, { ...fields, guestId: null });
  if (booked.error) return booked;
  if (booked.row.status === 'checked_in') return booked;
  return checkIn(supabase, booked.row.id);
}

export async function checkIn(supabase: Supabase, bookingId: string): Promise<Saved<Booking>> {
  const { data, error } = await supabase.rpc('check_in_booking', { p_booking_id: bookingId });
  return error ? { error } : { row: data };
}

/** The guest a reservation is under, by name (upsert_guest de-duplicates). */
export async function guestForReservation(
  supabase: Supabase,
  organizationId: string,
  fullName: string,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase.rpc('upsert_guest', {
    p_organization_id: organizationId,
    p_full_name: fullName,
  });
  if (error) return { error };
  return { row: { id: (data as { id: string }).id } };
}
