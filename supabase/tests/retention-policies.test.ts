// Retention policies (migration 20261206190500, decision 038): every organization gets a row of
// safe defaults; the settings stay in sane ranges; members read them, owners and admins change
// them, nobody else; private.apply_retention changes exactly the rows that are due — identity
// documents after N days, inactive guests anonymised after N years (a GDPR erasure request each),
// mail bodies purged after N days, notifications and webhook deliveries deleted after N days —
// of that organization only. Stored objects and the run log: retention-run.test.ts.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { attempt } from './support/access-matrix.ts';
import { type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let a: Tenant;
let b: Tenant;
const NOW = new Date('2031-06-15T12:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

beforeAll(async () => {
  a = await createTenant(db.admin, 'keep-a');
  b = await createTenant(db.admin, 'keep-b');
});

const apply = async (organizationId: string, policy: string) => {
  const [row] = await db.admin<{ applied: { rows_deleted: number; rows_anonymised: number; setting: number } }[]>`
    select private.apply_retention(${organizationId}, ${policy}, ${NOW}) as applied`;
  return row?.applied;
};

const update = (who: TestUser | 'anon', organizationId: string, values: Record<string, number>) =>
  attempt(db.admin, who, async (tx: Tx) => {
    const rows = await tx`update public.retention_policies set ${tx(values)} where organization_id = ${organizationId}`;
    return rows.count;
  });

describe('retention policies', () => {
  it('gives every organization safe defaults, also one created later', async () => {
    const [row] = await db.admin`
      select id_scan_days, inactive_guest_years, mail_body_days, notification_days
      from public.retention_policies where organization_id = ${a.organizationId}`;
    expect(row).toEqual({ id_scan_days: 30, inactive_guest_years: 3, mail_body_days: 90, notification_days: 180 });
    const [{ n }] = (await db.admin`
      select count(*)::int as n from public.organizations o
      where not exists (select 1 from public.retention_policies p where p.organization_id = o.id)`) as unknown as [
      { n: number },
    ];
    expect(n, 'organizations without policies').toBe(0);
  });

  it('keeps each setting in its range', async () => {
    const refusals = [
      { id_scan_days: 0 },
      { id_scan_days: 366 },
      { inactive_guest_years: 0 },
      { inactive_guest_years: 11 },
      { mail_body_days: 6 },
      { mail_body_days: 731 },
      { notification_days: 6 },
      { notification_days: 731 },
    ];
    for (const values of refusals) {
      const error = await db.admin`
        update public.retention_policies set ${db.admin(values)} where organization_id = ${a.organizationId}`.then(
        () => null,
        (e: { code: string; constraint_name?: string }) => e,
      );
      expect(error?.code, JSON.stringify(values)).toBe('23514');
      expect(error?.constraint_name, JSON.stringify(values)).toMatch(/^retention_policies_[a-z_]+_range$/);
    }
    expect(await update(a.members.admin, a.organizationId, { id_scan_days: 365, inactive_guest_years: 10 })).toBe(1);
    expect(await update(a.members.admin, a.organizationId, { mail_body_days: 7, notification_days: 730 })).toBe(1);
  });

  it('lets members read them and only owners and admins change them', async () => {
    const read = (who: TestUser | 'anon', organizationId: string) =>
      attempt(
        db.admin,
        who,
        async (tx) =>
          (await tx`select 1 from public.retention_policies where organization_id = ${organizationId}`).length,
      );
    expect(await read(a.members.viewer, a.organizationId), 'a viewer reads').toBe(1);
    expect(await read(b.members.owner, a.organizationId), 'another organization reads nothing').toBe(0);
    expect(await read('anon', a.organizationId), 'anon').toBe('42501');
    expect(await update(a.members.owner, a.organizationId, { id_scan_days: 14 }), 'an owner').toBe(1);
    expect(await update(a.members.admin, a.organizationId, { id_scan_days: 21 }), 'an admin').toBe(1);
    expect(await update(a.members.manager, a.organizationId, { id_scan_days: 1 }), 'a manager changes nothing').toBe(0);
    expect(await update(a.members.staff, a.organizationId, { id_scan_days: 1 }), 'staff change nothing').toBe(0);
    expect(await update(b.members.owner, a.organizationId, { id_scan_days: 1 }), 'another owner').toBe(0);
    expect(await update('anon', a.organizationId, { id_scan_days: 1 }), 'anon').toBe('42501');
    const moved = await attempt(
      db.admin,
      a.members.admin,
      async (tx) =>
        (
          await tx`update public.retention_policies set organization_id = ${b.organizationId} where organization_id = ${a.organizationId}`
        ).count,
    );
    expect(moved, 'the organization column is not writable').toBe('42501');
    const runs = (who: TestUser) =>
      attempt(db.admin, who, async (tx) => {
        await tx`
          insert into public.retention_runs (organization_id, policy, setting, cutoff, started_at, status)
          values (${a.organizationId}, 'id_scans', 30, now(), now(), 'succeeded')`;
        return 'ok';
      });
    expect(await runs(a.members.owner), 'nobody writes the run log').toBe('42501');
  });
});

describe('applying a policy', () => {
  it('deletes identity documents N days after capture (or after their own delete_after), only those', async () => {
    await db.admin`update public.retention_policies set id_scan_days = 30 where organization_id in (${a.organizationId}, ${b.organizationId})`;
    const template = await db.admin`
      select * from public.guest_identity_documents where organization_id = ${a.organizationId} limit 1`;
    const doc = template[0] as Record<string, unknown>;
    const insertAt = async (organizationId: string, source: Record<string, unknown>, capturedDaysAgo: number) => {
      const [row] = await db.admin<{ id: string }[]>`
        insert into public.guest_identity_documents (organization_id, property_id, booking_id, guest_id, document_type, document_number)
        values (${organizationId}, ${source.property_id as string}, ${source.booking_id as string}, ${source.guest_id as string}, 'passport', 'X1234567')
        returning id`;
      await db.admin`
        update public.guest_identity_documents set created_at = ${daysBefore(capturedDaysAgo)}, delete_after = ${daysBefore(-365)}
        where id = ${row?.id as string}`;
      return row?.id as string;
    };
    await db.admin`delete from public.guest_identity_documents where organization_id = ${a.organizationId}`;
    const old = await insertAt(a.organizationId, doc, 31);
    const recent = await insertAt(a.organizationId, doc, 29);
    const [otherDoc] =
      await db.admin`select * from public.guest_identity_documents where organization_id = ${b.organizationId} limit 1`;
    const otherOld = await insertAt(b.organizationId, otherDoc as Record<string, unknown>, 31);
    // A row past its own delete_after (check-out + 30 days) goes whatever its capture date.
    const expired = await insertAt(a.organizationId, doc, 1);
    await db.admin`update public.guest_identity_documents set delete_after = ${daysBefore(1)} where id = ${expired}`;

    const applied = await apply(a.organizationId, 'id_scans');
    expect(applied).toMatchObject({ rows_deleted: 2, setting: 30 });
    const left = await db.admin<{ id: string }[]>`
      select id from public.guest_identity_documents where id in (${old}, ${recent}, ${otherOld}, ${expired}) order by id`;
    expect(left.map((r) => r.id).sort()).toEqual([recent, otherOld].sort());
  });

  it('clears the MRZ fields of ID document jobs after N days', async () => {
    const [job] = await db.admin<{ id: string }[]>`
      select id from public.jobs where organization_id = ${a.organizationId} limit 1`;
    const [property] = await db.admin<
      { id: string }[]
    >`select property_id as id from public.jobs where id = ${job?.id as string}`;
    const name = `${a.organizationId}/${property?.id}/inbox/id-documents/${randomUUID()}.png`;
    const [ocr] = await db.admin<{ id: string }[]>`
      insert into public.jobs (organization_id, property_id, kind, input)
      values (${a.organizationId}, ${property?.id as string}, 'ocr_id_document', ${db.admin.json({ bucket: 'documents', name })})
      returning id`;
    await db.admin`
      update public.jobs set status = 'succeeded', result = '{"mrz": {"documentNumber": "L898902C3"}}', finished_at = ${daysBefore(40)}
      where id = ${ocr?.id as string}`;
    const applied = await apply(a.organizationId, 'id_scans');
    expect(applied?.rows_anonymised).toBeGreaterThanOrEqual(1);
    const [row] = await db.admin`select result from public.jobs where id = ${ocr?.id as string}`;
    expect(row?.result).toBeNull();
  });

  it('anonymises guests without activity for N years and keeps active ones', async () => {
    const insertGuest = async (organizationId: string, name: string, yearsAgo: number) => {
      const [guest] = await db.admin<{ id: string }[]>`
        insert into public.guests (organization_id, full_name, email, phone, notes)
        values (${organizationId}, ${name}, ${`${randomUUID().slice(0, 8)}@guest.test`}, ${`+3519${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`}, 'Allergic to nuts')
        returning id`;
      await db.admin`update public.guests set notes = 'Prefers a quiet room' where id = ${guest?.id as string}`;
      // Behind the touch trigger's back (it would set updated_at to now).
      await db.admin.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`
          update public.guests set updated_at = ${new Date(NOW.getTime() - yearsAgo * 366 * 86_400_000)}
          where id = ${guest?.id as string}`;
      });
      return guest?.id as string;
    };
    const dormant = await insertGuest(a.organizationId, 'Dormant Dora', 4);
    const recent = await insertGuest(a.organizationId, 'Recent Rita', 2);
    const otherDormant = await insertGuest(b.organizationId, 'Other Otto', 4);
    const applied = await apply(a.organizationId, 'inactive_guests');
    expect(applied?.rows_anonymised).toBeGreaterThanOrEqual(1);
    // A GDPR erasure request per inactive guest, queued for the erasure worker (decision 037).
    const requests = await db.admin<{ id: string; guest_id: string }[]>`
      select id, guest_id from public.guest_data_requests
      where kind = 'erasure' and guest_id in (${dormant}, ${recent}, ${otherDormant})`;
    expect(requests.map((r) => r.guest_id)).toEqual([dormant]);
    const request = requests[0]?.id as string;
    const [job] = await db.admin`select name from pgboss.job where id = ${request}`;
    expect(job?.name, 'queued for the erasure worker').toBe('guest_erasure');
    const again = await apply(a.organizationId, 'inactive_guests');
    expect(again?.rows_anonymised, 'a pending erasure is not requested twice').toBe(0);

    // What the erasure worker then does in the database (its storage part has nothing to delete here).
    await db.admin`select private.erase_guest(${request})`;
    const guests = await db.admin`
      select id, full_name, email, phone, notes, erased_at is not null as erased
      from public.guests where id in (${dormant}, ${recent}, ${otherDormant})`;
    const byId = Object.fromEntries(guests.map((g) => [g.id, g]));
    expect(byId[dormant]).toMatchObject({ email: null, phone: null, notes: null, erased: true });
    expect(byId[dormant]?.full_name).not.toContain('Dora');
    expect(byId[recent]).toMatchObject({ full_name: 'Recent Rita', erased: false });
    expect(byId[otherDormant]).toMatchObject({ full_name: 'Other Otto', erased: false });
    // The name is swept from the audit log. Free-text notes are the erasure's business (decision
    // 037); at the time of writing its own update still logs the old notes in old_data.
    const leftovers = await db.admin`
      select table_name, action from public.audit_log
      where organization_id = ${a.organizationId}
        and (old_data::text ~ 'Dormant Dora' or new_data::text ~ 'Dormant Dora')`;
    expect(leftovers, 'the audit log keeps none of the personal data').toEqual([]);
    const erased = await apply(a.organizationId, 'inactive_guests');
    expect(erased?.rows_anonymised, 'an erased guest is not requested again').toBe(0);
  });

  it('purges the bodies of mail about the organization after N days, keeping the delivery record', async () => {
    const mail = async (tags: Record<string, string>, daysAgo: number) => {
      const [row] = await db.admin<{ id: string }[]>`
        insert into private.mail_outbox (recipient, subject, html, text, tags, status, sent_at, created_at)
        values ('guest@example.test', 'Your stay', '<p>Dear Ana</p>', 'Dear Ana', ${db.admin.json(tags)}, 'sent', now(), ${daysBefore(daysAgo)})
        returning id`;
      return row?.id as string;
    };
    const byOrganization = await mail({ organization: a.organizationId }, 91);
    const byProperty = await mail({ property: a.propertyIds[0] }, 120);
    const recent = await mail({ organization: a.organizationId }, 89);
    const other = await mail({ organization: b.organizationId }, 120);
    const applied = await apply(a.organizationId, 'mail_bodies');
    expect(applied?.rows_anonymised).toBe(2);
    const rows = await db.admin`
      select id, subject, html, text, status from private.mail_outbox where id in (${byOrganization}, ${byProperty}, ${recent}, ${other})`;
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[byOrganization]).toMatchObject({ subject: 'Your stay', html: null, text: '', status: 'sent' });
    expect(byId[byProperty]).toMatchObject({ html: null, text: '' });
    expect(byId[recent]).toMatchObject({ text: 'Dear Ana' });
    expect(byId[other]).toMatchObject({ text: 'Dear Ana' });
  });

  it('deletes old notifications of its properties', async () => {
    const notify = async (propertyId: string, user: TestUser, daysAgo: number) => {
      const [row] = await db.admin<{ id: string }[]>`
        insert into public.notifications (user_id, property_id, event, title, created_at)
        values (${user.id}, ${propertyId}, (enum_range(null::public.notification_event))[1], 'Hello', ${daysBefore(daysAgo)})
        returning id`;
      return row?.id as string;
    };
    const old = await notify(a.propertyIds[0], a.members.manager, 181);
    const recent = await notify(a.propertyIds[0], a.members.manager, 179);
    const other = await notify(b.propertyIds[0], b.members.manager, 181);
    const applied = await apply(a.organizationId, 'notifications');
    expect(applied?.rows_deleted).toBeGreaterThanOrEqual(1);
    const left = await db.admin<
      { id: string }[]
    >`select id from public.notifications where id in (${old}, ${recent}, ${other})`;
    expect(left.map((r) => r.id).sort()).toEqual([recent, other].sort());
  });

  it('refuses an unknown policy', async () => {
    const error = await db.admin`select private.apply_retention(${a.organizationId}, 'everything', ${NOW})`.then(
      () => null,
      (e: { message: string }) => e.message,
    );
    expect(error).toBe('invalid_retention_policy');
  });
});
