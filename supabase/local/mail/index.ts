// The mail module: queue with `enqueueMail` (inside the transaction that causes the message),
// run `startMailer` somewhere (npm start does locally), read the local mailbox over HTTP.

export { type MailboxMessage, type MailboxServer, startMailboxServer } from './mailbox-server.ts';
export { type Mailer, type MailerOptions, retryDelayMs, startMailer } from './mailer.ts';
export {
  DEFAULT_FROM,
  MailInputError,
  type MailMessage,
  type MailTransport,
  type OutgoingMail,
  parseMailMessage,
} from './message.ts';
export { enqueueMail, MAIL_STATUS, type MailStatus } from './queries.ts';
export {
  type AuthEmailInput,
  authInviteEmail,
  confirmSignupEmail,
  emailChangeEmail,
  magicLinkEmail,
  recoveryEmail,
} from './templates/auth.ts';
export { type InvitationEmail, invitationEmail } from './templates/invitation.ts';
export type { RenderedMail } from './templates/layout.ts';
export { localMailboxTransport, resendTransport, transportFromEnv } from './transports.ts';
