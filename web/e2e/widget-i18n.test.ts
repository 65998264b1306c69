// Widget texts in the guest's language and table service hours (decision 044), in Chromium
// against a throwaway stack. The stay widget with locale=de books a stay in German (labels, the
// countdown, a refusal on a field, the confirmation); a manager sets the restaurant's table service
// hours on the property page; the table widget (locale=fr) then offers exactly those seating times
// and nothing on a closed day, and the staff reservation book shows the day's hours.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../supabase/tests/support/tenants.ts';
import { DESKTOP, openPage, SCREENSHOT_DIR, TABLET } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn, staffScreenshots } from './support/session.ts';
import { createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
let tenant: Tenant;
let hotelKey = '';
let restaurantKey = '';
let manager: SeededUser;

const PHONE = { width: 390, height: 844 };

const localDate = (days: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Lisbon' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
};
/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
const weekdayOf = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

beforeAll(async () => {
  tenant = await createTenant(web.stack.admin, 'i18n');
  const keys = await web.stack.admin<{ key: string }[]>`
    insert into public.widget_keys (organization_id, property_id, label, allowed_origins)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'Hotel website', ${['https://hotel.example']}),
      (${tenant.organizationId}, ${tenant.propertyIds[1]}, 'Restaurant website', ${['https://hotel.example']})
    returning key`;
  hotelKey = keys[0]?.key ?? '';
  restaurantKey = keys[1]?.key ?? '';
  manager = await createUser(web.stack, 'i18n-manager', 'Mira Manager');
  await web.stack.admin`
    insert into public.memberships (organization_id, user_id, role) values (${tenant.organizationId}, ${manager.id}, 'manager')`;
});

afterAll(async () => {
  await web.stack
    .admin`update public.property_settings set service_periods = null where property_id = ${tenant.propertyIds[1]}`;
});

describe('widgets in the guest’s language', () => {
  it('books a stay in German (locale=de)', async () => {
    const watched = await openPage(web.browser, DESKTOP);
    const { page } = watched;
    const params = new URLSearchParams({ key: hotelKey, locale: 'de', guests: '2' });
    await page.goto(`${web.url}/embed/stay?${params}`);
    await page.getByRole('heading', { name: 'Aufenthalt buchen' }).waitFor();
    expect(await page.locator('.roost-embed').getAttribute('lang')).toBe('de');
    await page.getByLabel('Anreise').fill(localDate(6));
    await page.getByLabel('Abreise').fill(localDate(8));
    await expect(page.getByLabel('Gäste').locator('option:checked').textContent()).resolves.toBe('2 Gäste');
    await page.getByRole('button', { name: 'Verfügbarkeit prüfen' }).click();
    await page.getByRole('heading', { name: 'Wählen Sie Ihr Zimmer' }).waitFor();
    await page.getByText(/2 Nächte · 2 Gäste/).waitFor();
    await page.getByText('Kostenlose Stornierung bis 48 Stunden vor der Anreise', { exact: false }).waitFor();
    await expectAccessible(page, 'stay in German: rooms');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `widget-i18n-stay-de-rooms-${size.width}.png`),
        fullPage: true,
      });
    }
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: /^Double für .* wählen$/ }).click();
    await page.getByRole('heading', { name: 'Ihre Angaben' }).waitFor();
    await page.getByText(/Wir halten dies noch \d+:\d\d für Sie frei/).waitFor();
    await page.getByRole('button', { name: 'Buchung bestätigen' }).click();
    await page.getByText('Geben Sie Ihren vollständigen Namen ein.').waitFor();
    await page.getByText('Bitte akzeptieren Sie die Buchungsbedingungen, um fortzufahren.').waitFor();
    await page.getByLabel('Vor- und Nachname').fill('Greta Gast');
    await page.getByLabel('E-Mail').fill('greta.gast@example.test');
    await page.getByLabel(/Ich akzeptiere die Buchungsbedingungen/).check();
    await expectAccessible(page, 'stay in German: details');
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `widget-i18n-stay-de-details-${size.width}.png`),
        fullPage: true,
      });
    }
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: 'Buchung bestätigen' }).click();
    await page.getByRole('heading', { name: 'Ihr Aufenthalt ist gebucht' }).waitFor();
    const reference = (await page.getByTestId('booking-reference').textContent()) ?? '';
    await page.getByText(`Buchungsnummer ${reference}`).waitFor();
    await page.getByText('Sichere Buchung mit Roost').waitFor();
    const [row] = await web.stack.admin<{ status: string }[]>`
      select status::text from public.bookings where reference = ${reference} and organization_id = ${tenant.organizationId}`;
    expect(row?.status).toBe('confirmed');
    // The guest booked on the German page: their profile, and so their emails, are German.
    const [guest] = await web.stack.admin<{ language: string | null }[]>`
      select language from public.guests where email = 'greta.gast@example.test' and organization_id = ${tenant.organizationId}`;
    expect(guest?.language).toBe('de');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-i18n-stay-de-done-1440.png'), fullPage: true });
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('falls back to English for a language without a catalogue (locale=it)', async () => {
    const watched = await openPage(web.browser, DESKTOP);
    const params = new URLSearchParams({ key: hotelKey, locale: 'it-IT' });
    await watched.page.goto(`${web.url}/embed/manage?${params}`);
    await watched.page.getByRole('heading', { name: 'Manage your booking' }).waitFor();
    expect(await watched.page.locator('.roost-embed').getAttribute('lang')).toBe('en');
    await watched.context.close();
  });
});

describe('table service hours', () => {
  const open = localDate(9);
  const closed = localDate(10);

  it('are set by a manager on the property page', async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signedIn(web.url, watched, manager, `/o/${tenant.slug}/properties/${tenant.propertyIds[1]}`);
    await page.getByRole('heading', { name: 'Table service hours' }).waitFor();
    const day = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    const openDay = day[weekdayOf(open) - 1] ?? '';
    const closedDay = day[weekdayOf(closed) - 1] ?? '';
    const form = page.getByRole('form', { name: 'Table service hours' });
    // A half-filled service is refused on the page, nothing saved.
    await form.getByLabel(`${openDay}, second service, first seating`).fill('18:00');
    await form.getByRole('button', { name: 'Save service hours' }).click();
    await form.getByText(`${openDay}, second service: enter the first and the last seating, or neither.`).waitFor();
    await expectAccessible(page, 'table service hours with a refusal');
    await form.getByLabel(`${openDay}, first service, first seating`).fill('12:00');
    await form.getByLabel(`${openDay}, first service, last seating`).fill('13:00');
    await form.getByLabel(`${openDay}, second service, last seating`).fill('19:30');
    await form.getByLabel(`${closedDay}, first service, first seating`).fill('');
    await form.getByLabel(`${closedDay}, first service, last seating`).fill('');
    await form.getByLabel('Seat guests every').selectOption('30');
    await form.getByRole('button', { name: 'Save service hours' }).click();
    await page.getByText('Table service hours saved.').waitFor();
    await page.reload();
    await expect(
      page
        .getByRole('form', { name: 'Table service hours' })
        .getByLabel(`${openDay}, second service, last seating`)
        .inputValue(),
    ).resolves.toBe('19:30');
    const [row] = await web.stack.admin<{ periods: { weekday: number; opens: string }[] }[]>`
      select service_periods as periods from public.property_settings where property_id = ${tenant.propertyIds[1]}`;
    expect(row?.periods.filter((p) => p.weekday === weekdayOf(open)).map((p) => p.opens)).toEqual(['12:00', '18:00']);
    expect(row?.periods.some((p) => p.weekday === weekdayOf(closed))).toBe(false);
    await page.getByRole('heading', { name: 'Table service hours' }).scrollIntoViewIfNeeded();
    await staffScreenshots(page, 'widget-i18n-service-hours');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('give the table widget its times (in French) and the reservation book its hours', async () => {
    const watched = await openPage(web.browser, DESKTOP);
    const { page } = watched;
    const params = new URLSearchParams({
      key: restaurantKey,
      locale: 'fr',
      date: open,
    });
    await page.goto(`${web.url}/embed/table?${params}`);
    await page.getByRole('heading', { name: 'Réserver une table' }).waitFor();
    await page.getByRole('button', { name: 'Trouver une table' }).click();
    await page.getByRole('heading', { name: 'Choisissez une heure' }).waitFor();
    const times = [...new Set((await page.locator('.w-slot').allTextContents()).map((text) => text.slice(0, 5)))];
    expect(times).toEqual(['12:00', '12:30', '13:00', '18:00', '18:30', '19:00', '19:30']);
    await expectAccessible(page, 'table widget in French');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'widget-i18n-table-fr-1440.png'), fullPage: true });
    await page.getByLabel('Date').fill(closed);
    await page.getByRole('button', { name: 'Trouver une table' }).click();
    await page.getByText('Aucune table n’est libre ce jour-là pour votre groupe.', { exact: false }).waitFor();
    expect(await page.locator('.w-slot').count()).toBe(0);
    expectNoProblems(watched);
    await watched.context.close();

    const desk = await openPage(web.browser, TABLET);
    await signedIn(web.url, desk, manager, `/o/${tenant.slug}/p/${tenant.propertyIds[1]}/reservations?date=${open}`);
    await desk.page.getByTestId('service-hours').getByText('Seating 12:00–13:00, 18:00–19:30').waitFor();
    await desk.page.goto(`${web.url}/o/${tenant.slug}/p/${tenant.propertyIds[1]}/reservations?date=${closed}`);
    await desk.page.getByText('No table service this day (online booking closed)').waitFor();
    await desk.context.close();
  });
});
