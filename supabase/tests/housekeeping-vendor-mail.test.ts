// Vendor emails through the React Email templates (migration 20261206190800, decision 041): a
// quote request and a decision queue a row (nothing in the outbox yet), the worker's sender
// renders it in the organization's branding and language and queues it with the same template
// name and tags, and the local mailer delivers it to the mailbox with the working link. A row that
// cannot be rendered keeps its error and does not hold the others back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, sendQueuedVendorMail } from '../../gpu-worker/src/maintenance/vendor-mail.ts';
import { localMailboxTransport, type Mailer, startMailer } from '../local/mail/index.ts';
import { type MailboxMessage, type MailboxServer, startMailboxServer } from '../local/mail/mailbox-server.ts';
import { waitFor } from '../local/testing/wait-for.ts';
import { asAnon, asUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
const SITE = 'http://app.roost.test';
let tenant: Tenant;
let mailer: Mailer;
let mailbox: MailboxServer;
const hotel = () => tenant.propertyIds[0] ?? '';

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'hkvm');
  await db.admin`
    update public.organizations set email_brand_color = '#b5482a', email_sender_name = 'Harbour Desk'
    where id = ${tenant.organizationId}`;
  mailer = startMailer({ sql: db.admin, transport: localMailboxTransport(db.admin), pollIntervalMs: 50 });
  mailbox = await startMailboxServer({ sql: db.admin, port: 0 });
});

afterAll(async () => {
  await mailer?.stop();
  await mailbox?.close();
});

async function messagesFor(to: string): Promise<MailboxMessage[]> {
  const response = await fetch(`${mailbox.url}/api/messages?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { messages: MailboxMessage[] }).messages;
}

async function vendor(name: string): Promise<{ id: string; email: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now().toString(36)}@vendors.test`;
  const [row] = await db.admin<{ id: string }[]>`
    insert into public.vendors (organization_id, name, email) values (${tenant.organizationId}, ${name}, ${email})
    returning id`;
  return { id: row?.id ?? '', email };
}

describe('vendor emails', () => {
  it('renders the quote request with the template and the mailbox receives its working link', async () => {
    const [order] = await db.admin<{ id: string; number: string }[]>`
      insert into public.work_orders (organization_id, property_id, title, description, area)
      values (${tenant.organizationId}, ${hotel()}, 'Boiler <noise>', 'Knocks at night & in the morning', 'Basement')
      returning id, number::text`;
    const aqua = await vendor('Aqua & Sons');
    const [request] = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx<{ quote_request_id: string }[]>`
        select * from public.request_vendor_quote(${order?.id ?? ''}, ${aqua.id}, ${SITE})`,
    );
    const requestId = request?.quote_request_id ?? '';
    const [queued] = await db.admin<{ template: string; link: string }[]>`
      select template, link from private.vendor_mail_queue where tags ->> 'quote_request' = ${requestId}`;
    expect(queued?.template).toBe('vendor_quote_request');
    expect(queued?.link).toMatch(new RegExp(`^${SITE}/quote/[A-Za-z0-9_-]{43}$`));
    const [before] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from private.mail_outbox where tags ->> 'quote_request' = ${requestId}`;
    expect(before?.n, 'nothing in the outbox before the worker renders it').toBe(0);

    expect(await sendQueuedVendorMail(db.admin)).toMatchObject({ sent: 1, failed: 0 });
    const [outbox] = await db.admin<
      { subject: string; html: string; text: string; sender: string; template: string }[]
    >`
      select subject, html, text, sender, template from private.mail_outbox where tags ->> 'quote_request' = ${requestId}`;
    expect(outbox?.template).toBe('vendor_quote_request');
    expect(outbox?.subject).toMatch(/^Quote request from .+: Boiler <noise>$/);
    expect(outbox?.sender).toBe('"Harbour Desk" <no-reply@roost.localhost>');
    expect(outbox?.html, 'the React Email frame in the brand colour').toContain('#b5482a');
    expect(outbox?.html, 'what people typed is escaped').toContain('Boiler &lt;noise&gt;');
    expect(outbox?.html).toContain(`href="${queued?.link}"`);
    expect(outbox?.text).toContain('Aqua & Sons');
    expect(outbox?.text).toContain('Basement');
    expect(outbox?.text).toContain('Knocks at night & in the morning');
    const [left] = await db.admin<{ n: number }[]>`select count(*)::int as n from private.vendor_mail_queue`;
    expect(left?.n, 'the queue row is gone').toBe(0);

    const [message] = await waitFor('the request in the mailbox', async () => {
      const found = await messagesFor(aqua.email);
      return found.length > 0 ? found : undefined;
    });
    expect(message?.links).toContain(queued?.link);
    // The link works: the vendor sees the request it names.
    const token = queued?.link.split('/quote/')[1] ?? '';
    const [seen] = await asAnon(db.admin, (tx) => tx`select * from public.vendor_quote_request(${token})`);
    expect(seen).toMatchObject({ title: 'Boiler <noise>', location: 'Basement' });
  });

  it('tells the chosen vendor and the others, with their amounts, in the organization language', async () => {
    await db.admin`update public.organizations set locale = 'de' where id = ${tenant.organizationId}`;
    try {
      const [order] = await db.admin<{ id: string }[]>`
        insert into public.work_orders (organization_id, property_id, title)
        values (${tenant.organizationId}, ${hotel()}, 'Fassade streichen') returning id`;
      const painters = [await vendor('Maler Eins'), await vendor('Maler Zwei')];
      const quotes: string[] = [];
      for (const [index, painter] of painters.entries()) {
        const [request] = await asUser(
          db.admin,
          tenant.members.manager,
          (tx) => tx<{ quote_request_id: string }[]>`
            select * from public.request_vendor_quote(${order?.id ?? ''}, ${painter.id}, ${SITE})`,
        );
        const [queued] = await db.admin<{ link: string }[]>`
          select link from private.vendor_mail_queue where tags ->> 'quote_request' = ${request?.quote_request_id ?? ''}`;
        const token = queued?.link.split('/quote/')[1] ?? '';
        const [quote] = await asAnon(
          db.admin,
          (tx) => tx<{ id: string }[]>`
            select quote_id as id from public.submit_vendor_quote(${token}, ${120000 + index * 5050}, null, null, null, null, null)`,
        );
        quotes.push(quote?.id ?? '');
      }
      await asUser(db.admin, tenant.members.manager, (tx) => tx`select public.accept_vendor_quote(${quotes[0] ?? ''})`);
      const summary = await sendQueuedVendorMail(db.admin);
      expect(summary).toEqual({ sent: 4, failed: 0 });
      const decided = await db.admin<{ recipient: string; template: string; subject: string; text: string }[]>`
        select recipient, template, subject, text from private.mail_outbox
        where tags ->> 'vendor_quote' = any (${quotes}) order by template`;
      expect(decided.map((mail) => [mail.recipient, mail.template])).toEqual([
        [painters[0]?.email, 'vendor_quote_accepted'],
        [painters[1]?.email, 'vendor_quote_declined'],
      ]);
      expect(decided[0]?.subject).toBe('Ihr Angebot wurde angenommen: Fassade streichen');
      expect(decided[0]?.text).toMatch(/1\.200,00\s€/);
      expect(decided[1]?.subject).toBe('Ihr Angebot wurde nicht ausgewählt: Fassade streichen');
      expect(decided[1]?.text).toMatch(/1\.250,50\s€/);
      await waitFor('the decline in the mailbox', async () => {
        const found = await messagesFor(painters[1]?.email ?? '');
        return found.some((mail) => mail.subject.startsWith('Ihr Angebot wurde nicht')) ? true : undefined;
      });
    } finally {
      await db.admin`update public.organizations set locale = 'en' where id = ${tenant.organizationId}`;
    }
  });

  it('keeps a row it cannot render with its error, and sends the others', async () => {
    const [order] = await db.admin<{ id: string }[]>`
      insert into public.work_orders (organization_id, property_id, title)
      values (${tenant.organizationId}, ${hotel()}, 'Lift inspection') returning id`;
    const lift = await vendor('Lift Co');
    await db.admin`
      select private.enqueue_maintenance_mail('ghost@vendors.test', 'x', array['x'], null, null,
        'vendor_quote_accepted', ${db.admin.json({ vendor_quote: '00000000-0000-4000-8000-000000000000' })})`;
    await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`select * from public.request_vendor_quote(${order?.id ?? ''}, ${lift.id}, ${SITE})`,
    );
    expect(await sendQueuedVendorMail(db.admin)).toEqual({ sent: 1, failed: 1 });
    const [kept] = await db.admin<{ attempts: number; last_error: string }[]>`
      select attempts, last_error from private.vendor_mail_queue where recipient = 'ghost@vendors.test'`;
    expect(kept).toEqual({ attempts: 1, last_error: 'not_found' });
    await db.admin`update private.vendor_mail_queue set attempts = ${MAX_ATTEMPTS} where recipient = 'ghost@vendors.test'`;
    expect(await sendQueuedVendorMail(db.admin), 'given up after the last attempt').toEqual({ sent: 0, failed: 0 });
    await db.admin`delete from private.vendor_mail_queue where recipient = 'ghost@vendors.test'`;
  });
});
