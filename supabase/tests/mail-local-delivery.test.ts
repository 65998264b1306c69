// Without a Resend key mail lands in the local mailbox, which the mailbox server shows as a page
// (everything escaped, links clickable) and as JSON (what tests use to follow links).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInvitationEmail } from '../../shared/mail/templates/index.tsx';
import { enqueueMail, localMailboxTransport, type Mailer, startMailer } from '../local/mail/index.ts';
import { type MailboxMessage, type MailboxServer, startMailboxServer } from '../local/mail/mailbox-server.ts';
import { waitFor } from '../local/testing/wait-for.ts';
import { useTestDatabase } from './support/db.ts';

const db = useTestDatabase();
let mailer: Mailer;
let mailbox: MailboxServer;

beforeAll(async () => {
  mailer = startMailer({ sql: db.admin, transport: localMailboxTransport(db.admin), pollIntervalMs: 50 });
  mailbox = await startMailboxServer({ sql: db.admin, port: 0 });
});

afterAll(async () => {
  await mailer?.stop();
  await mailbox?.close();
});

async function messagesFor(to: string): Promise<MailboxMessage[]> {
  const response = await fetch(`${mailbox.url}/api/messages?to=${encodeURIComponent(to)}`);
  expect(response.status, 'the mailbox answers').toBe(200);
  return ((await response.json()) as { messages: MailboxMessage[] }).messages;
}

describe('local mailbox', () => {
  it('delivers a queued message, readable as JSON with its links', async () => {
    const to = 'Confirm-Me@example.test';
    const link = 'http://127.0.0.1:54321/auth/v1/verify?token=abc&type=signup';
    const outboxId = await enqueueMail(db.admin, {
      to,
      subject: 'Confirm your email',
      html: `<p>Welcome</p><a href="${link.replace('&', '&amp;')}">Confirm</a>`,
      text: `Confirm: ${link}.`,
    });
    const [message] = await waitFor('the message in the mailbox', async () => {
      const found = await messagesFor('confirm-me@example.test');
      return found.length > 0 ? found : undefined;
    });
    expect(message, 'the mailbox holds the message as sent').toMatchObject({
      outboxId,
      to,
      subject: 'Confirm your email',
      links: [link],
    });
    expect(message?.from, 'the default sender is used').toContain('@');

    const one = await fetch(`${mailbox.url}/api/messages/${message?.id}`);
    const body = (await one.json()) as MailboxMessage;
    expect(body.html, 'the single-message view carries the html').toContain('Welcome');
    expect(body.text, 'and the text').toContain(link);

    const [outbox] =
      await db.admin`select status, attempts, provider_message_id from private.mail_outbox where id = ${outboxId}`;
    expect(outbox, 'the outbox row is marked sent').toMatchObject({
      status: 'sent',
      attempts: 1,
      provider_message_id: message?.id,
    });

    const missing = await fetch(`${mailbox.url}/api/messages/00000000-0000-0000-0000-000000000000`);
    expect(missing.status, 'an unknown id is a 404').toBe(404);
  });

  it('renders the invitation template with its accept link', async () => {
    const acceptUrl = 'http://127.0.0.1:3000/invitations/accept?token=t0k3n&org=1';
    const mail = await renderInvitationEmail({
      organizationName: 'Harbour <Hotels> & Co',
      role: 'manager',
      acceptUrl,
      inviterName: 'Ann',
      expiresAt: new Date('2026-12-01T12:00:00Z'),
    });
    expect(mail.html, 'values are escaped in the html').toContain('Harbour &lt;Hotels&gt; &amp; Co');
    await enqueueMail(db.admin, { to: 'invitee@example.test', ...mail });
    const [message] = await waitFor('the invitation', async () => {
      const found = await messagesFor('invitee@example.test');
      return found.length > 0 ? found : undefined;
    });
    expect(message?.subject, 'the subject names the organization').toBe('Join Harbour <Hotels> & Co on Roost');
    expect(message?.links, 'the accept link is found once, decoded').toEqual([acceptUrl]);
  });

  it('escapes everything on the page and keeps links clickable', async () => {
    await enqueueMail(db.admin, {
      to: 'xss@example.test',
      subject: '<script>alert(1)</script>',
      text: 'Reset: https://roost.example/reset?a=1&b=<x> and javascript:alert(2)',
      html: '<script>alert(3)</script><a href="javascript:alert(4)">x</a><img src=x onerror=alert(5)>',
    });
    await waitFor('the hostile message', async () => {
      const found = await messagesFor('xss@example.test');
      return found.length > 0 ? found : undefined;
    });
    const response = await fetch(`${mailbox.url}/?to=xss@example.test`);
    const page = await response.text();
    expect(response.headers.get('content-type'), 'the page is HTML').toContain('text/html');
    expect(page, 'no script tag from the subject').not.toContain('<script>');
    expect(page, 'the subject is shown escaped').toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page, 'the link is clickable').toContain('<a href="https://roost.example/reset?a=1&amp;b=">');
    expect(page, 'no javascript: link').not.toContain('href="javascript:');
    expect(page, 'the html part is shown escaped in a sandboxed frame').toContain(
      'sandbox="" title="HTML part" srcdoc="&lt;script&gt;alert(3)&lt;/script&gt;',
    );
    expect(page, 'no live tag from the html part').not.toContain('<img');
  });

  it('clears the mailbox for tests', async () => {
    const response = await fetch(`${mailbox.url}/api/messages?to=xss@example.test`, { method: 'DELETE' });
    expect(((await response.json()) as { deleted: number }).deleted, 'one message removed').toBe(1);
    expect(await messagesFor('xss@example.test'), 'gone').toEqual([]);
    const [kept] =
      await db.admin`select count(*)::int as n from private.mail_outbox where recipient = 'xss@example.test'`;
    expect(kept?.n, 'the outbox keeps the record of what was sent').toBe(1);
  });
});
