// How the database's refusals read on the rate plans page, field by field.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const PLAN_ERRORS: Record<string, ErrorPlacement> = {
  rate_plans_type_name_key: { field: 'name', message: 'This resource type already has a rate plan with this name.' },
  rate_plans_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  rate_plans_type_fkey: { field: 'resource_type_id', message: 'Choose a resource type of this property.' },
  rate_plans_price_range: { field: 'base_price', message: 'This price is out of range.' },
  rate_plans_stay_range: {
    field: 'max_stay',
    message: 'Use 1 to 365 nights, the longest stay not shorter than the shortest.',
  },
  rate_plans_included_guests_range: { field: 'included_guests', message: 'Use 1 to 1000 guests.' },
  rate_plans_extra_guest_range: { field: 'extra_guest', message: 'This price is out of range.' },
  rate_overrides_price_range: { message: 'A weekday price is out of range.' },
  currency_mismatch: { message: 'Prices of this property are in its own currency; reload the page.' },
  PGRST116: { message: 'No such rate plan, or you may no longer change it.' },
};

export const OVERRIDE_ERRORS: Record<string, ErrorPlacement> = {
  rate_overrides_plan_fkey: { field: 'rate_plan_id', message: 'Choose a rate plan of this property.' },
  rate_overrides_dates_finite: { field: 'last', message: 'The last night cannot be before the first.' },
  rate_overrides_price_range: { field: 'price', message: 'This price is out of range.' },
  rate_overrides_priority_range: { field: 'priority', message: 'Use -1000 to 1000.' },
  PGRST116: { message: 'This date price was already removed, or you may no longer change it.' },
};

/** The searches' input codes (decision 003), on the price check's fields. */
export const PRICE_CHECK_ERRORS: Record<string, ErrorPlacement> = {
  invalid_arrival: { field: 'arrival', message: 'Choose an arrival date between 2000 and 2200.' },
  invalid_date: { field: 'arrival', message: 'Choose a date between 2000 and 2200.' },
  invalid_departure: { field: 'departure', message: 'Departure must be 1 to 365 days after arrival.' },
  invalid_time: { field: 'time', message: 'Enter the start time.' },
  invalid_duration: { field: 'duration', message: 'Enter 15 to 1440 minutes.' },
  invalid_party_size: { field: 'guests', message: 'Enter 1 to 1000 guests.' },
};
