// Access follows membership at once: a removed member, or one limited to some properties, sees
// the change on the very next statement, even inside a transaction that was already open.
import type { ReservedSql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { asUser, claimsFor, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant } from './support/tenants.ts';

const db = useTestDatabase();

/** A connection that stays signed in as `user` inside one open transaction. */
async function openSession(user: TestUser): Promise<ReservedSql> {
  const session = await db.admin.reserve();
  await session`begin`;
  await session`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(claimsFor(user))}, true)`;
  return session;
}

async function closeSession(session: ReservedSql): Promise<void> {
  await session`rollback`;
  session.release();
}

const visibleProperties = async (sql: ReservedSql, organizationId: string) =>
  (await sql`select id from public.properties where organization_id = ${organizationId} order by id`).map(
    (r) => r.id as string,
  );

describe('member access', () => {
  it('cuts a removed member off on their next statement', async () => {
    const t = await createTenant(db.admin, 'cut');
    const session = await openSession(t.members.manager);
    try {
      expect((await visibleProperties(session, t.organizationId)).length, 'before removal').toBe(2);
      await asUser(
        db.admin,
        t.members.admin,
        (tx) => tx`select public.remove_member(${t.organizationId}, ${t.members.manager.id})`,
      );
      expect(await visibleProperties(session, t.organizationId), 'after removal, same open transaction').toEqual([]);
      const [org] = await session`select count(*)::int as n from public.organizations where id = ${t.organizationId}`;
      expect(org?.n, 'the organization is gone from view too').toBe(0);
      const write =
        await session`update public.properties set name = 'Mine now' where organization_id = ${t.organizationId}`;
      expect(write.count, 'no writes either').toBe(0);
    } finally {
      await closeSession(session);
    }
  });

  it('limits a restricted member to the listed properties, and lifts the limit', async () => {
    const t = await createTenant(db.admin, 'limit');
    const [hotel, restaurant] = t.propertyIds;
    const staff = t.members.staff;
    const session = await openSession(staff);
    try {
      expect((await visibleProperties(session, t.organizationId)).length, 'unrestricted').toBe(2);
      await asUser(
        db.admin,
        t.members.admin,
        (tx) => tx`select public.set_member_property_access(${t.organizationId}, ${staff.id}, ${[restaurant]}::uuid[])`,
      );
      expect(await visibleProperties(session, t.organizationId), 'restricted to the restaurant').toEqual([restaurant]);
      await asUser(
        db.admin,
        t.members.admin,
        (tx) =>
          tx`select public.set_member_property_access(${t.organizationId}, ${staff.id}, ${[hotel, restaurant]}::uuid[])`,
      );
      expect((await visibleProperties(session, t.organizationId)).sort(), 'both listed').toEqual(
        [hotel, restaurant].sort(),
      );
      await asUser(
        db.admin,
        t.members.admin,
        (tx) => tx`select public.set_member_property_access(${t.organizationId}, ${staff.id}, null)`,
      );
      expect((await visibleProperties(session, t.organizationId)).length, 'limit lifted').toBe(2);
      const [rows] =
        await db.admin`select count(*)::int as n from public.member_property_access where user_id = ${staff.id}`;
      expect(rows?.n, 'lifting the limit clears the list').toBe(0);
    } finally {
      await closeSession(session);
    }
  });

  it('restricts no admin or owner, whatever their flag says', async () => {
    const t = await createTenant(db.admin, 'boss');
    await asUser(
      db.admin,
      t.members.owner,
      (tx) =>
        tx`select public.set_member_property_access(${t.organizationId}, ${t.members.admin.id}, ${[t.propertyIds[0]]}::uuid[])`,
    );
    const seen = await asUser(
      db.admin,
      t.members.admin,
      (tx) => tx`select id from public.properties where organization_id = ${t.organizationId}`,
    );
    expect(seen.length, 'an admin sees every property').toBe(2);
  });

  it('refuses properties of another organization in a restriction', async () => {
    const t = await createTenant(db.admin, 'mine');
    const other = await createTenant(db.admin, 'theirs');
    const error = await pgError(
      asUser(
        db.admin,
        t.members.admin,
        (tx) =>
          tx`select public.set_member_property_access(${t.organizationId}, ${t.members.staff.id}, ${[other.propertyIds[0]]}::uuid[])`,
      ),
    );
    expect(error, 'foreign property').toMatchObject({ code: 'PT404', message: 'property_not_found' });
    const [flag] =
      await db.admin`select all_properties from public.memberships where organization_id = ${t.organizationId} and user_id = ${t.members.staff.id}`;
    expect(flag?.all_properties, 'nothing changed').toBe(true);
  });

  it('lets a restricted manager edit only the properties they work in', async () => {
    const t = await createTenant(db.admin, 'edit');
    const [hotel] = t.propertyIds;
    await asUser(
      db.admin,
      t.members.owner,
      (tx) =>
        tx`select public.set_member_property_access(${t.organizationId}, ${t.members.manager.id}, ${[hotel]}::uuid[])`,
    );
    const updated = await asUser(
      db.admin,
      t.members.manager,
      (tx) => tx`update public.properties set kind = 'venue' where organization_id = ${t.organizationId} returning id`,
    );
    expect(
      updated.map((r) => r.id),
      'only the hotel changed',
    ).toEqual([hotel]);
    const create = await pgError(
      asUser(
        db.admin,
        t.members.manager,
        (tx) => tx`insert into public.properties (organization_id, name) values (${t.organizationId}, 'Annex')`,
      ),
    );
    expect(create.code, 'a restricted manager cannot create properties').toBe('42501');
  });
});
