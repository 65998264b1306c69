// The portal's foundation in Chromium against a throwaway stack: sign up, confirm by the link in
// the local mailbox, sign in, pick an organization, edit its settings as an admin (database
// refusals shown on the fields), a viewer refused the admin pages with 403, sign out. Every page
// built so far passes axe's WCAG A/AA rules with nothing serious or critical, and is
// photographed at tablet and desktop sizes (.roost/screenshots/).
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots, TABLET, type WatchedPage } from './support/browser.ts';
import { expectAccessible, expectNoProblems } from './support/session.ts';
import { createOrganization, createUser, mailLink, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

async function signIn(watched: WatchedPage, user: { email: string; password: string }, path = '/sign-in') {
  const { page } = watched;
  await page.goto(`${web.url}${path}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('web portal', () => {
  let admin: SeededUser;
  let viewer: SeededUser;
  const harbour = { slug: `harbour-${Date.now().toString(36)}`, name: 'Harbour Hotels' };
  const alpine = { slug: `alpine-${Date.now().toString(36)}`, name: 'Alpine Lodge Co' };

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olivia Owner');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    viewer = await createUser(web.stack, 'viewer', 'Vera Viewer');
    const manager = await createUser(web.stack, 'manager', 'Maria Manager');
    await createOrganization(web.stack, harbour, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: manager, role: 'manager' },
      { user: viewer, role: 'viewer' },
    ]);
    await createOrganization(web.stack, alpine, [
      { user: manager, role: 'owner' },
      { user: admin, role: 'viewer' },
    ]);
  });

  it('signs up, confirms from the mailbox, signs in and sees the organization picker', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    const email = `new-${Date.now().toString(36)}@e2e.roost.test`;
    const password = 'a-long-enough-password';

    await page.goto(`${web.url}/sign-up`);
    await expectAccessible(page, 'sign up');
    // The same schema checks the form in the browser before anything is sent.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Enter your name.').waitFor();
    await expectAccessible(page, 'sign up with errors');
    await screenshots(page, 'sign-up-errors');

    await page.getByLabel('Your name').fill('Nina New');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    // The link goes through Auth's /verify and back to /auth/confirm with a PKCE code.
    const link = await mailLink(web.stack, email, '/auth/v1/verify');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose an organization' }).waitFor();
    await page.getByText('You are not a member of any organization yet.').waitFor();
    await expectAccessible(page, 'empty picker');

    // Signing out and in again with the password; meanwhile an admin added them to two organizations.
    const [created] = await web.stack.admin<{ id: string }[]>`select id from auth.users where email = ${email}`;
    await web.stack.admin`
      insert into public.memberships (organization_id, user_id, role)
      select id, ${created?.id ?? ''}, 'staff' from public.organizations where slug in (${harbour.slug}, ${alpine.slug})`;
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByText('You are signed out.').waitFor();
    await expectAccessible(page, 'sign in');
    await screenshots(page, 'sign-in');
    await signIn(watched, { email, password });
    await page.getByRole('link', { name: /Alpine Lodge Co/ }).waitFor();
    await expect(page.getByRole('link', { name: /Harbour Hotels/ }).count()).resolves.toBe(1);
    await expectAccessible(page, 'picker');
    await screenshots(page, 'organization-picker');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const watched = await openPage(web.browser);
    await signIn(watched, { email: admin.email, password: 'not-the-password' });
    await watched.page.getByText('The email address or password is not right.').waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('lets an admin edit the organization settings, with database refusals on the fields', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    // A deep link survives the sign-in.
    await page.goto(`${web.url}/o/${harbour.slug}/settings`);
    await page.waitForURL(/\/sign-in\?redirectTo=/);
    await signIn(watched, admin, new URL(page.url()).pathname + new URL(page.url()).search);
    await page.getByRole('heading', { name: 'Organization settings' }).waitFor();
    await expectAccessible(page, 'settings');

    await page.getByLabel('Name').fill('Harbour Hotels & Suites');
    await page.getByLabel('Time zone').selectOption('Europe/Madrid');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const [saved] = await web.stack.admin<{ name: string; time_zone: string; currency: string }[]>`
      select name, time_zone, currency from public.organizations where slug = ${harbour.slug}`;
    expect(saved, 'saved through the Data API as the admin').toEqual({
      name: 'Harbour Hotels & Suites',
      time_zone: 'Europe/Madrid',
      currency: 'GBP',
    });
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Harbour Hotels & Suites');

    // Only the database knows the slug is taken: its unique constraint becomes a field message.
    await page.getByLabel('Address in Roost').fill(alpine.slug);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Another organization already uses this address.').waitFor();
    await expect(page.getByLabel('Address in Roost').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'settings with a database error');
    await screenshots(page, 'settings-error');

    // A malformed value never leaves the browser.
    await page.getByLabel('Address in Roost').fill('Not A Slug');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Use 1 to 48 lower-case letters/).waitFor();

    await page.getByLabel('Address in Roost').fill(harbour.slug);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await screenshots(page, 'settings');

    // The shell: members list (read-only), the overview, the switcher to the other organization.
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('rowheader', { name: 'Olivia Owner' }).waitFor();
    for (const name of ['Adam Admin', 'Maria Manager', 'Vera Viewer']) {
      await expect(page.getByRole('rowheader', { name }).count(), name).resolves.toBe(1);
    }
    await expectAccessible(page, 'members');
    await screenshots(page, 'members');
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Harbour Hotels & Suites' }).waitFor();
    await expectAccessible(page, 'overview');
    await page.getByText('Harbour Hotels & Suites', { exact: true }).first().waitFor();
    await page.locator('.switcher summary').click();
    await page.getByRole('link', { name: 'Alpine Lodge Co' }).click();
    await page.getByRole('heading', { name: 'Alpine Lodge Co' }).waitFor();
    await screenshots(page, 'overview-viewer');
    // A viewer there: no Settings in the navigation.
    const portalNav = page.getByRole('navigation', { name: 'Portal' });
    await portalNav.getByRole('link', { name: 'Overview' }).waitFor();
    for (const section of ['Members', 'Settings', 'Audit log']) {
      await expect(portalNav.getByRole('link', { name: section }).count(), section).resolves.toBe(0);
    }

    // Sign out everywhere: the refresh token this context still holds is dead too.
    await page.getByText(admin.email).first().click();
    await page.getByRole('button', { name: 'Sign out on all devices' }).click();
    await page.getByText('You are signed out on every device.').waitFor();
    const [sessions] = await web.stack.admin<{ count: number }[]>`
      select count(*)::int as count from auth.sessions where user_id = ${admin.id}`;
    expect(sessions?.count, 'no session left').toBe(0);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to a viewer who types an admin URL, and 404 for another tenant', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(watched, viewer);
    // One organization: straight into it.
    await page.getByRole('heading', { name: 'Harbour Hotels' }).waitFor();
    const settings = await page.goto(`${web.url}/o/${harbour.slug}/settings`);
    expect(settings?.status(), 'settings for a viewer').toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expect(page.getByLabel('Name').count(), 'no form rendered').resolves.toBe(0);
    await expectAccessible(page, '403 page');
    await screenshots(page, 'forbidden');
    const members = await page.goto(`${web.url}/o/${harbour.slug}/members`);
    expect(members?.status(), 'members for a viewer').toBe(403);
    const other = await page.goto(`${web.url}/o/${alpine.slug}`);
    expect(other?.status(), 'an organization the viewer is not in').toBe(404);
    // The Data API agrees: an update as the viewer changes nothing (RLS), whatever the screens do.
    const response = await page.request.post(`${web.url}/o/${harbour.slug}/settings`, {
      form: { name: 'Hijacked', slug: harbour.slug, time_zone: 'UTC', currency: 'EUR', locale: 'en' },
      headers: { Origin: web.url },
    });
    expect(response.status(), 'the action refuses too').toBe(403);
    const [row] = await web.stack.admin<
      { name: string }[]
    >`select name from public.organizations where slug = ${harbour.slug}`;
    expect(row?.name, 'unchanged').not.toBe('Hijacked');
    await watched.context.close();
  });

  it('sends the security headers and no X-Powered-By', async () => {
    const response = await fetch(`${web.url}/sign-in`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp, 'scripts need the nonce').toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await response.text();
    expect(html, 'inline scripts carry the nonce').toContain(`nonce="${nonce}"`);
    const again = await fetch(`${web.url}/sign-in`);
    expect(again.headers.get('content-security-policy'), 'a new nonce per request').not.toBe(csp);
  });

  it('refuses a cross-site form post (Origin check)', async () => {
    const response = await fetch(`${web.url}/sign-in`, {
      method: 'POST',
      headers: { Origin: 'http://evil.test', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: admin.email, password: admin.password }),
      redirect: 'manual',
    });
    expect(response.status, 'Remix refuses a different Origin').toBeGreaterThanOrEqual(400);
    expect(response.headers.get('set-cookie'), 'no session handed out').toBeNull();
  });
});
