// The notification bell in Chromium against a throwaway stack: a staff member has the portal
// open; a booking made by another client (the owner, through the API's RPC) lights the bell
// without a reload (the worker's bell publisher pushes it, no read), in the portal and in the
// staff frame; the menu lists it, marks it read and links to it; a member of another organization
// hears nothing; the preferences page saves the choices per event. axe finds nothing serious;
// screenshots at both sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BellPublisher, startBellPublisher } from '../../gpu-worker/src/notifications/bell-publisher.ts';
import { asRequest, userClaims } from '../../supabase/local/rls-request.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
/** "Live": the bell lights within this long of the commit. */
const LIVE_MS = 5000;

describe('notifications', () => {
  const org = { slug: `bell-${Date.now().toString(36)}`, name: 'Bellhop Hotels' };
  const stranger = { slug: `elsewhere-${Date.now().toString(36)}`, name: 'Elsewhere Ltd' };
  let owner: SeededUser;
  let staff: SeededUser;
  let outsider: SeededUser;
  let hotel = '';
  let room = '';
  let publisher: BellPublisher | undefined;

  beforeAll(async () => {
    // As npm start runs it inside the worker: it pushes each user's bell (decision 045).
    const quiet = () => undefined;
    publisher = await startBellPublisher({ sql: web.stack.admin, log: { info: quiet, warn: quiet, error: quiet } });
  });

  afterAll(async () => {
    await publisher?.stop();
  });

  async function book(daysAhead: number): Promise<string> {
    const [row] = await asRequest(
      web.stack.admin,
      'authenticated',
      userClaims(owner),
      (tx) => tx<{ reference: string }[]>`
        select reference from public.create_booking(p_resource_id => ${room}, p_guest_id => null,
          p_arrival => (now() at time zone 'Europe/Lisbon')::date + ${daysAhead}::int,
          p_departure => (now() at time zone 'Europe/Lisbon')::date + ${daysAhead + 1}::int,
          p_party_size => 2, p_confirm => true)`,
    );
    return row?.reference ?? '';
  }

  it('lights the bell live when another client books, and marks it read', async () => {
    owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    outsider = await createUser(web.stack, 'outsider', 'Oscar Outsider');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
    ]);
    await createOrganization(web.stack, stranger, [{ user: outsider, role: 'owner' }]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Bellhop Inn', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    hotel = property?.id ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    await web.stack.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, 'Flexible', 12000, 2)`;
    const [resource] = await web.stack.admin<{ id: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, '101', 1, 3) returning id`;
    room = resource?.id ?? '';

    const watched = await openPage(web.browser);
    const { page } = watched;
    const outsiderWatch = await openPage(web.browser);
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    await signedIn(web.url, outsiderWatch, outsider, `/o/${stranger.slug}`);
    await page.getByLabel('Notifications: none unread').waitFor();
    await outsiderWatch.page.getByLabel('Notifications: none unread').waitFor();
    // The channel joins after the first read; give it a moment, as a person would.
    await page.waitForTimeout(1500);

    // The new notification comes pushed with the whole bell: the bell asks the server nothing.
    let bellReads = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/resources/notifications') bellReads += 1;
    });
    const started = Date.now();
    const reference = await book(10);
    await page.getByLabel('Notifications: 1 unread').waitFor({ timeout: LIVE_MS });
    expect(bellReads).toBe(0);
    const latency = Date.now() - started;
    console.info(`[notifications] commit to bell: ${latency} ms`);
    expect(page.url(), 'no reload or navigation').toBe(`${web.url}/o/${org.slug}`);

    await page.getByLabel('Notifications: 1 unread').click();
    const menu = page.locator('.notification-menu');
    await menu.getByRole('link', { name: `New booking ${reference}` }).waitFor();
    await expectAccessible(page, 'notification menu open');
    await screenshots(page, 'notifications-bell');
    await menu.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByLabel('Notifications: none unread').waitFor();
    const [row] = await web.stack.admin<{ read: boolean }[]>`
      select read_at is not null as read from public.notifications where user_id = ${staff.id}`;
    expect(row?.read).toBe(true);

    // The staff frame has the bell too, and follows the link to the booking.
    await page.goto(`${web.url}/o/${org.slug}/p/${hotel}/today`);
    await page.getByLabel('Notifications: none unread').waitFor();
    const second = await book(12);
    await page.getByLabel('Notifications: 1 unread').waitFor({ timeout: LIVE_MS });
    await page.getByLabel('Notifications: 1 unread').click();
    await staffScreenshots(page, 'notifications-staff');
    await page.getByRole('link', { name: `New booking ${second}` }).click();
    await page.waitForURL(/\/bookings\//);
    await page.getByLabel('Notifications: none unread').waitFor();

    // The other organization's owner heard nothing.
    await outsiderWatch.page.waitForTimeout(500);
    await expect(outsiderWatch.page.getByLabel('Notifications: none unread').count()).resolves.toBe(1);
    expectNoProblems(watched);
    await outsiderWatch.context.close();
    await watched.context.close();
  });

  it('saves the preferences per event', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, '/account/notifications');
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await expect(page.getByLabel('Cancellations by email').isChecked()).resolves.toBe(false);
    await expectAccessible(page, 'notification preferences');
    await screenshots(page, 'notification-preferences');
    await page.getByLabel('Cancellations by email').check();
    await page.getByLabel('New bookings in the app').uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Preferences saved.').waitFor();
    await page.reload();
    await expect(page.getByLabel('Cancellations by email').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('New bookings in the app').isChecked()).resolves.toBe(false);
    // Now a new booking no longer reaches the bell.
    await book(14);
    const rows = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.notifications where user_id = ${staff.id}`;
    expect(rows[0]?.n).toBe(2);
    expectNoProblems(watched);
    await watched.context.close();
  });
});
