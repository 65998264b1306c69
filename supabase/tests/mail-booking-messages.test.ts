// The booking emails rendered from the database (shared/mail/booking-messages.ts): every template
// loads the booking, guest, property and organization branding with the connection it is given,
// speaks the guest's language, and carries its attachments (.ics, invoice PDF) through the outbox
// into the local mailbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_TEMPLATES, BookingMessageError, renderBookingMessage } from '../../shared/mail/booking-messages.ts';
import { enqueueMail, localMailboxTransport, type Mailer, startMailer } from '../local/mail/index.ts';
import { type MailboxMessage, type MailboxServer, startMailboxServer } from '../local/mail/mailbox-server.ts';
import { waitFor } from '../local/testing/wait-for.ts';
import { asServiceRole, asUser, createUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let ids: BookingsFixtureIds;
let mailer: Mailer;
let mailbox: MailboxServer;
const options = { storageUrl: 'http://127.0.0.1:54321/storage/v1', defaultFrom: 'Roost <no-reply@roost.localhost>' };

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'mailtpl');
  ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
  await db.admin`
    update public.organizations
    set email_brand_color = '#b5482a', email_sender_name = 'Harbour Desk', email_reply_to = 'desk@harbour.example',
      logo_path = ${`${tenant.organizationId}/logo/logo.png`}
    where id = ${tenant.organizationId}`;
  mailer = startMailer({ sql: db.admin, transport: localMailboxTransport(db.admin), pollIntervalMs: 50 });
  mailbox = await startMailboxServer({ sql: db.admin, port: 0 });
});

afterAll(async () => {
  await mailer?.stop();
  await mailbox?.close();
});

describe('renderBookingMessage', () => {
  it('renders the confirmation in the organization branding with an .ics attachment', async () => {
    const message = await asServiceRole(db.admin, (tx) =>
      renderBookingMessage(tx, { template: 'booking_confirmation', bookingId: ids.confirmedBookingId ?? '' }, options),
    );
    expect(message.to, 'to the guest').toMatch(/^ana-.*@example\.test$/);
    expect(message.from, 'the organization names the sender').toBe('"Harbour Desk" <no-reply@roost.localhost>');
    expect(message.replyTo, 'replies go to the organization').toBe('desk@harbour.example');
    expect(message.subject).toMatch(/^Your booking at Hotel is confirmed \([A-Z2-9]{8}\)$/);
    expect(message.html, 'the brand colour').toContain('#b5482a');
    expect(message.html, 'the logo from the public bucket').toContain(
      `http://127.0.0.1:54321/storage/v1/object/public/org-assets/${tenant.organizationId}/logo/logo.png`,
    );
    expect(message.text).toContain('Ana Costa');
    const [ics] = message.attachments ?? [];
    expect(ics?.contentType).toBe('text/calendar; method=PUBLISH');
    const calendar = Buffer.from(ics?.content ?? '', 'base64').toString('utf8');
    expect(calendar).toContain(`UID:${ids.confirmedBookingId}@roost`);
    expect(calendar).toContain('STATUS:CONFIRMED');
    expect(calendar).toContain('ORGANIZER;CN="Harbour Desk":mailto:desk@harbour.example');
  });

  it("speaks the guest's language (German) and falls back to English", async () => {
    await db.admin`update public.guests set language = 'de-AT' where id = ${ids.guestId}`;
    try {
      const message = await renderBookingMessage(
        db.admin,
        { template: 'booking_cancelled', bookingId: ids.confirmedBookingId ?? '' },
        options,
      );
      expect(message.subject).toMatch(/^Ihre Buchung im Hotel ist storniert/);
      expect(message.text).toContain('Hallo Ana Costa,');
    } finally {
      await db.admin`update public.guests set language = 'pt' where id = ${ids.guestId}`;
    }
    const english = await renderBookingMessage(
      db.admin,
      { template: 'booking_cancelled', bookingId: ids.confirmedBookingId ?? '' },
      options,
    );
    expect(english.subject, 'Portuguese has no catalogue yet: English').toMatch(/^Your booking at Hotel is cancelled/);
  });

  it('shows the cancellation fee and sends a cancelling .ics', async () => {
    await db.admin`
      update public.bookings set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 4500,
        cancellation_reason = 'Change of plans'
      where id = ${ids.heldBookingId}`;
    const message = await renderBookingMessage(
      db.admin,
      { template: 'booking_cancelled', bookingId: ids.heldBookingId ?? '' },
      options,
    );
    expect(message.text).toContain('A cancellation fee of €45.00 applies.');
    expect(message.text).toContain('Reason: Change of plans');
    const ics = Buffer.from(message.attachments?.[0]?.content ?? '', 'base64').toString('utf8');
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
  });

  it("attaches the folio's invoice PDF to the receipt", async () => {
    const message = await renderBookingMessage(
      db.admin,
      { template: 'booking_receipt', bookingId: ids.checkedInBookingId ?? '' },
      options,
    );
    const [pdf] = message.attachments ?? [];
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toMatch(/^invoice-[A-Z2-9]{8}-[0-9A-F]{4}\.pdf$/);
    expect(
      Buffer.from(pdf?.content ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(message.text).toMatch(/Balance due\s+€50\.00/);
    expect(message.text).toMatch(/Paid\s+€50\.00/);
  });

  it("lists the order's lines for order_ready and refuses an order of another booking", async () => {
    const orderId = tenant.extra.catalogue?.submittedOrderId ?? '';
    await db.admin`update public.orders set booking_id = ${ids.checkedInBookingId} where id = ${orderId}`;
    const message = await renderBookingMessage(
      db.admin,
      { template: 'order_ready', bookingId: ids.checkedInBookingId ?? '', extra: { orderId } },
      options,
    );
    expect(message.subject).toBe('Your order at Hotel is ready');
    expect(message.text, 'the line total with its tax').toMatch(/1 × Burger\s+€14\.13/);
    await expect(
      renderBookingMessage(db.admin, {
        template: 'order_ready',
        bookingId: ids.confirmedBookingId ?? '',
        extra: { orderId },
      }),
    ).rejects.toMatchObject({ code: 'order_not_found' });
  });

  it('renders every template, a sample without a booking, and refuses what it cannot render', async () => {
    for (const template of BOOKING_TEMPLATES) {
      const message = await renderBookingMessage(
        db.admin,
        {
          template,
          bookingId: ids.checkedInBookingId ?? '',
          extra: template === 'order_ready' ? { orderId: tenant.extra.catalogue?.submittedOrderId } : {},
        },
        options,
      );
      expect(message.template, template).toBe(template);
      expect(message.html, template).toContain('<html');
      expect(message.subject, template).not.toMatch(/[\r\n]/);
    }
    const sample = await renderBookingMessage(db.admin, {
      template: 'pre_arrival_reminder',
      bookingId: null,
      extra: { organizationId: tenant.organizationId },
    });
    expect(sample.to).toBe('');
    expect(sample.text).toContain('SAMPLE23');
    expect(sample.html).toContain('#b5482a');
    await expect(
      renderBookingMessage(db.admin, { template: 'booking_confirmation', bookingId: crypto.randomUUID() }),
    ).rejects.toBeInstanceOf(BookingMessageError);
    await expect(
      renderBookingMessage(db.admin, { template: 'nope' as 'order_ready', bookingId: ids.guestId ?? '' }),
    ).rejects.toMatchObject({ code: 'invalid_template' });
  });

  it('adds the unsubscribe link when the caller passes one', async () => {
    const message = await renderBookingMessage(db.admin, {
      template: 'post_stay_thank_you',
      bookingId: ids.checkedInBookingId ?? '',
      extra: { unsubscribeUrl: 'http://localhost:5173/unsubscribe/abc' },
    });
    expect(message.html).toContain('href="http://localhost:5173/unsubscribe/abc"');
  });
});

describe('attachments through the outbox', () => {
  it('travel with the message into the local mailbox, listed and downloadable', async () => {
    const message = await renderBookingMessage(
      db.admin,
      { template: 'booking_receipt', bookingId: ids.checkedInBookingId ?? '' },
      options,
    );
    const to = `receipt-${tenant.slug}@example.test`;
    const outboxId = await enqueueMail(db.admin, { ...message, to });
    const [stored] = await db.admin`
      select count(*)::int as files, max(octet_length(content)) as bytes from private.mail_attachments where outbox_id = ${outboxId}`;
    expect(stored).toMatchObject({ files: 1 });

    const received = await waitFor('the receipt in the mailbox', async () => {
      const response = await fetch(`${mailbox.url}/api/messages?to=${encodeURIComponent(to)}`);
      const { messages } = (await response.json()) as { messages: MailboxMessage[] };
      return messages[0];
    });
    expect(received.replyTo).toBe('desk@harbour.example');
    expect(received.from).toBe('"Harbour Desk" <no-reply@roost.localhost>');
    expect(received.attachments).toEqual([
      expect.objectContaining({ filename: message.attachments?.[0]?.filename, contentType: 'application/pdf' }),
    ]);
    const file = await fetch(`${mailbox.url}${received.attachments[0]?.url}`);
    expect(file.headers.get('content-disposition')).toContain('attachment;');
    expect(Buffer.from(await file.arrayBuffer()).toString('base64')).toBe(message.attachments?.[0]?.content);

    const page = await (await fetch(`${mailbox.url}/?to=${encodeURIComponent(to)}`)).text();
    expect(page, 'the mailbox page lists the attachment').toContain(message.attachments?.[0]?.filename);
  });

  it('are refused when malformed or too large, with stable codes', async () => {
    const base = { to: 'x@example.test', subject: 'Files', text: 'see attached' };
    await expect(
      enqueueMail(db.admin, {
        ...base,
        attachments: [{ filename: '../etc/passwd', contentType: 'text/plain', content: 'YQ==' }],
      }),
    ).rejects.toMatchObject({ code: 'invalid_mail_message' });
    const sixMiB = Buffer.alloc(6 * 1024 * 1024, 1).toString('base64');
    await expect(
      db.admin`select private.enqueue_mail('x@example.test', 'Big', null, 'big', null, null, '{}',
        null, ${db.admin.json([{ filename: 'big.bin', content_type: 'application/octet-stream', content: sixMiB }])})`,
    ).rejects.toMatchObject({ code: '22023', message: expect.stringContaining('attachments_too_large') });
    await expect(
      db.admin`select private.enqueue_mail('x@example.test', 'Bad', null, 'bad', null, null, '{}',
        'not an address', '[]')`,
    ).rejects.toMatchObject({ code: '22023', message: expect.stringContaining('invalid_reply_to') });
    await expect(
      db.admin`select private.enqueue_mail('x@example.test', 'Bad', null, 'bad', null, null, '{}',
        null, ${db.admin.json([{ filename: 'a.txt', content_type: 'text/plain', content: 'not base64!' }])})`,
    ).rejects.toMatchObject({ code: '22023', message: expect.stringContaining('invalid_attachments') });
  });
});

describe('public.mail_daily_report', () => {
  const args = (propertyId: string) => ({
    p_property_id: propertyId,
    p_subject: 'Daily report for Hotel',
    p_html: '<p>Report</p>',
    p_text: 'Report',
    p_pdf: Buffer.from('%PDF-1.7 report').toString('base64'),
  });
  const call = (user: { id: string; email: string }, a: ReturnType<typeof args>) =>
    asUser(
      db.admin,
      user,
      (tx) =>
        tx<{ id: string }[]>`select public.mail_daily_report(${a.p_property_id}, ${a.p_subject}, ${a.p_html},
        ${a.p_text}, ${a.p_pdf}) as id`,
    );

  it("queues the report with its PDF to the caller's own address", async () => {
    const viewer = tenant.members.viewer;
    const [row] = await call(viewer, args(tenant.propertyIds[0]));
    const [outbox] = await db.admin`
      select recipient, template, tags, (select count(*)::int from private.mail_attachments a where a.outbox_id = o.id) as files
      from private.mail_outbox o where id = ${row?.id ?? ''}`;
    expect(outbox).toMatchObject({ recipient: viewer.email, template: 'manager_report', files: 1 });
  });

  it('refuses a property the caller cannot see, and more than 10 an hour', async () => {
    const outsider = await createUser(db.admin, 'outsider');
    await expect(call(outsider, args(tenant.propertyIds[0]))).rejects.toMatchObject({ message: 'property_not_found' });
    const manager = tenant.members.manager;
    for (let i = 0; i < 10; i += 1) await call(manager, args(tenant.propertyIds[0]));
    await expect(call(manager, args(tenant.propertyIds[0]))).rejects.toMatchObject({ message: 'too_many_reports' });
  });
});
