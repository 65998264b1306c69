// How the database's refusals read on the members screen (decision 003 codes, then SQLSTATEs).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const MEMBER_ERRORS: Record<string, ErrorPlacement> = {
  last_owner: { message: 'An organization must keep an owner: make another member an owner first.' },
  insufficient_role: { message: 'Only owners can invite, change or remove admins and owners.' },
  member_not_found: { message: 'This person is no longer a member of the organization.' },
  invalid_role: { field: 'role', message: 'Choose one of the roles offered.' },
  property_not_found: { field: 'property', message: 'One of these properties no longer exists. Reload and try again.' },
  invalid_property_ids: { field: 'property', message: 'One of the properties is not valid.' },
  invitation_not_found: { message: 'This invitation no longer exists.' },
  invitation_used: { message: 'This invitation was already accepted: the person is a member now.' },
};

export const INVITE_ERRORS: Record<string, ErrorPlacement> = {
  ...MEMBER_ERRORS,
  already_member: { field: 'email', message: 'This person is already a member.' },
  invalid_email: { field: 'email', message: 'Enter a valid email address.' },
  insufficient_role: { field: 'role', message: 'Only owners can invite admins and owners.' },
  invite_unreachable: { message: 'The invitation service did not answer. Try again in a moment.' },
  property_access_not_applicable: { field: 'role', message: 'Admins and owners work in every property.' },
  site_url_missing: { message: 'Invitations cannot be sent: the site address is not configured.' },
};
