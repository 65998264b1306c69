// public.widget_keys (migration 20261206190100_widget_keys.sql): admins create, edit and revoke
// keys; members who work at the property read them; nobody else sees them; origins are exact.
import { beforeAll, describe, expect, it } from 'vitest';
import { asAnon, asUser, pgError, useTestDatabase } from './support/db.ts';
import { createTenant, ROLES, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
let keyId: string;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'wkeys');
  other = await createTenant(db.admin, 'wkeysother');
  const [row] = await db.admin`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
    values (${tenant.organizationId}, ${tenant.propertyIds[1]}, 'Restaurant site', '{https://food.example}') returning id`;
  keyId = row?.id as string;
});

const insertAs = (role: (typeof ROLES)[number], origins: string[] = ['https://hotel.example']) =>
  asUser(
    db.admin,
    tenant.members[role],
    (tx) => tx`
      insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
      values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${`Site of ${role}`}, ${origins})
      returning id, key, revoked_at, created_by`,
  );

describe('who may do what', () => {
  it('admins and owners create keys with a random value; others are refused', async () => {
    for (const role of ROLES) {
      if (role === 'owner' || role === 'admin') {
        const [row] = await insertAs(role);
        expect(row?.key).toMatch(/^wk_[A-Za-z0-9_-]{32}$/);
        expect(row?.created_by).toBe(tenant.members[role].id);
      } else {
        const error = await pgError(insertAs(role));
        expect(error.code).toBe('42501');
      }
    }
  });

  it('members of the property read its keys; a restricted member of another property and outsiders do not', async () => {
    for (const role of ROLES) {
      const rows = await asUser(
        db.admin,
        tenant.members[role],
        (tx) => tx`select id from public.widget_keys where id = ${keyId}`,
      );
      expect(rows.length, role).toBe(1);
    }
    const restricted = await asUser(
      db.admin,
      tenant.restrictedStaff,
      (tx) => tx`select id from public.widget_keys where id = ${keyId}`,
    );
    expect(restricted.length).toBe(0);
    const outsider = await asUser(
      db.admin,
      other.members.owner,
      (tx) => tx`select id from public.widget_keys where id = ${keyId}`,
    );
    expect(outsider.length).toBe(0);
    const anon = await pgError(asAnon(db.admin, (tx) => tx`select id from public.widget_keys`));
    expect(anon.code).toBe('42501');
  });

  it('admins edit origins and revoke; managers cannot; a revoked key stays revoked', async () => {
    const managerUpdate = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) =>
        tx`update public.widget_keys set allowed_origins = '{https://evil.example}' where id = ${keyId} returning id`,
    );
    expect(managerUpdate.length).toBe(0);
    const [edited] = await asUser(
      db.admin,
      tenant.members.admin,
      (tx) =>
        tx`update public.widget_keys set allowed_origins = '{https://food.example,http://localhost:8080}' where id = ${keyId} returning allowed_origins`,
    );
    expect(edited?.allowed_origins).toEqual(['https://food.example', 'http://localhost:8080']);
    await asUser(
      db.admin,
      tenant.members.admin,
      (tx) => tx`update public.widget_keys set revoked_at = now() where id = ${keyId}`,
    );
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`update public.widget_keys set revoked_at = null where id = ${keyId}`,
      ),
    );
    expect(error).toMatchObject({ code: 'P0001', message: 'widget_key_revoked' });
    const keyChange = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`update public.widget_keys set key = 'wk_chosenbyme123' where id = ${keyId}`,
      ),
    );
    expect(keyChange.code).toBe('42501');
    const deleted = await pgError(
      asUser(db.admin, tenant.members.owner, (tx) => tx`delete from public.widget_keys where id = ${keyId}`),
    );
    expect(deleted.code).toBe('42501');
  });

  it('an admin cannot put a key on another organization’s property', async () => {
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.admin,
        (tx) => tx`
          insert into public.widget_keys (organization_id, property_id, label)
          values (${tenant.organizationId}, ${other.propertyIds[0]}, 'Theirs')`,
      ),
    );
    expect(error.code).toBe('23503');
  });
});

describe('allowed origins are exact origins', () => {
  it.each([
    ['https://hotel.example/'],
    ['https://hotel.example/book'],
    ['https://Hotel.example'],
    ['ftp://hotel.example'],
    ['https://user@hotel.example'],
    ['https://hotel.example:99999'],
    ['https://hotel.example:443'],
    ['*'],
    ['https://*.hotel.example'],
    ['https://hotel.example?x=1'],
    ['https://hotel.example\n'],
    ['https://a.example', 'https://a.example'],
  ])('refuses %j', async (...origins: string[]) => {
    const error = await pgError(insertAs('admin', origins));
    expect(error).toMatchObject({ code: '23514' });
  });

  it.each([
    [['https://hotel.example']],
    [['http://localhost:8080', 'http://127.0.0.2:8080']],
    [['https://[::1]:8443']],
    [[]],
  ])('accepts %j', async (origins: string[]) => {
    const [row] = await insertAs('admin', origins);
    expect(row?.key).toBeTruthy();
  });
});
