// The deposit policy on the property's booking rules form (decision 034's property_settings
// deposit_kind/deposit_bps, editable in the admin portal since session 5): a manager picks a
// percentage deposit; 0 % is refused by the database's constraint and the message sits on the
// percentage field; 30 % is saved and shown again; staff get 403 on a forged post. axe finds
// nothing serious; screenshots at both sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('deposit policy on the property settings form', () => {
  let manager: SeededUser;
  let staff: SeededUser;
  const org = { slug: `deposit-${Date.now().toString(36)}`, name: 'Cliffside Stays' };
  let propertyId = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    manager = await createUser(web.stack, 'manager', 'Max Manager');
    staff = await createUser(web.stack, 'desk', 'Dora Desk');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Cliffside Inn', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    propertyId = property?.id ?? '';
  });

  it('saves a percentage deposit and shows the database’s refusal of 0 % on the field', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, manager, `/o/${org.slug}/properties/${propertyId}`);
    const rules = page.getByRole('form', { name: 'Booking rules' });
    await expect(rules.getByLabel('Guests booking online pay').inputValue(), 'the default').resolves.toBe('none');
    await rules.getByLabel('Guests booking online pay').selectOption('percentage');
    await rules.getByLabel('Deposit (%)').fill('0');
    await rules.getByRole('button', { name: 'Save booking rules' }).click();
    const field = rules.getByText('A percentage deposit must be more than 0 %');
    await field.waitFor();
    // The message belongs to the percentage field (aria-describedby), not only to the form.
    const described = await rules.getByLabel('Deposit (%)').getAttribute('aria-describedby');
    expect(described, 'the field points at its message').toBeTruthy();
    await expectAccessible(page, 'property settings with a refused deposit');
    await screenshots(page, 'refunds-deposit-refused');

    await rules.getByLabel('Deposit (%)').fill('30');
    await rules.getByRole('button', { name: 'Save booking rules' }).click();
    await page.getByText('Booking rules saved.').waitFor();
    const [settings] = await web.stack.admin`
      select deposit_kind, deposit_bps from public.property_settings where property_id = ${propertyId}`;
    expect(settings).toEqual({ deposit_kind: 'percentage', deposit_bps: 3000 });
    // Until the page has hydrated, a choice made in the select is put back by React.
    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.getByLabel('Guests booking online pay').inputValue()).resolves.toBe('percentage');
    await expect(page.getByLabel('Deposit (%)').inputValue(), 'shown again after saving').resolves.toBe('30');

    // The whole amount up front, then back to none.
    await page.getByLabel('Guests booking online pay').selectOption('full');
    await page.getByRole('button', { name: 'Save booking rules' }).click();
    // The notice of the save before the reload may still be on the page: wait for the row itself.
    await expect
      .poll(
        async () =>
          (
            await web.stack.admin<{ deposit_kind: string }[]>`
              select deposit_kind from public.property_settings where property_id = ${propertyId}`
          )[0]?.deposit_kind,
        { timeout: 15_000 },
      )
      .toBe('full');
    await page.getByText('Booking rules saved.').waitFor();
    await screenshots(page, 'refunds-deposit-saved');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  it('refuses a forged post of the form by staff (403)', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    const post = await page.request.post(`${web.url}/o/${org.slug}/properties/${propertyId}`, {
      form: {
        intent: 'settings',
        check_in_time: '15:00',
        check_out_time: '11:00',
        slot_turn_minutes: '15',
        min_notice_minutes: '0',
        booking_window_days: '365',
        hold_minutes: '15',
        free_cancellation_hours: '48',
        cancellation_fee_kind: 'first_night',
        cancellation_fee_percent: '100',
        deposit_kind: 'none',
        deposit_percent: '100',
      },
      headers: { Origin: web.url },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    const rows = await web.stack
      .admin`select deposit_kind from public.property_settings where property_id = ${propertyId}`;
    expect(
      rows.map((row) => row.deposit_kind),
      'unchanged',
    ).toEqual(['full']);
    await watched.context.close();
  });
});
