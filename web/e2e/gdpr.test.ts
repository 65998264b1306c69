// Guest data requests in the portal (decision 037), in Chromium against a throwaway stack with the
// worker's guest data consumers running: an admin opens a guest's data page from the profile,
// exports the data (progress, then a download link that gives the zip), a manager gets 403 on the
// page and on a forged post; a guest asks on the public page with their booking reference and
// email (a wrong email reads the same, and only the address on file gets a link); the admin
// erases the guest by typing their name, after which the guest search finds nothing and the old
// export is gone. Every new page passes axe and is photographed at both sizes.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGuestDataWorker, startGuestDataWorker } from '../../gpu-worker/src/gdpr/run.ts';
import { quietLogger } from '../../gpu-worker/src/jobs/testing/support.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('guest data requests', () => {
  let admin: SeededUser;
  let manager: SeededUser;
  let worker: RunningGuestDataWorker;
  const org = { slug: `gdpr-${Date.now().toString(36)}`, name: 'Harbour Rooms' };
  const guest = {
    name: 'Greta Lindqvist',
    email: `greta.${Date.now().toString(36)}@guest.test`,
    phone: '+46701234567',
  };
  let organizationId = '';
  let guestId = '';
  let reference = '';
  let exportHref = '';

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Oona Owner');
    admin = await createUser(web.stack, 'admin', 'Arvid Admin');
    manager = await createUser(web.stack, 'manager', 'Maja Manager');
    organizationId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: manager, role: 'manager' },
    ]);
    const admin$ = web.stack.admin;
    const [property] = await admin$<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind) values (${organizationId}, 'Harbour Hotel', 'hotel') returning id`;
    const [type] = await admin$<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${organizationId}, ${property?.id as string}, 'room', 'Double', 'night') returning id`;
    const [room] = await admin$<{ id: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
      values (${organizationId}, ${property?.id as string}, ${type?.id as string}, '12', 1, 2) returning id`;
    const [row] = await admin$<{ id: string }[]>`
      insert into public.guests (organization_id, full_name, email, phone, notes)
      values (${organizationId}, ${guest.name}, ${guest.email}, ${guest.phone}, 'Allergic to feathers') returning id`;
    guestId = row?.id as string;
    const [booking] = await admin$<{ reference: string }[]>`
      insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
        arrival_date, departure_date, party_size, total_minor, price_breakdown, confirmed_at)
      select ${organizationId}, ${property?.id as string}, ${room?.id as string}, ${guestId}, 'confirmed', p, p, d, d + 2, 2, 24000, '{}'::jsonb, now()
      from (select (now() at time zone 'Europe/Lisbon')::date + 20 as d) today,
        lateral (select tstzrange((d + time '15:00') at time zone 'Europe/Lisbon', (d + 2 + time '11:00') at time zone 'Europe/Lisbon') as p) period
      returning reference`;
    reference = booking?.reference as string;
    worker = await startGuestDataWorker({
      dbUrl: web.stack.dbUrl,
      apiUrl: web.stack.url,
      serviceKey: web.stack.keys.service_role_key,
      log: quietLogger(),
      pollingIntervalSeconds: 0.5,
    });
  });

  afterAll(async () => {
    await worker?.stop();
  });

  it('lets an admin export a guest data and download the zip', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}/guests/${guestId}`);
    await page.getByRole('link', { name: 'Export or erase data' }).click();
    await page.getByRole('heading', { name: `Data requests: ${guest.name}`, level: 1 }).waitFor();
    await page.getByText('No request yet.').waitFor();
    await expectAccessible(page, 'guest data requests empty');

    await page.getByRole('button', { name: 'Export data' }).click();
    await page.getByText('The export is being prepared.').waitFor();
    // The page reads the worker's progress again by itself.
    const download = page.getByRole('link', { name: 'Download zip' });
    await download.waitFor({ timeout: 30_000 });
    await page.getByText('Done', { exact: true }).waitFor();
    exportHref = (await download.getAttribute('href')) as string;
    const zip = await page.request.get(`${web.url}${exportHref}`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await zip.body()));
    const json = JSON.parse(strFromU8(files['guest-data.json'] as Uint8Array));
    expect(json.tables['public.guests'][0]).toMatchObject({ full_name: guest.name, email: guest.email });
    expect(json.tables['public.bookings'][0]).toMatchObject({ reference });
    expect(strFromU8(files['csv/public.bookings.csv'] as Uint8Array)).toContain(reference);
    await expectAccessible(page, 'guest data requests with an export');
    await screenshots(page, 'gdpr-guest-data');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to a manager on the page, a forged export and the download', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, manager, `/o/${org.slug}/guests/${guestId}`);
    await page.getByRole('heading', { name: guest.name, level: 1 }).waitFor();
    await expect(page.getByRole('link', { name: 'Export or erase data' }).count()).resolves.toBe(0);
    const shown = await page.goto(`${web.url}/o/${org.slug}/guests/${guestId}/data`);
    expect(shown?.status()).toBe(403);
    const before = await web.stack.admin`select id from public.guest_data_requests where guest_id = ${guestId}`;
    const forms: Record<string, string>[] = [{ intent: 'export' }, { intent: 'erase', confirm_name: guest.name }];
    for (const form of forms) {
      const post = await page.request.post(`${web.url}/o/${org.slug}/guests/${guestId}/data`, {
        form,
        headers: { Origin: web.url },
      });
      expect(post.status(), form.intent).toBe(403);
    }
    expect(await web.stack.admin`select id from public.guest_data_requests where guest_id = ${guestId}`).toEqual(
      before,
    );
    expect((await page.request.get(`${web.url}${exportHref}`)).status()).toBe(403);
    await watched.context.close();
  });

  it('lets a guest ask with a booking reference and email, answering a wrong email the same', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await page.goto(`${web.url}/data-request`);
    await page.getByRole('heading', { name: 'Your personal data', level: 1 }).waitFor();
    await expectAccessible(page, 'data request form');
    await screenshots(page, 'gdpr-data-request');
    const answer = 'Thank you. If the booking reference and email match a booking';

    await page.getByRole('button', { name: 'Email me my data' }).click();
    await page.getByText('Enter the booking reference from your confirmation').waitFor();
    await page.getByLabel('Booking reference').fill(reference);
    await page.getByLabel('Email address').fill('not.greta@guest.test');
    await page.getByRole('button', { name: 'Email me my data' }).click();
    await page.getByText(answer).waitFor();
    const wrong = await page.locator('main').textContent();

    await page.goto(`${web.url}/data-request`);
    await page.getByLabel('Booking reference').fill(reference.toLowerCase());
    await page.getByLabel('Email address').fill(guest.email);
    await page.getByRole('button', { name: 'Email me my data' }).click();
    await page.getByText(answer).waitFor();
    expect(await page.locator('main').textContent(), 'the same page whether or not it matched').toBe(wrong);
    await expectAccessible(page, 'data request answered');

    const mail = await waitFor(
      'the link mailed to the address on file',
      async () => {
        const rows = await web.stack.admin<{ recipient: string; text: string }[]>`
          select recipient, text from private.mail_outbox where template = 'guest_data_export'`;
        return rows[0];
      },
      30_000,
      200,
    );
    expect(mail.recipient).toBe(guest.email);
    const link = /https?:\/\/\S+/.exec(mail.text)?.[0] as string;
    expect((await page.request.get(link)).status()).toBe(200);
    const [others] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from private.mail_outbox where recipient = 'not.greta@guest.test'`;
    expect(others?.n).toBe(0);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('lets an admin erase the guest by typing their name; the guest is then not found', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}/guests/${guestId}/data`);
    await page.getByRole('heading', { name: 'Erase the guest' }).waitFor();
    await page.getByLabel(`Type ${guest.name} to confirm`).fill('Greta');
    await page.getByRole('button', { name: 'Erase this guest' }).click();
    await page.getByText(`Type ${guest.name} to confirm.`).waitFor();
    await page.getByLabel(`Type ${guest.name} to confirm`).fill(guest.name.toUpperCase());
    await page.getByRole('button', { name: 'Erase this guest' }).click();
    await page.getByText('The erasure has started. It cannot be undone.').waitFor();
    await page.getByText('This guest was erased on').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: /^Data requests: Erased guest [0-9A-F]{8}$/ }).waitFor();
    await page.getByText('Deleted with the erasure').first().waitFor();
    await expectAccessible(page, 'guest erased');
    await screenshots(page, 'gdpr-guest-erased');
    expect((await page.request.get(`${web.url}${exportHref}`)).status(), 'the old export is gone').toBe(404);

    for (const query of [guest.name, guest.email, guest.phone]) {
      await page.goto(`${web.url}/o/${org.slug}/guests?q=${encodeURIComponent(query)}`);
      await page.getByRole('heading', { name: 'Guests', level: 1 }).waitFor();
      // No row links to the guest (the empty state may repeat the query itself).
      await expect(page.locator(`a[href$="/guests/${guestId}"]`).count(), query).resolves.toBe(0);
      await expect(page.getByRole('link', { name: guest.name }).count(), query).resolves.toBe(0);
    }
    const [row] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.guests where organization_id = ${organizationId}
        and (full_name = ${guest.name} or email = ${guest.email} or phone = ${guest.phone})`;
    expect(row?.n).toBe(0);
    expectNoProblems(watched);
    await watched.context.close();
  });
});
