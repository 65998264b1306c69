// Builds a complete tenant for tests: an organization with a member of every role, properties,
// a property restriction and an open invitation, so every tenant table holds rows of it.
// A migration that adds a tenant table adds rows of it here, through a fixture in
// `tenant-fixtures.ts` (the cross-tenant test insists).
import { randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import { createUser, type TestUser } from './db.ts';
import { TENANT_FIXTURES } from './tenant-fixtures.ts';

export const ROLES = ['owner', 'admin', 'manager', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Tenant {
  organizationId: string;
  slug: string;
  members: Record<Role, TestUser>;
  /** A staff member limited to `propertyIds[0]`. */
  restrictedStaff: TestUser;
  propertyIds: [string, string];
  invitationId: string;
  invitedEmail: string;
  /** Ids created by the fixtures of later areas, by fixture name. */
  extra: Record<string, Record<string, string>>;
}

export async function createTenant(sql: Sql, label: string): Promise<Tenant> {
  const slug = `${label}-${randomBytes(4).toString('hex')}`;
  const members = {} as Record<Role, TestUser>;
  for (const role of ROLES) members[role] = await createUser(sql, `${label}-${role}`);
  const restrictedStaff = await createUser(sql, `${label}-restricted`);
  const invitedEmail = `${label}-invitee-${randomBytes(4).toString('hex')}@example.test`;

  return sql.begin(async (tx) => {
    const [org] = await tx`
      insert into public.organizations (slug, name, time_zone, currency, created_by)
      values (${slug}, ${`Org ${label}`}, 'Europe/Lisbon', 'EUR', ${members.owner.id}) returning id`;
    const organizationId = org?.id as string;
    for (const role of ROLES) {
      await tx`insert into public.memberships (organization_id, user_id, role) values (${organizationId}, ${members[role].id}, ${role})`;
    }
    await tx`
      insert into public.memberships (organization_id, user_id, role, all_properties)
      values (${organizationId}, ${restrictedStaff.id}, 'staff', false)`;
    const properties = await tx`
      insert into public.properties (organization_id, name, kind)
      values (${organizationId}, 'Hotel', 'hotel'), (${organizationId}, 'Restaurant', 'restaurant')
      returning id`;
    const propertyIds = properties.map((row) => row.id as string) as [string, string];
    await tx`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${organizationId}, ${restrictedStaff.id}, ${propertyIds[0]})`;
    // The invited staff member will work in the hotel only.
    const [invitation] = await tx`
      insert into public.invitations (organization_id, email, role, token_hash, invited_by, expires_at, all_properties)
      values (${organizationId}, ${invitedEmail}, 'staff', ${randomBytes(32)}, ${members.owner.id}, now() + interval '7 days', false)
      returning id`;
    await tx`
      insert into public.invitation_property_access (invitation_id, organization_id, property_id)
      values (${invitation?.id}, ${organizationId}, ${propertyIds[0]})`;
    const tenant: Tenant = {
      organizationId,
      slug,
      members,
      restrictedStaff,
      propertyIds,
      invitationId: invitation?.id as string,
      invitedEmail,
      extra: {},
    };
    for (const fixture of TENANT_FIXTURES) tenant.extra[fixture.name] = await fixture.create(tx, tenant);
    return tenant;
  }) as Promise<Tenant>;
}
