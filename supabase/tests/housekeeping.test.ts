// Room status and housekeeping (migration 20261206160500, decision 032): the status transitions
// enforced whoever writes, check-out making a room dirty, the check-in guard and a manager's
// override, task generation for a day (departures, stay-overs, arrivals) balanced by credits and
// idempotent, the attendant's and inspector's flow, the report, and who may read and do what.
import { beforeAll, describe, expect, it } from 'vitest';
import { inRolledBackTransaction } from '../local/testing/rolled-back.ts';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

const STATUSES = ['clean', 'dirty', 'inspected', 'out_of_order'] as const;
type RoomStatus = (typeof STATUSES)[number];
const VALID: Record<RoomStatus, RoomStatus[]> = {
  clean: ['dirty', 'inspected', 'out_of_order'],
  dirty: ['clean', 'out_of_order'],
  inspected: ['dirty', 'out_of_order'],
  out_of_order: ['dirty'],
};

let tenant: Tenant;
let other: Tenant;
const ids = (t: Tenant = tenant) => t.extra.bookings as unknown as BookingsFixtureIds;
const codeOf = async (promise: Promise<unknown>) => {
  const error = await pgError(promise);
  return { code: error.code, message: error.message };
};

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'hk');
  other = await createTenant(db.admin, 'hk-other');
});

const roomStatus = async (resourceId: string) => {
  const [row] = await db.admin<{ status: RoomStatus; reason: string }[]>`
    select status, reason from public.room_statuses where resource_id = ${resourceId}`;
  return row;
};
const setStatus = (user: TestUser, resourceId: string, status: string, note: string | null = null) =>
  asUser(
    db.admin,
    user,
    (tx) => tx`select * from public.set_room_status(${resourceId}, ${status}, ${note})`,
  ) as Promise<Record<string, unknown>[]>;

/** A checked-in stay of `room` from two days ago, leaving today. */
async function departingToday(t: Tenant, room: string): Promise<string> {
  const [row] = await db.admin<{ id: string }[]>`
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, rate_plan_id, status, period,
      blocked_period, arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, source,
      confirmed_at, checked_in_at)
    select b.organization_id, b.property_id, ${room}, b.guest_id, b.rate_plan_id, 'checked_in',
      tstzrange(((now() at time zone 'Europe/Lisbon')::date - 2 + time '15:00') at time zone 'Europe/Lisbon',
        ((now() at time zone 'Europe/Lisbon')::date + time '11:00') at time zone 'Europe/Lisbon'),
      tstzrange(((now() at time zone 'Europe/Lisbon')::date - 2 + time '15:00') at time zone 'Europe/Lisbon',
        ((now() at time zone 'Europe/Lisbon')::date + time '11:00') at time zone 'Europe/Lisbon'),
      (now() at time zone 'Europe/Lisbon')::date - 2, (now() at time zone 'Europe/Lisbon')::date, 2, b.currency,
      b.total_minor, b.price_breakdown, 'staff', now(), now()
    from public.bookings b where b.id = ${ids(t).arrivingBookingId}
    returning id`;
  return row?.id as string;
}

const today = async () => {
  const [row] = await db.admin<{ day: string }[]>`select ((now() at time zone 'Europe/Lisbon')::date)::text as day`;
  return row?.day as string;
};

describe('room status', () => {
  it('starts every room clean and gives tables no status', async () => {
    for (const room of ['room101', 'room102', 'room103', 'room104'] as const) {
      expect((await roomStatus(ids()[room]))?.status, room).toBe('clean');
    }
    expect(await roomStatus(ids().tableId), 'a table has no room status').toBeUndefined();
  });

  it('allows exactly the valid transitions, even to a direct update', async () => {
    const room = ids().room102;
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (from === to) continue;
        await inRolledBackTransaction(db.admin, async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`update public.room_statuses set status = ${from} where resource_id = ${room}`;
          await tx`set local session_replication_role = origin`;
          const outcome = await tx
            .savepoint((sp) => sp`update public.room_statuses set status = ${to} where resource_id = ${room}`)
            .then(
              () => 'allowed',
              (error: Error) => error.message,
            );
          expect(outcome, `${from} → ${to}`).toBe(
            VALID[from].includes(to) ? 'allowed' : 'invalid_room_status_transition',
          );
        });
      }
    }
  });

  it('lets staff mark rooms clean or dirty, managers take one out of order, and viewers nothing', async () => {
    const room = ids().room102;
    const [dirty] = await setStatus(tenant.members.staff, room, 'dirty', 'Spilled coffee');
    expect(dirty).toMatchObject({ status: 'dirty', reason: 'manual', note: 'Spilled coffee' });
    expect(await codeOf(setStatus(tenant.members.staff, room, 'out_of_order')), 'staff cannot').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    expect(await codeOf(setStatus(tenant.members.viewer, room, 'clean'))).toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    expect(await codeOf(setStatus(tenant.members.manager, room, 'inspected')), 'dirty → inspected').toEqual({
      code: 'P0001',
      message: 'invalid_room_status_transition',
    });
    await setStatus(tenant.members.manager, room, 'out_of_order', 'Leaking tap');
    expect(await codeOf(setStatus(tenant.members.staff, room, 'dirty')), 'back in service: managers').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    await setStatus(tenant.members.manager, room, 'dirty');
    await setStatus(tenant.members.staff, room, 'clean');
    const audit = await db.admin<{ status: string }[]>`
      select new_data ->> 'status' as status from public.audit_log
      where table_name = 'room_statuses' and action = 'update' and new_data ->> 'resource_id' = ${room}
      order by id`;
    expect(
      audit.map((a) => a.status),
      'every change is audited',
    ).toEqual(['dirty', 'out_of_order', 'dirty', 'clean']);
  });

  it('is in the realtime publication with housekeeping tasks', async () => {
    const tables = await db.admin<{ tablename: string }[]>`
      select tablename from pg_publication_tables where pubname = 'supabase_realtime'
        and tablename in ('room_statuses', 'housekeeping_tasks') order by 1`;
    expect(tables.map((t) => t.tablename)).toEqual(['housekeeping_tasks', 'room_statuses']);
  });

  it('refuses another property for restricted staff and another organization for everyone', async () => {
    const hotel = other.propertyIds[0];
    const [otherRoom] = await db.admin<{ id: string }[]>`
      select s.resource_id as id from public.room_statuses s where s.property_id = ${hotel} limit 1`;
    expect(await codeOf(setStatus(tenant.members.owner, otherRoom?.id as string, 'dirty'))).toEqual({
      code: 'PT404',
      message: 'room_not_found',
    });
  });
});

describe('check-out and check-in', () => {
  it('makes a room dirty when its guest checks out', async () => {
    const t = await createTenant(db.admin, 'hk-out');
    await asUser(
      db.admin,
      t.members.staff,
      (tx) => tx`select public.check_out_booking(${ids(t).checkedInBookingId}, 'Paid elsewhere')`,
    ).catch(async () => {
      // The folio may hold a balance: a manager's override then.
      await asUser(
        db.admin,
        t.members.manager,
        (tx) => tx`select public.check_out_booking(${ids(t).checkedInBookingId}, 'Paid elsewhere')`,
      );
    });
    expect(await roomStatus(ids(t).room101)).toEqual({ status: 'dirty', reason: 'checkout' });
  });

  it('refuses check-in to a room that is not ready unless a manager gives a reason, which the booking keeps', async () => {
    const t = await createTenant(db.admin, 'hk-in');
    const booking = ids(t).arrivingBookingId;
    await setStatus(t.members.staff, ids(t).room103, 'dirty');
    const checkIn = (user: TestUser, reason: string | null) =>
      asUser(db.admin, user, (tx) => tx`select * from public.check_in_booking(${booking}, ${reason})`) as Promise<
        Record<string, unknown>[]
      >;
    expect(await codeOf(checkIn(t.members.staff, null)), 'staff, no reason').toEqual({
      code: 'P0001',
      message: 'room_not_ready',
    });
    expect(await codeOf(checkIn(t.members.manager, null)), 'a manager needs a reason too').toEqual({
      code: 'P0001',
      message: 'room_not_ready',
    });
    expect(await codeOf(checkIn(t.members.staff, 'VIP waiting')), 'staff cannot override').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    expect(await codeOf(checkIn(t.members.manager, '   ')), 'a blank reason').toEqual({
      code: '22023',
      message: 'invalid_override_reason',
    });
    const withDocument = asUser(
      db.admin,
      t.members.staff,
      (tx) => tx`select * from public.check_in_with_identity_document(${booking}, 'passport', 'L898902C3')`,
    );
    expect(await codeOf(withDocument), 'the identity-document check-in is guarded too').toEqual({
      code: 'P0001',
      message: 'room_not_ready',
    });
    const [row] = await checkIn(t.members.manager, '  Guest agreed to a quick tidy-up later  ');
    expect(row).toMatchObject({ status: 'checked_in', room_override_reason: 'Guest agreed to a quick tidy-up later' });
  });

  it('checks in to a clean or inspected room without a reason and records none', async () => {
    const t = await createTenant(db.admin, 'hk-ok');
    const [row] = (await asUser(
      db.admin,
      t.members.staff,
      (tx) => tx`select * from public.check_in_booking(${ids(t).arrivingBookingId}, ${'not needed'})`,
    )) as Record<string, unknown>[];
    expect(row).toMatchObject({ status: 'checked_in', room_override_reason: null });
  });

  it('passes the override through the identity-document check-in', async () => {
    const t = await createTenant(db.admin, 'hk-doc');
    await setStatus(t.members.manager, ids(t).room103, 'out_of_order');
    await asUser(
      db.admin,
      t.members.manager,
      (tx) =>
        tx`select * from public.check_in_with_identity_document(${ids(t).arrivingBookingId}, 'passport', 'L898902C3',
          p_override_reason => 'Only room left')`,
    );
    const [booking] =
      await db.admin`select status, room_override_reason from public.bookings where id = ${ids(t).arrivingBookingId}`;
    expect(booking).toEqual({ status: 'checked_in', room_override_reason: 'Only room left' });
  });
});

describe('housekeeping tasks', () => {
  let t: Tenant;
  let day: string;
  let departureId: string;
  const generate = (user: TestUser, attendants: string[] | null = null, forDay?: string) =>
    asUser(
      db.admin,
      user,
      (tx) =>
        tx`select * from public.generate_housekeeping_tasks(${t.propertyIds[0]}, ${forDay ?? day}, ${attendants})`,
    ) as Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    t = await createTenant(db.admin, 'hk-gen');
    day = await today();
    departureId = await departingToday(t, ids(t).room102);
  });

  it('generates departures, stay-overs and arrivals, balanced by credits, and marks stay-overs due', async () => {
    const attendants = [t.members.staff.id, t.restrictedStaff.id];
    const tasks = await generate(t.members.manager, attendants);
    const byRoom = new Map(tasks.map((task) => [task.resource_id as string, task]));
    // Room type Double weighs 1.5 credits (the fixture); 104 has no booking today.
    expect(byRoom.get(ids(t).room102), 'departure').toMatchObject({
      kind: 'departure',
      credits: '1.50',
      arrival_due: false,
    });
    expect(byRoom.get(ids(t).room101), 'stay-over').toMatchObject({ kind: 'stay_over', credits: '0.75' });
    expect(byRoom.get(ids(t).room103), 'arrival into a clean room').toMatchObject({
      kind: 'arrival',
      credits: '0.38',
      arrival_due: true,
    });
    expect(byRoom.has(ids(t).room104), 'nothing due in 104').toBe(false);
    // Heaviest first to the lightest load: 1.5 to one, then 0.75 and 0.38 to the other.
    const loads = new Map<string, number>();
    for (const task of tasks) {
      expect(attendants, 'every task has an attendant of the roster').toContain(task.assignee_id);
      loads.set(task.assignee_id as string, (loads.get(task.assignee_id as string) ?? 0) + Number(task.credits));
    }
    expect([...loads.values()].sort()).toEqual([1.13, 1.5]);
    expect(await roomStatus(ids(t).room101), 'a stay-over day → service due').toEqual({
      status: 'dirty',
      reason: 'service_due',
    });
    const roster =
      await db.admin`select user_id from public.housekeeping_shifts where property_id = ${t.propertyIds[0]} and day = ${day}`;
    expect(roster.map((r) => r.user_id).sort()).toEqual([...attendants].sort());
  });

  it('is idempotent per property and day: a second run changes no task and adds only new ones', async () => {
    const before = await db.admin`select id, assignee_id, status, credits from public.housekeeping_tasks
      where property_id = ${t.propertyIds[0]} and day = ${day} order by id`;
    // The stay-over room was serviced meanwhile: a second run must not make it due again.
    await db.admin`update public.room_statuses set status = 'clean', reason = 'cleaned' where resource_id = ${ids(t).room101}`;
    const again = await generate(t.members.manager);
    expect(again.length).toBe(before.length);
    const after = await db.admin`select id, assignee_id, status, credits from public.housekeeping_tasks
      where property_id = ${t.propertyIds[0]} and day = ${day} order by id`;
    expect(after).toEqual(before);
    expect((await roomStatus(ids(t).room101))?.status).toBe('clean');
  });

  it('lets the attendant start and finish their room (clean), and not someone else', async () => {
    const [task] = await db.admin<{ id: string; assignee_id: string }[]>`
      select id, assignee_id from public.housekeeping_tasks where resource_id = ${ids(t).room102} and day = ${day}`;
    const mine = task?.assignee_id === t.members.staff.id ? t.members.staff : t.restrictedStaff;
    const notMine = mine === t.members.staff ? t.restrictedStaff : t.members.staff;
    const call = (user: TestUser, sql: string, ...args: unknown[]) =>
      asUser(db.admin, user, (tx) => tx.unsafe(sql, args as never[])) as Promise<Record<string, unknown>[]>;
    expect(await codeOf(call(notMine, 'select * from public.start_housekeeping_task($1)', task?.id))).toEqual({
      code: '42501',
      message: 'not_your_task',
    });
    expect(await codeOf(call(t.members.viewer, 'select * from public.start_housekeeping_task($1)', task?.id))).toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    // The guest is still in: check them out, the room turns dirty.
    await asUser(
      db.admin,
      t.members.manager,
      (tx) => tx`select public.check_out_booking(${departureId}, 'Settled at the bar')`,
    );
    expect((await roomStatus(ids(t).room102))?.status).toBe('dirty');
    const [started] = await call(mine, 'select * from public.start_housekeeping_task($1)', task?.id);
    expect(started).toMatchObject({ status: 'in_progress' });
    expect(await codeOf(call(mine, 'select * from public.start_housekeeping_task($1)', task?.id))).toEqual({
      code: 'P0001',
      message: 'invalid_task_transition',
    });
    const [finished] = await call(
      mine,
      'select * from public.finish_housekeeping_task($1, $2)',
      task?.id,
      ' Broken lamp ',
    );
    expect(finished).toMatchObject({ status: 'cleaned', notes: 'Broken lamp', finished_by: mine.id });
    expect(await roomStatus(ids(t).room102)).toEqual({ status: 'clean', reason: 'cleaned' });
  });

  it('lets the inspector fail a room (dirty, task open, notes) and then pass it (inspected)', async () => {
    const [task] = await db.admin<{ id: string; assignee_id: string }[]>`
      select id, assignee_id from public.housekeeping_tasks where resource_id = ${ids(t).room102} and day = ${day}`;
    const inspect = (user: TestUser, passed: boolean, notes: string | null, items: string[] | null) =>
      asUser(
        db.admin,
        user,
        (tx) =>
          tx`select * from public.inspect_housekeeping_task(${task?.id as string}, ${passed}, ${notes}, ${items})`,
      ) as Promise<Record<string, unknown>[]>;
    expect(await codeOf(inspect(t.members.staff, true, null, null)), 'staff do not inspect').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    expect(await codeOf(inspect(t.members.manager, false, null, null)), 'a fail says why').toEqual({
      code: '22023',
      message: 'notes_required',
    });
    const [failed] = await inspect(t.members.manager, false, 'Hair in the shower', ['Bathroom clean']);
    expect(failed).toMatchObject({
      status: 'open',
      inspection_notes: 'Hair in the shower',
      failed_items: ['Bathroom clean'],
    });
    expect(await roomStatus(ids(t).room102)).toEqual({ status: 'dirty', reason: 'inspection_failed' });
    const worker = task?.assignee_id === t.members.staff.id ? t.members.staff : t.restrictedStaff;
    await asUser(db.admin, worker, (tx) => tx`select public.finish_housekeeping_task(${task?.id as string})`);
    const [passed] = await inspect(t.members.manager, true, null, null);
    expect(passed).toMatchObject({ status: 'inspected' });
    expect(await roomStatus(ids(t).room102)).toEqual({ status: 'inspected', reason: 'inspected' });
    expect(await codeOf(inspect(t.members.manager, true, null, null)), 'inspected once').toEqual({
      code: 'P0001',
      message: 'invalid_task_transition',
    });
  });

  it('lets a supervisor reassign a task, to staff of the property only', async () => {
    const [task] = await db.admin<{ id: string }[]>`
      select id from public.housekeeping_tasks where resource_id = ${ids(t).room103} and day = ${day}`;
    const assign = (user: TestUser, assignee: string | null, position: number | null = null) =>
      asUser(
        db.admin,
        user,
        (tx) => tx`select * from public.assign_housekeeping_task(${task?.id as string}, ${assignee}, ${position})`,
      ) as Promise<Record<string, unknown>[]>;
    const [moved] = await assign(t.members.manager, t.members.admin.id, 0);
    expect(moved).toMatchObject({ assignee_id: t.members.admin.id, position: 0 });
    expect(await codeOf(assign(t.members.manager, t.members.viewer.id)), 'a viewer cleans nothing').toEqual({
      code: '22023',
      message: 'invalid_attendant',
    });
    expect(await codeOf(assign(t.members.manager, other.members.staff.id)), 'another organization').toEqual({
      code: '22023',
      message: 'invalid_attendant',
    });
    expect(await codeOf(assign(t.members.staff, t.members.staff.id)), 'staff do not assign').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
  });

  it('lists the people who may clean at the property, not viewers or other properties', async () => {
    const list = (user: TestUser, property: string) =>
      asUser(db.admin, user, (tx) => tx`select user_id from public.housekeeping_attendants(${property})`).then((rows) =>
        rows.map((row) => row.user_id as string),
      );
    const hotel = await list(t.members.staff, t.propertyIds[0]);
    expect(hotel).toContain(t.restrictedStaff.id);
    expect(hotel).toContain(t.members.owner.id);
    expect(hotel).not.toContain(t.members.viewer.id);
    expect(await list(t.members.staff, t.propertyIds[1]), 'restricted to the hotel').not.toContain(
      t.restrictedStaff.id,
    );
    expect(await codeOf(list(t.restrictedStaff, t.propertyIds[1]))).toEqual({
      code: 'PT404',
      message: 'property_not_found',
    });
  });

  it('refuses a day out of range, an attendant who does not work there, and staff or viewers', async () => {
    expect(await codeOf(generate(t.members.manager, null, '2020-01-01'))).toEqual({
      code: '22023',
      message: 'invalid_day',
    });
    expect(await codeOf(generate(t.members.manager, [t.members.viewer.id]))).toEqual({
      code: '22023',
      message: 'invalid_attendant',
    });
    expect(await codeOf(generate(t.members.staff))).toEqual({ code: '42501', message: 'insufficient_role' });
    expect(await codeOf(generate(t.members.viewer))).toEqual({ code: '42501', message: 'insufficient_role' });
  });

  it('reports rooms cleaned per attendant and their average minutes', async () => {
    const rows = (await asUser(
      db.admin,
      t.members.manager,
      (tx) => tx`select * from public.housekeeping_report(${t.propertyIds[0]}, ${day}::date - 7, ${day}::date)`,
    )) as Record<string, unknown>[];
    // The fixture's room yesterday (30 min, by staff) and today's room 102.
    const byId = new Map(rows.map((row) => [row.attendant_id as string, row]));
    const total = rows.reduce((sum, row) => sum + Number(row.rooms_cleaned), 0);
    expect(total).toBe(2);
    expect(byId.get(t.members.staff.id)?.rooms_cleaned).toBeGreaterThanOrEqual(1);
    expect(
      await codeOf(
        asUser(
          db.admin,
          t.members.staff,
          (tx) => tx`select * from public.housekeeping_report(${t.propertyIds[0]}, ${day}, ${day})`,
        ),
      ),
    ).toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
  });
});

describe('who sees housekeeping', () => {
  const count = (user: TestUser, table: string, property: string) =>
    asUser(db.admin, user, (tx) =>
      tx.unsafe(`select count(*)::int as n from public.${table} where property_id = $1`, [property]),
    ).then((rows) => (rows[0] as unknown as { n: number }).n);

  it('shows restricted staff their property only, and viewers read without writing', async () => {
    const [hotel, restaurant] = tenant.propertyIds;
    await db.admin`
      insert into public.housekeeping_tasks (organization_id, property_id, resource_id, day, kind, credits)
      select organization_id, property_id, id, current_date + 3, 'arrival', 1 from public.resources
      where property_id = ${restaurant} limit 1`;
    for (const table of ['room_statuses', 'housekeeping_tasks', 'housekeeping_shifts', 'lost_and_found_items']) {
      expect(await count(tenant.restrictedStaff, table, hotel), `${table}: their hotel`).toBeGreaterThan(0);
      expect(await count(tenant.members.viewer, table, hotel), `${table}: viewers read`).toBeGreaterThan(0);
      expect(await count(other.members.owner, table, hotel), `${table}: another organization`).toBe(0);
    }
    expect(await count(tenant.restrictedStaff, 'housekeeping_tasks', restaurant), 'not another property').toBe(0);
    expect(await count(tenant.members.staff, 'housekeeping_tasks', restaurant), 'unrestricted staff see it').toBe(1);
    const write = (user: TestUser) =>
      asUser(
        db.admin,
        user,
        (tx) => tx`update public.room_statuses set status = 'dirty' where resource_id = ${ids().room103}`,
      ).then((r) => (r as unknown as { count: number }).count);
    expect(await codeOf(write(tenant.members.owner)), 'nobody updates statuses directly').toEqual({
      code: '42501',
      message: 'permission denied for table room_statuses',
    });
    const logItem = (user: TestUser, property: string) =>
      asUser(
        db.admin,
        user,
        (tx) => tx`insert into public.lost_and_found_items (organization_id, property_id, description)
          values (${tenant.organizationId}, ${property}, 'Phone charger') returning id`,
      );
    await logItem(tenant.restrictedStaff, hotel);
    expect((await codeOf(logItem(tenant.restrictedStaff, restaurant))).code, 'not at another property').toBe('42501');
    expect((await codeOf(logItem(tenant.members.viewer, hotel))).code, 'viewers log nothing').toBe('42501');
  });
});
