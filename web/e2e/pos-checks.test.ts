// A table's check on the POS, in Chromium against a throwaway stack (decision 024): the floor's
// "Open POS" link picks the table; a second round for a table with an open check goes onto the
// same order; "Bill requested" on the POS turns the table's tile on a second tablet's floor plan
// to "Bill requested" without a reload; the check is split by seat into two checks and each is
// paid (card, then cash: recorded payments on their own tab folios) and closed, the database's
// totals matching the payments, and the floor shows the table free again; floor staff note a
// bill request from the tile too. A viewer's forged posts of the new actions get 403. axe finds nothing serious; screenshots at both tablet sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const TABLET = { width: 1024, height: 768 };

describe('POS checks', () => {
  let staff: SeededUser;
  let viewer: SeededUser;
  const org = { slug: `checks-${Date.now().toString(36)}`, name: 'Harbour Bistro' };
  let restaurant = '';
  let table = '';
  let base = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'staff', 'Sara Server');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const db = web.stack.admin;
    const [property] = await db<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind) values (${orgId}, 'Harbour Bistro', 'restaurant')
      returning id`;
    restaurant = property?.id ?? '';
    await db`insert into public.order_settings (organization_id, property_id, service_charge_bp)
      values (${orgId}, ${restaurant}, 1000)`;
    const [mains] = await db`
      insert into public.catalogue_categories (organization_id, name, sort_order) values (${orgId}, 'Mains', 1) returning id`;
    const items = await db<{ id: string }[]>`
      insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency, tax_rate_bp)
      values (${orgId}, ${mains?.id}, 'Grilled sardines', 1450, 'EUR', 1300),
             (${orgId}, ${mains?.id}, 'Lemonade', 350, 'EUR', 2300)
      returning id`;
    for (const item of items) {
      await db`insert into public.item_availability (organization_id, property_id, item_id)
        values (${orgId}, ${restaurant}, ${item.id})`;
    }
    const [tableType] = await db`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${restaurant}, 'table', 'Table for four', 'slot') returning id`;
    const tables = await db<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${restaurant}, ${tableType?.id}, 'T1', 4), (${orgId}, ${restaurant}, ${tableType?.id}, 'T2', 4)
      returning id, name`;
    table = tables.find((t) => t.name === 'T1')?.id ?? '';
    base = `/o/${org.slug}/p/${restaurant}`;
  });

  const tableOrders = () =>
    web.stack.admin<
      { id: string; status: string; total_minor: string; bill_requested_at: Date | null; folio_id: string | null }[]
    >`select id, status, total_minor, bill_requested_at, folio_id from public.orders
      where property_id = ${restaurant} and table_resource_id = ${table} order by created_at`;

  it('adds a round to the open check, shows the bill request on the floor live, splits by seat and settles each check', async () => {
    const pos = await openPage(web.browser, TABLET);
    const floor = await openPage(web.browser, TABLET);
    const { page } = pos;
    await signIn(web.url, pos, staff, `${base}/pos?table=${table}`);
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    await page.locator('.pos-live-live').waitFor();
    await expect(page.getByRole('combobox', { name: 'Table' }).inputValue(), 'the floor link picks T1').resolves.toBe(
      table,
    );

    // First round: sardines for seat 1, a lemonade for seat 2.
    await page.getByLabel('Seat', { exact: true }).selectOption({ label: 'Seat 1' });
    await page.getByRole('button', { name: /Grilled sardines/ }).click();
    await page.getByLabel('Seat', { exact: true }).selectOption({ label: 'Seat 2' });
    await page.getByRole('button', { name: /Lemonade/ }).click();
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    const check = page.getByRole('listitem', { name: /^Table T1,/ });
    await check.waitFor();

    // Second round: the POS offers the open check and the lemonade goes onto it.
    await expect(page.getByRole('combobox', { name: 'Add to' }).inputValue()).resolves.not.toBe('new');
    await page.getByRole('button', { name: /Lemonade/ }).click();
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    await page.getByText('Round added to the check and sent to the kitchen.').waitFor();
    await check.getByText('Lemonade').nth(1).waitFor();
    const afterRound = await tableOrders();
    expect(afterRound.length, 'one check for the table').toBe(1);
    const [{ n: lines }] = (await web.stack.admin`
      select count(*)::int as n from public.order_items where order_id = ${afterRound[0]?.id ?? ''}`) as unknown as [
      { n: number },
    ];
    expect(lines, 'both rounds on the same order').toBe(3);

    // The floor on a second tablet: T1 is ordering, then "Bill requested" as soon as the POS says so.
    await signIn(web.url, floor, staff, `${base}/floor`);
    await floor.page.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();
    await floor.page.locator('.floor-live-live').waitFor();
    await floor.page.getByRole('link', { name: /^T1\s*Ordering/ }).waitFor();
    await check.getByRole('button', { name: 'Bill requested' }).click();
    await check.getByText(/^Bill requested at/).waitFor();
    const billTile = floor.page.getByRole('link', { name: /^T1\s*Bill requested/ });
    await billTile.waitFor({ timeout: 8_000 });
    await expectAccessible(floor.page, 'floor with a bill requested');
    await staffScreenshots(floor.page, 'floor-bill-requested');

    // The kitchen serves everything.
    const orderId = afterRound[0]?.id ?? '';
    for (const status of ['preparing', 'ready', 'served']) {
      await web.stack.admin`update public.order_items set status = ${status}::public.order_item_status
        where order_id = ${orderId}`;
      await web.stack.admin`update public.orders set status = ${status}::public.order_status where id = ${orderId}`;
    }
    await page.getByRole('listitem', { name: /^Table T1, Served, bill requested/ }).waitFor();

    // Split by seat: seat 2's lemonades move to a new check.
    await check.getByRole('button', { name: 'Split check' }).click();
    const split = check.getByRole('form', { name: 'Split Table T1' });
    await split.getByRole('button', { name: 'Seat 2' }).click();
    await expect(split.getByRole('checkbox', { checked: true }).count()).resolves.toBe(2);
    await expectAccessible(page, 'POS splitting a check');
    await staffScreenshots(page, 'pos-split');
    await split.getByRole('button', { name: 'Move to a new check' }).click();
    const first = page.getByRole('listitem', { name: /^Table T1 · check 1 of 2/ });
    const second = page.getByRole('listitem', { name: /^Table T1 · check 2 of 2/ });
    await first.waitFor();
    await second.waitFor();
    const checks = await tableOrders();
    expect(checks.length, 'two checks').toBe(2);
    const seats = await web.stack.admin<{ order_id: string; seat: number }[]>`
      select order_id, seat from public.order_items where order_id in (${checks[0]?.id ?? ''}, ${checks[1]?.id ?? ''})
      order by seat`;
    expect(
      seats.map((s) => [s.order_id === checks[0]?.id ? 1 : 2, s.seat]),
      'seat 1 on the first check, seat 2 on the second',
    ).toEqual([
      [1, 1],
      [2, 2],
      [2, 2],
    ]);
    await first
      .getByText(`€${(Number(checks[0]?.total_minor) / 100).toFixed(2)}`)
      .first()
      .waitFor();
    await second
      .getByText(`€${(Number(checks[1]?.total_minor) / 100).toFixed(2)}`)
      .first()
      .waitFor();
    await expectAccessible(page, 'POS with two checks');
    await staffScreenshots(page, 'pos-checks');

    // Each check paid on its own: card for the first, cash for the second.
    const pay = (ticket: typeof first) => ticket.getByRole('form', { name: /^Take payment for/ });
    await pay(first).getByRole('radio', { name: 'Card' }).check();
    await pay(first).getByRole('button', { name: 'Take payment and close' }).click();
    await first.waitFor({ state: 'detached' });
    const remaining = page.getByRole('listitem', { name: /^Table T1, Served/ });
    await pay(remaining).getByRole('radio', { name: 'Cash' }).check();
    await pay(remaining).getByRole('button', { name: 'Take payment and close' }).click();
    await page.getByText('No order is open.', { exact: false }).waitFor();

    const settled = await web.stack.admin<
      { status: string; total: string; bill: Date | null; folio: string; paid: string; method: string }[]
    >`
      select o.status, o.total_minor as total, o.bill_requested_at as bill, f.status as folio,
        (select -sum(e.amount_minor) from public.folio_entries e where e.folio_id = f.id and e.kind = 'payment') as paid,
        (select min(e.payment_method::text) from public.folio_entries e where e.folio_id = f.id and e.kind = 'payment') as method
      from public.orders o join public.folios f on f.id = o.folio_id
      where o.table_resource_id = ${table} order by o.created_at`;
    expect(settled.map((s) => ({ ...s, total: Number(s.total), paid: Number(s.paid) }))).toEqual([
      {
        status: 'closed',
        total: Number(checks[0]?.total_minor),
        bill: null,
        folio: 'settled',
        paid: Number(checks[0]?.total_minor),
        method: 'card',
      },
      {
        status: 'closed',
        total: Number(checks[1]?.total_minor),
        bill: null,
        folio: 'settled',
        paid: Number(checks[1]?.total_minor),
        method: 'cash',
      },
    ]);
    // The floor follows: T1 is free again.
    await floor.page.getByRole('article', { name: 'T1: Free' }).waitFor({ timeout: 8_000 });

    // Floor staff note a bill request themselves: T2's check (opened on another device).
    const [t2Check] = await web.stack.admin<{ id: string }[]>`
      insert into public.orders (organization_id, property_id, kind, table_resource_id, status, currency, submitted_at)
      select p.organization_id, p.id, 'table', r.id, 'submitted', 'EUR', now()
      from public.properties p join public.resources r on r.property_id = p.id and r.name = 'T2'
      where p.id = ${restaurant} returning id`;
    await floor.page.getByRole('link', { name: /^T2\s*Ordering/ }).waitFor({ timeout: 8_000 });
    await expectAccessible(floor.page, 'floor with an ordering table');
    await staffScreenshots(floor.page, 'floor-ordering');
    await floor.page.getByRole('button', { name: 'Bill requested at T2' }).click();
    await floor.page.getByText('Bill request noted', { exact: false }).waitFor();
    await floor.page.getByRole('link', { name: /^T2\s*Bill requested/ }).waitFor();
    await page.getByRole('listitem', { name: /^Table T2, Sent, bill requested/ }).waitFor({ timeout: 8_000 });
    const [t2] = await web.stack.admin<{ bill: Date | null }[]>`
      select bill_requested_at as bill from public.orders where id = ${t2Check?.id ?? ''}`;
    expect(t2?.bill, 'noted in the database').toBeInstanceOf(Date);
    expectNoProblems(pos);
    expectNoProblems(floor);
    await pos.context.close();
    await floor.context.close();
  }, 120_000);

  it('refuses a viewer the new actions and rounds with 403', async () => {
    const [order] = await web.stack.admin<{ id: string }[]>`
      insert into public.orders (organization_id, property_id, kind, table_resource_id, status, currency)
      select organization_id, id, 'table', ${table}, 'served', 'EUR' from public.properties where id = ${restaurant}
      returning id`;
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, viewer, `/o/${org.slug}`);
    await page.waitForURL(`**/o/${org.slug}`);
    const forms: Record<string, string>[] = [
      { intent: 'request_bill', order_id: order?.id ?? '' },
      { intent: 'split', order_id: order?.id ?? '', item_id: order?.id ?? '' },
      { intent: 'settle', order_id: order?.id ?? '', method: 'cash' },
    ];
    for (const form of forms) {
      const answer = await page.request.post(`${web.url}${base}/pos`, { form, headers: { Origin: web.url } });
      expect(answer.status(), `${form.intent} by a viewer`).toBe(403);
    }
    const floorBill = await page.request.post(`${web.url}${base}/floor`, {
      form: { intent: 'request-bill', order_id: order?.id ?? '' },
      headers: { Origin: web.url },
    });
    expect(floorBill.status(), 'a bill request from the floor by a viewer').toBe(403);
    const round = await page.request.post(`${web.url}${base}/pos/submit`, {
      data: {
        idempotency_key: 'viewer-round-1',
        order_id: order?.id ?? '',
        kind: 'table',
        table_resource_id: table,
        booking_id: null,
        guest_name: null,
        lines: [{ item_id: order?.id ?? '', quantity: 1, option_ids: [], note: null, seat: null, course: null }],
      },
      headers: { Origin: web.url },
    });
    expect(round.status(), 'a round by a viewer').toBe(403);
    const [after] = await web.stack.admin<{ status: string; bill_requested_at: Date | null }[]>`
      select status, bill_requested_at from public.orders where id = ${order?.id ?? ''}`;
    expect(after).toEqual({ status: 'served', bill_requested_at: null });
    await watched.context.close();
  });
});
