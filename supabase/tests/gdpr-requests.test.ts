// Guest data requests (migration 20261206190400, decision 037): the coverage guard (every table
// on a foreign-key path to public.guests has an erasure rule), the export's completeness (every
// row that references the guest, found from the catalogue), the erasure (no trace of the guest's
// name, email, phone or document number in ANY text or JSON column of the whole database, audit
// rows kept with the values replaced, financial totals unchanged, another tenant's guest of the
// same name untouched), who may ask, and the self-service request's one answer.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAnon, asUser, pgError, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;

const tag = randomBytes(3).toString('hex');
const PERSON = {
  name: `Zofia Gdprowska ${tag}`,
  oldEmail: `zofia.old.${tag}@example.test`,
  email: `zofia.${tag}@example.test`,
  phone: '+48601234567',
  document: `ZX${tag.toUpperCase()}77`,
};

let guestId: string;
let otherGuestId: string;
let bookingId: string;
let reference: string;

/** Every table on a foreign-key path to public.guests, read from the catalogue here (not through the migration's helper). */
async function tablesReachingGuests(): Promise<Set<string>> {
  const rows = await db.admin<{ tbl: string }[]>`
    with recursive edges as (
      select c.conrelid as child, c.confrelid as parent from pg_constraint c
      where c.contype = 'f' and c.conrelid <> c.confrelid
    ), reach as (
      select 'public.guests'::regclass::oid as rel
      union select e.child from edges e join reach r on e.parent = r.rel
    )
    select n.nspname || '.' || c.relname as tbl
    from reach r join pg_class c on c.oid = r.rel join pg_namespace n on n.oid = c.relnamespace`;
  return new Set(rows.map((row) => row.tbl));
}

/**
 * Every text, citext, varchar, text[], json and jsonb column of every table in every schema, but
 * rows of `otherOrganization` (another tenant's guest of the same name is another person).
 */
async function searchWholeDatabase(terms: string[], otherOrganization: string): Promise<string[]> {
  const columns = await db.admin<{ schema: string; table: string; column: string }[]>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      and t.table_type = 'BASE TABLE'
    where c.table_schema not in ('pg_catalog', 'information_schema')
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or c.udt_name in ('citext', '_text', '_varchar'))`;
  const found: string[] = [];
  const likes = terms.map((term) => `%${term.replace(/[\\%_]/g, '\\$&')}%`);
  for (const { schema, table, column } of columns) {
    const [row] = await db.admin.unsafe<{ n: number }[]>(
      `select count(*)::int as n from "${schema}"."${table}" t
       where "${column}"::text ilike any($1) and (to_jsonb(t) ->> 'organization_id') is distinct from $2`,
      [likes, otherOrganization],
    );
    if ((row?.n ?? 0) > 0) found.push(`${schema}.${table}.${column} (${row?.n})`);
  }
  return found;
}

async function financialTotals(organizationId: string) {
  const [row] = await db.admin<{ entries: string; bookings: string; orders: string; folios: string }[]>`
    select (select coalesce(sum(amount_minor), 0)::text from public.folio_entries where organization_id = ${organizationId}) as entries,
      (select coalesce(sum(total_minor), 0)::text from public.bookings where organization_id = ${organizationId}) as bookings,
      (select coalesce(sum(total_minor), 0)::text from public.orders where organization_id = ${organizationId}) as orders,
      (select string_agg(id::text || ':' || balance_minor::text, ',' order by id) from public.folios where organization_id = ${organizationId}) as folios`;
  return row;
}

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'gdpr');
  other = await createTenant(db.admin, 'gdpr-other');
  const ids = tenant.extra.bookings as Record<string, string>;
  // The person: created with an older email (the audit log keeps it), then changed.
  const [guest] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx<{ id: string }[]>`
      select id from public.create_guest(${tenant.organizationId}, ${PERSON.name}, ${PERSON.oldEmail}, ${PERSON.phone},
        'pl', ${`Prefers a quiet room. Call ${PERSON.phone}.`}, true)`,
  );
  guestId = guest?.id as string;
  await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`
      select public.update_guest(${guestId}, ${PERSON.name}, ${PERSON.email}, ${PERSON.phone}, 'pl',
        ${`Prefers a quiet room. Call ${PERSON.phone}.`}, false)`,
  );
  // The same name at another organization: a different person, never touched.
  const [twin] = await db.admin<{ id: string }[]>`
    insert into public.guests (organization_id, full_name, email)
    values (${other.organizationId}, ${PERSON.name}, ${PERSON.email}) returning id`;
  otherGuestId = twin?.id as string;

  // A checked-in stay with a folio, an order on it with the guest's name, loyalty points, an
  // identity document, a no-show prediction, a workflow send with its mail, a notification, a
  // housekeeping note naming the guest and an OCR job whose result carries the document.
  const [booking] = await db.admin<{ id: string; reference: string }[]>`
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
      arrival_date, departure_date, party_size, total_minor, price_breakdown, confirmed_at, checked_in_at)
    select ${tenant.organizationId}, ${tenant.propertyIds[0]}, ${ids.room104 as string}, ${guestId}, 'checked_in', p, p, d, d + 2, 1, 31000, '{}'::jsonb, now(), now()
    from (select (now() at time zone 'Europe/Lisbon')::date + 40 as d) today,
      lateral (select tstzrange((d + time '15:00') at time zone 'Europe/Lisbon', (d + 2 + time '11:00') at time zone 'Europe/Lisbon') as p) period
    returning id, reference`;
  bookingId = booking?.id as string;
  reference = booking?.reference as string;
  const [folio] = await db.admin<{ id: string }[]>`
    insert into public.folios (organization_id, property_id, kind, booking_id, guest_id, currency, label)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'booking', ${bookingId}, ${guestId}, 'EUR', ${`Stay of ${PERSON.name}`})
    returning id`;
  await db.admin`
    insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, currency, description, night)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${folio?.id as string}, 'room_charge', 15500, 'EUR', 'Night', current_date)`;
  await db.admin`
    insert into public.orders (organization_id, property_id, kind, booking_id, folio_id, guest_name, currency)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'room', ${bookingId}, ${folio?.id as string}, ${PERSON.name}, 'EUR')`;
  await db.admin`
    insert into public.loyalty_ledger (organization_id, guest_id, folio_id, points, reason)
    values (${tenant.organizationId}, ${guestId}, ${folio?.id as string}, 50, ${`Welcome ${PERSON.name}`})`;
  await db.admin`
    insert into public.guest_identity_documents (organization_id, property_id, booking_id, guest_id, document_type,
      document_number, issuing_country, nationality, birth_date, expiry_date)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${bookingId}, ${guestId}, 'passport', ${PERSON.document},
      'POL', 'POL', '1990-01-02', '2030-01-01')`;
  await db.admin`
    insert into public.booking_no_show_risk (organization_id, property_id, booking_id, risk, model_version, reasons)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, ${bookingId}, 0.2, 'test', '[]'::jsonb)`;
  const [mail] = await db.admin<{ id: string }[]>`
    select private.enqueue_mail(${PERSON.email}, ${`Welcome, ${PERSON.name}`}, null, ${`Dear ${PERSON.name}, see you soon.`}) as id`;
  await db.admin`
    insert into private.workflow_sends (organization_id, property_id, workflow_name, trigger, action, template, booking_id,
      kind, status, recipient, mail_ids, sent_at)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'Welcome', 'booking_created', 'email_guest', 'booking_confirmation',
      ${bookingId}, 'event', 'sent', ${PERSON.email}, ${[mail?.id as string]}, now())`;
  await db.admin`
    insert into private.mailbox (outbox_id, recipient, sender, subject, text)
    values (${mail?.id as string}, ${PERSON.email}, 'hotel@example.test', ${`Welcome, ${PERSON.name}`}, ${`Dear ${PERSON.name}`})`;
  await db.admin`
    insert into public.notifications (user_id, property_id, event, title, body)
    values (${tenant.members.manager.id}, ${tenant.propertyIds[0]}, 'booking_created', 'New booking', ${`${PERSON.name} · 104`})`;
  await db.admin`
    update public.housekeeping_tasks set notes = ${`Guest ${PERSON.name} asked for extra towels`}
    where id = (select id from public.housekeeping_tasks where organization_id = ${tenant.organizationId} limit 1)`;
  await db.admin`
    insert into storage.objects (bucket_id, name, owner_id, metadata)
    values ('documents', ${`${tenant.organizationId}/${tenant.propertyIds[0]}/inbox/id-documents/${tag}.jpg`}, null, '{}'::jsonb)`;
  await db.admin`
    update public.jobs set status = 'succeeded', progress = 100, finished_at = now(),
      result = ${db.admin.json({ retention: 'mrz_fields', document: { documentNumber: PERSON.document, lastName: 'GDPROWSKA', firstName: 'ZOFIA' } })}
    where organization_id = ${tenant.organizationId}
      and input ->> 'name' = ${`${tenant.organizationId}/${tenant.propertyIds[0]}/inbox/id-documents/${tag}.jpg`}`;
});

describe('coverage guard', () => {
  it('every table on a foreign-key path to public.guests has an erasure rule, and no rule is stale', async () => {
    const reaching = await tablesReachingGuests();
    const rules = await db.admin<{ table_name: string }[]>`select table_name from private.guest_data_rules`;
    const ruled = new Set(rules.map((row) => row.table_name));
    const missing = [...reaching].filter((table) => !ruled.has(table));
    expect(missing, 'tables with guest data that the export and erasure do not cover').toEqual([]);
    expect(
      [...ruled].filter((table) => !reaching.has(table)),
      'rules for tables that no longer reach guests',
    ).toEqual([]);
  });

  it('the migration walks the same tables as the catalogue shows', async () => {
    const edges = await db.admin<{ child: string }[]>`select distinct child from private.guest_data_edges()`;
    const reaching = await tablesReachingGuests();
    reaching.delete('public.guests');
    expect(new Set(edges.map((row) => row.child))).toEqual(reaching);
  });

  it('an erasure refuses to start while a table reaching guests has no rule', async () => {
    const error = await pgError(
      db.admin.begin(async (tx) => {
        await tx`create table public.gdpr_forgotten (id uuid primary key, guest_id uuid references public.guests (id))`;
        const [request] = await tx<{ id: string }[]>`
          insert into public.guest_data_requests (organization_id, guest_id, kind)
          values (${other.organizationId}, ${otherGuestId}, 'erasure') returning id`;
        await tx`select private.erase_guest(${request?.id as string})`;
      }),
    );
    expect(error.message).toBe('gdpr_rule_missing');
    expect(error.detail).toContain('public.gdpr_forgotten');
  });
});

describe('export', () => {
  it('holds every row that references the guest, through every foreign key of the catalogue', async () => {
    const [row] = await db.admin<
      { data: Record<string, unknown> & { tables: Record<string, Record<string, unknown>[]> } }[]
    >`
      select private.guest_export_data(${guestId}) as data`;
    const data = row?.data as { tables: Record<string, Record<string, unknown>[]> } & Record<string, unknown[]>;
    expect(data.tables['public.guests']?.map((guest) => guest.id)).toEqual([guestId]);
    // Closure check: for every foreign key (child → parent) in the catalogue, every child row
    // pointing at an exported parent row is exported too.
    const edges = await db.admin<{ child: string; parent: string; cc: string[]; pc: string[] }[]>`
      select n1.nspname || '.' || c1.relname as child, n2.nspname || '.' || c2.relname as parent,
        array(select a.attname::text from unnest(k.conkey) with ordinality x(n, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.n order by x.i) as cc,
        array(select a.attname::text from unnest(k.confkey) with ordinality x(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = x.n order by x.i) as pc
      from pg_constraint k
      join pg_class c1 on c1.oid = k.conrelid join pg_namespace n1 on n1.oid = c1.relnamespace
      join pg_class c2 on c2.oid = k.confrelid join pg_namespace n2 on n2.oid = c2.relnamespace
      where k.contype = 'f' and k.conrelid <> k.confrelid`;
    let checked = 0;
    for (const edge of edges) {
      const parents = data.tables[edge.parent];
      if (!parents?.length) continue;
      const condition = edge.cc.map((column, i) => `(c."${column}")::text = any($${i + 1})`).join(' and ');
      const values = edge.pc.map((column) => parents.map((parent) => String(parent[column])));
      const rows = await db.admin.unsafe<{ id: string }[]>(
        `select to_jsonb(c) ->> 'id' as id from ${edge.child.replace(/^(\w+)\.(\w+)$/, '"$1"."$2"')} c where ${condition}`,
        values,
      );
      const exported = new Set((data.tables[edge.child] ?? []).map((child) => String(child.id)));
      for (const child of rows)
        expect(exported, `${edge.child} row ${child.id} (via ${edge.parent})`).toContain(child.id);
      checked += rows.length;
    }
    expect(checked, 'rows checked').toBeGreaterThanOrEqual(8);
    for (const table of [
      'public.bookings',
      'public.folios',
      'public.folio_entries',
      'public.orders',
      'public.loyalty_ledger',
      'public.guest_identity_documents',
      'public.booking_no_show_risk',
      'private.workflow_sends',
    ]) {
      expect(data.tables[table]?.length, table).toBeGreaterThan(0);
    }
    expect(data.consent_history, 'given, then withdrawn').toHaveLength(2);
    expect(data.messages).toEqual([expect.objectContaining({ recipient: PERSON.email })]);
    expect(data.documents).toEqual([
      { bucket: 'documents', name: `${tenant.organizationId}/${tenant.propertyIds[0]}/inbox/id-documents/${tag}.jpg` },
    ]);
  });
});

describe('who may ask', () => {
  it('admins and owners of the guest organization only', async () => {
    for (const role of ['manager', 'staff', 'viewer'] as const) {
      const error = await pgError(
        asUser(db.admin, tenant.members[role], (tx) => tx`select public.request_guest_export(${guestId})`),
      );
      expect(error.message, role).toBe('insufficient_role');
    }
    for (const user of [other.members.owner, other.members.admin]) {
      expect(
        (await pgError(asUser(db.admin, user, (tx) => tx`select public.request_guest_export(${guestId})`))).message,
      ).toBe('guest_not_found');
      expect(
        (
          await pgError(
            asUser(db.admin, user, (tx) => tx`select public.request_guest_erasure(${guestId}, ${PERSON.name})`),
          )
        ).message,
      ).toBe('guest_not_found');
    }
    const [request] = await asUser(
      db.admin,
      tenant.members.admin,
      (tx) => tx<{ kind: string; status: string }[]>`select * from public.request_guest_export(${guestId})`,
    );
    expect(request).toMatchObject({ kind: 'export', status: 'queued' });
    const [queued] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from pgboss.job where name = 'guest_export' and data ->> 'organizationId' = ${tenant.organizationId}`;
    expect(queued?.n).toBeGreaterThanOrEqual(1);
    // Other tenants' admins read none of the requests.
    const seen = await asUser(
      db.admin,
      other.members.admin,
      (tx) => tx`select id from public.guest_data_requests where organization_id = ${tenant.organizationId}`,
    );
    expect(seen).toHaveLength(0);
  });

  it('an erasure needs the guest name typed', async () => {
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.admin,
        (tx) => tx`select public.request_guest_erasure(${guestId}, 'Someone else')`,
      ),
    );
    expect(error).toMatchObject({ code: '22023', message: 'confirm_name_mismatch' });
  });
});

describe('self-service', () => {
  const ask = (ref: string, email: string) =>
    asAnon(
      db.admin,
      (tx) => tx<{ answer: unknown }[]>`select public.request_my_guest_data(${ref}, ${email}) as answer`,
    ).then((rows) => rows[0]?.answer);
  const selfServiceRequests = async () =>
    (
      await db.admin<{ n: number }[]>`
        select count(*)::int as n from public.guest_data_requests where guest_id = ${guestId} and channel = 'self_service'`
    )[0]?.n;

  it('answers the same whether or not the reference and email match, and queues an export only on a match', async () => {
    const wrong = await ask(reference, `someone.${tag}@example.test`);
    expect(await selfServiceRequests()).toBe(0);
    const unknown = await ask('ZZZZZZZZ', PERSON.email);
    const right = await ask(reference.toLowerCase(), PERSON.email.toUpperCase());
    expect(wrong).toEqual(right);
    expect(unknown).toEqual(right);
    expect(await selfServiceRequests()).toBe(1);
    // Asking again at once queues nothing more (and still answers the same).
    expect(await ask(reference, PERSON.email)).toEqual(right);
    expect(await selfServiceRequests()).toBe(1);
  });

  it('refuses malformed input with a stable code', async () => {
    expect((await pgError(ask('x', PERSON.email))).message).toBe('invalid_booking_reference');
    expect((await pgError(ask(reference, 'not-an-email'))).message).toBe('invalid_email');
  });
});

describe('erasure', () => {
  it('leaves no trace of the guest in any table, keeps audit rows and financial totals, and finds nothing afterwards', async () => {
    const terms = [PERSON.name, PERSON.email, PERSON.oldEmail, PERSON.phone, PERSON.document];
    const before = await searchWholeDatabase(terms, other.organizationId);
    expect(before.length, 'the person is all over the database before').toBeGreaterThan(8);
    const totals = await financialTotals(tenant.organizationId);
    const [auditBefore] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from public.audit_log where organization_id = ${tenant.organizationId}`;
    const otherBefore = await db.admin`select * from public.guests where id = ${otherGuestId}`;

    const [request] = await asUser(
      db.admin,
      tenant.members.admin,
      (tx) =>
        tx<
          { id: string }[]
        >`select id from public.request_guest_erasure(${guestId}, ${` ${PERSON.name.toUpperCase()} `})`,
    );
    const [outcome] = await db.admin<
      { summary: Record<string, unknown> }[]
    >`select private.erase_guest(${request?.id as string}) as summary`;
    expect(outcome?.summary).toMatchObject({ 'public.guest_identity_documents': 1, 'private.mail_outbox': 1 });

    expect(await searchWholeDatabase(terms, other.organizationId)).toEqual([]);
    // Free text no search term matches (the guest's notes) is gone from the guest's audit rows too.
    const [notes] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from public.audit_log
      where organization_id = ${tenant.organizationId} and table_name = 'guests' and row_id = ${guestId}
        and (old_data::text like '%quiet room%' or new_data::text like '%quiet room%')`;
    expect(notes?.n, 'audit rows of the guest that still hold its notes').toBe(0);
    // The other organization's guest of the same name and email is untouched.
    expect(await db.admin`select * from public.guests where id = ${otherGuestId}`).toEqual(otherBefore);

    expect(await financialTotals(tenant.organizationId)).toEqual(totals);
    const [auditAfter] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from public.audit_log where organization_id = ${tenant.organizationId}`;
    expect(auditAfter?.n, 'audit rows are kept (and the erasure adds its own)').toBeGreaterThan(auditBefore?.n ?? 0);

    const [erased] = await db.admin<{ full_name: string; email: string | null; erased_at: Date | null }[]>`
      select full_name, email, erased_at from public.guests where id = ${guestId}`;
    expect(erased?.full_name).toMatch(/^Erased guest [0-9A-F]{8}$/);
    expect(erased?.email).toBeNull();
    expect(erased?.erased_at).not.toBeNull();
    const [record] = await db.admin<{ pseudonym: string; requested_by: string }[]>`
      select pseudonym, requested_by from public.guest_data_requests where id = ${request?.id as string}`;
    expect(record).toEqual({ pseudonym: erased?.full_name, requested_by: tenant.members.admin.id });
    const [order] = await db.admin<
      { guest_name: string }[]
    >`select guest_name from public.orders where booking_id = ${bookingId}`;
    expect(order?.guest_name, 'invoices carry the pseudonym').toBe(erased?.full_name);

    // A second request finds nothing.
    for (const query of [PERSON.name, PERSON.email, PERSON.phone]) {
      const found = await asUser(
        db.admin,
        tenant.members.admin,
        (tx) => tx`select id from public.search_guests(${tenant.organizationId}, ${query})`,
      );
      expect(found, query).toHaveLength(0);
    }
    expect(
      (
        await pgError(
          asUser(db.admin, tenant.members.admin, (tx) => tx`select public.request_guest_export(${guestId})`),
        )
      ).message,
    ).toBe('guest_not_found');
    const [selfService] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from public.guest_data_requests where guest_id = ${guestId}`;
    await asAnon(db.admin, (tx) => tx`select public.request_my_guest_data(${reference}, ${PERSON.email})`);
    const [selfServiceAfter] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from public.guest_data_requests where guest_id = ${guestId}`;
    expect(selfServiceAfter?.n).toBe(selfService?.n);
    // Running the erasure again (a retried job) changes nothing.
    const [again] = await db.admin<
      { summary: unknown }[]
    >`select private.erase_guest(${request?.id as string}) as summary`;
    expect(again?.summary).toEqual({ already_erased: true });
  });
});
