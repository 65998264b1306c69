// The kitchen display and the restaurant floor in Chromium against a throwaway stack. A staff
// member's own Supabase client sends an order (starter with a note, main with a modifier, a
// drink routed to the bar); the kitchen station's display shows it live, grouped by course,
// without the drink; bumping a line, then the ticket, moves the statuses in the database along
// its flow; recall brings the ticket back; the bar's display has the drink. On the floor a seated
// table opens the POS, a walk-in seats a free table (a checked-in booking) and a second device
// sees the tile change live; a reservation is booked for tomorrow. A staff member restricted to
// one property gets 404 on another's display, a viewer 403 on the pages and forged posts. Every
// page passes axe (nothing serious or critical) and is photographed at 1024×768 and 1280×800.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const LANDSCAPE = { width: 1280, height: 800 };

/** Resolves once `check` holds, polling the database (live screens are checked in the page). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('kitchen display and floor', () => {
  let staff: SeededUser;
  let viewer: SeededUser;
  let staffClient: SupabaseClient;
  const org = { slug: `bistro-${Date.now().toString(36)}`, name: 'Bistro Group' };
  const ids = {
    bistro: '',
    annex: '',
    kitchen: '',
    bar: '',
    soup: '',
    steak: '',
    lemonade: '',
    rare: '',
    t1: '',
    t2: '',
    t3: '',
  };
  let orderId = '';
  let kitchenPath = '';
  let floorPath = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'staff', 'Sid Staff');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const admin = web.stack.admin;
    const properties = await admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Bistro', 'restaurant', 'Europe/Lisbon', 'EUR'),
             (${orgId}, 'Annex', 'restaurant', 'Europe/Lisbon', 'EUR')
      returning id, name`;
    ids.bistro = properties.find((row) => row.name === 'Bistro')?.id ?? '';
    ids.annex = properties.find((row) => row.name === 'Annex')?.id ?? '';
    // The staff member works in the bistro only.
    await admin`update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${staff.id}`;
    await admin`insert into public.member_property_access (organization_id, user_id, property_id) values (${orgId}, ${staff.id}, ${ids.bistro})`;

    const stations = await admin<{ id: string; name: string }[]>`
      insert into public.stations (organization_id, property_id, name, kind)
      values (${orgId}, ${ids.bistro}, 'Kitchen', 'kitchen'), (${orgId}, ${ids.bistro}, 'Bar', 'bar'),
             (${orgId}, ${ids.annex}, 'Annex kitchen', 'kitchen')
      returning id, name`;
    ids.kitchen = stations.find((row) => row.name === 'Kitchen')?.id ?? '';
    ids.bar = stations.find((row) => row.name === 'Bar')?.id ?? '';
    const categories = await admin<{ id: string; name: string }[]>`
      insert into public.catalogue_categories (organization_id, name, sort_order)
      values (${orgId}, 'Starters', 1), (${orgId}, 'Mains', 2), (${orgId}, 'Drinks', 3)
      returning id, name`;
    const category = (name: string) => categories.find((row) => row.name === name)?.id ?? '';
    await admin`
      insert into public.station_routes (organization_id, property_id, station_id, category_id)
      values (${orgId}, ${ids.bistro}, ${ids.kitchen}, ${category('Starters')}),
             (${orgId}, ${ids.bistro}, ${ids.kitchen}, ${category('Mains')}),
             (${orgId}, ${ids.bistro}, ${ids.bar}, ${category('Drinks')})`;
    const items = await admin<{ id: string; name: string }[]>`
      insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency)
      values (${orgId}, ${category('Starters')}, 'Soup', 650, 'EUR'),
             (${orgId}, ${category('Mains')}, 'Steak', 2400, 'EUR'),
             (${orgId}, ${category('Drinks')}, 'Lemonade', 350, 'EUR')
      returning id, name`;
    for (const item of items) ids[item.name.toLowerCase() as 'soup' | 'steak' | 'lemonade'] = item.id;
    await admin`
      insert into public.item_availability (organization_id, property_id, item_id)
      select ${orgId}, ${ids.bistro}, id from public.catalogue_items where organization_id = ${orgId}`;
    const [group] = await admin<{ id: string }[]>`
      insert into public.modifier_groups (organization_id, name, required, min_choices, max_choices)
      values (${orgId}, 'Doneness', true, 1, 1) returning id`;
    const options = await admin<{ id: string; name: string }[]>`
      insert into public.modifier_options (organization_id, group_id, name, sort_order)
      values (${orgId}, ${group?.id ?? ''}, 'Rare', 1), (${orgId}, ${group?.id ?? ''}, 'Medium', 2)
      returning id, name`;
    ids.rare = options.find((row) => row.name === 'Rare')?.id ?? '';
    await admin`
      insert into public.item_modifier_groups (organization_id, item_id, group_id)
      values (${orgId}, ${ids.steak}, ${group?.id ?? ''})`;

    // Three tables of one table type with a (free) slot rate.
    const [type] = await admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${ids.bistro}, 'table', 'Table for four', 'slot') returning id`;
    await admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, currency, base_price_minor)
      values (${orgId}, ${ids.bistro}, ${type?.id ?? ''}, 'Walk-in', 'EUR', 0)`;
    const tables = await admin<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${ids.bistro}, ${type?.id ?? ''}, 'T1', 4), (${orgId}, ${ids.bistro}, ${type?.id ?? ''}, 'T2', 4),
             (${orgId}, ${ids.bistro}, ${type?.id ?? ''}, 'T3', 4)
      returning id, name`;
    for (const table of tables) ids[table.name.toLowerCase() as 't1' | 't2' | 't3'] = table.id;

    staffClient = web.stack.client(web.stack.keys.publishable_key);
    const signedIn = await staffClient.auth.signInWithPassword({ email: staff.email, password: staff.password });
    expect(signedIn.error).toBeNull();
    // T1 seated: booked from now and checked in, through the RPCs as the staff member.
    const [local] = await admin<{ date: string; time: string }[]>`
      select to_char(now() at time zone 'Europe/Lisbon', 'YYYY-MM-DD') as date,
             to_char(now() at time zone 'Europe/Lisbon', 'HH24:MI') as time`;
    const booked = await staffClient.rpc('create_booking', {
      p_resource_id: ids.t1,
      p_guest_id: null,
      p_arrival: local?.date,
      p_departure: local?.date,
      p_party_size: 2,
      p_time: local?.time,
      p_duration_minutes: 120,
      p_confirm: true,
    });
    expect(booked.error).toBeNull();
    const seated = await staffClient.rpc('check_in_booking', { p_booking_id: booked.data.id });
    expect(seated.error).toBeNull();

    kitchenPath = `/o/${org.slug}/p/${ids.bistro}/kitchen`;
    floorPath = `/o/${org.slug}/p/${ids.bistro}/floor`;
  });

  /** The POS's one call: the order with its lines (seat, course, note, modifier), submitted. */
  async function sendOrder(): Promise<string> {
    const placed = await staffClient.rpc('place_order', {
      p_property_id: ids.bistro,
      p_idempotency_key: `e2e-${Date.now()}`,
      p_kind: 'table',
      p_table_resource_id: ids.t2,
      p_lines: [
        { item_id: ids.soup, quantity: 1, note: 'No croutons', seat: 1, course: 1 },
        { item_id: ids.steak, quantity: 2, option_ids: [ids.rare], seat: 2, course: 2 },
        { item_id: ids.lemonade, quantity: 1, seat: 1, course: 1 },
      ],
    });
    expect(placed.error).toBeNull();
    return placed.data.id as string;
  }

  const statuses = async () => {
    const [order] = await web.stack.admin<
      { status: string }[]
    >`select status::text from public.orders where id = ${orderId}`;
    const lines = await web.stack.admin<{ item_name: string; status: string }[]>`
      select item_name, status::text from public.order_items where order_id = ${orderId} order by item_name`;
    return { order: order?.status, lines: Object.fromEntries(lines.map((line) => [line.item_name, line.status])) };
  };

  // The longest walk of the file (two stations, bumps, recall, offline, axe, photographs): twice the default time.
  it('shows a new order live on its station, grouped by course, and bumps it along the database flow', async () => {
    const watched = await openPage(web.browser, LANDSCAPE);
    const { page } = watched;
    await signIn(web.url, watched, staff, `${kitchenPath}?station=${ids.kitchen}`);
    await page.getByRole('heading', { name: /Kitchen/, level: 1 }).waitFor();
    await page.getByText('No tickets for Kitchen.', { exact: false }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    // A tap turns the sound on (browsers allow audio only after a gesture).
    await page.getByRole('heading', { name: /Kitchen/, level: 1 }).click();
    await expect(page.getByText('Tap anywhere to turn on').count()).resolves.toBe(0);

    orderId = await sendOrder();
    const ticket = page.getByRole('article', { name: 'Table T2' });
    await ticket.waitFor({ timeout: 5000 });
    await ticket.getByText('New', { exact: true }).waitFor();
    await ticket.getByRole('region', { name: 'Course 1' }).getByText('1 × Soup').waitFor();
    await ticket.getByRole('region', { name: 'Course 1' }).getByText('Note: No croutons').waitFor();
    await ticket.getByRole('region', { name: 'Course 2' }).getByText('2 × Steak').waitFor();
    await ticket.getByRole('region', { name: 'Course 2' }).getByText('Seat 2').waitFor();
    await ticket.getByText('Doneness: Rare').waitFor();
    await expect(ticket.getByText('Lemonade').count(), 'the bar’s drink is not on the kitchen').resolves.toBe(0);
    await expectAccessible(page, 'kitchen display with a ticket');
    await staffScreenshots(page, 'kitchen');

    // One line: queued → preparing → ready; the order starts preparing.
    await ticket.getByRole('button', { name: 'Bump Soup' }).click();
    await eventually(statuses, (now) => now.lines.Soup === 'ready', 'soup bumped');
    await ticket.getByText('Ready', { exact: true }).waitFor();
    expect(await statuses()).toEqual({
      order: 'preparing',
      lines: { Lemonade: 'queued', Soup: 'ready', Steak: 'queued' },
    });
    // The whole ticket: the kitchen's lines are done; the bar's drink keeps the order preparing.
    await ticket.getByRole('button', { name: 'Bump ticket Table T2' }).click();
    await ticket.waitFor({ state: 'detached' });
    expect(await statuses()).toEqual({
      order: 'preparing',
      lines: { Lemonade: 'queued', Soup: 'ready', Steak: 'ready' },
    });
    await page.getByText('No tickets for Kitchen.', { exact: false }).waitFor();

    // Recall brings the last bumped ticket back on screen.
    await page.getByRole('link', { name: 'Recall last' }).click();
    const recalled = page.getByRole('region', { name: 'Recalled ticket' });
    await recalled.getByRole('article', { name: 'Table T2' }).waitFor();
    await recalled.getByText('Recalled', { exact: true }).waitFor();
    await staffScreenshots(page, 'kitchen-recall');
    await page.getByRole('link', { name: 'Close recall' }).click();
    await recalled.waitFor({ state: 'detached' });

    // The database refuses a step its flow does not allow; the display says so.
    const refused = await page.request.post(`${web.url}${kitchenPath}?station=${ids.kitchen}`, {
      form: { intent: 'bump-ticket', order_id: orderId, station_id: ids.kitchen },
      headers: { Origin: web.url },
    });
    expect(refused.status(), 'nothing left to bump here').toBe(400);
    expect(await refused.text()).toContain('already bumped on another screen');

    // The bar has the drink; bumping it makes the whole order ready. The choice is remembered.
    await page.getByRole('navigation', { name: 'Stations' }).getByRole('link', { name: 'Bar' }).click();
    const barTicket = page.getByRole('article', { name: 'Table T2' });
    await barTicket.getByText('1 × Lemonade').waitFor();
    await expect(barTicket.getByText('Soup').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expectAccessible(page, 'bar display, light theme');
    await staffScreenshots(page, 'kitchen-bar-light');
    // Sent 20 minutes ago: past the 15-minute target, the ticket reads late.
    await web.stack.admin`update public.orders set submitted_at = now() - interval '20 minutes' where id = ${orderId}`;
    await barTicket.getByText('late', { exact: true }).waitFor({ timeout: 5000 });
    await barTicket.getByText(/Waiting 2\d:\d\d late/).waitFor();
    // Offline: the last tickets stay on screen, marked stale; back online, live again.
    await watched.context.setOffline(true);
    await page.getByText(/^Stale — last updated \d\d:\d\d:\d\d/).waitFor({ timeout: 8000 });
    await barTicket.getByText('1 × Lemonade').waitFor();
    await watched.context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
    await barTicket.getByRole('button', { name: 'Bump ticket Table T2' }).click();
    await eventually(statuses, (now) => now.order === 'ready', 'order ready');
    expect((await statuses()).lines).toEqual({ Lemonade: 'ready', Soup: 'ready', Steak: 'ready' });
    await page.goto(`${web.url}${kitchenPath}`);
    await page.waitForURL(`**/kitchen?station=${ids.bar}`);
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  it('shows the floor live: a seated table opens the POS, a walk-in seats a free table on both devices', async () => {
    const desk = await openPage(web.browser, LANDSCAPE);
    const other = await openPage(web.browser, { width: 1024, height: 768 });
    await signIn(web.url, desk, staff, floorPath);
    await signIn(web.url, other, staff, floorPath);
    for (const { page } of [desk, other]) {
      await page.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    }
    const { page } = desk;
    const seatedT1 = page.getByRole('link', { name: /^T1\s*Seated.*Open POS$/ });
    await expect(seatedT1.getAttribute('href')).resolves.toBe(`/o/${org.slug}/p/${ids.bistro}/pos?table=${ids.t1}`);
    await page.getByRole('link', { name: /^T2\s*Ordering.*Open POS$/ }).waitFor();
    await page.getByRole('article', { name: 'T3: Free' }).waitFor();
    await other.page.getByRole('article', { name: 'T3: Free' }).waitFor();
    await expectAccessible(page, 'floor');
    await staffScreenshots(page, 'floor');

    const walkIn = page.getByRole('form', { name: 'Seat a walk-in' });
    await walkIn.getByLabel('Table').selectOption({ label: 'T3 (seats 4)' });
    await walkIn.getByLabel('Guests').fill('3');
    await walkIn.getByRole('button', { name: 'Seat walk-in' }).click();
    await page.getByText('Walk-in seated.').waitFor();
    const [booking] = await web.stack.admin<{ status: string; party_size: number }[]>`
      select status::text, party_size from public.bookings where resource_id = ${ids.t3}`;
    expect(booking, 'a checked-in booking for T3').toEqual({ status: 'checked_in', party_size: 3 });
    // The other tablet sees it without a reload.
    await other.page.getByRole('link', { name: /^T3\s*Seated.*Open POS$/ }).waitFor({ timeout: 5000 });

    // A reservation for tomorrow evening, found through the availability search.
    const [tomorrow] = await web.stack.admin<{ date: string }[]>`
      select to_char((now() at time zone 'Europe/Lisbon')::date + 1, 'YYYY-MM-DD') as date`;
    const find = page.getByRole('form', { name: 'Find a table' });
    await find.getByLabel('Name').fill('Ana Lima');
    await find.getByLabel('Date').fill(tomorrow?.date ?? '');
    await find.getByLabel('Time').fill('19:30');
    await find.getByLabel('Guests').fill('4');
    await find.getByRole('button', { name: 'Find tables' }).click();
    await page.getByRole('button', { name: 'Reserve T1' }).click();
    await page.getByText('Table reserved.').waitFor();
    const [reserved] = await web.stack.admin<{ status: string; full_name: string; arrival_date: string }[]>`
      select b.status::text, g.full_name, b.arrival_date::text from public.bookings b
      join public.guests g on g.id = b.guest_id where b.resource_id = ${ids.t1} and b.status = 'confirmed'`;
    expect(reserved).toEqual({ status: 'confirmed', full_name: 'Ana Lima', arrival_date: tomorrow?.date });
    await expectAccessible(page, 'floor after a reservation');
    expectNoProblems(desk);
    expectNoProblems(other);
    await desk.context.close();
    await other.context.close();
  });

  it('refuses another property’s display to a restricted member and the screens to a viewer', async () => {
    const restricted = await openPage(web.browser, LANDSCAPE);
    await signIn(web.url, restricted, staff, floorPath);
    await restricted.page.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();
    const annex = await restricted.page.goto(`${web.url}/o/${org.slug}/p/${ids.annex}/kitchen`);
    expect(annex?.status(), 'the annex is not theirs').toBe(404);
    await restricted.context.close();

    const watched = await openPage(web.browser, LANDSCAPE);
    const { page } = watched;
    await signIn(web.url, watched, viewer, `/o/${org.slug}`);
    await page.waitForURL(`**/o/${org.slug}`);
    for (const path of [kitchenPath, floorPath]) {
      const response = await page.goto(`${web.url}${path}`);
      expect(response?.status(), `${path} for a viewer`).toBe(403);
    }
    await expectAccessible(page, '403 on the floor');
    const forged = [
      [kitchenPath, { intent: 'bump-ticket', order_id: orderId, station_id: '' }],
      [
        floorPath,
        { intent: 'walk-in', table_id: ids.t2, party_size: '2', duration_minutes: '60', idempotency_key: 'x' },
      ],
    ] as const;
    for (const [path, form] of forged) {
      const post = await page.request.post(`${web.url}${path}`, { form, headers: { Origin: web.url } });
      expect(post.status(), `forged post to ${path}`).toBe(403);
    }
    const [count] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.bookings where resource_id = ${ids.t2}`;
    expect(count?.n, 'no booking from the forged walk-in').toBe(0);
    await watched.context.close();
  });
});
