// Two-step verification in Chromium against a throwaway stack: an owner adds an authenticator
// app from the QR page (codes computed here from the key shown as text), signs out and in again,
// is sent to the code challenge when making a member owner, and the change works only after it;
// the owner requires MFA for admins, and an admin whose session has no second factor is refused
// by the database with a clear message (not a 500) and sent to set up an app for the setting
// itself; the owner uploads a logo that shows in settings and in the top bar. New pages pass axe
// and are photographed at tablet and desktop sizes.
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

/** A 2×2 PNG (red, green, blue, white), enough for the browser to decode and show. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

describe('two-step verification and the admin MFA requirement', () => {
  let owner: SeededUser;
  let admin: SeededUser;
  let manager: SeededUser;
  let staff: SeededUser;
  let organizationId = '';
  const org = { slug: `mfa-${Date.now().toString(36)}`, name: 'Lighthouse Hotels' };
  /** The owner's app, from the key the enrol page shows. */
  let app: TOTP | undefined;

  const roleOf = async (userId: string) => {
    const [row] = await web.stack.admin<{ role: string }[]>`
      select role::text from public.memberships where organization_id = ${organizationId} and user_id = ${userId}`;
    return row?.role;
  };
  /** The code of the 30-second step `ahead` steps from now (Auth accepts one step of drift). */
  const code = (ahead = 0) => {
    if (!app) throw new Error('no app enrolled yet');
    return app.generate({ timestamp: Date.now() + ahead * 30_000 });
  };

  beforeAll(async () => {
    owner = await createUser(web.stack, 'owner', 'Olga Owner');
    admin = await createUser(web.stack, 'admin', 'Arne Admin');
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    organizationId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
  });

  it('enrols an app, challenges after a new sign-in, gates ownership and requires MFA for admins', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, owner, '/account/mfa');
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    await page.getByText('Two-step verification is off').waitFor();
    await expectAccessible(page, 'two-step verification, none yet');
    await screenshots(page, 'mfa-none');

    // Enrol: the QR code renders (an SVG data: URL under the CSP) and the key is shown as text.
    await page.getByLabel('Name of the app or device').fill('Olga’s phone');
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    const qr = page.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    await expect(
      qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBeGreaterThan(0);
    const secret = ((await page.locator('#mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret, 'a base32 key').toMatch(/^[A-Z2-7]{16,}$/);
    app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    await expectAccessible(page, 'scan step');
    await screenshots(page, 'mfa-scan');

    // A wrong code is refused on the field; the QR step stays.
    await page.getByLabel('6-digit code').fill(code() === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.getByText('That code is not right.').waitFor();
    await expect(page.getByLabel('6-digit code').getAttribute('aria-invalid')).resolves.toBe('true');
    await qr.waitFor();

    await page.getByLabel('6-digit code').fill(code());
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.getByText('Two-step verification is on.').waitFor();
    await page.getByRole('rowheader', { name: 'Olga’s phone' }).waitFor();
    await expectAccessible(page, 'two-step verification, one app');
    await screenshots(page, 'mfa-enrolled');

    // A new sign-in is aal1: making a member owner asks for a code first.
    await page.goto(`${web.url}/o/${org.slug}`);
    await page.locator('.account summary').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    await signedIn(web.url, watched, owner, `/o/${org.slug}/members`);
    const promote = async () => {
      await page.getByLabel('Role of Mia Manager', { exact: true }).selectOption('owner');
      await page.getByRole('button', { name: 'Change role of Mia Manager' }).click();
    };
    await promote();
    await page.waitForURL(/\/mfa\/challenge\?redirectTo=/);
    expect(await roleOf(manager.id), 'nothing changed without the code').toBe('manager');
    await page.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
    await expectAccessible(page, 'challenge');
    await screenshots(page, 'mfa-challenge');
    await page.getByLabel('6-digit code').fill('12345');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Enter the 6-digit code your authenticator app shows.').waitFor();
    // The enrol code's step is used up: the next step's code (one step of drift) passes.
    await page.getByLabel('6-digit code').fill(code(1));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(new RegExp(`/o/${org.slug}/members$`));
    await promote();
    await page.getByText('Mia Manager’s role was changed.').waitFor();
    expect(await roleOf(manager.id), 'made owner at aal2').toBe('owner');

    // Require MFA for admins (this session is aal2); the admin without an app is listed.
    await page.goto(`${web.url}/o/${org.slug}/settings`);
    const people = page.getByRole('list').filter({ hasText: 'Arne Admin' });
    await people.waitFor();
    await expect(people.textContent()).resolves.not.toContain('Olga Owner');
    await page.getByLabel('Require two-step verification for owners and admins').check();
    await page.getByRole('button', { name: 'Save requirement' }).click();
    await page.getByText('Admins and owners must now use two-step verification.').waitFor();
    const [setting] = await web.stack.admin<{ require_admin_mfa: boolean }[]>`
      select require_admin_mfa from public.organizations where id = ${organizationId}`;
    expect(setting?.require_admin_mfa, 'saved').toBe(true);

    // The logo: uploaded to org-assets as the owner, shown in settings and in the top bar.
    await page
      .getByLabel('Logo image')
      .setInputFiles({ name: 'logo.txt', mimeType: 'text/plain', buffer: Buffer.from('no') });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await page.getByText('Use a PNG, JPEG or WebP image.').waitFor();
    await page.getByLabel('Logo image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await page.getByText('Logo saved.').waitFor();
    const logo = page.getByRole('img', { name: `Logo of ${org.name}` });
    await expect(logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(2);
    const topbarLogo = page.locator('.topbar .switcher-logo');
    await expect(topbarLogo.getAttribute('src')).resolves.toContain(`/org-assets/${organizationId}/logo/`);
    await expect(topbarLogo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(
      2,
    );
    const [stored] = await web.stack.admin<{ logo_path: string; objects: number }[]>`
      select o.logo_path, (select count(*)::int from storage.objects s where s.bucket_id = 'org-assets' and s.name = o.logo_path) as objects
      from public.organizations o where o.id = ${organizationId}`;
    expect(stored?.objects, 'the stored object').toBe(1);
    await expectAccessible(page, 'settings with logo and MFA requirement');
    await screenshots(page, 'settings-mfa-logo');

    // Removing the app (after a confirmation) drops this session back to aal1: the settings say so.
    await page.goto(`${web.url}/account/mfa`);
    await page.getByRole('link', { name: 'Remove Olga’s phone' }).click();
    await page.getByRole('heading', { name: 'Remove Olga’s phone?' }).waitFor();
    await expectAccessible(page, 'remove confirmation');
    await screenshots(page, 'mfa-remove-confirm');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'Remove Olga’s phone?' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Remove Olga’s phone' }).click();
    await page.getByRole('button', { name: 'Remove Olga’s phone' }).click();
    await page.getByText('The authenticator app was removed.').waitFor();
    await page.getByText('Two-step verification is off').waitFor();
    const factors = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from auth.mfa_factors where user_id = ${owner.id}`;
    expect(factors[0]?.n, 'no factor left').toBe(0);
    await page.goto(`${web.url}/o/${org.slug}/settings`);
    await page.getByText('this session has not confirmed a code yet').waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('shows an admin without a second factor the database’s refusal, and sends them to set up an app', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}/settings`);
    await page.getByText('this session has not confirmed a code yet').waitFor();
    await expectAccessible(page, 'settings for an aal1 admin');
    await screenshots(page, 'settings-mfa-required');

    // The screen lets them try; the database refuses (mfa_required) and the form says why.
    await page.getByLabel('Name', { exact: true }).fill('Renamed Without MFA');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/settings')),
      page.getByRole('button', { name: 'Save settings' }).click(),
    ]);
    expect(response.status(), 'a refusal, not a server error').toBe(400);
    await page.getByText('This organization requires two-step verification').first().waitFor();
    const [row] = await web.stack.admin<
      { name: string }[]
    >`select name from public.organizations where id = ${organizationId}`;
    expect(row?.name, 'unchanged').toBe(org.name);

    // Members: change_member_role refuses too, and the page says why.
    await page.goto(`${web.url}/o/${org.slug}/members`);
    await page.getByLabel('Role of Sam Staff', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Change role of Sam Staff' }).click();
    await page.getByText('This organization requires two-step verification for this').waitFor();
    expect(await roleOf(staff.id), 'unchanged').toBe('staff');

    // The requirement itself needs a second factor: with none, they are sent to add one.
    await page.goto(`${web.url}/o/${org.slug}/settings`);
    await page.getByRole('button', { name: 'Save requirement' }).click();
    await page.waitForURL(/\/account\/mfa\?reason=required/);
    await page.getByText('That change needs two-step verification.').waitFor();
    await expectAccessible(page, 'two-step verification, required');
    await screenshots(page, 'mfa-required');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to staff on the settings page and on forged logo and requirement posts', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    const settings = await page.goto(`${web.url}/o/${org.slug}/settings`);
    expect(settings?.status(), 'the page').toBe(403);
    const requirement = await page.request.post(`${web.url}/o/${org.slug}/settings`, {
      form: { intent: 'mfa' },
      headers: { Origin: web.url },
    });
    expect(requirement.status(), 'a forged requirement change').toBe(403);
    const logo = await page.request.post(`${web.url}/o/${org.slug}/settings`, {
      multipart: { intent: 'logo', logo: { name: 'x.png', mimeType: 'image/png', buffer: TINY_PNG } },
      headers: { Origin: web.url },
    });
    expect(logo.status(), 'a forged logo upload').toBe(403);
    const [row] = await web.stack.admin<{ require_admin_mfa: boolean }[]>`
      select require_admin_mfa from public.organizations where id = ${organizationId}`;
    expect(row?.require_admin_mfa, 'still required').toBe(true);
    await watched.context.close();
  });
});
