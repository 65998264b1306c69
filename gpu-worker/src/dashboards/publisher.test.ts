// The dashboard publisher against a real database: commits notify it, a burst is read a few times
// (not once per commit) and the last tiles sent hold the last commit's figures; a rolled-back
// change sends nothing; of two publishers only one sends, and the other takes over when it stops.
import type { Sql } from 'postgres';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { createSmallTenant, quietLogger, type SmallTenant, waitFor } from '../jobs/testing/support.ts';
import { type DashboardPublisher, dashboardTopic, startDashboardPublisher } from './publisher.ts';

const stack = useTestStack();
let tenant: SmallTenant;
let rooms: string[];
const running: DashboardPublisher[] = [];

interface SentTiles {
  day: string;
  read_at: number;
  touched: { from: string; to: string }[];
  covered: { from: string; to: string }[];
  days: { day: string; rooms_sold: number }[];
  today: { rooms_total: number; rooms_sold: number; arrivals: number };
}

async function sentTiles(sql: Sql, propertyId: string): Promise<SentTiles[]> {
  const rows = await sql<{ payload: SentTiles }[]>`
    select payload from realtime.messages
    where topic = ${dashboardTopic(propertyId)} and event = 'kpis' and private
    order by inserted_at, id`;
  return rows.map((row) => row.payload);
}

/** A confirmed one-night stay from today (the property's zone) in the given room. */
async function bookTonight(sql: Sql, room: string): Promise<void> {
  await sql`
    with today as (select (now() at time zone 'UTC')::date as d)
    insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
      arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, confirmed_at)
    select ${tenant.organizationId}, ${tenant.propertyId}, ${room}, 'confirmed', p.period, p.period, t.d, t.d + 1, 2,
      'EUR', 10000, '{}', now()
    from today t cross join lateral (select tstzrange((t.d + time '15:00') at time zone 'UTC',
      (t.d + 1 + time '11:00') at time zone 'UTC') as period) p`;
}

async function start(options: { intervalMs?: number; leaderRetryMs?: number } = {}): Promise<DashboardPublisher> {
  const publisher = await startDashboardPublisher({ sql: stack.admin, log: quietLogger(), ...options });
  running.push(publisher);
  return publisher;
}

beforeAll(async () => {
  tenant = await createSmallTenant(stack.admin, 'tiles');
  await stack.admin`update public.properties set time_zone = 'UTC' where id = ${tenant.propertyId}`;
  const [type] = await stack.admin<{ id: string }[]>`
    insert into public.resource_types (organization_id, property_id, kind, name, pricing)
    values (${tenant.organizationId}, ${tenant.propertyId}, 'room', 'Double', 'night') returning id`;
  rooms = [];
  for (let n = 1; n <= 12; n++) {
    const [room] = await stack.admin<{ id: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${tenant.organizationId}, ${tenant.propertyId}, ${type?.id as string}, ${`R${n}`}, 2) returning id`;
    rooms.push((room as { id: string }).id);
  }
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((publisher) => publisher.stop()));
  await stack.admin`delete from realtime.messages`;
});

describe('dashboard publisher', () => {
  it('reads a burst of commits a few times, and the last tiles sent hold the last commit', async () => {
    const publisher = await start({ intervalMs: 200 });
    expect(publisher.active).toBe(true);
    for (const room of rooms.slice(0, 10)) await bookTonight(stack.admin, room);
    const last = await waitFor('the tiles of the tenth booking', async () => {
      const sent = await sentTiles(stack.admin, tenant.propertyId);
      const newest = sent.at(-1);
      return newest?.today.rooms_sold === 10 ? sent : undefined;
    });
    expect(last.length, 'fewer sends than commits: the burst was coalesced').toBeLessThan(10);
    expect(publisher.counts.reads).toBeLessThan(10);
    const [direct] = await stack.admin<{ rooms_total: number; rooms_sold: number }[]>`
      select rooms_total, rooms_sold from public.property_daily_kpis(${tenant.propertyId},
        (now() at time zone 'UTC')::date, (now() at time zone 'UTC')::date)`;
    expect(last.at(-1)?.today).toMatchObject({ rooms_total: 12, rooms_sold: direct?.rooms_sold, arrivals: 10 });
    const today = new Date().toISOString().slice(0, 10);
    expect(last.at(-1)?.day).toBe(today);
    // Every push names the days its bookings touched: tonight's stays, arrival to departure.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const sent of last) expect(sent.touched).toEqual([{ from: today, to: tomorrow }]);
    // ...and carries those days' figures, read with the tiles: tonight's rooms sold agree.
    const final = last.at(-1) as SentTiles;
    expect(final.covered).toEqual([{ from: today, to: tomorrow }]);
    expect(final.days.map((day) => day.day)).toEqual([today, tomorrow]);
    expect(final.days[0]?.rooms_sold).toBe(final.today.rooms_sold);
  });

  it('sends nothing for a rolled-back change, and the same figures again for a commit that moves none', async () => {
    const publisher = await start({ intervalMs: 50 });
    await stack.admin
      .begin(async (tx) => {
        await bookTonight(tx as unknown as Sql, rooms[10] as string);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    // A change of a resource that moves nothing the tiles count is still read and sent: a page that
    // saw the change waits for a push before it falls back to reading its loader.
    await stack.admin`update public.resources set name = 'R1' where id = ${rooms[0] as string}`;
    // Waits for the sends: a read is counted before its send has finished.
    await waitFor('the first push', async () => (publisher.counts.sent >= 1 ? true : undefined));
    await stack.admin`update public.resources set name = 'R1' where id = ${rooms[0] as string}`;
    await waitFor('the second push', async () => (publisher.counts.sent >= 2 ? true : undefined));
    expect(publisher.counts).toMatchObject({ reads: 2, sent: 2, failed: 0 });
    const sent = await sentTiles(stack.admin, tenant.propertyId);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.today.rooms_sold, 'the rolled-back booking is not counted').toBe(10);
    expect(sent[1]?.today).toEqual(sent[0]?.today);
    expect(
      sent.map((tiles) => tiles.touched),
      'a room change touches no booking days',
    ).toEqual([[], []]);
    expect(sent.map((tiles) => tiles.days)).toEqual([[], []]);
    expect(sent[1]?.read_at).toBeGreaterThan(sent[0]?.read_at as number);
  });

  it('lets one publisher send at a time; a standby takes over when the active one stops', async () => {
    const first = await start({ intervalMs: 50 });
    const second = await start({ intervalMs: 50, leaderRetryMs: 100 });
    expect([first.active, second.active]).toEqual([true, false]);
    await bookTonight(stack.admin, rooms[10] as string);
    await waitFor('the active publisher sends', async () => (first.counts.sent >= 1 ? true : undefined));
    expect(second.counts.reads).toBe(0);
    await first.stop();
    await waitFor('the standby takes over', async () => (second.active ? true : undefined));
    await bookTonight(stack.admin, rooms[11] as string);
    const sent = await waitFor('the tiles of the twelfth booking', async () => {
      const tiles = await sentTiles(stack.admin, tenant.propertyId);
      return tiles.at(-1)?.today.rooms_sold === 12 ? tiles : undefined;
    });
    expect(second.counts.sent).toBeGreaterThanOrEqual(1);
    expect(sent.at(-1)?.today.rooms_sold).toBe(12);
  });
});
