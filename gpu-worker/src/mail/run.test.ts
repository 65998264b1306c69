// The worker's outbox mailer: with a RESEND_API_KEY it sends queued mail through the official SDK
// (to a stand-in of the Resend API on loopback: only the network boundary is replaced); without
// one it sends nothing and the mail stays in the outbox.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../../shared/mail/outbox/queries.ts';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { quietLogger, waitFor } from '../jobs/testing/support.ts';
import { runOutboxMailer } from './run.ts';

const stack = useTestStack();
const received: { url: string; authorization: string | undefined; to: unknown }[] = [];
let baseUrl = '';
const resend = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  req.on('end', () => {
    received.push({ url: req.url ?? '', authorization: req.headers.authorization, to: JSON.parse(raw || '{}').to });
    res.setHeader('content-type', 'application/json');
    res.writeHead(200).end(JSON.stringify({ id: `re_worker_${received.length}` }));
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => resend.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(resend.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    resend.close(() => resolve());
    resend.closeAllConnections();
  });
});

const mail = (to: string) =>
  enqueueMail(stack.admin, { to, subject: 'Your booking', html: '<p>Hello</p>', text: 'Hello' });
const statusOf = async (id: string) =>
  (await stack.admin<{ status: string }[]>`select status from private.mail_outbox where id = ${id}`)[0]?.status;

describe('the worker’s outbox mailer', () => {
  it('sends nothing without a RESEND_API_KEY', async () => {
    received.length = 0;
    const mailer = runOutboxMailer(stack.dbUrl, quietLogger(), { RESEND_BASE_URL: baseUrl });
    try {
      const id = await mail('nobody@example.test');
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await statusOf(id)).not.toBe('sent');
      expect(received).toEqual([]);
    } finally {
      await mailer.stop();
      await stack.admin`delete from private.mail_outbox`;
    }
  });

  it('sends queued mail through Resend with the key', async () => {
    received.length = 0;
    const mailer = runOutboxMailer(stack.dbUrl, quietLogger(), {
      RESEND_API_KEY: 're_worker_key',
      RESEND_BASE_URL: baseUrl,
    });
    try {
      const id = await mail('guest@example.test');
      await waitFor('the mail to be sent', async () => ((await statusOf(id)) === 'sent' ? true : undefined));
      expect(received).toEqual([{ url: '/emails', authorization: 'Bearer re_worker_key', to: ['guest@example.test'] }]);
    } finally {
      await mailer.stop();
    }
  });
});
