// What the floor is told when the database refuses a booking (decision 003 codes).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const FLOOR_ERRORS: Record<string, ErrorPlacement> = {
  not_available: { field: 'table_id', message: 'This table is taken for that time, or out of service.' },
  party_size_not_accepted: { field: 'party_size', message: 'This table does not seat a party of this size.' },
  outside_booking_window: { field: 'time', message: 'This time is in the past or too far ahead.' },
  no_rate_plan: { field: 'table_id', message: 'This table has no active rate plan: ask a manager to add one.' },
  resource_not_found: { field: 'table_id', message: 'No such table at this property.' },
  invalid_transition: { message: 'This reservation was already seated, cancelled or marked a no-show.' },
  too_early: { message: 'This reservation is for another day.' },
  booking_not_found: { message: 'No such reservation, or you do not work at its property.' },
  invalid_full_name: { field: 'guest_name', message: 'Enter the name the table is under.' },
  invalid_order_status: { message: 'This check is already closed.' },
  order_not_found: { message: 'No such check, or you do not work at its property.' },
};
