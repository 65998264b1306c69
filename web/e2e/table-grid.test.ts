// The reservation book (tables × one day in 15-minute slots) in Chromium against a throwaway
// stack. Two staff tablets on one restaurant: a mouse drag across free slots drafts a
// reservation, the drawer says the table is free (search_table_availability) and books it; the
// other tablet sees it without a reload; a drag moves it to another table (modify_booking), seen
// live; a drag onto a table taken then is refused on the bar, which stays, the database
// unchanged; a longer stay by keyboard. A viewer gets 403 and staff of another property 404,
// pages and forged posts alike.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { addDays } from '../app/utils/calendar-dates.ts';
import { openPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn, staffScreenshots, TABLET_WIDE } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

/** Slot index of a time on the book (it opens at 11:00 with nothing booked earlier). */
const slotAt = (time: string) => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return (hours * 60 + minutes - 11 * 60) / 15;
};

const bar = (page: Page, bookingId: string) => page.locator(`[data-booking="${bookingId}"]`);
const cell = (page: Page, tableId: string, time: string) =>
  page.locator(`[data-resource="${tableId}"] [data-slot="${slotAt(time)}"]`);

/** What these tests read of a page's element (this file is compiled without the DOM library). */
interface PageNode {
  closest(selector: string): { getAttribute(name: string): string | null } | null;
}

const tableOfBar = (page: Page, bookingId: string) =>
  bar(page, bookingId).evaluate(
    (element) => (element as unknown as PageNode).closest('[data-resource]')?.getAttribute('data-resource') ?? '',
  );

async function centre(locator: ReturnType<typeof cell>) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('reservation book', () => {
  let staff: SeededUser;
  let colleague: SeededUser;
  let viewer: SeededUser;
  let restricted: SeededUser;
  const org = { slug: `book-${Date.now().toString(36)}`, name: 'Book Bistros' };
  let orgId = '';
  let bistro = '';
  let tomorrow = '';
  const tables: Record<string, string> = {};
  let occupied = '';
  let bookPath = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'staff', 'Fran Floor');
    colleague = await createUser(web.stack, 'colleague', 'Cal Colleague');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    restricted = await createUser(web.stack, 'restricted', 'Rita Restricted');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: colleague, role: 'staff' },
      { user: viewer, role: 'viewer' },
      { user: restricted, role: 'staff' },
    ]);
    const properties = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Harbour Bistro', 'restaurant', 'Europe/Lisbon', 'EUR'),
        (${orgId}, 'Hill Bistro', 'restaurant', 'Europe/Lisbon', 'EUR')
      returning id, name`;
    bistro = properties.find((p) => p.name === 'Harbour Bistro')?.id ?? '';
    const hill = properties.find((p) => p.name === 'Hill Bistro')?.id ?? '';
    await web.stack.admin`
      update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${restricted.id}`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id) values (${orgId}, ${restricted.id}, ${hill})`;
    const [day] = await web.stack.admin<{ today: string }[]>`
      select to_char((now() at time zone 'Europe/Lisbon')::date, 'YYYY-MM-DD') as today`;
    tomorrow = addDays(day?.today ?? '', 1);
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${bistro}, 'table', 'Dining room', 'slot') returning id`;
    await web.stack.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor)
      values (${orgId}, ${bistro}, ${type?.id ?? ''}, 'Table', 0)`;
    const created = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
      values (${orgId}, ${bistro}, ${type?.id ?? ''}, 'T1', 1, 4), (${orgId}, ${bistro}, ${type?.id ?? ''}, 'T2', 1, 4),
        (${orgId}, ${bistro}, ${type?.id ?? ''}, 'T3', 2, 6)
      returning id, name`;
    for (const row of created) tables[row.name] = row.id;
    const [guest] = await web.stack.admin<{ id: string }[]>`
      insert into public.guests (organization_id, full_name) values (${orgId}, 'Otto Occupied') returning id`;
    // T3 is taken tomorrow 19:00–21:00 (and 15 minutes' turn after).
    const [booking] = await web.stack.admin<{ id: string }[]>`
      insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, total_minor, price_breakdown, confirmed_at)
      select ${orgId}, ${bistro}, ${tables.T3 ?? ''}, ${guest?.id ?? ''}, 'confirmed', s.period,
        tstzrange(lower(s.period), upper(s.period) + interval '15 minutes'), ${tomorrow}::date, ${tomorrow}::date, 4, 0, '{}', now()
      from (select tstzrange((${tomorrow}::date + time '19:00') at time zone 'Europe/Lisbon',
        (${tomorrow}::date + time '21:00') at time zone 'Europe/Lisbon') as period) s
      returning id`;
    occupied = booking?.id ?? '';
    bookPath = `/o/${org.slug}/p/${bistro}/reservations?date=${tomorrow}`;
  });

  const stored = async (id: string) => {
    const [row] = await web.stack.admin<
      { resource_id: string; starts: string; ends: string; party_size: number; status: string; updated_at: Date }[]
    >`select resource_id, to_char(lower(period) at time zone 'Europe/Lisbon', 'HH24:MI') as starts,
        to_char(upper(period) at time zone 'Europe/Lisbon', 'HH24:MI') as ends, party_size, status::text, updated_at
      from public.bookings where id = ${id}`;
    return row;
  };

  it('books by dragging free slots, moves by drag (seen live), refuses a taken table in place, resizes by keyboard', async () => {
    const desk = await openPage(web.browser, TABLET_WIDE);
    const other = await openPage(web.browser, { width: 1024, height: 768 });
    await Promise.all([signIn(web.url, desk, staff, bookPath), signIn(web.url, other, colleague, bookPath)]);
    for (const { page } of [desk, other]) {
      await page.getByRole('heading', { name: 'Reservations', exact: true }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    }
    const { page } = desk;
    await page.getByRole('navigation').getByRole('link', { name: 'Reservations' }).waitFor();
    await expect(tableOfBar(page, occupied)).resolves.toBe(tables.T3);
    await expect(bar(page, occupied).textContent()).resolves.toContain('Otto Occupied');

    // A drag on T1 from the 19:00 slot to the 20:15 one drafts 19:00–20:30.
    const from = await centre(cell(page, tables.T1 ?? '', '19:00'));
    const to = await centre(cell(page, tables.T1 ?? '', '20:15'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    const drawer = page.getByRole('complementary', { name: 'New reservation' });
    await drawer.waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('table')).toBe(tables.T1);
    expect(url.searchParams.get('time')).toBe('19:00');
    expect(url.searchParams.get('minutes')).toBe('90');
    await drawer.getByText('T1 is free', { exact: false }).waitFor();
    await drawer.getByLabel('Guest name').fill('Nia Night');
    // Another party size asks the availability search again: six do not fit T1, three do.
    await drawer.getByLabel('Guests').fill('6');
    await page.keyboard.press('Tab');
    await drawer.getByText('T1 is not offered', { exact: false }).waitFor();
    await drawer.getByText('No other table is free then.').waitFor();
    await drawer.getByLabel('Guests').fill('3');
    await page.keyboard.press('Tab');
    await drawer.getByText('T1 is free then for 3 guests', { exact: false }).waitFor();
    await expect(drawer.getByLabel('Guest name').inputValue(), 'the typed name stays').resolves.toBe('Nia Night');
    await expectAccessible(page, 'reservation drawer');
    await staffScreenshots(page, 'reservations-new');
    await drawer.getByRole('button', { name: 'Reserve' }).click();
    await page.getByRole('status').filter({ hasText: 'Reserved: Nia Night, 3 guests, T1 at 19:00.' }).waitFor();
    const [made] = await web.stack.admin<{ id: string }[]>`
      select b.id from public.bookings b join public.guests g on g.id = b.guest_id
      where b.property_id = ${bistro} and g.full_name = 'Nia Night'`;
    const nia = made?.id ?? '';
    await expect(stored(nia)).resolves.toMatchObject({
      resource_id: tables.T1,
      starts: '19:00',
      ends: '20:30',
      party_size: 3,
      status: 'confirmed',
    });
    // The other tablet sees it without a reload.
    await bar(other.page, nia).waitFor({ timeout: 10_000 });
    await expect(tableOfBar(other.page, nia)).resolves.toBe(tables.T1);

    // Dragged down to T2 at the same time: moved, and the other tablet sees it move.
    const grab = await centre(bar(page, nia));
    const t2 = await centre(cell(page, tables.T2 ?? '', '19:00'));
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x, t2.y, { steps: 8 });
    await page.mouse.up();
    await waitFor('the move saved', async () => ((await stored(nia))?.resource_id === tables.T2 ? true : undefined));
    await expect(stored(nia)).resolves.toMatchObject({ starts: '19:00', ends: '20:30' });
    await waitFor('the other tablet sees the move', async () =>
      (await tableOfBar(other.page, nia)) === tables.T2 ? true : undefined,
    );

    // Onto T3, Otto's table then: refused on the bar, which stays on T2; nothing saved.
    const before = await stored(nia);
    const again = await centre(bar(page, nia));
    const t3 = await centre(cell(page, tables.T3 ?? '', '19:00'));
    await page.mouse.move(again.x, again.y);
    await page.mouse.down();
    await page.mouse.move(again.x, t3.y, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('alert').filter({ hasText: 'That table is taken then' }).first().waitFor();
    await expect(tableOfBar(page, nia)).resolves.toBe(tables.T2);
    await expect(stored(nia)).resolves.toEqual(before);
    await expectAccessible(page, 'reservation book with a refusal');
    await page.keyboard.press('Escape');

    // Keyboard: on Nia's first slot, Shift+→ makes the reservation 15 minutes longer.
    await cell(page, tables.T2 ?? '', '19:00').focus();
    await expect(page.locator(':focus').textContent()).resolves.toContain('Nia Night');
    await page.keyboard.press('Shift+ArrowRight');
    await waitFor('the longer reservation saved', async () =>
      (await stored(nia))?.ends === '20:45' ? true : undefined,
    );
    await page.getByRole('region', { name: 'Selected reservation' }).getByText('Nia Night', { exact: false }).waitFor();
    await expectAccessible(page, 'reservation book');
    await staffScreenshots(page, 'reservations');
    // Today: the slots already over are shaded and a line marks the time now.
    await page.goto(`${web.url}/o/${org.slug}/p/${bistro}/reservations`);
    await page.getByRole('grid', { name: /Reservations by table and time/ }).waitFor();
    await expectAccessible(page, 'reservation book today');
    await staffScreenshots(page, 'reservations-today');
    expectNoProblems(desk);
    expectNoProblems(other);
    await desk.context.close();
    await other.context.close();
  }, 90_000);

  it('drafts a reservation from a finger held on a free slot, then slid along the table', async () => {
    const context = await web.browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signIn(web.url, page, staff, bookPath);
    await page.getByRole('grid', { name: /Reservations by table and time/ }).waitFor();
    const from = await centre(cell(page, tables.T1 ?? '', '13:00'));
    const to = await centre(cell(page, tables.T1 ?? '', '14:00'));
    const touch = await context.newCDPSession(page);
    /** A finger from `at` sliding along the row to `x`, then lifted. */
    const slide = async (at: { x: number; y: number }, x: number) => {
      for (let step = 1; step <= 6; step++) {
        const along = at.x + ((x - at.x) * step) / 6;
        await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: along, y: at.y }] });
      }
      await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    // A quick swipe scrolls: no draft.
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y }] });
    await slide(from, to.x);
    await page.waitForTimeout(500);
    expect(new URL(page.url()).searchParams.get('table'), 'a swipe drafts nothing').toBeNull();
    // The swipe may have scrolled the book: the slots are found again.
    const start = await centre(cell(page, tables.T1 ?? '', '13:00'));
    const end = await centre(cell(page, tables.T1 ?? '', '14:00'));
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: start.x, y: start.y }] });
    // The hold is the gesture itself: shorter, the slide would scroll the book.
    await page.waitForTimeout(700);
    await slide(start, end.x);
    await page.getByRole('complementary', { name: 'New reservation' }).waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('table')).toBe(tables.T1);
    expect(url.searchParams.get('time')).toBe('13:00');
    expect(url.searchParams.get('minutes'), '13:00 to the end of the 14:00 slot').toBe('75');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers 404 to staff of another property and 403 to a viewer, pages and posts alike', async () => {
    const move = {
      intent: 'move',
      booking_id: occupied,
      resource_id: tables.T1 ?? '',
      date: tomorrow,
      time: '12:00',
      minutes: '60',
    };
    const outsider = await openPage(web.browser, { width: 1024, height: 768 });
    await signIn(web.url, outsider, restricted, `/o/${org.slug}`);
    await outsider.page.waitForURL((url) => url.pathname.startsWith(`/o/${org.slug}`));
    const hidden = await outsider.page.goto(`${web.url}${bookPath}`);
    expect(hidden?.status()).toBe(404);
    const forged = await outsider.page.request.post(`${web.url}/o/${org.slug}/p/${bistro}/reservations`, {
      form: move,
      headers: { Origin: web.url },
    });
    expect(forged.status()).toBe(404);
    await outsider.context.close();

    const watched = await openPage(web.browser, { width: 1024, height: 768 });
    await signIn(web.url, watched, viewer, `/o/${org.slug}`);
    await watched.page.waitForURL((url) => url.pathname.startsWith(`/o/${org.slug}`));
    const page403 = await watched.page.goto(`${web.url}${bookPath}`);
    expect(page403?.status()).toBe(403);
    const post = await watched.page.request.post(`${web.url}/o/${org.slug}/p/${bistro}/reservations`, {
      form: move,
      headers: { Origin: web.url },
    });
    expect(post.status()).toBe(403);
    await expect(stored(occupied)).resolves.toMatchObject({ resource_id: tables.T3, starts: '19:00' });
    await watched.context.close();
  });
});
