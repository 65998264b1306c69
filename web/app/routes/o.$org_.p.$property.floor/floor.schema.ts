// The floor's forms: a walk-in (seated now), a reservation search and the reservation itself,
// and seating a reservation that arrived. Checked in the browser and again in the action; the
// database decides availability (search_table_availability, create_booking's exclusion).
import { z } from 'zod';

function wholeNumber(min: number, max: number, unit: string) {
  const message = `Enter a whole number of ${unit} from ${min} to ${max}.`;
  return z
    .string()
    .trim()
    .min(1, message)
    .pipe(z.coerce.number<string>(message).int(message).min(min, message).max(max, message));
}

const partySize = wholeNumber(1, 1000, 'guests');
const duration = wholeNumber(15, 1440, 'minutes');
const key = z.string().min(1).max(200);

export const WalkInSchema = z.object({
  table_id: z.uuid('Choose a table.'),
  party_size: partySize,
  duration_minutes: duration,
  idempotency_key: key,
});

export const SearchSchema = z.object({
  date: z.iso.date('Enter a date.'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time such as 19:30.'),
  party_size: partySize,
  duration_minutes: duration,
  guest_name: z.string().trim().min(1, 'Enter the name the table is under.').max(200, 'Use at most 200 characters.'),
});

export const ReserveSchema = SearchSchema.extend({
  table_id: z.uuid('Choose a table.'),
  idempotency_key: key,
});

export const SeatSchema = z.object({ booking_id: z.uuid('Choose a reservation.') });

export const BillSchema = z.object({ order_id: z.uuid('Choose the table’s check.') });
