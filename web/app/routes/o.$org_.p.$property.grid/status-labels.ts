import type { BookingStatus } from '../../data/bookings.server.ts';

export const STATUS_LABELS: Record<BookingStatus, string> = {
  held: 'Held',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** "12 min left" on a hold, or null once expired. */
export function holdCountdown(expiresAt: string | null, now: number): string | null {
  if (!expiresAt) return null;
  const minutes = Math.ceil((Date.parse(expiresAt) - now) / 60_000);
  if (minutes <= 0) return null;
  return minutes >= 120 ? `${Math.floor(minutes / 60)} h left` : `${minutes} min left`;
}
