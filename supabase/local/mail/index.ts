// The mail module: queue with `enqueueMail` (inside the transaction that causes the message),
// run `startMailer` somewhere (npm start does locally), read the local mailbox over HTTP. The
// templates live in shared/mail/ (deployed functions render them too) and are re-exported here.

export {
  type AuthEmailInput,
  authInviteEmail,
  confirmSignupEmail,
  emailChangeEmail,
  magicLinkEmail,
  recoveryEmail,
} from '../../../shared/mail/templates/auth.ts';
export { type InvitationEmail, invitationEmail } from '../../../shared/mail/templates/invitation.ts';
export type { RenderedMail } from '../../../shared/mail/templates/layout.ts';
export { type MailboxMessage, type MailboxServer, startMailboxServer } from './mailbox-server.ts';
export { type Mailer, type MailerOptions, retryDelayMs, startMailer } from './mailer.ts';
export {
  DEFAULT_FROM,
  type MailAttachment,
  MailInputError,
  type MailMessage,
  type MailTransport,
  type OutgoingAttachment,
  type OutgoingMail,
  parseMailMessage,
} from './message.ts';
export { enqueueMail, MAIL_STATUS, type MailStatus } from './queries.ts';
export { localMailboxTransport, resendTransport, transportFromEnv } from './transports.ts';
