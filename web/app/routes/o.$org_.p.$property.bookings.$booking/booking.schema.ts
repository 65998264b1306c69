// The front desk's booking forms, checked in the browser and again in the action; the booking
// RPCs repeat every rule (dates, party size, availability, the status flow).
import { z } from 'zod';
import { isIsoDate } from '../../utils/calendar-dates.ts';

const date = (message: string) => z.string().trim().refine(isIsoDate, message);
const party = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, 'Enter the number of guests, 1 to 1,000.')
  .pipe(z.coerce.number<string>().int().min(1, 'Enter at least 1 guest.').max(1000, 'At most 1,000 guests.'));
const uuid = (message: string) => z.string().trim().uuid(message);

/** A stay: a room, arrival and departure dates and the party. */
export const StaySchema = z
  .object({
    resource: uuid('Choose a room.'),
    arrival: date('Enter the arrival date.'),
    departure: date('Enter the departure date.'),
    party,
  })
  .refine((stay) => stay.departure > stay.arrival, {
    path: ['departure'],
    message: 'Departure must be after arrival.',
  });

export const HoldSchema = z
  .object({
    resource: uuid('Choose a room.'),
    arrival: date('Enter the arrival date.'),
    departure: date('Enter the departure date.'),
    party,
    // One key per form shown: a double tap or a retry returns the same hold.
    key: z.string().trim().min(1).max(200),
  })
  .refine((stay) => stay.departure > stay.arrival, {
    path: ['departure'],
    message: 'Departure must be after arrival.',
  });

export const PickGuestSchema = z.object({ guest: uuid('Choose a guest.') });

export const CancelSchema = z.object({
  reason: z.string().trim().max(500, 'Use at most 500 characters.'),
});

export const CheckOutSchema = z.object({
  override_reason: z.string().trim().max(500, 'Use at most 500 characters.'),
});

/** A manager's reason to check in to a room that is not clean or inspected (empty: none). */
export const CheckInSchema = z.object({
  override_reason: z.string().trim().max(500, 'Use at most 500 characters.').optional().default(''),
});
