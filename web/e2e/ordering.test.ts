// Online ordering in Chromium (decision 042): on the demo "tenant website" (another origin), a
// guest orders from <roost-order> with a modifier, picks a pickup time, pays on the local Stripe
// stand-in's test page, and the order appears on the kitchen display (KDS) of a signed-in staff
// member, who did not see it while it was unpaid; the widget's confirmation shows the order
// number and follows the kitchen's progress live; the host page hears orderPlaced. Room service
// is ordered by booking reference + surname. The ticket says "Online · pick up HH:MM". With
// locale=de the widget speaks German (decision 044). Photographs at 390 px (the widget) and 1024×768.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSite, startDemoSite } from '../../supabase/local/demo-site/server.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { freePort } from '../../supabase/local/throwaway.ts';
import type { BookingsFixtureIds } from '../../supabase/tests/support/fixtures/bookings.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';
import { launchChromium, openPage, SCREENSHOT_DIR, seriousViolations, TABLET } from './support/browser.ts';
import { expectAccessible, signedIn } from './support/session.ts';
import { createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const PHONE = { width: 390, height: 844 };
let browser: Browser;
let tenant: Tenant;
let site: DemoSite;
let staff: SeededUser;
let kitchenKey = '';

interface HostEvent {
  type: string;
  widget: string;
  detail: Record<string, unknown>;
}

async function widgetFrame(page: Page, path: string): Promise<Frame> {
  return waitFor(`the ${path} frame`, async () => page.frames().find((frame) => frame.url().includes(path)));
}

/**
 * The order widget as the host page shows it, at 390 px and 1024 px wide (a tall window: parts of
 * a cross-origin frame outside the window are not painted in an element shot).
 */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const size of [PHONE, TABLET]) {
    await page.setViewportSize({ width: size.width, height: 2000 });
    await page.waitForTimeout(400);
    await page.locator('#order iframe').scrollIntoViewIfNeeded();
    await page.locator('#order iframe').screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}.png`) });
  }
  await page.setViewportSize(TABLET);
}

async function expectHeading(widget: FrameLocator, heading: string | RegExp): Promise<void> {
  const alert = widget.locator('.w-alert-error');
  await Promise.race([
    widget.getByRole('heading', { name: heading }).first().waitFor({ timeout: 20_000 }),
    alert.waitFor({ timeout: 20_000 }).then(async () => {
      throw new Error(`the widget said: ${await alert.textContent()}`);
    }),
  ]);
}

async function fillBasket(order: FrameLocator, name: string, email: string): Promise<void> {
  await order.getByRole('heading', { name: 'Burger' }).waitFor();
  await order.getByRole('button', { name: 'Add Burger' }).click();
  await order.getByLabel(/Cheese/).check();
  await order.getByRole('button', { name: 'Add · €14.00' }).click();
  await order.getByRole('button', { name: 'One more Burger' }).click();
  await order.getByLabel('Full name').fill(name);
  await order.getByLabel('Email').fill(email);
}

beforeAll(async () => {
  tenant = await createTenant(web.stack.admin, 'ordering');
  const port = await freePort();
  const origin = `http://127.0.0.2:${port}`;
  const keys = await web.stack.admin<{ key: string }[]>`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'Hotel website', ${[origin]}),
      (${tenant.organizationId}, ${tenant.propertyIds[1]}, 'Restaurant website', ${[origin]})
    returning key`;
  // Takeaway all day (the test runs at any hour); the hotel sells the burger for room service.
  await web.stack.admin`
    insert into public.order_settings (organization_id, property_id, takeaway_opens, takeaway_closes)
    values (${tenant.organizationId}, ${tenant.propertyIds[1]}, '00:00', '23:59')
    on conflict (property_id) do update set takeaway_opens = '00:00', takeaway_closes = '23:59'`;
  kitchenKey = keys[1]?.key ?? '';
  site = await startDemoSite({
    appUrl: web.url,
    hotelKey: keys[0]?.key ?? '',
    kitchenKey: keys[1]?.key ?? '',
    hosts: ['127.0.0.2'],
    port,
  });
  staff = await createUser(web.stack, 'cook', 'Carla Cook');
  await web.stack.admin`
    insert into public.memberships (organization_id, user_id, role) values (${tenant.organizationId}, ${staff.id}, 'staff')`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('online ordering', () => {
  it('takes a paid takeaway to the kitchen display only once it is paid', { timeout: 180_000 }, async () => {
    const kitchen = await openPage(browser, TABLET);
    await signedIn(web.url, kitchen, staff, `/o/${tenant.slug}/p/${tenant.propertyIds[1]}/kitchen?station=all`);

    const guest = await openPage(browser, TABLET);
    const page = guest.page;
    await page.goto(site.url);
    const frame = await widgetFrame(page, '/embed/order');
    const order = page.frameLocator('#order iframe');
    await fillBasket(order, 'Olga Online', 'olga.online@example.test');
    await order.getByLabel('Pickup time').selectOption({ index: 1 });
    const pickupLabel = (await order.getByLabel('Pickup time').locator('option:checked').textContent()) ?? '';
    expect(await seriousViolations(frame as unknown as Page), 'order: basket').toEqual([]);
    await shoot(page, 'ordering-basket');

    const clicked = Date.now();
    await order.getByRole('button', { name: 'Continue to payment' }).click();
    await expectHeading(order, 'Pay for your order');
    // Burger + cheese 1400 × 2 = 2800, 13 % tax 364, 10 % service charge 280: what the server asks.
    await order.getByText('€34.44').first().waitFor();
    await shoot(page, 'ordering-payment');
    const [draft] = await web.stack.admin<{ id: string; status: string; pickup_at: Date }[]>`
      select id, status::text, pickup_at from public.orders
      where property_id = ${tenant.propertyIds[1]} and guest_name = 'Olga Online'`;
    expect(draft?.status).toBe('draft');
    expect(draft?.pickup_at.getTime()).toBeGreaterThan(clicked);
    // Unpaid: the kitchen does not see it, even after a reload.
    await kitchen.page.reload();
    await kitchen.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await kitchen.page.getByText('Olga Online').count()).toBe(0);

    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      order.getByRole('button', { name: /^Pay €34\.44/ }).click(),
    ]);
    await popup.getByRole('button', { name: /^Pay / }).click();
    await popup.getByText('Paid. You can close this window.').waitFor();
    await popup.close();

    await expectHeading(order, 'Payment received: your order is with the kitchen');
    const number = (await order.getByTestId('order-number').textContent()) ?? '';
    expect(number).toBe(draft?.id.slice(0, 6).toUpperCase());
    await order
      .getByText(pickupLabel.replace(/^Today, |^Tomorrow, /, ''))
      .first()
      .waitFor();
    const event = await waitFor('the host page hears orderPlaced', async () =>
      (await page.evaluate(() => (globalThis as unknown as { roostEvents?: HostEvent[] }).roostEvents ?? [])).find(
        (e) => e.type === 'orderPlaced' && e.widget === 'order',
      ),
    );
    expect(event.detail).toMatchObject({ order_id: draft?.id, number, mode: 'takeaway', total_minor: 3444 });

    // Paid: on the kitchen display (live, or after a reload at the latest).
    await kitchen.page
      .getByText('Olga Online')
      .first()
      .waitFor({ timeout: 8_000 })
      .catch(async () => {
        await kitchen.page.reload();
        await kitchen.page.getByText('Olga Online').first().waitFor();
      });
    // The ticket says it came online and when the guest comes for it (property time).
    const [where] = await web.stack.admin<{ time_zone: string }[]>`
      select time_zone from public.properties where id = ${tenant.propertyIds[1]}`;
    const pickupTime = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: where?.time_zone ?? 'UTC',
    }).format(draft?.pickup_at);
    await kitchen.page.getByText(`Online · pick up ${pickupTime}`).first().waitFor();
    await expectAccessible(kitchen.page, 'kitchen with the online order');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await kitchen.page.screenshot({ path: join(SCREENSHOT_DIR, 'ordering-kds-1024x768.png') });

    // The kitchen starts cooking: the guest's confirmation follows.
    await web.stack.admin`update public.orders set status = 'preparing' where id = ${draft?.id ?? ''}`;
    await order.getByTestId('order-status').getByText('Being prepared.').waitFor({ timeout: 15_000 });
    expect(await seriousViolations(frame as unknown as Page), 'order: confirmation').toEqual([]);
    await shoot(page, 'ordering-confirmed');
    await guest.context.close();
    await kitchen.context.close();
  });

  it('asks room service guests for the booking reference and surname, and refuses a wrong one', async () => {
    const ids = tenant.extra.bookings as unknown as BookingsFixtureIds;
    const [stay] = await web.stack.admin<{ reference: string }[]>`
      select reference from public.bookings where id = ${ids.checkedInBookingId}`;
    const guest = await openPage(browser, PHONE);
    const page = guest.page;
    await page.goto(site.url);
    const order = page.frameLocator('#order iframe');
    await fillBasket(order, 'Rita Room', 'rita.room@example.test');
    await order.getByLabel('Room service (hotel guests)').check();
    await order.getByText('Nothing to pay now: it goes on your room bill.').waitFor();
    await order.getByLabel('Booking reference').fill(stay?.reference ?? '');
    await order.getByLabel('Surname on the booking').fill('Nobody');
    await shoot(page, 'ordering-room-service');
    await order.getByRole('button', { name: 'Place order' }).click();
    // A wrong surname finds no stay (the database and function tests place room service orders).
    await order.getByText('We found no stay in the hotel with that booking reference and surname.').waitFor();
    await guest.context.close();
  });

  it('speaks German with locale=de (texts, checks and the API’s refusal)', async () => {
    const guest = await openPage(browser, PHONE);
    const page = guest.page;
    await page.goto(`${web.url}/embed/order?${new URLSearchParams({ key: kitchenKey, locale: 'de' })}`);
    await page.getByRole('heading', { name: 'Essen bestellen' }).waitFor();
    await page.getByText('Ihr Warenkorb ist leer: Fügen Sie Gerichte aus der Speisekarte oben hinzu.').waitFor();
    await page.getByRole('group', { name: 'Wie möchten Sie Ihre Bestellung erhalten?' }).waitFor();
    await page.getByRole('button', { name: 'Weiter zur Zahlung' }).click();
    await page.getByText('Bitte fügen Sie zuerst etwas zu Ihrer Bestellung hinzu.').waitFor();
    await page.getByText('Geben Sie Ihren vollständigen Namen ein.').waitFor();

    await page.getByRole('button', { name: 'Burger hinzufügen' }).click();
    await page.getByLabel(/Cheese/).check();
    await page.getByRole('button', { name: /^Hinzufügen · 14,00/ }).click();
    await page.getByRole('heading', { name: 'Ihre Bestellung (1)' }).waitFor();
    await page.getByLabel('Zimmerservice (Hotelgäste)').check();
    await page.getByText('Jetzt nichts zu bezahlen: Der Betrag geht auf Ihre Zimmerrechnung.').waitFor();
    await page.getByLabel('Buchungsnummer').fill('ZZZZ9999');
    await page.getByLabel('Nachname laut Buchung').fill('Niemand');
    await page.getByLabel('Vor- und Nachname').fill('Nina Niemand');
    await page.getByLabel('E-Mail').fill('nina@example.test');
    expect(await seriousViolations(page), 'order in German').toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'ordering-de-390.png'), fullPage: true });
    await page.getByRole('button', { name: 'Bestellen' }).click();
    await page
      .getByText('Wir haben keinen Aufenthalt im Hotel mit dieser Buchungsnummer und diesem Nachnamen gefunden.')
      .waitFor();
    await guest.context.close();
  });
});
