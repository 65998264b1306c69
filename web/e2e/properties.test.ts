// Properties and their resources in Chromium against a throwaway stack: an admin creates a
// property (a duplicate name refused by the database on the field), sets its booking rules, adds
// a room type, two rooms and an out-of-service period; a staff member restricted to one property
// sees only it and no edit links; a viewer gets 403 on a property's page and its form posts.
// Every new page passes axe's WCAG A/AA rules with nothing serious or critical and is
// photographed at tablet and desktop sizes (.roost/screenshots/).
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('properties and resources', () => {
  let admin: SeededUser;
  let staff: SeededUser;
  let viewer: SeededUser;
  const org = { slug: `coast-${Date.now().toString(36)}`, name: 'Coastline Group' };
  const empty = { slug: `fresh-${Date.now().toString(36)}`, name: 'Fresh Start Ltd' };
  let seaside = '';
  let bistro = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Otto Owner');
    admin = await createUser(web.stack, 'admin', 'Ada Admin');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    viewer = await createUser(web.stack, 'viewer', 'Val Viewer');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: staff, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    await createOrganization(web.stack, empty, [{ user: admin, role: 'owner' }]);
    const rows = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind)
      values (${orgId}, 'Seaside Inn', 'hotel'), (${orgId}, 'Old Town Bistro', 'restaurant')
      returning id, name`;
    seaside = rows.find((row) => row.name === 'Seaside Inn')?.id ?? '';
    bistro = rows.find((row) => row.name === 'Old Town Bistro')?.id ?? '';
    // The staff member works in the bistro only.
    await web.stack.admin`
      update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${staff.id}`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${orgId}, ${staff.id}, ${bistro})`;
  });

  // The longest walk of the suite (six saves, two axe runs, photographs): twice the default time.
  it('lets an admin create a property, set its booking rules and add a room type and rooms', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    // An organization without properties: the empty state says what to do.
    await signIn(web.url, watched, admin, `/o/${empty.slug}/properties`);
    await page.getByText('No properties yet.').waitFor();
    await page.getByRole('link', { name: 'Add a property' }).waitFor();
    await expect(page.getByRole('link', { name: 'New property' }).count(), 'one way to add').resolves.toBe(0);
    await expectAccessible(page, 'properties empty state');
    await screenshots(page, 'properties-empty');

    await page.goto(`${web.url}/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Properties' }).click();
    await page.getByRole('heading', { name: 'Properties' }).waitFor();
    await page.getByRole('link', { name: 'Seaside Inn', exact: true }).waitFor();
    await expectAccessible(page, 'properties list');
    await screenshots(page, 'properties');

    await page.getByRole('link', { name: 'New property' }).click();
    await page.getByRole('heading', { name: 'New property' }).waitFor();
    await expect(page.getByLabel('Time zone').inputValue(), 'the organization’s zone first').resolves.toBe(
      'Europe/Lisbon',
    );
    // The schema checks in the browser; only the database knows the name is taken.
    await page.getByRole('button', { name: 'Create property' }).click();
    await page.getByText('Enter the property’s name.').waitFor();
    await page.getByLabel('Property name').fill('Seaside Inn');
    await page.getByRole('button', { name: 'Create property' }).click();
    await page.getByText('Another property of this organization has this name.').waitFor();
    await expect(page.getByLabel('Property name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'new property with a database error');
    await screenshots(page, 'property-new-error');

    await page.getByLabel('Property name').fill('Harbour View Hotel');
    await page.getByLabel('Kind').selectOption('hotel');
    await page.getByLabel('Time zone').selectOption('Europe/London');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByRole('button', { name: 'Create property' }).click();
    await page.getByRole('heading', { name: 'Harbour View Hotel' }).waitFor();
    await page.getByText('Property created.', { exact: false }).waitFor();
    const [created] = await web.stack.admin<{ id: string; time_zone: string; currency: string }[]>`
      select id, time_zone, currency from public.properties where name = 'Harbour View Hotel'`;
    expect(created, 'the property as saved').toMatchObject({ time_zone: 'Europe/London', currency: 'GBP' });
    expect(page.url()).toContain(`/o/${org.slug}/properties/${created?.id}`);
    await expectAccessible(page, 'new property page');

    // Booking rules: a settings row is created on the first save.
    const rules = page.getByRole('form', { name: 'Booking rules' });
    await expect(rules.getByLabel('Check-in from').inputValue(), 'the defaults').resolves.toBe('15:00');
    await rules.getByLabel('Check-in from').fill('14:00');
    await rules.getByLabel('Check-out by').fill('10:30');
    await rules.getByLabel('Hold (minutes)').fill('0');
    await rules.getByRole('button', { name: 'Save booking rules' }).click();
    await rules.getByText(/Enter a whole number of minutes from 1/).waitFor();
    await rules.getByLabel('Hold (minutes)').fill('20');
    await rules.getByLabel('Free cancellation (hours)').fill('24');
    await rules.getByLabel('Later cancellations cost').selectOption('percentage');
    await rules.getByLabel('Fee (%)').fill('50');
    await rules.getByRole('button', { name: 'Save booking rules' }).click();
    await page.getByText('Booking rules saved.').waitFor();
    const [settings] = await web.stack.admin`
      select check_in_time::text, check_out_time::text, hold_minutes, free_cancellation_hours,
        cancellation_fee_kind::text, cancellation_fee_bps
      from public.property_settings where property_id = ${created?.id ?? ''}`;
    expect(settings, 'the rules as saved').toEqual({
      check_in_time: '14:00:00',
      check_out_time: '10:30:00',
      hold_minutes: 20,
      free_cancellation_hours: 24,
      cancellation_fee_kind: 'percentage',
      cancellation_fee_bps: 5000,
    });
    await expect(page.getByLabel('Fee (%)').inputValue(), 'shown again after saving').resolves.toBe('50');

    // A room type, then two rooms of it.
    const addType = page.getByRole('form', { name: 'Add a resource type' });
    await addType.getByLabel('Type name').fill('Double room');
    await addType.getByLabel('Kind').selectOption('room');
    await addType.getByLabel('Priced').selectOption('night');
    await addType.getByLabel('Description (optional)').fill('Sea view, one double bed');
    await addType.getByRole('button', { name: 'Add type' }).click();
    await page.getByText('Resource type added.').waitFor();
    await page.getByRole('cell', { name: /Double room/ }).waitFor();

    const addRoom = page.getByRole('form', { name: 'Add a resource', exact: true });
    for (const [name, most] of [
      ['101', '2'],
      ['102', '3'],
    ] as const) {
      await addRoom.getByLabel('Resource name').fill(name);
      await addRoom.getByLabel('Type').selectOption({ label: 'Double room' });
      await addRoom.getByLabel('Most guests').fill(most);
      await addRoom.getByRole('button', { name: 'Add resource' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    // The database refuses a second 101 of this property, on the name field.
    await addRoom.getByLabel('Resource name').fill('101');
    await addRoom.getByRole('button', { name: 'Add resource' }).click();
    await page.getByText('This property already has a resource with this name.').waitFor();
    await expect(addRoom.getByLabel('Resource name').getAttribute('aria-invalid')).resolves.toBe('true');

    // Room 102 out of service for a summer day, entered in the property's zone (London, UTC+1).
    const outOfService = page.getByRole('form', { name: 'Take a resource out of service' });
    await outOfService.getByLabel('Resource').selectOption({ label: '102' });
    await outOfService.getByLabel('From').fill('2099-07-10T10:00');
    await outOfService.getByLabel('Until').fill('2099-07-11T12:00');
    await outOfService.getByLabel('Reason (optional)').fill('New carpet');
    await outOfService.getByRole('button', { name: 'Take out of service' }).click();
    await page.getByText('Out-of-service period added.').waitFor();
    await page.getByText('New carpet').waitFor();

    const resources = await web.stack.admin<{ name: string; max_guests: number }[]>`
      select name, max_guests from public.resources where property_id = ${created?.id ?? ''} order by name`;
    expect(resources, 'two rooms').toEqual([
      { name: '101', max_guests: 2 },
      { name: '102', max_guests: 3 },
    ]);
    const [period] = await web.stack.admin<{ starts: string; ends: string }[]>`
      select to_char(lower(period) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as starts,
        to_char(upper(period) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as ends
      from public.resource_out_of_service where property_id = ${created?.id ?? ''}`;
    expect(period, 'London summer time is UTC+1').toEqual({ starts: '2099-07-10T09:00', ends: '2099-07-11T11:00' });

    await expectAccessible(page, 'property page');
    // Saving keeps the scroll position; the photographs start at the top.
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'property');
    await page.getByRole('form', { name: 'Booking rules' }).getByLabel('Check-in from').focus();
    await screenshots(page, 'property-focus');

    // The list shows the new property with its zone and currency.
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Properties' }).click();
    const row = page.getByRole('row', { name: /Harbour View Hotel/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('GBP');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  it('shows a staff member restricted to one property only that property, read-only', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, staff, `/o/${org.slug}/properties`);
    await page.getByRole('heading', { name: 'Properties' }).waitFor();
    await page.getByRole('cell', { name: 'Old Town Bistro', exact: true }).waitFor();
    await expect(
      page.getByRole('cell', { name: 'Seaside Inn', exact: true }).count(),
      'not their property',
    ).resolves.toBe(0);
    await expect(page.getByRole('row').count(), 'header and one property').resolves.toBe(2);
    await expect(
      page.getByRole('link', { name: 'Old Town Bistro', exact: true }).count(),
      'no edit link',
    ).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'New property' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'properties for restricted staff');
    await screenshots(page, 'properties-staff');
    const own = await page.goto(`${web.url}/o/${org.slug}/properties/${bistro}`);
    expect(own?.status(), 'staff cannot edit even their property').toBe(403);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to a viewer on a property page, its form posts and the new-property page', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, viewer, `/o/${org.slug}/properties`);
    await page.getByRole('cell', { name: 'Seaside Inn', exact: true }).waitFor();
    const edit = await page.goto(`${web.url}/o/${org.slug}/properties/${seaside}`);
    expect(edit?.status(), 'property page for a viewer').toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expect(page.getByLabel('Property name').count(), 'no form rendered').resolves.toBe(0);
    await expectAccessible(page, '403 on a property');
    const created = await page.goto(`${web.url}/o/${org.slug}/properties/new`);
    expect(created?.status(), 'new property for a viewer').toBe(403);
    const post = await page.request.post(`${web.url}/o/${org.slug}/properties/${seaside}`, {
      form: { intent: 'property', name: 'Hijacked', kind: 'hotel', time_zone: 'UTC', currency: 'EUR' },
      headers: { Origin: web.url },
    });
    expect(post.status(), 'the action refuses too').toBe(403);
    const [row] = await web.stack.admin<{ name: string }[]>`select name from public.properties where id = ${seaside}`;
    expect(row?.name, 'unchanged').toBe('Seaside Inn');
    await watched.context.close();
  });

  it('pages a long list of properties and finds one by a name with wildcard characters', async () => {
    const [row] = await web.stack.admin<
      { id: string }[]
    >`select id from public.organizations where slug = ${empty.slug}`;
    await web.stack.admin`
      insert into public.properties (organization_id, name, kind)
      select ${row?.id ?? ''}::uuid, format('Lodge %s', lpad(n::text, 2, '0')), 'hotel' from generate_series(1, 30) as n`;
    await web.stack.admin`
      insert into public.properties (organization_id, name, kind) values (${row?.id ?? ''}, '100% Rooftop_Bar', 'restaurant')`;
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, admin, `/o/${empty.slug}/properties`);
    await page.getByText('31 properties of Fresh Start Ltd.').waitFor();
    await page.getByText('Page 1 of 2').waitFor();
    await expect(page.getByRole('row').count(), '25 rows and the header').resolves.toBe(26);
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await expect(page.getByRole('row').count(), 'the last 6 and the header').resolves.toBe(7);
    // % and _ are taken literally: "0%" matches only the rooftop bar, not every name with a 0.
    await page.getByLabel('Name contains').fill('0% R');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('1 property matches “0% R”.').waitFor();
    await page.getByRole('link', { name: '100% Rooftop_Bar', exact: true }).waitFor();
    await page.getByLabel('Name contains').fill('p_B');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('1 property matches “p_B”.').waitFor();
    await page.getByLabel('Name contains').fill('nothing like this');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('No property on this page matches.').waitFor();
    await expectAccessible(page, 'properties search');
    await screenshots(page, 'properties-search');
    expectNoProblems(watched);
    await watched.context.close();
  });
});
