// Work orders (migration 20261206160600_work_orders.sql): the status flow enforced whoever
// writes, the assignee rule, the out-of-service block created / extended / released with the
// order and honoured by search_availability, photos under the order's folder, idempotent
// preventive orders, and RLS per role (restricted staff of another property and other
// organizations see nothing; viewers read but cannot write).
import { beforeAll, describe, expect, it } from 'vitest';
import { asAnon, asServiceRole, asUser, pgError, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;
const hotel = () => tenant.propertyIds[0];

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'wo');
  other = await createTenant(db.admin, 'wo-other');
});

type Row = Record<string, unknown>;

async function raise(user: TestUser, values: Row): Promise<Row> {
  return asUser(db.admin, user, async (tx) => {
    const [row] = await tx`insert into public.work_orders ${tx(values)} returning *`;
    return row as Row;
  });
}

async function change(user: TestUser, id: string, values: Row): Promise<Row> {
  return asUser(db.admin, user, async (tx) => {
    const [row] = await tx`update public.work_orders set ${tx(values)} where id = ${id} returning *`;
    return row as Row;
  });
}

const base = (extra: Row = {}): Row => ({
  organization_id: tenant.organizationId,
  property_id: hotel(),
  title: 'Broken shower',
  ...extra,
});

async function blockOf(workOrderId: string) {
  const [row] = await db.admin<
    { id: string | null; lower: Date | null; upper: Date | null; resource_id: string | null }[]
  >`
    select o.id, lower(o.period) as lower, upper(o.period) as upper, o.resource_id
    from public.work_orders w left join public.resource_out_of_service o on o.id = w.out_of_service_id
    where w.id = ${workOrderId}`;
  return row;
}

/** Rooms free for one night `from` days ahead (Lisbon), as the availability search answers. */
async function freeRooms(fromDay: number): Promise<string[]> {
  return asUser(db.admin, tenant.members.staff, async (tx: Tx) => {
    const rows = await tx<{ resource_ids: string[] }[]>`
      select resource_ids from public.search_availability(${hotel()},
        (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int,
        (now() at time zone 'Europe/Lisbon')::date + ${fromDay + 1}::int, 1)`;
    return rows.flatMap((r) => r.resource_ids);
  });
}

describe('status flow', () => {
  it('walks open → assigned → in_progress → on_hold → in_progress → done and stamps closed_at', async () => {
    const order = await raise(tenant.members.staff, base({ priority: 'urgent' }));
    expect(order).toMatchObject({
      status: 'open',
      created_by: tenant.members.staff.id,
      closed_at: null,
      source: 'staff',
    });
    const id = order.id as string;
    await change(tenant.members.staff, id, { assigned_to: tenant.restrictedStaff.id, status: 'assigned' });
    for (const status of ['in_progress', 'on_hold', 'in_progress', 'done']) {
      const row = await change(tenant.members.staff, id, { status });
      expect(row.status).toBe(status);
    }
    const [done] = await db.admin`select closed_at from public.work_orders where id = ${id}`;
    expect(done?.closed_at).toBeInstanceOf(Date);
  });

  it('refuses illegal moves with invalid_work_order_transition, and any change of a closed order', async () => {
    const order = await raise(tenant.members.staff, base());
    const id = order.id as string;
    for (const status of ['in_progress', 'on_hold', 'done']) {
      const error = await pgError(change(tenant.members.staff, id, { status }));
      expect([error.code, error.message], `open → ${status}`).toEqual(['P0001', 'invalid_work_order_transition']);
    }
    const noAssignee = await pgError(change(tenant.members.staff, id, { status: 'assigned' }));
    expect([noAssignee.code, noAssignee.message]).toEqual([
      '23514',
      'new row for relation "work_orders" violates check constraint "work_orders_assignee_when_assigned"',
    ]);
    await change(tenant.members.staff, id, { status: 'cancelled' });
    const closed = await pgError(change(tenant.members.staff, id, { title: 'Renamed' }));
    expect([closed.code, closed.message]).toEqual(['P0001', 'work_order_closed']);
    const reopened = await pgError(change(tenant.members.manager, id, { status: 'open' }));
    expect(reopened.message).toBe('work_order_closed');
  });

  it('starts new orders open or assigned only, and keeps preventive orders to schedules', async () => {
    const started = await pgError(
      raise(tenant.members.staff, base({ status: 'in_progress', assigned_to: tenant.members.staff.id })),
    );
    expect([started.code, started.message]).toEqual(['P0001', 'invalid_work_order_transition']);
    const preventive = await pgError(raise(tenant.members.staff, base({ source: 'preventive' })));
    expect([preventive.code, preventive.message]).toEqual(['22023', 'invalid_work_order_source']);
    const housekeeping = await raise(tenant.members.staff, base({ source: 'housekeeping', area: 'Lobby' }));
    expect(housekeeping.source).toBe('housekeeping');
  });

  it('assigns only staff who work at the property (invalid_assignee)', async () => {
    const order = await raise(tenant.members.staff, base());
    for (const user of [tenant.members.viewer, other.members.staff]) {
      const error = await pgError(
        change(tenant.members.staff, order.id as string, { assigned_to: user.id, status: 'assigned' }),
      );
      expect([error.code, error.message]).toEqual(['22023', 'invalid_assignee']);
    }
    const restaurant = await raise(tenant.members.manager, base({ property_id: tenant.propertyIds[1] }));
    const restricted = await pgError(
      change(tenant.members.manager, restaurant.id as string, {
        assigned_to: tenant.restrictedStaff.id,
        status: 'assigned',
      }),
    );
    expect(restricted.message).toBe('invalid_assignee');
    const unassigned = await change(tenant.members.staff, order.id as string, {
      assigned_to: tenant.members.staff.id,
      status: 'assigned',
    });
    expect(unassigned.status).toBe('assigned');
    const back = await change(tenant.members.staff, order.id as string, { assigned_to: null });
    expect(back.status, 'unassigning puts it back in the open pile').toBe('open');
  });

  it('keeps property and source fixed', async () => {
    const order = await raise(tenant.members.manager, base());
    const moved = await pgError(
      change(tenant.members.manager, order.id as string, { property_id: tenant.propertyIds[1] }),
    );
    expect(moved.message).toBe('work_order_fixed_field');
  });
});

describe('out of service', () => {
  it('takes the room off sale, extends the block, and releases it when the order is done', async () => {
    const room = ids().room102;
    expect(await freeRooms(5), 'room 102 is free in 5 days').toContain(room);
    const until = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const order = await raise(tenant.members.staff, base({ resource_id: room, out_of_service_until: until(7) }));
    const block = await blockOf(order.id as string);
    expect(block?.resource_id).toBe(room);
    expect(Math.abs((block?.lower?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(await freeRooms(5), 'blocked in 5 days').not.toContain(room);
    expect(await freeRooms(9), 'free again after the block').toContain(room);

    await change(tenant.members.staff, order.id as string, { out_of_service_until: until(12) });
    const extended = await blockOf(order.id as string);
    expect(extended?.id, 'the same block, extended').toBe(block?.id);
    expect(await freeRooms(9), 'blocked after the extension').not.toContain(room);

    await change(tenant.members.staff, order.id as string, {
      assigned_to: tenant.members.staff.id,
      status: 'assigned',
    });
    await change(tenant.members.staff, order.id as string, { status: 'in_progress' });
    await change(tenant.members.staff, order.id as string, { status: 'done' });
    const released = await blockOf(order.id as string);
    expect(released?.id, 'the block stays as history').toBe(block?.id);
    expect(Math.abs((released?.upper?.getTime() ?? 0) - Date.now()), 'ended now').toBeLessThan(60_000);
    expect(await freeRooms(5), 'free again after done').toContain(room);
  });

  it('ends the block when cleared or cancelled, and refuses a past end or a block without a room', async () => {
    const room = ids().room102;
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const order = await raise(tenant.members.staff, base({ resource_id: room, out_of_service_until: until }));
    await change(tenant.members.staff, order.id as string, { out_of_service_until: null });
    expect(await freeRooms(1)).toContain(room);
    const again = await raise(tenant.members.staff, base({ resource_id: room, out_of_service_until: until }));
    expect(await freeRooms(1)).not.toContain(room);
    await change(tenant.members.staff, again.id as string, { status: 'cancelled' });
    expect(await freeRooms(1)).toContain(room);

    const past = await pgError(
      raise(
        tenant.members.staff,
        base({ resource_id: room, out_of_service_until: new Date(Date.now() - 1000).toISOString() }),
      ),
    );
    expect([past.code, past.message]).toEqual(['22023', 'invalid_out_of_service_until']);
    const noRoom = await pgError(raise(tenant.members.staff, base({ out_of_service_until: until })));
    expect([noRoom.code, noRoom.message]).toEqual(['22023', 'out_of_service_needs_room']);
  });

  it('does not let staff write resource_out_of_service directly', async () => {
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.staff,
        (tx) => tx`
        insert into public.resource_out_of_service (organization_id, property_id, resource_id, period)
        values (${tenant.organizationId}, ${hotel()}, ${ids().room101}, tstzrange(now(), now() + interval '1 day'))`,
      ),
    );
    expect(error.code).toBe('42501');
  });
});

describe('photos', () => {
  it('accepts photos under the order folder only', async () => {
    const order = await raise(tenant.members.staff, base());
    const folder = `${tenant.organizationId}/${hotel()}/work-orders/${order.id}`;
    await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`
      insert into public.work_order_photos (organization_id, property_id, work_order_id, object_name)
      values (${tenant.organizationId}, ${hotel()}, ${order.id as string}, ${`${folder}/a.jpg`})`,
    );
    for (const name of [
      `${folder}/../x.jpg`,
      `${tenant.organizationId}/${hotel()}/inbox/x.jpg`,
      `${folder}/sub/x.jpg`,
    ]) {
      const error = await pgError(
        asUser(
          db.admin,
          tenant.members.staff,
          (tx) => tx`
        insert into public.work_order_photos (organization_id, property_id, work_order_id, object_name)
        values (${tenant.organizationId}, ${hotel()}, ${order.id as string}, ${name})`,
        ),
      );
      expect(error.message, name).toContain('work_order_photos_object_name_valid');
    }
  });
});

describe('preventive schedules', () => {
  it('creates the due orders once, whatever the number of runs', async () => {
    const [schedule] = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`
      insert into public.maintenance_schedules (organization_id, property_id, resource_id, title, every_months, next_due_on)
      values (${tenant.organizationId}, ${hotel()}, ${ids().room103}, 'Quarterly HVAC', 3, current_date - 200)
      returning id`,
    );
    // No day: each property's own local today, as the worker's scheduler calls it.
    const run = () => asServiceRole(db.admin, (tx) => tx`select private.create_due_preventive_work_orders() as n`);
    const [first] = await run();
    const [second] = await run();
    expect(first?.n).toBeGreaterThanOrEqual(1);
    expect(second?.n).toBe(0);
    const orders = await db.admin`
      select source, status, due_on, resource_id from public.work_orders where schedule_id = ${schedule?.id as string}`;
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ source: 'preventive', status: 'open', resource_id: ids().room103 });
    const [next] =
      await db.admin`select next_due_on > current_date as later from public.maintenance_schedules where id = ${schedule?.id as string}`;
    expect(next?.later).toBe(true);
    const staffError = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`select private.create_due_preventive_work_orders(current_date)`,
      ),
    );
    expect(staffError.code).toBe('42501');
  });

  it('lets managers but not staff write schedules', async () => {
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.staff,
        (tx) => tx`
      insert into public.maintenance_schedules (organization_id, property_id, title, every_months, next_due_on)
      values (${tenant.organizationId}, ${hotel()}, 'Boiler', 12, current_date)`,
      ),
    );
    expect(error.code).toBe('42501');
  });
});

describe('RLS', () => {
  it('lets members of the property read, staff write, and nobody else see or touch', async () => {
    const order = await raise(tenant.members.staff, base());
    const visible = async (user: TestUser) =>
      asUser(db.admin, user, (tx) => tx`select id from public.work_orders where id = ${order.id as string}`);
    for (const user of [tenant.members.viewer, tenant.members.staff, tenant.restrictedStaff, tenant.members.owner]) {
      expect(await visible(user), user.email).toHaveLength(1);
    }
    expect(await visible(other.members.owner)).toHaveLength(0);
    expect(
      await asAnon(db.admin, (tx) => tx`select count(*)::int as n from public.work_orders`).catch((e) => e.code),
    ).toBe('42501');
    const viewerWrite = await pgError(raise(tenant.members.viewer, base()));
    expect(viewerWrite.code).toBe('42501');
    const viewerUpdate = await asUser(
      db.admin,
      tenant.members.viewer,
      (tx) => tx`update public.work_orders set title = 'x' where id = ${order.id as string} returning id`,
    );
    expect(viewerUpdate).toHaveLength(0);
    const outsider = await pgError(raise(other.members.owner, base()));
    expect(outsider.code).toBe('42501');
    // Restricted staff of the hotel cannot raise one at the restaurant.
    const restricted = await pgError(raise(tenant.restrictedStaff, base({ property_id: tenant.propertyIds[1] })));
    expect(restricted.code).toBe('42501');
    const deleted = await asUser(
      db.admin,
      tenant.members.owner,
      (tx) => tx`delete from public.work_orders where id = ${order.id as string}`,
    ).catch((e) => e.code);
    expect(deleted).toBe('42501');
  });
});
