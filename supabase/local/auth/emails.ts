// Auth's emails, queued in the transaction that made their token: the link goes to this API's
// /verify with the token hash, the type and where to land afterwards; the code is shown beside it.
import type { TransactionSql } from 'postgres';
import { loadTemplates } from '../../../shared/mail/load.ts';
import { enqueueMail } from '../../../shared/mail/outbox/queries.ts';
import type { AuthTemplate, RenderedMail } from '../../../shared/mail/templates/index.tsx';
import { currentCall, currentLimits, onCallFailure } from './call-scope.ts';
import type { IssuedToken } from './one-time-tokens.ts';

export type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change';

/** `${apiUrl}/auth/v1/verify?token=…&type=…&redirect_to=…`, upstream's ConfirmationURL. */
export function verifyLink(type: LinkType, token: IssuedToken, redirectTo: string): string {
  const { apiUrl } = currentCall().context;
  const query = new URLSearchParams({ token: token.hash, type, redirect_to: redirectTo });
  return `${apiUrl}/auth/v1/verify?${query}`;
}

/** Upstream's template for each link type (the React Email templates of decision 029). */
const TEMPLATE_OF: Record<LinkType, AuthTemplate> = {
  signup: 'confirm_signup',
  invite: 'invite',
  magiclink: 'magic_link',
  recovery: 'recovery',
  email_change: 'email_change',
};

async function render(
  type: LinkType,
  url: string,
  token: IssuedToken,
  change?: { email: string; newEmail: string },
): Promise<RenderedMail> {
  const { renderAuthEmail } = await loadTemplates();
  return renderAuthEmail(TEMPLATE_OF[type], {
    confirmationUrl: url,
    token: token.otp,
    email: change?.email,
    newEmail: change?.newEmail,
  });
}

async function queue(tx: TransactionSql, to: string, mail: RenderedMail): Promise<void> {
  const giveBack = currentLimits().takeEmail(to, currentCall().ip);
  // Counted now, before the commit: a request that fails (and so rolls back) returns the unit.
  onCallFailure(giveBack);
  await enqueueMail(tx, { to, subject: mail.subject, html: mail.html, text: mail.text, template: mail.template });
}

export async function sendLinkEmail(
  tx: TransactionSql,
  to: string,
  type: LinkType,
  token: IssuedToken,
  redirectTo: string,
  change?: { email: string; newEmail: string },
): Promise<void> {
  await queue(tx, to, await render(type, verifyLink(type, token, redirectTo), token, change));
}

export async function sendReauthenticationEmail(tx: TransactionSql, to: string, token: IssuedToken): Promise<void> {
  const { renderAuthEmail } = await loadTemplates();
  await queue(tx, to, await renderAuthEmail('reauthentication', { token: token.otp }));
}
