// What the property screens offer and how the database's refusals read on them.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

/** Constraints of public.properties, placed on their fields. */
export const PROPERTY_ERRORS: Record<string, ErrorPlacement> = {
  properties_organization_name_key: { field: 'name', message: 'Another property of this organization has this name.' },
  properties_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  properties_time_zone_valid: { field: 'time_zone', message: 'The database does not know this time zone.' },
  properties_currency_format: { field: 'currency', message: 'Use a three-letter currency code such as EUR.' },
  '42501': { message: 'Your role does not allow adding or changing properties here.' },
  // Tenant billing (decision 036): the plan's number of properties, or a trial that ended.
  plan_limit_reached: { message: 'Your plan allows no more properties. An owner can upgrade on the Billing page.' },
  subscription_required: { message: 'The trial has ended. An owner can choose a plan on the Billing page.' },
};

/** Constraints of public.property_settings. */
export const SETTINGS_ERRORS: Record<string, ErrorPlacement> = {
  property_settings_turn_range: { field: 'slot_turn_minutes', message: 'Use 0 to 240 minutes.' },
  property_settings_notice_range: { field: 'min_notice_minutes', message: 'Use 0 to 43,200 minutes (30 days).' },
  property_settings_window_range: { field: 'booking_window_days', message: 'Use 1 to 1,000 days.' },
  property_settings_hold_range: { field: 'hold_minutes', message: 'Use 1 to 10,080 minutes (7 days).' },
  property_settings_free_cancellation_range: { field: 'free_cancellation_hours', message: 'Use 0 to 8,760 hours.' },
  property_settings_fee_bps_range: { field: 'cancellation_fee_percent', message: 'Use 0 to 100 %.' },
  property_settings_deposit_kind: { field: 'deposit_kind', message: 'Choose what guests pay online when they book.' },
  property_settings_deposit_bps_range: { field: 'deposit_percent', message: 'Use 0 to 100 %.' },
  property_settings_deposit_percentage_positive: {
    field: 'deposit_percent',
    message: 'A percentage deposit must be more than 0 %. Choose “No deposit” to take none.',
  },
};

export const RESOURCE_TYPE_ERRORS: Record<string, ErrorPlacement> = {
  resource_types_property_name_key: { field: 'name', message: 'This property already has a type with this name.' },
  resource_types_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  resource_types_room_per_night: { field: 'pricing', message: 'Rooms are priced per night.' },
  resource_types_table_per_slot: { field: 'pricing', message: 'Tables are priced per slot.' },
};

export const RESOURCE_ERRORS: Record<string, ErrorPlacement> = {
  resources_property_name_key: { field: 'name', message: 'This property already has a resource with this name.' },
  resources_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  resources_capacity: { field: 'max_guests', message: 'Use 1 to 1000 guests, the largest not below the smallest.' },
  resources_type_fkey: { field: 'resource_type_id', message: 'Choose a type of this property.' },
};

export const OUT_OF_SERVICE_ERRORS: Record<string, ErrorPlacement> = {
  resource_out_of_service_period_finite: { field: 'ends', message: 'The end must be after the start.' },
  resource_out_of_service_resource_fkey: { field: 'resource_id', message: 'Choose a resource of this property.' },
};

/** Time zones and currencies to choose from, the current values always among them. */
export function propertyChoices(current: { time_zone: string; currency: string }) {
  const zones = new Set([current.time_zone, 'UTC', ...Intl.supportedValuesOf('timeZone')]);
  const currencies = new Set([current.currency, ...Intl.supportedValuesOf('currency')]);
  return { timeZones: [...zones].sort(), currencies: [...currencies].sort() };
}
