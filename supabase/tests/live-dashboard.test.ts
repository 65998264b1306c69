// Live dashboard tiles (migration 20261206160700, decision 027): changes notify roost_dashboard
// with the property's id at commit (never for a rollback), the tiles read for the publisher are the
// page's own figures, and the read-only topic dashboard:<property> is heard by the property's
// members only and spoken on by no one.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, useTestDatabase } from './support/db.ts';
import { canListen } from './support/realtime-topics.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let hotel: string;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'live');
  other = await createTenant(db.admin, 'live-other');
  hotel = tenant.propertyIds[0];
});

describe('notifications of change', () => {
  it('names the property once per transaction, at commit, and nothing for a rollback', async () => {
    const heard: string[] = [];
    const listening = await db.admin.listen('roost_dashboard', (payload) => heard.push(payload));
    try {
      await db.admin.begin(async (tx) => {
        await tx`update public.properties set name = 'Hotel' where id = ${hotel}`;
        const [type] = await tx`
          insert into public.resource_types (organization_id, property_id, kind, name, pricing)
          values (${tenant.organizationId}, ${hotel}, 'room', 'Live double', 'night') returning id`;
        for (const name of ['L1', 'L2', 'L3']) {
          await tx`
            insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
            values (${tenant.organizationId}, ${hotel}, ${type?.id}, ${name}, 2)`;
        }
      });
      await db.admin
        .begin(async (tx) => {
          await tx`update public.resources set name = name where property_id = ${tenant.propertyIds[1]}`;
          await tx`
            insert into public.resource_types (organization_id, property_id, kind, name, pricing)
            values (${tenant.organizationId}, ${tenant.propertyIds[1]}, 'table', 'Live four', 'slot')`;
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await db.admin`select pg_sleep(0.2)`;
      expect(heard).toEqual([hotel]);
    } finally {
      await listening.unlisten();
    }
  });

  it('names the stay of a booking change, old and new for a move (migration 20261206191000)', async () => {
    const [room] = await db.admin<{ id: string }[]>`
      select id from public.resources where property_id = ${hotel} and name = 'L1'`;
    const heard: string[] = [];
    const listening = await db.admin.listen('roost_dashboard', (payload) => heard.push(payload));
    try {
      // Stays from 15:00 on arrival to 11:00 on departure, UTC.
      const [booking] = await db.admin<{ id: string }[]>`
        insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
          arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, confirmed_at)
        select ${tenant.organizationId}, ${hotel}, ${room?.id ?? ''}, 'confirmed', p.stay, p.stay, '2027-03-01',
          '2027-03-03', 2, 'EUR', 20000, '{}', now()
        from (select tstzrange('2027-03-01 15:00+00', '2027-03-03 11:00+00') as stay) p
        returning id`;
      await db.admin`
        update public.bookings set period = tstzrange('2027-03-05 15:00+00', '2027-03-07 11:00+00'),
          blocked_period = tstzrange('2027-03-05 15:00+00', '2027-03-07 11:00+00'),
          arrival_date = '2027-03-05', departure_date = '2027-03-07'
        where id = ${booking?.id ?? ''}`;
      await db.admin`update public.bookings set party_size = 1 where id = ${booking?.id ?? ''}`;
      await db.admin`select pg_sleep(0.2)`;
      expect(heard).toEqual([
        `${hotel} 2027-03-01 2027-03-03`,
        `${hotel} 2027-03-05 2027-03-07`,
        `${hotel} 2027-03-01 2027-03-03`,
        `${hotel} 2027-03-05 2027-03-07`,
      ]);
    } finally {
      await listening.unlisten();
    }
  });
});

describe('the tiles read for the publisher', () => {
  it("are today's figures of the property in its own time zone, the page's functions' rows", async () => {
    const [row] = await db.admin<{ tiles: Record<string, unknown> }[]>`
      select private.dashboard_live_tiles(${hotel}) as tiles`;
    const [today] = await db.admin<{ day: string }[]>`
      select to_char((now() at time zone p.time_zone)::date, 'YYYY-MM-DD') as day
      from public.properties p where p.id = ${hotel}`;
    const day = today?.day ?? '';
    const [kpis] = await db.admin`
      select to_jsonb(k) as row from public.property_daily_kpis(${hotel}, ${day}::date, ${day}::date) k`;
    expect(row?.tiles).toMatchObject({ property_id: hotel, day: today?.day, today: kpis?.row, stations: [] });
    expect(
      (row?.tiles.today as { rooms_total: number } | undefined)?.rooms_total,
      'the rooms added above count',
    ).toBeGreaterThanOrEqual(3);
    expect(row?.tiles.open_orders).toEqual([]);
  });

  it('are null for a property that does not exist, and not callable by the API roles', async () => {
    const [row] = await db.admin`select private.dashboard_live_tiles(${randomUUID()}) as tiles`;
    expect(row?.tiles).toBeNull();
    const refused = await pgError(
      asUser(db.admin, tenant.members.owner, (tx) => tx`select private.dashboard_live_tiles(${hotel})`),
    );
    expect(refused.code).toBe('42501');
  });
});

describe('the touched days read for the publisher', () => {
  const daysOf = async (touched: { from: string; to: string }[]) => {
    const [row] = await db.admin<{ days: { covered: { from: string; to: string }[]; days: { day: string }[] } }[]>`
      select private.dashboard_live_days(${hotel}, ${db.admin.json(touched)}) as days`;
    return row?.days as { covered: { from: string; to: string }[]; days: { day: string }[] };
  };
  const localToday = async () => {
    const [row] = await db.admin<{ day: string }[]>`
      select to_char((now() at time zone p.time_zone)::date, 'YYYY-MM-DD') as day from public.properties p
      where p.id = ${hotel}`;
    return row?.day ?? '';
  };
  const plus = (day: string, n: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  it("are the page's rows of the touched days inside the presets' window and its last year, no more than 120", async () => {
    const today = await localToday();
    const stay = { from: plus(today, 2), to: plus(today, 4) };
    const read = await daysOf([
      { from: plus(today, -400), to: plus(today, -380) },
      stay,
      { from: plus(today, 85), to: plus(today, 95) },
      { from: plus(today, 500), to: plus(today, 501) },
    ]);
    expect(read.covered, 'cut to both windows; far ahead is not covered').toEqual([
      { from: plus(today, -394), to: plus(today, -380) },
      stay,
      { from: plus(today, 85), to: plus(today, 89) },
    ]);
    const [kpis] = await db.admin<{ rows: unknown[] }[]>`
      select jsonb_agg(to_jsonb(k) order by k.day) as rows
      from public.property_daily_kpis(${hotel}, ${stay.from}::date, ${stay.to}::date) k`;
    expect(read.days.filter((row) => row.day >= stay.from && row.day <= stay.to)).toEqual(kpis?.rows);
    expect(read.days).toHaveLength(15 + 3 + 5);
    const wide = await daysOf([
      { from: plus(today, -394), to: plus(today, -275) },
      { from: plus(today, -30), to: plus(today, 89) },
    ]);
    expect(wide.covered, 'the first 120 days only').toEqual([{ from: plus(today, -394), to: plus(today, -275) }]);
    expect(wide.days).toHaveLength(120);
  });

  it('are none for nothing touched, an unknown property or a bad argument, and not callable by the API roles', async () => {
    expect(await daysOf([])).toEqual({ covered: [], days: [] });
    const [unknown] = await db.admin`
      select private.dashboard_live_days(${randomUUID()}, '[{"from":"2026-12-06","to":"2026-12-07"}]') as days`;
    expect(unknown?.days).toEqual({ covered: [], days: [] });
    const [scalar] = await db.admin`select private.dashboard_live_days(${hotel}, '"x"') as days`;
    expect(scalar?.days).toEqual({ covered: [], days: [] });
    const refused = await pgError(
      asUser(db.admin, tenant.members.owner, (tx) => tx`select private.dashboard_live_days(${hotel}, '[]')`),
    );
    expect(refused.code).toBe('42501');
  });
});

describe('the topic dashboard:<property>', () => {
  it("is heard by every member who may read the property, and by no one else's", async () => {
    const topic = `dashboard:${hotel}`;
    for (const role of ['owner', 'manager', 'staff', 'viewer'] as const) {
      expect(await asUser(db.admin, tenant.members[role], (tx) => canListen(tx, topic)), role).toBe(true);
    }
    expect(await asUser(db.admin, tenant.restrictedStaff, (tx) => canListen(tx, topic))).toBe(true);
    const restaurant = `dashboard:${tenant.propertyIds[1]}`;
    expect(await asUser(db.admin, tenant.restrictedStaff, (tx) => canListen(tx, restaurant))).toBe(false);
    expect(await asUser(db.admin, other.members.owner, (tx) => canListen(tx, topic))).toBe(false);
    expect(await asUser(db.admin, tenant.members.owner, (tx) => canListen(tx, 'dashboard:not-a-uuid'))).toBe(false);
  });

  it('takes no message from a browser, not even from the owner', async () => {
    const forged = await pgError(
      asUser(db.admin, tenant.members.owner, async (tx) => {
        await tx`select set_config('realtime.topic', ${`dashboard:${hotel}`}, true)`;
        await tx`
          insert into realtime.messages (topic, extension, event, private, payload)
          values (${`dashboard:${hotel}`}, 'broadcast', 'kpis', true, '{"today": {"rooms_sold": 999}}')`;
      }),
    );
    expect(forged.code).toBe('42501');
  });
});
