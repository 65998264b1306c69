// A property-based test (fast-check): random sequences of create / confirm / modify / cancel /
// expire, run four at a time from separate connections, over three rooms and a fortnight. Each
// call may be refused with a business-rule code, never with anything else; afterwards no two
// active bookings of a room overlap (checked in SQL), and every booking's period matches its
// dates and the property's check-in and check-out times.
import fc from 'fast-check';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, connectionPool, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
const ROOMS = 3;
const PARALLEL = 4;
/** Refusals a random sequence may meet; anything else fails the property. */
const EXPECTED_REFUSALS = new Set([
  'not_available',
  'invalid_transition',
  'not_modifiable',
  'hold_expired',
  'booking_changed',
]);

let tenant: Tenant;
let pool: Sql;
let rooms: string[];

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'prop');
  pool = connectionPool(db, PARALLEL * 2);
  const fixture = tenant.extra.bookings as unknown as BookingsFixtureIds;
  rooms = [];
  for (let i = 0; i < ROOMS; i++) {
    const [room] = await db.admin`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${fixture.roomTypeId}, ${`P${i}`}, 4) returning id`;
    rooms.push(room?.id as string);
  }
});

afterAll(async () => {
  await pool?.end();
});

type Command =
  | { kind: 'create'; room: number; start: number; nights: number; confirm: boolean }
  | { kind: 'modify'; target: number; room: number; start: number; nights: number }
  | { kind: 'confirm' | 'cancel' | 'expire'; target: number };

const stay = { start: fc.integer({ min: 0, max: 12 }), nights: fc.integer({ min: 1, max: 4 }) };
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), room: fc.nat(ROOMS - 1), ...stay, confirm: fc.boolean() }),
  fc.record({ kind: fc.constant('modify' as const), target: fc.nat(), room: fc.nat(ROOMS - 1), ...stay }),
  fc.record({ kind: fc.constantFrom('confirm' as const, 'cancel' as const, 'expire' as const), target: fc.nat() }),
);

const FIRST_DAY = 200;

async function run(cmd: Command, created: string[]): Promise<void> {
  const staff = tenant.members.staff;
  const target = 'target' in cmd && created.length > 0 ? created[cmd.target % created.length] : undefined;
  if (cmd.kind === 'create') {
    const [row] = await asUser(
      pool,
      staff,
      (tx) => tx`
        select id from public.create_booking(
          p_resource_id => ${rooms[cmd.room] as string}, p_guest_id => null,
          p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${FIRST_DAY + cmd.start}::int,
          p_departure => (now() at time zone 'Europe/Lisbon')::date + ${FIRST_DAY + cmd.start + cmd.nights}::int,
          p_party_size => 2, p_confirm => ${cmd.confirm})`,
    );
    created.push(row?.id as string);
    return;
  }
  if (!target) return;
  if (cmd.kind === 'expire') {
    // Time passing, simulated by a write: like every writer of bookings, it locks the resource first.
    await pool.begin(async (tx) => {
      await tx`select 1 from public.resources r join public.bookings b on b.resource_id = r.id where b.id = ${target} for no key update of r`;
      await tx`update public.bookings set hold_expires_at = now() - interval '1 second' where id = ${target} and status = 'held'`;
    });
  } else if (cmd.kind === 'modify') {
    await asUser(
      pool,
      staff,
      (tx) => tx`
        select id from public.modify_booking(
          p_booking_id => ${target}, p_resource_id => ${rooms[cmd.room] as string},
          p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${FIRST_DAY + cmd.start}::int,
          p_departure => (now() at time zone 'Europe/Lisbon')::date + ${FIRST_DAY + cmd.start + cmd.nights}::int)`,
    );
  } else {
    const rpc = cmd.kind === 'confirm' ? 'confirm_booking' : 'cancel_booking';
    await asUser(pool, staff, (tx) => tx.unsafe(`select id from public.${rpc}($1)`, [target]));
  }
}

describe('random booking sequences', () => {
  it('never leave two active bookings of a room overlapping', async () => {
    const unexpected: string[] = [];
    const succeeded: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 28 }), async (commands) => {
        const created: string[] = [];
        unexpected.length = 0;
        for (let i = 0; i < commands.length; i += PARALLEL) {
          await Promise.all(
            commands.slice(i, i + PARALLEL).map((cmd) =>
              run(cmd, created).then(
                () => {
                  succeeded[cmd.kind] = (succeeded[cmd.kind] ?? 0) + 1;
                },
                (error: { code?: string; message: string }) => {
                  if (!(error.code === 'P0001' && EXPECTED_REFUSALS.has(error.message))) {
                    unexpected.push(`${cmd.kind}: ${error.code} ${error.message}`);
                  }
                },
              ),
            ),
          );
        }
        const [overlaps] = await db.admin`
          select count(*)::int as n
          from public.bookings a
          join public.bookings b on b.resource_id = a.resource_id and b.id > a.id and b.blocked_period && a.blocked_period
          where a.resource_id in ${db.admin(rooms)}
            and a.status in ('held', 'confirmed', 'checked_in') and b.status in ('held', 'confirmed', 'checked_in')`;
        const [misplaced] = await db.admin`
          select count(*)::int as n from public.bookings b
          where b.resource_id in ${db.admin(rooms)}
            and (b.period <> tstzrange((b.arrival_date + time '15:00') at time zone 'Europe/Lisbon',
                   (b.departure_date + time '11:00') at time zone 'Europe/Lisbon')
              or jsonb_array_length(b.price_breakdown -> 'lines') <> b.departure_date - b.arrival_date)`;
        await db.admin`delete from public.bookings where resource_id in ${db.admin(rooms)}`;
        expect(unexpected, 'only business-rule refusals').toEqual([]);
        return overlaps?.n === 0 && misplaced?.n === 0;
      }),
      { numRuns: 100 },
    );
    expect(unexpected, 'only business-rule refusals').toEqual([]);
    for (const kind of ['create', 'modify', 'confirm', 'cancel']) {
      expect(succeeded[kind] ?? 0, `some ${kind} calls succeeded (${JSON.stringify(succeeded)})`).toBeGreaterThan(0);
    }
  });
});
