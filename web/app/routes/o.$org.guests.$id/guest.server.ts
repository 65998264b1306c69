// How the database's refusals read on the guest forms, and the languages offered.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

/** create_guest and update_guest: their codes and the guests table's constraints and unique indexes. */
export const GUEST_ERRORS: Record<string, ErrorPlacement> = {
  guests_organization_email_key: {
    field: 'email',
    message: 'Another guest already has this email. Search for them rather than adding a second profile.',
  },
  guests_organization_phone_key: {
    field: 'phone',
    message: 'Another guest already has this phone number. Search for them rather than adding a second profile.',
  },
  invalid_full_name: { field: 'full_name', message: 'Use 1 to 200 characters.' },
  guests_full_name_length: { field: 'full_name', message: 'Use 1 to 200 characters.' },
  invalid_email: { field: 'email', message: 'Enter an email address such as ana@example.com.' },
  guests_email_format: { field: 'email', message: 'Enter an email address such as ana@example.com.' },
  invalid_phone: {
    field: 'phone',
    message: 'Enter an international number with its country code, such as +351 912 345 678.',
  },
  guests_phone_format: { field: 'phone', message: 'Enter an international number with its country code.' },
  invalid_language: { field: 'language', message: 'Choose a language.' },
  guests_language_format: { field: 'language', message: 'Choose a language.' },
  invalid_notes: { field: 'notes', message: 'Use at most 4,000 characters.' },
  guests_notes_length: { field: 'notes', message: 'Use at most 4,000 characters.' },
  guest_not_found: { message: 'This guest no longer exists.' },
};

/** redeem_loyalty_points and adjust_loyalty_points. */
export const LOYALTY_ERRORS: Record<string, ErrorPlacement> = {
  insufficient_points: { field: 'points', message: 'The guest does not have that many points.' },
  invalid_points: { field: 'points', message: 'Enter a whole number of points up to 10,000,000.' },
  invalid_reason: { field: 'reason', message: 'Use 1 to 200 characters.' },
  guest_not_found: { message: 'This guest no longer exists.' },
  insufficient_role: { message: 'Your role does not allow this change to loyalty points.' },
};

/** Languages guests are most often served in (BCP 47 tags the database accepts). */
const COMMON_LANGUAGES = [
  'ar',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'en-US',
  'es',
  'fi',
  'fr',
  'he',
  'hi',
  'hu',
  'it',
  'ja',
  'ko',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-BR',
  'pt-PT',
  'ro',
  'ru',
  'sv',
  'tr',
  'uk',
  'zh',
];

/**
 * The language choices with their English names, the guest's own among them. Named on the
 * server and sent with the page, so the browser renders the same labels.
 */
export function languageChoices(current: string | null): { value: string; label: string }[] {
  const names = new Intl.DisplayNames('en', { type: 'language' });
  const codes = new Set(COMMON_LANGUAGES);
  if (current) codes.add(current);
  return [...codes]
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
}
