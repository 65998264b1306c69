// Vendors, quote links and invoices (migration 20261206160610_vendor_quotes.sql): a manager asks
// a vendor for a quote and the email carries the only copy of the link's token; the link shows
// and accepts exactly its own request, until it expires and once per submission; accepting a
// quote declines the others and tells every vendor; an invoice's OCR total is matched against the
// accepted quote; RLS per role; anon reaches nothing but the two link functions.
import { beforeAll, describe, expect, it } from 'vitest';
import { sendQueuedVendorMail } from '../../gpu-worker/src/maintenance/vendor-mail.ts';
import { asAnon, asServiceRole, asUser, pgError, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
const hotel = () => tenant.propertyIds[0];
const SITE = 'http://app.roost.test';

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'ven');
  other = await createTenant(db.admin, 'ven-other');
});

async function newWorkOrder(title = 'Replace boiler valve'): Promise<string> {
  const [row] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`
    insert into public.work_orders (organization_id, property_id, title)
    values (${tenant.organizationId}, ${hotel()}, ${title}) returning id`,
  );
  return row?.id as string;
}

async function newVendor(name: string, user: TestUser = tenant.members.manager): Promise<string> {
  const [row] = await asUser(
    db.admin,
    user,
    (tx) => tx`
    insert into public.vendors (organization_id, name, email, trade)
    values (${tenant.organizationId}, ${name}, ${`${name.toLowerCase().replace(/\W+/g, '-')}@vendors.test`}, 'Plumbing')
    returning id`,
  );
  return row?.id as string;
}

async function requestQuote(workOrderId: string, vendorId: string, validFor = '7 days', user = tenant.members.manager) {
  const [row] = await asUser(
    db.admin,
    user,
    (tx) => tx`
    select * from public.request_vendor_quote(${workOrderId}, ${vendorId}, ${SITE}, ${validFor}::interval)`,
  );
  return row as { quote_request_id: string; expires_at: Date };
}

/** The token of the link in the last email to `email` (queued in the outbox). */
async function tokenFor(requestId: string): Promise<string> {
  // The worker renders queued vendor emails into the outbox (decision 041).
  await sendQueuedVendorMail(db.admin);
  const [mail] = await db.admin<{ text: string; html: string }[]>`
    select text, html from private.mail_outbox where tags ->> 'quote_request' = ${requestId}`;
  const match = /\/quote\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
  if (!match?.[1]) throw new Error('no quote link in the email');
  return match[1];
}

const submit = (token: string, amount: number | null = 31500, notes: string | null = 'Two days of work') =>
  asAnon(
    db.admin,
    (tx) => tx`
    select quote_id as id, upload_path from public.submit_vendor_quote(${token}, ${amount}, current_date + 3, ${notes},
      'quote.pdf', 'application/pdf', 14)`,
  );

const show = (token: string) => asAnon(db.admin, (tx) => tx`select * from public.vendor_quote_request(${token})`);

describe('quote requests', () => {
  it('emails the vendor a link whose token is stored only as a hash', async () => {
    const order = await newWorkOrder();
    const vendor = await newVendor('Aqua Fix');
    const request = await requestQuote(order, vendor);
    const token = await tokenFor(request.quote_request_id);
    const [mail] = await db.admin`
      select recipient, subject, html, template from private.mail_outbox where tags ->> 'quote_request' = ${request.quote_request_id}`;
    expect(mail).toMatchObject({ recipient: 'aqua-fix@vendors.test', template: 'vendor_quote_request' });
    expect(mail?.subject).toContain('Replace boiler valve');
    expect(mail?.html).toContain(`${SITE}/quote/${token}`);
    const [stored] = await db.admin`
      select encode(token_hash, 'hex') = encode(extensions.digest(${token}, 'sha256'), 'hex') as hashed,
        position(${token} in row_to_json(r)::text) = 0 as token_absent
      from public.quote_requests r where id = ${request.quote_request_id}`;
    expect(stored).toEqual({ hashed: true, token_absent: true });
    const audit = await db.admin`
      select count(*)::int as n from public.audit_log
      where table_name = 'quote_requests' and new_data ? 'token_hash'`;
    expect(audit[0]?.n, 'the audit log never holds the hash').toBe(0);
  });

  it('shows a vendor their own request only, then accepts one submission', async () => {
    const order = await newWorkOrder('Fix balcony door');
    const [a, b] = [await newVendor('Door Co'), await newVendor('Hinge Ltd')];
    const tokenA = await tokenFor((await requestQuote(order, a)).quote_request_id);
    const tokenB = await tokenFor((await requestQuote(order, b)).quote_request_id);
    const [seen] = await show(tokenA);
    expect(seen).toMatchObject({
      vendor_name: 'Door Co',
      title: 'Fix balcony door',
      currency: 'EUR',
      property_name: 'Hotel',
    });
    const [quote] = await submit(tokenA);
    const [row] = await db.admin`
      select vendor_id, amount_minor::int, currency, status, attachment_name, attachment_size::int, attachment
      from public.vendor_quotes where id = ${quote?.id}`;
    expect(row).toMatchObject({
      vendor_id: a,
      amount_minor: 31500,
      currency: 'EUR',
      status: 'submitted',
      attachment_name: 'quote.pdf',
      attachment_size: 14,
      // The file goes to Storage through a one-time path (vendor-files.test.ts), never into the row.
      attachment: null,
    });
    const reused = await pgError(submit(tokenA, 100));
    expect([reused.code, reused.message]).toEqual(['P0001', 'quote_link_used']);
    const reshown = await pgError(show(tokenA));
    expect(reshown.message).toBe('quote_link_used');
    // B's link still works and names B's request, not A's.
    const [seenB] = await show(tokenB);
    expect(seenB?.vendor_name).toBe('Hinge Ltd');
  });

  it('refuses an expired link, an unknown one and a malformed one', async () => {
    const order = await newWorkOrder();
    const vendor = await newVendor('Late Builders');
    const request = await requestQuote(order, vendor, '1 hour');
    const token = await tokenFor(request.quote_request_id);
    await db.admin`update public.quote_requests set expires_at = now() - interval '1 second' where id = ${request.quote_request_id}`;
    const expired = await pgError(submit(token));
    expect([expired.code, expired.message]).toEqual(['P0001', 'quote_link_expired']);
    expect((await pgError(show(token))).message).toBe('quote_link_expired');
    const unknown = await pgError(submit('A'.repeat(43)));
    expect([unknown.code, unknown.message]).toEqual(['PT404', 'quote_request_not_found']);
    for (const bad of ['short', `${'a'.repeat(40)}\r\n`, 'x'.repeat(200), `${'a'.repeat(20)}\u0001`]) {
      const error = await pgError(submit(bad));
      expect([error.code, error.message], JSON.stringify(bad)).toEqual(['22023', 'invalid_token']);
    }
  });

  it('validates the submission (amount, notes, attachment) and writes nothing when refused', async () => {
    const order = await newWorkOrder();
    const token = await tokenFor((await requestQuote(order, await newVendor('Careful Inc'))).quote_request_id);
    const cases: [number | null, string | null, string][] = [
      [0, null, 'invalid_amount'],
      [null, null, 'invalid_amount'],
      [100_000_000_001, null, 'invalid_amount'],
      [100, 'x'.repeat(2001), 'invalid_notes'],
      [100, 'bell \u0007', 'invalid_notes'],
    ];
    for (const [amount, notes, code] of cases) {
      const error = await pgError(submit(token, amount, notes));
      expect([error.code, error.message]).toEqual(['22023', code]);
    }
    const big = await pgError(
      asAnon(
        db.admin,
        (tx) => tx`
      select public.submit_vendor_quote(${token}, 100, null, null, 'a.pdf', 'application/pdf', 10485761)`,
      ),
    );
    expect(big.message).toBe('attachment_too_large');
    const exe = await pgError(
      asAnon(
        db.admin,
        (tx) => tx`
      select public.submit_vendor_quote(${token}, 100, null, null, 'a.exe', 'application/x-msdownload', 2)`,
      ),
    );
    expect(exe.message).toBe('invalid_attachment_type');
    const slash = await pgError(
      asAnon(
        db.admin,
        (tx) => tx`
      select public.submit_vendor_quote(${token}, 100, null, null, '../a.pdf', 'application/pdf', 4)`,
      ),
    );
    expect(slash.message).toBe('invalid_attachment_name');
    const [count] =
      await db.admin`select count(*)::int as n from public.vendor_quotes q join public.quote_requests r on r.id = q.quote_request_id where r.work_order_id = ${order}`;
    expect(count?.n).toBe(0);
    const [ok] = await submit(token, 100, 'Fine: CR\r\nLF allowed in notes');
    expect(ok?.id).toBeTruthy();
  });

  it('closes links when the work order is closed', async () => {
    const order = await newWorkOrder();
    const token = await tokenFor((await requestQuote(order, await newVendor('Closed Shop'))).quote_request_id);
    await asUser(
      db.admin,
      tenant.members.staff,
      (tx) => tx`update public.work_orders set status = 'cancelled' where id = ${order}`,
    );
    expect((await pgError(submit(token))).message).toBe('quote_request_closed');
    const again = await pgError(requestQuote(order, await newVendor('Too Late')));
    expect(again.message).toBe('work_order_closed');
  });

  it('lets only managers of the property ask, and only for vendors of the organization', async () => {
    const order = await newWorkOrder();
    const vendor = await newVendor('Manager Only');
    for (const user of [tenant.members.staff, tenant.members.viewer, tenant.restrictedStaff]) {
      const error = await pgError(requestQuote(order, vendor, '7 days', user));
      expect(error.message, user.email).toBe('insufficient_role');
    }
    const outsider = await pgError(requestQuote(order, vendor, '7 days', other.members.owner));
    expect([outsider.code, outsider.message]).toEqual(['PT404', 'work_order_not_found']);
    const otherVendor = other.extra.maintenance?.vendorId as string;
    const foreign = await pgError(requestQuote(order, otherVendor));
    expect([foreign.code, foreign.message]).toEqual(['PT404', 'vendor_not_found']);
    const badSite = await pgError(
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`
      select * from public.request_vendor_quote(${order}, ${vendor}, 'javascript:alert(1)')`,
      ),
    );
    expect(badSite.message).toBe('invalid_site_url');
  });
});

describe('accepting a quote', () => {
  it('accepts one, declines the others, closes open requests and emails every vendor', async () => {
    const order = await newWorkOrder('Repaint corridor');
    const [a, b, c] = [await newVendor('Paint A'), await newVendor('Paint B'), await newVendor('Paint C')];
    const ta = await tokenFor((await requestQuote(order, a)).quote_request_id);
    const tb = await tokenFor((await requestQuote(order, b)).quote_request_id);
    const tc = await tokenFor((await requestQuote(order, c)).quote_request_id);
    const [qa] = await submit(ta, 50000);
    await submit(tb, 42000);
    const staffTry = await pgError(
      asUser(db.admin, tenant.members.staff, (tx) => tx`select public.accept_vendor_quote(${qa?.id})`),
    );
    expect(staffTry.message).toBe('insufficient_role');
    await asUser(db.admin, tenant.members.manager, (tx) => tx`select public.accept_vendor_quote(${qa?.id})`);
    const quotes =
      await db.admin`select vendor_id, status from public.vendor_quotes where work_order_id = ${order} order by amount_minor`;
    expect(quotes).toEqual([
      { vendor_id: b, status: 'declined' },
      { vendor_id: a, status: 'accepted' },
    ]);
    expect((await pgError(submit(tc))).message, 'the unanswered link is closed').toBe('quote_request_closed');
    await sendQueuedVendorMail(db.admin);
    const mails = await db.admin`
      select recipient, template from private.mail_outbox where template in ('vendor_quote_accepted', 'vendor_quote_declined')
        and recipient in ('paint-a@vendors.test', 'paint-b@vendors.test') order by recipient`;
    expect(mails).toEqual([
      { recipient: 'paint-a@vendors.test', template: 'vendor_quote_accepted' },
      { recipient: 'paint-b@vendors.test', template: 'vendor_quote_declined' },
    ]);
    const twice = await pgError(
      asUser(db.admin, tenant.members.manager, (tx) => tx`select public.accept_vendor_quote(${qa?.id})`),
    );
    expect([twice.code, twice.message]).toEqual(['P0001', 'quote_already_decided']);
  });
});

describe('invoices', () => {
  it('matches the OCR total against the accepted quote and flags a difference', async () => {
    const order = await newWorkOrder('Fix lift door');
    const vendor = await newVendor('Lift Masters');
    const token = await tokenFor((await requestQuote(order, vendor)).quote_request_id);
    const [quote] = await submit(token, 120000);
    await asUser(db.admin, tenant.members.manager, (tx) => tx`select public.accept_vendor_quote(${quote?.id})`);
    const folder = `${tenant.organizationId}/${hotel()}/inbox/invoices/${order}`;
    const checks = async () =>
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`
        select object_name, match_state, read_total_minor::int, quoted_minor::int, difference_minor::int
        from public.work_order_invoice_checks where work_order_id = ${order} order by object_name`,
      );
    for (const file of ['a.png', 'b.png']) {
      const name = `${folder}/${file}`;
      // The upload makes the job (storage trigger); the invoice row names the upload.
      await db.admin`insert into storage.objects (bucket_id, name, owner) values ('documents', ${name}, ${tenant.members.manager.id})`;
      await asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`
        insert into public.work_order_invoices (organization_id, property_id, work_order_id, object_name)
        values (${tenant.organizationId}, ${hotel()}, ${order}, ${name})`,
      );
    }
    expect((await checks()).map((c) => c.match_state)).toEqual(['reading', 'reading']);
    // The worker's result, as gpu-worker/src/handlers/ocr.ts writes it.
    const finish = (file: string, total: number) => db.admin`
      update public.jobs set status = 'succeeded', finished_at = now(), progress = 100,
        result = ${db.admin.json({ width: 800, height: 1000, receipt: { supplier: 'Lift Masters', date: null, totalMinor: total, currency: 'EUR' }, lines: [] })}
      where input ->> 'name' = ${`${folder}/${file}`}`;
    await finish('a.png', 120000);
    await finish('b.png', 125050);
    expect(await checks()).toEqual([
      {
        object_name: `${folder}/a.png`,
        match_state: 'matched',
        read_total_minor: 120000,
        quoted_minor: 120000,
        difference_minor: 0,
      },
      {
        object_name: `${folder}/b.png`,
        match_state: 'differs',
        read_total_minor: 125050,
        quoted_minor: 120000,
        difference_minor: 5050,
      },
    ]);
    const [cost] = await asUser(
      db.admin,
      tenant.members.manager,
      (tx) => tx`
      select quoted_minor::int, invoiced_minor::int, cost_minor::int from public.work_order_costs where work_order_id = ${order}`,
    );
    expect(cost).toEqual({ quoted_minor: 120000, invoiced_minor: 125050, cost_minor: 125050 });
    const wrongFolder = await pgError(
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`
      insert into public.work_order_invoices (organization_id, property_id, work_order_id, object_name)
      values (${tenant.organizationId}, ${hotel()}, ${order}, ${`${tenant.organizationId}/${hotel()}/inbox/receipts/x.png`})`,
      ),
    );
    expect(wrongFolder.message).toContain('work_order_invoices_object_name_valid');
    const staffInsert = await pgError(
      asUser(
        db.admin,
        tenant.members.staff,
        (tx) => tx`
      insert into public.work_order_invoices (organization_id, property_id, work_order_id, object_name)
      values (${tenant.organizationId}, ${hotel()}, ${order}, ${`${folder}/c.png`})`,
      ),
    );
    expect(staffInsert.code).toBe('42501');
  });
});

describe('RLS', () => {
  it('shows vendors to staff and up, quotes to managers and up, and nothing to other organizations or anon', async () => {
    const count = (user: TestUser, table: string) =>
      asUser(
        db.admin,
        user,
        (tx) => tx`select count(*)::int as n from ${tx(table)} where organization_id = ${tenant.organizationId}`,
      ).then((rows) => rows[0]?.n as number);
    expect(await count(tenant.members.staff, 'public.vendors')).toBeGreaterThan(0);
    expect(await count(tenant.members.viewer, 'public.vendors')).toBe(0);
    expect(await count(tenant.members.manager, 'public.vendor_quotes')).toBeGreaterThan(0);
    expect(await count(tenant.members.staff, 'public.vendor_quotes')).toBe(0);
    expect(await count(other.members.owner, 'public.vendor_quotes')).toBe(0);
    expect(await count(other.members.owner, 'public.vendors')).toBe(0);
    const hash = await pgError(
      asUser(db.admin, tenant.members.owner, (tx) => tx`select token_hash from public.quote_requests`),
    );
    expect(hash.code, 'nobody reads the token hash').toBe('42501');
    const staffVendor = await pgError(newVendor('Staff Vendor', tenant.members.staff));
    expect(staffVendor.code).toBe('42501');
    for (const table of [
      'public.vendors',
      'public.quote_requests',
      'public.vendor_quotes',
      'public.work_order_invoices',
    ]) {
      const anon = await pgError(asAnon(db.admin, (tx) => tx`select 1 from ${tx(table)}`));
      expect(anon.code, table).toBe('42501');
    }
    const serviceOnly = await pgError(
      asAnon(
        db.admin,
        (tx) => tx`select public.accept_vendor_quote(${tenant.extra.maintenance?.vendorQuoteId ?? null})`,
      ),
    );
    expect(serviceOnly.code).toBe('42501');
    await asServiceRole(db.admin, async () => undefined);
  });
});
