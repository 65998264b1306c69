// The POS in Chromium against a throwaway stack: a soup whose Size is required is refused by the
// picker without one, then sent with a lemonade to a table; a double click on Send makes one
// order, stored once with its modifiers, seat and course; a line the kitchen marks ready shows
// as ready without a reload. Offline (Playwright's emulation) three orders are queued in
// IndexedDB; the POS reopened once the tablet is back sends them, exactly three orders exist,
// and replaying them again returns the same orders. A staff member of another property gets 404,
// a viewer 403 on the page, its actions and the submit route. axe finds nothing serious;
// screenshots at 1024×768 and 1280×800.
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage } from './support/browser.ts';
import { expectAccessible, signIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const TABLET = { width: 1024, height: 768 };

/** The staff screens' two landscape tablet sizes. */
describe('POS', () => {
  let owner: SeededUser;
  let staff: SeededUser;
  let elsewhere: SeededUser;
  let viewer: SeededUser;
  const org = { slug: `pos-${Date.now().toString(36)}`, name: 'Quayside Dining' };
  let restaurant = '';
  let cafe = '';
  let soup = '';
  let large = '';
  let posPath = '';

  beforeAll(async () => {
    owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'staff', 'Sara Server');
    elsewhere = await createUser(web.stack, 'cafe-staff', 'Carl Cafe');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: elsewhere, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const db = web.stack.admin;
    const properties = await db<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind)
      values (${orgId}, 'Quay Kitchen', 'restaurant'), (${orgId}, 'Quay Cafe', 'restaurant') returning id, name`;
    restaurant = properties.find((p) => p.name === 'Quay Kitchen')?.id ?? '';
    cafe = properties.find((p) => p.name === 'Quay Cafe')?.id ?? '';
    await db`update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${elsewhere.id}`;
    await db`insert into public.member_property_access (organization_id, user_id, property_id) values (${orgId}, ${elsewhere.id}, ${cafe})`;
    const [mains] = await db`
      insert into public.catalogue_categories (organization_id, name, sort_order) values (${orgId}, 'Mains', 1) returning id`;
    const [drinks] = await db`
      insert into public.catalogue_categories (organization_id, name, sort_order) values (${orgId}, 'Drinks', 2) returning id`;
    const items = await db<{ id: string; name: string }[]>`
      insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency, tax_rate_bp)
      values (${orgId}, ${mains?.id}, 'Fish soup', 1250, 'EUR', 1300), (${orgId}, ${drinks?.id}, 'Lemonade', 350, 'EUR', 2300)
      returning id, name`;
    soup = items.find((i) => i.name === 'Fish soup')?.id ?? '';
    const lemonade = items.find((i) => i.name === 'Lemonade')?.id ?? '';
    await db`
      insert into public.item_availability (organization_id, property_id, item_id)
      values (${orgId}, ${restaurant}, ${soup}), (${orgId}, ${restaurant}, ${lemonade})`;
    const [size] = await db`
      insert into public.modifier_groups (organization_id, name, required, min_choices, max_choices)
      values (${orgId}, 'Size', true, 1, 1) returning id`;
    const options = await db<{ id: string; name: string }[]>`
      insert into public.modifier_options (organization_id, group_id, name, price_delta_minor)
      values (${orgId}, ${size?.id}, 'Small', -200), (${orgId}, ${size?.id}, 'Large', 300) returning id, name`;
    large = options.find((o) => o.name === 'Large')?.id ?? '';
    await db`insert into public.item_modifier_groups (organization_id, item_id, group_id) values (${orgId}, ${soup}, ${size?.id})`;
    const [tableType] = await db`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${restaurant}, 'table', 'Table for four', 'slot') returning id`;
    await db`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${restaurant}, ${tableType?.id}, 'T1', 4), (${orgId}, ${restaurant}, ${tableType?.id}, 'T2', 4)`;
    posPath = `/o/${org.slug}/p/${restaurant}/pos`;
    tables = Object.fromEntries(
      (
        await db<
          { id: string; name: string }[]
        >`select id, name from public.resources where property_id = ${restaurant}`
      ).map((row) => [row.name, row.id]),
    );
  });
  let tables: Record<string, string> = {};

  async function ordersAt(property: string) {
    return web.stack.admin<{ id: string; idempotency_key: string; status: string; total_minor: string }[]>`
      select id, idempotency_key, status, total_minor from public.orders where property_id = ${property} order by created_at`;
  }

  it('sends an order with a required modifier once, stored with its modifiers', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, staff, posPath);
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    await page.goto(`${web.url}${posPath}`);
    await page.getByText('No order is open.', { exact: false }).waitFor();
    await page.locator('.pos-live-live').waitFor();
    await expectAccessible(page, 'POS');
    await staffScreenshots(page, 'pos-empty');

    await page.getByRole('combobox', { name: 'Table' }).selectOption({ label: 'T1' });
    await page.getByLabel('Seat', { exact: true }).selectOption({ label: 'Seat 2' });
    await page.getByRole('button', { name: /Fish soup/ }).click();
    const picker = page.getByRole('dialog', { name: 'Fish soup' });
    await picker.waitFor();
    // The picker refuses the soup without its required size.
    await picker.getByRole('button', { name: 'Add to order' }).click();
    await picker.getByText('Choose size.').waitFor();
    await expectAccessible(page, 'picker with a refused choice');
    await staffScreenshots(page, 'pos-picker');
    await picker.getByLabel(/Large/).check();
    await picker.getByLabel('Note for the kitchen (optional)').fill('No chilli');
    await picker.getByRole('button', { name: 'Add to order' }).click();
    await picker.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Drinks' }).click();
    await page.getByRole('button', { name: /Lemonade/ }).click();
    const lines = page.getByRole('list', { name: 'Items in the new order' });
    await lines.getByText('1 × Fish soup').waitFor();
    await lines.getByText('1 × Lemonade').waitFor();
    await staffScreenshots(page, 'pos-order');

    // A double tap on Send: one order.
    await page.getByRole('button', { name: 'Send to kitchen' }).dblclick();
    const ticket = page.getByRole('listitem', { name: /Table T1/ });
    await ticket.waitFor();
    await ticket.getByText('Fish soup', { exact: false }).waitFor();
    const orders = await ordersAt(restaurant);
    expect(orders.length, 'one order for a double tap').toBe(1);
    const order = orders[0];
    expect(order?.status).toBe('submitted');
    const stored = await web.stack.admin<
      { item_name: string; options: { option_id: string }[]; seat: number | null; note: string | null }[]
    >`
      select item_name, options, seat, note from public.order_items where order_id = ${order?.id ?? ''} order by item_name`;
    expect(stored.map((l) => ({ ...l, options: l.options.map((o) => o.option_id) }))).toEqual([
      { item_name: 'Fish soup', options: [large], seat: 2, note: 'No chilli' },
      { item_name: 'Lemonade', options: [], seat: 2, note: null },
    ]);
    // The ticket's total is the database's.
    await ticket.getByText(`€${(Number(order?.total_minor) / 100).toFixed(2)}`).waitFor();

    await expectAccessible(page, 'POS with an order in service');
    await staffScreenshots(page, 'pos');
    expect(watched.problems, 'console errors, page errors or CSP violations').toEqual([]);
    await watched.context.close();
  }, 120_000);

  it('shows a line the kitchen marked ready without a reload, then serves, charges and closes the order', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, staff, posPath);
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    await page.locator('.pos-live-live').waitFor();
    const [order] = await ordersAt(restaurant);
    const ticket = page.getByRole('listitem', { name: /Table T1/ });
    await ticket.waitFor();
    await web.stack
      .admin`update public.order_items set status = 'preparing' where order_id = ${order?.id ?? ''} and item_id = ${soup}`;
    await web.stack
      .admin`update public.order_items set status = 'ready' where order_id = ${order?.id ?? ''} and item_id = ${soup}`;
    await ticket.locator('.pos-ticket-line-ready').getByText('Ready').waitFor({ timeout: 8_000 });
    await expectAccessible(page, 'POS with a ready line');
    await staffScreenshots(page, 'pos-ready');

    // The kitchen finishes the order; the POS serves it, puts it on the table's tab and closes it.
    await web.stack.admin`update public.orders set status = 'preparing' where id = ${order?.id ?? ''}`;
    await web.stack.admin`update public.orders set status = 'ready' where id = ${order?.id ?? ''}`;
    await ticket.getByRole('button', { name: 'Mark served' }).click();
    await ticket.getByText('Marked served.').waitFor();
    await ticket.getByRole('button', { name: 'Add to tab' }).click();
    await ticket.getByText('Added to a table tab.').waitFor();
    await ticket.getByRole('button', { name: 'Close', exact: true }).click();
    await ticket.waitFor({ state: 'detached' });
    const [closed] = await web.stack.admin<{ status: string; entries: number; label: string }[]>`
      select o.status, (select count(*)::int from public.folio_entries e where e.order_id = o.id) as entries, f.label
      from public.orders o join public.folios f on f.id = o.folio_id where o.id = ${order?.id ?? ''}`;
    expect(closed, 'closed, charged once to the table tab').toEqual({
      status: 'closed',
      entries: 1,
      label: 'Table T1',
    });
    expect(watched.problems, 'console errors, page errors or CSP violations').toEqual([]);
    await watched.context.close();
  }, 60_000);

  it('queues orders offline in IndexedDB and sends each exactly once when back', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page, context } = watched;
    await signIn(web.url, watched, staff, posPath);
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    const before = (await ordersAt(restaurant)).length;

    await context.setOffline(true);
    await page.getByText('Offline — orders are queued.').waitFor();
    await page.getByRole('radio', { name: 'Counter' }).check();
    for (const guest of ['Ana', 'Bea', 'Caio']) {
      await page.getByRole('button', { name: 'Drinks' }).click();
      await page.getByRole('button', { name: /Lemonade/ }).click();
      await page.getByLabel('Guest name (optional)').fill(guest);
      await page.getByRole('button', { name: 'Send to kitchen' }).click();
      const count = ['Ana', 'Bea', 'Caio'].indexOf(guest) + 1;
      await page.getByRole('heading', { name: `${count} order${count === 1 ? '' : 's'} queued` }).waitFor();
    }
    await expectAccessible(page, 'POS offline with a queue');
    await staffScreenshots(page, 'pos-offline');
    expect((await ordersAt(restaurant)).length, 'nothing reached the server').toBe(before);
    const queued = await page.evaluate(
      () =>
        new Promise<{ key: string; order: unknown; queuedAt: string }[]>((resolve, reject) => {
          // Runs in the page; typed loosely because this file is compiled without the DOM library.
          type Request<T> = { result: T; error: unknown; onsuccess: () => void; onerror: () => void };
          type Database = { transaction(store: string): { objectStore(name: string): { getAll(): Request<never[]> } } };
          const page = globalThis as unknown as { indexedDB: { open(name: string): Request<Database> } };
          const open = page.indexedDB.open('roost-pos');
          open.onsuccess = () => {
            const request = open.result.transaction('outbox').objectStore('outbox').getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          };
        }),
    );
    expect(queued.length, 'three orders in IndexedDB').toBe(3);

    // The tablet closes the POS while offline; back online, the POS opened again sends the queue.
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${web.url}${posPath}`);
    await again.getByRole('heading', { name: 'New order' }).waitFor();
    await again.getByRole('listitem', { name: /Counter · Caio/ }).waitFor();
    await expect.poll(async () => (await ordersAt(restaurant)).length, { timeout: 10_000 }).toBe(before + 3);
    await expect(again.getByRole('heading', { name: /queued/ }).count(), 'the queue is empty').resolves.toBe(0);
    const keys = (await ordersAt(restaurant)).slice(before).map((o) => o.idempotency_key);
    const taken = [...queued].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)).map((q) => q.key);
    expect(keys, 'sent in the order taken, with their keys').toEqual(taken);

    // A second replay of the same queue (a retry after a lost answer) places nothing new.
    const ids = (await ordersAt(restaurant)).slice(before).map((o) => o.id);
    for (const entry of queued) {
      const answer = await again.request.post(`${web.url}${posPath}/submit`, {
        data: entry.order,
        headers: { Origin: web.url },
      });
      expect(answer.status()).toBe(200);
      const body = (await answer.json()) as { order: { id: string } };
      expect(ids, 'the existing order comes back').toContain(body.order.id);
    }
    expect((await ordersAt(restaurant)).length, 'still exactly three new orders').toBe(before + 3);
    await context.close();
  }, 120_000);

  it('gives 404 to staff of another property and 403 to a viewer, on the page and its posts', async () => {
    const other = await openPage(web.browser, TABLET);
    await signIn(web.url, other, elsewhere, `/o/${org.slug}/p/${cafe}/pos`);
    await other.page.getByRole('heading', { name: 'New order' }).waitFor();
    const hidden = await other.page.goto(`${web.url}${posPath}`);
    expect(hidden?.status(), 'another property’s POS').toBe(404);
    const forged = await other.page.request.post(`${web.url}${posPath}/submit`, {
      data: {
        idempotency_key: 'forged-key-1',
        kind: 'takeaway',
        table_resource_id: null,
        booking_id: null,
        guest_name: null,
        lines: [{ item_id: soup, quantity: 1, option_ids: [large], note: null, seat: null, course: null }],
      },
      headers: { Origin: web.url },
    });
    expect(forged.status(), 'the submit route of another property').toBe(404);
    await other.context.close();

    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, viewer, `/o/${org.slug}`);
    await page.waitForURL(`**/o/${org.slug}`);
    const view = await page.goto(`${web.url}${posPath}`);
    expect(view?.status(), 'POS for a viewer').toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expectAccessible(page, '403 on the POS');
    const submit = await page.request.post(`${web.url}${posPath}/submit`, {
      data: {
        idempotency_key: 'viewer-key-1',
        kind: 'takeaway',
        table_resource_id: null,
        booking_id: null,
        guest_name: null,
        lines: [{ item_id: soup, quantity: 1, option_ids: [large], note: null, seat: null, course: null }],
      },
      headers: { Origin: web.url },
    });
    expect(submit.status(), 'the submit route refuses a viewer').toBe(403);
    const [first] = await ordersAt(restaurant);
    const action = await page.request.post(`${web.url}${posPath}`, {
      form: { intent: 'close', order_id: first?.id ?? '' },
      headers: { Origin: web.url },
    });
    expect(action.status(), 'the page action refuses a viewer').toBe(403);
    const keys = (await ordersAt(restaurant)).map((o) => o.idempotency_key);
    expect(keys).not.toContain('viewer-key-1');
    expect(keys).not.toContain('forged-key-1');
    await watched.context.close();
  });

  it('gives a refused order back to be fixed, with the database’s reason', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, staff, posPath);
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    const before = (await ordersAt(restaurant)).length;
    // The lemonade stops being sold here after the menu was loaded.
    const [gone] = await web.stack.admin<{ item_id: string; organization_id: string }[]>`
      delete from public.item_availability a using public.catalogue_items i
      where a.item_id = i.id and i.name = 'Lemonade' and a.property_id = ${restaurant}
      returning a.item_id, a.organization_id`;
    await page.getByRole('radio', { name: 'Counter' }).check();
    await page.getByRole('button', { name: /Lemonade/ }).click();
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not sent:' }).waitFor();
    await page.getByRole('list', { name: 'Items in the new order' }).getByText('1 × Lemonade').waitFor();
    await expect(page.getByRole('heading', { name: /queued/ }).count(), 'not left in the queue').resolves.toBe(0);
    expect((await ordersAt(restaurant)).length, 'nothing placed').toBe(before);
    await web.stack.admin`
      insert into public.item_availability (organization_id, property_id, item_id)
      values (${gone?.organization_id ?? ''}, ${restaurant}, ${gone?.item_id ?? ''})`;
    await watched.context.close();
  });

  it('shows who has a table open at a POS, on the other POS and on the floor', async () => {
    const server = await openPage(web.browser, TABLET);
    const manager = await openPage(web.browser, TABLET);
    await signIn(web.url, server, staff, `${posPath}?table=${tables.T1}`);
    await signIn(web.url, manager, owner, `/o/${org.slug}/p/${restaurant}/floor`);
    await server.page.getByRole('heading', { name: 'New order' }).waitFor();
    const tile = manager.page.locator('.floor-tile').filter({ hasText: 'T1' });
    await tile
      .getByTestId('table-presence')
      .filter({ hasText: 'At the POS: Sara Server' })
      .waitFor({ timeout: 10_000 });
    await expect(
      manager.page.locator('.floor-tile').filter({ hasText: 'T2' }).getByTestId('table-presence').count(),
    ).resolves.toBe(0);

    // The manager opens the same table at a POS: each sees the other there.
    await manager.page.goto(`${web.url}${posPath}?table=${tables.T1}`);
    await manager.page.getByText('Sara Server also has this table open').waitFor({ timeout: 10_000 });
    await server.page.getByText('Olga Owner also has this table open').waitFor({ timeout: 10_000 });
    // Sara moves to T2: the manager's note clears.
    await server.page.locator('#pos-table').selectOption({ label: 'T2' });
    await expect.poll(() => manager.page.getByTestId('presence-note').textContent(), { timeout: 10_000 }).toBe('');
    await expectAccessible(manager.page, 'POS with presence');
    await server.context.close();
    await manager.context.close();
  });
});
