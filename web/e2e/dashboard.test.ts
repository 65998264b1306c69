// A property's dashboard in Chromium against a throwaway stack: a manager sees tonight's
// occupancy, ADR and RevPAR worked out from the bookings, the forecast the worker stored, the week's
// arrivals ranked by no-show risk, and a chart drawn with its table behind it; a booking and an
// order written by another client change the tiles without a reload (pushed by the worker's
// dashboard publisher, and, with none running, read again by the page); each chart's CSV holds the
// page's numbers. A staff member restricted to another property gets 404 on page and CSV.
// axe finds nothing serious; screenshots at 1024×768 and 1280×800.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardPublisher, startDashboardPublisher } from '../../gpu-worker/src/dashboards/publisher.ts';
import { openPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('property dashboard', () => {
  let manager: SeededUser;
  let restricted: SeededUser;
  let staff: SeededUser;
  const org = { slug: `dash-${Date.now().toString(36)}`, name: 'Dash Hotels' };
  let orgId = '';
  let hotel = '';
  let today = '';
  const rooms: Record<string, string> = {};
  let kitchen = '';
  let publisher: DashboardPublisher | undefined;

  /** A stay written directly, `nights` nights from today + `from`, priced 10,000 a night. */
  /** Ada Early's booking: tonight and tomorrow, not scored at first. */
  let ada = '';

  async function stay(room: string, guestName: string, from: number, nights: number) {
    const [guest] = await web.stack.admin<{ id: string }[]>`
      insert into public.guests (organization_id, full_name) values (${orgId}, ${guestName}) returning id`;
    const lines = Array.from({ length: nights }, (_, index) => ({
      date: new Date(Date.parse(`${today}T00:00:00Z`) + (from + index) * 86_400_000).toISOString().slice(0, 10),
      amount_minor: 10_000,
    }));
    const [row] = await web.stack.admin<{ id: string }[]>`
      insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, confirmed_at)
      select ${orgId}, ${hotel}, ${room}, ${guest?.id ?? null}, 'confirmed', s.period, s.period,
        ${today}::date + ${from}::int, ${today}::date + ${from + nights}::int, 2, 'EUR', ${10_000 * nights},
        ${web.stack.admin.json({ lines, subtotal_minor: 10_000 * nights, inclusive_taxes_minor: 0 })}, now()
      from (select tstzrange(((${today}::date + ${from}::int) + time '15:00') at time zone 'Europe/Lisbon',
        ((${today}::date + ${from + nights}::int) + time '11:00') at time zone 'Europe/Lisbon') as period) s
      returning id`;
    return (row as { id: string }).id;
  }

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    manager = await createUser(web.stack, 'manager', 'Mona Manager');
    restricted = await createUser(web.stack, 'restricted', 'Rita Restricted');
    staff = await createUser(web.stack, 'staff', 'Sid Staff');
    orgId = await createOrganization(web.stack, org, [
      { user: staff, role: 'staff' },
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: restricted, role: 'staff' },
    ]);
    const properties = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Bay Hotel', 'venue', 'Europe/Lisbon', 'EUR'), (${orgId}, 'Hill Lodge', 'hotel', 'Europe/Lisbon', 'EUR'),
        (${orgId}, 'Thames Inn', 'hotel', 'Europe/London', 'GBP')
      returning id, name`;
    hotel = properties.find((p) => p.name === 'Bay Hotel')?.id ?? '';
    const lodge = properties.find((p) => p.name === 'Hill Lodge')?.id ?? '';
    await web.stack.admin`
      update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${restricted.id}`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id) values (${orgId}, ${restricted.id}, ${lodge})`;
    const [day] = await web.stack.admin<{ today: string }[]>`
      select to_char((now() at time zone 'Europe/Lisbon')::date, 'YYYY-MM-DD') as today`;
    today = day?.today ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    const created = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, '101', 2), (${orgId}, ${hotel}, ${type?.id ?? ''}, '102', 2),
        (${orgId}, ${hotel}, ${type?.id ?? ''}, '103', 2), (${orgId}, ${hotel}, ${type?.id ?? ''}, '104', 2)
      returning id, name`;
    for (const row of created) rooms[row.name] = row.id;
    const [station] = await web.stack.admin<{ id: string }[]>`
      insert into public.stations (organization_id, property_id, name, kind) values (${orgId}, ${hotel}, 'Kitchen', 'kitchen')
      returning id`;
    kitchen = station?.id ?? '';

    // Tonight: 101 sold at 10,000. Tomorrow: 102 arrives, the riskiest arrival of the week.
    ada = await stay(rooms['101'] ?? '', 'Ada Early', 0, 2);
    const risky = await stay(rooms['102'] ?? '', 'Rick Risky', 1, 1);
    await web.stack.admin`
      insert into public.booking_no_show_risk (organization_id, property_id, booking_id, model_version, risk, held_out_auc,
        base_rate_auc, reasons)
      values (${orgId}, ${hotel}, ${risky}, 'noshow-test-1', 0.42, 0.79, 0.5,
        '[{"feature": "log_previous_no_shows", "contribution": 1.2, "direction": "higher"},
          {"feature": "deposit_paid", "contribution": 0.5, "direction": "lower"}]'::jsonb)`;
    await web.stack.admin`
      insert into public.forecasts (organization_id, property_id, kind, model_version, forecast_date, value, trained_through,
        backtest_mape, baseline_mape)
      select ${orgId}, ${hotel}, 'occupancy', 'forecast-test-1', ${today}::date + d, 0.5, ${today}::date - 1, 0.2, 0.26
      from generate_series(0, 29) d`;
    // As npm start runs it inside the worker.
    const quiet = () => undefined;
    publisher = await startDashboardPublisher({
      sql: web.stack.admin,
      log: { info: quiet, warn: quiet, error: quiet },
    });
  });

  afterAll(async () => {
    await publisher?.stop();
  });

  it('shows today’s figures, the forecast and the risk list, and follows bookings and orders live', async () => {
    const watched = await openPage(web.browser, { width: 1280, height: 800 });
    const { page } = watched;
    const path = `/o/${org.slug}/p/${hotel}/dashboard`;
    await signIn(web.url, watched, manager, path);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const tiles = page.getByTestId('today-tiles');
    const tile = (label: string) => tiles.locator('.kpi-tile').filter({ has: page.getByText(label, { exact: true }) });
    await expect(tile('Occupancy').textContent()).resolves.toContain('25.0 %');
    await expect(tile('Occupancy').textContent()).resolves.toContain('1 of 4 rooms sold');
    await expect(tile('ADR').textContent()).resolves.toContain('€100.00');
    await expect(tile('RevPAR').textContent()).resolves.toContain('€25.00');
    await page.getByText('Forecast forecast-test-1').waitFor();
    await page.getByRole('link', { name: 'Rick Risky' }).waitFor();
    await page.getByText('Why: failed to show before · no deposit paid').waitFor();
    await page.locator('.trend-chart canvas').first().waitFor();
    await expect(page.locator('.trend-chart canvas').count(), 'the charts are drawn').resolves.toBeGreaterThan(0);
    await page.getByText('The numbers by day').first().click();
    await expect(page.locator('.chart-table').first().locator('tbody tr').count()).resolves.toBe(30);
    await expectAccessible(page, 'dashboard');
    await staffScreenshots(page, 'dashboard');

    // Another client books 103 for tonight: occupancy moves to 50 % without a reload.
    await stay(rooms['103'] ?? '', 'Lou Late', 0, 1);
    await tile('Occupancy').filter({ hasText: '50.0 %' }).waitFor({ timeout: 10_000 });
    await expect(tile('Occupancy').textContent()).resolves.toContain('2 of 4 rooms sold');
    // The chart's point for today follows the pushed tiles (its table's row for today, on the books).
    const todayOnTheBooks = page.locator('.chart-table').first().locator('tbody tr').first().locator('td').first();
    await expect.poll(() => todayOnTheBooks.textContent(), { timeout: 10_000 }).toBe('50.0 %');

    // And an order sent to the kitchen shows as open, with its food revenue.
    const [order] = await web.stack.admin<{ id: string }[]>`
      insert into public.orders (organization_id, property_id, kind, currency, guest_name)
      values (${orgId}, ${hotel}, 'takeaway', 'EUR', 'Walk-in') returning id`;
    await web.stack.admin`
      insert into public.order_items (organization_id, property_id, order_id, station_id, item_name, unit_price_minor, quantity, tax_rate_bp)
      values (${orgId}, ${hotel}, ${order?.id ?? ''}, ${kitchen}, 'Soup', 1500, 2, 0)`;
    await web.stack
      .admin`update public.orders set status = 'submitted', submitted_at = now() where id = ${order?.id ?? ''}`;
    await tile('Open orders')
      .filter({ hasText: /^Open orders1/ })
      .waitFor({ timeout: 10_000 });
    await page.locator('.revenue-table').getByText('€30.00').waitFor();
    expect(publisher?.counts.sent, 'the tiles came pushed').toBeGreaterThan(0);

    // A stay ten days ahead (inside the period, after the risk week) comes pushed with its days'
    // figures: the period's totals and its chart table move, and the page reads no loader for it.
    // (A page of its own: the first one owes its risk list a read for tonight's booking.)
    const second = await openPage(web.browser, { width: 1280, height: 800 });
    await signIn(web.url, second, manager, path);
    await second.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const loaderReads: string[] = [];
    const riskReads: string[] = [];
    second.page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      // Remix's single fetch reads a route's loaders from `<path>.data`.
      if (pathname.endsWith('.data')) loaderReads.push(request.url());
      if (pathname.endsWith('/dashboard.risks')) riskReads.push(request.url());
    });
    const periodTiles = second.page.locator('section[aria-labelledby="period-heading"] .kpi-tiles');
    await periodTiles.getByText('4 room nights', { exact: false }).waitFor();
    await stay(rooms['104'] ?? '', 'Pat Planner', 10, 2);
    await periodTiles.getByText('6 room nights', { exact: false }).waitFor({ timeout: 10_000 });
    await second.page.getByText('The numbers by day').first().click();
    const tenDaysOn = second.page.locator('.chart-table').first().locator('tbody tr').nth(10);
    await expect(tenDaysOn.textContent()).resolves.toContain('25.0 %');
    expect(loaderReads, 'folded in, not read again').toEqual([]);
    expect(riskReads, 'a stay after the risk week does not read the risk list').toEqual([]);

    // A change in the risk week (Ada's stay scored, then her booking touched) reaches the risk list,
    // which reads itself: not the page's loader.
    await web.stack.admin`
      insert into public.booking_no_show_risk (organization_id, property_id, booking_id, model_version, risk, held_out_auc,
        base_rate_auc, reasons)
      values (${orgId}, ${hotel}, ${ada}, 'noshow-test-1', 0.31, 0.79, 0.5,
        '[{"feature": "deposit_paid", "contribution": 0.4, "direction": "lower"}]'::jsonb)`;
    await web.stack.admin`update public.bookings set party_size = 2 where id = ${ada}`;
    await second.page.getByRole('link', { name: 'Ada Early' }).waitFor({ timeout: 10_000 });
    expect(riskReads.length, 'the risk list read itself').toBeGreaterThan(0);
    expect(loaderReads, 'and the page did not').toEqual([]);
    expectNoProblems(second);
    await second.context.close();

    // With no publisher running (the worker down), a change still reaches the tiles: a page that
    // heard nothing for 30 s reads itself again.
    await publisher?.stop();
    await web.stack.admin`
      insert into public.order_items (organization_id, property_id, order_id, station_id, item_name, unit_price_minor, quantity, tax_rate_bp)
      values (${orgId}, ${hotel}, ${order?.id ?? ''}, ${kitchen}, 'Bread', 500, 1, 0)`;
    await page.locator('.revenue-table').getByText('€35.00').waitFor({ timeout: 50_000 });
    expectNoProblems(watched);
    await watched.context.close();
  }, 150_000);

  it('exports each chart’s numbers as CSV and the daily report as a PDF', async () => {
    const watched = await openPage(web.browser);
    await signIn(web.url, watched, manager, `/o/${org.slug}/p/${hotel}/dashboard`);
    await watched.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const from = today;
    const to = new Date(Date.parse(`${today}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    const response = await watched.page.request.get(
      `${web.url}/o/${org.slug}/p/${hotel}/dashboard.csv?${new URLSearchParams({ chart: 'occupancy', from, to })}`,
    );
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'date,On the books (fraction),Forecast (fraction),Same weekday last year (fraction),ADR (minor units),RevPAR (minor units)',
    );
    expect(lines).toHaveLength(8);
    // Tonight's row holds what the database counts (101 and, after the live test, 103 at 10,000 each).
    const [tonight] = await web.stack.admin<{ occupancy: string; adr_minor: string; revpar_minor: string }[]>`
      select occupancy, adr_minor, revpar_minor from public.property_daily_kpis(${hotel}, ${today}::date, ${today}::date)`;
    expect(lines[1]).toBe(
      `${today},${Number(tonight?.occupancy)},0.5,0,${Number(tonight?.adr_minor)},${Number(tonight?.revpar_minor)}`,
    );
    expect(Number(tonight?.adr_minor), 'every night sold at 10,000').toBe(10_000);
    const uncompared = await watched.page.request.get(
      `${web.url}/o/${org.slug}/p/${hotel}/dashboard.csv?${new URLSearchParams({ chart: 'occupancy', from, to, compare: '0' })}`,
    );
    expect((await uncompared.text()).split('\r\n')[0]).toBe(
      'date,On the books (fraction),Forecast (fraction),ADR (minor units),RevPAR (minor units)',
    );
    // On the page, unticking "Compare with last year" takes last year off the period's tiles too.
    const lastYearDetails = watched.page.locator('.kpi-detail', { hasText: /last year/i });
    await expect(lastYearDetails.count()).resolves.toBeGreaterThan(0);
    await watched.page.getByLabel('Compare with last year').uncheck();
    await watched.page.getByRole('button', { name: 'Show', exact: true }).click();
    await watched.page.waitForURL(/compare=0/);
    await expect.poll(() => lastYearDetails.count(), { timeout: 10_000 }).toBe(0);
    await expect(watched.page.getByRole('link', { name: 'Next 90 days' }).getAttribute('href')).resolves.toContain(
      'compare=0',
    );
    const unknown = await watched.page.request.get(`${web.url}/o/${org.slug}/p/${hotel}/dashboard.csv?chart=secrets`);
    expect(unknown.status()).toBe(404);

    // The daily manager report: a real PDF with the same figures.
    const report = await watched.page.request.get(`${web.url}/o/${org.slug}/p/${hotel}/dashboard.pdf`);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(await report.body());
    expect(pdf.getTitle()).toBe(`Daily report, Bay Hotel, ${today}`);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);

    // And mailed: the report is queued for the manager's own address, with the PDF attached.
    await watched.page.getByRole('button', { name: 'Mail me this report' }).click();
    await watched.page.getByText('The daily report is on its way to your email address.').waitFor();
    const [mailed] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from private.mail_outbox o
      join private.mail_attachments a on a.outbox_id = o.id
      where o.recipient = ${manager.email} and a.content_type = 'application/pdf'`;
    expect(mailed?.n).toBe(1);
    await watched.context.close();
  });

  it('is not found for a staff member of another property', async () => {
    const watched = await openPage(web.browser);
    await signIn(web.url, watched, restricted, `/o/${org.slug}`);
    await watched.page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    const page = await watched.page.goto(`${web.url}/o/${org.slug}/p/${hotel}/dashboard`);
    expect(page?.status()).toBe(404);
    const csv = await watched.page.request.get(`${web.url}/o/${org.slug}/p/${hotel}/dashboard.csv?chart=occupancy`);
    expect(csv.status()).toBe(404);
    const risks = await watched.page.request.get(`${web.url}/o/${org.slug}/p/${hotel}/dashboard.risks`);
    expect(risks.status()).toBe(404);
    expect(await risks.text()).not.toContain('Rick Risky');
    await watched.context.close();
  });

  it('rolls the properties up for the organization, per currency, and only those a member may read', async () => {
    const watched = await openPage(web.browser, { width: 1280, height: 800 });
    const { page } = watched;
    const path = `/o/${org.slug}/dashboard`;
    await signIn(web.url, watched, manager, path);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const table = page.locator('.rollup-table');
    await expect(table.locator('tbody th[scope="row"] a').allTextContents()).resolves.toEqual([
      'Bay Hotel',
      'Hill Lodge',
      'Thames Inn',
    ]);
    await page.getByText('totals are per currency, and amounts are not converted').waitFor();
    await expect(table.locator('.total-row').count()).resolves.toBe(2);
    // The table scrolls sideways on a tablet: its box takes the keyboard's focus to scroll.
    const scroller = page.getByRole('region', { name: 'Figures per property' });
    await scroller.focus();
    await expect(page.evaluate('document.activeElement?.getAttribute("aria-label")')).resolves.toBe(
      'Figures per property',
    );
    // uPlot draws after hydration: wait for the canvas, then count it.
    await page.locator('[data-chart="property-occupancy"] canvas').first().waitFor();
    await expect(page.locator('[data-chart="property-occupancy"] canvas').count()).resolves.toBe(1);
    await expectAccessible(page, 'organization dashboard');
    await staffScreenshots(page, 'dashboard-organization');
    await page.getByRole('link', { name: 'Bay Hotel' }).click();
    await page.getByText(/^Bay Hotel · .* · Europe\/Lisbon$/).waitFor();
    expectNoProblems(watched);
    await watched.context.close();

    const restrictedPage = await openPage(web.browser);
    await signIn(web.url, restrictedPage, restricted, path);
    await restrictedPage.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await expect(
      restrictedPage.page.locator('.rollup-table tbody th[scope="row"] a').allTextContents(),
      'a member restricted to Hill Lodge',
    ).resolves.toEqual(['Hill Lodge']);
    await restrictedPage.context.close();
  });

  it('lets a manager start a forecast and follows the job live; staff may not start one', async () => {
    const watched = await openPage(web.browser, { width: 1024, height: 768 });
    const { page } = watched;
    const path = `/o/${org.slug}/p/${hotel}/dashboard`;
    await signIn(web.url, watched, manager, path);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.getByRole('button', { name: 'Start a forecast' }).click();
    const row = page.locator('.jobs-table tbody tr').filter({ hasText: 'Occupancy forecast' });
    await row.filter({ hasText: 'Queued' }).waitFor({ timeout: 10_000 });
    const [job] = await web.stack.admin<{ id: string; kind: string; status: string }[]>`
      select id, kind, status from public.jobs where property_id = ${hotel} order by created_at desc limit 1`;
    expect(job).toMatchObject({ kind: 'forecast', status: 'queued' });

    // The worker (played here by SQL) reports progress, then its result: the bar follows live.
    await web.stack
      .admin`update public.jobs set status = 'running', progress = 50, started_at = now() where id = ${job?.id ?? ''}`;
    await row.filter({ hasText: '50 %' }).waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'dashboard jobs');
    await web.stack.admin`
      update public.jobs set status = 'succeeded', progress = 100, finished_at = now(), result = '{"days": 30}'::jsonb
      where id = ${job?.id ?? ''}`;
    await row.filter({ hasText: 'Done' }).filter({ hasText: 'days: 30' }).waitFor({ timeout: 10_000 });
    await staffScreenshots(page, 'dashboard-jobs');
    expectNoProblems(watched);
    await watched.context.close();

    const staffPage = await openPage(web.browser);
    await signIn(web.url, staffPage, staff, path);
    await staffPage.page.getByRole('heading', { name: 'Jobs' }).waitFor();
    await expect(
      staffPage.page.getByRole('button', { name: 'Start a forecast' }).count(),
      'no buttons for staff',
    ).resolves.toBe(0);
    const forged = await staffPage.page.request.post(`${web.url}${path}`, {
      form: { intent: 'start-job', kind: 'forecast' },
    });
    expect(forged.status(), 'a forged start by staff').toBe(403);
    const [count] = await web.stack.admin<
      { n: number }[]
    >`select count(*)::int as n from public.jobs where property_id = ${hotel}`;
    expect(count?.n, 'still the one job').toBe(1);
    await staffPage.context.close();
  });
});
