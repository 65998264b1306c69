// How the booking RPCs' refusals read on the desk's forms (codes of migration 20261122001100).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const STAY_ERRORS: Record<string, ErrorPlacement> = {
  not_available: { field: 'resource', message: 'This room is already booked or out of service for these dates.' },
  party_size_not_accepted: { field: 'party', message: 'This room does not take a party of this size.' },
  invalid_party_size: { field: 'party', message: 'Enter the number of guests, 1 to 1,000.' },
  stay_length_not_accepted: { field: 'departure', message: 'The rate does not allow a stay of this length.' },
  invalid_departure: { field: 'departure', message: 'Departure must be 1 to 365 days after arrival.' },
  invalid_arrival: { field: 'arrival', message: 'Enter an arrival date.' },
  outside_booking_window: { field: 'arrival', message: 'This arrival is in the past or too far ahead.' },
  no_rate_plan: { field: 'resource', message: 'This room type has no active rate: add one first.' },
  resource_not_found: { field: 'resource', message: 'No such room at this property.' },
  invalid_resource_id: { field: 'resource', message: 'Choose a room priced the same way (per night).' },
  idempotency_key_reused: { message: 'This form was already used for another hold. Reload the page.' },
  not_modifiable: { message: 'Only unexpired holds and confirmed bookings can be changed.' },
  booking_changed: { message: 'The booking changed meanwhile; look again and retry.' },
};

export const STATUS_ERRORS: Record<string, ErrorPlacement> = {
  invalid_transition: { message: 'The booking is no longer in a state that allows this. The page shows it now.' },
  hold_expired: { message: 'This hold has expired. Hold the room again.' },
  too_early: { message: 'This is possible from the arrival date on.' },
  balance_outstanding: { message: 'The folio still has a balance: settle it before checking out.' },
  invalid_override_reason: { field: 'override_reason', message: 'Use 1 to 500 characters.' },
  room_not_ready: {
    message: 'The room is not clean or inspected yet: a manager can check the guest in with a reason.',
  },
  invalid_reason: { field: 'reason', message: 'Use at most 500 characters.' },
  booking_not_found: { message: 'This booking no longer exists.' },
  guest_not_found: { field: 'guest', message: 'This guest no longer exists.' },
  not_modifiable: { message: 'Only unexpired holds and confirmed bookings can be changed.' },
};

export const STATUS_LABELS: Record<string, string> = {
  held: 'On hold',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};
