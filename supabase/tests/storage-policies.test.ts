// Roost's buckets under RLS, as the Storage API will run them (as the caller's role and claims):
// org-assets for an organization's managers, documents for whoever works at the property in the
// path; another organization, anon and malformed paths get nothing.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { attempt, type Outcome } from './support/access-matrix.ts';
import { type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant(db.admin, 'store-a');
  b = await createTenant(db.admin, 'store-b');
});

/** Uploading, as the Storage API records it: one row in storage.objects. */
const upload = (bucket: string, name: string) => async (tx: Tx) =>
  (
    await tx`
      insert into storage.objects (bucket_id, name, owner_id, metadata)
      values (${bucket}, ${name}, (select auth.uid())::text, ${tx.json({ size: 1, mimetype: 'application/pdf' })})
      returning id`
  ).length;

const read = (bucket: string, name: string) => async (tx: Tx) =>
  (await tx`select id from storage.objects where bucket_id = ${bucket} and name = ${name}`).length;

/** Deleting, as the Storage API does it (it sets the guard that lets a delete through). */
const remove = (bucket: string, name: string) => async (tx: Tx) => {
  await tx`select set_config('storage.allow_delete_query', 'true', true)`;
  return (await tx`delete from storage.objects where bucket_id = ${bucket} and name = ${name}`).count;
};

/** An object put in place by the platform (service role), for the read and delete cases. */
async function existing(bucket: string, name: string): Promise<string> {
  await db.admin`insert into storage.objects (bucket_id, name, metadata) values (${bucket}, ${name}, '{}')`;
  return name;
}

const as = (who: TestUser | 'anon', action: (tx: Tx) => Promise<Outcome>) => attempt(db.admin, who, action);

describe('storage buckets', () => {
  it('creates the two buckets with their limits', async () => {
    const buckets = await db.admin`
      select id, public, file_size_limit::int as size_limit from storage.buckets where id in ('org-assets', 'documents') order by id`;
    expect(buckets, 'buckets').toEqual([
      { id: 'documents', public: false, size_limit: 20 * 1024 * 1024 },
      { id: 'org-assets', public: true, size_limit: 5 * 1024 * 1024 },
    ]);
  });

  it("lets an organization's managers, and nobody else, write its assets", async () => {
    const logo = `${a.organizationId}/logo-${randomUUID()}.png`;
    expect(await as(a.members.manager, upload('org-assets', logo)), 'a manager uploads').toBe(1);
    expect(await as(a.members.staff, upload('org-assets', logo)), 'staff may not').toBe('42501');
    expect(await as(b.members.owner, upload('org-assets', logo)), "another organization's owner may not").toBe('42501');
    expect(await as('anon', upload('org-assets', logo)), 'anon may not').toBe('42501');
    const stored = await existing('org-assets', `${a.organizationId}/menu-${randomUUID()}.png`);
    expect(await as(a.members.viewer, read('org-assets', stored)), 'members list their assets').toBe(1);
    expect(await as(b.members.owner, read('org-assets', stored)), 'another organization lists nothing').toBe(0);
    expect(await as(a.members.staff, remove('org-assets', stored)), 'staff cannot delete').toBe(0);
    expect(await as(a.members.admin, remove('org-assets', stored)), 'an admin deletes').toBe(1);
  });

  it('keeps the logo folder to admins, and the rest to managers over every property', async () => {
    const restricted = a.restrictedStaff;
    // The tenant's restricted staff member, promoted for this case: a manager of one property only.
    await db.admin`
      update public.memberships set role = 'manager' where organization_id = ${a.organizationId} and user_id = ${restricted.id}`;
    try {
      const photo = `${a.organizationId}/items/${randomUUID()}/photo.png`;
      expect(await as(restricted, upload('org-assets', photo)), 'a restricted manager may not').toBe('42501');
      expect(await as(a.members.manager, upload('org-assets', photo)), 'a manager over every property may').toBe(1);
      const logo = `${a.organizationId}/logo/${randomUUID()}.png`;
      expect(await as(a.members.manager, upload('org-assets', logo)), 'a manager may not touch the logo').toBe('42501');
      expect(await as(a.members.admin, upload('org-assets', logo)), 'an admin uploads the logo').toBe(1);
      // Deletes of objects that exist (each case above ran in a transaction rolled back after it).
      const storedLogo = await existing('org-assets', `${a.organizationId}/logo/${randomUUID()}.png`);
      const storedPhoto = await existing('org-assets', photo);
      expect(await as(a.members.manager, remove('org-assets', storedLogo)), 'nor delete it').toBe(0);
      expect(await as(restricted, remove('org-assets', storedPhoto)), 'nor a restricted manager the photo').toBe(0);
      expect(await as(a.members.owner, remove('org-assets', storedLogo)), 'an owner deletes the logo').toBe(1);
      expect(await as(a.members.manager, remove('org-assets', storedPhoto)), 'a manager deletes the photo').toBe(1);
    } finally {
      await db.admin`
        update public.memberships set role = 'staff' where organization_id = ${a.organizationId} and user_id = ${restricted.id}`;
    }
  });

  it('keeps documents to the people who work at the property in the path', async () => {
    const [hotel, restaurant] = a.propertyIds;
    const scan = `${a.organizationId}/${hotel}/inbox/passport-${randomUUID()}.pdf`;
    const invoice = `${a.organizationId}/${restaurant}/invoices/${randomUUID()}.pdf`;
    expect(await as(a.restrictedStaff, upload('documents', scan)), 'hotel-only staff at the hotel').toBe(1);
    expect(await as(a.restrictedStaff, upload('documents', invoice)), 'hotel-only staff at the restaurant').toBe(
      '42501',
    );
    expect(await as(a.members.staff, upload('documents', invoice)), 'unrestricted staff at the restaurant').toBe(1);
    expect(await as(a.members.viewer, upload('documents', invoice)), 'viewers do not write').toBe('42501');
    expect(await as(b.members.owner, upload('documents', scan)), "another organization's owner").toBe('42501');

    const stored = await existing('documents', `${a.organizationId}/${restaurant}/menus/${randomUUID()}.pdf`);
    expect(await as(a.members.viewer, read('documents', stored)), 'a viewer reads').toBe(1);
    expect(await as(a.restrictedStaff, read('documents', stored)), 'hotel-only staff do not see the restaurant').toBe(
      0,
    );
    expect(await as(b.members.owner, read('documents', stored)), 'another organization sees nothing').toBe(0);
    expect(await as(a.restrictedStaff, remove('documents', stored)), 'nor delete it').toBe(0);
    expect(await as(a.members.staff, remove('documents', stored)), 'staff there delete it').toBe(1);
  });

  it("refuses paths that mix one organization's folder with another's property, or are malformed", async () => {
    const crossed = `${a.organizationId}/${b.propertyIds[0]}/inbox/${randomUUID()}.pdf`;
    expect(await as(b.members.owner, upload('documents', crossed)), "B's property under A's folder").toBe('42501');
    expect(await as(a.members.owner, upload('documents', crossed)), "A's owner with B's property").toBe('42501');
    for (const name of ['../etc/passwd', `${a.organizationId}/not-a-uuid/x.pdf`, 'x/y/z.pdf', `${a.organizationId}`]) {
      expect(await as(a.members.owner, upload('documents', name)), `malformed path ${name}`).toBe('42501');
    }
  });
});
