// The outbox: mail queued inside a transaction exists only if that transaction commits; bad
// input is refused with stable codes before anything is written; only the service role may
// queue or read mail.
import { describe, expect, it } from 'vitest';
import { enqueueMail, MailInputError } from '../local/mail/index.ts';
import { asAnon, asServiceRole, asUser, createUser, pgError, useTestDatabase } from './support/db.ts';

const db = useTestDatabase();

async function outboxCount(subject: string): Promise<number> {
  const [row] = await db.admin<
    { n: number }[]
  >`select count(*)::int as n from private.mail_outbox where subject = ${subject}`;
  return row?.n ?? -1;
}

describe('mail outbox', () => {
  it('queues a message in the transaction that causes it, and nothing when that transaction rolls back', async () => {
    const rolledBack = 'rolled back welcome';
    await expect(
      db.admin.begin(async (tx) => {
        await enqueueMail(tx, { to: 'guest@example.test', subject: rolledBack, text: 'hello' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outboxCount(rolledBack), 'a rolled-back transaction queues nothing').toBe(0);

    const committed = 'committed welcome';
    const id = await db.admin.begin((tx) =>
      enqueueMail(tx, { to: 'guest@example.test', subject: committed, html: '<p>hi</p>', tags: { kind: 'welcome' } }),
    );
    const [row] = await db.admin`select status, attempts, sender, tags from private.mail_outbox where id = ${id}`;
    expect(row, 'a committed transaction queues the message once').toMatchObject({
      status: 'queued',
      attempts: 0,
      sender: null,
      tags: { kind: 'welcome' },
    });
  });

  it('refuses bad messages with a stable code before writing anything', async () => {
    for (const bad of [
      { to: 'not-an-email', subject: 's', text: 't' },
      { to: 'a@example.test', subject: '', text: 't' },
      { to: 'a@example.test', subject: 'two\nlines', text: 't' },
      { to: 'a@example.test', subject: 'no body' },
      { to: 'a@example.test', subject: 's', text: 't', extra: true },
    ]) {
      const error = await enqueueMail(db.admin, bad).catch((e: unknown) => e);
      expect(error, `refused: ${JSON.stringify(bad)}`).toBeInstanceOf(MailInputError);
      expect((error as MailInputError).code, 'stable code').toBe('invalid_mail_message');
    }
    expect(await outboxCount('no body'), 'nothing written').toBe(0);
  });

  it('refuses bad input in SQL too, with codes of class 22023', async () => {
    const cases: [string, Promise<unknown>][] = [
      ['invalid_email', db.admin`select private.enqueue_mail('nobody', 's', null, 't')`],
      ['invalid_subject', db.admin`select private.enqueue_mail('a@example.test', ${'x\ny'}, null, 't')`],
      ['mail_body_required', db.admin`select private.enqueue_mail('a@example.test', 's', null, null)`],
      ['invalid_template', db.admin`select private.enqueue_mail('a@example.test', 's', null, 't', null, 'Bad-Name')`],
      [
        'invalid_tags',
        db.admin`select private.enqueue_mail('a@example.test', 's', null, 't', null, null, '[1]'::jsonb)`,
      ],
    ];
    for (const [code, call] of cases) {
      const error = await pgError(call);
      expect({ message: error.message, code: error.code }, code).toEqual({ message: code, code: '22023' });
    }
  });

  it('lets the service role queue and read mail, and nobody else', async () => {
    const id = await asServiceRole(db.admin, async (tx) => {
      const [row] = await tx<
        { id: string }[]
      >`select private.enqueue_mail('svc@example.test', 'from service', null, 'body') as id`;
      return row?.id;
    });
    expect(id, 'the service role queues mail').toMatch(/^[0-9a-f-]{36}$/);
    const seen = await asServiceRole(db.admin, (tx) => tx`select id from private.mail_outbox where id = ${id ?? ''}`);
    expect(seen.length, 'the service role reads the outbox').toBe(1);

    const user = await createUser(db.admin, 'mailer');
    const denied = await pgError(
      asUser(db.admin, user, (tx) => tx`select private.enqueue_mail('x@example.test', 's', null, 't')`),
    );
    expect(denied.code, 'a signed-in user may not queue arbitrary mail').toBe('42501');
    const unread = await pgError(asUser(db.admin, user, (tx) => tx`select * from private.mail_outbox`));
    expect(unread.code, 'a signed-in user may not read the outbox').toBe('42501');
    const anon = await pgError(asAnon(db.admin, (tx) => tx`select * from private.mailbox`));
    expect(anon.code, 'anon may not read the mailbox').toBe('42501');
    const noUpdate = await pgError(
      asServiceRole(db.admin, (tx) => tx`update private.mail_outbox set status = 'sent' where id = ${id ?? ''}`),
    );
    expect(noUpdate.code, 'only the mailer (the database owner) changes a message').toBe('42501');
  });
});
