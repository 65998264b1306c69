// Guest profiles: upsert_guest finds a guest by email (any case) or normalized phone before
// creating one, records marketing consent with its time, refuses to merge two profiles, and
// stays one profile under concurrent calls; members read guests, viewers cannot write them,
// another organization sees none.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'guests');
  other = await createTenant(db.admin, 'guests-other');
});

interface Guest {
  id: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  language: string | null;
  tags: string[];
  marketing_consent: boolean;
  marketing_consent_at: Date | null;
}

async function upsert(
  user: TestUser,
  args: { name: string; email?: string | null; phone?: string | null; consent?: boolean | null; tags?: string[] },
): Promise<Guest> {
  const [row] = await asUser(
    db.admin,
    user,
    (tx) => tx`
      select * from public.upsert_guest(
        p_organization_id => ${tenant.organizationId}, p_full_name => ${args.name},
        p_email => ${args.email ?? null}, p_phone => ${args.phone ?? null},
        p_tags => ${args.tags ?? null}, p_marketing_consent => ${args.consent ?? null})`,
  );
  return row as unknown as Guest;
}

describe('upsert_guest', () => {
  it('creates a guest with a normalized phone, then finds it by email in any case or by phone', async () => {
    const staff = tenant.members.staff;
    const created = await upsert(staff, {
      name: ' Marta Reis ',
      email: 'Marta.Reis@Example.test',
      phone: '00351 (912) 000-111',
      tags: ['vip', 'vip', 'late arrival'],
    });
    expect(created, 'a new guest, trimmed and normalized').toMatchObject({
      full_name: 'Marta Reis',
      email: 'marta.reis@example.test',
      phone: '+351912000111',
      tags: ['late arrival', 'vip'],
      marketing_consent: false,
      marketing_consent_at: null,
    });
    const byEmail = await upsert(staff, { name: 'Marta S. Reis', email: 'MARTA.REIS@example.test' });
    expect(byEmail.id, 'found by email, whatever its case').toBe(created.id);
    expect(byEmail.full_name, 'and renamed').toBe('Marta S. Reis');
    const byPhone = await upsert(staff, { name: 'Marta Reis', phone: '+351 912 000 111', email: 'marta@work.test' });
    expect(byPhone.id, 'found by phone').toBe(created.id);
    expect(byPhone.email, 'a new email replaces the old one').toBe('marta@work.test');
    const [count] =
      await db.admin`select count(*)::int as n from public.guests where organization_id = ${tenant.organizationId} and full_name like 'Marta%'`;
    expect(count?.n, 'one profile').toBe(1);
  });

  it('records when consent was given and clears it when withdrawn', async () => {
    const staff = tenant.members.staff;
    const given = await upsert(staff, { name: 'João Lima', email: 'joao@example.test', consent: true });
    expect(given.marketing_consent, 'consent given').toBe(true);
    expect(given.marketing_consent_at, 'with its time').toBeInstanceOf(Date);
    const unchanged = await upsert(staff, { name: 'João Lima', email: 'joao@example.test' });
    expect(unchanged.marketing_consent_at, 'null keeps the consent and its time').toEqual(given.marketing_consent_at);
    const withdrawn = await upsert(staff, { name: 'João Lima', email: 'joao@example.test', consent: false });
    expect(withdrawn, 'consent withdrawn').toMatchObject({ marketing_consent: false, marketing_consent_at: null });
  });

  it('refuses to merge two guests when the email names one and the phone another', async () => {
    const staff = tenant.members.staff;
    await upsert(staff, { name: 'Guest One', email: 'one@example.test' });
    await upsert(staff, { name: 'Guest Two', phone: '+351930000002' });
    const error = await pgError(upsert(staff, { name: 'Mixed', email: 'one@example.test', phone: '+351930000002' }));
    expect({ code: error.code, message: error.message }, 'a conflict, not a merge').toEqual({
      code: '23505',
      message: 'guest_conflict',
    });
  });

  it('keeps one guest when many calls create the same email at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => upsert(tenant.members.staff, { name: 'Rush Guest', email: 'rush@example.test' })),
    );
    expect(new Set(results.map((g) => g.id)).size, 'every call returns the same guest').toBe(1);
  });
});

describe('visit history', () => {
  it("lists a guest's confirmed, current and past stays under the bookings' RLS", async () => {
    const guestId = (tenant.extra.bookings as { guestId: string }).guestId;
    const visits = await asUser(
      db.admin,
      tenant.members.viewer,
      (tx) => tx`select status from public.guest_visits where guest_id = ${guestId} order by status`,
    );
    // Fixture: a hold (not a visit), two confirmed stays and one checked in.
    expect(
      visits.map((v) => v.status),
      'the fixture guest has three visits',
    ).toEqual(['confirmed', 'confirmed', 'checked_in']);
    const [foreign] = await asUser(
      db.admin,
      other.members.owner,
      (tx) => tx`select count(*)::int as n from public.guest_visits where guest_id = ${guestId}`,
    );
    expect(foreign?.n, "another organization sees none of the guest's visits").toBe(0);
  });
});

describe('access to guests', () => {
  it('lets viewers read guests but not write them, and shows another organization nothing', async () => {
    const [seen] = await asUser(
      db.admin,
      tenant.members.viewer,
      (tx) => tx`select count(*)::int as n from public.guests`,
    );
    expect(seen?.n, 'a viewer reads the guests').toBeGreaterThan(0);
    const refused = await pgError(upsert(tenant.members.viewer, { name: 'Nope', email: 'nope@example.test' }));
    expect({ code: refused.code, message: refused.message }, 'a viewer cannot upsert').toEqual({
      code: '42501',
      message: 'insufficient_role',
    });
    const direct = await pgError(
      asUser(db.admin, tenant.members.owner, (tx) => tx`update public.guests set notes = 'x'`),
    );
    expect(direct.code, 'nobody writes guests directly').toBe('42501');
    const [foreign] = await asUser(
      db.admin,
      other.members.owner,
      (tx) => tx`select count(*)::int as n from public.guests where organization_id = ${tenant.organizationId}`,
    );
    expect(foreign?.n, 'another organization sees no guest').toBe(0);
    const outsider = await pgError(upsert(other.members.owner, { name: 'Spy', email: 'spy@example.test' }));
    expect(outsider.message, "another organization's owner cannot upsert here").toBe('organization_not_found');
  });
});
