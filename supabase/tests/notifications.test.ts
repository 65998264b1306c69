// In-app notifications (decision 031): created by the booking, order and job triggers for the
// property's staff (never the one who made the change), each user reads and marks only their
// own, preferences choose in-app and email per event.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'nt');
  other = await createTenant(db.admin, 'nt-other');
  // The fixtures' own bookings told everyone; start from a clean slate.
  await db.admin`delete from public.notifications`;
});

const mine = (user: TestUser) =>
  asUser(
    db.admin,
    user,
    (tx) => tx<{ id: string; event: string; title: string; link: string; read_at: Date | null }[]>`
    select id, event::text, title, link, read_at from public.notifications order by created_at desc`,
  );

async function book(arrival: string, user = tenant.members.manager): Promise<{ id: string; reference: string }> {
  const [row] = await asUser(
    db.admin,
    user,
    (tx) => tx`
      select id, reference from public.create_booking(p_resource_id => ${ids().room104}, p_guest_id => ${ids().guestId},
        p_arrival => ${arrival}::date, p_departure => (${arrival}::date + 1), p_party_size => 2, p_confirm => true)`,
  );
  return row as { id: string; reference: string };
}

describe('notifications', () => {
  it('tells the property staff of a new booking, not its author, and nobody outside', async () => {
    const booking = await book('2027-02-01');
    for (const role of ['owner', 'admin', 'staff'] as const) {
      const rows = await mine(tenant.members[role]);
      expect(rows[0], role).toMatchObject({ event: 'booking_created', title: `New booking ${booking.reference}` });
      expect(rows[0]?.link).toBe(`/o/${tenant.slug}/p/${tenant.propertyIds[0]}/bookings/${booking.id}`);
    }
    // The restricted staff member works in the hotel: told. The author and the viewer: not.
    expect((await mine(tenant.restrictedStaff))[0]?.title).toBe(`New booking ${booking.reference}`);
    expect(await mine(tenant.members.manager)).toHaveLength(0);
    expect(await mine(tenant.members.viewer)).toHaveLength(0);
    for (const role of ['owner', 'staff'] as const) expect(await mine(other.members[role])).toHaveLength(0);
  });

  it('lets a user read only their own rows, even by id', async () => {
    const [ownerRow] = await mine(tenant.members.owner);
    const seen = await asUser(
      db.admin,
      tenant.members.admin,
      (tx) => tx`
      select id from public.notifications where id = ${ownerRow?.id as string}`,
    );
    expect(seen).toHaveLength(0);
    const foreign = await asUser(db.admin, other.members.owner, (tx) => tx`select id from public.notifications`);
    expect(foreign).toHaveLength(0);
    // Nobody writes them directly.
    const insert = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`
        insert into public.notifications (user_id, event, title) values (${tenant.members.owner.id}, 'booking_created', 'x')`,
      ),
    );
    expect(insert.code).toBe('42501');
  });

  it('marks read one by one or all at once, only the caller rows', async () => {
    await book('2027-02-05');
    const before = await mine(tenant.members.owner);
    expect(before.filter((n) => !n.read_at)).toHaveLength(2);
    const [one] = await asUser(
      db.admin,
      tenant.members.owner,
      (tx) => tx`
      select public.mark_notifications_read(${[before[0]?.id as string]}) as n`,
    );
    expect(one?.n).toBe(1);
    // Another user cannot mark the owner's rows.
    const [none] = await asUser(
      db.admin,
      tenant.members.admin,
      (tx) => tx`
      select public.mark_notifications_read(${[before[1]?.id as string]}) as n`,
    );
    expect(none?.n).toBe(0);
    const [rest] = await asUser(
      db.admin,
      tenant.members.owner,
      (tx) => tx`select public.mark_notifications_read() as n`,
    );
    expect(rest?.n).toBe(1);
    expect((await mine(tenant.members.owner)).every((n) => n.read_at)).toBe(true);
    expect((await mine(tenant.members.admin)).filter((n) => !n.read_at)).toHaveLength(2);
  });

  it('follows preferences: in-app off, email on', async () => {
    const staff = tenant.members.staff;
    await asUser(
      db.admin,
      staff,
      (tx) => tx`
      insert into public.notification_preferences (user_id, event, in_app, email)
      values (${staff.id}, 'booking_cancelled', false, true)`,
    );
    const booking = await book('2027-02-10');
    await asUser(db.admin, tenant.members.manager, (tx) => tx`select public.cancel_booking(${booking.id})`);
    const rows = await mine(staff);
    expect(rows.map((r) => r.event)).not.toContain('booking_cancelled');
    expect((await mine(tenant.members.owner))[0]?.event).toBe('booking_cancelled');
    const mails = await db.admin`
      select subject from private.mail_outbox where recipient = ${staff.email} and template = 'notification'`;
    expect(mails.map((m) => m.subject)).toEqual([`Booking ${booking.reference} cancelled`]);
    // Preferences are private too.
    const peek = await asUser(
      db.admin,
      tenant.members.owner,
      (tx) => tx`select * from public.notification_preferences`,
    );
    expect(peek).toHaveLength(0);
    const forged = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`
        insert into public.notification_preferences (user_id, event) values (${staff.id}, 'order_ready')`,
      ),
    );
    expect(forged.code).toBe('42501');
  });

  it('tells of a no-show, and the creator of a job when it finishes', async () => {
    const [arriving] = await db.admin`select reference from public.bookings where id = ${ids().arrivingBookingId}`;
    await asUser(db.admin, tenant.members.staff, (tx) => tx`select public.mark_no_show(${ids().arrivingBookingId})`);
    expect((await mine(tenant.members.owner))[0]?.title).toBe(`Booking ${arriving?.reference} marked no-show`);
    const [job] = await db.admin`select id from public.jobs where organization_id = ${tenant.organizationId} limit 1`;
    await db.admin`
      update public.jobs set created_by = ${tenant.members.manager.id}, status = 'running', finished_at = null, result = null, progress = 50
      where id = ${job?.id as string}`;
    await db.admin`update public.jobs set status = 'succeeded', finished_at = now(), progress = 100, result = '{}' where id = ${job?.id as string}`;
    expect((await mine(tenant.members.manager))[0]?.event).toBe('job_finished');
  });

  it('refuses bad ids to mark read', async () => {
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`select public.mark_notifications_read(${[null] as unknown as string[]}::uuid[])`,
      ),
    );
    expect(error).toMatchObject({ code: '22023', message: 'invalid_notification_ids' });
  });
});
