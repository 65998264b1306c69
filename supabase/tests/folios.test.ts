// Folios: room charges per night that add up to the booking's price, orders charged once,
// payments and refunds, the zero-balance rule at check-out, tabs, and loyalty points that are
// earned on settlement and never overdrawn, whatever the concurrency.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asServiceRole, asUser, connectionPool, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { catalogueOf } from './support/orders.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let staff: TestUser;
let manager: TestUser;

const bookingsOf = (t: Tenant) => t.extra.bookings as unknown as BookingsFixtureIds;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'folio');
  staff = tenant.members.staff;
  manager = tenant.members.manager;
});

async function folioOf(bookingId: string) {
  const [folio] = await asUser(db.admin, staff, (tx) => tx`select * from public.open_booking_folio(${bookingId})`);
  if (!folio) throw new Error('no folio');
  return folio as { id: string; balance_minor: string; charges_minor: string; status: string };
}

async function entriesOf(folioId: string) {
  return db.admin<{ kind: string; amount_minor: string; tax_minor: string; night: Date | null }[]>`
    select kind::text, amount_minor, tax_minor, night from public.folio_entries where folio_id = ${folioId} order by created_at, night`;
}

const pay = (user: TestUser, folioId: string, amount: number, method = 'card') =>
  asUser(db.admin, user, (tx) => tx`select * from public.record_payment(${folioId}, ${amount}, ${method})`);

/** A checked-in stay of three guests in a room, from local today + `fromDay`, priced by the fixture's plan. */
async function checkedInStay(
  room: 'room102' | 'room103' | 'room104',
  fromDay: number,
  nights: number,
): Promise<string> {
  const b = bookingsOf(tenant);
  const [row] = await db.admin`
    with p as (
      select p.time_zone as tz, (now() at time zone p.time_zone)::date + ${fromDay}::int as arrival
      from public.properties p where p.id = ${tenant.propertyIds[0]}
    ), q as (
      select private.quote(rp, 'room', 'night',
        array(select d::date from generate_series(p.arrival, p.arrival + ${nights}::int - 1, interval '1 day') d), 3) as quote
      from public.rate_plans rp, p where rp.id = ${b.ratePlanId}
    )
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, rate_plan_id, status, period,
      blocked_period, arrival_date, departure_date, party_size, total_minor, price_breakdown, source, confirmed_at, checked_in_at)
    select ${tenant.organizationId}, ${tenant.propertyIds[0]}, ${b[room]}, ${b.guestId}, ${b.ratePlanId}, 'checked_in',
      tstzrange((p.arrival + time '15:00') at time zone p.tz, (p.arrival + ${nights}::int + time '11:00') at time zone p.tz),
      tstzrange((p.arrival + time '15:00') at time zone p.tz, (p.arrival + ${nights}::int + time '11:00') at time zone p.tz),
      p.arrival, p.arrival + ${nights}::int, 3, (q.quote ->> 'total_minor')::bigint, q.quote, 'staff', now(), now()
    from p, q
    returning id`;
  return row?.id as string;
}

describe('folios', () => {
  it("posts each night stayed once, and a full stay adds up to the booking's total", async () => {
    // Arrived two days ago for two nights (three guests: one extra), leaving today, in room 103.
    await db.admin`update public.bookings set status = 'cancelled', cancelled_at = now(), cancellation_fee_minor = 0
      where id = ${bookingsOf(tenant).arrivingBookingId}`;
    const bookingId = await checkedInStay('room103', -2, 2);
    const folio = await folioOf(bookingId);
    await folioOf(bookingId);
    const [booking] = await db.admin`select total_minor from public.bookings where id = ${bookingId}`;
    const [sums] = await db.admin`
      select sum(amount_minor)::bigint as charged, count(*)::int as nights from public.folio_entries
      where folio_id = ${folio.id} and kind = 'room_charge'`;
    expect(sums, 'both nights posted once, summing to the booking total').toEqual({
      charged: booking?.total_minor,
      nights: 2,
    });
    const checkout = await pgError(
      asUser(db.admin, staff, (tx) => tx`select * from public.check_out_booking(${bookingId})`),
    );
    expect(checkout, 'an unpaid stay cannot check out').toMatchObject({
      code: 'P0001',
      message: 'balance_outstanding',
    });
  });

  it('charges an early departure the nights stayed', async () => {
    const stay = await checkedInStay('room102', -1, 3);
    const folio = await folioOf(stay);
    const entries = await entriesOf(folio.id);
    expect(
      entries.map((e) => e.kind),
      'one night stayed so far',
    ).toEqual(['room_charge']);
    const [due] = await db.admin`select balance_minor from public.folios where id = ${folio.id}`;
    await pay(staff, folio.id, Number(due?.balance_minor));
    const [out] = await asUser(db.admin, staff, (tx) => tx`select status::text from public.check_out_booking(${stay})`);
    expect(out?.status, 'leaves early, paid for the night stayed').toBe('checked_out');
  });

  it('checks out once the balance is zero, or with a manager override', async () => {
    const stay = bookingsOf(tenant).checkedInBookingId;
    const folio = await folioOf(stay);
    const staffOverride = await pgError(
      asUser(
        db.admin,
        staff,
        (tx) => tx`select * from public.check_out_booking(${stay}, 'Guest will pay by transfer')`,
      ),
    );
    expect(staffOverride, 'staff cannot override').toMatchObject({ message: 'balance_outstanding' });
    // The fixture holds a 10000 night (yesterday) and a 5000 payment.
    const [state] = await db.admin`select balance_minor from public.folios where id = ${folio.id}`;
    await pay(staff, folio.id, Number(state?.balance_minor));
    const [out] = await asUser(db.admin, staff, (tx) => tx`select status::text from public.check_out_booking(${stay})`);
    expect(out?.status, 'checked out with a zero balance').toBe('checked_out');

    const other = await checkedInStay('room104', -1, 1);
    const [overridden] = await asUser(
      db.admin,
      manager,
      (tx) => tx`select status::text, checkout_override_reason from public.check_out_booking(${other}, 'Company pays')`,
    );
    expect(overridden, 'a manager may override with a reason').toEqual({
      status: 'checked_out',
      checkout_override_reason: 'Company pays',
    });
  });

  it('charges a served order to a tab once, then settles the tab', async () => {
    const c = catalogueOf(tenant);
    const [tab] = await asUser(
      db.admin,
      staff,
      (tx) => tx`select * from public.open_tab(${tenant.propertyIds[1]}, 'T9')`,
    );
    const [order] = await db.admin`select total_minor from public.orders where id = ${c.servedOrderId}`;
    const [entry] = await asUser(
      db.admin,
      staff,
      (tx) => tx`select * from public.charge_order_to_folio(${c.servedOrderId}, ${tab?.id})`,
    );
    expect(entry?.amount_minor, "the entry is the order's total").toBe(order?.total_minor);
    const twice = await pgError(
      asUser(db.admin, staff, (tx) => tx`select * from public.charge_order_to_folio(${c.servedOrderId}, ${tab?.id})`),
    );
    expect(twice, 'an order is charged once').toMatchObject({ code: '23505', message: 'order_charged' });
    const voided = await pgError(
      asUser(db.admin, manager, (tx) => tx`select * from public.void_order(${c.servedOrderId}, 'Cold')`),
    );
    expect(voided, 'a charged order is not voided').toMatchObject({ message: 'order_charged' });
    const draft = await pgError(
      asUser(db.admin, staff, (tx) => tx`select * from public.charge_order_to_folio(${c.draftOrderId}, ${tab?.id})`),
    );
    expect(draft, 'a draft is not charged').toMatchObject({ code: 'P0001', message: 'order_not_served' });

    const early = await pgError(asUser(db.admin, staff, (tx) => tx`select * from public.settle_folio(${tab?.id})`));
    expect(early, 'an unpaid tab is not settled').toMatchObject({ message: 'balance_outstanding' });
    await pay(staff, tab?.id, Number(order?.total_minor), 'cash');
    const [settled] = await asUser(
      db.admin,
      staff,
      (tx) => tx`select status::text from public.settle_folio(${tab?.id})`,
    );
    expect(settled?.status, 'settled').toBe('settled');
    const after = await pgError(pay(staff, tab?.id, 100));
    expect(after, 'a settled folio takes no entries').toMatchObject({ message: 'folio_settled' });
  });

  it('refunds no more than was paid, and only for managers', async () => {
    const [tab] = await asUser(
      db.admin,
      staff,
      (tx) => tx`select * from public.open_tab(${tenant.propertyIds[1]}, 'Refunds')`,
    );
    await pay(staff, tab?.id, 3000);
    const byStaff = await pgError(
      asUser(db.admin, staff, (tx) => tx`select * from public.record_refund(${tab?.id}, 1000, 'card')`),
    );
    expect(byStaff, 'staff cannot refund').toMatchObject({ code: '42501', message: 'insufficient_role' });
    await asUser(db.admin, manager, (tx) => tx`select * from public.record_refund(${tab?.id}, 2000, 'card')`);
    const tooMuch = await pgError(
      asUser(db.admin, manager, (tx) => tx`select * from public.record_refund(${tab?.id}, 1001, 'card')`),
    );
    expect(tooMuch, 'refunds stop at what was paid').toMatchObject({
      code: 'P0001',
      message: 'refund_exceeds_payments',
    });
    const [folio] = await db.admin`select balance_minor from public.folios where id = ${tab?.id}`;
    expect(folio?.balance_minor, 'paid 3000, refunded 2000').toBe('-1000');
  });

  it('keeps every balance equal to the sum of its entries, and entries unchangeable', async () => {
    const mismatched = await db.admin`
      select f.id from public.folios f
      left join public.folio_entries e on e.folio_id = f.id
      group by f.id, f.balance_minor
      having f.balance_minor <> coalesce(sum(e.amount_minor), 0)`;
    expect(mismatched, 'folios whose balance differs from their entries').toEqual([]);
    const entry = tenant.extra.folios?.chargeId as string;
    const edit = await pgError(
      asServiceRole(db.admin, (tx) => tx`update public.folio_entries set amount_minor = 1 where id = ${entry}`),
    );
    expect(edit.code, 'not even the service role edits an entry').toBe('42501');
  });

  it('earns points on settlement and never lets redemptions overdraw, even concurrently', async () => {
    const guest = bookingsOf(tenant).guestId;
    const [before] = await db.admin`select loyalty_points from public.guests where id = ${guest}`;
    expect(before?.loyalty_points, 'the fixture earned 120 points').toBe(120);
    const redeem = (points: number) =>
      asUser(
        db.admin,
        staff,
        (tx) => tx`select * from public.redeem_loyalty_points(${guest}, ${points}, 'Free drink')`,
      );
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => redeem(25)));
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(results.length - refused.length, 'four redemptions of 25 fit into 120').toBe(4);
    for (const r of refused)
      expect(r.reason, 'the others are refused').toMatchObject({ message: 'insufficient_points' });
    const [after] = await db.admin`select loyalty_points from public.guests where id = ${guest}`;
    expect(after?.loyalty_points, 'balance').toBe(20);
    const direct = await pgError(
      asServiceRole(db.admin, (tx) => tx`update public.guests set loyalty_points = 999 where id = ${guest}`),
    );
    expect(direct, 'points move only through the ledger').toMatchObject({ message: 'loyalty_points_from_ledger' });

    const stay = await checkedInStay('room104', -3, 1);
    const folio = await folioOf(stay);
    const [due] = await asUser(
      db.admin,
      manager,
      (tx) => tx`
      select balance_minor from public.check_out_booking(${stay}, 'Settling next') b
      join public.folios f on f.booking_id = b.id`,
    );
    await pay(staff, folio.id, Number(due?.balance_minor));
    const [settled] = await asUser(
      db.admin,
      staff,
      (tx) => tx`select charges_minor from public.settle_folio(${folio.id})`,
    );
    const [earned] = await db.admin`select loyalty_points from public.guests where id = ${guest}`;
    expect(earned?.loyalty_points, 'one point per whole unit charged').toBe(
      20 + Math.floor(Number(settled?.charges_minor) / 100),
    );
  });
});

describe('random folio sequences', () => {
  type Step = { kind: 'pay' | 'refund' | 'adjust' | 'settle'; folio: number; amount: number };
  const amount = fc.integer({ min: 1, max: 5000 });
  const folio = fc.nat(2);
  // Settling is rarer: a settled folio takes nothing more.
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('pay' as const), folio, amount }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('refund' as const),
        folio,
        amount: amount.map((a) => Math.ceil(a / 4)),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('adjust' as const),
        folio,
        amount: fc.integer({ min: -2000, max: 5000 }).filter((a) => a !== 0),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const), folio, amount }) },
  );
  const EXPECTED_REFUSALS = new Set([
    'invalid_amount',
    'refund_exceeds_payments',
    'balance_outstanding',
    'folio_settled',
  ]);
  const pool = () => connectionPool(db, 6);
  let sql: ReturnType<typeof pool>;
  beforeAll(() => {
    sql = pool();
  });
  afterAll(async () => {
    await sql?.end();
  });

  it('keep every balance equal to its entries, refunds within payments, settled folios closed', async () => {
    const unexpected: string[] = [];
    const succeeded: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        const folios: string[] = [];
        for (let i = 0; i < 3; i++) {
          const [tab] = await asUser(
            db.admin,
            staff,
            (tx) => tx`select id from public.open_tab(${tenant.propertyIds[1]}, ${`Run ${i}`})`,
          );
          folios.push(tab?.id as string);
        }
        const apply = ({ kind, folio, amount }: Step) => {
          const id = folios[folio] as string;
          if (kind === 'pay')
            return asUser(sql, staff, (tx) => tx`select public.record_payment(${id}, ${amount}, 'cash')`);
          if (kind === 'refund')
            return asUser(sql, manager, (tx) => tx`select public.record_refund(${id}, ${amount}, 'cash')`);
          if (kind === 'adjust')
            return asUser(sql, manager, (tx) => tx`select public.post_folio_adjustment(${id}, ${amount}, 'Random')`);
          return asUser(sql, staff, (tx) => tx`select public.settle_folio(${id})`);
        };
        for (let i = 0; i < steps.length; i += 3) {
          await Promise.all(
            steps.slice(i, i + 3).map((s) =>
              apply(s).then(
                () => {
                  succeeded[s.kind] = (succeeded[s.kind] ?? 0) + 1;
                },
                (error: { code?: string; message: string }) => {
                  if (!EXPECTED_REFUSALS.has(error.message))
                    unexpected.push(`${s.kind}: ${error.code} ${error.message}`);
                },
              ),
            ),
          );
        }
        const broken = await db.admin`
          select f.id, f.status::text, f.balance_minor,
            coalesce(sum(e.amount_minor), 0) as entries,
            coalesce(sum(e.amount_minor) filter (where e.kind = 'refund'), 0) as refunds,
            coalesce(-sum(e.amount_minor) filter (where e.kind = 'payment'), 0) as payments
          from public.folios f left join public.folio_entries e on e.folio_id = f.id
          where f.id in ${db.admin(folios)}
          group by f.id
          having f.balance_minor <> coalesce(sum(e.amount_minor), 0)
            or coalesce(sum(e.amount_minor) filter (where e.kind = 'refund'), 0)
               > coalesce(-sum(e.amount_minor) filter (where e.kind = 'payment'), 0)
            or (f.status = 'settled' and f.balance_minor <> 0)
            or (f.status = 'settled' and max(e.created_at) > f.settled_at)`;
        expect(unexpected, 'only business-rule refusals').toEqual([]);
        return broken.length === 0;
      }),
      { numRuns: 40 },
    );
    for (const kind of ['pay', 'refund', 'adjust', 'settle']) {
      expect(succeeded[kind] ?? 0, `some ${kind} steps succeeded (${JSON.stringify(succeeded)})`).toBeGreaterThan(0);
    }
  });
});
