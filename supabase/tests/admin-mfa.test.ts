// "Admins must use MFA" (decision 021): with organizations.require_admin_mfa on, an admin or
// owner whose JWT says aal1 is refused every admin-level write with `mfa_required` (42501) and
// the same call passes at aal2; turning the setting on or off needs aal2; other members, other
// organizations and the service role are not affected.
import { beforeAll, describe, expect, it } from 'vitest';
import { asServiceRole, asUser, pgError, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
const AAL2 = { aal: 'aal2', amr: [{ method: 'totp', timestamp: Math.floor(Date.now() / 1000) }] };
const MFA_REQUIRED = { code: '42501', message: 'mfa_required' };

const asAal1 = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => asUser(db.admin, user, fn);
const asAal2 = <T>(user: TestUser, fn: (tx: Tx) => Promise<T>) => asUser(db.admin, user, fn, AAL2);

async function requireMfa(tenant: Tenant, on: boolean): Promise<void> {
  await db.admin`update public.organizations set require_admin_mfa = ${on} where id = ${tenant.organizationId}`;
}

async function roleOf(tenant: Tenant, user: TestUser): Promise<string | undefined> {
  const [row] = await db.admin`
    select role::text from public.memberships where organization_id = ${tenant.organizationId} and user_id = ${user.id}`;
  return row?.role as string | undefined;
}

describe('admins must use MFA', () => {
  let t: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    t = await createTenant(db.admin, 'mfa');
    other = await createTenant(db.admin, 'nomfa');
    await requireMfa(t, true);
  });

  it('refuses the admin RPCs at aal1 and runs them at aal2', async () => {
    const { admin, owner, staff, viewer } = t.members;
    const org = t.organizationId;
    const calls: [string, TestUser, (tx: Tx) => Promise<unknown>][] = [
      ['invite_member', admin, (tx) => tx`select * from public.invite_member(${org}, 'new@example.test', 'staff')`],
      ['change_member_role', admin, (tx) => tx`select * from public.change_member_role(${org}, ${staff.id}, 'viewer')`],
      [
        'set_member_property_access',
        admin,
        (tx) => tx`select public.set_member_property_access(${org}, ${viewer.id}, ${[t.propertyIds[0]]}::uuid[])`,
      ],
      ['revoke_invitation', admin, (tx) => tx`select public.revoke_invitation(${t.invitationId})`],
      ['remove_member', admin, (tx) => tx`select public.remove_member(${org}, ${viewer.id})`],
      ['transfer_ownership', owner, (tx) => tx`select public.transfer_ownership(${org}, ${admin.id})`],
    ];
    for (const [name, actor, call] of calls) {
      expect(await pgError(asAal1(actor, call)), `${name} at aal1`).toMatchObject(MFA_REQUIRED);
    }
    expect(await roleOf(t, staff), 'nothing changed at aal1').toBe('staff');
    expect(await roleOf(t, viewer)).toBe('viewer');
    for (const [, actor, call] of calls) await asAal2(actor, call);
    expect(await roleOf(t, staff), 'changed at aal2').toBe('viewer');
    expect(await roleOf(t, viewer), 'removed at aal2').toBeUndefined();
    expect(await roleOf(t, admin), 'the new owner').toBe('owner');
    expect(await roleOf(t, owner), 'the former owner').toBe('admin');
  });

  it('refuses organization updates and deletes and property deletes at aal1', async () => {
    const mine = await createTenant(db.admin, 'mfa-rows');
    await requireMfa(mine, true);
    const { owner, admin } = mine.members;
    const rename = (tx: Tx) =>
      tx`update public.organizations set name = 'Renamed' where id = ${mine.organizationId} returning id`;
    expect(await pgError(asAal1(admin, rename)), 'update at aal1').toMatchObject(MFA_REQUIRED);
    const dropProperty = (tx: Tx) => tx`delete from public.properties where id = ${mine.propertyIds[1]} returning id`;
    expect(await pgError(asAal1(admin, dropProperty)), 'property delete at aal1').toMatchObject(MFA_REQUIRED);
    const dropOrganization = (tx: Tx) =>
      tx`delete from public.organizations where id = ${mine.organizationId} returning id`;
    expect(await pgError(asAal1(owner, dropOrganization)), 'organization delete at aal1').toMatchObject(MFA_REQUIRED);

    expect(await asAal2(admin, rename), 'update at aal2').toHaveLength(1);
    expect(await asAal2(admin, dropProperty), 'property delete at aal2').toHaveLength(1);
    expect(await asAal2(owner, dropOrganization), 'organization delete at aal2').toHaveLength(1);
  });

  it('lets managers and staff work as before, at aal1', async () => {
    const { manager } = t.members;
    const edited = await asAal1(
      manager,
      (tx) => tx`update public.properties set name = 'Hotel Two' where id = ${t.propertyIds[0]} returning id`,
    );
    expect(edited, 'a manager edits a property at aal1').toHaveLength(1);
  });

  it('needs aal2 to turn the requirement on or off, so nobody locks themselves out', async () => {
    const fresh = await createTenant(db.admin, 'mfa-toggle');
    const { owner, admin, manager } = fresh.members;
    const setTo = (on: boolean) => (tx: Tx) =>
      tx`update public.organizations set require_admin_mfa = ${on} where id = ${fresh.organizationId} returning id`;
    expect(await pgError(asAal1(owner, setTo(true))), 'turning on at aal1').toMatchObject(MFA_REQUIRED);
    // Off, other settings stay open at aal1.
    const renamed = await asAal1(
      admin,
      (tx) => tx`update public.organizations set name = 'Still Open' where id = ${fresh.organizationId} returning id`,
    );
    expect(renamed, 'renaming while off, at aal1').toHaveLength(1);
    // A manager cannot touch organizations at all (RLS: no row to update).
    expect(await asAal2(manager, setTo(true)), 'a manager, even at aal2').toHaveLength(0);
    expect(await asAal2(admin, setTo(true)), 'an admin turns it on at aal2').toHaveLength(1);
    expect(await pgError(asAal1(owner, setTo(false))), 'turning off at aal1').toMatchObject(MFA_REQUIRED);
    expect(await asAal2(owner, setTo(false)), 'turning off at aal2').toHaveLength(1);
  });

  it('leaves other organizations and the service role alone', async () => {
    const renamed = await asAal1(
      other.members.admin,
      (tx) => tx`update public.organizations set name = 'Other' where id = ${other.organizationId} returning id`,
    );
    expect(renamed, 'an organization without the requirement').toHaveLength(1);
    const service = await asServiceRole(
      db.admin,
      (tx) => tx`update public.organizations set name = 'By Service' where id = ${t.organizationId} returning id`,
    );
    expect(service, 'the service role').toHaveLength(1);
  });

  it('lists the admins and owners without a verified factor, for admins only', async () => {
    const list = await createTenant(db.admin, 'mfa-list');
    const { owner, admin, manager } = list.members;
    await db.admin`
      insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
      values (gen_random_uuid(), ${owner.id}, 'Phone', 'totp', 'verified', now(), now(), 'JBSWY3DPEHPK3PXP')`;
    const rows = await asAal1(
      admin,
      (tx) => tx`select user_id, role::text from public.admins_without_mfa(${list.organizationId})`,
    );
    expect(rows, 'the admin has no factor; the owner has one').toEqual([{ user_id: admin.id, role: 'admin' }]);
    const refused = await pgError(
      asAal1(manager, (tx) => tx`select * from public.admins_without_mfa(${list.organizationId})`),
    );
    expect(refused, 'a manager').toMatchObject({ code: '42501', message: 'insufficient_role' });
    const outsider = await pgError(
      asAal1(admin, (tx) => tx`select * from public.admins_without_mfa(${other.organizationId})`),
    );
    expect(outsider, 'another organization').toMatchObject({ message: 'organization_not_found' });
  });

  it('keeps a logo path inside the organization’s own folder', async () => {
    const { admin } = other.members;
    const setLogo = (path: string) => (tx: Tx) =>
      tx`update public.organizations set logo_path = ${path} where id = ${other.organizationId} returning logo_path`;
    const saved = await asAal1(admin, setLogo(`${other.organizationId}/logo/logo-1.png`));
    expect(saved[0]?.logo_path).toBe(`${other.organizationId}/logo/logo-1.png`);
    const foreign = await pgError(asAal1(admin, setLogo(`${t.organizationId}/logo/logo-1.png`)));
    expect(foreign, 'another tenant’s folder').toMatchObject({ code: '23514' });
    expect(foreign.message).toContain('organizations_logo_path_format');
  });
});
