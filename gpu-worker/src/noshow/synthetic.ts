// Synthetic bookings with a known no-show signal, for the tests and the measurement script: guests who
// book long ahead, through the API, or who failed to show before are more likely not to come.
import { addDays } from '../forecast/features.ts';
import { seededRandom } from '../seeded-random.ts';
import type { BookingRow } from './features.ts';

const SOURCES = ['staff', 'widget', 'api'] as const;

export interface SyntheticBookings {
  rows: BookingRow[];
  /** The true probability of a no-show of each row (for checking the model's ranking). */
  truth: Map<string, number>;
}

/** `count` past bookings over a year (plus `upcoming` confirmed ones after it), from `guests` guests. */
export function syntheticBookings(options: {
  count: number;
  upcoming?: number;
  guests?: number;
  seed?: number;
  signal?: boolean;
}): SyntheticBookings {
  const next = seededRandom(options.seed ?? 1);
  const guests = options.guests ?? Math.ceil(options.count / 3);
  const noShowsOf = new Map<string, number>();
  const rows: BookingRow[] = [];
  const truth = new Map<string, number>();
  const total = options.count + (options.upcoming ?? 0);
  for (let i = 0; i < total; i++) {
    const arrival = addDays('2025-11-01', Math.floor((i * 365) / options.count));
    const lead = Math.floor(next() * next() * 120);
    const source = SOURCES[Math.floor(next() * 3)] as BookingRow['source'];
    const guestId = `guest-${Math.floor(next() * guests)}`;
    const before = noShowsOf.get(guestId) ?? 0;
    const logit =
      options.signal === false
        ? -2.5
        : -4 + 2.5 * (lead > 45 ? 1 : 0) + 1.5 * (source === 'api' ? 1 : 0) + 2 * Math.min(before, 1);
    const p = 1 / (1 + Math.exp(-logit));
    const bookingId = `booking-${i}`;
    const past = i < options.count;
    const noShow = past && next() < p;
    if (noShow) noShowsOf.set(guestId, before + 1);
    truth.set(bookingId, p);
    rows.push({
      bookingId,
      guestId,
      status: past ? (noShow ? 'no_show' : 'checked_out') : 'confirmed',
      arrivalDate: arrival,
      departureDate: addDays(arrival, 1 + Math.floor(next() * 4)),
      bookedDate: addDays(arrival, -lead),
      partySize: 1 + Math.floor(next() * 4),
      source,
      totalMinor: 8_000 + Math.floor(next() * 40_000),
      depositPaid: false, // no deposits here: the signal is lead time, channel and earlier no-shows
    });
  }
  return { rows, truth };
}
