// A table's state on the floor plan, derived from today's bookings and open orders (the
// database keeps no "table state"): an open order → ordering; a checked-in booking → seated; a
// booking starting within the hour (or started, not yet seated) → reserved soon; else free. An
// open order whose table asked for the bill (orders.bill_requested_at, request_bill) → bill
// requested, whatever the table's other checks do.

export type TableState = 'free' | 'reserved' | 'seated' | 'ordering' | 'bill';

export interface StateBooking {
  id: string;
  resourceId: string;
  status: string;
  startsAt: string;
  endsAt: string;
  partySize: number;
  guestName: string | null;
}

export interface StateOrder {
  id: string;
  resourceId: string;
  status: string;
  billRequestedAt: string | null;
}

export interface TableSituation<B extends StateBooking = StateBooking> {
  state: TableState;
  /** The booking the state is about (seated or reserved soon). */
  booking: B | null;
  /** The next booking later today, for a free table. */
  next: B | null;
  orderStatus: string | null;
  /** The open order the state is about (the one whose bill was asked for, else the first). */
  orderId: string | null;
}

export const RESERVED_SOON_MINUTES = 60;

export function tableSituation<B extends StateBooking>(
  tableId: string,
  bookings: B[],
  orders: StateOrder[],
  now: Date,
): TableSituation<B> {
  const mine = bookings.filter((booking) => booking.resourceId === tableId);
  const seated = mine.find((booking) => booking.status === 'checked_in') ?? null;
  const tableOrders = orders.filter((entry) => entry.resourceId === tableId);
  const billed = tableOrders.find((entry) => entry.billRequestedAt !== null);
  if (billed) return { state: 'bill', booking: seated, next: null, orderStatus: billed.status, orderId: billed.id };
  const order = tableOrders[0];
  if (order) return { state: 'ordering', booking: seated, next: null, orderStatus: order.status, orderId: order.id };
  if (seated) return { state: 'seated', booking: seated, next: null, orderStatus: null, orderId: null };
  const soonLimit = now.getTime() + RESERVED_SOON_MINUTES * 60_000;
  const waiting = mine
    .filter((booking) => booking.status !== 'checked_in' && Date.parse(booking.endsAt) > now.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const soon = waiting.find((booking) => Date.parse(booking.startsAt) <= soonLimit) ?? null;
  if (soon) return { state: 'reserved', booking: soon, next: null, orderStatus: null, orderId: null };
  return { state: 'free', booking: null, next: waiting[0] ?? null, orderStatus: null, orderId: null };
}

export const STATE_LABELS: Record<TableState, string> = {
  free: 'Free',
  reserved: 'Reserved soon',
  seated: 'Seated',
  ordering: 'Ordering',
  bill: 'Bill requested',
};
