// What the settings screen offers and how the database's refusals read on it.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

/** Constraints and codes of public.organizations, placed on their fields. */
export const SETTINGS_ERRORS: Record<string, ErrorPlacement> = {
  organizations_slug_key: { field: 'slug', message: 'Another organization already uses this address.' },
  organizations_slug_format: { field: 'slug', message: 'Use lower-case letters, digits and inner hyphens.' },
  organizations_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  organizations_time_zone_valid: { field: 'time_zone', message: 'The database does not know this time zone.' },
  organizations_currency_format: { field: 'currency', message: 'Use a three-letter currency code such as EUR.' },
  organizations_locale_format: { field: 'locale', message: 'Use a language tag such as en, de-CH or pt-PT.' },
  organizations_logo_path_format: { field: 'logo', message: 'The logo must be stored in this organization’s folder.' },
  mfa_required: {
    message:
      'This organization requires two-step verification: confirm a code from your authenticator app, then save again.',
  },
};

/** Time zones and currencies to choose from, the current value always among them. */
export function settingsChoices(current: { time_zone: string; currency: string }) {
  const zones = new Set([current.time_zone, 'UTC', ...Intl.supportedValuesOf('timeZone')]);
  const currencies = new Set([current.currency, ...Intl.supportedValuesOf('currency')]);
  return { timeZones: [...zones].sort(), currencies: [...currencies].sort() };
}
