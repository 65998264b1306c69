// Housekeeping in Chromium against a throwaway stack (issue 19, items 1, 2 and 5). A supervisor
// generates the day's tasks for the attendants on shift and reassigns rooms by dragging a card and
// with a card's "Move to" select; an attendant on a phone-sized page starts and finishes a room,
// adds a photo and logs a lost item, and the front desk's grid (another browser context) shows the
// room clean within a second without a reload; the supervisor inspects it (inspected on the grid).
// A room that is not ready refuses a plain check-in; a manager checks in with a reason. The report
// lists rooms per attendant (and as CSV). Staff of another property get 404, a viewer 403, and a
// staff member's forged supervisor POST 403. axe on every page; screenshots at 390×844,
// 1024×768 and 1280×800.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { openPage, SCREENSHOT_DIR } from './support/browser.ts';
import { expectAccessible, signedIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const PHONE = { width: 390, height: 844 };

/**
 * Problems of the page but one: the notification bell's fetcher, aborted when a revalidation
 * overtakes it, logs an AbortError (another area's component, reported to its owner).
 */
const problemsOf = (watched: { problems: string[] }) =>
  watched.problems.filter((problem) => !(problem.includes('AbortError') && problem.includes('notification-bell')));

async function phoneScreenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-390x844.png`), fullPage: true });
}

/** A 1×1 PNG: a photo as far as storage is concerned. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('housekeeping', () => {
  let supervisor: SeededUser;
  let attendant: SeededUser;
  let colleague: SeededUser;
  let desk: SeededUser;
  let outsider: SeededUser;
  let viewer: SeededUser;
  const org = { slug: `hk-${Date.now().toString(36)}`, name: 'Clean Hotels' };
  let orgId = '';
  let hotel = '';
  let today = '';
  const rooms: Record<string, string> = {};
  const bookings: Record<string, string> = {};
  const base = () => `/o/${org.slug}/p/${hotel}`;

  async function insertBooking(room: string, from: number, to: number, status: string) {
    const [row] = await web.stack.admin<{ id: string }[]>`
      insert into public.bookings (organization_id, property_id, resource_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, total_minor, price_breakdown, checked_in_at)
      select ${orgId}, ${hotel}, ${room}, ${status}::public.booking_status, s.period, s.period,
        ${today}::date + ${from}::int, ${today}::date + ${to}::int, 2, 20000, '{}',
        case when ${status} = 'checked_in' then now() end
      from (select tstzrange(((${today}::date + ${from}::int) + time '15:00') at time zone 'Europe/Lisbon',
        ((${today}::date + ${to}::int) + time '11:00') at time zone 'Europe/Lisbon') as period) s
      returning id`;
    return (row as { id: string }).id;
  }

  const task = async (room: string) => {
    const [row] = await web.stack.admin<{ id: string; assignee_id: string | null; status: string }[]>`
      select id, assignee_id, status from public.housekeeping_tasks where resource_id = ${room} and day = ${today}`;
    return row;
  };
  const roomStatus = async (room: string) => {
    const [row] = await web.stack.admin<{ status: string }[]>`
      select status from public.room_statuses where resource_id = ${room}`;
    return row?.status;
  };
  const gridRoom = (page: Page, name: string) => page.locator(`[role="rowheader"][aria-label="${name}"]`);

  beforeAll(async () => {
    // Hosted Supabase commits synchronously; the throwaway cluster does not, and Realtime reads a
    // commit only once its WAL is flushed (up to 3 × wal_writer_delay later). Measure as deployed.
    await web.stack.admin`alter system set synchronous_commit = on`;
    await web.stack.admin`select pg_reload_conf()`;
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    supervisor = await createUser(web.stack, 'supervisor', 'Sue Supervisor');
    attendant = await createUser(web.stack, 'attendant', 'Amy Attendant');
    colleague = await createUser(web.stack, 'colleague', 'Carl Colleague');
    desk = await createUser(web.stack, 'desk', 'Dora Desk');
    outsider = await createUser(web.stack, 'outsider', 'Otto Outsider');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: supervisor, role: 'manager' },
      { user: attendant, role: 'staff' },
      { user: colleague, role: 'staff' },
      { user: desk, role: 'staff' },
      { user: outsider, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const properties = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Bay Hotel', 'hotel', 'Europe/Lisbon', 'EUR'), (${orgId}, 'Hill Lodge', 'hotel', 'Europe/Lisbon', 'EUR')
      returning id, name`;
    hotel = properties.find((p) => p.name === 'Bay Hotel')?.id ?? '';
    const lodge = properties.find((p) => p.name === 'Hill Lodge')?.id ?? '';
    // The attendant works at the hotel only (as attendants do); the outsider at the lodge only.
    await web.stack.admin`
      update public.memberships set all_properties = false
      where organization_id = ${orgId} and user_id in (${attendant.id}, ${outsider.id})`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${orgId}, ${attendant.id}, ${hotel}), (${orgId}, ${outsider.id}, ${lodge})`;
    const [day] = await web.stack.admin<{ today: string }[]>`
      select to_char((now() at time zone 'Europe/Lisbon')::date, 'YYYY-MM-DD') as today`;
    today = day?.today ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    await web.stack.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, 'Standard', 9000)`;
    await web.stack.admin`
      insert into public.housekeeping_room_types (organization_id, property_id, resource_type_id, credits, checklist)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, 2, '{"Bed made","Bathroom clean","Minibar checked"}')`;
    const created = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, '101', 2), (${orgId}, ${hotel}, ${type?.id ?? ''}, '102', 2),
        (${orgId}, ${hotel}, ${type?.id ?? ''}, '103', 2), (${orgId}, ${hotel}, ${type?.id ?? ''}, '104', 2)
      returning id, name`;
    for (const row of created) rooms[row.name] = row.id;
    bookings.departure = await insertBooking(rooms['101'] ?? '', -2, 0, 'checked_in');
    bookings.stay = await insertBooking(rooms['102'] ?? '', -1, 1, 'checked_in');
    bookings.arrival = await insertBooking(rooms['103'] ?? '', 0, 2, 'confirmed');
  });

  afterAll(async () => {
    await web.stack.admin`alter system reset synchronous_commit`;
    await web.stack.admin`select pg_reload_conf()`;
  });

  it('generates and reassigns tasks; an attendant finishes a room on a phone and the grid shows it clean live', async () => {
    const boss = await openPage(web.browser, { width: 1024, height: 768 });
    const front = await openPage(web.browser, { width: 1280, height: 800 });
    const phone = await openPage(web.browser, PHONE);
    await Promise.all([
      signedIn(web.url, boss, supervisor, `${base()}/housekeeping`),
      signedIn(web.url, front, desk, `${base()}/grid`),
      signedIn(web.url, phone, attendant, `${base()}/housekeeping`),
    ]);

    // The supervisor: nothing yet; Amy and Carl on shift (not Dora, who works the desk).
    const { page } = boss;
    await page.getByText('No housekeeping tasks for this day yet.').waitFor();
    await expectAccessible(page, 'empty board');
    await page.getByRole('checkbox', { name: 'Dora Desk' }).uncheck();
    await page.getByRole('button', { name: 'Generate tasks' }).click();
    await page.getByText('0 of 3 rooms done').waitFor();
    const generated = await web.stack.admin<{ assignee_id: string; credits: string; kind: string }[]>`
      select assignee_id, credits::text, kind from public.housekeeping_tasks where property_id = ${hotel} order by kind`;
    expect(generated.map((t) => [t.kind, t.credits])).toEqual([
      ['departure', '2.00'],
      ['stay_over', '1.00'],
      ['arrival', '0.50'],
    ]);
    expect(new Set(generated.map((t) => t.assignee_id))).toEqual(new Set([attendant.id, colleague.id]));
    expect(await roomStatus(rooms['102'] ?? ''), 'a stay-over day: service due').toBe('dirty');

    // Every room to Amy: by dragging a card onto her column, and with a card's select.
    for (const name of ['101', '102', '103']) {
      const current = await task(rooms[name] ?? '');
      if (current?.assignee_id === attendant.id) continue;
      const card = page.locator(`[data-task="${current?.id}"]`);
      if (name === '101' || name === '102') {
        await card.dragTo(page.locator(`[data-column="${attendant.id}"]`));
      } else {
        await card.getByLabel(`Move room ${name} to`).selectOption({ label: 'Amy Attendant' });
        await card.getByRole('button', { name: 'Move' }).click();
      }
      await waitFor(`room ${name} moves to Amy`, async () =>
        (await task(rooms[name] ?? ''))?.assignee_id === attendant.id ? true : undefined,
      );
    }
    await page.locator(`[data-column="${colleague.id}"]`).getByText('Drop a room here.').waitFor();
    await expectAccessible(page, 'board');
    await staffScreenshots(page, 'housekeeping-board');

    // The guest of 101 checks out: dirty on the grid.
    const grid = front.page;
    await grid.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await web.stack.admin`
      update public.bookings set status = 'checked_out', checked_out_at = now() where id = ${bookings.departure ?? ''}`;
    await grid.locator(`[role="rowheader"][aria-label="101"][data-room-status="dirty"]`).waitFor({ timeout: 5_000 });

    // Amy, on her phone: her three rooms; she starts and finishes 101.
    const mine = phone.page;
    await mine.getByRole('heading', { name: 'My rooms · 3 of 3 to do' }).waitFor();
    await mine.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await expectAccessible(mine, 'my rooms');
    await phoneScreenshot(mine, 'housekeeping-mine');
    const card101 = mine.getByRole('article', { name: 'Room 101' });
    await card101.getByRole('button', { name: 'Start room 101' }).click();
    await card101.getByText('In progress').waitFor();
    await card101.getByLabel('Notes for the supervisor (optional)').fill('Reading lamp flickers');
    await card101.getByRole('button', { name: 'Finish room 101' }).click();
    const finishedAt = await waitFor('101 cleaned', async () => {
      const [row] = await web.stack.admin<{ at: Date }[]>`
        select changed_at as at from public.room_statuses where resource_id = ${rooms['101'] ?? ''} and status = 'clean'`;
      return row?.at;
    });
    await gridRoom(grid, '101').and(grid.locator('[data-room-status="clean"]')).waitFor({ timeout: 5_000 });
    const latency = Date.now() - finishedAt.getTime();
    expect(latency, `the grid showed 101 clean ${latency} ms after the change`).toBeLessThan(1_000);
    await expectAccessible(grid, 'grid with room statuses');

    // A photo and a lost item on 102.
    const card102 = mine.getByRole('article', { name: 'Room 102' });
    await card102.getByLabel('Add a photo').setInputFiles({ name: 'stain.png', mimeType: 'image/png', buffer: PNG });
    await card102.getByRole('button', { name: 'Upload' }).click();
    await card102.getByRole('img', { name: 'Room 102, 1 of 1' }).waitFor();
    await card102.getByLabel('Lost and found').fill('Silver ring, bedside table');
    await card102.getByRole('button', { name: 'Log item' }).click();
    await card102.getByText('Found: Silver ring, bedside table').waitFor();
    await phoneScreenshot(mine, 'housekeeping-mine-working');
    expect(problemsOf(phone)).toEqual([]);

    // The supervisor sees 101 cleaned live and fails it, then passes it after a second clean.
    const board101 = page.locator(`[data-task="${(await task(rooms['101'] ?? ''))?.id}"]`);
    await board101.getByText('Cleaned', { exact: true }).waitFor();
    await board101.getByText('Reading lamp flickers').waitFor();
    await board101.getByText('Inspect room 101').click();
    await board101.getByRole('checkbox', { name: 'Minibar checked' }).uncheck();
    await staffScreenshots(page, 'housekeeping-inspect');
    await board101.getByRole('button', { name: 'Fail: back to dirty' }).click();
    await waitFor('101 failed', async () => ((await roomStatus(rooms['101'] ?? '')) === 'dirty' ? true : undefined));
    await card101.getByText('Failed inspection. Check: Minibar checked.').waitFor();
    await card101.getByRole('button', { name: 'Finish room 101' }).click();
    await board101.getByText('Inspect room 101').click();
    await board101.getByRole('button', { name: 'Pass' }).click();
    await gridRoom(grid, '101').and(grid.locator('[data-room-status="inspected"]')).waitFor({ timeout: 5_000 });
    await staffScreenshots(grid, 'housekeeping-grid');

    // The report counts Amy's rooms (101 twice finished counts once per task).
    await page.goto(`${web.url}${base()}/housekeeping-report`);
    await page.getByRole('row', { name: /Amy Attendant 1/ }).waitFor();
    await expectAccessible(page, 'report');
    await staffScreenshots(page, 'housekeeping-report');
    const csv = await page.request.get(`${web.url}${base()}/housekeeping-report.csv?from=${today}&to=${today}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toMatch(
      /^attendant,rooms_cleaned,average_minutes_per_room\r\nAmy Attendant,1,\d+\.\d\r\n$/,
    );
    const pdf = await page.request.get(`${web.url}${base()}/housekeeping-report.pdf?from=${today}&to=${today}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(problemsOf(boss)).toEqual([]);
    expect(problemsOf(front)).toEqual([]);
    await Promise.all([boss.context.close(), front.context.close(), phone.context.close()]);
  });

  it('refuses a plain check-in to a room that is not ready and takes a manager’s reason', async () => {
    await web.stack.admin`update public.room_statuses set status = 'dirty' where resource_id = ${rooms['103'] ?? ''}`;
    const staffPage = await openPage(web.browser, { width: 1024, height: 768 });
    await signedIn(web.url, staffPage, desk, `${base()}/bookings/${bookings.arrival}`);
    await staffPage.page.getByText('103 is dirty: check-in waits until housekeeping has cleaned it').waitFor();
    await expect(staffPage.page.getByRole('button', { name: 'Check in', exact: true }).count()).resolves.toBe(0);
    // A forged plain check-in is refused by the database.
    const forged = await staffPage.page.request.post(`${web.url}${base()}/bookings/${bookings.arrival}`, {
      form: { intent: 'check_in', override_reason: 'I say so' },
      headers: { Origin: web.url },
    });
    expect(forged.status()).toBe(403);
    await staffPage.page.goto(`${web.url}${base()}/check-in/${bookings.arrival}`);
    await staffPage.page.getByText('103 is dirty.').waitFor();
    await staffPage.context.close();

    const manager = await openPage(web.browser, { width: 1024, height: 768 });
    await signedIn(web.url, manager, supervisor, `${base()}/bookings/${bookings.arrival}`);
    const { page } = manager;
    // Without a reason the database still refuses.
    await page.getByRole('button', { name: 'Check in anyway' }).click();
    await page.getByRole('alert').filter({ hasText: 'The room is not clean or inspected yet' }).waitFor();
    await page.getByLabel('Reason to check in to a room that is not ready').fill('Guest waiting, quick tidy done');
    await expectAccessible(page, 'booking with a room not ready');
    await staffScreenshots(page, 'housekeeping-override');
    await page.getByRole('button', { name: 'Check in anyway' }).click();
    await page.getByText('Guest checked in.').waitFor();
    const [row] = await web.stack.admin`
      select status, room_override_reason from public.bookings where id = ${bookings.arrival ?? ''}`;
    expect(row).toEqual({ status: 'checked_in', room_override_reason: 'Guest waiting, quick tidy done' });
    expect(problemsOf(manager)).toEqual([]);
    await manager.context.close();
  });

  it('answers 404 to staff of another property, 403 to a viewer and to staff posting as a supervisor', async () => {
    const [any] = await web.stack.admin<{ id: string }[]>`
      select id from public.housekeeping_tasks where property_id = ${hotel} limit 1`;
    const assign = { intent: 'assign', task_id: any?.id ?? '', assignee_id: '' };
    const away = await openPage(web.browser, PHONE);
    await signedIn(web.url, away, outsider, `/o/${org.slug}`);
    expect((await away.page.goto(`${web.url}${base()}/housekeeping`))?.status()).toBe(404);
    const outsiderPost = await away.page.request.post(`${web.url}${base()}/housekeeping`, {
      form: { intent: 'start', task_id: any?.id ?? '' },
      headers: { Origin: web.url },
    });
    expect(outsiderPost.status()).toBe(404);
    await away.context.close();

    const watcher = await openPage(web.browser, PHONE);
    await signedIn(web.url, watcher, viewer, `/o/${org.slug}`);
    expect((await watcher.page.goto(`${web.url}${base()}/housekeeping`))?.status()).toBe(403);
    await expectAccessible(watcher.page, '403 on housekeeping');
    const viewerPost = await watcher.page.request.post(`${web.url}${base()}/housekeeping`, {
      form: { intent: 'start', task_id: any?.id ?? '' },
      headers: { Origin: web.url },
    });
    expect(viewerPost.status()).toBe(403);
    await watcher.context.close();

    const staffer = await openPage(web.browser, PHONE);
    await signedIn(web.url, staffer, colleague, `${base()}/housekeeping`);
    await staffer.page.getByText('No rooms for you on this day.').waitFor();
    expect((await staffer.page.goto(`${web.url}${base()}/housekeeping-report`))?.status()).toBe(403);
    const staffPost = await staffer.page.request.post(`${web.url}${base()}/housekeeping`, {
      form: assign,
      headers: { Origin: web.url },
    });
    expect(staffPost.status()).toBe(403);
    const [after] = await web.stack
      .admin`select assignee_id from public.housekeeping_tasks where id = ${any?.id ?? ''}`;
    expect(after?.assignee_id, 'unchanged').toBe(attendant.id);
    await staffer.context.close();
  });
});
