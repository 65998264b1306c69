// Helpers of the mail tests: bounded waiting, transports that record or fail on purpose.
import type { MailTransport, OutgoingMail } from '../../local/mail/message.ts';

/** Polls `check` until it returns a value other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

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
