// Every organization always has an owner: whatever path a change takes (RPCs, the service role,
// deleting a user), the last owner cannot disappear; only owners grant or revoke ownership.
import { describe, expect, it } from 'vitest';
import { asServiceRole, asUser, createUser, pgError, useTestDatabase } from './support/db.ts';
import { createTenant } from './support/tenants.ts';

const db = useTestDatabase();

async function roleOf(organizationId: string, userId: string): Promise<string | undefined> {
  const [row] = await db.admin`
    select role::text from public.memberships where organization_id = ${organizationId} and user_id = ${userId}`;
  return row?.role as string | undefined;
}

describe('ownership', () => {
  it('makes the creator of an organization its owner', async () => {
    const founder = await createUser(db.admin, 'founder');
    const [org] = await asUser(
      db.admin,
      founder,
      (tx) => tx`select * from public.create_organization('Seaside', 'seaside', 'Europe/Lisbon', 'EUR', 'pt-PT')`,
    );
    expect(org, 'the organization row is returned').toMatchObject({
      slug: 'seaside',
      name: 'Seaside',
      time_zone: 'Europe/Lisbon',
    });
    expect(await roleOf(org?.id, founder.id), 'the creator is owner').toBe('owner');
    const taken = await pgError(
      asUser(db.admin, founder, (tx) => tx`select * from public.create_organization('Again', 'seaside')`),
    );
    expect(taken, 'a slug is unique').toMatchObject({ code: '23505', message: 'slug_taken' });
  });

  it('gives a slug to exactly one of two concurrent creators', async () => {
    const [first, second] = [await createUser(db.admin, 'racer-1'), await createUser(db.admin, 'racer-2')];
    const create = (user: typeof first) =>
      asUser(db.admin, user, (tx) => tx`select * from public.create_organization('Race', 'race-for-slug')`);
    const results = await Promise.allSettled([create(first), create(second)]);
    expect(results.filter((r) => r.status === 'fulfilled').length, 'one creator wins').toBe(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason, 'the other gets the stable code').toMatchObject({ code: '23505', message: 'slug_taken' });
  });

  it('refuses to let the last owner leave, be demoted or be removed', async () => {
    const t = await createTenant(db.admin, 'last');
    const owner = t.members.owner;
    const leave = await pgError(
      asUser(db.admin, owner, (tx) => tx`select public.leave_organization(${t.organizationId})`),
    );
    expect(leave, 'leaving').toMatchObject({ code: 'P0001', message: 'last_owner' });
    const demote = await pgError(
      asUser(
        db.admin,
        owner,
        (tx) => tx`select * from public.change_member_role(${t.organizationId}, ${owner.id}, 'admin')`,
      ),
    );
    expect(demote, 'demoting oneself').toMatchObject({ code: 'P0001', message: 'last_owner' });
    const remove = await pgError(
      asUser(db.admin, owner, (tx) => tx`select public.remove_member(${t.organizationId}, ${owner.id})`),
    );
    expect(remove, 'removing oneself').toMatchObject({ code: 'P0001', message: 'last_owner' });
    expect(await roleOf(t.organizationId, owner.id), 'still the owner').toBe('owner');
  });

  it('holds even for the service role and for deleting the owner account', async () => {
    const t = await createTenant(db.admin, 'svc');
    const direct = await pgError(
      asServiceRole(
        db.admin,
        (tx) => tx`delete from public.memberships where organization_id = ${t.organizationId} and role = 'owner'`,
      ),
    );
    expect(direct, 'service role deleting the owner membership').toMatchObject({ message: 'last_owner' });
    const account = await pgError(db.admin`delete from auth.users where id = ${t.members.owner.id}`);
    expect(account, 'deleting the only owner account').toMatchObject({ message: 'last_owner' });
    const ownerless = await pgError(
      asServiceRole(
        db.admin,
        (tx) => tx`insert into public.organizations (slug, name) values ('ownerless', 'Ownerless')`,
      ),
    );
    expect(ownerless, 'an organization without an owner').toMatchObject({ code: 'P0001', message: 'last_owner' });
  });

  it('lets one of two owners leave', async () => {
    const t = await createTenant(db.admin, 'two');
    await asUser(
      db.admin,
      t.members.owner,
      (tx) => tx`select * from public.change_member_role(${t.organizationId}, ${t.members.admin.id}, 'owner')`,
    );
    await asUser(db.admin, t.members.owner, (tx) => tx`select public.leave_organization(${t.organizationId})`);
    expect(await roleOf(t.organizationId, t.members.owner.id), 'the first owner left').toBeUndefined();
    expect(await roleOf(t.organizationId, t.members.admin.id), 'the second owner stays').toBe('owner');
  });

  it('transfers ownership: the new owner is owner, the old one becomes admin', async () => {
    const t = await createTenant(db.admin, 'xfer');
    await asUser(
      db.admin,
      t.members.owner,
      (tx) => tx`select public.transfer_ownership(${t.organizationId}, ${t.members.viewer.id})`,
    );
    expect(await roleOf(t.organizationId, t.members.viewer.id), 'new owner').toBe('owner');
    expect(await roleOf(t.organizationId, t.members.owner.id), 'old owner').toBe('admin');
    const again = await pgError(
      asUser(
        db.admin,
        t.members.owner,
        (tx) => tx`select public.transfer_ownership(${t.organizationId}, ${t.members.staff.id})`,
      ),
    );
    expect(again, 'the former owner can no longer transfer').toMatchObject({
      code: '42501',
      message: 'insufficient_role',
    });
    const outsider = await createUser(db.admin, 'nobody');
    const toOutsider = await pgError(
      asUser(
        db.admin,
        t.members.viewer,
        (tx) => tx`select public.transfer_ownership(${t.organizationId}, ${outsider.id})`,
      ),
    );
    expect(toOutsider, 'ownership goes only to a member').toMatchObject({ code: 'PT404', message: 'member_not_found' });
  });

  it('lets only owners grant or revoke ownership', async () => {
    const t = await createTenant(db.admin, 'grant');
    const byAdmin = await pgError(
      asUser(
        db.admin,
        t.members.admin,
        (tx) => tx`select * from public.change_member_role(${t.organizationId}, ${t.members.manager.id}, 'owner')`,
      ),
    );
    expect(byAdmin, 'an admin granting ownership').toMatchObject({ code: '42501', message: 'insufficient_role' });
    await asUser(
      db.admin,
      t.members.owner,
      (tx) => tx`select * from public.change_member_role(${t.organizationId}, ${t.members.manager.id}, 'owner')`,
    );
    const revokeByAdmin = await pgError(
      asUser(
        db.admin,
        t.members.admin,
        (tx) => tx`select * from public.change_member_role(${t.organizationId}, ${t.members.manager.id}, 'staff')`,
      ),
    );
    expect(revokeByAdmin, 'an admin revoking ownership').toMatchObject({ code: '42501', message: 'insufficient_role' });
    await asUser(
      db.admin,
      t.members.owner,
      (tx) => tx`select * from public.change_member_role(${t.organizationId}, ${t.members.manager.id}, 'staff')`,
    );
    expect(await roleOf(t.organizationId, t.members.manager.id), 'the owner revoked it').toBe('staff');
  });

  it('lets an owner delete the organization with all its rows', async () => {
    const t = await createTenant(db.admin, 'gone');
    const deleted = await asUser(
      db.admin,
      t.members.owner,
      (tx) => tx`delete from public.organizations where id = ${t.organizationId}`,
    );
    expect(deleted.count, 'organization deleted').toBe(1);
    const [left] = await db.admin`
      select (select count(*) from public.memberships where organization_id = ${t.organizationId})::int
           + (select count(*) from public.properties where organization_id = ${t.organizationId})::int
           + (select count(*) from public.invitations where organization_id = ${t.organizationId})::int as n`;
    expect(left?.n, 'no rows of the organization remain').toBe(0);
  });
});
