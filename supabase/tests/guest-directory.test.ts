// The guest directory (migration 20261206120400): search_guests matches name, email or phone
// literally (LIKE's wildcards and PostgREST's filter characters are plain text), counts every
// match and sorts by last stay; create_guest and update_guest never merge two guests and leave
// the refusal to the unique indexes; update_guest sets exactly what it is given; consent history
// comes from the audit log; managers adjust loyalty points; guest_history lists stays and orders.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();

let tenant: Tenant;
let other: Tenant;
let ana: string;

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'directory');
  other = await createTenant(db.admin, 'directory-other');
  ana = (tenant.extra.bookings as unknown as BookingsFixtureIds).guestId;
  await db.admin`
    insert into public.guests (organization_id, full_name, email, phone) values
      (${tenant.organizationId}, 'Zoë "Zed" O''Neil (Ltd), 50% off', 'zoe_neil@example.test', '+442071234567'),
      (${tenant.organizationId}, 'Bruno Alves', 'bruno@example.test', null),
      (${tenant.organizationId}, 'Carla 5*', null, '+351930000003')`;
});

interface Match {
  full_name: string;
  last_stay: string | null;
  stays: number;
  total_count: string;
}

function search(
  user: TestUser,
  query: string | null,
  options: { sort?: string; limit?: number; offset?: number } = {},
) {
  return asUser(
    db.admin,
    user,
    (tx) => tx<Match[]>`
      select full_name, last_stay::text, stays, total_count::text from public.search_guests(
        p_organization_id => ${tenant.organizationId}, p_query => ${query}, p_sort => ${options.sort ?? 'name'},
        p_limit => ${options.limit ?? 25}, p_offset => ${options.offset ?? 0})`,
  );
}

const names = (rows: Match[]) => rows.map((row) => row.full_name);

describe('search_guests', () => {
  it('finds guests by part of the name, email or phone, in any case', async () => {
    const staff = tenant.members.staff;
    expect(names(await search(staff, 'bRuN')), 'name').toEqual(['Bruno Alves']);
    expect(names(await search(staff, 'ZOE_NEIL@')), 'email').toEqual(['Zoë "Zed" O\'Neil (Ltd), 50% off']);
    expect(names(await search(staff, '207 123')), 'phone digits with a separator').toEqual([
      'Zoë "Zed" O\'Neil (Ltd), 50% off',
    ]);
    // Zoë's phone holds "12"; her name and email do not (others' random emails may, so only she is checked).
    expect(names(await search(staff, '12')), 'two digits are too few for a phone match').not.toContain(
      'Zoë "Zed" O\'Neil (Ltd), 50% off',
    );
  });

  it('reads LIKE wildcards and filter punctuation as plain text', async () => {
    const staff = tenant.members.staff;
    const zoe = ['Zoë "Zed" O\'Neil (Ltd), 50% off'];
    for (const query of ['50%', '"Zed"', '(Ltd),', "O'Neil", 'e_n']) {
      expect(names(await search(staff, query)), query).toEqual(zoe);
    }
    expect(names(await search(staff, '5*')), 'an asterisk is a character').toEqual(['Carla 5*']);
    expect(await search(staff, '%'), 'a lone % matches only a %').toHaveLength(1);
    expect(await search(staff, '_'), 'a lone _ matches only a _').toHaveLength(1);
    expect(await search(staff, '\\'), 'a backslash matches nothing').toEqual([]);
  });

  it('counts every match on each page and sorts by last stay', async () => {
    const staff = tenant.members.staff;
    const all = await search(staff, null);
    const page = await search(staff, null, { limit: 2, offset: 2 });
    expect(page, 'a page of two').toHaveLength(2);
    expect(page[0]?.total_count, 'the total of all pages').toBe(String(all.length));
    expect(names(page), 'by name').toEqual(names(all).slice(2, 4));
    const byStay = await search(staff, null, { sort: 'last_stay' });
    expect(byStay[0], 'Ana checked in yesterday: one stay').toMatchObject({ full_name: 'Ana Costa', stays: 1 });
    expect(byStay[0]?.last_stay).not.toBeNull();
    expect(
      byStay.slice(1).every((row) => row.last_stay === null),
      'the others never stayed',
    ).toBe(true);
  });

  it('answers not found for another organization and checks its arguments', async () => {
    const outsider = other.members.owner;
    const refused = await pgError(search(outsider, null));
    expect({ code: refused.code, message: refused.message }).toEqual({
      code: 'PT404',
      message: 'organization_not_found',
    });
    const sort = await pgError(search(tenant.members.staff, null, { sort: 'email' }));
    expect({ code: sort.code, message: sort.message }).toEqual({ code: '22023', message: 'invalid_sort' });
  });
});

interface Guest {
  id: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  language: string | null;
  notes: string | null;
  marketing_consent: boolean;
  marketing_consent_at: Date | null;
}

function create(
  user: TestUser,
  fields: { name: string; email?: string | null; phone?: string | null; consent?: boolean },
) {
  return asUser(
    db.admin,
    user,
    async (tx) =>
      (
        await tx<Guest[]>`select * from public.create_guest(${tenant.organizationId}, ${fields.name},
          ${fields.email ?? null}, ${fields.phone ?? null}, null, null, ${fields.consent ?? false})`
      )[0] as Guest,
  );
}

function update(user: TestUser, id: string, fields: Partial<Omit<Guest, 'id'>> & { full_name: string }) {
  return asUser(
    db.admin,
    user,
    async (tx) =>
      (
        await tx<Guest[]>`select * from public.update_guest(${id}, ${fields.full_name}, ${fields.email ?? null},
          ${fields.phone ?? null}, ${fields.language ?? null}, ${fields.notes ?? null}, ${fields.marketing_consent ?? false})`
      )[0] as Guest,
  );
}

describe('create_guest and update_guest', () => {
  it('creates a guest and refuses an email or phone another guest has, naming the index', async () => {
    const staff = tenant.members.staff;
    const dina = await create(staff, { name: ' Dina Reis ', email: 'Dina@Example.test', phone: '+351 931 000 001' });
    expect(dina).toMatchObject({ full_name: 'Dina Reis', email: 'dina@example.test', phone: '+351931000001' });
    const email = await pgError(create(staff, { name: 'Someone', email: 'BRUNO@example.test' }));
    expect(email.code).toBe('23505');
    expect(email.message).toContain('guests_organization_email_key');
    const phone = await pgError(create(staff, { name: 'Someone', phone: '00351 931 000 001' }));
    expect(phone.message).toContain('guests_organization_phone_key');
    const viewer = await pgError(create(tenant.members.viewer, { name: 'Nope' }));
    expect({ code: viewer.code, message: viewer.message }).toEqual({ code: '42501', message: 'insufficient_role' });
  });

  it('sets exactly the given fields of that guest, never another one', async () => {
    const staff = tenant.members.staff;
    const erin = await create(staff, { name: 'Erin Moss', email: 'erin@example.test' });
    const moved = await update(staff, erin.id, {
      full_name: 'Erin Moss-Lee',
      email: 'erin.lee@example.test',
      language: 'en-GB',
      notes: 'Allergic to feathers.',
    });
    expect(moved, 'the same guest with a new email').toMatchObject({
      id: erin.id,
      full_name: 'Erin Moss-Lee',
      email: 'erin.lee@example.test',
      language: 'en-GB',
    });
    const cleared = await update(staff, erin.id, { full_name: 'Erin Moss-Lee', email: null, notes: null });
    expect(cleared, 'null clears').toMatchObject({ email: null, notes: null, language: null });
    const [count] = await db.admin`
      select count(*)::int as n from public.guests where organization_id = ${tenant.organizationId} and full_name like 'Erin%'`;
    expect(count?.n, 'no second profile').toBe(1);
    const taken = await pgError(update(staff, erin.id, { full_name: 'Erin', email: 'bruno@example.test' }));
    expect(taken.message).toContain('guests_organization_email_key');
    const bad = await pgError(update(staff, erin.id, { full_name: 'Erin', phone: '12' }));
    expect({ code: bad.code, message: bad.message }).toEqual({ code: '22023', message: 'invalid_phone' });
  });

  it('answers not found for a guest of another organization', async () => {
    const refused = await pgError(update(other.members.owner, ana, { full_name: 'Hijacked' }));
    expect({ code: refused.code, message: refused.message }).toEqual({ code: 'PT404', message: 'guest_not_found' });
  });

  it('keeps the time consent was first given and shows when it was given and withdrawn', async () => {
    const staff = tenant.members.staff;
    const fay = await create(staff, { name: 'Fay Nunes', consent: true });
    const again = await update(staff, fay.id, { full_name: 'Fay Nunes', marketing_consent: true });
    expect(again.marketing_consent_at, 'kept').toEqual(fay.marketing_consent_at);
    await update(staff, fay.id, { full_name: 'Fay Nunes', marketing_consent: false });
    const history = await asUser(
      db.admin,
      staff,
      (tx) => tx`select granted, changed_by from public.guest_consent_history(${fay.id})`,
    );
    expect(history, 'withdrawn, then given, newest first').toEqual([
      { granted: false, changed_by: staff.id },
      { granted: true, changed_by: staff.id },
    ]);
    const viewer = await pgError(
      asUser(db.admin, tenant.members.viewer, (tx) => tx`select * from public.guest_consent_history(${fay.id})`),
    );
    expect(viewer.message).toBe('insufficient_role');
  });
});

describe('adjust_loyalty_points', () => {
  const adjust = (user: TestUser, points: number) =>
    asUser(
      db.admin,
      user,
      (tx) => tx`select loyalty_points from public.adjust_loyalty_points(${ana}, ${points}, 'Goodwill')`,
    );

  it('lets a manager add and remove points, never below zero, and refuses staff', async () => {
    const [before] = await db.admin`select loyalty_points from public.guests where id = ${ana}`;
    const start = before?.loyalty_points as number;
    const [added] = await adjust(tenant.members.manager, 50);
    expect(added?.loyalty_points).toBe(start + 50);
    const [removed] = await adjust(tenant.members.manager, -20);
    expect(removed?.loyalty_points).toBe(start + 30);
    const overdraft = await pgError(adjust(tenant.members.manager, -(start + 31)));
    expect({ code: overdraft.code, message: overdraft.message }).toEqual({
      code: 'P0001',
      message: 'insufficient_points',
    });
    const staff = await pgError(adjust(tenant.members.staff, 5));
    expect(staff.message).toBe('insufficient_role');
    const [ledger] = await db.admin`
      select count(*)::int as n from public.loyalty_ledger where guest_id = ${ana} and reason = 'Goodwill'`;
    expect(ledger?.n, 'two entries').toBe(2);
  });
});

describe('guest_history', () => {
  it('lists the guest’s stays but holds and their orders, under the bookings’ RLS', async () => {
    const booked = tenant.extra.bookings as unknown as BookingsFixtureIds;
    const [order] = await db.admin`
      insert into public.orders (organization_id, property_id, kind, booking_id, currency, status, submitted_at)
      values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'room', ${booked.checkedInBookingId}, 'EUR', 'submitted', now())
      returning id`;
    const rows = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`select kind, id, status from public.guest_history where guest_id = ${ana} order by starts_at desc`,
    );
    expect(
      rows
        .filter((row) => row.kind === 'stay')
        .map((row) => row.status)
        .sort(),
    ).toEqual(['checked_in', 'confirmed', 'confirmed']);
    expect(rows.filter((row) => row.kind === 'order').map((row) => row.id)).toContain(order?.id);
    const outsider = await asUser(
      db.admin,
      other.members.owner,
      (tx) => tx`select id from public.guest_history where guest_id = ${ana}`,
    );
    expect(outsider, 'nothing of another organization').toEqual([]);
  });
});
