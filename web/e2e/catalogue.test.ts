// The catalogue in Chromium against a throwaway stack: a manager over every property builds a
// menu (categories, an item with a photo, a modifier group with options offered with the item, a
// price override and an out-of-stock count at one property, stations and routing), with database
// refusals shown on their fields; a manager restricted to one property sets only that property's
// rows and is refused the rest without a server error; a staff member gets 403 on every page and
// forged post; a long menu pages. Every page passes axe's WCAG A/AA rules with nothing serious or
// critical and is photographed at tablet and desktop sizes (.roost/screenshots/).
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

/** A small PNG (a warm gradient), so the photo is a real image the bucket and Chromium accept. */
function gradientPng(size = 96): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: number[] = [];
  for (let y = 0; y < size; y += 1) {
    rows.push(0);
    for (let x = 0; x < size; x += 1) rows.push(200 + (x % 56), 120 + ((x + y) % 100), 60 + (y % 80));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('catalogue', () => {
  let manager: SeededUser;
  let restricted: SeededUser;
  let staff: SeededUser;
  const stamp = Date.now().toString(36);
  const org = { slug: `menu-${stamp}`, name: 'Harbour Kitchens' };
  const big = { slug: `long-${stamp}`, name: 'Long Menu Ltd' };
  let orgId = '';
  let seaside = '';
  let bistro = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Otto Owner');
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    restricted = await createUser(web.stack, 'restricted', 'Rita Restricted');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: restricted, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
    const rows = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind)
      values (${orgId}, 'Seaside Inn', 'hotel'), (${orgId}, 'Old Town Bistro', 'restaurant')
      returning id, name`;
    seaside = rows.find((row) => row.name === 'Seaside Inn')?.id ?? '';
    bistro = rows.find((row) => row.name === 'Old Town Bistro')?.id ?? '';
    // Rita manages the bistro only.
    await web.stack.admin`
      update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${restricted.id}`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${orgId}, ${restricted.id}, ${bistro})`;
    // A long menu elsewhere, for the pages.
    const bigId = await createOrganization(web.stack, big, [{ user: manager, role: 'owner' }]);
    await web.stack.admin`
      with category as (
        insert into public.catalogue_categories (organization_id, name) values (${bigId}, 'Wines') returning id
      )
      insert into public.catalogue_items (organization_id, category_id, name, price_minor, currency)
      select ${bigId}, category.id, 'Wine no. ' || lpad(n::text, 2, '0'), 900 + n * 50, 'EUR'
      from category, generate_series(1, 30) n`;
  });

  it('lets a manager build a menu: categories, an item with a photo, modifiers, availability, stations', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    const base = `/o/${org.slug}/catalogue`;
    await signIn(web.url, watched, manager, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { name: 'Catalogue', exact: true }).waitFor();
    await page.getByText('No categories yet.').waitFor();
    await expectAccessible(page, 'catalogue empty state');
    await screenshots(page, 'catalogue-empty');

    // Categories: two added, a duplicate refused by the database on the name field, one moved up.
    const addCategory = page.getByRole('form', { name: 'Add a category' });
    await addCategory.getByRole('button', { name: 'Add category' }).click();
    await addCategory.getByText('Enter the category’s name.').waitFor();
    for (const name of ['Starters', 'Drinks']) {
      await addCategory.getByLabel('Category name').fill(name);
      await addCategory.getByRole('button', { name: 'Add category' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await addCategory.getByLabel('Category name').fill('Starters');
    await addCategory.getByRole('button', { name: 'Add category' }).click();
    await addCategory.getByText('Another category has this name.').waitFor();
    await expect(addCategory.getByLabel('Category name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'catalogue with a database refusal');
    await screenshots(page, 'catalogue-category-error');
    await page.getByRole('button', { name: 'Move Drinks up' }).click();
    await page.getByText('Order saved.').waitFor();
    const order = await web.stack.admin<{ name: string }[]>`
      select name from public.catalogue_categories where organization_id = ${orgId} order by sort_order, name`;
    expect(
      order.map((row) => row.name),
      'Drinks moved above Starters',
    ).toEqual(['Drinks', 'Starters']);

    // An item, added from the overview, opens on its own page.
    const addItem = page.getByRole('form', { name: 'Add an item' });
    await addItem.getByLabel('Item name').fill('Caesar salad');
    await addItem.getByLabel('Category').selectOption({ label: 'Starters' });
    await addItem.getByLabel('Price (EUR)').fill('12.5.0');
    await addItem.getByRole('button', { name: 'Add item' }).click();
    await addItem.getByText('Enter a price such as 12.50.').waitFor();
    await addItem.getByLabel('Price (EUR)').fill('12.50');
    await addItem.getByRole('button', { name: 'Add item' }).click();
    await page.getByRole('heading', { name: 'Caesar salad' }).waitFor();
    await page.getByText('Item added.', { exact: false }).waitFor();
    const [item] = await web.stack.admin<{ id: string; price_minor: string; currency: string }[]>`
      select id, price_minor, currency from public.catalogue_items where organization_id = ${orgId}`;
    expect(item, 'the item as saved').toMatchObject({ price_minor: '1250', currency: 'EUR' });
    const itemId = item?.id ?? '';

    // Its fields: description, tax rate, still active.
    const fields = page.getByRole('form', { name: 'Item', exact: true });
    await fields.getByLabel('Description (optional)').fill('Romaine, parmesan, croutons');
    await fields.getByLabel('Tax rate (%)').fill('13');
    await fields.getByRole('button', { name: 'Save item' }).click();
    await page.getByText('Item saved.').waitFor();

    // The photo: a wrong type is refused before sending; a PNG is stored under the item's folder.
    const photoForm = page.getByRole('form', { name: 'Photo' });
    await photoForm
      .getByLabel('Choose a photo')
      .setInputFiles({ name: 'menu.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await photoForm.getByRole('button', { name: 'Upload photo' }).click();
    await photoForm.getByText('Use a JPEG, PNG or WebP image.').waitFor();
    await photoForm
      .getByLabel('Choose a photo')
      .setInputFiles({ name: 'salad.png', mimeType: 'image/png', buffer: gradientPng() });
    await photoForm.getByRole('button', { name: 'Upload photo' }).click();
    await page.getByText('Photo saved.').waitFor();
    const photo = page.getByRole('img', { name: 'Caesar salad' });
    await photo.waitFor();
    await expect
      .poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(96);
    const [saved] = await web.stack.admin<
      { description: string; tax_rate_bp: number; active: boolean; photo_path: string; stored: number }[]
    >`
      select i.description, i.tax_rate_bp, i.active, i.photo_path,
        (select count(*)::int from storage.objects o where o.bucket_id = 'org-assets' and o.name = i.photo_path) as stored
      from public.catalogue_items i where i.id = ${itemId}`;
    expect(saved, 'the item with its photo').toMatchObject({
      description: 'Romaine, parmesan, croutons',
      tax_rate_bp: 1300,
      active: true,
      stored: 1,
    });
    expect(saved?.photo_path.startsWith(`${orgId}/items/${itemId}/`), 'in the item’s folder').toBe(true);

    // A modifier group with options; the database refuses a required group with nothing to pick.
    await page
      .getByRole('navigation', { name: 'Catalogue sections' })
      .getByRole('link', { name: 'Modifier groups' })
      .click();
    await page.getByRole('heading', { name: 'Modifier groups', level: 1 }).waitFor();
    await page.getByText('No modifier groups yet.').waitFor();
    const addGroup = page.getByRole('form', { name: 'Add a modifier group' });
    await addGroup.getByLabel('Group name').fill('Dressing');
    await addGroup.getByLabel('Required').check();
    await addGroup.getByRole('button', { name: 'Add group' }).click();
    await addGroup.getByText('A required group needs at least 1 option picked.').waitFor();
    await expect(addGroup.getByLabel('Fewest to pick').getAttribute('aria-invalid')).resolves.toBe('true');
    await addGroup.getByLabel('Fewest to pick').fill('1');
    await addGroup.getByRole('button', { name: 'Add group' }).click();
    await page.getByText('Modifier group added.', { exact: false }).waitFor();
    const addOption = page.getByRole('form', { name: 'Add an option to Dressing' });
    for (const [name, delta] of [
      ['Classic', ''],
      ['Vegan', '1.00'],
      ['No dressing', '-0.50'],
    ] as const) {
      await addOption.getByLabel('Option name').fill(name);
      await addOption.getByLabel('Price change (EUR)').fill(delta);
      await addOption.getByRole('button', { name: 'Add option' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await page.getByRole('cell', { name: '+€1.00' }).waitFor();
    await page.getByRole('cell', { name: '-€0.50' }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await expectAccessible(page, 'modifier groups');
    await screenshots(page, 'catalogue-modifiers');
    const options = await web.stack.admin<{ name: string; price_delta_minor: string }[]>`
      select o.name, o.price_delta_minor from public.modifier_options o
      join public.modifier_groups g on g.id = o.group_id
      where g.organization_id = ${orgId} and g.name = 'Dressing' and g.required and g.min_choices = 1
      order by o.sort_order`;
    expect(options, 'the options in order').toEqual([
      { name: 'Classic', price_delta_minor: '0' },
      { name: 'Vegan', price_delta_minor: '100' },
      { name: 'No dressing', price_delta_minor: '-50' },
    ]);

    // Offered with the item; then sold at both properties, the inn at its own price and out of stock.
    await page.goto(`${web.url}${base}/items/${itemId}`);
    const attach = page.getByRole('form', { name: 'Add a modifier group' });
    await attach.getByLabel('Modifier group').selectOption({ label: 'Dressing' });
    await attach.getByRole('button', { name: 'Add to item' }).click();
    await page.getByText('Modifier group added to the item.').waitFor();
    await page.getByRole('cell', { name: 'Required: pick 1 option' }).waitFor();

    const inn = page.getByRole('form', { name: 'Seaside Inn' });
    await inn.getByLabel('Sold at Seaside Inn').check();
    await inn.getByLabel('Price here (EUR)').fill('14');
    await inn.getByLabel('In stock').fill('-3');
    await inn.getByRole('button', { name: 'Save for Seaside Inn' }).click();
    await inn.getByText('Enter a whole number of items, or leave it blank.').waitFor();
    await inn.getByLabel('In stock').fill('0');
    await inn.getByRole('button', { name: 'Save for Seaside Inn' }).click();
    await page.getByText('Saved for Seaside Inn.').waitFor();
    await page.getByRole('form', { name: 'Seaside Inn' }).getByText('Out of stock', { exact: true }).waitFor();
    const bistroForm = page.getByRole('form', { name: 'Old Town Bistro' });
    await bistroForm.getByLabel('Sold at Old Town Bistro').check();
    await bistroForm.getByRole('button', { name: 'Save for Old Town Bistro' }).click();
    await page.getByText('Saved for Old Town Bistro.').waitFor();
    await page.getByRole('form', { name: 'Old Town Bistro' }).getByText('Sold at €12.50').waitFor();
    const availability = await web.stack.admin<
      { property_id: string; price_override_minor: string | null; stock_count: number | null }[]
    >`
      select property_id, price_override_minor, stock_count from public.item_availability
      where item_id = ${itemId} order by price_override_minor nulls last`;
    expect(availability, 'the inn overrides the price and is out of stock; the bistro sells at the menu price').toEqual(
      [
        { property_id: seaside, price_override_minor: '1400', stock_count: 0 },
        { property_id: bistro, price_override_minor: null, stock_count: null },
      ],
    );
    await page.reload();
    await expect(
      page.getByRole('form', { name: 'Seaside Inn' }).getByLabel('Price here (EUR)').inputValue(),
      'shown again after a reload',
    ).resolves.toBe('14.00');
    await page.evaluate('window.scrollTo(0, 0)');
    await expectAccessible(page, 'item page');
    await screenshots(page, 'catalogue-item');

    // Stations at the inn, a duplicate refused, and routing of both categories.
    await page
      .getByRole('navigation', { name: 'Catalogue sections' })
      .getByRole('link', { name: 'Stations and routing' })
      .click();
    await page.getByRole('heading', { name: 'Stations and routing' }).waitFor();
    await page.getByRole('navigation', { name: 'Properties' }).getByRole('link', { name: 'Seaside Inn' }).click();
    await page.getByRole('heading', { name: 'Stations at Seaside Inn' }).waitFor();
    await page.getByText('Add a station above first', { exact: false }).waitFor();
    const addStation = page.getByRole('form', { name: 'Add a station' });
    for (const [name, kind] of [
      ['Hot kitchen', 'kitchen'],
      ['Main bar', 'bar'],
    ] as const) {
      await addStation.getByLabel('Station name').fill(name);
      await addStation.getByLabel('Kind').selectOption(kind);
      await addStation.getByRole('button', { name: 'Add station' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await addStation.getByLabel('Station name').fill('Main bar');
    await addStation.getByRole('button', { name: 'Add station' }).click();
    await addStation.getByText('This property already has a station with this name.').waitFor();
    await expect(addStation.getByLabel('Station name').getAttribute('aria-invalid')).resolves.toBe('true');
    const routing = page.getByRole('form', { name: 'Routing' });
    await routing.getByLabel('Station for Starters').selectOption({ label: 'Hot kitchen' });
    await routing.getByLabel('Station for Drinks').selectOption({ label: 'Main bar' });
    await routing.getByRole('button', { name: 'Save routing' }).click();
    await page.getByText('Routing saved.').waitFor();
    const routes = await web.stack.admin<{ category: string; station: string }[]>`
      select c.name as category, s.name as station from public.station_routes r
      join public.catalogue_categories c on c.id = r.category_id
      join public.stations s on s.id = r.station_id
      where r.property_id = ${seaside} order by c.name`;
    expect(routes, 'both categories routed at the inn').toEqual([
      { category: 'Drinks', station: 'Main bar' },
      { category: 'Starters', station: 'Hot kitchen' },
    ]);
    // Saving keeps the scroll position; a row under the sticky top bar would read as an overlapped target.
    await page.evaluate('window.scrollTo(0, 0)');
    await expectAccessible(page, 'stations page');
    await screenshots(page, 'catalogue-stations');

    // The overview: the item under its category with its price; search; remove an empty category.
    await page.goto(`${web.url}${base}`);
    await page.getByRole('link', { name: 'Caesar salad' }).waitFor();
    await page.getByRole('row', { name: /Caesar salad.*€12\.50.*Active/ }).waitFor();
    await expectAccessible(page, 'catalogue overview');
    await screenshots(page, 'catalogue');
    const find = page.getByRole('form', { name: 'Find items' });
    await find.getByLabel('Name contains').fill('zzz');
    await find.getByRole('button', { name: 'Find' }).click();
    await page.getByText('No items match “zzz”.', { exact: false }).waitFor();
    await page.getByRole('form', { name: 'Find items' }).getByLabel('Name contains').fill('caesar');
    await page.getByRole('form', { name: 'Find items' }).getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: 'Caesar salad' }).waitFor();
    await page.getByRole('link', { name: 'Remove Starters' }).click();
    await page.getByText('Starters still holds an item.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: 'Remove Drinks' }).click();
    await page.getByRole('heading', { name: 'Remove Drinks?' }).waitFor();
    await expectAccessible(page, 'remove category confirmation');
    await page.getByRole('button', { name: 'Remove Drinks' }).click();
    await page.getByText('Category removed.').waitFor();
    await expect(page.getByRole('cell', { name: 'Drinks', exact: true }).count()).resolves.toBe(0);

    // The photo goes after a confirmation, from the item and from the bucket.
    await page.getByRole('link', { name: 'Caesar salad' }).click();
    await page.getByRole('link', { name: 'Remove the photo…' }).click();
    await page.getByText('Remove the photo of Caesar salad?').waitFor();
    await page.getByRole('button', { name: 'Remove the photo' }).click();
    await page.getByText('Photo removed.').waitFor();
    await page.getByText('No photo yet').waitFor();
    const [gone] = await web.stack.admin<{ photo_path: string | null; stored: number }[]>`
      select photo_path, (select count(*)::int from storage.objects where bucket_id = 'org-assets'
        and name like ${`${orgId}/items/${itemId}/%`}) as stored
      from public.catalogue_items where id = ${itemId}`;
    expect(gone, 'no photo left').toEqual({ photo_path: null, stored: 0 });
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  it('pages a long menu', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, manager, `/o/${big.slug}/catalogue`);
    await page.getByText('30 items.').waitFor();
    await page.getByText('Page 1 of 2').waitFor();
    await page.getByRole('link', { name: 'Wine no. 25' }).waitFor();
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await page.getByRole('link', { name: 'Wine no. 30' }).waitFor();
    await expect(page.getByRole('link', { name: 'Wine no. 01' }).count()).resolves.toBe(0);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('lets a manager restricted to one property set only its rows, and refuses the rest without a 500', async () => {
    const [item] = await web.stack.admin<{ id: string }[]>`
      select id from public.catalogue_items where organization_id = ${orgId} and name = 'Caesar salad'`;
    const itemId = item?.id ?? '';
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, restricted, `/o/${org.slug}/catalogue`);
    await page.getByText('the menu is read-only for you', { exact: false }).waitFor();
    await expect(page.getByRole('form', { name: 'Add a category' }).count(), 'no menu forms').resolves.toBe(0);
    await page.getByRole('link', { name: 'Caesar salad' }).click();
    await page.getByRole('heading', { name: 'Caesar salad' }).waitFor();
    await expect(page.getByRole('form', { name: 'Item', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('form', { name: 'Seaside Inn' }).count(), 'not their property').resolves.toBe(0);
    const own = page.getByRole('form', { name: 'Old Town Bistro' });
    await own.getByLabel('Sold at Old Town Bistro').check();
    await own.getByLabel('In stock').fill('5');
    await own.getByRole('button', { name: 'Save for Old Town Bistro' }).click();
    await page.getByText('Saved for Old Town Bistro.').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await expectAccessible(page, 'item page for a restricted manager');
    await screenshots(page, 'catalogue-item-restricted');
    const [row] = await web.stack.admin<{ stock_count: number }[]>`
      select stock_count from public.item_availability where item_id = ${itemId} and property_id = ${bistro}`;
    expect(row?.stock_count, 'their property’s stock').toBe(5);

    // Forged posts: the menu itself (RLS refuses: a message, not a 500) and the other property.
    const itemUrl = `${web.url}/o/${org.slug}/catalogue/items/${itemId}`;
    const forged = await page.request.post(itemUrl, {
      form: { intent: 'item', name: 'Hijacked', category_id: itemId, price_minor: '1', tax_rate_bp: '0' },
      headers: { Origin: web.url },
    });
    expect(forged.status(), 'the item change is refused as a form error').toBe(400);
    const other = await page.request.post(itemUrl, {
      form: {
        intent: `availability-${seaside}`,
        sold: 'on',
        price_override_minor: '1',
        stock_count: '',
        low_stock_threshold: '0',
      },
      headers: { Origin: web.url },
    });
    expect(other.status(), 'a property they do not work in').toBe(404);
    const category = await page.request.post(`${web.url}/o/${org.slug}/catalogue`, {
      form: { intent: 'category', name: 'Sneaky' },
      headers: { Origin: web.url },
    });
    expect(category.status(), 'adding a category is refused as a form error').toBe(400);
    const [after] = await web.stack.admin<{ name: string; inn: number; sneaky: number }[]>`
      select i.name,
        (select stock_count from public.item_availability where item_id = i.id and property_id = ${seaside}) as inn,
        (select count(*)::int from public.catalogue_categories where name = 'Sneaky') as sneaky
      from public.catalogue_items i where i.id = ${itemId}`;
    expect(after, 'nothing changed').toEqual({ name: 'Caesar salad', inn: 0, sneaky: 0 });

    // Stations: only the bistro; the inn's page is not found.
    await page.goto(`${web.url}/o/${org.slug}/catalogue/stations`);
    await page.getByRole('heading', { name: 'Stations at Old Town Bistro' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Properties' }).count(), 'one property, no picker').resolves.toBe(
      0,
    );
    const addStation = page.getByRole('form', { name: 'Add a station' });
    await addStation.getByLabel('Station name').fill('Pass');
    await addStation.getByRole('button', { name: 'Add station' }).click();
    await page.getByRole('cell', { name: 'Pass', exact: true }).waitFor();
    await expectAccessible(page, 'stations for a restricted manager');
    const inn = await page.goto(`${web.url}/o/${org.slug}/catalogue/stations?property=${seaside}`);
    expect(inn?.status(), 'another property’s stations').toBe(404);
    expectNoProblems(watched);
    await watched.context.close();
  }, 90_000);

  it('answers 403 to staff on every catalogue page and forged post', async () => {
    const [item] = await web.stack.admin<{ id: string }[]>`
      select id from public.catalogue_items where organization_id = ${orgId} and name = 'Caesar salad'`;
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, staff, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).waitFor();
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Catalogue' }).count(),
      'no Catalogue link for staff',
    ).resolves.toBe(0);
    const pages = ['', `/items/${item?.id}`, '/modifiers', '/stations'];
    for (const path of pages) {
      const url = `${web.url}/o/${org.slug}/catalogue${path}`;
      const response = await page.goto(url);
      expect(response?.status(), `GET catalogue${path}`).toBe(403);
      const post = await page.request.post(url, {
        form: { intent: path === '/stations' ? 'station' : 'category', name: 'Hijacked', kind: 'kitchen' },
        headers: { Origin: web.url },
      });
      expect(post.status(), `POST catalogue${path}`).toBe(403);
    }
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expectAccessible(page, '403 on the catalogue');
    const [count] = await web.stack.admin<{ n: number }[]>`
      select (select count(*)::int from public.catalogue_categories where name = 'Hijacked')
        + (select count(*)::int from public.stations where name = 'Hijacked') as n`;
    expect(count?.n, 'nothing written').toBe(0);
    expectNoProblems(watched);
    await watched.context.close();
  });
});
