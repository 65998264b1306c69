// How the database's refusals read on the catalogue forms (constraint names, then codes).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

const NAME = 'Use 1 to 120 characters, without spaces at either end.';
const NOT_ALLOWED = {
  message: 'Only managers over every property (and admins) change the menu; you may set availability where you work.',
};

export const CATEGORY_ERRORS: Record<string, ErrorPlacement> = {
  catalogue_categories_organization_parent_name_key: { field: 'name', message: 'Another category has this name.' },
  catalogue_categories_name_length: { field: 'name', message: NAME },
  catalogue_items_category_fkey: { message: 'This category still holds items: move or remove them first.' },
  '42501': NOT_ALLOWED,
  PGRST116: NOT_ALLOWED,
};

export const ITEM_ERRORS: Record<string, ErrorPlacement> = {
  catalogue_items_name_length: { field: 'name', message: NAME },
  catalogue_items_description_length: { field: 'description', message: 'Use at most 2,000 characters.' },
  catalogue_items_price_range: { field: 'price_minor', message: 'Use a price from 0 to 1,000,000.' },
  catalogue_items_tax_rate_range: { field: 'tax_rate_bp', message: 'Use a tax rate from 0 to 100 %.' },
  catalogue_items_category_fkey: { field: 'category_id', message: 'Choose a category of this organization.' },
  catalogue_items_photo_path_format: { field: 'photo', message: 'The photo could not be stored under this item.' },
  '42501': NOT_ALLOWED,
  PGRST116: NOT_ALLOWED,
};

export const AVAILABILITY_ERRORS: Record<string, ErrorPlacement> = {
  item_availability_price_override_range: {
    field: 'price_override_minor',
    message: 'Use a price from 0 to 1,000,000.',
  },
  item_availability_stock_count_non_negative: { field: 'stock_count', message: 'Use 0 to 1,000,000,000 items.' },
  item_availability_low_stock_threshold_range: {
    field: 'low_stock_threshold',
    message: 'Use 0 to 1,000,000,000 items.',
  },
  '42501': { message: 'You are not a manager of this property.' },
  PGRST116: { message: 'You are not a manager of this property.' },
};

export const LINK_ERRORS: Record<string, ErrorPlacement> = {
  item_modifier_groups_item_group_key: { field: 'group_id', message: 'The item already offers this group.' },
  item_modifier_groups_group_fkey: { field: 'group_id', message: 'Choose a group of this organization.' },
  '42501': NOT_ALLOWED,
  PGRST116: NOT_ALLOWED,
};
