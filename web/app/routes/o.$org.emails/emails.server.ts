// How the database's refusals of the branding form read.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const BRANDING_ERRORS: Record<string, ErrorPlacement> = {
  organizations_email_brand_color_format: { field: 'email_brand_color', message: 'Use a colour such as #1f4f7a.' },
  organizations_email_sender_name_format: {
    field: 'email_sender_name',
    message: 'Use 1 to 80 characters, without quotes or angle brackets.',
  },
  organizations_email_reply_to_format: { field: 'email_reply_to', message: 'Enter a valid email address.' },
};
