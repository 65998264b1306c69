// Maintenance work orders in Chromium against a throwaway stack: a staff member raises a work order
// for a room on a tablet with the room off sale, adds a photo (previewed before upload, stored in
// the property's documents), and the room is gone from the availability search and shown out of
// service on the booking grid; assigned, started and done, the room is back on sale at once. The
// list works on a phone. A viewer gets 403 (page and forged post), a member of another property 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLines } from '../../gpu-worker/src/ocr/testing/render.ts';
import { asUser } from '../../supabase/tests/support/db.ts';
import { openPage, TABLET, type WatchedPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const PHONE = { width: 390, height: 844 };

describe('maintenance work orders', () => {
  let staff: SeededUser;
  let viewer: SeededUser;
  let lodgeStaff: SeededUser;
  const org = { slug: `mnt-${Date.now().toString(36)}`, name: 'Quayside Hotels' };
  let orgId = '';
  let hotel = '';
  let lodge = '';
  let room101 = '';
  const pages: WatchedPage[] = [];
  const base = () => `/o/${org.slug}/p/${hotel}/maintenance`;

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olive Owner');
    staff = await createUser(web.stack, 'staff', 'Sam Fixer');
    viewer = await createUser(web.stack, 'viewer', 'Vera Viewer');
    lodgeStaff = await createUser(web.stack, 'lodge', 'Leo Lodge');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: viewer, role: 'viewer' },
      { user: lodgeStaff, role: 'staff' },
    ]);
    const sql = web.stack.admin;
    const [first, second] = await sql<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Quayside Hotel', 'hotel', 'Europe/Lisbon', 'EUR'), (${orgId}, 'Quayside Lodge', 'hotel', 'Europe/Lisbon', 'EUR')
      returning id`;
    hotel = first?.id ?? '';
    lodge = second?.id ?? '';
    await sql`update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${lodgeStaff.id}`;
    await sql`insert into public.member_property_access (organization_id, user_id, property_id) values (${orgId}, ${lodgeStaff.id}, ${lodge})`;
    const [type] = await sql<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, name, kind, pricing)
      values (${orgId}, ${hotel}, 'Double', 'room', 'night') returning id`;
    const rooms = await sql<{ id: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, '101', 2), (${orgId}, ${hotel}, ${type?.id ?? ''}, '102', 2)
      returning id`;
    room101 = rooms[0]?.id ?? '';
    await sql`insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, 'Flexible', 12000, 2)`;
  });
  afterAll(() => {
    for (const watched of pages) expectNoProblems(watched);
  });

  /** Rooms the availability search offers for tomorrow night, as the staff member. */
  const freeTomorrow = () =>
    asUser(web.stack.admin, staff, async (tx) => {
      const rows = await tx<{ resource_ids: string[] }[]>`
        select resource_ids from public.search_availability(${hotel},
          (now() at time zone 'Europe/Lisbon')::date + 1, (now() at time zone 'Europe/Lisbon')::date + 2, 1)`;
      return rows.flatMap((row) => row.resource_ids);
    });

  it('raises an order with a photo that takes the room off sale, then puts it back when done', {
    timeout: 120_000,
  }, async () => {
    const watched = await openPage(web.browser, TABLET);
    pages.push(watched);
    const { page } = watched;
    page.on('dialog', (dialog) => void dialog.accept());
    await signedIn(web.url, watched, staff, base());
    await page.getByRole('heading', { name: 'Maintenance' }).waitFor();
    await page.getByText('No open work orders.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Maintenance', exact: true }).waitFor();
    expect(await freeTomorrow(), 'room 101 is for sale').toContain(room101);

    // Raise: room 101 off sale until the day after tomorrow, noon (property time).
    const until = await web.stack.admin<{ local: string }[]>`
      select to_char((now() at time zone 'Europe/Lisbon')::date + 2, 'YYYY-MM-DD') || 'T12:00' as local`;
    const form = page.getByRole('form', { name: 'Raise a work order' });
    await form.getByLabel('What needs fixing').fill('Shower leaking');
    await form.getByLabel('Details').fill('Water under the bathroom door.');
    await form.getByLabel('Priority').selectOption('urgent');
    await form.getByLabel('Room', { exact: true }).selectOption({ label: '101' });
    await form.getByLabel('Room off sale until').fill(until[0]?.local ?? '');
    await expectAccessible(page, 'maintenance list');
    await form.getByRole('button', { name: 'Raise work order' }).click();
    await page.getByText('Work order raised.').waitFor();
    await page.getByText('Off sale until', { exact: false }).first().waitFor();
    const orderId = page.url().split('/maintenance/')[1]?.split('?')[0] ?? '';
    expect(await freeTomorrow(), 'room 101 is off sale').not.toContain(room101);

    // A photo, previewed before it is uploaded.
    const photo = await renderLines(['Leak under the shower tray'], { width: 600 });
    await page
      .getByLabel('Take or choose a photo')
      .setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: Buffer.from(photo) });
    await page.getByRole('img', { name: 'Preview of the chosen file' }).waitFor();
    await expectAccessible(page, 'work order with a photo preview');
    await page.getByRole('button', { name: 'Add photo' }).click();
    await page.getByRole('img', { name: /Work order \d+, view 1/ }).waitFor();
    const [stored] = await web.stack.admin<{ name: string }[]>`
      select o.name from public.work_order_photos p join storage.objects o on o.name = p.object_name and o.bucket_id = 'documents'
      where p.work_order_id = ${orderId}`;
    expect(stored?.name.startsWith(`${orgId}/${hotel}/work-orders/${orderId}/`)).toBe(true);
    await staffScreenshots(page, 'maintenance-work-order');

    // The front desk's grid shows the block.
    await page.goto(`${web.url}/o/${org.slug}/p/${hotel}/grid`);
    await page
      .getByText(/Out of service: Work order #\d+: Shower leaking/)
      .first()
      .waitFor();

    // Assign, start, done: the room is for sale again at once.
    await page.goto(`${web.url}${base()}/${orderId}`);
    await page.getByLabel('Assigned to').selectOption({ label: 'Sam Fixer' });
    await page.getByRole('button', { name: 'Save assignment' }).click();
    await page.getByText('Assignment saved.').waitFor();
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.getByText('Work started.').waitFor();
    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.getByText('Work order done.').waitFor();
    await page.getByText('The order is closed: the room is on sale.').waitFor();
    expect(await freeTomorrow(), 'room 101 is back on sale').toContain(room101);
    const [block] = await web.stack.admin<{ ended: boolean }[]>`
      select upper(o.period) <= now() as ended from public.work_orders w
      join public.resource_out_of_service o on o.id = w.out_of_service_id where w.id = ${orderId}`;
    expect(block?.ended, 'the block ended at closing').toBe(true);

    // The list, closed tab, and on a phone.
    await page.goto(`${web.url}${base()}?show=closed`);
    await page.getByText('Shower leaking', { exact: false }).waitFor();
    await page.setViewportSize(PHONE);
    await page.goto(`${web.url}${base()}`);
    await page.getByRole('form', { name: 'Raise a work order' }).waitFor();
    await expectAccessible(page, 'maintenance on a phone');
    await page.screenshot({ path: '.roost/screenshots/maintenance-phone-390x844.png', fullPage: true });
    await page.setViewportSize(TABLET);
    await staffScreenshots(page, 'maintenance');
  });

  it('refuses a viewer (403, page and forged post) and a member of another property (404)', async () => {
    const watched = await openPage(web.browser, TABLET);
    pages.push(watched);
    const { page } = watched;
    await signedIn(web.url, watched, viewer, `/o/${org.slug}`);
    const seen = await page.goto(`${web.url}${base()}`);
    expect(seen?.status()).toBe(403);
    const forged = await page.request.post(`${web.url}${base()}`, {
      form: {
        intent: 'raise',
        title: 'Forged',
        priority: 'low',
        source: 'staff',
        resource_id: '',
        area: '',
        due_on: '',
        out_of_service_until: '',
      },
    });
    expect(forged.status()).toBe(403);
    const [count] = await web.stack.admin`select count(*)::int as n from public.work_orders where title = 'Forged'`;
    expect(count?.n).toBe(0);

    const other = await openPage(web.browser, TABLET);
    pages.push(other);
    await signedIn(web.url, other, lodgeStaff, `/o/${org.slug}/p/${lodge}/maintenance`);
    await other.page.getByRole('heading', { name: 'Maintenance' }).waitFor();
    const hidden = await other.page.goto(`${web.url}${base()}`);
    expect(hidden?.status()).toBe(404);
  });
});
