// Billing in Chromium against a throwaway stack whose functions talk to the local Stripe stand-in
// (decision 036): an owner sees the free trial, connects a Stripe account through the onboarding
// page, subscribes to Starter through Checkout (the stand-in's signed webhook mirrors the
// subscription before the redirect back), is then refused a second property on the new-property
// form, and cancels in the customer portal. An admin gets 403 on the page and on a forged post.
// axe finds nothing serious; screenshots at tablet and desktop sizes (.roost/screenshots/).
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('billing', () => {
  let owner: SeededUser;
  let admin: SeededUser;
  let orgId = '';
  const org = { slug: `bill-${Date.now().toString(36)}`, name: 'Lighthouse Stays' };

  beforeAll(async () => {
    owner = await createUser(web.stack, 'owner', 'Olga Owner');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
    ]);
    await web.stack
      .admin`insert into public.properties (organization_id, name, kind) values (${orgId}, 'Lighthouse Inn', 'hotel')`;
  });

  it('shows the trial, connects payouts, subscribes, limits properties and cancels', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, owner, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Billing' }).click();
    await page.waitForURL(`**/o/${org.slug}/billing`);
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    const facts = page.locator('.facts').first();
    await expect(facts.textContent()).resolves.toMatch(/Growth \(trial\).*Free trial until.*1 of 5 used/);
    await expectAccessible(page, 'billing (trial)');
    await screenshots(page, 'billing');

    // Connect onboarding on the stand-in's page, back with the account ready.
    await page.getByRole('button', { name: 'Connect a Stripe account' }).click();
    await page.waitForURL(/\/test\/connect\//);
    await page.getByRole('button', { name: 'Complete onboarding' }).click();
    await page.waitForURL(`**/o/${org.slug}/billing?connect=done`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Stripe onboarding finished');
    await page.getByRole('button', { name: 'Update payout details' }).waitFor();
    const [account] = await web.stack
      .admin`select charges_enabled from public.payment_accounts where organization_id = ${orgId}`;
    expect(account?.charges_enabled).toBe(true);

    // Checkout for Starter; the rest of the trial carries over.
    await page.getByRole('button', { name: 'Choose Starter' }).click();
    await page.waitForURL(/\/test\/checkout\//);
    await page.getByRole('heading', { name: 'Subscribe to Roost Starter' }).waitFor();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(`**/o/${org.slug}/billing?checkout=success`);
    await expect(facts.textContent()).resolves.toMatch(/Starter.*Trial until.*1 of 1 used/);
    await page.getByRole('button', { name: 'Manage subscription' }).waitFor();
    await page.getByText('Current plan').waitFor();
    await expectAccessible(page, 'billing (subscribed)');
    await screenshots(page, 'billing-subscribed');

    // Starter allows one property: the database refuses the second, and the form says why.
    await page.goto(`${web.url}/o/${org.slug}/properties/new`);
    await page.getByLabel('Property name').fill('Lighthouse Annex');
    await page.getByRole('button', { name: 'Create property' }).click();
    await page.getByText('Your plan allows no more properties').waitFor();
    const [count] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.properties where organization_id = ${orgId}`;
    expect(count?.n).toBe(1);

    // The customer portal cancels; back on the page the trial applies again.
    await page.goto(`${web.url}/o/${org.slug}/billing`);
    await page.getByRole('button', { name: 'Manage subscription' }).click();
    await page.waitForURL(/\/test\/portal\//);
    await page.getByRole('button', { name: 'Cancel now' }).click();
    await page.getByRole('button', { name: 'Return' }).click();
    await page.waitForURL(`**/o/${org.slug}/billing`);
    await expect(facts.textContent()).resolves.toMatch(/Growth \(trial\)/);
    const [sub] = await web.stack
      .admin`select status, plan_id from public.billing_subscriptions where organization_id = ${orgId}`;
    expect(sub).toEqual({ status: 'canceled', plan_id: 'starter' });
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  it('answers 403 to an admin on the page and on a forged post', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}`);
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Billing' }).count(),
      'no nav entry below owner',
    ).resolves.toBe(0);
    const shown = await page.goto(`${web.url}/o/${org.slug}/billing`);
    expect(shown?.status()).toBe(403);
    const post = await page.request.post(`${web.url}/o/${org.slug}/billing`, {
      form: { intent: 'checkout', plan_id: 'scale' },
      headers: { Origin: web.url },
      maxRedirects: 0,
    });
    expect(post.status(), 'the action refuses too').toBe(403);
    await watched.context.close();
  });
});
