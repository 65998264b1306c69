// Housekeeping's room status control and settings in Chromium against a throwaway stack (issue 19,
// items 1 and 2). A supervisor marks a room dirty, then out of order (after a confirmation) and
// back, on the board's "Room status" view, and the front desk's grid in another browser context
// shows each change without a reload; staff posting "out of order" are refused by the database.
// A manager sets a room type's credits and checklist on the settings page: generating the day's
// tasks weighs the departure by them and the inspection lists the new items. Bad input is refused
// on its field; staff and viewers get 403 on the page and on a forged POST. axe on every page;
// screenshots at 1024×768 and 1280×800.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { openPage } from './support/browser.ts';
import { expectAccessible, signedIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const TABLET = { width: 1024, height: 768 };

/** Problems but the notification bell's AbortError when a revalidation overtakes its fetcher. */
const problemsOf = (watched: { problems: string[] }) =>
  watched.problems.filter((problem) => !(problem.includes('AbortError') && problem.includes('notification-bell')));

describe('housekeeping rooms and settings', () => {
  let manager: SeededUser;
  let desk: SeededUser;
  let viewer: SeededUser;
  const org = { slug: `hkr-${Date.now().toString(36)}`, name: 'Status Hotels' };
  let orgId = '';
  let hotel = '';
  let suiteType = '';
  const rooms: Record<string, string> = {};
  const base = () => `/o/${org.slug}/p/${hotel}`;
  const gridRoom = (page: Page, name: string, status: string) =>
    page.locator(`[role="rowheader"][aria-label="${name}"][data-room-status="${status}"]`);
  const roomRow = async (room: string) => {
    const [row] = await web.stack.admin<{ status: string; reason: string; note: string | null }[]>`
      select status, reason, note from public.room_statuses where resource_id = ${room}`;
    return row;
  };

  beforeAll(async () => {
    // Realtime reads a commit once its WAL is flushed: measure as deployed (synchronous commit).
    await web.stack.admin`alter system set synchronous_commit = on`;
    await web.stack.admin`select pg_reload_conf()`;
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    desk = await createUser(web.stack, 'desk', 'Dora Desk');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: desk, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Quay Hotel', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    hotel = property?.id ?? '';
    const types = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night'), (${orgId}, ${hotel}, 'room', 'Suite', 'night')
      returning id, name`;
    const doubleType = types.find((t) => t.name === 'Double')?.id ?? '';
    suiteType = types.find((t) => t.name === 'Suite')?.id ?? '';
    await web.stack.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor)
      values (${orgId}, ${hotel}, ${doubleType}, 'Standard', 9000), (${orgId}, ${hotel}, ${suiteType}, 'Suite', 19000)`;
    const created = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${hotel}, ${doubleType}, '101', 2), (${orgId}, ${hotel}, ${doubleType}, '102', 2),
        (${orgId}, ${hotel}, ${suiteType}, '201', 4)
      returning id, name`;
    for (const row of created) rooms[row.name] = row.id;
    // The suite's guest leaves today: a departure clean for tomorrow's settings test.
    await web.stack.admin`
      insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, total_minor, price_breakdown, checked_in_at)
      select ${orgId}, ${hotel}, ${rooms['201'] ?? ''}, 'checked_in', s.period, s.period, s.today - 2, s.today, 2,
        38000, '{}', now()
      from (select t.today, tstzrange(((t.today - 2) + time '15:00') at time zone 'Europe/Lisbon',
        (t.today + time '11:00') at time zone 'Europe/Lisbon') as period
        from (select (now() at time zone 'Europe/Lisbon')::date as today) t) s`;
  });

  afterAll(async () => {
    await web.stack.admin`alter system reset synchronous_commit`;
    await web.stack.admin`select pg_reload_conf()`;
  });

  it('sets a room dirty, out of order after a confirmation and back; the grid shows each change live', async () => {
    const boss = await openPage(web.browser, TABLET);
    const front = await openPage(web.browser, { width: 1280, height: 800 });
    await Promise.all([
      signedIn(web.url, boss, manager, `${base()}/housekeeping?view=rooms`),
      signedIn(web.url, front, desk, `${base()}/grid`),
    ]);
    const { page } = boss;
    const grid = front.page;
    await grid.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await gridRoom(grid, '102', 'clean').waitFor();

    const card = page.getByRole('article', { name: 'Room 102' });
    await card.getByRole('button', { name: 'Room 102: mark dirty' }).click();
    await gridRoom(grid, '102', 'dirty').waitFor({ timeout: 5_000 });
    expect(await roomRow(rooms['102'] ?? '')).toMatchObject({ status: 'dirty', reason: 'manual' });

    // Out of order asks first; cancelling changes nothing.
    await card.getByRole('button', { name: 'Room 102: out of order…' }).click();
    const confirm = card.getByRole('group', { name: 'Take room 102 out of order?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await roomRow(rooms['102'] ?? ''))?.status).toBe('dirty');
    await card.getByRole('button', { name: 'Room 102: out of order…' }).click();
    await confirm.getByLabel('Why (optional)').fill('Shower leaking');
    await expectAccessible(page, 'room status with a confirmation');
    await staffScreenshots(page, 'housekeeping-rooms-confirm');
    await confirm.getByRole('button', { name: 'Yes, out of order' }).click();
    await gridRoom(grid, '102', 'out_of_order').waitFor({ timeout: 5_000 });
    expect(await roomRow(rooms['102'] ?? '')).toEqual({
      status: 'out_of_order',
      reason: 'manual',
      note: 'Shower leaking',
    });
    await card.getByText('“Shower leaking”').waitFor();
    // From out of order the only way is back to dirty.
    await expect(card.getByRole('button').allTextContents()).resolves.toEqual(['Mark dirty']);

    // The filter shows only the rooms of a status.
    await page.getByRole('radio', { name: 'Out of order (1)' }).check();
    await expect(page.getByRole('article').count()).resolves.toBe(1);
    await staffScreenshots(page, 'housekeeping-rooms');
    await page.getByRole('radio', { name: 'All rooms (3)' }).check();

    // Staff may mark clean or dirty only: a forged "out of order" is refused by the database.
    const forged = await grid.request.post(`${web.url}${base()}/housekeeping`, {
      form: { intent: 'room_status', resource_id: rooms['101'] ?? '', status: 'out_of_order', note: '' },
      headers: { Origin: web.url },
    });
    expect(forged.status()).toBe(403);
    expect((await roomRow(rooms['101'] ?? ''))?.status).toBe('clean');

    await card.getByRole('button', { name: 'Room 102: mark dirty' }).click();
    await gridRoom(grid, '102', 'dirty').waitFor({ timeout: 5_000 });
    await expectAccessible(page, 'room status');
    await expectAccessible(grid, 'grid');
    expect(problemsOf(boss)).toEqual([]);
    expect(problemsOf(front)).toEqual([]);
    await Promise.all([boss.context.close(), front.context.close()]);
  });

  it('sets credits and a checklist per room type; generation and inspection use them', async () => {
    const boss = await openPage(web.browser, TABLET);
    await signedIn(web.url, boss, manager, `${base()}/housekeeping`);
    const { page } = boss;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Housekeeping settings' }).waitFor();
    await page.getByText('not set yet: 1 credit and the standard checklist').first().waitFor();
    await expectAccessible(page, 'housekeeping settings');

    const suite = page.getByRole('form', { name: 'Housekeeping settings for Suite' });
    // Refused in the browser first.
    await suite.getByLabel('Credits for Suite').fill('25');
    await suite.getByRole('button', { name: 'Save Suite' }).click();
    await suite.getByText('Use 0.5 to 20 credits.').waitFor();
    await suite.getByLabel('Credits for Suite').fill('2.5');
    await suite.getByLabel('Inspection checklist for Suite').fill('Bed made\n\nBalcony swept\nMinibar counted\n');
    await suite.getByRole('button', { name: 'Save Suite' }).click();
    await page.getByText('Suite: saved.').waitFor();
    await page.getByText('2.5 credits, 3 checklist items').waitFor();
    const [saved] = await web.stack.admin<{ credits: string; checklist: string[] }[]>`
      select credits::text, checklist from public.housekeeping_room_types where resource_type_id = ${suiteType}`;
    expect(saved).toEqual({ credits: '2.5', checklist: ['Bed made', 'Balcony swept', 'Minibar counted'] });
    await staffScreenshots(page, 'housekeeping-settings');

    // The action checks again: a forged post with credits out of range is refused on the field.
    const forged = await page.request.post(`${web.url}${base()}/housekeeping-settings`, {
      form: { intent: `type:${suiteType}`, type_id: suiteType, credits: '0.2', checklist: 'A' },
      headers: { Origin: web.url, Accept: 'application/json' },
    });
    expect(forged.status()).toBe(400);

    // Generation weighs the suite's departure by 2.5 credits; the inspection shows its checklist.
    await page.goto(`${web.url}${base()}/housekeeping`);
    await page.getByRole('button', { name: 'Generate tasks' }).click();
    const task = await waitFor('the suite’s task', async () => {
      const [row] = await web.stack.admin<{ id: string; credits: string; kind: string }[]>`
        select id, credits::text, kind from public.housekeeping_tasks where resource_id = ${rooms['201'] ?? ''}`;
      return row;
    });
    expect(task).toMatchObject({ kind: 'departure', credits: '2.50' });
    await web.stack
      .admin`update public.housekeeping_tasks set status = 'in_progress', started_at = now() where id = ${task.id}`;
    await web.stack
      .admin`update public.housekeeping_tasks set status = 'cleaned', finished_at = now() where id = ${task.id}`;
    const card = page.locator(`[data-task="${task.id}"]`);
    await card.getByText('Inspect room 201').click();
    await card.getByRole('checkbox', { name: 'Balcony swept' }).waitFor();
    await expect(card.getByRole('checkbox').count()).resolves.toBe(3);
    expect(problemsOf(boss)).toEqual([]);
    await boss.context.close();
  });

  it('answers 403 to staff and viewers on the settings page and its action, and hides the status view from staff', async () => {
    const form = { intent: `type:${suiteType}`, type_id: suiteType, credits: '9', checklist: 'Anything' };
    for (const user of [desk, viewer]) {
      const visitor = await openPage(web.browser, TABLET);
      await signedIn(web.url, visitor, user, `/o/${org.slug}`);
      expect((await visitor.page.goto(`${web.url}${base()}/housekeeping-settings`))?.status()).toBe(403);
      const post = await visitor.page.request.post(`${web.url}${base()}/housekeeping-settings`, {
        form,
        headers: { Origin: web.url },
      });
      expect(post.status()).toBe(403);
      if (user === desk) {
        // Staff get their own rooms, not the supervisor's status view.
        await visitor.page.goto(`${web.url}${base()}/housekeeping?view=rooms`);
        await visitor.page.getByRole('heading', { name: /^My rooms/ }).waitFor();
        await expect(visitor.page.getByRole('link', { name: 'Room status' }).count()).resolves.toBe(0);
        await expect(visitor.page.locator('.hk-rooms').count()).resolves.toBe(0);
      }
      await visitor.context.close();
    }
    const [after] = await web.stack.admin<{ credits: string }[]>`
      select credits::text from public.housekeeping_room_types where resource_type_id = ${suiteType}`;
    expect(after?.credits, 'unchanged').toBe('2.5');
  });
});
