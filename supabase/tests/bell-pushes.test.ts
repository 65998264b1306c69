// The bell's pushes (migration 20261207010000, decision 045): a change of a user's notifications
// notifies roost_bell with the user's id once per transaction at commit (never for a rollback);
// private.bell_of is what /resources/notifications answers; the topic bell:<user> is heard by that
// user only and spoken on by no one.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, useTestDatabase } from './support/db.ts';
import { canListen } from './support/realtime-topics.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;

async function tell(userId: string, title: string, createdAt?: string) {
  await db.admin`
    insert into public.notifications (user_id, event, title, created_at)
    values (${userId}, 'booking_created', ${title}, coalesce(${createdAt ?? null}::timestamptz, now()))`;
}

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'bell');
});

describe('a change of notifications', () => {
  it('names its user once per transaction, at commit, and nothing for a rollback', async () => {
    const { owner, staff } = tenant.members;
    const heard: string[] = [];
    const listening = await db.admin.listen('roost_bell', (payload) => heard.push(payload));
    try {
      await db.admin.begin(async (tx) => {
        for (const title of ['one', 'two', 'three'])
          await tx`insert into public.notifications (user_id, event, title) values (${owner.id}, 'booking_created', ${title})`;
        await tx`insert into public.notifications (user_id, event, title) values (${staff.id}, 'order_ready', 'ready')`;
        await tx`select pg_sleep(0.2)`;
        expect(heard, 'nothing before commit').toEqual([]);
      });
      await expect.poll(() => [...heard].sort()).toEqual([owner.id, staff.id].sort());
      heard.length = 0;
      await db.admin`update public.notifications set read_at = now() where user_id = ${owner.id}`;
      await db.admin`delete from public.notifications where user_id = ${staff.id}`;
      await expect.poll(() => heard).toEqual([owner.id, staff.id]);
      heard.length = 0;
      await db.admin
        .begin(async (tx) => {
          await tx`insert into public.notifications (user_id, event, title) values (${owner.id}, 'booking_created', 'x')`;
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await db.admin`select pg_sleep(0.2)`;
      expect(heard).toEqual([]);
    } finally {
      await listening.unlisten();
    }
  });
});

describe('private.bell_of', () => {
  it('is the newest 20 notifications of the user and their unread count, as the bell lists them', async () => {
    const { manager, viewer } = tenant.members;
    // The tenant's own bookings told its staff already.
    await db.admin`delete from public.notifications where user_id = ${manager.id}`;
    for (let i = 0; i < 23; i++) await tell(manager.id, `n${i}`, `2026-12-01T10:${String(i).padStart(2, '0')}:00Z`);
    await db.admin`update public.notifications set read_at = now() where user_id = ${manager.id} and title in ('n22', 'n0')`;
    await tell(viewer.id, 'someone else');
    const [row] = await db.admin<{ bell: { unread: number; notifications: Record<string, unknown>[] } }[]>`
      select private.bell_of(${manager.id}) as bell`;
    const bell = row?.bell;
    expect(bell?.unread).toBe(21);
    expect(bell?.notifications.map((n) => n.title)).toEqual(Array.from({ length: 20 }, (_, i) => `n${22 - i}`));
    // The columns the web app's listNotifications selects, in PostgREST's timestamp format.
    const [rest] = await asUser(
      db.admin,
      manager,
      (tx) => tx<Record<string, unknown>[]>`
      select to_jsonb(n) as row from (
        select id, event, title, body, link, created_at, read_at from public.notifications
        order by created_at desc limit 1) n`,
    );
    expect(bell?.notifications[0]).toEqual(rest?.row);
    expect(String(bell?.notifications[0]?.created_at)).toMatch(/^2026-12-01T10:22:00\+00:00$/);
  });

  it('is an empty bell for a user with none, and not callable by the API roles', async () => {
    await db.admin`delete from public.notifications where user_id = ${tenant.restrictedStaff.id}`;
    const [row] = await db.admin`select private.bell_of(${tenant.restrictedStaff.id}) as bell`;
    expect(row?.bell).toEqual({ unread: 0, notifications: [] });
    const refused = await pgError(
      asUser(db.admin, tenant.members.owner, (tx) => tx`select private.bell_of(${tenant.members.owner.id})`),
    );
    expect(refused.code).toBe('42501');
  });
});

describe('the topic bell:<user>', () => {
  it('is heard by that user alone', async () => {
    const { owner, staff } = tenant.members;
    expect(await asUser(db.admin, owner, (tx) => canListen(tx, `bell:${owner.id}`))).toBe(true);
    expect(await asUser(db.admin, staff, (tx) => canListen(tx, `bell:${owner.id}`))).toBe(false);
    expect(await asUser(db.admin, owner, (tx) => canListen(tx, `bell:${owner.id.toUpperCase()}`))).toBe(false);
    expect(await asUser(db.admin, owner, (tx) => canListen(tx, 'bell:'))).toBe(false);
  });

  it('takes no message from a browser, not even its own user', async () => {
    const { owner } = tenant.members;
    const forged = await pgError(
      asUser(db.admin, owner, async (tx) => {
        await tx`select set_config('realtime.topic', ${`bell:${owner.id}`}, true)`;
        await tx`
          insert into realtime.messages (topic, extension, event, private, payload)
          values (${`bell:${owner.id}`}, 'broadcast', 'bell', true, '{"unread": 99, "notifications": []}')`;
      }),
    );
    expect(forged.code).toBe('42501');
  });
});
