// A guest's loyalty points: the ledger (earned on settled folios, redeemed, adjusted) read as
// the signed-in user, and the database's functions that add entries: redeem_loyalty_points
// (staff and up) and adjust_loyalty_points (managers and up). The balance is guests.loyalty_points,
// kept by the ledger's trigger and never negative.
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Guest } from './guests.server.ts';
import type { Saved } from './properties.server.ts';

export const LEDGER_PAGE_SIZE = 10;

export interface LedgerEntry {
  id: string;
  points: number;
  reason: string;
  folio_id: string | null;
  created_by: string | null;
  created_at: string;
}

/** One page (1-based) of the guest's ledger, newest first, and how many entries there are. */
export async function listLedger(
  supabase: Supabase,
  guestId: string,
  page: number,
): Promise<{ entries: LedgerEntry[]; total: number }> {
  const from = (page - 1) * LEDGER_PAGE_SIZE;
  const { data, error, count } = await supabase
    .from('loyalty_ledger')
    .select('id, points, reason, folio_id, created_by, created_at', { count: 'exact' })
    .eq('guest_id', guestId)
    .order('created_at', { ascending: false })
    .order('id')
    .range(from, from + LEDGER_PAGE_SIZE - 1);
  if (error?.code === 'PGRST103') return { entries: [], total: 0 };
  if (error) throw new DataError(error);
  return { entries: data, total: count ?? 0 };
}

/** Spends `points` (positive) of the guest's balance. */
export async function redeemPoints(
  supabase: Supabase,
  guestId: string,
  points: number,
  reason: string,
): Promise<Saved<Guest>> {
  const { data, error } = await supabase.rpc('redeem_loyalty_points', {
    p_guest_id: guestId,
    p_points: points,
    p_reason: reason,
  });
  return error ? { error } : { row: data };
}

/** Adds (positive) or removes (negative) points with a reason. */
export async function adjustPoints(
  supabase: Supabase,
  guestId: string,
  points: number,
  reason: string,
): Promise<Saved<Guest>> {
  const { data, error } = await supabase.rpc('adjust_loyalty_points', {
    p_guest_id: guestId,
    p_points: points,
    p_reason: reason,
  });
  return error ? { error } : { row: data };
}
