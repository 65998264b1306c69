// Identity documents at check-in (migration 20261206150300): check_in_with_identity_document
// checks in and records the guest's document together or not at all; the stored fields follow
// the property's id_document_retention; delete_after is check-out + 30 days; staff of the
// booking's property read and insert, managers delete, nobody updates; viewers, staff of another
// property, other organizations and anon see nothing; the audit log keeps no personal field.
import { beforeAll, describe, expect, it } from 'vitest';
import { asAnon, asUser, createUser, pgError, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
/** Staff limited to the tenant's restaurant (propertyIds[1]): another property than the hotel's bookings. */
let restaurantStaff: TestUser;
const ids = () => tenant.extra.bookings as unknown as BookingsFixtureIds;
const hotel = () => tenant.propertyIds[0];

const PASSPORT = {
  p_document_type: 'passport',
  p_document_number: 'l898 902-c3',
  p_issuing_country: 'nld',
  p_nationality: ' NLD ',
  p_birth_date: '1974-08-12',
  p_expiry_date: '2032-04-15',
};

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'idoc');
  other = await createTenant(db.admin, 'idoc-other');
  restaurantStaff = await createUser(db.admin, 'idoc-restaurant');
  await db.admin`
    insert into public.memberships (organization_id, user_id, role, all_properties)
    values (${tenant.organizationId}, ${restaurantStaff.id}, 'staff', false)`;
  await db.admin`
    insert into public.member_property_access (organization_id, user_id, property_id)
    values (${tenant.organizationId}, ${restaurantStaff.id}, ${tenant.propertyIds[1]})`;
});

/** A confirmed stay at the hotel arriving `fromDay` days from local today, for `guestId`. */
async function stay(fromDay: number, guestId: string | null, resourceId = ids().room104): Promise<string> {
  const [row] = await db.admin<{ id: string }[]>`
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
      arrival_date, departure_date, party_size, total_minor, price_breakdown, confirmed_at)
    select ${tenant.organizationId}, ${hotel()}, ${resourceId}, ${guestId}, 'confirmed', p, p, d, d + 2, 1, 20000, '{}'::jsonb, now()
    from (select (now() at time zone 'Europe/Lisbon')::date + ${fromDay}::int as d) today,
      lateral (select tstzrange((d + time '15:00') at time zone 'Europe/Lisbon',
                                (d + 2 + time '11:00') at time zone 'Europe/Lisbon') as p) period
    returning id`;
  return row?.id as string;
}

const checkIn = (user: TestUser, bookingId: string, args: Record<string, string | null> = PASSPORT) =>
  asUser(
    db.admin,
    user,
    (tx) => tx`
      select * from public.check_in_with_identity_document(
        p_booking_id => ${bookingId}, p_document_type => ${args.p_document_type ?? null},
        p_document_number => ${args.p_document_number ?? null}, p_issuing_country => ${args.p_issuing_country ?? null},
        p_nationality => ${args.p_nationality ?? null}, p_birth_date => ${args.p_birth_date ?? null}::date,
        p_expiry_date => ${args.p_expiry_date ?? null}::date)`,
  );

const documentsOf = (bookingId: string) =>
  db.admin<Record<string, unknown>[]>`
    select document_type, document_number, issuing_country, nationality, birth_date::text, expiry_date::text
    from public.guest_identity_documents where booking_id = ${bookingId}`;

const statusOf = async (bookingId: string) =>
  (await db.admin<{ status: string }[]>`select status from public.bookings where id = ${bookingId}`)[0]?.status;

describe('check_in_with_identity_document', () => {
  it('checks the booking in and records the confirmed fields, normalised, until check-out + 30 days', async () => {
    const bookingId = await stay(0, ids().guestId);
    const [document] = await checkIn(tenant.members.staff, bookingId);
    expect(document).toMatchObject({
      booking_id: bookingId,
      guest_id: ids().guestId,
      property_id: hotel(),
      document_type: 'passport',
      document_number: 'L898902C3',
      issuing_country: 'NLD',
      nationality: 'NLD',
      captured_by: tenant.members.staff.id,
    });
    expect(await statusOf(bookingId)).toBe('checked_in');
    const [retention] = await db.admin<{ ok: boolean }[]>`
      select d.delete_after = upper(b.period) + interval '30 days' as ok
      from public.guest_identity_documents d join public.bookings b on b.id = d.booking_id where d.id = ${document?.id}`;
    expect(retention?.ok, 'delete_after is check-out + 30 days').toBe(true);

    const [audit] = await db.admin<{ new_data: Record<string, unknown> }[]>`
      select new_data from public.audit_log where table_name = 'guest_identity_documents' and row_id = ${document?.id}`;
    expect(audit?.new_data.document_type, 'the capture is audited').toBe('passport');
    for (const field of ['document_number', 'issuing_country', 'nationality', 'birth_date']) {
      expect(audit?.new_data, `no ${field} in the audit log`).not.toHaveProperty(field);
    }
  });

  it('records nothing when the check-in is refused, and refuses a booking without a guest', async () => {
    const early = await stay(40, ids().guestId);
    const tooEarly = await pgError(checkIn(tenant.members.staff, early));
    expect({ code: tooEarly.code, message: tooEarly.message }).toEqual({ code: 'P0001', message: 'too_early' });
    expect(await documentsOf(early), 'no document of a refused check-in').toEqual([]);
    expect(await statusOf(early)).toBe('confirmed');

    const anonymous = await stay(50, null);
    const noGuest = await pgError(checkIn(tenant.members.staff, anonymous));
    expect(noGuest.message).toBe('guest_required');
  });

  it('refuses bad fields with stable codes before touching the booking', async () => {
    const bookingId = await stay(60, ids().guestId);
    const cases: [Record<string, string | null>, string][] = [
      [{ p_document_type: 'driving_licence' }, 'invalid_document_type'],
      [{ p_document_type: null }, 'invalid_document_type'],
      [{ p_document_number: 'L898<<902' }, 'invalid_document_number'],
      [{ p_document_number: '   ' }, 'invalid_document_number'],
      [{ p_document_number: 'X'.repeat(21) }, 'invalid_document_number'],
      [{ p_issuing_country: 'NL1' }, 'invalid_issuing_country'],
      [{ p_nationality: 'DEUT' }, 'invalid_nationality'],
      [{ p_birth_date: '2999-01-01' }, 'invalid_birth_date'],
      [{ p_birth_date: '1850-01-01' }, 'invalid_birth_date'],
      [{ p_expiry_date: '1970-01-01' }, 'invalid_expiry_date'],
      [{ p_expiry_date: '2300-01-01' }, 'invalid_expiry_date'],
    ];
    for (const [spoilt, code] of cases) {
      const error = await pgError(checkIn(tenant.members.staff, bookingId, { ...PASSPORT, ...spoilt }));
      expect({ code: error.code, message: error.message }, JSON.stringify(spoilt)).toEqual({
        code: '22023',
        message: code,
      });
    }
    expect(await documentsOf(bookingId)).toEqual([]);
  });

  it('keeps only the type and expiry where the property keeps validity only', async () => {
    await db.admin`update public.properties set id_document_retention = 'validity_only' where id = ${hotel()}`;
    try {
      const bookingId = await stay(0, ids().otherGuestId, ids().room102);
      await checkIn(tenant.members.staff, bookingId);
      expect(await documentsOf(bookingId)).toEqual([
        {
          document_type: 'passport',
          document_number: null,
          issuing_country: null,
          nationality: null,
          birth_date: null,
          expiry_date: '2032-04-15',
        },
      ]);
      // No number needed there: the call gets past the document checks to the check-in's own rule.
      const early = await stay(70, ids().guestId);
      const withoutNumber = await pgError(
        checkIn(tenant.members.staff, early, { ...PASSPORT, p_document_number: null }),
      );
      expect(withoutNumber.message).toBe('too_early');
    } finally {
      await db.admin`update public.properties set id_document_retention = 'mrz_fields' where id = ${hotel()}`;
    }
  });
});

describe('guest_identity_documents access', () => {
  const fixtureDocument = () => tenant.extra.identityDocuments?.identityDocumentId as string;
  const visible = (user: TestUser) =>
    asUser(db.admin, user, (tx) => tx`select id from public.guest_identity_documents where id = ${fixtureDocument()}`);

  it('shows the documents to staff and managers of the property only', async () => {
    expect(await visible(tenant.members.staff)).toHaveLength(1);
    expect(await visible(tenant.members.manager)).toHaveLength(1);
    expect(await visible(tenant.restrictedStaff), 'staff restricted to the hotel').toHaveLength(1);
    expect(await visible(tenant.members.viewer), 'a viewer').toHaveLength(0);
    expect(await visible(restaurantStaff), 'staff of another property').toHaveLength(0);
    expect(await visible(other.members.owner), 'the owner of another organization').toHaveLength(0);
    const anon = await pgError(asAnon(db.admin, (tx) => tx`select id from public.guest_identity_documents`));
    expect(anon.code, 'anon').toBe('42501');
  });

  /** Inserts a document of the checked-in stay directly (the Data API's way), with overrides. */
  const insertAs = (user: TestUser, overrides: Record<string, string> = {}) =>
    asUser(db.admin, user, async (tx: Tx) => {
      const row = {
        organization_id: tenant.organizationId,
        property_id: hotel(),
        booking_id: ids().checkedInBookingId,
        guest_id: ids().guestId,
        document_type: 'identity_card',
        document_number: 'AB1234567',
        ...overrides,
      };
      return tx`insert into public.guest_identity_documents ${tx(row)} returning *`;
    });

  it('lets staff of the property insert, with the capture set by the database, and nobody else', async () => {
    const [row] = await insertAs(tenant.restrictedStaff, { delete_after: '2100-01-01' });
    expect(row?.captured_by, 'the caller').toBe(tenant.restrictedStaff.id);
    const [retention] = await db.admin<{ ok: boolean }[]>`
      select d.delete_after = upper(b.period) + interval '30 days' as ok
      from public.guest_identity_documents d join public.bookings b on b.id = d.booking_id where d.id = ${row?.id}`;
    expect(retention?.ok, 'delete_after is not the caller’s to choose').toBe(true);

    for (const [user, label] of [
      [tenant.members.viewer, 'a viewer'],
      [restaurantStaff, 'staff of another property'],
      [other.members.owner, 'the owner of another organization'],
    ] as const) {
      const error = await pgError(insertAs(user));
      expect(error.code, label).toBe('42501');
    }
  });

  it('refuses inconsistent or malformed rows by constraint', async () => {
    const wrongGuest = await pgError(insertAs(tenant.members.staff, { guest_id: ids().otherGuestId }));
    expect({ code: wrongGuest.code, message: wrongGuest.message }).toEqual({
      code: '23503',
      message: 'guest_identity_documents_booking_guest',
    });
    const wrongProperty = await pgError(insertAs(tenant.members.owner, { property_id: tenant.propertyIds[1] }));
    expect(wrongProperty.message).toBe('guest_identity_documents_booking_property');
    const cases: [Record<string, string>, string][] = [
      [{ document_number: 'ab 12' }, 'guest_identity_documents_number_format'],
      [{ nationality: 'Dutch' }, 'guest_identity_documents_nationality_format'],
      [{ issuing_country: 'N1' }, 'guest_identity_documents_issuing_country_format'],
      [{ document_type: 'visa' }, 'guest_identity_documents_type_valid'],
      [{ birth_date: '2990-01-01' }, 'guest_identity_documents_birth_date_range'],
      [{ birth_date: '1990-01-01', expiry_date: '1980-01-01' }, 'guest_identity_documents_expiry_after_birth'],
    ];
    for (const [overrides, constraint] of cases) {
      const error = await pgError(insertAs(tenant.members.staff, overrides));
      expect(error.code, constraint).toBe('23514');
      expect(error.message, constraint).toContain(constraint);
    }
  });

  it('lets managers delete and nobody update', async () => {
    const [row] = await insertAs(tenant.members.staff, { document_number: 'DEL123' });
    const id = row?.id as string;
    const byStaff = await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`
      delete from public.guest_identity_documents where id = ${id}`,
    );
    expect(byStaff.count, 'staff cannot delete').toBe(0);
    const update = await pgError(
      asUser(
        db.admin,
        tenant.members.owner,
        (tx) => tx`
        update public.guest_identity_documents set document_number = 'X1' where id = ${id}`,
      ),
    );
    expect(update.code, 'nobody updates').toBe('42501');
    const byOtherManager = await asUser(
      db.admin,
      other.members.manager,
      (tx) => tx`
      delete from public.guest_identity_documents where id = ${id}`,
    );
    expect(byOtherManager.count, "another organization's manager").toBe(0);
    const byManager = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`
      delete from public.guest_identity_documents where id = ${id}`,
    );
    expect(byManager.count, 'a manager deletes').toBe(1);
  });
});
