// Rate plans and taxes and fees of a property in Chromium against a throwaway stack: a manager
// sees the empty state of a property without resource types, creates a plan with weekday prices
// and stay limits (the schema refuses a longest stay below the shortest, the database a second
// plan of the same name, each on its field), edits it, adds a date price, adds a tax and a fixed
// fee (a duplicate name refused on the field), and the price check shows the total the
// database's own search gives, line by line; date prices page and are removed after a
// confirmation; a staff member gets 403 on both pages and on forged posts. Every page passes
// axe's serious/critical WCAG A/AA rules and is photographed at tablet and desktop sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../app/utils/money.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

/** The first Thursday at least three weeks after today (UTC; Lisbon is at most an hour apart). */
function aThursday(): string {
  let day = addDays(iso(new Date()), 21);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 4) day = addDays(day, 1);
  return day;
}

describe('rate plans and taxes and fees', () => {
  let manager: SeededUser;
  let staff: SeededUser;
  const org = { slug: `rates-${Date.now().toString(36)}`, name: 'Harbour Group' };
  let orgId = '';
  let hotel = '';
  let lodge = '';
  let roomType = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Otto Owner');
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
    const rows = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Harbour Hotel', 'hotel', 'Europe/Lisbon', 'EUR'),
        (${orgId}, 'Empty Lodge', 'hotel', 'Europe/Lisbon', 'EUR')
      returning id, name`;
    hotel = rows.find((row) => row.name === 'Harbour Hotel')?.id ?? '';
    lodge = rows.find((row) => row.name === 'Empty Lodge')?.id ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double room', 'night') returning id`;
    roomType = type?.id ?? '';
    await web.stack.admin`
      insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
      values (${orgId}, ${hotel}, ${roomType}, '101', 3)`;
  });

  it('lets a manager set up a plan, a date price, a tax and a fee, and check a guest’s price', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    const rates = `${web.url}/o/${org.slug}/properties/${hotel}/rates`;

    // A property without resource types: the empty state says what to do first.
    await signIn(web.url, watched, manager, `/o/${org.slug}/properties/${lodge}/rates`);
    await page.getByText('This property has no resource types yet.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Add a resource type' }).waitFor();
    await expectAccessible(page, 'rates empty state');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'rates-empty');

    await page.goto(rates);
    await page.getByRole('heading', { name: 'Harbour Hotel' }).waitFor();
    await page.getByText('No rate plan for Double room yet', { exact: false }).waitFor();
    const add = page.getByRole('form', { name: 'Add a rate plan' });
    await add.getByLabel('Plan name').fill('Flexible');
    await add.getByLabel('Base price (EUR)').fill('100');
    await add.getByLabel('Friday').fill('120');
    await add.getByLabel('Saturday').fill('130');
    await add.getByLabel('Shortest stay (nights)').fill('2');
    await add.getByLabel('Longest stay (nights)').fill('1');
    await add.getByLabel('Extra guest (EUR)').fill('15');
    // The schema refuses in the browser before anything is sent.
    await add.getByRole('button', { name: 'Add rate plan' }).click();
    await add.getByText('The longest stay cannot be shorter than the shortest.').waitFor();
    await expect(add.getByLabel('Longest stay (nights)').getAttribute('aria-invalid')).resolves.toBe('true');
    await add.getByLabel('Longest stay (nights)').fill('14');
    await add.getByRole('button', { name: 'Add rate plan' }).click();
    await page.getByText('Rate plan added.').waitFor();
    await page.getByRole('rowheader', { name: 'Flexible' }).waitFor();
    const [plan] = await web.stack.admin<
      { id: string; base_price_minor: string; min_stay: number; max_stay: number; extra_guest_minor: string }[]
    >`select id, base_price_minor, min_stay, max_stay, extra_guest_minor from public.rate_plans where property_id = ${hotel}`;
    expect(plan, 'the plan as saved').toMatchObject({
      base_price_minor: '10000',
      min_stay: 2,
      max_stay: 14,
      extra_guest_minor: '1500',
    });
    const planId = plan?.id ?? '';
    const weekdayPrices = () => web.stack.admin<{ weekdays: number[]; price_minor: string }[]>`
      select weekdays, price_minor from public.rate_overrides
      where rate_plan_id = ${planId} and dates is null order by price_minor`;
    await expect(weekdayPrices(), 'a weekday override per price').resolves.toEqual([
      { weekdays: [5], price_minor: '12000' },
      { weekdays: [6], price_minor: '13000' },
    ]);

    // Only the database knows the type already has a plan with this name.
    const again = page.getByRole('form', { name: 'Add a rate plan' });
    await again.getByLabel('Plan name').fill('Flexible');
    await again.getByLabel('Base price (EUR)').fill('90');
    await again.getByRole('button', { name: 'Add rate plan' }).click();
    await again.getByText('This resource type already has a rate plan with this name.').waitFor();
    await expect(again.getByLabel('Plan name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'rate plan refused by the database');

    // Edit: the fields show the saved values; Sunday gets its own price.
    await page.getByRole('link', { name: 'Edit Flexible' }).click();
    const edit = page.getByRole('form', { name: 'Edit Flexible' });
    await expect(edit.getByLabel('Friday').inputValue()).resolves.toBe('120.00');
    await expect(edit.getByLabel('Monday').inputValue()).resolves.toBe('');
    await edit.getByLabel('Sunday').fill('90');
    await edit.getByRole('button', { name: 'Save rate plan' }).click();
    await page.getByText('Rate plan saved.').waitFor();
    await expect(weekdayPrices(), 'the weekday prices replaced').resolves.toEqual([
      { weekdays: [7], price_minor: '9000' },
      { weekdays: [5], price_minor: '12000' },
      { weekdays: [6], price_minor: '13000' },
    ]);

    // A date price on the Thursday of the stay checked below.
    const thursday = aThursday();
    const dated = page.getByRole('form', { name: 'Add a date price' });
    await dated.getByLabel('First date').fill(thursday);
    await dated.getByLabel('Last date').fill(addDays(thursday, -1));
    await dated.getByLabel('Price (EUR)').fill('200');
    await dated.getByRole('button', { name: 'Add date price' }).click();
    await dated.getByText('The last night cannot be before the first.').waitFor();
    await dated.getByLabel('Last date').fill(thursday);
    await dated.getByRole('button', { name: 'Add date price' }).click();
    await page.getByText('Date price added.').waitFor();
    const [override] = await web.stack.admin<{ dates: string; price_minor: string }[]>`
      select dates::text, price_minor from public.rate_overrides where rate_plan_id = ${planId} and dates is not null`;
    expect(override).toEqual({ dates: `[${thursday},${addDays(thursday, 1)})`, price_minor: '20000' });
    await expectAccessible(page, 'rate plans');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'rates');

    // Taxes and fees: VAT added as a percentage, a city tax as a fixed amount per night.
    await page
      .getByRole('navigation', { name: 'Property sections' })
      .getByRole('link', { name: 'Taxes and fees' })
      .click();
    await page.getByText('No taxes or fees yet', { exact: false }).waitFor();
    await expectAccessible(page, 'taxes empty state');
    await screenshots(page, 'taxes-empty');
    const tax = page.getByRole('form', { name: 'Add a tax or fee' });
    await tax.getByLabel('Name').fill('VAT');
    await tax.getByLabel('Percentage (%)').fill('6');
    await tax.getByRole('button', { name: 'Add tax or fee' }).click();
    await page.getByText('Tax or fee added.').waitFor();
    await tax.getByLabel('Name').fill('City tax');
    await tax.getByLabel('Charged as').selectOption('per_unit');
    await tax.getByLabel('Amount (EUR)').fill('2.50');
    await tax.getByLabel('Tables').uncheck();
    await tax.getByLabel('Spaces').uncheck();
    await tax.getByRole('button', { name: 'Add tax or fee' }).click();
    await page.getByRole('rowheader', { name: 'City tax' }).waitFor();
    await page.getByText('€2.50 per night or slot').waitFor();
    await page.getByText('6% of each night or slot').waitFor();
    // Nothing chosen to apply to: the schema says so on the check boxes.
    await tax.getByLabel('Name').fill('Resort fee');
    await tax.getByLabel('Rooms').uncheck();
    await tax.getByLabel('Tables').uncheck();
    await tax.getByLabel('Spaces').uncheck();
    await tax.getByRole('button', { name: 'Add tax or fee' }).click();
    await tax.getByText('Choose at least one kind of booking.').waitFor();
    // A second VAT: the database's unique constraint, on the name field.
    await tax.getByLabel('Name').fill('VAT');
    await tax.getByLabel('Rooms').check();
    await tax.getByLabel('Percentage (%)').fill('7');
    await tax.getByRole('button', { name: 'Add tax or fee' }).click();
    await tax.getByText('This property already has a tax or fee with this name.').waitFor();
    await expect(tax.getByLabel('Name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'tax refused by the database');
    const taxes = await web.stack.admin`
      select name, basis::text, rate_bps, amount_minor, inclusive, applies_to::text[] as applies_to
      from public.property_taxes where property_id = ${hotel} order by name`;
    expect(taxes, 'the taxes as saved').toEqual([
      {
        name: 'City tax',
        basis: 'per_unit',
        rate_bps: null,
        amount_minor: '250',
        inclusive: false,
        applies_to: ['room'],
      },
      {
        name: 'VAT',
        basis: 'percentage',
        rate_bps: 600,
        amount_minor: null,
        inclusive: false,
        applies_to: ['room', 'table', 'space'],
      },
    ]);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'taxes');

    // The price check: Thursday (date price) to Sunday, three guests (one extra).
    await page.goto(rates);
    const check = page.getByRole('form', { name: 'Check the price of a stay' });
    await check.getByLabel('Arrival').fill(thursday);
    await check.getByLabel('Departure').fill(addDays(thursday, 3));
    await check.getByLabel('Guests').fill('3');
    await check.getByRole('button', { name: 'Check price' }).click();
    const total = page.getByTestId('quote-total');
    await total.waitFor();
    // The same search as the manager, through supabase-js.
    const client = web.stack.client(web.stack.keys.publishable_key);
    await client.auth.signInWithPassword({ email: manager.email, password: manager.password });
    const { data: offers, error } = await client.rpc('search_availability', {
      p_property_id: hotel,
      p_arrival: thursday,
      p_departure: addDays(thursday, 3),
      p_party_size: 3,
    });
    expect(error).toBeNull();
    const offer = (offers as { rate_plan_id: string; total_minor: number }[]).find(
      (row) => row.rate_plan_id === planId,
    );
    // (200 + 120 + 130) + 3 × 15 extra = 495.00; VAT 6 % per night 12.90 + 8.10 + 8.70; city tax 3 × 2.50.
    expect(Number(offer?.total_minor), 'the database’s total').toBe(53220);
    await expect(total.textContent()).resolves.toBe(formatMoney(53220, 'EUR', 'en'));
    await page.getByRole('rowheader', { name: 'VAT · 6%' }).waitFor();
    await page.getByRole('rowheader', { name: /Thu, .* Date price/ }).waitFor();
    await page.getByRole('rowheader', { name: /Fri, .* Weekday price/ }).waitFor();
    await page.getByRole('rowheader', { name: 'City tax · €2.50 × 3' }).waitFor();
    await expectAccessible(page, 'price check');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'rates-price-check');

    // A stay shorter than the plan's shortest: nothing is offered, and the page says why.
    await check.getByLabel('Departure').fill(addDays(thursday, 1));
    await check.getByRole('button', { name: 'Check price' }).click();
    await page.getByText('A guest is offered nothing for Double room', { exact: false }).waitFor();

    // Removing the date price asks first.
    await page.getByRole('link', { name: /Remove the price for/ }).click();
    await page.getByRole('heading', { name: /Remove the Flexible price for/ }).waitFor();
    await expectAccessible(page, 'remove date price confirmation');
    await page.getByRole('button', { name: 'Remove date price' }).click();
    await page.getByText('Date price removed.').waitFor();
    const left = await web.stack
      .admin`select 1 from public.rate_overrides where rate_plan_id = ${planId} and dates is not null`;
    expect(left.length, 'the date price removed').toBe(0);

    // Deactivated plans stay listed, marked.
    await page.getByRole('button', { name: 'Deactivate Flexible' }).click();
    await page.getByText('Rate plan updated.').waitFor();
    await page.getByRole('button', { name: 'Reactivate Flexible' }).waitFor();
    const [inactive] = await web.stack.admin<
      { active: boolean }[]
    >`select active from public.rate_plans where id = ${planId}`;
    expect(inactive?.active).toBe(false);

    // Removing a fee asks first too.
    await page.goto(`${web.url}/o/${org.slug}/properties/${hotel}/taxes`);
    await page.getByRole('link', { name: 'Remove City tax' }).click();
    await page.getByRole('heading', { name: 'Remove City tax?' }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'taxes-remove');
    await page.getByRole('button', { name: 'Remove City tax' }).click();
    await page.getByText('Tax or fee removed.').waitFor();
    const remaining = await web.stack.admin`select name from public.property_taxes where property_id = ${hotel}`;
    expect(remaining.map((row) => row.name)).toEqual(['VAT']);
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  it('pages upcoming date prices, soonest first', async () => {
    const [plan] = await web.stack.admin<{ id: string }[]>`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, currency, name, base_price_minor)
      values (${orgId}, ${hotel}, ${roomType}, 'EUR', 'Seasonal', 8000) returning id`;
    // 25 upcoming single dates and one in the past, which is not listed.
    await web.stack.admin`
      insert into public.rate_overrides (organization_id, property_id, rate_plan_id, dates, price_minor)
      select ${orgId}::uuid, ${hotel}::uuid, ${plan?.id ?? ''}::uuid, daterange(current_date + 40 + n, current_date + 41 + n), 9000 + n
      from generate_series(0, 24) n
      union all
      select ${orgId}::uuid, ${hotel}::uuid, ${plan?.id ?? ''}::uuid, daterange(current_date - 10, current_date - 8), 1`;
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, manager, `/o/${org.slug}/properties/${hotel}/rates`);
    const dates = page.getByRole('table', { name: 'Upcoming date prices' });
    await dates.waitFor();
    await expect(dates.getByRole('row').count(), 'a header and 20 rows').resolves.toBe(21);
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('link', { name: 'Later →' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await expect(dates.getByRole('row').count(), 'a header and the other 5').resolves.toBe(6);
    await expect(dates.getByRole('cell', { name: formatMoney(9024, 'EUR', 'en') }).count()).resolves.toBe(1);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to staff on both pages and on forged posts', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, staff, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).waitFor();
    for (const section of ['rates', 'taxes']) {
      const response = await page.goto(`${web.url}/o/${org.slug}/properties/${hotel}/${section}`);
      expect(response?.status(), `${section} page for staff`).toBe(403);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    }
    await expectAccessible(page, '403 on taxes');
    const before = await web.stack.admin`
      select (select count(*) from public.rate_plans where property_id = ${hotel}) as plans,
        (select count(*) from public.property_taxes where property_id = ${hotel}) as taxes`;
    const forged: { section: string; form: Record<string, string> }[] = [
      {
        section: 'rates',
        form: {
          intent: 'add-plan',
          name: 'Hijack',
          resource_type_id: roomType,
          base_price: '1',
          min_stay: '1',
          included_guests: '2',
        },
      },
      {
        section: 'taxes',
        form: {
          intent: 'add-tax',
          name: 'Hijack',
          basis: 'percentage',
          rate: '50',
          amount: '',
          inclusive: 'false',
          applies_room: 'on',
        },
      },
    ];
    for (const { section, form } of forged) {
      const post = await page.request.post(`${web.url}/o/${org.slug}/properties/${hotel}/${section}`, {
        form,
        headers: { Origin: web.url },
      });
      expect(post.status(), `the ${section} action refuses too`).toBe(403);
    }
    const after = await web.stack.admin`
      select (select count(*) from public.rate_plans where property_id = ${hotel}) as plans,
        (select count(*) from public.property_taxes where property_id = ${hotel}) as taxes`;
    expect(after, 'nothing written').toEqual(before);
    await watched.context.close();
  });
});
