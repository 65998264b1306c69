// The reservation book's inputs: the day shown and a new reservation's draft (search
// parameters), a reservation (POST) and a move or resize (POST), checked in the browser and again
// in the action; the database keeps the rules (availability, turn time, party size, window).
import { z } from 'zod';
import { isIsoDate } from '../../utils/calendar-dates.ts';
import { DEFAULT_MINUTES, minutesOf } from './slot-model.ts';

function wholeNumber(min: number, max: number, unit: string) {
  const message = `Enter a whole number of ${unit} from ${min} to ${max}.`;
  return z
    .string()
    .trim()
    .min(1, message)
    .pipe(z.coerce.number<string>(message).int(message).min(min, message).max(max, message));
}

const date = z.string().trim().refine(isIsoDate, 'Enter a date.');
const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time such as 19:30.');
const minutes = wholeNumber(15, 1440, 'minutes');

export const ReserveSchema = z.object({
  intent: z.literal('reserve'),
  date,
  resource_id: z.uuid('Choose a table.'),
  time,
  minutes,
  party_size: wholeNumber(1, 1000, 'guests'),
  guest_name: z.string().trim().min(1, 'Enter the name the table is under.').max(200, 'Use at most 200 characters.'),
  // One key per draft shown: a double tap or a retry books once.
  key: z.string().min(1).max(200),
});

export const MoveSlotSchema = z.object({
  intent: z.literal('move'),
  booking_id: z.uuid('Choose a reservation.'),
  resource_id: z.uuid('Choose a table.'),
  date,
  time,
  minutes,
});
export type MoveSlotInput = z.infer<typeof MoveSlotSchema>;

/** The day from the URL; anything unreadable is today. */
export function readDay(params: URLSearchParams, today: string): string {
  const day = params.get('date') ?? '';
  return isIsoDate(day) ? day : today;
}

export interface Draft {
  resourceId: string;
  time: string;
  minutes: number;
  party: number;
}

/** A new reservation being drafted (?table=&time=&minutes=&party=), or null when none is. */
export function readDraft(params: URLSearchParams, resourceIds: string[]): Draft | null {
  const resourceId = params.get('table') ?? '';
  const at = params.get('time') ?? '';
  if (!resourceIds.includes(resourceId) || minutesOf(at) === null) return null;
  const length = Number(params.get('minutes'));
  const party = Number(params.get('party'));
  return {
    resourceId,
    time: at,
    minutes: Number.isInteger(length) && length >= 15 && length <= 1440 ? length : DEFAULT_MINUTES,
    party: Number.isInteger(party) && party >= 1 && party <= 1000 ? party : 0,
  };
}
