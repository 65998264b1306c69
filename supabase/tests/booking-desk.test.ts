// The front desk's helpers (migration 20261206140100): cancellation_fee shows the fee
// cancel_booking then records, under each policy; set_booking_guest names the guest of a hold
// for staff of its property only, and only of an organization's own guest.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;
const staff = () => tenant.members.staff;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'desk');
  other = await createTenant(db.admin, 'desk-other');
});

async function book(fromDay: number, nights: number, confirm: boolean): Promise<Record<string, unknown>> {
  const [row] = await asUser(
    db.admin,
    staff(),
    (tx) => tx`
      select * from public.create_booking(
        p_resource_id => ${ids().room104}, p_guest_id => null,
        p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int,
        p_departure => (now() at time zone 'Europe/Lisbon')::date + ${fromDay + nights}::int,
        p_party_size => 2, p_confirm => ${confirm})`,
  );
  return row as Record<string, unknown>;
}

const feeOf = async (user: TestUser, bookingId: string) => {
  const [row] = await asUser(db.admin, user, (tx) => tx`select public.cancellation_fee(${bookingId}) as fee`);
  return row?.fee === null ? null : Number(row?.fee);
};

const cancel = async (bookingId: string) => {
  const [row] = await asUser(db.admin, staff(), (tx) => tx`select * from public.cancel_booking(${bookingId})`);
  return Number(row?.cancellation_fee_minor);
};

describe('cancellation_fee', () => {
  it('equals what cancel_booking records: free holds and early cancellations, then the policy', async () => {
    const hold = await book(90, 2, false);
    expect(await feeOf(staff(), hold.id as string), 'a hold').toBe(0);
    expect(await cancel(hold.id as string)).toBe(0);

    const early = await book(90, 2, true);
    expect(await feeOf(staff(), early.id as string), 'far ahead').toBe(0);
    expect(await cancel(early.id as string)).toBe(0);

    const late = await book(1, 2, true);
    const shown = await feeOf(staff(), late.id as string);
    expect(shown, 'the first night').toBeGreaterThan(0);
    expect(await cancel(late.id as string), 'first night, as shown').toBe(shown);

    await db.admin`
      update public.property_settings set cancellation_fee_kind = 'percentage', cancellation_fee_bps = 3333
      where property_id = ${tenant.propertyIds[0]}`;
    const percent = await book(1, 3, true);
    const shownPercent = await feeOf(staff(), percent.id as string);
    expect(shownPercent).toBe(Math.round((Number(percent.total_minor) * 3333) / 10000));
    expect(await cancel(percent.id as string), 'percentage, as shown').toBe(shownPercent);
    await db.admin`
      update public.property_settings set cancellation_fee_kind = 'first_night', cancellation_fee_bps = 10000
      where property_id = ${tenant.propertyIds[0]}`;
  });

  it('refuses a booking the caller cannot read as not found', async () => {
    const error = await pgError(feeOf(other.members.staff, ids().confirmedBookingId));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'PT404', message: 'booking_not_found' });
  });
});

describe('set_booking_guest', () => {
  it('names the guest of a hold, for staff of the property and guests of the organization only', async () => {
    const hold = await book(95, 1, false);
    const [named] = await asUser(
      db.admin,
      staff(),
      (tx) => tx`select * from public.set_booking_guest(${hold.id as string}, ${ids().otherGuestId})`,
    );
    expect(named?.guest_id).toBe(ids().otherGuestId);

    const otherGuest = (other.extra.bookings as unknown as BookingsFixtureIds).guestId;
    const foreign = await pgError(
      asUser(
        db.admin,
        staff(),
        (tx) => tx`select * from public.set_booking_guest(${hold.id as string}, ${otherGuest})`,
      ),
    );
    expect(foreign.message, "another organization's guest").toBe('guest_not_found');

    const viewer = await pgError(
      asUser(
        db.admin,
        tenant.members.viewer,
        (tx) => tx`select * from public.set_booking_guest(${hold.id as string}, ${ids().guestId})`,
      ),
    );
    expect(viewer.message, 'a viewer').toBe('insufficient_role');

    const outsider = await pgError(
      asUser(
        db.admin,
        other.members.staff,
        (tx) => tx`select * from public.set_booking_guest(${hold.id as string}, ${ids().guestId})`,
      ),
    );
    expect(outsider.message, 'staff of another organization').toBe('booking_not_found');

    await cancel(hold.id as string);
    const cancelled = await pgError(
      asUser(
        db.admin,
        staff(),
        (tx) => tx`select * from public.set_booking_guest(${hold.id as string}, ${ids().guestId})`,
      ),
    );
    expect(cancelled.message, 'a cancelled booking').toBe('not_modifiable');
  });
});
