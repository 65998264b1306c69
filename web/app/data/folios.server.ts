// Folios of a property's bookings, as the signed-in user: entries and balance read under RLS;
// payments, refunds, adjustments and settlement through the database's RPCs (migration
// 20261122001300), which decide amounts' signs, who may refund or adjust (managers) and when a
// folio may be settled.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type Tables = Database['public']['Tables'];

export type FolioRow = Tables['folios']['Row'];
export type FolioEntryRow = Tables['folio_entries']['Row'];
export type FolioEntryKind = Database['public']['Enums']['folio_entry_kind'];
export type PaymentMethod = Database['public']['Enums']['payment_method'];

export interface FolioEntry {
  id: string;
  kind: FolioEntryKind;
  amount_minor: number;
  tax_minor: number;
  description: string;
  night: string | null;
  payment_method: PaymentMethod | null;
  external_reference: string | null;
  created_at: string;
  /** The folio's balance after this entry. */
  balance_minor: number;
}

export interface Folio {
  id: string;
  status: Database['public']['Enums']['folio_status'];
  currency: string;
  balance_minor: number;
  charges_minor: number;
  settled_at: string | null;
  created_at: string;
  booking: {
    id: string;
    reference: string;
    status: Database['public']['Enums']['booking_status'];
    arrival_date: string;
    departure_date: string;
    party_size: number;
    resource_name: string;
  } | null;
  guest: { full_name: string; email: string | null; phone: string | null } | null;
  entries: FolioEntry[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folio of a booking (created when missing, with the nights stayed so far posted). */
export async function openBookingFolio(supabase: Supabase, bookingId: string): Promise<Saved<FolioRow>> {
  const { data, error } = await supabase.rpc('open_booking_folio', { p_booking_id: bookingId });
  return error ? { error } : { row: data };
}

/** The folio of this property with its entries in posting order and a running balance, or null. */
export async function getFolio(supabase: Supabase, propertyId: string, id: string): Promise<Folio | null> {
  if (!UUID.test(id)) return null;
  const { data, error } = await supabase
    .from('folios')
    .select(
      `id, status, currency, balance_minor, charges_minor, settled_at, created_at,
       booking:bookings!folios_booking_fkey(id, reference, status, arrival_date, departure_date, party_size,
         resource:resources!bookings_resource_fkey(name)),
       guest:guests!folios_guest_fkey(full_name, email, phone)`,
    )
    .eq('property_id', propertyId)
    .eq('id', id)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!data) return null;
  const entries = await supabase
    .from('folio_entries')
    .select('id, kind, amount_minor, tax_minor, description, night, payment_method, external_reference, created_at')
    .eq('folio_id', id)
    .order('created_at')
    .order('night', { nullsFirst: false })
    .order('id');
  if (entries.error) throw new DataError(entries.error);
  let balance = 0;
  const withBalance = entries.data.map((entry) => {
    balance += Number(entry.amount_minor);
    return {
      ...entry,
      amount_minor: Number(entry.amount_minor),
      tax_minor: Number(entry.tax_minor),
      balance_minor: balance,
    };
  });
  const booking = data.booking as unknown as
    | (Omit<NonNullable<Folio['booking']>, 'resource_name'> & { resource: { name: string } | null })
    | null;
  return {
    id: data.id,
    status: data.status,
    currency: data.currency,
    balance_minor: Number(data.balance_minor),
    charges_minor: Number(data.charges_minor),
    settled_at: data.settled_at,
    created_at: data.created_at,
    booking: booking
      ? {
          id: booking.id,
          reference: booking.reference,
          status: booking.status,
          arrival_date: booking.arrival_date,
          departure_date: booking.departure_date,
          party_size: booking.party_size,
          resource_name: booking.resource?.name ?? '',
        }
      : null,
    guest: data.guest as Folio['guest'],
    entries: withBalance,
  };
}

export interface MoneyMovement {
  amountMinor: number;
  method: PaymentMethod;
  reference: string;
}

export async function recordPayment(
  supabase: Supabase,
  folioId: string,
  money: MoneyMovement,
): Promise<Saved<FolioEntryRow>> {
  const { data, error } = await supabase.rpc('record_payment', {
    p_folio_id: folioId,
    p_amount_minor: money.amountMinor,
    p_method: money.method,
    ...(money.reference ? { p_external_reference: money.reference } : {}),
  });
  return error ? { error } : { row: data };
}

/** Managers and up (the database refuses others). */
export async function recordRefund(
  supabase: Supabase,
  folioId: string,
  money: MoneyMovement,
): Promise<Saved<FolioEntryRow>> {
  const { data, error } = await supabase.rpc('record_refund', {
    p_folio_id: folioId,
    p_amount_minor: money.amountMinor,
    p_method: money.method,
    ...(money.reference ? { p_external_reference: money.reference } : {}),
  });
  return error ? { error } : { row: data };
}

/** A charge (positive) or a discount (negative) with a reason; managers and up. */
export async function postAdjustment(
  supabase: Supabase,
  folioId: string,
  amountMinor: number,
  reason: string,
): Promise<Saved<FolioEntryRow>> {
  const { data, error } = await supabase.rpc('post_folio_adjustment', {
    p_folio_id: folioId,
    p_amount_minor: amountMinor,
    p_reason: reason,
  });
  return error ? { error } : { row: data };
}

export async function settleFolio(supabase: Supabase, folioId: string): Promise<Saved<FolioRow>> {
  const { data, error } = await supabase.rpc('settle_folio', { p_folio_id: folioId });
  return error ? { error } : { row: data };
}
