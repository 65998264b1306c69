// Helpers of the mail tests: transports that record or fail on purpose (bounded waiting is
// supabase/local/testing/wait-for.ts).
import type { MailTransport, OutgoingMail } from '../../../shared/mail/outbox/message.ts';

/** Records every message it accepts; fails the first `failures` sends with `error`. */
export function recordingTransport(options: { failures?: number; error?: string; delayMs?: number } = {}) {
  const sent: OutgoingMail[] = [];
  let calls = 0;
  const transport: MailTransport = {
    name: 'recording',
    async send(mail) {
      calls += 1;
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (calls <= (options.failures ?? 0)) throw new Error(options.error ?? `send failed (call ${calls})`);
      sent.push(mail);
      return { id: `recorded-${sent.length}` };
    },
  };
  return {
    transport,
    sent,
    calls: () => calls,
  };
}
