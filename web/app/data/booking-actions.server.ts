// The front desk's booking actions, as the signed-in user: hold, name the guest, confirm,
// modify, cancel, no-show, check in and out go through the database's RPCs (migration
// 20261122001100 and 20261206140100), which decide every rule: availability, prices, the status
// flow, the cancellation policy and who may act. Reads here are the drawer's own (the grid owns
// bookings.server.ts).
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type Tables = Database['public']['Tables'];
type Functions = Database['public']['Functions'];

export type BookingRow = Tables['bookings']['Row'];
export type BookingStatus = Database['public']['Enums']['booking_status'];
export type Offer = Functions['search_availability']['Returns'][number];

/** A booking's stored quote (private.quote): per-night lines, taxes and fees, total. */
export interface PriceBreakdown {
  unit: 'night' | 'slot';
  units: number;
  currency: string;
  lines: { date: string; rate_minor: number; extra_guests_minor: number; amount_minor: number }[];
  subtotal_minor: number;
  taxes: {
    id: string;
    name: string;
    basis: 'percentage' | 'per_unit';
    rate_bps: number | null;
    amount_per_unit_minor: number | null;
    inclusive: boolean;
    amount_minor: number;
  }[];
  exclusive_taxes_minor: number;
  inclusive_taxes_minor: number;
  total_minor: number;
}

/**
 * The stored quote, whole: a booking written without one (an import, an older row, a fixture)
 * has `{}`, which reads as its total with no lines rather than breaking the page.
 */
function storedBreakdown(stored: unknown, currency: string, total: number): PriceBreakdown {
  const quote = (stored && typeof stored === 'object' ? stored : {}) as Partial<PriceBreakdown>;
  return {
    unit: quote.unit ?? 'night',
    units: quote.units ?? 0,
    currency: quote.currency ?? currency,
    lines: Array.isArray(quote.lines) ? quote.lines : [],
    subtotal_minor: quote.subtotal_minor ?? total,
    taxes: Array.isArray(quote.taxes) ? quote.taxes : [],
    exclusive_taxes_minor: quote.exclusive_taxes_minor ?? 0,
    inclusive_taxes_minor: quote.inclusive_taxes_minor ?? 0,
    total_minor: quote.total_minor ?? total,
  };
}

export interface DeskBooking {
  id: string;
  reference: string;
  status: BookingStatus;
  property_id: string;
  resource_id: string;
  resource_name: string;
  resource_type_id: string;
  rate_plan_id: string | null;
  guest: { id: string; full_name: string; email: string | null; phone: string | null } | null;
  arrival_date: string;
  departure_date: string;
  party_size: number;
  currency: string;
  total_minor: number;
  price_breakdown: PriceBreakdown;
  hold_expires_at: string | null;
  cancellation_fee_minor: number | null;
  cancellation_reason: string | null;
  folio_id: string | null;
}

/** A bookable room of the property (priced per night), with its type. */
export interface DeskResource {
  id: string;
  name: string;
  resource_type_id: string;
  type_name: string;
  min_guests: number;
  max_guests: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string | null | undefined): text is string => !!text && UUID.test(text);

const BOOKING_COLUMNS = `id, reference, status, property_id, resource_id, rate_plan_id, arrival_date, departure_date,
  party_size, currency, total_minor, price_breakdown, hold_expires_at, cancellation_fee_minor, cancellation_reason,
  resource:resources!bookings_resource_fkey(name, resource_type_id),
  guest:guests!bookings_guest_fkey(id, full_name, email, phone),
  folio:folios!folios_booking_fkey(id)`;

/** The booking of this property with this id, or null (unknown, malformed, or hidden by RLS). */
export async function getDeskBooking(supabase: Supabase, propertyId: string, id: string): Promise<DeskBooking | null> {
  if (!isUuid(id)) return null;
  const { data, error } = await supabase
    .from('bookings')
    .select(BOOKING_COLUMNS)
    .eq('property_id', propertyId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!data) return null;
  const { resource, guest, folio, ...row } = data as unknown as Omit<typeof data, 'resource' | 'guest' | 'folio'> & {
    resource: { name: string; resource_type_id: string } | null;
    guest: DeskBooking['guest'];
    folio: { id: string }[] | { id: string } | null;
  };
  const folioId = Array.isArray(folio) ? (folio[0]?.id ?? null) : (folio?.id ?? null);
  return {
    ...row,
    total_minor: Number(row.total_minor),
    cancellation_fee_minor: row.cancellation_fee_minor === null ? null : Number(row.cancellation_fee_minor),
    price_breakdown: storedBreakdown(row.price_breakdown, row.currency, Number(row.total_minor)),
    resource_name: resource?.name ?? '',
    resource_type_id: resource?.resource_type_id ?? '',
    guest,
    folio_id: folioId,
  };
}

/** The property's active rooms priced per night, by name. */
export async function listDeskResources(supabase: Supabase, propertyId: string): Promise<DeskResource[]> {
  const { data, error } = await supabase
    .from('resources')
    .select('id, name, resource_type_id, min_guests, max_guests, type:resource_types!inner(name, pricing)')
    .eq('property_id', propertyId)
    .eq('active', true)
    .eq('type.pricing', 'night')
    .order('name');
  if (error) throw new DataError(error);
  return data.map(({ type, ...resource }) => ({ ...resource, type_name: (type as { name: string }).name }));
}

/** What the property offers for a stay (search_availability: free rooms per type and rate plan, priced). */
export async function searchOffers(
  supabase: Supabase,
  stay: { propertyId: string; arrival: string; departure: string; party: number },
): Promise<Saved<Offer[]>> {
  const { data, error } = await supabase.rpc('search_availability', {
    p_property_id: stay.propertyId,
    p_arrival: stay.arrival,
    p_departure: stay.departure,
    p_party_size: stay.party,
  });
  return error ? { error } : { row: data };
}

/** The fee cancel_booking would record now (the property's policy), as the database computes it. */
export async function cancellationFee(supabase: Supabase, bookingId: string): Promise<number> {
  const { data, error } = await supabase.rpc('cancellation_fee', { p_booking_id: bookingId });
  if (error) throw new DataError(error);
  return Number(data ?? 0);
}

export interface HoldRequest {
  resourceId: string;
  arrival: string;
  departure: string;
  party: number;
  /** One per form shown: a double tap or a retry returns the same hold. */
  idempotencyKey: string;
}

/** A hold on a room (expiring after the property's hold minutes), without a guest yet. */
export async function holdRoom(supabase: Supabase, hold: HoldRequest): Promise<Saved<BookingRow>> {
  const { data, error } = await supabase.rpc('create_booking', {
    p_resource_id: hold.resourceId,
    p_guest_id: null as unknown as string,
    p_arrival: hold.arrival,
    p_departure: hold.departure,
    p_party_size: hold.party,
    p_confirm: false,
    p_source: 'staff',
    p_idempotency_key: hold.idempotencyKey,
  });
  return error ? { error } : { row: data };
}

export async function setBookingGuest(
  supabase: Supabase,
  bookingId: string,
  guestId: string,
): Promise<Saved<BookingRow>> {
  const { data, error } = await supabase.rpc('set_booking_guest', { p_booking_id: bookingId, p_guest_id: guestId });
  return error ? { error } : { row: data };
}

type Transition = 'confirm_booking' | 'check_in_booking' | 'mark_no_show';

/** overrideReason: a manager's reason to check in to a room that is not clean or inspected (check_in_booking only). */
export async function moveBooking(
  supabase: Supabase,
  rpc: Transition,
  bookingId: string,
  overrideReason = '',
): Promise<Saved<BookingRow>> {
  const { data, error } =
    rpc === 'check_in_booking' && overrideReason
      ? await supabase.rpc(rpc, { p_booking_id: bookingId, p_override_reason: overrideReason })
      : await supabase.rpc(rpc, { p_booking_id: bookingId });
  return error ? { error } : { row: data };
}

export async function cancelBooking(supabase: Supabase, bookingId: string, reason: string): Promise<Saved<BookingRow>> {
  const { data, error } = await supabase.rpc('cancel_booking', {
    p_booking_id: bookingId,
    ...(reason ? { p_reason: reason } : {}),
  });
  return error ? { error } : { row: data };
}

export async function checkOutBooking(
  supabase: Supabase,
  bookingId: string,
  overrideReason: string,
): Promise<Saved<BookingRow>> {
  const { data, error } = await supabase.rpc('check_out_booking', {
    p_booking_id: bookingId,
    ...(overrideReason ? { p_override_reason: overrideReason } : {}),
  });
  return error ? { error } : { row: data };
}

export interface Modification {
  resourceId: string;
  arrival: string;
  departure: string;
  party: number;
}

/** Moves, lengthens or re-sizes a stay; the database re-prices it. */
export async function modifyBooking(
  supabase: Supabase,
  bookingId: string,
  change: Modification,
): Promise<Saved<BookingRow>> {
  const { data, error } = await supabase.rpc('modify_booking', {
    p_booking_id: bookingId,
    p_resource_id: change.resourceId,
    p_arrival: change.arrival,
    p_departure: change.departure,
    p_party_size: change.party,
  });
  return error ? { error } : { row: data };
}
