// The token and what accept_invitation's refusals (decision 003 codes) mean to the invitee.
import { z } from 'zod';
import type { ErrorPlacement } from '../../utils/database-errors.ts';

/** accept_invitation takes 16 to 128 characters; invite_member's are URL-safe base64. */
export const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

export const ACCEPT_ERRORS: Record<string, ErrorPlacement> = {
  invalid_token: { message: 'This invitation link is incomplete. Open it again from the email.' },
  invitation_not_found: { message: 'This invitation link is not valid. Ask for a new invitation.' },
  invitation_revoked: {
    message:
      'This invitation was withdrawn, or replaced by a newer one. Use the latest email, or ask for a new invitation.',
  },
  invitation_used: { message: 'This invitation was already accepted. Sign in to reach the organization.' },
  invitation_expired: { message: 'This invitation has expired. Ask the person who invited you to send a new one.' },
  invitation_email_mismatch: {
    message: 'This invitation was sent to another email address. Sign out and sign in with the address it was sent to.',
  },
  already_member: { message: 'You are already a member of this organization. Pick it from your organizations.' },
};
