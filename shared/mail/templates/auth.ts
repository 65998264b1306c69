// The emails of the Auth flows, with the subjects upstream Supabase Auth uses by default. Each
// carries its confirmation link and, where the flow offers one, the one-time code to type.
import { escapeHtml } from '../html.ts';
import { type RenderedMail, renderLayout } from './layout.ts';

export interface AuthEmailInput {
  /** The link that completes the flow (upstream's {{ .ConfirmationURL }}). */
  confirmationUrl: string;
  /** The one-time code (upstream's {{ .Token }}), shown when given. */
  token?: string;
}

function authEmail(
  template: string,
  subject: string,
  intro: string,
  action: string,
  input: AuthEmailInput,
): RenderedMail {
  const code = input.token
    ? {
        html: `<p>Or enter this code: <strong>${escapeHtml(input.token)}</strong></p>`,
        text: `\nOr enter this code: ${input.token}\n`,
      }
    : { html: '', text: '' };
  const html = renderLayout(
    subject,
    `<p>${escapeHtml(intro)}</p>
<p><a class="button" href="${escapeHtml(input.confirmationUrl)}">${escapeHtml(action)}</a></p>
${code.html}
<p class="small">If you did not ask for this, ignore this email.</p>`,
  );
  const text = `${intro}

${action}: ${input.confirmationUrl}
${code.text}
If you did not ask for this, ignore this email.
`;
  return { subject, html, text, template };
}

export function confirmSignupEmail(input: AuthEmailInput): RenderedMail {
  return authEmail(
    'confirm_signup',
    'Confirm Your Signup',
    'Follow this link to confirm your email address.',
    'Confirm your email',
    input,
  );
}

export function magicLinkEmail(input: AuthEmailInput): RenderedMail {
  return authEmail('magic_link', 'Your Magic Link', 'Follow this link to sign in to Roost.', 'Sign in', input);
}

export function recoveryEmail(input: AuthEmailInput): RenderedMail {
  return authEmail(
    'recovery',
    'Reset Your Password',
    'Follow this link to choose a new password.',
    'Reset your password',
    input,
  );
}

export function emailChangeEmail(input: AuthEmailInput & { email: string; newEmail: string }): RenderedMail {
  return authEmail(
    'email_change',
    'Confirm Change of Email',
    `Follow this link to confirm the change of your email from ${input.email} to ${input.newEmail}.`,
    'Confirm the change',
    input,
  );
}

/** Auth's own invitation (admin inviteUserByEmail); organizations use invitation.ts. */
export function authInviteEmail(input: AuthEmailInput): RenderedMail {
  return authEmail(
    'invite',
    'You Have Been Invited',
    'You have been invited to create a user on Roost.',
    'Accept the invite',
    input,
  );
}

/** The code that confirms a sensitive change (upstream's reauthentication email): no link, a code only. */
export function reauthenticationEmail(input: { token: string }): RenderedMail {
  const subject = 'Confirm Reauthentication';
  const html = renderLayout(
    subject,
    `<p>Enter this code to confirm it is you: <strong>${escapeHtml(input.token)}</strong></p>
<p class="small">If you did not ask for this, ignore this email.</p>`,
  );
  const text = `Enter this code to confirm it is you: ${input.token}

If you did not ask for this, ignore this email.
`;
  return { subject, html, text, template: 'reauthentication' };
}
