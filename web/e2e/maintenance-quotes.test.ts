// Vendors and quotes in Chromium against a throwaway stack and the real OCR worker (on CPU, started
// by this file): a manager adds two vendors, asks both for a quote from a work order; each vendor
// opens the emailed link (read from the local mailbox) in a browser with no session and submits a
// quote from the web app's origin to the vendor-quote function on the API's origin (another
// origin), one with a PDF that the browser then uploads to Storage through the one-time path the
// function handed back (decision 043); a used link says so; the manager compares the quotes,
// downloads the PDF, accepts the cheaper one (the other vendor is told by email), and photographs
// the vendor's invoice into Storage: the OCR job reads its total from there and the page shows it
// matches the accepted quote. Staff do not see quotes; forged manager posts 403.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendQueuedVendorMail } from '../../gpu-worker/src/maintenance/vendor-mail.ts';
import { renderLines } from '../../gpu-worker/src/ocr/testing/render.ts';
import { type RunningWorker, startWorker } from '../../gpu-worker/src/start.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import { openPage, TABLET, type WatchedPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, mailLink, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
/** The vendor's attachment: uploaded from the quote page to Storage, downloaded by the manager. */
const QUOTE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Lift Masters quote 240.00 EUR\n%%EOF\n',
);

describe('vendor quotes and invoices', () => {
  let manager: SeededUser;
  let staff: SeededUser;
  let worker: RunningWorker | undefined;
  const org = { slug: `vq-${Date.now().toString(36)}`, name: 'Harbourside Group' };
  let orgId = '';
  let hotel = '';
  let orderId = '';
  const stamp = Date.now().toString(36);
  const vendors = {
    cheap: { name: 'Lift Masters', email: `lift-${stamp}@vendors.e2e.roost.test` },
    dear: { name: 'Elevate Co', email: `elevate-${stamp}@vendors.e2e.roost.test` },
  };
  const pages: WatchedPage[] = [];
  const detail = () => `/o/${org.slug}/p/${hotel}/maintenance/${orderId}`;

  beforeAll(async () => {
    manager = await createUser(web.stack, 'manager', 'Mina Manager');
    staff = await createUser(web.stack, 'staff', 'Stan Staff');
    const owner = await createUser(web.stack, 'owner', 'Otto Owner');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Harbourside Hotel', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    hotel = property?.id ?? '';
    const [order] = await web.stack.admin<{ id: string }[]>`
      insert into public.work_orders (organization_id, property_id, title, description, area, priority)
      values (${orgId}, ${hotel}, 'Lift door sticks', 'The lift door on floor 2 does not close.', 'Lift, floor 2', 'high')
      returning id`;
    orderId = order?.id ?? '';
  });
  afterAll(async () => {
    await worker?.stop();
    for (const watched of pages) expectNoProblems(watched);
  });

  it('asks two vendors, takes both quotes through their links, accepts one and matches its invoice', {
    timeout: 240_000,
  }, async () => {
    const watched = await openPage(web.browser, TABLET);
    pages.push(watched);
    const { page } = watched;
    page.on('dialog', (dialog) => void dialog.accept());

    // The vendor directory.
    await signedIn(web.url, watched, manager, `/o/${org.slug}/vendors`);
    await page.getByRole('heading', { name: 'Vendors' }).waitFor();
    await page.getByText('No vendors yet.', { exact: false }).waitFor();
    for (const vendor of Object.values(vendors)) {
      const form = page.getByRole('form', { name: 'Add a vendor' });
      await form.getByLabel('Name').fill(vendor.name);
      await form.getByLabel('Trade').fill('Lifts');
      await form.getByLabel('Email').fill(vendor.email);
      await form.getByRole('button', { name: 'Add vendor' }).click();
      await page.getByRole('cell', { name: vendor.name, exact: true }).waitFor();
    }
    const duplicate = page.getByRole('form', { name: 'Add a vendor' });
    await duplicate.getByLabel('Name').fill(vendors.cheap.name);
    await duplicate.getByLabel('Email').fill('other@vendors.e2e.roost.test');
    await duplicate.getByRole('button', { name: 'Add vendor' }).click();
    await page.getByText('A vendor with this name already exists.').waitFor();
    await expectAccessible(page, 'vendors');
    await staffScreenshots(page, 'maintenance-vendors');

    // Ask both for a quote.
    await page.goto(`${web.url}${detail()}`);
    for (const vendor of Object.values(vendors)) {
      const ask = page.getByRole('form', { name: 'Ask a vendor for a quote' });
      await ask.getByLabel('Vendor').selectOption({ label: `${vendor.name} (Lifts)` });
      await ask.getByRole('button', { name: 'Email quote request' }).click();
      await page.getByText('Quote request emailed to the vendor.').waitFor();
    }
    await page.getByText(`${vendors.dear.name} (${vendors.dear.email}) · waiting`, { exact: false }).waitFor();
    // The worker renders the queued vendor emails with the React Email templates (decision 041).
    await sendQueuedVendorMail(web.stack.admin);

    // Each vendor answers through the emailed link, signed out, from the web app's page.
    const answer = async (email: string, amount: string, withAttachment: boolean) => {
      const link = await mailLink(web.stack, email, '/quote/');
      expect(link.startsWith(`${web.url}/quote/`), 'the link points at the web app').toBe(true);
      const vendorPage = await openPage(web.browser, { width: 390, height: 844 });
      pages.push(vendorPage);
      await vendorPage.page.goto(link);
      await vendorPage.page.getByRole('heading', { name: 'Quote for Harbourside Hotel' }).waitFor();
      await vendorPage.page.getByText('Where: Lift, floor 2').waitFor();
      await expectAccessible(vendorPage.page, 'quote page');
      const form = vendorPage.page.getByRole('form', { name: 'Your quote' });
      await form.getByLabel(/^Amount/).fill('abc');
      await form.getByRole('button', { name: 'Send quote' }).click();
      await vendorPage.page.getByText('Enter the amount in EUR', { exact: false }).waitFor();
      await form.getByLabel(/^Amount/).fill(amount);
      await form.getByLabel('Notes').fill('Door sensor and rollers replaced.\nTwo hours on site.');
      if (withAttachment) {
        await form
          .getByLabel(/^Attachment/)
          .setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: QUOTE_PDF });
      }
      const posted = vendorPage.page.waitForResponse((response) =>
        response.url().includes('/functions/v1/vendor-quote'),
      );
      const stored = withAttachment
        ? vendorPage.page.waitForResponse(
            (response) =>
              response.url().includes('/storage/v1/object/documents/') && response.request().method() === 'POST',
          )
        : null;
      await form.getByRole('button', { name: 'Send quote' }).click();
      const response = await posted;
      expect(new URL(response.url()).origin, 'posted to another origin').not.toBe(web.url);
      expect(response.status()).toBe(201);
      if (stored) {
        // The file went from the vendor's browser to Storage, to the path the function handed back.
        const upload = await stored;
        expect(upload.status(), await upload.text()).toBe(200);
        const path = ((await response.json()) as { upload: { path: string } }).upload.path;
        expect(decodeURIComponent(new URL(upload.url()).pathname)).toBe(`/storage/v1/object/documents/${path}`);
      }
      await vendorPage.page.getByRole('heading', { name: 'Thank you: your quote was sent' }).waitFor();
      await vendorPage.page.screenshot({ path: '.roost/screenshots/maintenance-quote-sent-390x844.png' });
      // The link was for one submission.
      await vendorPage.page.goto(link);
      await vendorPage.page.getByText('A quote was already submitted through this link.', { exact: false }).waitFor();
      await vendorPage.context.close();
    };
    await answer(vendors.cheap.email, '240.00', true);
    await answer(vendors.dear.email, '310.50', false);

    // Compare and accept the cheaper one.
    await page.reload();
    const quotes = page.getByRole('table');
    await quotes.getByRole('row', { name: /Lift Masters.*€240\.00 lowest/ }).waitFor();
    await quotes.getByRole('row', { name: /Elevate Co.*€310\.50/ }).waitFor();
    await expectAccessible(page, 'work order with quotes');
    await staffScreenshots(page, 'maintenance-quotes');
    // The manager downloads the vendor's PDF (from Storage, as the signed-in manager).
    const downloading = page.waitForEvent('download');
    await quotes.getByRole('link', { name: 'quote.pdf' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('quote.pdf');
    expect(readFileSync(await download.path())).toEqual(QUOTE_PDF);
    const [storedQuote] = await web.stack.admin<{ attachment_path: string | null; attachment: Buffer | null }[]>`
      select attachment_path, attachment from public.vendor_quotes q join public.vendors v on v.id = q.vendor_id
      where v.name = ${vendors.cheap.name} and q.organization_id = ${orgId}`;
    expect(storedQuote?.attachment, 'nothing in the row').toBeNull();
    expect(storedQuote?.attachment_path).toMatch(new RegExp(`^${orgId}/${hotel}/work-orders/${orderId}/quotes/`));
    await quotes
      .getByRole('row', { name: /Lift Masters/ })
      .getByRole('button', { name: 'Accept' })
      .click();
    await page.getByText('Quote accepted; the vendors were told by email.').waitFor();
    await quotes.getByRole('row', { name: /Elevate Co.*Declined/ }).waitFor();
    await sendQueuedVendorMail(web.stack.admin);
    await mailLink(web.stack, vendors.dear.email, '').catch(() => undefined);
    const told = await web.stack.admin<{ recipient: string; template: string }[]>`
      select recipient, template from private.mail_outbox
      where template in ('vendor_quote_accepted', 'vendor_quote_declined') order by recipient`;
    expect(told).toEqual([
      { recipient: vendors.dear.email, template: 'vendor_quote_declined' },
      { recipient: vendors.cheap.email, template: 'vendor_quote_accepted' },
    ]);

    // A preventive schedule due today: the worker (started below) raises its work order.
    await page.goto(`${web.url}/o/${org.slug}/p/${hotel}/maintenance`);
    // A full load rather than a click: the list's live reads must not be cut short by a navigation.
    await page.getByRole('link', { name: 'Preventive schedules' }).waitFor();
    await page.goto(`${web.url}/o/${org.slug}/p/${hotel}/maintenance/schedules`);
    await page.getByRole('heading', { name: 'Preventive maintenance' }).waitFor();
    const [today] = await web.stack.admin<{ day: string }[]>`
      select to_char((now() at time zone 'Europe/Lisbon')::date, 'YYYY-MM-DD') as day`;
    const schedule = page.getByRole('form', { name: 'Add a schedule' });
    await schedule.getByLabel('Task').fill('Quarterly HVAC service');
    await schedule.getByLabel('Area').fill('Plant room');
    await schedule.getByLabel('First due on').fill(today?.day ?? '');
    await schedule.getByRole('button', { name: 'Add schedule' }).click();
    await page.getByText('Schedule added.').waitFor();
    await page.getByRole('button', { name: 'Pause Quarterly HVAC service' }).waitFor();
    await expectAccessible(page, 'preventive schedules');
    await staffScreenshots(page, 'maintenance-schedules');
    await page.goto(`${web.url}${detail()}`);

    // The vendor's invoice: uploaded, read by the OCR worker, matched against the accepted quote.
    const invoice = await renderLines(
      ['Lift Masters', 'Invoice 2026-118', 'Date: 01.12.2026', 'Lift door repair', 'Subtotal', 'VAT 23%', 'TOTAL EUR'],
      { width: 700, rightColumn: [null, null, null, '195.12', '195.12', '44.88', '240.00'] },
    );
    await page.getByLabel('Take or choose the invoice').setInputFiles({
      name: 'invoice.png',
      mimeType: 'image/png',
      buffer: Buffer.from(invoice),
    });
    await page.getByRole('button', { name: 'Add invoice' }).click();
    await page.getByText('Reading the invoice…').waitFor();
    worker = await startWorker({
      dbUrl: web.stack.dbUrl,
      apiUrl: web.stack.url,
      serviceKey: web.stack.keys.service_role_key,
      kinds: ['ocr_receipt'],
      batchSize: 1,
      pollingIntervalSeconds: 0.5,
      metricsPort: 0,
    });
    await page.getByText('Matches the accepted quote').waitFor({ timeout: 150_000 });
    const [preventive] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.work_orders
      where property_id = ${hotel} and source = 'preventive' and title = 'Quarterly HVAC service'`;
    expect(preventive?.n, 'the worker raised the preventive order once').toBe(1);
    await page.getByText('read total €240.00', { exact: false }).waitFor();
    await expectAccessible(page, 'work order with a matched invoice');
    await staffScreenshots(page, 'maintenance-invoice');

    // Done (as the manager, through the table: the screen's steps are covered by maintenance.test.ts):
    // its cost, the invoice as read, counts in the portal's report, per property and as CSV.
    await asUser(web.stack.admin, manager, async (tx) => {
      for (const step of [
        { assigned_to: manager.id, status: 'assigned' },
        { status: 'in_progress' },
        { status: 'done' },
      ]) {
        await tx`update public.work_orders set ${tx(step)} where id = ${orderId}`;
      }
    });
    await page.goto(`${web.url}/o/${org.slug}/maintenance`);
    await page.getByRole('heading', { name: 'Maintenance costs' }).waitFor();
    await page.getByRole('row', { name: /Harbourside Hotel\s+1\s+0\s+1\s+€240\.00/ }).waitFor();
    await expectAccessible(page, 'maintenance costs');
    await staffScreenshots(page, 'maintenance-costs');
    const csv = await page.request.get(`${web.url}/o/${org.slug}/maintenance.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('property,Harbourside Hotel,,');
  });

  it('hides quotes from staff and refuses their forged manager posts', async () => {
    const watched = await openPage(web.browser, TABLET);
    pages.push(watched);
    const { page } = watched;
    await signedIn(web.url, watched, staff, detail());
    await page.getByRole('heading', { name: /Lift door sticks/ }).waitFor();
    await expect(page.getByRole('heading', { name: 'Vendor quotes' }).count()).resolves.toBe(0);
    const [quote] = await web.stack.admin<
      { id: string }[]
    >`select id from public.vendor_quotes where work_order_id = ${orderId} limit 1`;
    const forged = await page.request.post(`${web.url}${detail()}`, {
      form: { intent: 'accept_quote', quote_id: quote?.id ?? '' },
    });
    expect(forged.status()).toBe(403);
    const vendorsPage = await page.request.post(`${web.url}/o/${org.slug}/vendors`, {
      form: {
        intent: 'add',
        name: 'Forged Vendor',
        email: 'forged@vendors.e2e.roost.test',
        phone: '',
        trade: '',
        notes: '',
      },
    });
    expect(vendorsPage.status()).toBe(403);
    const attachment = await page.request.get(`${web.url}${detail()}/quote-attachment/${quote?.id ?? ''}`);
    expect(attachment.status()).toBe(403);
  });
});
