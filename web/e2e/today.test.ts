// Today's lists on a busy day in Chromium against a throwaway stack: 30 arrivals (and an expired
// hold that is not one), 12 guests leaving today who are still in house. Each list shows its
// total in its heading and pages on its own, ten at a time, ordered by room; a page past the end
// shows the last one. Live: a second tablet on the arrivals sees a new arrival (and the new
// total) without a reload. Staff of another property get 404, a viewer 403. axe and screenshots.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, TABLET } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn, staffScreenshots, TABLET_WIDE } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('today’s lists on a busy day', () => {
  let staff: SeededUser;
  let colleague: SeededUser;
  let restricted: SeededUser;
  let viewer: SeededUser;
  const org = { slug: `today-${Date.now().toString(36)}`, name: 'Busy Hotels' };
  let orgId = '';
  let hotel = '';
  let roomType = '';
  const path = () => `/o/${org.slug}/p/${hotel}/today`;

  /** Rooms named `prefix` + 01…n, with a booking each: nights from today + `from` to today + `to`. */
  async function stays(prefix: string, count: number, from: number, to: number, status: string, guest: string) {
    await web.stack.admin`
      with rooms as (
        insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
        select ${orgId}, ${hotel}, ${roomType}, ${prefix} || lpad(n::text, 2, '0'), 2 from generate_series(1, ${count}) n
        returning id, name
      ), guests as (
        insert into public.guests (organization_id, full_name)
        select ${orgId}, ${guest} || ' ' || name from rooms returning id, full_name
      ), today as (select (now() at time zone 'Europe/Lisbon')::date as d)
      insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, total_minor, price_breakdown, hold_expires_at, confirmed_at, checked_in_at)
      select ${orgId}, ${hotel}, r.id, g.id, ${status}::public.booking_status, p.period, p.period,
        today.d + ${from}::int, today.d + ${to}::int, 2, 20000, '{}',
        case when ${status} = 'held' then now() - interval '5 minutes' end,
        case when ${status} <> 'held' then now() end,
        case when ${status} = 'checked_in' then now() end
      from rooms r join guests g on g.full_name = ${guest} || ' ' || r.name cross join today
      cross join lateral (select tstzrange((today.d + ${from}::int + time '15:00') at time zone 'Europe/Lisbon',
        (today.d + ${to}::int + time '11:00') at time zone 'Europe/Lisbon') as period) p`;
  }

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'staff', 'Fran Frontdesk');
    colleague = await createUser(web.stack, 'colleague', 'Cal Colleague');
    restricted = await createUser(web.stack, 'restricted', 'Rita Restricted');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: colleague, role: 'staff' },
      { user: restricted, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const [bay, lodge] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Bay Hotel', 'hotel', 'Europe/Lisbon', 'EUR'), (${orgId}, 'Hill Lodge', 'hotel', 'Europe/Lisbon', 'EUR')
      returning id`;
    hotel = bay?.id ?? '';
    await web.stack.admin`
      update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${restricted.id}`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${orgId}, ${restricted.id}, ${lodge?.id ?? ''})`;
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    roomType = type?.id ?? '';
    // Rooms A01–A30 arrive today for two nights; B01–B12 leave today, in house since two days ago;
    // C01 was held for today but the hold expired: not an arrival.
    await stays('A', 30, 0, 2, 'confirmed', 'Arriving');
    await stays('B', 12, -2, 0, 'checked_in', 'Leaving');
    await stays('C', 1, 0, 1, 'held', 'Expired');
  });

  /** A list's section, named by its heading: the title and its total. */
  const regionOf = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\d+$`) });
  const rowsOf = (region: ReturnType<typeof regionOf>) => region.locator('tbody tr');

  it('pages each list on its own, with its total in the heading', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, staff, path());
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Arrivals 30' }).waitFor();
    await page.getByRole('heading', { name: 'Departures 12' }).waitFor();
    await page.getByRole('heading', { name: 'In house 12' }).waitFor();
    const arrivals = regionOf(page, 'Arrivals');
    const departures = regionOf(page, 'Departures');
    await expect(rowsOf(arrivals).count(), 'ten a page').resolves.toBe(10);
    await arrivals.getByText('1–10 of 30').waitFor();
    await arrivals.getByRole('navigation', { name: 'Arrivals: pages' }).getByText('Page 1 of 3').waitFor();
    await expect(rowsOf(arrivals).first().textContent()).resolves.toMatch(/Arriving A01.*A01/);
    await expect(arrivals.getByText('Expired C01').count(), 'an expired hold is no arrival').resolves.toBe(0);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await expectAccessible(page, 'today on a busy day');
    await staffScreenshots(page, 'today-busy');

    // Arrivals page 2, then departures page 2: each list keeps its own page.
    await arrivals.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL((url) => url.search === '?arrivals=2');
    await arrivals.getByText('11–20 of 30').waitFor();
    await expect(rowsOf(arrivals).first().textContent()).resolves.toMatch(/Arriving A11/);
    await departures.getByRole('link', { name: 'Next →' }).click();
    await page.waitForURL((url) => url.search === '?arrivals=2&departures=2');
    await departures.getByText('11–12 of 12').waitFor();
    await expect(rowsOf(departures).count()).resolves.toBe(2);
    await expect(rowsOf(arrivals).first().textContent(), 'arrivals stay on page 2').resolves.toMatch(/Arriving A11/);
    await expect(rowsOf(regionOf(page, 'In house')).count(), 'in house stays on page 1').resolves.toBe(10);
    await arrivals.getByRole('link', { name: '← Previous' }).click();
    await page.waitForURL((url) => url.search === '?departures=2');
    await arrivals.getByText('1–10 of 30').waitFor();

    // A page past the end (the list shrank meanwhile) shows the last one.
    await page.goto(`${web.url}${path()}?arrivals=99`);
    await regionOf(page, 'Arrivals').getByText('21–30 of 30').waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  }, 90_000);

  it('shows a new arrival and the new total live on a second tablet', async () => {
    const watched = await openPage(web.browser, TABLET_WIDE);
    const { page } = watched;
    await signIn(web.url, watched, colleague, path());
    await page.getByRole('heading', { name: 'Arrivals 30' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    // Made at another desk: room A00 sorts first, so the arrival joins this first page.
    await stays('A0', 1, 0, 1, 'confirmed', 'Walk-in');
    await page.getByRole('heading', { name: 'Arrivals 31' }).waitFor({ timeout: 10_000 });
    const arrivals = regionOf(page, 'Arrivals');
    await arrivals.getByRole('link', { name: 'Walk-in A001' }).waitFor();
    await arrivals.getByRole('navigation', { name: 'Arrivals: pages' }).getByText('Page 1 of 4').waitFor();
    await staffScreenshots(page, 'today-live');
    expectNoProblems(watched);
    await watched.context.close();
  }, 60_000);

  it('answers 404 to staff of another property and 403 to a viewer', async () => {
    const outsider = await openPage(web.browser, TABLET);
    await signIn(web.url, outsider, restricted, `/o/${org.slug}`);
    await outsider.page.waitForURL((url) => url.pathname.startsWith(`/o/${org.slug}`));
    const hidden = await outsider.page.goto(`${web.url}${path()}?arrivals=2`);
    expect(hidden?.status(), 'today of a property they do not work in').toBe(404);
    await outsider.context.close();

    const watched = await openPage(web.browser, TABLET);
    await signIn(web.url, watched, viewer, `/o/${org.slug}`);
    await watched.page.waitForURL((url) => url.pathname.startsWith(`/o/${org.slug}`));
    const refused = await watched.page.goto(`${web.url}${path()}`);
    expect(refused?.status(), 'a viewer').toBe(403);
    await expect(watched.page.getByRole('heading', { name: /^Arrivals/ }).count(), 'no list rendered').resolves.toBe(0);
    await watched.context.close();
  });
});
