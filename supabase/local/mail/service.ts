// What `npm start` runs for mail: the mailer loop and, without a Resend key, the mailbox page.
import type { Sql } from 'postgres';
import { type Mailer, startMailer } from '../../../shared/mail/outbox/mailer.ts';
import { transportFromEnv } from '../../../shared/mail/outbox/transports.ts';
import { type MailboxServer, startMailboxServer } from './mailbox-server.ts';

export interface MailService {
  /** One line for the start-up summary. */
  summary: string;
  stop(): Promise<void>;
}

export async function startMailService(sql: Sql, mailboxPort: number): Promise<MailService> {
  const transport = transportFromEnv(sql);
  let mailbox: MailboxServer | undefined;
  if (transport.name === 'local-mailbox') {
    try {
      mailbox = await startMailboxServer({ sql, port: mailboxPort });
    } catch (error) {
      throw new Error(`the mailbox could not listen on 127.0.0.1:${mailboxPort}: ${String(error)}`);
    }
  }
  const mailer: Mailer = startMailer({ sql, transport });
  return {
    summary: mailbox ? `  Mailbox      ${mailbox.url}` : '  Mail         sent through Resend (RESEND_API_KEY)',
    async stop() {
      await mailer.stop();
      await mailbox?.close();
    },
  };
}
