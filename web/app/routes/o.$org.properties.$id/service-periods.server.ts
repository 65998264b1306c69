// How the database's refusals of table service hours read on the form (decision 044).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const SERVICE_PERIOD_ERRORS: Record<string, ErrorPlacement> = {
  property_settings_service_periods_shape: {
    message: 'Each service needs a first and a last seating (not before the first) and a step of 5 to 240 minutes.',
  },
  property_settings_service_periods_overlap: { message: 'Two services of the same day overlap.' },
  '42501': { message: 'Your role does not allow changing this property’s hours.' },
};
