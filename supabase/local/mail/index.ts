// The mail module: queue with `enqueueMail` (inside the transaction that causes the message),
// run `startMailer` (shared/mail/outbox/: npm start locally, the worker in production), read the local mailbox over HTTP. The
// templates live in shared/mail/ (deployed functions render them too); `loadTemplates` gives them.

// Node loads the React Email templates (.tsx) through loadTemplates (decision 029).
export { loadTemplates } from '../../../shared/mail/load.ts';
export { type Mailer, type MailerOptions, retryDelayMs, startMailer } from '../../../shared/mail/outbox/mailer.ts';
export {
  DEFAULT_FROM,
  type MailAttachment,
  MailInputError,
  type MailMessage,
  type MailTransport,
  type OutgoingAttachment,
  type OutgoingMail,
  parseMailMessage,
} from '../../../shared/mail/outbox/message.ts';
export { enqueueMail, MAIL_STATUS, type MailStatus } from '../../../shared/mail/outbox/queries.ts';
export { localMailboxTransport, resendTransport, transportFromEnv } from '../../../shared/mail/outbox/transports.ts';
export type { RenderedMail } from '../../../shared/mail/templates/index.tsx';
export { type MailboxMessage, type MailboxServer, startMailboxServer } from './mailbox-server.ts';
