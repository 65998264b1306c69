// Sends are retried with backoff and never lost: a flaky transport delivers once, a dead one
// leaves the message failed with its error, and concurrent mailers never send a message twice.
import { describe, expect, it } from 'vitest';
import { claimDueMail } from '../../shared/mail/outbox/queries.ts';
import { enqueueMail, retryDelayMs, startMailer } from '../local/mail/index.ts';
import { waitFor } from '../local/testing/wait-for.ts';
import { connectionPool, useTestDatabase } from './support/db.ts';
import { recordingTransport } from './support/mail.ts';

const db = useTestDatabase();
const fast = { baseDelayMs: 10, maxDelayMs: 40, pollIntervalMs: 20 };

async function outboxRow(id: string) {
  const [row] = await db.admin<{ status: string; attempts: number; last_error: string | null; sent_at: Date | null }[]>`
    select status, attempts, last_error, sent_at from private.mail_outbox where id = ${id}`;
  return row;
}

describe('mail retries', () => {
  it('backs off exponentially up to a cap', () => {
    expect(
      [1, 2, 3, 4, 10].map((n) => retryDelayMs(n, 1000, 5000)),
      'delays after attempts 1, 2, 3, 4, 10',
    ).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('delivers once after two failed sends, after three attempts', async () => {
    const { transport, sent, calls } = recordingTransport({ failures: 2 });
    const mailer = startMailer({ sql: db.admin, transport, ...fast });
    try {
      const id = await enqueueMail(db.admin, { to: 'flaky@example.test', subject: 'flaky', text: 'hi' });
      const row = await waitFor('the message to be sent', async () => {
        const r = await outboxRow(id);
        return r?.status === 'sent' ? r : undefined;
      });
      expect(row.attempts, 'three attempts').toBe(3);
      expect(row.last_error, 'the error is cleared once sent').toBeNull();
      expect(
        sent.filter((m) => m.id === id),
        'delivered exactly once',
      ).toHaveLength(1);
      expect(calls(), 'two failures and one success').toBe(3);
    } finally {
      await mailer.stop();
    }
  });

  it('marks a message failed after the last attempt, keeping it and its error', async () => {
    const { transport, sent } = recordingTransport({ failures: Number.POSITIVE_INFINITY, error: 'smtp is down' });
    const mailer = startMailer({ sql: db.admin, transport, ...fast, maxAttempts: 4 });
    try {
      const id = await enqueueMail(db.admin, { to: 'dead@example.test', subject: 'dead', text: 'hi' });
      const row = await waitFor('the message to fail', async () => {
        const r = await outboxRow(id);
        return r?.status === 'failed' ? r : undefined;
      });
      expect(row, 'failed after four attempts with the error kept').toMatchObject({
        attempts: 4,
        last_error: 'smtp is down',
        sent_at: null,
      });
      expect(sent, 'nothing was delivered').toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await outboxRow(id))?.attempts, 'a failed message is not tried again').toBe(4);
    } finally {
      await mailer.stop();
    }
  });

  it('sends a message again when the mailer that claimed it died before recording the outcome', async () => {
    const id = await enqueueMail(db.admin, { to: 'orphan@example.test', subject: 'orphan', text: 'hi' });
    // A mailer claims it with a short lease and dies: nothing records the outcome.
    const claimed = await claimDueMail(db.admin, 100, 200);
    expect(
      claimed.map((r) => r.id),
      'the dead mailer had claimed it',
    ).toContain(id);
    const { transport, sent } = recordingTransport();
    const mailer = startMailer({ sql: db.admin, transport, ...fast });
    try {
      const row = await waitFor('the orphan to be sent once its lease ran out', async () => {
        const r = await outboxRow(id);
        return r?.status === 'sent' ? r : undefined;
      });
      expect(row.attempts, 'the lost attempt counts').toBe(2);
      expect(
        sent.map((m) => m.id),
        'sent once by the live mailer',
      ).toEqual([id]);
    } finally {
      await mailer.stop();
    }
  });

  it('never sends a message twice with two mailers claiming concurrently', async () => {
    const first = connectionPool(db, 4);
    const second = connectionPool(db, 4);
    const a = recordingTransport({ delayMs: 5 });
    const b = recordingTransport({ delayMs: 5 });
    const ids = await db.admin.begin(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 60; i++)
        out.push(await enqueueMail(tx, { to: `many${i}@example.test`, subject: 'many', text: `#${i}` }));
      return out;
    });
    const mailers = [
      startMailer({ sql: first, transport: a.transport, ...fast, batchSize: 3 }),
      startMailer({ sql: second, transport: b.transport, ...fast, batchSize: 3 }),
    ];
    try {
      await waitFor('all 60 messages to be sent', async () => {
        const [r] = await db.admin<{ n: number }[]>`
          select count(*)::int as n from private.mail_outbox where subject = 'many' and status = 'sent'`;
        return r?.n === 60 ? true : undefined;
      });
      const sentIds = [...a.sent, ...b.sent].map((m) => m.id);
      expect(sentIds.length, 'each message sent exactly once').toBe(60);
      expect(new Set(sentIds), 'the sent messages are the queued ones').toEqual(new Set(ids));
      expect(a.sent.length > 0 && b.sent.length > 0, 'both mailers took a share').toBe(true);
      const [attempts] = await db.admin<{ max: number }[]>`
        select max(attempts)::int as max from private.mail_outbox where subject = 'many'`;
      expect(attempts?.max, 'one attempt each').toBe(1);
    } finally {
      await Promise.all(mailers.map((m) => m.stop()));
      await Promise.all([first.end(), second.end()]);
    }
  });
});
