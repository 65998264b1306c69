// A booking's refunds to its guest (decision 036, session 5 amendment), as the signed-in user:
// what the cancellation policy gave back, and where each refund stands with Stripe (pending,
// requested, refunded, retrying, failed). The database queues them and the worker asks Stripe;
// the web app never calls Stripe. Managers may try a failed one again.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export type GuestRefund = Database['public']['Functions']['booking_refunds']['Returns'][number];
export type RefundStatus = 'pending' | 'requested' | 'refunded' | 'retrying' | 'failed';

export async function listBookingRefunds(supabase: Supabase, bookingId: string): Promise<GuestRefund[]> {
  const { data, error } = await supabase.rpc('booking_refunds', { p_booking_id: bookingId });
  if (error) throw new DataError(error);
  return data ?? [];
}

/** A manager's "try again" on a failed refund: the same refund, asked again at once. */
export async function retryGuestRefund(supabase: Supabase, refundId: string): Promise<Saved<{ id: string }>> {
  const { error } = await supabase.rpc('retry_guest_refund', { p_refund_id: refundId });
  return error ? { error } : { row: { id: refundId } };
}
