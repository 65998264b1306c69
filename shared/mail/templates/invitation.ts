// The invitation email: sent when an admin invites a person to an organization. Typed function
// producing escaped HTML plus a text part (see docs/decisions/010-mail.md for why not JSX).
import { escapeHtml } from '../html.ts';
import type { RenderedMail } from './layout.ts';
import { renderLayout } from './layout.ts';

export interface InvitationEmail {
  organizationName: string;
  role: string;
  acceptUrl: string;
  inviterName?: string;
  expiresAt: Date;
}

export function invitationEmail(input: InvitationEmail): RenderedMail {
  const who = input.inviterName ? `${input.inviterName} invited you` : 'You are invited';
  const expires = input.expiresAt.toUTCString();
  const subject = `Join ${input.organizationName} on Roost`;
  const html = renderLayout(
    subject,
    `<p>${escapeHtml(who)} to join <strong>${escapeHtml(input.organizationName)}</strong> on Roost as ${escapeHtml(input.role)}.</p>
<p><a class="button" href="${escapeHtml(input.acceptUrl)}">Accept the invitation</a></p>
<p class="small">The invitation is valid until ${escapeHtml(expires)}. If you did not expect it, ignore this email.</p>`,
  );
  const text = `${who} to join ${input.organizationName} on Roost as ${input.role}.

Accept the invitation: ${input.acceptUrl}

The invitation is valid until ${expires}. If you did not expect it, ignore this email.
`;
  return { subject: subject.replace(/[\r\n]+/g, ' '), html, text, template: 'invitation' };
}
