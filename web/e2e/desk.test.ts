// The front desk's booking drawer and folio in Chromium against a throwaway stack: a booking
// made from the grid's link (stay from the query, priced, held once however often the form is
// sent, a new guest, confirmed); a second guest with the same email refused by the database and
// the existing one offered; a change of dates priced before saving; a cancellation whose fee is
// shown first and matches the database's, seen live by a second device; check-in, the folio's
// payment and charge, its balance and invoice PDF; staff cannot post an adjustment (hidden, and
// a forged post is refused by the database); a staff member of another property gets 404, a
// viewer 403. Every page passes axe (nothing serious or critical) and is photographed at
// 1024×768 and 1280×800 (.roost/screenshots/desk-*).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../app/utils/calendar-dates.ts';
import { openPage, SCREENSHOT_DIR } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
];

async function photograph(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `desk-${name}-${size.width}x${size.height}.png`),
      fullPage: true,
    });
  }
  if (original) await page.setViewportSize(original);
}

describe('front desk: booking drawer and folio', () => {
  let staff: SeededUser;
  let manager: SeededUser;
  let elsewhere: SeededUser;
  let viewer: SeededUser;
  const org = { slug: `desk-${Date.now().toString(36)}`, name: 'Harbour Hotels' };
  let hotel = '';
  let otherProperty = '';
  const rooms: Record<string, string> = {};
  let otherBooking = '';
  let arriving = '';
  let confirmedId = '';
  const today = todayIn('Europe/Lisbon');
  const base = () => `/o/${org.slug}/p/${hotel}`;

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'desk', 'Dora Desk');
    manager = await createUser(web.stack, 'manager', 'Max Manager');
    elsewhere = await createUser(web.stack, 'elsewhere', 'Eli Elsewhere');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    const orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: manager, role: 'manager' },
      { user: elsewhere, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const properties = await web.stack.admin<{ id: string; name: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Harbour View Hotel', 'hotel', 'Europe/Lisbon', 'EUR'),
             (${orgId}, 'Hillside Lodge', 'hotel', 'Europe/Lisbon', 'EUR')
      returning id, name`;
    hotel = properties.find((p) => p.name === 'Harbour View Hotel')?.id ?? '';
    otherProperty = properties.find((p) => p.name === 'Hillside Lodge')?.id ?? '';
    for (const property of [hotel, otherProperty]) {
      const [type] = await web.stack.admin<{ id: string }[]>`
        insert into public.resource_types (organization_id, property_id, kind, name, pricing)
        values (${orgId}, ${property}, 'room', 'Double', 'night') returning id`;
      await web.stack.admin`
        insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
        values (${orgId}, ${property}, ${type?.id ?? ''}, 'Flexible', 10000, 2)`;
      await web.stack.admin`
        insert into public.property_taxes (organization_id, property_id, name, basis, amount_minor, inclusive, applies_to)
        values (${orgId}, ${property}, 'City tax', 'per_unit', 200, false, '{room}')`;
      const created = await web.stack.admin<{ id: string; name: string }[]>`
        insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
        select ${orgId}, ${property}, ${type?.id ?? ''}, n, 1, 3 from unnest(array['101', '102', '103']) n
        returning id, name`;
      if (property === hotel) for (const room of created) rooms[room.name] = room.id;
    }
    // A booking arriving today (for check-in) and one at the other property, priced as the RPC would.
    const stay = async (property: string, resource: string, status: string) => {
      const [row] = await web.stack.admin<{ id: string }[]>`
        with p as (select (now() at time zone 'Europe/Lisbon')::date as arrival),
        q as (
          select rp.id as plan, private.quote(rp, 'room', 'night', array[p.arrival], 2) as quote
          from public.rate_plans rp, p where rp.property_id = ${property}
        )
        insert into public.bookings (organization_id, property_id, resource_id, rate_plan_id, status, period,
          blocked_period, arrival_date, departure_date, party_size, total_minor, price_breakdown, source, confirmed_at)
        select ${orgId}, ${property}, ${resource}, q.plan, ${status}::public.booking_status,
          tstzrange((p.arrival + time '15:00') at time zone 'Europe/Lisbon', (p.arrival + 1 + time '11:00') at time zone 'Europe/Lisbon'),
          tstzrange((p.arrival + time '15:00') at time zone 'Europe/Lisbon', (p.arrival + 1 + time '11:00') at time zone 'Europe/Lisbon'),
          p.arrival, p.arrival + 1, 2, (q.quote ->> 'total_minor')::bigint, q.quote, 'staff', now()
        from p, q
        returning id`;
      return row?.id ?? '';
    };
    arriving = await stay(hotel, rooms['103'] ?? '', 'confirmed');
    const [otherRoom] = await web.stack.admin<{ id: string }[]>`
      select id from public.resources where property_id = ${otherProperty} order by name limit 1`;
    otherBooking = await stay(otherProperty, otherRoom?.id ?? '', 'confirmed');
    // Eli works at the lodge only.
    await web.stack.admin`
      update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${elsewhere.id}`;
    await web.stack.admin`
      insert into public.member_property_access (organization_id, user_id, property_id)
      values (${orgId}, ${elsewhere.id}, ${otherProperty})`;
  });

  it('books from the grid’s link: priced stay, one hold however often sent, new guest, confirmed', async () => {
    const watched = await openPage(web.browser, SIZES[0]);
    const { page } = watched;
    const arrival = addDays(today, 1);
    const departure = addDays(today, 3);
    const query = new URLSearchParams({ resource: rooms['101'] ?? '', arrival, departure });
    await signedIn(web.url, watched, staff, `${base()}/bookings/new?${query}`);
    await page.getByRole('heading', { name: 'New booking' }).waitFor();
    await expect(page.getByLabel('Room').inputValue(), 'room from the link').resolves.toBe(rooms['101']);
    await expect(page.getByLabel('Arrival').inputValue()).resolves.toBe(arrival);
    await expect(page.getByLabel('Departure').inputValue()).resolves.toBe(departure);
    // Two nights at 100.00 plus a city tax of 2.00 a night.
    await expect(page.getByTestId('offer-total').textContent()).resolves.toBe('€204.00');
    await expectAccessible(page, 'new booking: stay');
    await photograph(page, 'new-stay');

    // The form's idempotency key: sent twice (a double tap, a retry), one hold.
    const key = await page.locator('input[name="key"]').first().inputValue();
    for (let i = 0; i < 2; i += 1) {
      const response = await page.request.post(`${web.url}${base()}/bookings/new`, {
        form: { intent: 'hold', key, resource: rooms['101'] ?? '', arrival, departure, party: '2' },
        headers: { Origin: web.url },
      });
      expect(response.status(), 'the hold is made (or found again)').toBeLessThan(400);
    }
    const [{ holds } = { holds: 0 }] = await web.stack.admin<{ holds: number }[]>`
      select count(*)::int as holds from public.bookings where idempotency_key = ${key}`;
    expect(holds, 'one hold for two posts').toBe(1);

    // The tap on the page itself, a third send of the same form: still that one hold.
    await page.getByRole('button', { name: 'Hold this room' }).click();
    await page.getByText(/Held until/).waitFor();
    const [{ again } = { again: 0 }] = await web.stack.admin<{ again: number }[]>`
      select count(*)::int as again from public.bookings where idempotency_key = ${key}`;
    expect(again, 'one hold for three sends').toBe(1);
    await page.getByRole('form', { name: 'New guest' }).getByLabel('Full name').fill('Maria Silva');
    await page.getByRole('form', { name: 'New guest' }).getByLabel('Email').fill('maria.silva@example.test');
    await page.getByRole('button', { name: 'Add guest to booking' }).click();
    await page.getByTestId('hold-guest').filter({ hasText: 'Maria Silva' }).waitFor();
    await expectAccessible(page, 'new booking: guest');
    await photograph(page, 'new-guest');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByText('Booking confirmed.').waitFor();
    confirmedId = page.url().split('/bookings/')[1]?.split('?')[0] ?? '';
    const [row] = await web.stack.admin<{ status: string; guest: string; resource_id: string }[]>`
      select b.status::text, g.full_name as guest, b.resource_id from public.bookings b
      join public.guests g on g.id = b.guest_id where b.id = ${confirmedId}`;
    expect(row, 'confirmed with its guest').toEqual({
      status: 'confirmed',
      guest: 'Maria Silva',
      resource_id: rooms['101'],
    });
    expectNoProblems(watched);

    // A second booking, a "new" guest with the same email: the database refuses the duplicate.
    await page.goto(
      `${web.url}${base()}/bookings/new?${new URLSearchParams({ resource: rooms['103'] ?? '', arrival: addDays(today, 5), departure: addDays(today, 6) })}`,
    );
    await page.getByRole('button', { name: 'Hold this room' }).click();
    await page.getByText(/Held until/).waitFor();
    const guestForm = page.getByRole('form', { name: 'New guest' });
    await guestForm.getByLabel('Full name').fill('Maria S.');
    await guestForm.getByLabel('Email').fill('Maria.Silva@example.test');
    await page.getByRole('button', { name: 'Add guest to booking' }).click();
    await guestForm.getByText('Another guest already has this email.', { exact: false }).waitFor();
    await expect(guestForm.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByRole('button', { name: 'Choose Maria Silva' }).click();
    await page.getByTestId('hold-guest').filter({ hasText: 'Maria Silva' }).waitFor();
    const [{ profiles } = { profiles: 0 }] = await web.stack.admin<{ profiles: number }[]>`
      select count(*)::int as profiles from public.guests where lower(email::text) = 'maria.silva@example.test'`;
    expect(profiles, 'one profile').toBe(1);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('prices a change of dates before saving, and shows the cancellation fee first, live on a second device', async () => {
    const desk = await openPage(web.browser, SIZES[0]);
    const other = await openPage(web.browser, SIZES[1]);
    const { page } = desk;
    await signedIn(web.url, desk, staff, `${base()}/bookings/${confirmedId}`);
    await signedIn(web.url, other, manager, `${base()}/bookings/${confirmedId}`);
    await page.getByRole('link', { name: 'Change stay' }).click();
    await page.getByLabel('Departure').fill(addDays(today, 4));
    await page.getByRole('button', { name: 'Preview new price' }).click();
    await expect(page.getByTestId('modify-new-total').textContent(), 'three nights').resolves.toBe('€306.00');
    await expect(page.getByTestId('booking-total').textContent(), 'not saved yet').resolves.toBe('€204.00');
    await expectAccessible(page, 'booking: change preview');
    await photograph(page, 'booking-modify');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Booking changed and re-priced.').waitFor();
    await expect(page.getByTestId('booking-total').textContent()).resolves.toBe('€306.00');
    const [changed] = await web.stack.admin<{ total_minor: string; departure_date: string }[]>`
      select total_minor::text, departure_date::text from public.bookings where id = ${confirmedId}`;
    expect(changed).toEqual({ total_minor: '30600', departure_date: addDays(today, 4) });

    await other.page.getByText('Live', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Cancel booking' }).click();
    // Arriving tomorrow, inside the 48 free hours: the first night (100.00, no taxes).
    await expect(page.getByTestId('cancel-fee').textContent()).resolves.toBe('€100.00');
    await expectAccessible(page, 'booking: cancel confirmation');
    await photograph(page, 'booking-cancel');
    await page.getByRole('button', { name: /Cancel booking, fee/ }).click();
    await page.getByText('Booking cancelled.').waitFor();
    const [cancelled] = await web.stack.admin<{ status: string; cancellation_fee_minor: string }[]>`
      select status::text, cancellation_fee_minor::text from public.bookings where id = ${confirmedId}`;
    expect(cancelled, 'the fee shown is the fee recorded').toEqual({
      status: 'cancelled',
      cancellation_fee_minor: '10000',
    });
    // The manager's page follows without a reload.
    await other.page.getByTestId('booking-status').getByText('Cancelled').waitFor({ timeout: 10_000 });
    expectNoProblems(desk);
    expectNoProblems(other);
    await desk.context.close();
    await other.context.close();
  });

  it('checks a guest in and runs the folio: payment, charge, balance, invoice; staff cannot adjust', async () => {
    const desk = await openPage(web.browser, SIZES[0]);
    const { page } = desk;
    await signedIn(web.url, desk, staff, `${base()}/bookings/${arriving}`);
    await page.getByRole('link', { name: 'Check in with ID scan' }).waitFor();
    await expect(page.getByRole('link', { name: 'Check in with ID scan' }).getAttribute('href')).resolves.toBe(
      `${base()}/check-in/${arriving}`,
    );
    await expectAccessible(page, 'booking: confirmed');
    await photograph(page, 'booking');
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByText('Guest checked in.').waitFor();
    await page.getByRole('button', { name: 'Open folio' }).click();
    await page.getByRole('heading', { name: /Folio/ }).waitFor();
    const folioUrl = page.url();
    const folioId = folioUrl.split('/folios/')[1]?.split('?')[0] ?? '';
    await expect(page.getByRole('form', { name: 'Charge or discount' }).count(), 'hidden from staff').resolves.toBe(0);
    await page.getByLabel('Amount (EUR)').fill('50');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('Payment recorded.').waitFor();
    await expect(page.getByTestId('folio-balance').textContent()).resolves.toBe('-€50.00');

    const forged = await page.request.post(folioUrl, {
      form: { intent: 'adjustment', amount: '-500', reason: 'Forged discount' },
      headers: { Origin: web.url },
    });
    expect(forged.status(), 'the database refuses a manager-only adjustment').toBe(403);
    expect(await forged.text()).toContain('Only a manager can do this');
    const [{ adjustments } = { adjustments: -1 }] = await web.stack.admin<{ adjustments: number }[]>`
      select count(*)::int as adjustments from public.folio_entries where folio_id = ${folioId} and kind = 'adjustment'`;
    expect(adjustments).toBe(0);
    expectNoProblems(desk);
    await desk.context.close();

    const office = await openPage(web.browser, SIZES[1]);
    await signedIn(web.url, office, manager, `${base()}/folios/${folioId}`);
    const charge = office.page.getByRole('form', { name: 'Charge or discount' });
    await charge.getByLabel('Amount (EUR)').fill('80');
    await charge.getByLabel('Reason').fill('Minibar');
    await charge.getByRole('button', { name: 'Post adjustment' }).click();
    await office.page.getByText('Adjustment posted.').waitFor();
    await expect(office.page.getByTestId('folio-balance').textContent(), '80 charged, 50 paid').resolves.toBe('€30.00');
    const [folio] = await web.stack.admin<{ balance_minor: string }[]>`
      select balance_minor::text from public.folios where id = ${folioId}`;
    expect(folio?.balance_minor).toBe('3000');
    await expectAccessible(office.page, 'folio');
    await photograph(office.page, 'folio');

    const pdf = await office.page.request.get(`${web.url}${base()}/folios/${folioId}.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^inline/);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const document = await PDFDocument.load(bytes);
    expect(document.getPageCount()).toBe(1);
    expect(document.getTitle()).toMatch(/^Invoice [A-Z0-9]{8}-/);

    // Settlement at check-out: the balance paid, the folio settled, then the guest checks out.
    const payment = office.page.getByRole('form', { name: 'Take a payment' });
    await payment.getByLabel('Amount (EUR)').fill('30');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await office.page.getByText('Payment recorded.').waitFor();
    await office.page.getByRole('button', { name: 'Settle folio' }).click();
    await office.page.getByText('Folio settled.').waitFor();
    await office.page.getByRole('link', { name: 'Check out' }).click();
    await office.page.getByRole('button', { name: 'Check out' }).click();
    await office.page.getByText('Guest checked out.').waitFor();
    const [out] = await web.stack.admin<{ status: string; folio: string }[]>`
      select b.status::text, f.status::text as folio from public.bookings b
      join public.folios f on f.booking_id = b.id where b.id = ${arriving}`;
    expect(out).toEqual({ status: 'checked_out', folio: 'settled' });
    expectNoProblems(office);
    await office.context.close();
  });

  it('hides another property’s booking from a staff member who does not work there, and a viewer gets 403', async () => {
    const watched = await openPage(web.browser, SIZES[0]);
    const { page } = watched;
    await signedIn(web.url, watched, elsewhere, `/o/${org.slug}/p/${otherProperty}/bookings/${otherBooking}`);
    await page.getByTestId('booking-status').waitFor();
    const hidden = await page.goto(`${web.url}${base()}/bookings/${arriving}`);
    expect(hidden?.status(), 'another property’s booking').toBe(404);
    const wrongProperty = await page.goto(`${web.url}/o/${org.slug}/p/${otherProperty}/bookings/${arriving}`);
    expect(wrongProperty?.status(), 'a booking under the wrong property').toBe(404);
    const forged = await page.request.post(`${web.url}${base()}/bookings/${arriving}`, {
      form: { intent: 'cancel', reason: '' },
      headers: { Origin: web.url },
    });
    expect(forged.status(), 'the action refuses too').toBe(404);
    await watched.context.close();

    const looker = await openPage(web.browser, SIZES[0]);
    await signedIn(web.url, looker, viewer, `/o/${org.slug}`);
    const denied = await looker.page.goto(`${web.url}${base()}/bookings/${arriving}`);
    expect(denied?.status(), 'a viewer').toBe(403);
    await looker.context.close();
  });
});
