// The life of a booking: the status flow enforced by the database (every invalid transition
// refused with invalid_transition, by the RPCs and by a direct update alike), holds that expire
// and then block nobody before any cleanup, idempotent creation, cancellation fees under the
// property's policy, and who may read and change bookings.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inRolledBackTransaction } from '../local/testing/rolled-back.ts';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

const STATUSES = ['held', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show'] as const;
type Status = (typeof STATUSES)[number];
const VALID: Record<Status, Status[]> = {
  held: ['confirmed', 'cancelled'],
  confirmed: ['checked_in', 'cancelled', 'no_show'],
  checked_in: ['checked_out'],
  checked_out: [],
  cancelled: [],
  no_show: [],
};

let tenant: Tenant;
let other: Tenant;
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'life');
  other = await createTenant(db.admin, 'life-other');
});

const staff = () => tenant.members.staff;

async function book(
  user: TestUser,
  room: string,
  fromDay: number,
  nights: number,
  options: { confirm?: boolean; key?: string; party?: number } = {},
): Promise<Record<string, unknown>> {
  const [row] = await asUser(
    db.admin,
    user,
    (tx) => tx`
      select * from public.create_booking(
        p_resource_id => ${room}, p_guest_id => ${ids().guestId},
        p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int, p_departure => (now() at time zone 'Europe/Lisbon')::date + ${fromDay + nights}::int,
        p_party_size => ${options.party ?? 2}, p_confirm => ${options.confirm ?? false},
        p_idempotency_key => ${options.key ?? null})`,
  );
  return row as Record<string, unknown>;
}

const call = (user: TestUser, rpc: string, bookingId: string) =>
  asUser(db.admin, user, (tx) => tx.unsafe(`select * from public.${rpc}($1)`, [bookingId]));

const codeOf = async (promise: Promise<unknown>) => {
  const error = await pgError(promise);
  return { code: error.code, message: error.message };
};

describe('status flow', () => {
  it('refuses every invalid transition on a direct update, and allows every valid one', async () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (from === to) continue;
        await inRolledBackTransaction(db.admin, async (tx) => {
          // A booking in status `from`, far from the fixture's dates.
          const [created] = await tx`
            insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
              arrival_date, departure_date, party_size, total_minor, price_breakdown, hold_expires_at,
              cancelled_at, cancellation_fee_minor)
            select organization_id, property_id, ${ids().room104}, ${from}::public.booking_status,
              tstzrange('2031-05-01 14:00Z', '2031-05-02 10:00Z'), tstzrange('2031-05-01 14:00Z', '2031-05-02 10:00Z'),
              '2031-05-01', '2031-05-02', 2, 0, '{}', now() + interval '1 hour',
              case when ${from} = 'cancelled' then now() end, case when ${from} = 'cancelled' then 0 end
            from public.bookings where id = ${ids().confirmedBookingId}
            returning id`;
          const update = tx.savepoint(
            (sp) => sp`
              update public.bookings set status = ${to}::public.booking_status,
                cancelled_at = case when ${to} = 'cancelled' then now() end,
                cancellation_fee_minor = case when ${to} = 'cancelled' then 0 end
              where id = ${created?.id}`,
          );
          if (VALID[from].includes(to)) {
            await expect(update, `${from} → ${to} is allowed`).resolves.toBeDefined();
          } else {
            expect(await codeOf(update), `${from} → ${to} is refused`).toEqual({
              code: 'P0001',
              message: 'invalid_transition',
            });
          }
        });
      }
    }
  });

  it('refuses the RPCs that do not fit the current status with invalid_transition', async () => {
    const RPC_TARGET: Record<string, Status> = {
      confirm_booking: 'confirmed',
      check_in_booking: 'checked_in',
      check_out_booking: 'checked_out',
      cancel_booking: 'cancelled',
      mark_no_show: 'no_show',
    };
    // One booking arriving today walks the whole happy path; at each step, every RPC that does
    // not lead to a valid next status is refused.
    const created = await book(staff(), ids().room104, 0, 1);
    const id = created.id as string;
    const path: [string, Status][] = [
      ['confirm_booking', 'confirmed'],
      ['check_in_booking', 'checked_in'],
      ['check_out_booking', 'checked_out'],
    ];
    let status: Status = 'held';
    for (const [next, nextStatus] of [...path, ['', 'checked_out'] as [string, Status]]) {
      for (const [rpc, target] of Object.entries(RPC_TARGET)) {
        if (VALID[status].includes(target)) continue;
        expect(await codeOf(call(staff(), rpc, id)), `${rpc} on a ${status} booking`).toEqual({
          code: 'P0001',
          message: 'invalid_transition',
        });
      }
      if (!next) break;
      const [row] = await call(staff(), next, id);
      expect(row?.status, `${next} moves the booking on`).toBe(nextStatus);
      status = nextStatus;
    }
  });

  it('marks a confirmed booking arriving today as a no-show, and not one arriving later', async () => {
    const [noShow] = await call(staff(), 'mark_no_show', ids().arrivingBookingId);
    expect(noShow?.status, 'a no-show on the arrival date').toBe('no_show');
    expect(await codeOf(call(staff(), 'mark_no_show', ids().confirmedBookingId)), 'too early for a no-show').toEqual({
      code: 'P0001',
      message: 'too_early',
    });
    expect(await codeOf(call(staff(), 'check_in_booking', ids().confirmedBookingId)), 'too early to check in').toEqual({
      code: 'P0001',
      message: 'too_early',
    });
  });
});

describe('holds', () => {
  it('lets an expired hold block nobody, before any cleanup, and refuses to confirm it', async () => {
    const room = ids().room104;
    const hold = await book(staff(), room, 50, 2);
    expect(hold.status, 'a hold').toBe('held');
    expect(new Date(hold.hold_expires_at as string).getTime(), 'it expires in the future').toBeGreaterThan(Date.now());
    expect(await codeOf(book(staff(), room, 50, 2)), 'an unexpired hold blocks the same stay').toEqual({
      code: 'P0001',
      message: 'not_available',
    });
    const search = () =>
      asUser(
        db.admin,
        tenant.members.viewer,
        (tx) => tx`
          select resource_ids from public.search_availability(${tenant.propertyIds[0]}, (now() at time zone 'Europe/Lisbon')::date + 50, (now() at time zone 'Europe/Lisbon')::date + 52, 2)`,
      );
    const before = (await search()).flatMap((r) => r.resource_ids as string[]);
    expect(before, 'availability leaves out a held room').not.toContain(room);

    await db.admin`update public.bookings set hold_expires_at = now() - interval '1 second' where id = ${hold.id as string}`;
    const after = (await search()).flatMap((r) => r.resource_ids as string[]);
    expect(after, 'availability counts an expired hold as free').toContain(room);
    expect(
      await codeOf(call(staff(), 'confirm_booking', hold.id as string)),
      'an expired hold is not confirmed',
    ).toEqual({
      code: 'P0001',
      message: 'hold_expired',
    });

    const replacement = await book(tenant.members.manager, room, 51, 2, { confirm: true });
    expect(replacement.status, 'the stay is booked over the expired hold').toBe('confirmed');
    const [old] =
      await db.admin`select status, cancellation_reason from public.bookings where id = ${hold.id as string}`;
    expect(old, 'the expired hold was cancelled in the same transaction').toEqual({
      status: 'cancelled',
      cancellation_reason: 'hold_expired',
    });
    await call(staff(), 'cancel_booking', replacement.id as string);
  });
});

describe('idempotency', () => {
  it('returns the same booking for a retry with the same key, and refuses the key for another request', async () => {
    const key = `retry-${randomUUID()}`;
    const first = await book(staff(), ids().room104, 70, 1, { key });
    const again = await book(staff(), ids().room104, 70, 1, { key });
    expect(again.id, 'the retry returns the first booking').toBe(first.id);
    expect(again.reference, 'with the same reference').toBe(first.reference);
    expect(first.reference, 'an 8-character reference from the unambiguous alphabet').toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(await codeOf(book(staff(), ids().room104, 72, 1, { key })), 'the key names another stay').toEqual({
      code: '23505',
      message: 'idempotency_key_reused',
    });
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => book(staff(), ids().room104, 74, 1, { key: `${key}-concurrent` })),
    );
    expect(new Set(concurrent.map((b) => b.id)).size, 'concurrent retries all get one booking').toBe(1);
  });
});

describe('cancellation', () => {
  it('is free for a hold and before the free period ends, and charges the first night after it', async () => {
    // Free period 48 hours, fee 'first_night' (fixture settings: the column defaults).
    const hold = await book(staff(), ids().room104, 80, 2);
    const [cancelledHold] = await call(staff(), 'cancel_booking', hold.id as string);
    expect(cancelledHold?.cancellation_fee_minor, 'a hold is cancelled free').toBe('0');

    const early = await book(staff(), ids().room104, 80, 2, { confirm: true });
    const [cancelledEarly] = await call(staff(), 'cancel_booking', early.id as string);
    expect(cancelledEarly?.cancellation_fee_minor, '80 days ahead: free').toBe('0');

    const late = await book(staff(), ids().room104, 1, 2, { confirm: true });
    const firstNight = (late.price_breakdown as { lines: { amount_minor: number }[] }).lines[0]?.amount_minor;
    const [cancelledLate] = await call(staff(), 'cancel_booking', late.id as string);
    expect(Number(cancelledLate?.cancellation_fee_minor), 'tomorrow: the first night (rate + extras)').toBe(firstNight);
    expect(cancelledLate?.cancelled_at, 'the time of cancellation is recorded').not.toBeNull();
  });

  it('charges a percentage of the total when the policy says so, rounded half up', async () => {
    await db.admin`
      update public.property_settings set cancellation_fee_kind = 'percentage', cancellation_fee_bps = 3333
      where property_id = ${tenant.propertyIds[0]}`;
    const late = await book(staff(), ids().room104, 1, 1, { confirm: true, party: 1 });
    const total = Number(late.total_minor);
    const [cancelled] = await call(staff(), 'cancel_booking', late.id as string);
    // round(total × 3333 / 10000), half up.
    expect(Number(cancelled?.cancellation_fee_minor), `33.33 % of ${total}`).toBe(Math.round((total * 3333) / 10000));
    await db.admin`
      update public.property_settings set cancellation_fee_kind = 'first_night', cancellation_fee_bps = 10000
      where property_id = ${tenant.propertyIds[0]}`;
  });
});

describe('access', () => {
  const visible = async (user: TestUser) => {
    const [row] = await asUser(db.admin, user, (tx) => tx`select count(*)::int as n from public.bookings`);
    return row?.n as number;
  };

  it('shows viewers the bookings but lets them change none', async () => {
    expect(await visible(tenant.members.viewer), 'a viewer reads bookings').toBeGreaterThan(0);
    expect(await codeOf(book(tenant.members.viewer, ids().room104, 90, 1)), 'a viewer cannot book').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    expect(await codeOf(call(tenant.members.viewer, 'cancel_booking', ids().heldBookingId)), 'nor cancel').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    const error = await pgError(
      asUser(db.admin, tenant.members.viewer, (tx) => tx`update public.bookings set party_size = 1`),
    );
    expect(error.code, 'nor update bookings directly').toBe('42501');
  });

  it("limits restricted staff to their properties' bookings and resources", async () => {
    const restricted = tenant.restrictedStaff;
    const [seen] = await asUser(
      db.admin,
      restricted,
      (tx) => tx`select count(*) filter (where property_id <> ${tenant.propertyIds[0]})::int as elsewhere,
        count(*)::int as n from public.bookings`,
    );
    expect(seen, "restricted staff see only the hotel's bookings").toMatchObject({ elsewhere: 0 });
    expect(
      await codeOf(
        asUser(
          db.admin,
          restricted,
          (tx) =>
            tx`select * from public.create_booking(${ids().tableId}, null, (now() at time zone 'Europe/Lisbon')::date + 3, null, 2, '19:00', 90)`,
        ),
      ),
      'a table of the restaurant is not theirs to book',
    ).toEqual({ code: 'PT404', message: 'resource_not_found' });
    const booked = await book(restricted, ids().room104, 95, 1);
    expect(booked.status, 'a room of their hotel is').toBe('held');
  });

  it('shows another organization nothing and lets it touch nothing', async () => {
    const outsider = other.members.owner;
    const [row] = await asUser(
      db.admin,
      outsider,
      (tx) => tx`select count(*)::int as n from public.bookings where organization_id = ${tenant.organizationId}`,
    );
    expect(row?.n, "another organization's owner sees none of the bookings").toBe(0);
    expect(await codeOf(call(outsider, 'cancel_booking', ids().confirmedBookingId)), 'nor cancels one').toEqual({
      code: 'PT404',
      message: 'booking_not_found',
    });
    expect(await codeOf(book(outsider, ids().room104, 96, 1)), 'nor books a room').toEqual({
      code: 'PT404',
      message: 'resource_not_found',
    });
  });
});
