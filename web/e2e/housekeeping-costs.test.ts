// The portal's maintenance cost report in Chromium against a throwaway stack (issue 19, item 5,
// maintenance half): done work orders priced by their accepted quotes show per property and per
// room in the tables, as a uPlot chart of the running total, as CSV and as a PDF whose text
// carries the same figures. A staff member gets 403 on the page and on the PDF. axe; screenshots
// at 1024×768 and 1280×800.
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

/** The text a pdf-lib page draws: its content streams inflated, each `<hex> Tj` read as WinAnsi. */
function pdfText(pdf: Buffer): string {
  const texts: string[] = [];
  for (const match of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      content = match[1] ?? '';
    }
    for (const shown of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) {
      // WinAnsi is Latin-1 but for a few codes such as the euro sign and the typographic apostrophe.
      texts.push(
        Buffer.from(shown[1] ?? '', 'hex')
          .toString('latin1')
          .replaceAll('\x80', '€')
          .replaceAll('\x92', '’'),
      );
    }
  }
  return texts.join('\n');
}

describe('maintenance cost report', () => {
  let manager: SeededUser;
  let staff: SeededUser;
  const org = { slug: `hkc-${Date.now().toString(36)}`, name: 'Costly Hotels' };
  let orgId = '';
  let today = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
    const [organization] = await web.stack.admin<{ today: string }[]>`
      select to_char((now() at time zone o.time_zone)::date, 'YYYY-MM-DD') as today
      from public.organizations o where o.id = ${orgId}`;
    today = organization?.today ?? '';
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Bay Hotel', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    const hotel = property?.id ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    const rooms = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, '101', 2), (${orgId}, ${hotel}, ${type?.id ?? ''}, '102', 2)
      returning id, name`;
    const [vendor] = await web.stack.admin<{ id: string }[]>`
      insert into public.vendors (organization_id, name, email, trade)
      values (${orgId}, 'Pipe Pros', 'pipes@example.test', 'Plumbing') returning id`;
    // Two room orders priced by an accepted quote, one in an area without a price; all done.
    const orders: [string | null, string, number | null][] = [
      [rooms.find((r) => r.name === '101')?.id ?? null, 'Leaking shower', 30000],
      [rooms.find((r) => r.name === '102')?.id ?? null, 'Broken blind', 12050],
      [null, 'Lobby door closer', null],
    ];
    for (const [room, title, amount] of orders) {
      const [order] = await web.stack.admin<{ id: string }[]>`
        insert into public.work_orders (organization_id, property_id, resource_id, area, title, created_by)
        values (${orgId}, ${hotel}, ${room}, ${room ? null : 'Lobby'}, ${title}, ${manager.id}) returning id`;
      const orderId = order?.id ?? '';
      if (amount !== null) {
        const [request] = await web.stack.admin<{ id: string }[]>`
          insert into public.quote_requests (organization_id, property_id, work_order_id, vendor_id, email, token_hash,
            expires_at, status, submitted_at)
          values (${orgId}, ${hotel}, ${orderId}, ${vendor?.id ?? ''}, 'pipes@example.test',
            extensions.gen_random_bytes(32), now() + interval '1 day', 'submitted', now())
          returning id`;
        await web.stack.admin`
          insert into public.vendor_quotes (organization_id, property_id, work_order_id, quote_request_id, vendor_id,
            amount_minor, currency, status, decided_at)
          values (${orgId}, ${hotel}, ${orderId}, ${request?.id ?? ''}, ${vendor?.id ?? ''}, ${amount}, 'EUR',
            'accepted', now())`;
      }
      for (const step of ['assigned', 'in_progress', 'done']) {
        await web.stack.admin`
          update public.work_orders set status = ${step}, assigned_to = ${manager.id} where id = ${orderId}`;
      }
    }
  });

  it('shows costs per property and per room as tables and a chart, as CSV and as a PDF', async () => {
    const watched = await openPage(web.browser, { width: 1024, height: 768 });
    await signedIn(web.url, watched, manager, `/o/${org.slug}/maintenance`);
    const { page } = watched;
    await page.getByRole('heading', { name: 'Maintenance costs' }).waitFor();
    await page.getByRole('row', { name: /Bay Hotel\s+0\s+0\s+3\s+€420\.50\s+\(1 without a price\)/ }).waitFor();
    await page.getByRole('row', { name: /101 Bay Hotel\s+1\s+€300\.00/ }).waitFor();
    // The chart: uPlot drew its canvas, with one series (the property) in its legend.
    const chart = page.locator('[data-chart="maintenance-costs-eur"]');
    await chart.locator('canvas').waitFor();
    await chart.locator('.u-legend').getByText('Bay Hotel').waitFor();
    await expectAccessible(page, 'maintenance costs with a chart');
    await staffScreenshots(page, 'maintenance-costs-chart');

    const csv = await page.request.get(`${web.url}/o/${org.slug}/maintenance.csv?from=${today}&to=${today}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(`room,Bay Hotel,101,${today},${today},,,1,300.00,EUR`);

    await page.getByRole('link', { name: 'PDF' }).waitFor();
    const pdf = await page.request.get(`${web.url}/o/${org.slug}/maintenance.pdf?from=${today}&to=${today}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    const document = await PDFDocument.load(body);
    expect(document.getPageCount()).toBe(1);
    expect(document.getTitle()).toBe(`Maintenance costs ${today} – ${today}`);
    const text = pdfText(body);
    expect(text).toContain('Maintenance costs');
    expect(text).toContain('Bay Hotel');
    expect(text).toContain('€420.50');
    expect(text).toContain('1 done without a price');
    expect(text).toContain('101 · Bay Hotel');
    expect(text).toContain('€300.00');
    expect(text).toContain('€120.50');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to staff on the page and the PDF', async () => {
    const watched = await openPage(web.browser, { width: 1024, height: 768 });
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    expect((await watched.page.goto(`${web.url}/o/${org.slug}/maintenance`))?.status()).toBe(403);
    const pdf = await watched.page.request.get(`${web.url}/o/${org.slug}/maintenance.pdf`);
    expect(pdf.status()).toBe(403);
    await watched.context.close();
  });
});
