// Vendor quote attachments in Storage (migration 20261206200300_vendor_quote_files.sql, decision
// 043): the quote's submission hands back a one-time path; anon may insert exactly that object,
// once, before it expires, with the announced type and size; the upload fills the quote's
// attachment_path; only managers of the property reach quote files; a quote from before keeps its
// file in the row. Storage writes are simulated as the Storage API runs them (one row in
// storage.objects as the caller's role); functions/vendor-quote/vendor-files.test.ts goes through
// the real Storage API.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendQueuedVendorMail } from '../../gpu-worker/src/maintenance/vendor-mail.ts';
import { seed } from '../local/migrate.ts';
import { asAnon, asUser, pgError, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let tenant: Tenant;
let other: Tenant;
const hotel = () => tenant.propertyIds[0] as string;
const SITE = 'http://app.roost.test';

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'vfiles');
  other = await createTenant(db.admin, 'vfiles-other');
});

interface Submitted {
  quote_id: string;
  upload_bucket: string | null;
  upload_path: string | null;
  upload_expires_at: Date | null;
}

/** A work order of the hotel, a vendor and the token of the quote link emailed to them. */
async function freshLink(): Promise<{ order: string; token: string }> {
  const manager = tenant.members.manager;
  const [order] = await asUser(
    db.admin,
    tenant.members.staff,
    (tx) => tx`
      insert into public.work_orders (organization_id, property_id, title)
      values (${tenant.organizationId}, ${hotel()}, 'Cracked basin') returning id`,
  );
  const [vendor] = await asUser(
    db.admin,
    manager,
    (tx) => tx`
      insert into public.vendors (organization_id, name, email)
      values (${tenant.organizationId}, ${`Basins ${randomUUID().slice(0, 8)}`}, 'basins@vendors.test') returning id`,
  );
  const [request] = await asUser(
    db.admin,
    manager,
    (tx) => tx`select * from public.request_vendor_quote(${order?.id}, ${vendor?.id}, ${SITE})`,
  );
  await sendQueuedVendorMail(db.admin);
  const [mail] = await db.admin<{ text: string }[]>`
    select text from private.mail_outbox where tags ->> 'quote_request' = ${request?.quote_request_id}`;
  const token = /\/quote\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('no quote link in the email');
  return { order: order?.id as string, token };
}

async function submitWithFile(
  token: string,
  file: { name: string; type: string; size: number } = { name: 'Quote Nº 7.pdf', type: 'application/pdf', size: 2048 },
): Promise<Submitted> {
  const [row] = await asAnon(
    db.admin,
    (tx) => tx<Submitted[]>`
      select * from public.submit_vendor_quote(${token}, 42000, null, 'Basin and tap', ${file.name}, ${file.type}, ${file.size})`,
  );
  return row as Submitted;
}

/** An upload as the Storage API records it: one row in storage.objects, as the caller. */
const insertObject =
  (name: string, metadata: Record<string, unknown> = { size: 2048, mimetype: 'application/pdf' }) =>
  async (tx: Tx) =>
    (
      await tx`
      insert into storage.objects (bucket_id, name, owner_id, metadata)
      values ('documents', ${name}, (select auth.uid())::text, ${tx.json(metadata as never)})
      returning id`
    ).length;

const uploadAsAnon = (name: string, metadata?: Record<string, unknown>) =>
  asAnon(db.admin, insertObject(name, metadata));

const quoteRow = async (id: string) =>
  (
    await db.admin<
      {
        attachment_path: string | null;
        attachment_size: string | null;
        attachment_stored: boolean;
        attachment: Buffer | null;
      }[]
    >`select attachment_path, attachment_size, attachment_stored, attachment from public.vendor_quotes where id = ${id}`
  )[0];

describe('the one-time upload path', () => {
  it('is handed out with an attachment, under the work order, for 15 minutes, and only then', async () => {
    const { order, token } = await freshLink();
    const submitted = await submitWithFile(token);
    expect(submitted.upload_bucket).toBe('documents');
    const prefix = `${tenant.organizationId}/${hotel()}/work-orders/${order}/quotes/${submitted.quote_id}/`;
    expect(submitted.upload_path?.startsWith(prefix)).toBe(true);
    // A fresh uuid, then the name with only URL-safe characters.
    expect(submitted.upload_path?.slice(prefix.length)).toMatch(/^[0-9a-f-]{36}-Quote_N_7\.pdf$/);
    const minutes = ((submitted.upload_expires_at?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const row = await quoteRow(submitted.quote_id);
    expect(row).toMatchObject({ attachment_path: null, attachment_stored: false, attachment: null });

    const { token: plain } = await freshLink();
    const [without] = await asAnon(
      db.admin,
      (tx) => tx<Submitted[]>`select * from public.submit_vendor_quote(${plain}, 100, null, null, null, null, null)`,
    );
    expect(without).toMatchObject({ upload_bucket: null, upload_path: null, upload_expires_at: null });
  });

  it('refuses announced files that are not a PDF, PNG or JPEG of at most 10 MB, with clear codes', async () => {
    const { token } = await freshLink();
    const cases: [string | null, string | null, number | null, string][] = [
      ['a.webp', 'image/webp', 10, 'invalid_attachment_type'],
      ['a.pdf', 'application/pdf', 10 * 1024 * 1024 + 1, 'attachment_too_large'],
      ['a.pdf', 'application/pdf', 0, 'attachment_too_large'],
      ['a.pdf', 'application/pdf', null, 'invalid_attachment'],
      [null, null, 10, 'invalid_attachment'],
      ['a/b.pdf', 'application/pdf', 10, 'invalid_attachment_name'],
    ];
    for (const [name, type, size, code] of cases) {
      const error = await pgError(
        asAnon(
          db.admin,
          (tx) => tx`select * from public.submit_vendor_quote(${token}, 100, null, null, ${name}, ${type}, ${size})`,
        ),
      );
      expect([error.code, error.message], `${name} ${type} ${size}`).toEqual(['22023', code]);
    }
    // Nothing was written: the link still takes its one quote.
    expect((await submitWithFile(token)).upload_path).toBeTruthy();
  });
});

describe('anon uploads through the grant', () => {
  it('once: the upload fills the quote, a second one is refused', async () => {
    const { token } = await freshLink();
    const submitted = await submitWithFile(token);
    const path = submitted.upload_path as string;
    expect(await uploadAsAnon(path)).toBe(1);
    const row = await quoteRow(submitted.quote_id);
    expect(row).toMatchObject({ attachment_path: path, attachment_stored: true });
    expect(Number(row?.attachment_size)).toBe(2048);
    const [grant] = await db.admin<{ used_at: Date | null }[]>`
      select used_at from private.vendor_upload_grants where object_name = ${path}`;
    expect(grant?.used_at).toBeInstanceOf(Date);
    // The same path again (an overwrite attempt) and a sibling: RLS refuses both.
    expect((await pgError(uploadAsAnon(path))).code).toBe('42501');
    expect((await pgError(uploadAsAnon(`${path}.2`))).code).toBe('42501');
    // Anon cannot read it back, change it or delete it.
    expect(
      await asAnon(db.admin, async (tx) => (await tx`select id from storage.objects where name = ${path}`).length),
    ).toBe(0);
    const deleted = await asAnon(db.admin, async (tx) => {
      await tx`select set_config('storage.allow_delete_query', 'true', true)`;
      return (await tx`delete from storage.objects where name = ${path}`).count;
    });
    expect(deleted).toBe(0);
  });

  it('refuses another path, an expired grant, another type and a larger file', async () => {
    const { order, token } = await freshLink();
    const submitted = await submitWithFile(token);
    const path = submitted.upload_path as string;
    const folder = `${tenant.organizationId}/${hotel()}/work-orders/${order}/quotes/${submitted.quote_id}/`;
    for (const name of [
      `${folder}${randomUUID()}-other.pdf`,
      `${tenant.organizationId}/${hotel()}/inbox/invoices/${order}/x.pdf`,
      `${other.organizationId}/${other.propertyIds[0]}/work-orders/${order}/quotes/${submitted.quote_id}/x.pdf`,
    ]) {
      expect((await pgError(uploadAsAnon(name))).code, name).toBe('42501');
    }
    expect((await pgError(uploadAsAnon(path, { size: 2048, mimetype: 'image/png' }))).code).toBe('42501');
    expect((await pgError(uploadAsAnon(path, { size: 2049, mimetype: 'application/pdf' }))).code).toBe('42501');
    await db.admin`
      update private.vendor_upload_grants set expires_at = now() - interval '1 second' where object_name = ${path}`;
    expect((await pgError(uploadAsAnon(path))).code).toBe('42501');
    expect((await quoteRow(submitted.quote_id))?.attachment_path).toBeNull();
    // Another bucket never.
    const error = await pgError(
      asAnon(
        db.admin,
        (tx) => tx`
          insert into storage.objects (bucket_id, name, metadata) values ('org-assets', ${path}, '{}') returning id`,
      ),
    );
    expect(error.code).toBe('42501');
  });

  it('anon reaches no grant directly', async () => {
    const error = await pgError(asAnon(db.admin, (tx) => tx`select * from private.vendor_upload_grants`));
    expect(error.code).toBe('42501');
  });
});

describe('who reaches quote files', () => {
  it('managers of the property read and add them; staff, viewers and other organizations do not', async () => {
    const { token } = await freshLink();
    const submitted = await submitWithFile(token);
    const path = submitted.upload_path as string;
    await uploadAsAnon(path);
    const reads = async (user: TestUser) =>
      asUser(db.admin, user, async (tx) => (await tx`select id from storage.objects where name = ${path}`).length);
    expect(await reads(tenant.members.owner)).toBe(1);
    expect(await reads(tenant.members.manager)).toBe(1);
    expect(await reads(tenant.members.staff)).toBe(0);
    expect(await reads(tenant.members.viewer)).toBe(0);
    expect(await reads(other.members.owner)).toBe(0);
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    expect((await pgError(asUser(db.admin, tenant.members.staff, insertObject(`${folder}staff.pdf`)))).code).toBe(
      '42501',
    );
    expect(await asUser(db.admin, tenant.members.manager, insertObject(`${folder}manager.pdf`))).toBe(1);
    // The rest of the documents bucket is as it was: staff still add work order photos.
    const photo = `${tenant.organizationId}/${hotel()}/work-orders/${randomUUID()}/photo.jpg`;
    expect(await asUser(db.admin, tenant.members.staff, insertObject(photo, { size: 1, mimetype: 'image/jpeg' }))).toBe(
      1,
    );
  });

  it('a deleted file no longer counts as the attachment', async () => {
    const { token } = await freshLink();
    const submitted = await submitWithFile(token);
    await uploadAsAnon(submitted.upload_path as string);
    const removed = await asUser(db.admin, tenant.members.manager, async (tx) => {
      await tx`select set_config('storage.allow_delete_query', 'true', true)`;
      return (await tx`delete from storage.objects where name = ${submitted.upload_path}`).count;
    });
    expect(removed).toBe(1);
    expect(await quoteRow(submitted.quote_id)).toMatchObject({ attachment_path: null, attachment_stored: false });
  });

  it('a quote from before keeps its file in the row, and nothing new can put one there', async () => {
    const { token } = await freshLink();
    const [plain] = await asAnon(
      db.admin,
      (tx) => tx<Submitted[]>`select * from public.submit_vendor_quote(${token}, 100, null, null, null, null, null)`,
    );
    const quoteId = plain?.quote_id as string;
    // As migration 20261206160610 stored attachments (the platform writes it here).
    await db.admin`
      update public.vendor_quotes set attachment_name = 'old.pdf', attachment_type = 'application/pdf',
        attachment = ${Buffer.from('%PDF-1.4 old')} where id = ${quoteId}`;
    expect(await quoteRow(quoteId)).toMatchObject({ attachment_stored: true, attachment_path: null });
    // Managers cannot write quotes at all (the RPC is the only way in, and it takes no bytes).
    const error = await pgError(
      asUser(
        db.admin,
        tenant.members.manager,
        (tx) => tx`update public.vendor_quotes set attachment = '\\x00' where id = ${quoteId}`,
      ),
    );
    expect(error.code).toBe('42501');
  });
});

describe('demo data', () => {
  it("the demo hotel's open work order has a quote whose PDF Maria Manager can download", async () => {
    expect(await seed(db.admin)).toBe('seeded');
    const maria: TestUser = { id: 'a0000000-0000-4000-8000-000000000003', email: 'manager@demo.roost.test' };
    const [quote] = await asUser(
      db.admin,
      maria,
      (tx) => tx<{ attachment_name: string; attachment_stored: boolean; attachment: Buffer | null }[]>`
        select q.attachment_name, q.attachment_stored, q.attachment
        from public.vendor_quotes q join public.work_orders w on w.id = q.work_order_id
        where w.status = 'open' and q.attachment_name is not null`,
    );
    expect(quote?.attachment_name).toBe('harbour-plumbing-quote.pdf');
    expect(quote?.attachment_stored).toBe(true);
    expect(quote?.attachment?.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
