// Transactional mail in production (decisions 010, 029): every worker with a RESEND_API_KEY sends
// the outbox (private.mail_outbox) through Resend with the shared mailer, so mail queued by the
// database, the functions and the web app leaves without the local stack. Any number of workers
// share the outbox (claims use SKIP LOCKED). Without a key the worker sends nothing: the mail
// waits in the outbox, and `npm start` delivers it to its local mailbox itself.
import type { Logger } from 'pino';
import postgres from 'postgres';
import { startMailer } from '../../../shared/mail/outbox/mailer.ts';
import { resendTransport } from '../../../shared/mail/outbox/transports.ts';

export interface RunningOutboxMailer {
  stop(): Promise<void>;
}

export function runOutboxMailer(
  dbUrl: string,
  log: Logger,
  env: Record<string, string | undefined> = process.env,
): RunningOutboxMailer {
  const apiKey = env.RESEND_API_KEY?.trim();
  if (!apiKey) return { stop: async () => {} };
  // The mailer LISTENs for new mail: a session connection (decision 040).
  const sql = postgres(dbUrl, { max: 2, onnotice: () => {}, connection: { application_name: 'roost-mailer' } });
  const baseUrl = env.RESEND_BASE_URL?.trim();
  const mailer = startMailer({
    sql,
    transport: resendTransport(apiKey, baseUrl ? { baseUrl } : {}),
    onError: (error) => log.error({ err: error }, 'mailer error'),
  });
  log.info('outbox mailer started (Resend)');
  return {
    async stop() {
      await mailer.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
