// Widget keys in the portal (decision 034), in Chromium against a throwaway stack: an admin
// creates a key for the hotel (bad origins refused on the field, in the browser and by the
// database's check), sees its snippet, edits its websites, revokes it after a confirmation; a
// manager gets 403 on the page and on a forged post. Axe on the page, screenshots at both sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, openPage, screenshots, TABLET } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('widget keys in the portal', () => {
  let admin: SeededUser;
  let manager: SeededUser;
  let organizationId: string;
  const org = { slug: `wkeys-${Date.now().toString(36)}`, name: 'Harbour Hotels' };

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    organizationId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: manager, role: 'manager' },
    ]);
    await web.stack.admin`
      insert into public.properties (organization_id, name, kind)
      values (${organizationId}, 'Harbour View Hotel', 'hotel'), (${organizationId}, 'Harbour Kitchen', 'restaurant')`;
  });

  it('lets an admin create a key, copy its snippet, change its websites and revoke it', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Widget keys' }).click();
    await page.getByRole('heading', { name: 'Widget keys', level: 1 }).waitFor();
    await page.getByText('No widget keys yet.').waitFor();
    await expectAccessible(page, 'widget keys empty');

    // Checked in the browser first: a path is not an origin.
    await page.getByLabel('Property').selectOption({ label: 'Harbour View Hotel' });
    await page.getByLabel('Label').fill('Main website');
    await page.getByLabel('Websites allowed to embed it').fill('https://harbour.example/book');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Each line is an origin such as https://www.example.com (no path).').waitFor();

    await page.getByLabel('Websites allowed to embed it').fill('https://harbour.example\nhttp://localhost:8080/');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Key created. Copy its snippet into your website.').waitFor();
    const [row] = await web.stack.admin<{ key: string; allowed_origins: string[] }[]>`
      select key, allowed_origins from public.widget_keys where organization_id = ${organizationId}`;
    expect(row?.allowed_origins).toEqual(['https://harbour.example', 'http://localhost:8080']);
    const snippet = await page.getByRole('textbox', { name: 'Embed snippet' }).inputValue();
    expect(snippet).toContain(`<roost-booking key="${row?.key}" widget="stay"></roost-booking>`);
    expect(snippet).toContain(`src="${web.url}/embed.js"`);
    await expectAccessible(page, 'widget keys with a key');
    await screenshots(page, 'widget-keys');
    await page.setViewportSize(DESKTOP);

    // Edited after a reload: the websites kept, one added; a wildcard refused on the field.
    await page.reload();
    const websites = page
      .getByRole('form', { name: 'Websites of Main website' })
      .getByLabel('Websites allowed to embed it');
    await expect(websites.inputValue()).resolves.toBe('https://harbour.example\nhttp://localhost:8080');
    await websites.fill('https://*.harbour.example');
    await page.getByRole('button', { name: 'Save websites' }).click();
    await page.getByText('Each line is an origin such as https://www.example.com (no path).').first().waitFor();
    await websites.fill('https://harbour.example\nhttps://www.harbour.example');
    await page.getByRole('button', { name: 'Save websites' }).click();
    await page.getByText('Websites saved.').waitFor();
    const [edited] = await web.stack.admin<{ allowed_origins: string[] }[]>`
      select allowed_origins from public.widget_keys where organization_id = ${organizationId}`;
    expect(edited?.allowed_origins).toEqual(['https://harbour.example', 'https://www.harbour.example']);

    // Revoking asks first; dismissing keeps the key.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Revoke key: Main website' }).click();
    await page.getByText('Active', { exact: true }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke key: Main website' }).click();
    await page.getByText('Key revoked: widgets using it no longer load.').waitFor();
    const [revoked] = await web.stack.admin<{ revoked: boolean }[]>`
      select revoked_at is not null as revoked from public.widget_keys where organization_id = ${organizationId}`;
    expect(revoked?.revoked).toBe(true);
    await expect(
      page.getByRole('textbox', { name: 'Embed snippet' }).count(),
      'no snippet for a revoked key',
    ).resolves.toBe(0);
    await expectAccessible(page, 'widget keys revoked');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to a manager on the page and on a forged post', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, manager, `/o/${org.slug}`);
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Widget keys' }).count(),
      'no nav entry below admin',
    ).resolves.toBe(0);
    const shown = await page.goto(`${web.url}/o/${org.slug}/widget-keys`);
    expect(shown?.status()).toBe(403);
    const [property] = await web.stack.admin<{ id: string }[]>`
      select id from public.properties where organization_id = ${organizationId} limit 1`;
    const post = await page.request.post(`${web.url}/o/${org.slug}/widget-keys`, {
      form: {
        intent: 'create',
        property_id: property?.id ?? '',
        label: 'Sneaky',
        allowed_origins: 'https://evil.example',
      },
      headers: { Origin: web.url },
    });
    expect(post.status(), 'the action refuses too').toBe(403);
    const [count] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.widget_keys where label = 'Sneaky'`;
    expect(count?.n).toBe(0);
    await watched.context.close();
  });
});
