// Rate suggestions in Chromium against a throwaway stack (decision 028): a manager sets a room
// type's bounds (the schema refuses a ceiling below the floor on its field), sees a suggestion per
// night from the stored occupancy forecast, ticks two, confirms, and the table and a reload show the
// new current prices (the database wrote two one-night overrides and audited both acceptances).
// A staff member gets 403 on the page and on forged posts, and nothing is written. axe finds nothing
// serious; screenshots at 1024×768 and 1440×900.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../app/utils/calendar-dates.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('rate suggestions', () => {
  let manager: SeededUser;
  let staff: SeededUser;
  const org = { slug: `rs-${Date.now().toString(36)}`, name: 'Yield Hotels' };
  let orgId = '';
  let hotel = '';
  let roomType = '';
  let today = '';
  const night = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    manager = await createUser(web.stack, 'manager', 'Mona Manager');
    staff = await createUser(web.stack, 'staff', 'Sid Staff');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Quay Hotel', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    hotel = property?.id ?? '';
    const [day] = await web.stack.admin<{ today: string }[]>`
      select to_char((now() at time zone 'Europe/Lisbon')::date, 'YYYY-MM-DD') as today`;
    today = day?.today ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    roomType = type?.id ?? '';
    await web.stack.admin`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      select ${orgId}, ${hotel}, ${roomType}, n::text, 2 from generate_series(101, 104) n`;
    await web.stack.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
      values (${orgId}, ${hotel}, ${roomType}, 'Flexible', 10000, 2)`;
    // The worker's forecast: 95 % from the third night on (no history a year back, so no pace):
    // demand +0.25 → 100.00 × 1.125 = 112.50, rounded to 113.00, within the 15.00 step.
    await web.stack.admin`
      insert into public.forecasts (organization_id, property_id, kind, model_version, forecast_date, value, trained_through)
      select ${orgId}, ${hotel}, 'occupancy', 'forecast-test-1', ${today}::date + d, 0.95, ${today}::date - 1
      from generate_series(3, 29) d`;
  });

  it('sets bounds, accepts two suggestions after a confirmation, and shows the new prices after a reload', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    const path = `/o/${org.slug}/p/${hotel}/rates`;
    await signIn(web.url, watched, manager, path);
    await page.getByRole('heading', { name: 'Rates', level: 1 }).waitFor();
    await page.getByText('Set the bounds of a room type above to see suggestions for it.').waitFor();
    await expectAccessible(page, 'rates without bounds');

    const bounds = page.getByRole('form', { name: 'Bounds of Double' });
    await bounds.getByLabel('Floor (EUR)').fill('120');
    await bounds.getByLabel('Ceiling (EUR)').fill('80');
    await bounds.getByLabel('Max step (EUR)').fill('15');
    await bounds.getByRole('button', { name: 'Save bounds of Double' }).click();
    await bounds.getByText('The highest price cannot be below the lowest.').waitFor();
    await bounds.getByLabel('Floor (EUR)').fill('80');
    await bounds.getByLabel('Ceiling (EUR)').fill('140');
    await bounds.getByRole('button', { name: 'Save bounds of Double' }).click();
    await page.getByRole('status').filter({ hasText: 'Bounds of Double saved.' }).waitFor();

    const row = (offset: number) => page.getByTestId(`suggestion-${night(offset)}-Double`);
    await row(3).waitFor();
    await expect.poll(() => row(3).getByTestId('current').textContent()).toBe('€100.00');
    expect(await row(3).textContent()).toContain('€113.00');
    expect(await row(3).textContent()).toContain('forecast 95% · 0 of 4 booked, no year-ago data · demand +25 pts');
    // Without a forecast or a year of history there is no signal: no change, nothing to tick.
    expect(await row(1).textContent()).toContain('no demand signal: price kept');
    expect(await row(1).getByRole('checkbox').count()).toBe(0);
    await expectAccessible(page, 'rates with suggestions');
    await screenshots(page, 'rates-suggestions');

    const label = (offset: number) => `Accept Double on ${formatDate(night(offset))}: €100.00 to €113.00`;
    await page.getByRole('checkbox', { name: label(3) }).check();
    await page.getByRole('checkbox', { name: label(4) }).check();
    await page.getByRole('button', { name: 'Accept selected' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Change 2 prices (+€26.00 in total)?').waitFor();
    await expectAccessible(page, 'rates confirmation');
    await confirm.getByRole('button', { name: 'Yes, change the prices' }).click();
    await page.getByRole('status').filter({ hasText: '2 prices changed.' }).waitFor();
    for (const offset of [3, 4]) {
      await expect.poll(() => row(offset).getByTestId('current').textContent()).toBe('€113.00');
      expect(await row(offset).textContent()).toContain('no change');
    }
    expect(await row(5).getByTestId('current').textContent()).toBe('€100.00');

    await page.reload();
    await row(3).waitFor();
    expect(await row(3).getByTestId('current').textContent()).toBe('€113.00');
    expect(await row(4).getByTestId('current').textContent()).toBe('€113.00');
    await expectAccessible(page, 'rates after accepting');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'rates-suggestions-accepted');

    const overrides = await web.stack.admin<{ dates: string; price: number }[]>`
      select lower(dates)::text as dates, price_minor::int as price from public.rate_overrides
      where property_id = ${hotel} order by lower(dates)`;
    expect(overrides).toEqual([
      { dates: night(3), price: 11_300 },
      { dates: night(4), price: 11_300 },
    ]);
    const audited = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.audit_log
      where organization_id = ${orgId} and table_name = 'rate_suggestion_acceptances' and actor_id = ${manager.id}`;
    expect(audited[0]?.n).toBe(2);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to staff on the page and on forged posts, and writes nothing', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, staff, `/o/${org.slug}/p/${hotel}/today`);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    const response = await page.goto(`${web.url}/o/${org.slug}/p/${hotel}/rates`);
    expect(response?.status(), 'rates page for staff').toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expectAccessible(page, 'rates 403');
    const count = async () =>
      (
        await web.stack.admin<{ n: number }[]>`
          select ((select count(*) from public.rate_overrides where property_id = ${hotel})
            + (select count(*) from public.rate_bounds where property_id = ${hotel}))::int as n`
      )[0]?.n;
    const before = await count();
    const forged: Record<string, string>[] = [
      { intent: 'accept', item: `${roomType}|${night(6)}|11300` },
      { intent: `bounds-${roomType}`, resource_type_id: roomType, floor: '1', ceiling: '1000', step: '999' },
    ];
    for (const form of forged) {
      const post = await page.request.post(`${web.url}/o/${org.slug}/p/${hotel}/rates`, {
        form,
        headers: { Origin: web.url },
      });
      expect(post.status(), `${form.intent} refused`).toBe(403);
    }
    expect(await count(), 'nothing written').toBe(before);
    await watched.context.close();
  });
});
