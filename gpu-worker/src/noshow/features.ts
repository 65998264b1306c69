// Booking features for the no-show model, computed as they were known before the guest was due: lead time,
// stay length, party size, arrival weekday, channel, price, whether a deposit was paid before the arrival day,
// and the guest's own earlier record (stays and no-shows that arrived before this booking's arrival — never
// later ones, which would leak the future).
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
export const bookingRowSchema = z.object({
  bookingId: z.string().min(1),
  guestId: z.string().nullable(),
  status: z.enum(['held', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show']),
  arrivalDate: isoDate,
  departureDate: isoDate,
  /** The local date the booking was made. */
  bookedDate: isoDate,
  partySize: z.number().int().min(1),
  source: z.enum(['staff', 'widget', 'api']),
  totalMinor: z.number().min(0),
  /** Money paid on the booking's folio (net of refunds) before the local arrival day: a deposit. */
  depositPaid: z.boolean(),
});
export type BookingRow = z.infer<typeof bookingRowSchema>;

export const NOSHOW_FEATURE_NAMES = [
  'log_lead_days',
  'log_nights',
  'party_size',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'source_staff',
  'source_widget',
  'source_api',
  'has_guest',
  'log_previous_stays',
  'log_previous_no_shows',
  'previous_no_show_rate',
  'log_total',
  'deposit_paid',
] as const;
export const NOSHOW_FEATURE_COUNT = NOSHOW_FEATURE_NAMES.length;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Outcome to learn: 1 no-show, 0 the guest came; null when there is none (upcoming, held, cancelled). */
export function labelOf(row: BookingRow): 0 | 1 | null {
  if (row.status === 'no_show') return 1;
  if (row.status === 'checked_in' || row.status === 'checked_out') return 0;
  return null;
}

/** One feature row per booking, in the order given; guest history comes from all of `rows`. */
export function bookingFeatures(rows: BookingRow[]): number[][] {
  const byGuest = new Map<string, BookingRow[]>();
  for (const row of rows) {
    if (!row.guestId) continue;
    const list = byGuest.get(row.guestId) ?? [];
    list.push(row);
    byGuest.set(row.guestId, list);
  }
  return rows.map((row) => {
    let stays = 0;
    let noShows = 0;
    for (const earlier of row.guestId ? (byGuest.get(row.guestId) ?? []) : []) {
      if (earlier.arrivalDate >= row.arrivalDate || earlier.bookingId === row.bookingId) continue;
      const label = labelOf(earlier);
      if (label === 1) noShows++;
      else if (label === 0) stays++;
    }
    const weekday = new Date(`${row.arrivalDate}T00:00:00Z`).getUTCDay();
    return [
      Math.log1p(Math.max(0, daysBetween(row.bookedDate, row.arrivalDate))),
      Math.log1p(Math.max(0, daysBetween(row.arrivalDate, row.departureDate))),
      row.partySize,
      ...Array.from({ length: 7 }, (_, i) => (i === weekday ? 1 : 0)),
      row.source === 'staff' ? 1 : 0,
      row.source === 'widget' ? 1 : 0,
      row.source === 'api' ? 1 : 0,
      row.guestId ? 1 : 0,
      Math.log1p(stays),
      Math.log1p(noShows),
      stays + noShows ? noShows / (stays + noShows) : 0,
      Math.log1p(row.totalMinor / 100),
      row.depositPaid ? 1 : 0,
    ];
  });
}
