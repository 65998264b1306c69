// The Resend path: the official `resend` SDK talks to a stand-in of the Resend API on 127.0.0.1
// (only the network boundary is replaced), receives the right request, and a 5xx is retried
// with the same idempotency key until it is accepted.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail, resendTransport, startMailer, transportFromEnv } from '../local/mail/index.ts';
import { waitFor } from '../local/testing/wait-for.ts';
import { useTestDatabase } from './support/db.ts';

const db = useTestDatabase();

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

const received: Received[] = [];
let failuresLeft = 0;
let hangsLeft = 0;
let baseUrl = '';
const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  req.on('end', () => {
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: JSON.parse(raw || '{}'),
    });
    if (hangsLeft > 0) {
      hangsLeft -= 1;
      return; // never answers: the client's timeout must give up
    }
    res.setHeader('content-type', 'application/json');
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      res.writeHead(500).end(JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: 'try later' }));
      return;
    }
    res.writeHead(200).end(JSON.stringify({ id: `re_${received.length}` }));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

describe('Resend transport', () => {
  it('sends through the Resend API and retries a 5xx with the same idempotency key', async () => {
    failuresLeft = 1;
    received.length = 0;
    const mailer = startMailer({
      sql: db.admin,
      transport: resendTransport('re_test_key', { baseUrl }),
      defaultFrom: 'Roost <no-reply@roost.example>',
      baseDelayMs: 10,
      pollIntervalMs: 20,
    });
    try {
      const id = await enqueueMail(db.admin, {
        to: 'guest@example.test',
        subject: 'Your booking',
        html: '<p>See you soon</p>',
        text: 'See you soon',
        tags: { kind: 'booking_confirmation' },
      });
      const row = await waitFor('the message to be accepted', async () => {
        const [r] =
          await db.admin`select status, attempts, provider_message_id from private.mail_outbox where id = ${id}`;
        return r?.status === 'sent' ? r : undefined;
      });
      expect(row, 'sent on the second attempt with Resend’s id').toMatchObject({
        attempts: 2,
        provider_message_id: 're_2',
      });
      expect(received, 'one failed and one accepted request').toHaveLength(2);
      for (const request of received) {
        expect(`${request.method} ${request.url}`, 'the send-email endpoint').toBe('POST /emails');
        expect(request.headers.authorization, 'the API key as a bearer token').toBe('Bearer re_test_key');
        expect(request.headers['content-type'], 'a JSON body').toContain('application/json');
        expect(request.headers['idempotency-key'], 'one idempotency key per message').toBe(`roost-mail/${id}`);
        expect(request.body, 'the message').toMatchObject({
          from: 'Roost <no-reply@roost.example>',
          to: ['guest@example.test'],
          subject: 'Your booking',
          html: '<p>See you soon</p>',
          text: 'See you soon',
          tags: [{ name: 'kind', value: 'booking_confirmation' }],
        });
      }
      const [local] = await db.admin`select count(*)::int as n from private.mailbox where outbox_id = ${id}`;
      expect(local?.n, 'nothing went to the local mailbox').toBe(0);
    } finally {
      await mailer.stop();
    }
  });

  it('sends attachments and the reply-to through the SDK (decision 029)', async () => {
    received.length = 0;
    const mailer = startMailer({
      sql: db.admin,
      transport: resendTransport('re_test_key', { baseUrl }),
      defaultFrom: 'Roost <no-reply@roost.example>',
      pollIntervalMs: 20,
    });
    try {
      const pdf = Buffer.from('%PDF-1.7 a tiny invoice');
      const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
      const id = await enqueueMail(db.admin, {
        to: 'guest@example.test',
        subject: 'Your receipt',
        html: '<p>Attached</p>',
        from: '"Harbour Desk" <no-reply@roost.example>',
        replyTo: 'desk@harbour.example',
        attachments: [
          { filename: 'invoice-ABCD2345.pdf', contentType: 'application/pdf', content: new Uint8Array(pdf) },
          {
            filename: 'booking.ics',
            contentType: 'text/calendar; method=PUBLISH',
            content: Buffer.from(ics).toString('base64'),
          },
        ],
      });
      await waitFor('the message to be accepted', async () => {
        const [r] = await db.admin`select status from private.mail_outbox where id = ${id}`;
        return r?.status === 'sent' ? r : undefined;
      });
      expect(received, 'one request').toHaveLength(1);
      expect(received[0]?.body, 'Resend gets the files in base64 and the reply-to').toMatchObject({
        from: '"Harbour Desk" <no-reply@roost.example>',
        reply_to: 'desk@harbour.example',
        attachments: [
          { filename: 'invoice-ABCD2345.pdf', content_type: 'application/pdf', content: pdf.toString('base64') },
          {
            filename: 'booking.ics',
            content_type: 'text/calendar; method=PUBLISH',
            content: Buffer.from(ics).toString('base64'),
          },
        ],
      });
    } finally {
      await mailer.stop();
    }
  });

  it('abandons a send that hangs and retries it under the same idempotency key', async () => {
    hangsLeft = 1;
    received.length = 0;
    const mailer = startMailer({
      sql: db.admin,
      transport: resendTransport('re_test_key', { baseUrl, timeoutMs: 200 }),
      baseDelayMs: 10,
      pollIntervalMs: 20,
    });
    try {
      const id = await enqueueMail(db.admin, { to: 'slow@example.test', subject: 'Slow', text: 'hi' });
      const row = await waitFor('the message to be accepted', async () => {
        const [r] = await db.admin`select status, attempts, last_error from private.mail_outbox where id = ${id}`;
        return r?.status === 'sent' ? r : undefined;
      });
      expect(row.attempts, 'the hung attempt and the one that succeeded').toBe(2);
      expect(
        received.map((r) => r.headers['idempotency-key']),
        'both requests carry the same key',
      ).toEqual([`roost-mail/${id}`, `roost-mail/${id}`]);
    } finally {
      await mailer.stop();
    }
  });

  it('is chosen when RESEND_API_KEY is set, the local mailbox otherwise', () => {
    expect(transportFromEnv(db.admin, { RESEND_API_KEY: 're_x' }).name, 'with a key').toBe('resend');
    expect(transportFromEnv(db.admin, { RESEND_API_KEY: ' ' }).name, 'with a blank key').toBe('local-mailbox');
    expect(transportFromEnv(db.admin, {}).name, 'without a key').toBe('local-mailbox');
  });
});
