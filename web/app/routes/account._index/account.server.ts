// How Auth's and Storage's refusals read on the account page's forms (Auth answers a stable
// error code; the photo's upload answers Storage's status).
import type { ErrorPlacement } from '../../utils/database-errors.ts';
import type { FormFailure } from '../../utils/forms.ts';

const field = (name: string, message: string): FormFailure => ({ fieldErrors: { [name]: [message] } });
const form = (message: string): FormFailure => ({ fieldErrors: {}, formError: message });

const TOO_SOON = 'We sent an email less than a minute ago. Wait a minute, then try again.';

export const EMAIL_REFUSALS: Record<string, FormFailure> = {
  email_exists: field('email', 'Another account already uses this address.'),
  email_address_invalid: field('email', 'This email address cannot be used.'),
  validation_failed: field('email', 'Enter a valid email address.'),
  over_email_send_rate_limit: form(TOO_SOON),
};

export const CODE_REFUSALS: Record<string, FormFailure> = {
  over_email_send_rate_limit: form(TOO_SOON),
};

export const PASSWORD_REFUSALS: Record<string, FormFailure> = {
  reauthentication_not_valid: field('code', 'That code is not right, or it has expired. Ask for a new one.'),
  reauthentication_needed: field('code', 'Ask for a code first, then enter it here.'),
  same_password: field('password', 'Choose a password different from the current one.'),
  weak_password: field('password', 'Choose a stronger password.'),
};

/** Storage's statuses (as profiles.server.ts names them) and the profiles table's constraints. */
export const AVATAR_ERRORS: Record<string, ErrorPlacement> = {
  storage_413: { field: 'avatar', message: 'Use an image of at most 2 MB.' },
  storage_415: { field: 'avatar', message: 'Use a PNG, JPEG, WebP or GIF image.' },
  profiles_avatar_path_own_folder: { message: 'The photo could not be saved to your account.' },
};

export const PROFILE_ERRORS: Record<string, ErrorPlacement> = {
  profiles_display_name_length: { field: 'display_name', message: 'Use 1 to 80 characters.' },
};

/** The refusal's message, or a general one naming the code (for support) when it is unknown. */
export function refusal(code: string, known: Record<string, FormFailure>, what: string): FormFailure {
  return known[code] ?? form(`We could not ${what} (${code}). Try again in a moment.`);
}
