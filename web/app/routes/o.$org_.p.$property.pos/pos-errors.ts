// place_order's refusals as the POS shows them. Rule and input refusals carry the database's own
// sentence (its `detail`, e.g. "The choices for Size break its rules."); the rest get a message
// here. Anything unexpected is a 502 so the tablet keeps the order queued and tries again.
import type { PostgrestError } from '@supabase/supabase-js';

const MESSAGES: Record<string, string> = {
  insufficient_role: 'Your role does not allow taking orders here.',
  property_not_found: 'You do not work at this property.',
  not_authenticated: 'Your session has ended. Sign in again; the order stays queued.',
  table_not_found: 'That table is not at this property any more.',
  booking_not_found: 'That stay is not checked in here any more.',
  item_not_found: 'An item is no longer sold here.',
  out_of_stock: 'An item ran out of stock.',
};

export function placeOrderFailure(error: Pick<PostgrestError, 'code' | 'message' | 'details'>): {
  code: string;
  message: string;
  status: number;
} {
  const code = /^[a-z_]+$/.test(error.message) ? error.message : error.code;
  // A session that ended is not the order's fault: keep it queued (retry after signing in).
  if (code === 'not_authenticated') return { code, message: MESSAGES[code] ?? '', status: 401 };
  const sentence = error.details && /\S/.test(error.details) ? error.details : undefined;
  if (error.code === 'P0001' || error.code === '22023') {
    return { code, message: sentence ?? MESSAGES[code] ?? 'The order was refused.', status: 422 };
  }
  if (MESSAGES[code])
    return { code, message: sentence ?? MESSAGES[code], status: code === 'insufficient_role' ? 403 : 404 };
  if (error.code === 'PT404' || error.code === 'P0002') {
    return { code, message: sentence ?? 'Something in the order no longer exists.', status: 404 };
  }
  return { code, message: `The order could not be sent (error ${error.code}). It stays queued.`, status: 502 };
}
