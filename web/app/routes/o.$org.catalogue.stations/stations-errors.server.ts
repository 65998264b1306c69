// How the database's refusals read on the stations forms.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

const NOT_ALLOWED = { message: 'You are not a manager of this property.' };

export const STATION_ERRORS: Record<string, ErrorPlacement> = {
  stations_property_name_key: { field: 'name', message: 'This property already has a station with this name.' },
  stations_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  '42501': NOT_ALLOWED,
  PGRST116: NOT_ALLOWED,
};

export const ROUTE_ERRORS: Record<string, ErrorPlacement> = {
  station_routes_station_fkey: { message: 'Choose stations of this property.' },
  station_routes_category_fkey: { message: 'A category was removed meanwhile; reload and try again.' },
  '42501': NOT_ALLOWED,
  PGRST116: NOT_ALLOWED,
};
