// Workflows (decision 031): sends born in the booking's transaction, reminders at the right
// instant in the property's time zone (DST included) and moved or dropped with their booking,
// exactly once across a worker killed mid-send, marketing only with consent and a working
// unsubscribe link, test-sends to the manager. No waiting: the sender is given the clock.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRenderer } from '../../gpu-worker/src/workflows/index.ts';
import { fallbackRenderBookingMessage, type RenderBookingMessage } from '../../gpu-worker/src/workflows/render.ts';
import { sendDueWorkflowMessages } from '../../gpu-worker/src/workflows/sender.ts';
import { asAnon, asUser, connectionPool, pgError, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
const SITE = 'http://web.example.test';
let tenant: Tenant;
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;
const hotel = () => tenant.propertyIds[0];

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'wf');
});

const send = (now?: Date, render: RenderBookingMessage = fallbackRenderBookingMessage) =>
  sendDueWorkflowMessages(db.admin, { render, siteUrl: SITE, now });

async function book(room: string, arrival: string, departure: string, guestId = ids().guestId): Promise<string> {
  const [row] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`
      select id from public.create_booking(p_resource_id => ${room}, p_guest_id => ${guestId},
        p_arrival => ${arrival}::date, p_departure => ${departure}::date, p_party_size => 2, p_confirm => true)`,
  );
  return row?.id as string;
}

async function addWorkflow(values: Record<string, unknown>): Promise<string> {
  const [row] = await asUser(
    db.admin,
    tenant.members.manager,
    (tx) => tx`
      insert into public.workflows ${tx({ organization_id: tenant.organizationId, property_id: hotel(), ...values })}
      returning id`,
  );
  return row?.id as string;
}

const sendsOf = (bookingId: string) =>
  db.admin<
    {
      id: string;
      trigger: string;
      kind: string;
      status: string;
      due_at: Date;
      reason: string | null;
      mail_ids: string[];
    }[]
  >`
    select id, trigger::text, kind, status, due_at, reason, mail_ids from private.workflow_sends
    where booking_id = ${bookingId} order by created_at, trigger`;

const mailsOf = (sendId: string) =>
  db.admin<{ id: string; recipient: string; subject: string; html: string; text: string }[]>`
    select id, recipient, subject, html, text from private.mail_outbox where tags ->> 'workflow_send' = ${sendId}`;

describe('built-in confirmations', () => {
  it('gives every property the three confirmations, which a manager may pause but not delete', async () => {
    const rows = await db.admin`
      select trigger::text, template, active from public.workflows where property_id = ${hotel()} and built_in
      order by trigger`;
    expect(rows.map((r) => r.template)).toEqual(['booking_cancelled', 'booking_confirmation', 'booking_modified']);
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`delete from public.workflows where property_id = ${hotel()} and built_in`,
      ),
    );
    expect(error.message).toBe('built_in_workflow');
  });

  it('queues the confirmation in the booking transaction and sends it once to the guest', async () => {
    const bookingId = await book(ids().room104, '2027-02-10', '2027-02-12');
    const [created] = await sendsOf(bookingId);
    expect(created).toMatchObject({ trigger: 'booking_created', kind: 'event', status: 'scheduled' });
    await send();
    await send();
    const [after] = await sendsOf(bookingId);
    expect(after?.status).toBe('sent');
    const mails = await mailsOf(after?.id as string);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.recipient).toMatch(/^ana-/);
    expect(mails[0]?.subject).toContain('confirmed');
  });

  it('renders with the React Email templates (decision 029) and attaches what they attach', async () => {
    const real = await loadRenderer();
    expect(real).not.toBe(fallbackRenderBookingMessage);
    const bookingId = await book(ids().room104, '2027-02-14', '2027-02-16');
    const [booking] = await db.admin`select reference from public.bookings where id = ${bookingId}`;
    await send(undefined, real);
    const [created] = await sendsOf(bookingId);
    expect(created?.status).toBe('sent');
    const [mail] = await db.admin`
      select o.subject, o.html, o.text, array(select a.filename from private.mail_attachments a where a.outbox_id = o.id) as attachments
      from private.mail_outbox o where o.tags ->> 'workflow_send' = ${created?.id as string}`;
    expect(`${mail?.subject} ${mail?.text}`).toContain(booking?.reference);
    expect(mail?.html).toContain('<html');
    // The confirmation carries its calendar file.
    expect(JSON.stringify(mail?.attachments)).toContain('.ics');
    // And the guest's way to their data (decision 037): the web app's self-service request page.
    expect(mail?.html).toContain(`href="${SITE}/data-request"`);
  });

  it('queues nothing when the booking transaction rolls back', async () => {
    const before = await db.admin`select count(*)::int as n from private.workflow_sends`;
    await expect(
      db.admin.begin(async (tx) => {
        await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: tenant.members.staff.id, role: 'authenticated' })}, true)`;
        await tx`set local role authenticated`;
        await tx`select public.create_booking(p_resource_id => ${ids().room104}, p_guest_id => ${ids().guestId},
          p_arrival => '2027-02-20', p_departure => '2027-02-21', p_party_size => 2, p_confirm => true)`;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const after = await db.admin`select count(*)::int as n from private.workflow_sends`;
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

describe('reminders', () => {
  let reminderId: string;
  beforeAll(async () => {
    reminderId = await addWorkflow({
      name: 'Day-before reminder',
      trigger: 'before_arrival',
      offset_hours: 24,
      template: 'pre_arrival_reminder',
    });
  });

  it('schedules one reminder 24 real hours before check-in in the property time zone, across DST', async () => {
    // Lisbon moves to summer time on 2027-03-28: check-in 15:00 WEST is 14:00Z; 24 h earlier is
    // 14:00Z on the 27th (14:00 local, still WET), not 15:00 local.
    const bookingId = await book(ids().room101, '2027-03-28', '2027-03-30');
    const reminders = (await sendsOf(bookingId)).filter((s) => s.kind === 'scheduled');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.due_at.toISOString()).toBe('2027-03-27T14:00:00.000Z');
    // In winter the same workflow is 15:00Z (UTC+0).
    const winter = await book(ids().room101, '2027-01-20', '2027-01-21');
    const [winterReminder] = (await sendsOf(winter)).filter((s) => s.kind === 'scheduled');
    expect(winterReminder?.due_at.toISOString()).toBe('2027-01-19T15:00:00.000Z');
  });

  it('uses the property check-in time and time zone', async () => {
    await db.admin`update public.property_settings set check_in_time = '16:30' where property_id = ${hotel()}`;
    await db.admin`update public.properties set time_zone = 'America/New_York' where id = ${hotel()}`;
    try {
      // New York is UTC-4 from 2027-03-14 (DST): check-in 16:30 EDT on 04-10 is 20:30Z.
      const bookingId = await book(ids().room102, '2027-04-10', '2027-04-11');
      const [reminder] = (await sendsOf(bookingId)).filter((s) => s.kind === 'scheduled');
      expect(reminder?.due_at.toISOString()).toBe('2027-04-09T20:30:00.000Z');
    } finally {
      await db.admin`update public.property_settings set check_in_time = '15:00' where property_id = ${hotel()}`;
      await db.admin`update public.properties set time_zone = 'Europe/Lisbon' where id = ${hotel()}`;
    }
  });

  it('sends the reminder once, at its instant and not before', async () => {
    const bookingId = await book(ids().room103, '2027-05-10', '2027-05-12');
    const [reminder] = (await sendsOf(bookingId)).filter((s) => s.kind === 'scheduled');
    const due = reminder?.due_at as Date;
    expect(due.toISOString()).toBe('2027-05-09T14:00:00.000Z');
    await send(); // the confirmation (due now); the reminder is not due yet
    await send(new Date(due.getTime() - 1000));
    expect((await sendsOf(bookingId)).find((s) => s.id === reminder?.id)?.status).toBe('scheduled');
    await send(due);
    await send(new Date(due.getTime() + 3_600_000));
    const after = (await sendsOf(bookingId)).find((s) => s.id === reminder?.id);
    expect(after?.status).toBe('sent');
    const mails = await mailsOf(reminder?.id as string);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('See you soon');
  });

  it('moves the pending reminder when the booking moves (same row, new instant)', async () => {
    const bookingId = await book(ids().room104, '2027-06-01', '2027-06-03');
    const [before] = (await sendsOf(bookingId)).filter((s) => s.kind === 'scheduled');
    await asUser(
      db.admin,
      tenant.members.staff,
      (tx) =>
        tx`select public.modify_booking(p_booking_id => ${bookingId}, p_arrival => '2027-06-05', p_departure => '2027-06-07')`,
    );
    const sends = await sendsOf(bookingId);
    const pending = sends.filter((s) => s.kind === 'scheduled');
    expect(pending).toHaveLength(1);
    expect(pending[0]?.id).toBe(before?.id);
    expect(pending[0]?.due_at.toISOString()).toBe('2027-06-04T14:00:00.000Z');
    expect(sends.map((s) => s.trigger)).toContain('booking_modified');
    // Nothing is sent at the old instant; once at the new one.
    await send(new Date('2027-05-31T14:00:00Z'));
    expect(await mailsOf(before?.id as string)).toHaveLength(0);
    await send(new Date('2027-06-04T14:00:00Z'));
    expect(await mailsOf(before?.id as string)).toHaveLength(1);
  });

  it('drops the reminder when the booking is cancelled, and sends the cancellation', async () => {
    const bookingId = await book(ids().room102, '2027-07-01', '2027-07-02');
    await asUser(db.admin, tenant.members.staff, (tx) => tx`select public.cancel_booking(${bookingId})`);
    const sends = await sendsOf(bookingId);
    const reminder = sends.find((s) => s.kind === 'scheduled');
    expect(reminder).toMatchObject({ status: 'cancelled', reason: 'booking_cancelled' });
    await send(new Date('2027-07-01T00:00:00Z'));
    expect(await mailsOf(reminder?.id as string)).toHaveLength(0);
    const cancellation = (await sendsOf(bookingId)).find((s) => s.trigger === 'booking_cancelled');
    expect(cancellation?.status).toBe('sent');
    expect((await mailsOf(cancellation?.id as string))[0]?.subject).toContain('cancelled');
  });

  it('cancels pending reminders when the workflow is paused, and reschedules them when resumed', async () => {
    const bookingId = await book(ids().room103, '2027-08-01', '2027-08-02');
    const set = (active: boolean) =>
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`update public.workflows set active = ${active} where id = ${reminderId}`,
      );
    await set(false);
    expect((await sendsOf(bookingId)).filter((s) => s.kind === 'scheduled').map((s) => s.status)).toEqual([
      'cancelled',
    ]);
    await set(true);
    const statuses = (await sendsOf(bookingId))
      .filter((s) => s.kind === 'scheduled')
      .map((s) => s.status)
      .sort();
    expect(statuses).toEqual(['cancelled', 'scheduled']);
  });

  it('sends once across a worker killed mid-send', async () => {
    const bookingId = await book(ids().room101, '2027-09-01', '2027-09-02');
    const [reminder] = (await sendsOf(bookingId)).filter((s) => s.kind === 'scheduled');
    // Only this reminder is due, so the doomed worker claims it.
    await db.admin`update private.workflow_sends set status = 'cancelled' where status = 'scheduled' and id <> ${reminder?.id as string}`;
    const doomed = connectionPool(db, 1);
    let reachedRender!: () => void;
    const rendering = new Promise<void>((resolve) => {
      reachedRender = resolve;
    });
    // The first worker claims the reminder, queues its mail, then hangs before committing.
    const hanging: RenderBookingMessage = async (tx, input) => {
      const message = await fallbackRenderBookingMessage(tx, input);
      await tx`select private.enqueue_mail(${'ghost@example.test'}, 'never committed', null, 'x')`;
      reachedRender();
      await new Promise(() => {});
      return message;
    };
    const first = sendDueWorkflowMessages(doomed, {
      render: hanging,
      siteUrl: SITE,
      now: reminder?.due_at,
    }).catch((error: unknown) => error);
    await rendering;
    // Another worker meanwhile skips the claimed row.
    await send(reminder?.due_at);
    expect(await mailsOf(reminder?.id as string)).toHaveLength(0);
    // kill -9, as the database sees it: the connection is gone mid-transaction.
    await db.admin`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`;
    await first;
    await doomed.end({ timeout: 1 }).catch(() => {});
    expect(await db.admin`select 1 from private.mail_outbox where subject = 'never committed'`).toHaveLength(0);
    await send(reminder?.due_at);
    await send(reminder?.due_at);
    const mails = await mailsOf(reminder?.id as string);
    expect(mails).toHaveLength(1);
    expect((await sendsOf(bookingId)).find((s) => s.id === reminder?.id)?.status).toBe('sent');
  });
});

describe('consent and unsubscribe', () => {
  let withoutConsent: string;
  beforeAll(async () => {
    await addWorkflow({
      name: 'Thank you',
      trigger: 'after_departure',
      offset_hours: 48,
      template: 'post_stay_thank_you',
    });
    const [guest] = await db.admin`
      insert into public.guests (organization_id, full_name, email)
      values (${tenant.organizationId}, 'No Consent', ${`nc-${tenant.slug}@example.test`}) returning id`;
    withoutConsent = guest?.id as string;
  });

  const thankYou = async (bookingId: string) =>
    (await sendsOf(bookingId)).find((s) => s.kind === 'scheduled' && s.trigger === 'after_departure');

  it('does not send marketing to a guest without consent', async () => {
    const bookingId = await book(ids().room102, '2027-10-01', '2027-10-03', withoutConsent);
    const due = (await thankYou(bookingId))?.due_at as Date;
    // Check-out 11:00 WEST on 10-03 is 10:00Z; 48 hours later.
    expect(due.toISOString()).toBe('2027-10-05T10:00:00.000Z');
    await send(due);
    const after = await thankYou(bookingId);
    expect(after).toMatchObject({ status: 'skipped', reason: 'no_marketing_consent' });
    expect(await mailsOf(after?.id as string)).toHaveLength(0);
  });

  it('sends it with an unsubscribe link that withdraws consent, once', async () => {
    const bookingId = await book(ids().room103, '2027-10-10', '2027-10-11');
    const reminder = await thankYou(bookingId);
    await send(reminder?.due_at);
    const [mail] = await mailsOf(reminder?.id as string);
    const link = mail?.html.match(/href="([^"]*\/unsubscribe\/[^"]+)"/)?.[1] as string;
    expect(link.startsWith(`${SITE}/unsubscribe/`)).toBe(true);
    const token = decodeURIComponent(link.split('/unsubscribe/')[1] as string);
    const [answer] = await asAnon(db.admin, (tx) => tx`select public.unsubscribe_marketing(${token}) as org`);
    expect(answer?.org).toBe(`Org wf`);
    const [guest] = await db.admin`select marketing_consent from public.guests where id = ${ids().guestId}`;
    expect(guest?.marketing_consent).toBe(false);
    const [audit] = await db.admin`
      select count(*)::int as n from public.audit_log where table_name = 'guests' and row_id = ${ids().guestId}
        and action = 'update' and (new_data ->> 'marketing_consent')::boolean = false`;
    expect(audit?.n).toBe(1);
    // The next thank-you is not sent.
    const next = await book(ids().room104, '2027-11-10', '2027-11-11');
    const nextReminder = await thankYou(next);
    await send(nextReminder?.due_at);
    expect((await thankYou(next))?.reason).toBe('no_marketing_consent');
    // A second click is harmless.
    await asAnon(db.admin, (tx) => tx`select public.unsubscribe_marketing(${token})`);
  });

  it('refuses a forged or malformed token', async () => {
    const forged = `${ids().otherGuestId}.${'0'.repeat(32)}`;
    for (const token of [forged, 'nonsense', '']) {
      const error = await pgError(asAnon(db.admin, (tx) => tx`select public.unsubscribe_marketing(${token})`));
      expect(error).toMatchObject({ code: '22023', message: 'invalid_token' });
    }
  });
});

describe('test-send and the log', () => {
  it('sends the workflow to the manager, with the latest booking', async () => {
    const [workflow] = await db.admin`
      select id from public.workflows where property_id = ${hotel()} and template = 'booking_confirmation'`;
    const [row] = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`select public.request_workflow_test_send(${workflow?.id}) as id`,
    );
    await send();
    const mails = await mailsOf(row?.id as string);
    expect(mails.map((m) => m.recipient)).toEqual([tenant.members.manager.email]);
    const log = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`select * from public.workflow_send_log(${hotel()}) where id = ${row?.id}`,
    );
    expect(log[0]).toMatchObject({ kind: 'test', status: 'sent', recipient: tenant.members.manager.email });
  });

  it('is for managers: staff get insufficient_role, another organization not found', async () => {
    const [workflow] = await db.admin`select id from public.workflows where property_id = ${hotel()} limit 1`;
    const staff = await pgError(
      asUser(db.admin, tenant.members.staff, (tx) => tx`select public.request_workflow_test_send(${workflow?.id})`),
    );
    expect(staff.message).toBe('insufficient_role');
    const staffLog = await pgError(
      asUser(db.admin, tenant.members.staff, (tx) => tx`select * from public.workflow_send_log(${hotel()})`),
    );
    expect(staffLog.message).toBe('insufficient_role');
    const stranger = await createTenant(db.admin, 'wf-other');
    const foreign = await pgError(
      asUser(db.admin, stranger.members.owner, (tx) => tx`select public.request_workflow_test_send(${workflow?.id})`),
    );
    expect(foreign.message).toBe('workflow_not_found');
    const seen = await asUser(
      db.admin,
      stranger.members.owner,
      (tx) => tx`select id from public.workflows where property_id = ${hotel()}`,
    );
    expect(seen).toHaveLength(0);
    const staffSeen = await asUser(db.admin, tenant.members.staff, (tx) => tx`select id from public.workflows`);
    expect(staffSeen).toHaveLength(0);
  });

  it('refuses a workflow that does not make sense with stable constraint names', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { name: 'x', trigger: 'before_arrival', offset_hours: 0, template: 'pre_arrival_reminder' },
        'workflows_offset_range',
      ],
      [
        { name: 'x', trigger: 'booking_created', offset_hours: 3, template: 'booking_confirmation' },
        'workflows_offset_range',
      ],
      [
        { name: 'x', trigger: 'booking_created', action: 'email_address', template: 'booking_confirmation' },
        'workflows_recipient_email',
      ],
      [
        {
          name: 'x',
          trigger: 'booking_created',
          action: 'webhook',
          template: 'booking_confirmation',
        },
        'workflows_webhook_endpoint',
      ],
      [{ name: 'x', trigger: 'booking_created', template: 'nope' }, 'workflows_template_known'],
      [{ name: ' ', trigger: 'booking_created', template: 'booking_confirmation' }, 'workflows_name_length'],
    ];
    for (const [values, constraint] of cases) {
      const error = await pgError(addWorkflow(values));
      expect(`${error.code} ${(error as { constraint_name?: string }).constraint_name}`).toBe(`23514 ${constraint}`);
    }
  });
});

describe('webhook action', () => {
  it('queues a delivery to the organization endpoint in the webhooks outbox, once', async () => {
    const [endpoint] = await asUser(
      db.admin,
      tenant.members.admin,
      (tx) => tx`select endpoint_id from public.create_webhook_endpoint(${tenant.organizationId},
        'https://hooks.example.com/roost', 'Workflow target', ${['guest.created']})`,
    );
    const endpointId = endpoint?.endpoint_id as string;
    await addWorkflow({
      name: 'Tell the CRM',
      trigger: 'booking_created',
      action: 'webhook',
      webhook_endpoint_id: endpointId,
      template: 'booking_confirmation',
    });
    const bookingId = await book(ids().room102, '2027-12-01', '2027-12-02');
    await send();
    await send();
    const hook = (await sendsOf(bookingId)).find((s) => s.trigger === 'booking_created' && s.mail_ids.length === 0);
    expect(hook?.status).toBe('sent');
    const deliveries = await db.admin`
      select e.type, e.payload -> 'data' ->> 'id' as booking, e.payload -> 'data' -> 'workflow' ->> 'trigger' as trigger
      from private.webhook_deliveries d join private.webhook_events e on e.id = d.event_id
      where d.endpoint_id = ${endpointId}`;
    expect(deliveries).toEqual([{ type: 'booking.created', booking: bookingId, trigger: 'booking_created' }]);
  });

  it('refuses an endpoint of another organization', async () => {
    const stranger = await createTenant(db.admin, 'wf-hooks');
    const [endpoint] = await asUser(
      db.admin,
      stranger.members.admin,
      (tx) => tx`select endpoint_id from public.create_webhook_endpoint(${stranger.organizationId},
        'https://hooks.example.com/other', null, ${['guest.created']})`,
    );
    const error = await pgError(
      addWorkflow({
        name: 'Borrowed',
        trigger: 'booking_created',
        action: 'webhook',
        webhook_endpoint_id: endpoint?.endpoint_id,
        template: 'booking_confirmation',
      }),
    );
    expect(error).toMatchObject({ code: 'PT404', message: 'webhook_endpoint_not_found' });
  });
});

describe('other triggers and actions', () => {
  it('emails an address when a booking is marked no-show', async () => {
    await addWorkflow({
      name: 'Tell the desk',
      trigger: 'booking_no_show',
      action: 'email_address',
      recipient_email: 'desk@hotel.example.test',
      template: 'booking_cancelled',
    });
    await asUser(db.admin, tenant.members.staff, (tx) => tx`select public.mark_no_show(${ids().arrivingBookingId})`);
    await send();
    const noShow = (await sendsOf(ids().arrivingBookingId)).find((s) => s.trigger === 'booking_no_show');
    expect(noShow?.status).toBe('sent');
    expect((await mailsOf(noShow?.id as string)).map((m) => m.recipient)).toEqual(['desk@hotel.example.test']);
  });

  it('emails the property staff when an order is ready', async () => {
    const catalogue = tenant.extra.catalogue as Record<string, string>;
    const propertyId = catalogue.propertyId as string;
    await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`
        insert into public.workflows (organization_id, property_id, name, trigger, action, template)
        values (${tenant.organizationId}, ${propertyId}, 'Kitchen done', 'order_ready', 'email_staff', 'order_ready')`,
    );
    const orderId = catalogue.submittedOrderId as string;
    for (const status of ['preparing', 'ready']) {
      await asUser(
        db.admin,
        tenant.members.staff,
        (tx) => tx`select public.advance_order_status(${orderId}, ${status})`,
      );
    }
    await send();
    const [ready] = await db.admin<{ id: string; status: string; reason: string | null }[]>`
      select id, status, reason from private.workflow_sends where order_id = ${orderId} and trigger = 'order_ready'`;
    expect(ready?.status).toBe('sent');
    const recipients = (await mailsOf(ready?.id as string)).map((m) => m.recipient).sort();
    // Staff and up who work in that property (the restricted staff member works in the hotel only).
    const expected = (['owner', 'admin', 'manager', 'staff'] as const).map((role) => tenant.members[role].email).sort();
    expect(recipients).toEqual(expected);
  });
});
