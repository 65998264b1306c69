// Invitations that name properties: the new member works only there from the moment they accept,
// deleting those properties never widens their access, and admins cannot be restricted.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, createUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'ipa');
  other = await createTenant(db.admin, 'ipa-other');
});

function invite(email: string, role: string, propertyIds: string[] | null, inviter: TestUser = tenant.members.admin) {
  return asUser(
    db.admin,
    inviter,
    (tx) => tx<{ invitation_id: string; token: string }[]>`
      select * from public.invite_member(${tenant.organizationId}, ${email}, ${role}, interval '7 days', ${propertyIds}::uuid[])`,
  );
}

async function acceptAs(user: TestUser, token: string) {
  await asUser(db.admin, user, (tx) => tx`select public.accept_invitation(${token})`);
  const [membership] = await db.admin<{ all_properties: boolean }[]>`
    select all_properties from public.memberships where organization_id = ${tenant.organizationId} and user_id = ${user.id}`;
  const access = await db.admin<{ property_id: string }[]>`
    select property_id from public.member_property_access where user_id = ${user.id} order by property_id`;
  return { allProperties: membership?.all_properties, properties: access.map((row) => row.property_id) };
}

/** The properties the member reads through RLS. */
async function visibleProperties(user: TestUser): Promise<string[]> {
  const rows = await asUser(
    db.admin,
    user,
    (tx) => tx<{ id: string }[]>`select id from public.properties where organization_id = ${tenant.organizationId}`,
  );
  return rows.map((row) => row.id).sort();
}

describe('invitations restricted to properties', () => {
  it('starts the member with access to the named properties only', async () => {
    const invitee = await createUser(db.admin, 'ipa-staff');
    const [row] = await invite(invitee.email, 'staff', [tenant.propertyIds[1]]);
    const [listed] = await asUser(
      db.admin,
      tenant.members.admin,
      (tx) => tx<{ all_properties: boolean; property_id: string }[]>`
        select i.all_properties, a.property_id from public.invitations i
        join public.invitation_property_access a on a.invitation_id = i.id where i.id = ${row?.invitation_id ?? ''}`,
    );
    expect(listed, 'the admin reads the invitation and its property').toEqual({
      all_properties: false,
      property_id: tenant.propertyIds[1],
    });
    const joined = await acceptAs(invitee, row?.token ?? '');
    expect(joined, 'restricted on arrival').toEqual({ allProperties: false, properties: [tenant.propertyIds[1]] });
    expect(await visibleProperties(invitee), 'RLS shows only that property').toEqual([tenant.propertyIds[1]]);
  });

  it('gives every property when none are named', async () => {
    const invitee = await createUser(db.admin, 'ipa-all');
    const [row] = await invite(invitee.email, 'viewer', null);
    expect(await acceptAs(invitee, row?.token ?? ''), 'unrestricted').toEqual({ allProperties: true, properties: [] });
  });

  it('keeps the restriction when the named properties were deleted before acceptance', async () => {
    const [doomed] = await db.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind) values (${tenant.organizationId}, 'Doomed Inn', 'hotel') returning id`;
    const invitee = await createUser(db.admin, 'ipa-doomed');
    const [row] = await invite(invitee.email, 'manager', [doomed?.id ?? '']);
    await db.admin`delete from public.properties where id = ${doomed?.id ?? ''}`;
    const joined = await acceptAs(invitee, row?.token ?? '');
    expect(joined, 'still restricted, to nothing').toEqual({ allProperties: false, properties: [] });
    expect(await visibleProperties(invitee), 'sees no property').toEqual([]);
  });

  it('refuses a restriction for admins, an empty list and another organization’s property, writing nothing', async () => {
    const email = `ipa-refused-${Date.now()}@example.test`;
    const cases: [string, string[], object][] = [
      ['admin', [tenant.propertyIds[0]], { code: '22023', message: 'property_access_not_applicable' }],
      ['staff', [], { code: '22023', message: 'invalid_property_ids' }],
      ['staff', [other.propertyIds[0]], { code: 'PT404', message: 'property_not_found' }],
    ];
    for (const [role, ids, expected] of cases) {
      expect(await pgError(invite(email, role, ids, tenant.members.owner)), `${role} ${ids.length}`).toMatchObject(
        expected,
      );
    }
    const [count] = await db.admin`select count(*)::int as n from public.invitations where email = ${email}`;
    expect(count?.n, 'no invitation was written').toBe(0);
  });

  it('keeps the table from members below admin and from other tenants', async () => {
    const invitee = await createUser(db.admin, 'ipa-hidden');
    await invite(invitee.email, 'staff', [tenant.propertyIds[0]]);
    for (const reader of [tenant.members.manager, other.members.owner]) {
      const rows = await asUser(
        db.admin,
        reader,
        (tx) => tx`select * from public.invitation_property_access where organization_id = ${tenant.organizationId}`,
      );
      expect(rows.length, 'nothing visible').toBe(0);
    }
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`insert into public.invitation_property_access (invitation_id, organization_id, property_id)
          select id, organization_id, ${tenant.propertyIds[0]} from public.invitations where organization_id = ${tenant.organizationId} limit 1`,
      ),
    );
    expect(error.code, 'no direct writes, even for the owner').toBe('42501');
  });
});
