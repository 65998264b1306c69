// Switching plans in the Stripe stand-in's customer portal (decision 036, session 5): an owner
// subscribes to Starter through Checkout (the plan's Price, made once by the billing function),
// opens the portal, switches to Growth; the stand-in's signed customer.subscription.updated
// carries the new price, the stripe-webhook function mirrors it, and the Billing page shows
// Growth with its limit of five properties. axe finds nothing serious; screenshots at both sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('plan changes in the customer portal', () => {
  let owner: SeededUser;
  let orgId = '';
  const org = { slug: `plans-${Date.now().toString(36)}`, name: 'Harbourside Rooms' };

  beforeAll(async () => {
    owner = await createUser(web.stack, 'owner', 'Olga Owner');
    orgId = await createOrganization(web.stack, org, [{ user: owner, role: 'owner' }]);
    await web.stack
      .admin`insert into public.properties (organization_id, name, kind) values (${orgId}, 'Harbourside Inn', 'hotel')`;
  });

  it('switches from Starter to Growth and shows the new plan and its property limit', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, owner, `/o/${org.slug}/billing`);
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    const facts = page.locator('.facts').first();

    await page.getByRole('button', { name: 'Choose Starter' }).click();
    await page.waitForURL(/\/test\/checkout\//);
    await page.getByRole('heading', { name: 'Subscribe to Roost Starter' }).waitFor();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(`**/o/${org.slug}/billing?checkout=success`);
    await expect(facts.textContent()).resolves.toMatch(/Starter.*1 of 1 used/);

    await page.getByRole('button', { name: 'Manage subscription' }).click();
    await page.waitForURL(/\/test\/portal\//);
    const change = page.getByRole('group', { name: 'Change plan' });
    await change.getByLabel(/Roost Growth/).check();
    await screenshots(page, 'refunds-plans-portal');
    await page.getByRole('button', { name: 'Switch plan' }).click();
    await page.waitForURL(/\/test\/portal\//);
    await page.getByRole('heading', { name: 'Roost Growth' }).waitFor();
    await page.getByRole('button', { name: 'Return' }).click();
    await page.waitForURL(`**/o/${org.slug}/billing`);
    await expect(facts.textContent()).resolves.toMatch(/Growth.*1 of 5 used/);
    const [sub] = await web.stack.admin`
      select plan_id, status from public.billing_subscriptions where organization_id = ${orgId}`;
    expect(sub).toMatchObject({ plan_id: 'growth' });
    await expectAccessible(page, 'billing after a plan switch');
    await screenshots(page, 'refunds-plans-billing');

    // Growth allows a second property now.
    await page.goto(`${web.url}/o/${org.slug}/properties/new`);
    await page.getByLabel('Property name').fill('Harbourside Annex');
    await page.getByRole('button', { name: 'Create property' }).click();
    await page.waitForURL(/\/properties\/[0-9a-f-]{36}/);
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);
});
