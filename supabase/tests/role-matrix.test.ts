// What each role may do on each tenancy table and RPC, as one readable matrix. Every cell runs
// in its own transaction that is rolled back, so cells never influence each other.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTORS,
  type Actor,
  attempt,
  count,
  done,
  type Expectation,
  expectation,
  type Outcome,
} from './support/access-matrix.ts';
import { createUser, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let outsider: TestUser;

function userOf(actor: Exclude<Actor, 'anon'>): TestUser {
  if (actor === 'restricted') return tenant.restrictedStaff;
  if (actor === 'outsider') return outsider;
  return tenant.members[actor];
}

const members = (outcome: Outcome, exceptions: Partial<Expectation> = {}) =>
  expectation(outcome, { outsider: 0, anon: '42501', ...exceptions });

interface Cell {
  name: string;
  action: (tx: Tx) => Promise<Outcome>;
  expected: Expectation;
}

function tableCells(): Cell[] {
  const org = tenant.organizationId;
  return [
    {
      name: 'read the organization',
      action: (tx) => count(tx`select count(*)::int as n from public.organizations where id = ${org}`),
      expected: members(1),
    },
    {
      name: 'rename the organization',
      action: async (tx) => (await tx`update public.organizations set name = 'Renamed' where id = ${org}`).count,
      expected: members(0, { owner: 1, admin: 1 }),
    },
    {
      name: 'delete the organization',
      action: async (tx) => (await tx`delete from public.organizations where id = ${org}`).count,
      expected: members(0, { owner: 1 }),
    },
    {
      name: 'insert an organization directly',
      action: (tx) => done(tx`insert into public.organizations (slug, name) values ('direct', 'Direct')`),
      expected: expectation('42501'),
    },
    {
      name: 'read the memberships',
      action: (tx) => count(tx`select count(*)::int as n from public.memberships where organization_id = ${org}`),
      expected: members(6),
    },
    {
      name: 'promote oneself by writing memberships directly',
      action: async (tx) =>
        (await tx`update public.memberships set role = 'owner' where organization_id = ${org}`).count,
      expected: expectation('42501'),
    },
    {
      name: 'read the invitations',
      action: (tx) => count(tx`select count(*)::int as n from public.invitations where organization_id = ${org}`),
      expected: members(0, { owner: 1, admin: 1 }),
    },
    {
      name: 'read invitation token hashes',
      action: (tx) => count(tx`select count(token_hash)::int as n from public.invitations`),
      expected: expectation('42501'),
    },
    {
      name: 'read the properties',
      action: (tx) => count(tx`select count(*)::int as n from public.properties where organization_id = ${org}`),
      expected: members(2, { restricted: 1 }),
    },
    {
      // RETURNING, as supabase-js `.insert().select()` sends it: the new row must be readable.
      name: 'create a property',
      action: async (tx) =>
        (await tx`insert into public.properties (organization_id, name) values (${org}, 'New wing') returning id`)
          .length,
      expected: expectation('42501', { owner: 1, admin: 1, manager: 1 }),
    },
    {
      name: 'edit the properties',
      action: async (tx) =>
        (await tx`update public.properties set kind = 'venue' where organization_id = ${org}`).count,
      expected: members(0, { owner: 2, admin: 2, manager: 2 }),
    },
    {
      name: 'delete the properties',
      action: async (tx) => (await tx`delete from public.properties where organization_id = ${org}`).count,
      expected: members(0, { owner: 2, admin: 2 }),
    },
    {
      name: 'read the property restrictions',
      action: (tx) =>
        count(tx`select count(*)::int as n from public.member_property_access where organization_id = ${org}`),
      expected: members(0, { owner: 1, admin: 1, restricted: 1 }),
    },
    {
      name: 'read the audit log',
      action: (tx) => count(tx`select (count(*) > 0)::int as n from public.audit_log where organization_id = ${org}`),
      expected: members(0, { owner: 1, admin: 1 }),
    },
    {
      name: 'rename oneself in the profile',
      action: async (tx) =>
        (await tx`update public.profiles set display_name = 'Me' where user_id = (select auth.uid())`).count,
      expected: expectation(1, { anon: '42501' }),
    },
  ];
}

function rpcCells(): Cell[] {
  const org = tenant.organizationId;
  const m = tenant.members;
  const call = (query: (tx: Tx) => Promise<unknown>) => (tx: Tx) => done(query(tx));
  const adminsOnly = (extra: Partial<Expectation> = {}) =>
    expectation('insufficient_role', {
      owner: 'ok',
      admin: 'ok',
      outsider: 'organization_not_found',
      anon: '42501',
      ...extra,
    });
  const ownersOnly = () => adminsOnly({ admin: 'insufficient_role' });
  return [
    {
      name: 'invite a staff member',
      action: call((tx) => tx`select * from public.invite_member(${org}, 'new.staff@example.test', 'staff')`),
      expected: adminsOnly(),
    },
    {
      name: 'invite an admin',
      action: call((tx) => tx`select * from public.invite_member(${org}, 'new.admin@example.test', 'admin')`),
      expected: ownersOnly(),
    },
    {
      name: 'invite an owner',
      action: call((tx) => tx`select * from public.invite_member(${org}, 'new.owner@example.test', 'owner')`),
      expected: ownersOnly(),
    },
    {
      name: 'revoke an invitation',
      action: call((tx) => tx`select public.revoke_invitation(${tenant.invitationId})`),
      expected: adminsOnly({
        manager: 'invitation_not_found',
        staff: 'invitation_not_found',
        viewer: 'invitation_not_found',
        restricted: 'invitation_not_found',
        outsider: 'invitation_not_found',
      }),
    },
    {
      name: 'promote staff to manager',
      action: call((tx) => tx`select * from public.change_member_role(${org}, ${m.staff.id}, 'manager')`),
      expected: adminsOnly(),
    },
    {
      name: 'promote a manager to admin',
      action: call((tx) => tx`select * from public.change_member_role(${org}, ${m.manager.id}, 'admin')`),
      expected: ownersOnly(),
    },
    {
      name: 'demote an admin to staff',
      action: call((tx) => tx`select * from public.change_member_role(${org}, ${m.admin.id}, 'staff')`),
      expected: ownersOnly(),
    },
    {
      name: 'remove a viewer',
      action: call((tx) => tx`select public.remove_member(${org}, ${m.viewer.id})`),
      expected: adminsOnly(),
    },
    {
      name: 'remove an admin',
      action: call((tx) => tx`select public.remove_member(${org}, ${m.admin.id})`),
      expected: ownersOnly(),
    },
    {
      name: 'limit a viewer to one property',
      action: call(
        (tx) =>
          tx`select public.set_member_property_access(${org}, ${m.viewer.id}, ${[tenant.propertyIds[0]]}::uuid[])`,
      ),
      expected: adminsOnly(),
    },
    {
      name: 'transfer ownership to the admin',
      action: call((tx) => tx`select public.transfer_ownership(${org}, ${m.admin.id})`),
      expected: ownersOnly(),
    },
    {
      name: 'leave the organization',
      action: call((tx) => tx`select public.leave_organization(${org})`),
      expected: expectation('ok', { owner: 'last_owner', outsider: 'organization_not_found', anon: '42501' }),
    },
    {
      name: 'create an organization',
      action: call((tx) => tx`select * from public.create_organization('Fresh start', 'fresh-start')`),
      expected: expectation('ok', { anon: '42501' }),
    },
  ];
}

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'matrix');
  outsider = await createUser(db.admin, 'outsider');
});

describe.each([
  ['tables', tableCells],
  ['RPCs', rpcCells],
])('role matrix: %s', (_kind, cells) => {
  it('gives each role exactly the access of the matrix', async () => {
    const differences: string[] = [];
    for (const cell of cells()) {
      for (const actor of ACTORS) {
        const outcome = await attempt(db.admin, actor === 'anon' ? 'anon' : userOf(actor), cell.action);
        if (outcome !== cell.expected[actor]) {
          differences.push(`${cell.name} as ${actor}: expected ${cell.expected[actor]}, got ${outcome}`);
        }
      }
    }
    expect(differences, 'cells of the matrix that differ').toEqual([]);
  });
});
