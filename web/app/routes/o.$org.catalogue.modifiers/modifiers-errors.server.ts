// How the database's refusals read on the modifier forms.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

const NAME = 'Use 1 to 120 characters, without spaces at either end.';
const NOT_ALLOWED = { message: 'Only managers over every property (and admins) change modifier groups.' };

export const GROUP_ERRORS: Record<string, ErrorPlacement> = {
  modifier_groups_name_length: { field: 'name', message: NAME },
  modifier_groups_choices_range: { field: 'max_choices', message: 'Allow 1 to 50 options at most.' },
  modifier_groups_min_not_above_max: { field: 'min_choices', message: 'The fewest cannot be above the most.' },
  modifier_groups_required_needs_a_choice: {
    field: 'min_choices',
    message: 'A required group needs at least 1 option picked.',
  },
  '42501': NOT_ALLOWED,
  PGRST116: NOT_ALLOWED,
};

export const OPTION_ERRORS: Record<string, ErrorPlacement> = {
  modifier_options_name_length: { field: 'name', message: NAME },
  modifier_options_price_delta_range: {
    field: 'price_delta_minor',
    message: 'Use an amount from -1,000,000 to 1,000,000.',
  },
  modifier_options_group_fkey: { message: 'This group no longer exists.' },
  '42501': NOT_ALLOWED,
  PGRST116: NOT_ALLOWED,
};
