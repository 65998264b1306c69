// Presence on the booking drawer and the folio in Chromium against a throwaway stack: two staff
// members of one hotel (two browser contexts) open the same booking and each sees the other's
// name within seconds; a second tab of the same person still reads as one person; leaving (a
// navigation, or closing the browser) clears the note for the other; the same on a folio. A
// staff member who works only at another property of the organization is refused the hotel's
// booking and never appears. axe finds nothing serious or critical; screenshots at 1024×768 and
// 1280×800 (.roost/screenshots/presence-*).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, TABLET, type WatchedPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
/** "Within a few seconds" of the other device opening or leaving. */
const SOON_MS = 5000;

const note = (page: Page) => page.getByTestId('presence-note');

/** Waits until the page's presence note says `text`, and returns how long that took. */
async function noteSays(page: Page, text: string): Promise<number> {
  const started = Date.now();
  await page.getByTestId('presence-note').filter({ hasText: text }).waitFor({ timeout: SOON_MS });
  return Date.now() - started;
}

async function noteEmpty(page: Page): Promise<void> {
  await page.locator('[data-testid="presence-note"]:empty').waitFor({ state: 'attached', timeout: SOON_MS });
}

describe('presence: who else has this booking or folio open', () => {
  let sam: SeededUser;
  let ana: SeededUser;
  let eli: SeededUser;
  const org = { slug: `presence-${Date.now().toString(36)}`, name: 'Harbour Hotels' };
  let hotel = '';
  let lodge = '';
  let booking = '';
  let lodgeBooking = '';
  let folio = '';
  const base = () => `/o/${org.slug}/p/${hotel}`;

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    sam = await createUser(web.stack, 'sam', 'Sam Desk');
    ana = await createUser(web.stack, 'ana', 'Ana Night');
    eli = await createUser(web.stack, 'eli', 'Eli Elsewhere');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: sam, role: 'staff' },
      { user: ana, role: 'staff' },
      { user: eli, role: 'staff' },
    ]);
    const properties = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Harbour View Hotel', 'hotel', 'Europe/Lisbon', 'EUR'),
             (${orgId}, 'Hillside Lodge', 'hotel', 'Europe/Lisbon', 'EUR')
      returning id, name`;
    hotel = properties.find((p) => p.name === 'Harbour View Hotel')?.id ?? '';
    lodge = properties.find((p) => p.name === 'Hillside Lodge')?.id ?? '';
    // One confirmed night from today in room 101 of each property, priced as the RPC would.
    const stay = async (property: string) => {
      const [type] = await web.stack.admin<{ id: string }[]>`
        insert into public.resource_types (organization_id, property_id, kind, name, pricing)
        values (${orgId}, ${property}, 'room', 'Double', 'night') returning id`;
      await web.stack.admin`
        insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
        values (${orgId}, ${property}, ${type?.id ?? ''}, 'Flexible', 10000, 2)`;
      const [room] = await web.stack.admin<{ id: string }[]>`
        insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
        values (${orgId}, ${property}, ${type?.id ?? ''}, '101', 1, 3) returning id`;
      const [row] = await web.stack.admin<{ id: string }[]>`
        with p as (select (now() at time zone 'Europe/Lisbon')::date as arrival),
        q as (
          select rp.id as plan, private.quote(rp, 'room', 'night', array[p.arrival], 2) as quote
          from public.rate_plans rp, p where rp.property_id = ${property}
        )
        insert into public.bookings (organization_id, property_id, resource_id, rate_plan_id, status, period,
          blocked_period, arrival_date, departure_date, party_size, total_minor, price_breakdown, source, confirmed_at)
        select ${orgId}, ${property}, ${room?.id ?? ''}, q.plan, 'confirmed',
          tstzrange((p.arrival + time '15:00') at time zone 'Europe/Lisbon', (p.arrival + 1 + time '11:00') at time zone 'Europe/Lisbon'),
          tstzrange((p.arrival + time '15:00') at time zone 'Europe/Lisbon', (p.arrival + 1 + time '11:00') at time zone 'Europe/Lisbon'),
          p.arrival, p.arrival + 1, 2, (q.quote ->> 'total_minor')::bigint, q.quote, 'staff', now()
        from p, q
        returning id`;
      return row?.id ?? '';
    };
    booking = await stay(hotel);
    lodgeBooking = await stay(lodge);
    const [opened] = await web.stack.admin<{ id: string }[]>`
      insert into public.folios (organization_id, property_id, kind, booking_id, currency)
      values (${orgId}, ${hotel}, 'booking', ${booking}, 'EUR') returning id`;
    folio = opened?.id ?? '';
    // Eli works at the lodge only.
    await web.stack.admin`
      update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${eli.id}`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${orgId}, ${eli.id}, ${lodge})`;
  });

  let eliPage: WatchedPage | undefined;
  /** Eli at his own lodge's booking (refused the hotel's), open through both tests. */
  async function eliElsewhere(): Promise<WatchedPage> {
    if (eliPage) return eliPage;
    const watched = await openPage(web.browser, TABLET);
    await signedIn(web.url, watched, eli, `/o/${org.slug}/p/${lodge}/bookings/${lodgeBooking}`);
    await watched.page.getByRole('heading', { name: /^Booking / }).waitFor();
    const hotelBooking = await watched.page.goto(`${web.url}${base()}/bookings/${booking}`);
    expect(hotelBooking?.status(), "the hotel's booking is not Eli's to open").toBe(404);
    await watched.page.goto(`${web.url}/o/${org.slug}/p/${lodge}/bookings/${lodgeBooking}`);
    await watched.page.getByRole('heading', { name: /^Booking / }).waitFor();
    eliPage = watched;
    return watched;
  }

  it('shows each desk who else has the booking open, once per person, until they leave', async () => {
    const eliWatched = await eliElsewhere();
    const samWatched = await openPage(web.browser, TABLET);
    const anaWatched = await openPage(web.browser, TABLET);
    const samPage = samWatched.page;
    const anaPage = anaWatched.page;
    const url = `${base()}/bookings/${booking}`;
    await signedIn(web.url, samWatched, sam, url);
    await samPage.getByRole('heading', { name: /^Booking / }).waitFor();
    await signedIn(web.url, anaWatched, ana, url);
    await anaPage.getByRole('heading', { name: /^Booking / }).waitFor();

    const samSaw = await noteSays(samPage, 'Ana Night also has this booking open');
    await noteSays(anaPage, 'Sam Desk also has this booking open');
    console.info(`presence: Sam saw Ana within ${samSaw} ms of her page loading`);
    await expect(note(samPage).getAttribute('role')).resolves.toBe('status');
    await expect(note(samPage).getAttribute('aria-live')).resolves.toBe('polite');

    // Sam opens the booking in a second tab: still one Sam for Ana, and that tab sees Ana.
    const secondTab = await samWatched.context.newPage();
    await secondTab.goto(`${web.url}${url}`);
    await noteSays(secondTab, 'Ana Night also has this booking open');
    await expect(note(anaPage).textContent()).resolves.toBe('Sam Desk also has this booking open');
    await secondTab.close();

    await expectAccessible(samPage, 'booking drawer with presence');
    await staffScreenshots(samPage, 'presence-booking');
    expect(await note(samPage).textContent(), 'Eli, at another property, never appears').not.toContain('Eli');

    // Ana goes back to the grid: Sam's note clears; Sam's stays right after his second tab closed.
    await anaPage.locator('.breadcrumb').getByRole('link', { name: 'Booking grid' }).click();
    await anaPage.waitForURL(/\/grid/);
    await noteEmpty(samPage);

    // Ana back on the booking: she appears again.
    await anaPage.goBack();
    await noteSays(samPage, 'Ana Night');
    for (const watched of [samWatched, anaWatched, eliWatched]) expectNoProblems(watched);
    for (const watched of [samWatched, anaWatched]) await watched.context.close();
  });

  it('does the same on a folio; closing the browser counts as leaving', async () => {
    const eliWatched = await eliElsewhere();
    const samWatched = await openPage(web.browser, TABLET);
    const anaWatched = await openPage(web.browser, TABLET);
    const url = `${base()}/folios/${folio}`;
    await signedIn(web.url, samWatched, sam, url);
    await samWatched.page.getByRole('heading', { name: /^Folio/ }).waitFor();
    // Ana comes from the booking to its folio (one channel kept across the move).
    await signedIn(web.url, anaWatched, ana, `${base()}/bookings/${booking}`);
    await anaWatched.page.getByRole('heading', { name: /^Booking / }).waitFor();
    await expect(note(samWatched.page).textContent(), 'a booking is not its folio').resolves.toBe('');
    await anaWatched.page.goto(`${web.url}${url}`);
    await anaWatched.page.getByRole('heading', { name: /^Folio/ }).waitFor();

    await noteSays(samWatched.page, 'Ana Night also has this folio open');
    await noteSays(anaWatched.page, 'Sam Desk also has this folio open');
    await expectAccessible(anaWatched.page, 'folio with presence');
    await staffScreenshots(anaWatched.page, 'presence-folio');
    expect(await note(anaWatched.page).textContent()).not.toContain('Eli');

    expectNoProblems(anaWatched);
    await anaWatched.context.close();
    await noteEmpty(samWatched.page);
    for (const watched of [samWatched, eliWatched]) expectNoProblems(watched);
    for (const watched of [samWatched, eliWatched]) await watched.context.close();
  });
});
