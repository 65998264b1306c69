// The embeddable widgets in Chromium (decision 035): a static "tenant website" on another origin
// (http://127.0.0.2:<port>, the demo site's page) loads embed.js, which frames /embed/… of the
// web app. A guest books a stay with third-party cookies blocked, the host page hears the
// widget's events, the booking is in the database and on the front desk's grid; a table is
// reserved; the same page on an origin not on the key's list gets nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSite, startDemoSite } from '../../supabase/local/demo-site/server.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { freePort } from '../../supabase/local/throwaway.ts';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';
import { openPage, SCREENSHOT_DIR, seriousViolations } from './support/browser.ts';
import { signedIn } from './support/session.ts';
import { createUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
let tenant: Tenant;
let site: DemoSite;
let stranger: DemoSite;
let hotelKey: string;
let restaurantKey: string;
const profileDir = mkdtempSync(join(tmpdir(), 'roost-embed-profile-'));
let blocked: BrowserContext;

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

interface HostEvent {
  type: string;
  widget: string;
  detail: Record<string, unknown>;
}
const hostEvents = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { roostEvents?: HostEvent[] }).roostEvents ?? []);

async function waitForEvent(page: Page, type: string, widget?: string): Promise<HostEvent> {
  return waitFor(`the host page hears ${type}`, async () =>
    (await hostEvents(page)).find((event) => event.type === type && (!widget || event.widget === widget)),
  );
}

/** The widget's frame inside the host page (by the path of its /embed page). */
async function widgetFrame(page: Page, path: string): Promise<Frame> {
  return waitFor(`the ${path} frame`, async () => page.frames().find((frame) => frame.url().includes(path)));
}

async function frameAccessible(frame: Frame, name: string): Promise<void> {
  // The axe helper only calls evaluate, which a frame has too.
  expect(await seriousViolations(frame as unknown as Page), `${name}: serious or critical axe violations`).toEqual([]);
}

/**
 * The widget's frame as the host page shows it, at desktop and phone width (an element shot: a
 * full-page shot leaves cross-origin frames below the fold unpainted).
 */
async function shoot(page: Page, selector: string, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await frameSettled(page, selector);
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.locator(selector).screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}.png`) });
  }
  await page.setViewportSize(DESKTOP);
  // The widget posts its new height and the host resizes the frame: a click while it still moves
  // lands beside its target.
  await frameSettled(page, selector);
}

/** Waits until the frame's box has kept its size and place for a few checks in a row. */
async function frameSettled(page: Page, selector: string): Promise<void> {
  let last = '';
  let same = 0;
  for (let i = 0; i < 50 && same < 3; i++) {
    await page.waitForTimeout(100);
    const box = JSON.stringify(await page.locator(selector).boundingBox());
    same = box === last ? same + 1 : 0;
    last = box;
  }
}

/** Waits for `heading` in the widget, failing with the widget's own error message if it shows one. */
async function expectStep(widget: FrameLocator, heading: string): Promise<void> {
  const alert = widget.locator('.w-alert-error');
  await Promise.race([
    widget.getByRole('heading', { name: heading }).waitFor({ timeout: 20_000 }),
    alert.waitFor({ timeout: 20_000 }).then(async () => {
      throw new Error(`the widget said: ${await alert.textContent()}`);
    }),
  ]);
}

const localDate = (days: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Lisbon' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
};

beforeAll(async () => {
  tenant = await createTenant(web.stack.admin, 'embed');
  const port = await freePort();
  const origin = `http://127.0.0.2:${port}`;
  const keys = await web.stack.admin<{ key: string }[]>`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'Hotel website', ${[origin]}),
      (${tenant.organizationId}, ${tenant.propertyIds[1]}, 'Restaurant website', ${[origin]})
    returning key`;
  hotelKey = keys[0]?.key ?? '';
  restaurantKey = keys[1]?.key ?? '';
  site = await startDemoSite({
    appUrl: web.url,
    hotelKey,
    kitchenKey: restaurantKey,
    hosts: ['127.0.0.2'],
    port,
  });
  stranger = await startDemoSite({
    appUrl: web.url,
    hotelKey,
    kitchenKey: restaurantKey,
    hosts: ['127.0.0.3'],
    port: 0,
  });
  // A profile that blocks third-party cookies (chrome://settings/cookies "Block third-party
  // cookies"): playwright has no context option for it (microsoft/playwright#28597).
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 1 } }));
  blocked = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.ROOST_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-sync',
      '--host-resolver-rules=MAP *.test 127.0.0.1',
    ],
    viewport: DESKTOP,
  });
});

afterAll(async () => {
  await blocked?.close();
  rmSync(profileDir, { recursive: true, force: true });
  await site?.close();
  await stranger?.close();
});

describe('embedded widgets on a tenant website', () => {
  let reference = '';

  it('books a stay from another origin with third-party cookies blocked, telling the host page', async () => {
    const page = await blocked.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // A 4xx answer is logged by Chromium too (as openPage ignores it); the test asserts statuses.
      const expected = /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text());
      if (message.type() === 'error' && !expected) problems.push(`console: ${message.text()}`);
    });
    const calls: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/widget-api/'))
        calls.push(`${response.status()} ${response.url().split('/widget-api')[1]}`);
    });
    page.on('requestfailed', (request) => calls.push(`failed ${request.url()} ${request.failure()?.errorText}`));
    await page.goto(site.url);
    const frame = await widgetFrame(page, '/embed/stay');
    await waitForEvent(page, 'ready', 'stay');
    const stay = page.frameLocator('#stay-widget iframe');
    await stay.getByRole('heading', { name: 'Book your stay' }).waitFor();

    const from = localDate(3);
    const to = localDate(5);
    await stay.getByLabel('Arrival').fill(from);
    await stay.getByLabel('Departure').fill(to);
    await stay.getByLabel('Guests').selectOption('2');
    await stay.getByRole('button', { name: 'Check availability' }).click();
    await stay.getByRole('heading', { name: 'Choose your room' }).waitFor();
    const loaded = await waitForEvent(page, 'availabilityLoaded', 'stay');
    expect(loaded.detail).toMatchObject({ from, to, guests: 2 });
    await frameAccessible(frame, 'stay: rooms');
    await shoot(page, '#stay-widget iframe', 'embed-stay-rooms');

    // Auto-height: the frame grew to its content (no inner scroll bar).
    const heights = await page.evaluate(() => {
      const frameElement = (
        globalThis as unknown as { document: { querySelector(s: string): unknown } }
      ).document.querySelector('#stay-widget iframe') as { style: { height: string } };
      return frameElement.style.height;
    });
    expect(Number.parseInt(heights, 10)).toBeGreaterThan(480);

    await stay.getByRole('button', { name: /^Select Double/ }).click();
    await stay.getByRole('heading', { name: 'Your details' }).waitFor();
    await stay.getByText(/We are holding this for you for \d+:\d\d/).waitFor();
    const held = await waitForEvent(page, 'held', 'stay');
    expect(held.detail.booking_id).toMatch(/^[0-9a-f-]{36}$/);

    // The consent box is required; the widget says so on the field.
    await stay.getByLabel('Full name').fill('Inês Widget');
    await stay.getByLabel('Email').fill('ines.widget@example.test');
    await stay.getByRole('button', { name: /Confirm booking|Continue to payment/ }).click();
    await stay.getByText('Please accept the booking terms to continue.').waitFor();
    await frameAccessible(frame, 'stay: details');
    await shoot(page, '#stay-widget iframe', 'embed-stay-details');
    await stay.getByLabel(/I accept the booking terms/).check();
    await stay.getByRole('button', { name: /Confirm booking|Continue to payment/ }).click();

    await expectStep(stay, 'Your stay is booked').catch(async (error) => {
      await page.locator('#stay-widget iframe').screenshot({ path: join(SCREENSHOT_DIR, 'embed-stay-failed.png') });
      throw new Error(`${error}; API calls: ${calls.join(' | ')}; problems: ${problems.join(' | ')}`);
    });
    reference = (await stay.getByTestId('booking-reference').textContent()) ?? '';
    expect(reference).not.toBe('');
    const confirmed = await waitForEvent(page, 'confirmed', 'stay');
    expect(confirmed.detail).toMatchObject({ kind: 'stay', reference });
    await shoot(page, '#stay-widget iframe', 'embed-stay-confirmed');

    const [row] = await web.stack.admin<{ status: string; email: string; arrival: string; property_id: string }[]>`
      select b.status::text as status, g.email, b.arrival_date::text as arrival, b.property_id
      from public.bookings b join public.guests g on g.id = b.guest_id
      where b.id = ${String(held.detail.booking_id)}`;
    expect(row).toMatchObject({
      status: 'confirmed',
      email: 'ines.widget@example.test',
      arrival: from,
      property_id: tenant.propertyIds[0],
    });
    // Nothing was stored for the web app's origin: the widget needs no cookie and no storage.
    expect(await blocked.cookies(web.url)).toEqual([]);
    expect(
      await frame.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
    ).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes the first night as a deposit through the local Stripe stand-in', async () => {
    await web.stack.admin`
      update public.property_settings set deposit_kind = 'first_night' where property_id = ${tenant.propertyIds[0]}`;
    try {
      const page = await blocked.newPage();
      await page.goto(site.url);
      const stay = page.frameLocator('#stay-widget iframe');
      await stay.getByLabel('Arrival').fill(localDate(8));
      await stay.getByLabel('Departure').fill(localDate(10));
      await stay.getByRole('button', { name: 'Check availability' }).click();
      await stay.getByRole('button', { name: /^Select Double/ }).click();
      await stay.getByLabel('Full name').fill('Paula Deposit');
      await stay.getByLabel('Email').fill('paula.deposit@example.test');
      await stay.getByLabel(/I accept the booking terms/).check();
      await stay.getByRole('button', { name: /^Continue to payment \(€/ }).click();
      await expectStep(stay, 'Payment');
      await shoot(page, '#stay-widget iframe', 'embed-stay-payment');
      const [popup] = await Promise.all([
        blocked.waitForEvent('page'),
        stay.getByRole('button', { name: /^Pay €/ }).click(),
      ]);
      await popup.getByRole('button', { name: /^Pay / }).click();
      await popup.getByText('Paid. You can close this window.').waitFor();
      await popup.close();
      await expectStep(stay, 'Your stay is booked');
      const depositReference = (await stay.getByTestId('booking-reference').textContent()) ?? '';
      await stay.getByText(/Paid now: €/).waitFor();
      const [row] = await web.stack.admin<{ status: string }[]>`
        select status::text from public.bookings where reference = ${depositReference} and organization_id = ${tenant.organizationId}`;
      expect(row?.status).toBe('confirmed');
      await page.close();
    } finally {
      await web.stack.admin`
        update public.property_settings set deposit_kind = 'none' where property_id = ${tenant.propertyIds[0]}`;
    }
  });

  it('shows the widget booking on the front desk grid', async () => {
    expect(reference).not.toBe('');
    const manager = await createUser(web.stack, 'embed-desk', 'Desk Manager');
    await web.stack.admin`
      insert into public.memberships (organization_id, user_id, role) values (${tenant.organizationId}, ${manager.id}, 'manager')`;
    const desk = await openPage(web.browser, DESKTOP);
    await signedIn(web.url, desk, manager, `/o/${tenant.slug}/p/${tenant.propertyIds[0]}/grid`);
    await desk.page.getByRole('heading', { name: 'Booking grid' }).waitFor();
    await desk.page.getByText('Inês Widget').first().waitFor();
    await desk.context.close();
  });

  it('looks the booking up by reference and email and cancels it with the fee shown', async () => {
    expect(reference).not.toBe('');
    const page = await blocked.newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Manage my booking' }).click();
    const manage = page.frameLocator('[role="dialog"] iframe');
    await manage.getByRole('heading', { name: 'Manage your booking' }).waitFor();
    await manage.getByLabel('Booking reference').fill(reference);
    await manage.getByLabel('Email').fill('someone.else@example.test');
    await manage.getByRole('button', { name: 'Find booking' }).click();
    await manage.getByText('We found no booking with that reference and email address.').waitFor();
    await manage.getByLabel('Email').fill('ines.widget@example.test');
    await manage.getByRole('button', { name: 'Find booking' }).click();
    await manage.getByRole('heading', { name: `Booking ${reference}` }).waitFor();
    await manage.getByText(/You can cancel free of charge now|Cancelling now costs/).waitFor();
    await frameAccessible(await widgetFrame(page, '/embed/manage'), 'manage: booking');
    await shoot(page, '[role="dialog"] iframe', 'embed-manage');
    await manage.getByRole('button', { name: 'Cancel this booking…' }).click();
    await manage.getByRole('button', { name: 'Yes, cancel booking' }).click();
    await manage.getByText('Your booking is cancelled.').waitFor();
    const [row] = await web.stack.admin<{ status: string }[]>`
      select status::text from public.bookings where reference = ${reference} and organization_id = ${tenant.organizationId}`;
    expect(row?.status).toBe('cancelled');
    // Escape (focus inside the frame) closes the popup and the host page hears it.
    await manage.getByLabel('Email').focus();
    await page.keyboard.press('Escape');
    await waitForEvent(page, 'closed', 'manage');
    await page.close();
  });

  it('reserves a table through <roost-booking widget="table">', async () => {
    const page = await blocked.newPage();
    await page.goto(site.url);
    const frame = await widgetFrame(page, '/embed/table');
    const table = page.frameLocator('#dine iframe');
    await table.getByRole('heading', { name: 'Reserve a table' }).waitFor();
    await table.getByLabel('Party size').selectOption('2');
    await table.getByLabel('Date').fill(localDate(2));
    await table.getByRole('button', { name: 'Find a table' }).click();
    await table.getByRole('heading', { name: 'Choose a time' }).waitFor();
    await frameAccessible(frame, 'table: times');
    await shoot(page, '#dine iframe', 'embed-table-times');
    await table.locator('.w-slot').first().click();
    await table.getByLabel('Full name').fill('Tomás Table');
    await table.getByLabel('Email').fill('tomas.table@example.test');
    await table.getByLabel(/I accept the booking terms/).check();
    await table.getByRole('button', { name: 'Reserve table' }).click();
    await expectStep(table, 'Your table is reserved');
    const tableReference = (await table.getByTestId('booking-reference').textContent()) ?? '';
    const confirmed = await waitForEvent(page, 'confirmed', 'table');
    expect(confirmed.detail).toMatchObject({ kind: 'table', reference: tableReference, party: 2 });
    const [row] = await web.stack.admin<{ status: string; property_id: string }[]>`
      select status::text, property_id from public.bookings
      where reference = ${tableReference} and organization_id = ${tenant.organizationId}`;
    expect(row).toMatchObject({ status: 'confirmed', property_id: tenant.propertyIds[1] });
    await page.close();
  });

  it('orders from the menu with a modifier through <roost-order>', async () => {
    const page = await blocked.newPage();
    await page.goto(site.url);
    const frame = await widgetFrame(page, '/embed/order');
    const order = page.frameLocator('#order iframe');
    await order.getByRole('heading', { name: 'Burger' }).waitFor();
    await order.getByRole('button', { name: 'Add Burger' }).click();
    await order.getByLabel(/Cheese/).check();
    await order.getByRole('button', { name: 'Add · €14.00' }).click();
    await order.getByText('Any tax or service charge is added when you place the order.').waitFor();
    await order.getByRole('button', { name: 'One more Burger' }).click();
    await order.getByRole('button', { name: 'Continue to payment' }).waitFor();
    await order.getByLabel('Full name').fill('Olga Order');
    await order.getByLabel('Email').fill('olga.order@example.test');
    await frameAccessible(frame, 'order: basket');
    await shoot(page, '#order iframe', 'embed-order-basket');
    // Paying and the kitchen screen: web/e2e/ordering.test.ts.
    await page.close();
  });

  it('gives a page on an origin not on the key’s list nothing', async () => {
    // The page's own headers: frame-ancestors is exactly the key's list.
    const response = await fetch(`${web.url}/embed/stay?key=${hotelKey}&origin=${encodeURIComponent(site.url)}`);
    expect(response.headers.get('content-security-policy')).toContain(`frame-ancestors ${site.url}`);
    const unknown = await fetch(`${web.url}/embed/stay?key=wk_not_a_real_key_123`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const page = await blocked.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) refused.push(message.text());
    });
    await page.goto(stranger.url);
    await waitFor('the refusal of the framed page', async () => (refused.length > 0 ? true : undefined));
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    // The browser refused the document: nothing of the widget rendered and no event arrived.
    const texts = await Promise.all(page.frames().map((f) => f.content().catch(() => '')));
    expect(texts.some((text) => text.includes('Book your stay'))).toBe(false);
    expect(frame?.url() ?? '').not.toContain('/embed/stay?');
    await page.waitForTimeout(1000);
    expect(await hostEvents(page)).toEqual([]);
    await page.close();
  });

  it('passes prefill and theme to the widget and ignores messages from other origins', async () => {
    const page = await blocked.newPage();
    await page.goto(site.url);
    await waitForEvent(page, 'ready', 'stay');
    // A message from the host page itself (not the app's origin) is ignored by the loader.
    await page.evaluate(() => {
      const w = globalThis as unknown as { postMessage(m: unknown, o: string): void; location: { origin: string } };
      w.postMessage({ roost: 1, type: 'event', name: 'confirmed', detail: { reference: 'FORGED' } }, w.location.origin);
    });
    await page.waitForTimeout(500);
    expect((await hostEvents(page)).some((event) => event.detail.reference === 'FORGED')).toBe(false);

    const params = new URLSearchParams({
      key: hotelKey,
      origin: site.url,
      from: localDate(10),
      to: localDate(12),
      guests: '3',
      brand: '#7a1f3d',
      theme: 'dark',
      locale: 'de-DE',
    });
    const direct = await blocked.newPage();
    await direct.goto(`${web.url}/embed/stay?${params}`);
    // locale de-DE: the texts are German too (decision 044).
    await expect(direct.getByLabel('Anreise').inputValue()).resolves.toBe(localDate(10));
    await expect(direct.getByLabel('Gäste').inputValue()).resolves.toBe('3');
    const brand = await direct.evaluate(() => {
      const g = globalThis as unknown as {
        getComputedStyle(e: unknown): { getPropertyValue(n: string): string };
        document: { querySelector(s: string): unknown };
      };
      return g.getComputedStyle(g.document.querySelector('.roost-embed')).getPropertyValue('--w-brand').trim();
    });
    expect(brand).toBe('#7a1f3d');
    await direct.getByRole('button', { name: 'Verfügbarkeit prüfen' }).click();
    await direct.getByRole('heading', { name: 'Wählen Sie Ihr Zimmer' }).waitFor();
    await direct.setViewportSize({ width: 480, height: 900 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await direct.screenshot({ path: join(SCREENSHOT_DIR, 'embed-stay-dark-de-480.png'), fullPage: true });
    await direct.close();
    await page.close();
  });
});
