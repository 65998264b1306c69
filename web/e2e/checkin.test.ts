// Check-in with an ID scan in Chromium against a throwaway stack and the real OCR worker (on CPU,
// started by this file: the web stack does not run it). A front-desk member photographs a
// rendered passport (a valid TD3 machine-readable zone): the upload makes an ocr_id_document job,
// the page shows it waiting (and, once it has waited too long, that the scanner is not answering),
// the worker is started, the page follows the job live to the MRZ fields, the guest's name and
// the document's fields are filled, staff confirm, the booking is checked in with the document
// recorded (guest_identity_documents, shown as on file) and the scan is gone from Storage. An
// unreadable photo says so and manual entry still checks in, the document typed by hand (a field
// corrected after the form refused it is what is stored); a wrong file type is refused before
// upload. A member restricted to another property gets 404, a viewer 403 (page and forged post).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specimen, td3 } from '../../gpu-worker/src/ocr/testing/mrz-specimen.ts';
import { renderLines } from '../../gpu-worker/src/ocr/testing/render.ts';
import { type RunningWorker, startWorker } from '../../gpu-worker/src/start.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { openPage, TABLET } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn, staffScreenshots } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

/** Landscape tablet sizes, the front desk's screens. */
describe('check-in with an ID scan', () => {
  let staff: SeededUser;
  let restricted: SeededUser;
  let viewer: SeededUser;
  let worker: RunningWorker | undefined;
  const org = { slug: `desk-${Date.now().toString(36)}`, name: 'Shoreline Stays' };
  let orgId = '';
  let seaside = '';
  let lodge = '';
  const bookings = { passport: '', manual: '', lodge: '' };
  const guests = { passport: '', manual: '' };
  const path = (propertyId: string, bookingId: string) => `/o/${org.slug}/p/${propertyId}/check-in/${bookingId}`;

  async function ensureWorker(): Promise<void> {
    worker ??= await startWorker({
      dbUrl: web.stack.dbUrl,
      apiUrl: web.stack.url,
      serviceKey: web.stack.keys.service_role_key,
      kinds: ['ocr_id_document'],
      batchSize: 1,
      pollingIntervalSeconds: 0.5,
      metricsPort: 0,
    });
  }

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    staff = await createUser(web.stack, 'desk', 'Dora Desk');
    restricted = await createUser(web.stack, 'lodge', 'Len Lodge');
    viewer = await createUser(web.stack, 'viewer', 'Vic Viewer');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: staff, role: 'staff' },
      { user: restricted, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    const sql = web.stack.admin;
    const [first, second] = await sql<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Seaside Inn', 'hotel', 'Europe/Lisbon', 'EUR'),
             (${orgId}, 'Hill Lodge', 'hotel', 'Europe/Lisbon', 'EUR')
      returning id`;
    seaside = first?.id ?? '';
    lodge = second?.id ?? '';
    // Len works at the lodge only.
    await sql`update public.memberships set all_properties = false where organization_id = ${orgId} and user_id = ${restricted.id}`;
    await sql`insert into public.member_property_access (organization_id, user_id, property_id)
      values (${orgId}, ${restricted.id}, ${lodge})`;
    const room = async (propertyId: string, name: string) => {
      const [type] = await sql<{ id: string }[]>`
        insert into public.resource_types (organization_id, property_id, name, kind, pricing)
        values (${orgId}, ${propertyId}, ${`Double ${name}`}, 'room', 'night') returning id`;
      const [resource] = await sql<{ id: string }[]>`
        insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
        values (${orgId}, ${propertyId}, ${type?.id ?? ''}, ${name}, 2) returning id`;
      return resource?.id ?? '';
    };
    const guest = async (name: string) => {
      const [row] = await sql<{ id: string }[]>`
        insert into public.guests (organization_id, full_name) values (${orgId}, ${name}) returning id`;
      return row?.id ?? '';
    };
    // Arriving today (local) for two nights, confirmed.
    const stay = async (propertyId: string, resourceId: string, guestId: string) => {
      const [row] = await sql<{ id: string }[]>`
        insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
          arrival_date, departure_date, party_size, total_minor, price_breakdown, confirmed_at)
        select ${orgId}, ${propertyId}, ${resourceId}, ${guestId}, 'confirmed', p, p, d, d + 2, 1, 24000, '{}'::jsonb, now()
        from (select (now() at time zone 'Europe/Lisbon')::date as d) today,
          lateral (select tstzrange((d + time '15:00') at time zone 'Europe/Lisbon',
                                    (d + 2 + time '11:00') at time zone 'Europe/Lisbon') as p) period
        returning id`;
      return row?.id ?? '';
    };
    guests.passport = await guest('A. Eriksson');
    guests.manual = await guest('B. Alves');
    bookings.passport = await stay(seaside, await room(seaside, '101'), guests.passport);
    bookings.manual = await stay(seaside, await room(seaside, '102'), guests.manual);
    bookings.lodge = await stay(lodge, await room(lodge, '1'), await guest('Lodge Guest'));
  });
  afterAll(async () => worker?.stop());

  const documentsOf = (bookingId: string) => web.stack.admin<Record<string, string | null>[]>`
    select document_type, document_number, issuing_country, nationality, birth_date::text, expiry_date::text,
      captured_by::text, (delete_after = upper(b.period) + interval '30 days')::text as kept_until_checkout_plus_30
    from public.guest_identity_documents d join public.bookings b on b.id = d.booking_id
    where d.booking_id = ${bookingId}`;

  const scansOf = (bookingId: string) => web.stack.admin<{ name: string }[]>`
    select name from storage.objects where bucket_id = 'documents' and name like ${`%/inbox/id-documents/${bookingId}-%`}`;

  // The worker's first read loads the models on two shared cores: up to a minute and a half in all.
  it('reads a photographed passport into the form, then checks the guest in', { timeout: 180_000 }, async () => {
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, staff, path(seaside, bookings.passport));
    await page.getByRole('heading', { name: /^Check in / }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await expect(page.getByLabel('Full name').inputValue()).resolves.toBe('A. Eriksson');
    await expectAccessible(page, 'check-in page');
    await staffScreenshots(page, 'check-in');

    // A PDF is refused in the browser, before any upload.
    const file = page.getByLabel('Take or choose a photo');
    await file.setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.getByText('Choose a photo (JPEG, PNG or WebP).', { exact: false }).waitFor();
    expect(await scansOf(bookings.passport), 'nothing uploaded').toEqual([]);

    // No worker yet: the job waits in the queue and the page shows it.
    const passport = await renderLines(['PASSPORT', 'KINGDOM OF THE NETHERLANDS', '', ...td3(specimen)], {
      fontFamily: 'DejaVu Sans Mono',
      fontSize: 26,
    });
    await file.setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: Buffer.from(passport) });
    await page.getByText('Waiting for the scanner…').waitFor();
    await expect(page.getByRole('progressbar').count(), 'a progress bar').resolves.toBe(1);
    const [job] = await web.stack.admin<{ id: string; status: string; name: string }[]>`
      select id, status, input ->> 'name' as name from public.jobs
      where property_id = ${seaside} and kind = 'ocr_id_document' and input ->> 'name' like ${`%${bookings.passport}-%`}`;
    expect(job?.status, 'the upload made a queued job').toBe('queued');
    // A job that has waited longer than a running worker lets it: the page says so without a reload.
    await web.stack.admin`update public.jobs set created_at = now() - interval '1 minute' where id = ${job?.id ?? ''}`;
    await page.getByText('The scanner is not answering', { exact: false }).waitFor();
    await expectAccessible(page, 'check-in with a stalled scan');
    await staffScreenshots(page, 'check-in-waiting');

    // The worker starts and reads the scan; the page follows the job live.
    await ensureWorker();
    await page.getByText('Document read.', { exact: false }).waitFor({ timeout: 120_000 });
    const read = page.getByRole('region', { name: 'Read from the document' });
    await read.getByText('L898902C3').waitFor();
    await read.getByText('NLD').waitFor();
    await read.getByText('Mon, 12 Aug 1974').waitFor();
    await read.getByText('Thu, 15 Apr 2032').waitFor();
    await expect(page.getByLabel('Full name').inputValue(), 'the name from the MRZ').resolves.toBe(
      'Anna Maria Eriksson',
    );
    // The document's fields are on the form for staff to confirm.
    const form = page.getByRole('form', { name: 'Guest and check-in' });
    await expect(form.getByLabel('Kind of document').inputValue()).resolves.toBe('passport');
    await expect(form.getByLabel('Document number').inputValue()).resolves.toBe('L898902C3');
    await expect(form.getByLabel('Nationality', { exact: true }).inputValue()).resolves.toBe('NLD');
    await expect(form.getByLabel('Date of birth').inputValue()).resolves.toBe('1974-08-12');
    await expect(form.getByLabel('Expiry date').inputValue()).resolves.toBe('2032-04-15');
    await expectAccessible(page, 'check-in with the document read');
    await staffScreenshots(page, 'check-in-read');

    // Staff confirm (adding the phone the guest gives at the desk and the issuing country) and check in.
    await page.getByLabel('Phone (optional)').fill('+31 20 123 4567');
    await form.getByLabel('Issuing country (optional)').fill('nld');
    await page.getByRole('button', { name: 'Save guest and check in' }).click();
    await page.getByText('Anna Maria Eriksson is checked in', { exact: false }).waitFor();
    const [booking] = await web.stack.admin<{ status: string }[]>`
      select status from public.bookings where id = ${bookings.passport}`;
    expect(booking?.status).toBe('checked_in');
    const [saved] = await web.stack.admin<{ full_name: string; phone: string }[]>`
      select full_name, phone from public.guests where id = ${guests.passport}`;
    expect(saved).toEqual({ full_name: 'Anna Maria Eriksson', phone: '+31201234567' });
    expect(await documentsOf(bookings.passport), 'the document as read and confirmed').toEqual([
      {
        document_type: 'passport',
        document_number: 'L898902C3',
        issuing_country: 'NLD',
        nationality: 'NLD',
        birth_date: '1974-08-12',
        expiry_date: '2032-04-15',
        captured_by: staff.id,
        kept_until_checkout_plus_30: 'true',
      },
    ]);
    const onFile = page.getByRole('region', { name: 'Identity documents on file' });
    await onFile.getByText('Passport L898902C3 · NLD').waitFor();
    await onFile.getByText('Born Mon, 12 Aug 1974 · Expires Thu, 15 Apr 2032').waitFor();
    // The worker deletes the scan once its job is final (the property keeps MRZ fields only).
    await waitFor('the scan to be deleted', async () =>
      (await scansOf(bookings.passport)).length === 0 ? true : undefined,
    );
    await staffScreenshots(page, 'check-in-done');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('says when a photo cannot be read, and checks in from details typed by hand', { timeout: 120_000 }, async () => {
    await ensureWorker();
    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, staff, path(seaside, bookings.manual));
    await page.getByRole('heading', { name: /^Check in / }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    const blurry = await renderLines(['Breakfast is served', 'from 7 to 10 in the garden room'], { format: 'jpeg' });
    await page
      .getByLabel('Take or choose a photo')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(blurry) });
    await page.getByText('The machine-readable zone', { exact: false }).waitFor({ timeout: 90_000 });
    await expectAccessible(page, 'check-in with an unreadable scan');
    await staffScreenshots(page, 'check-in-unreadable');
    await waitFor('the unreadable scan to be deleted', async () =>
      (await scansOf(bookings.manual)).length === 0 ? true : undefined,
    );

    // Manual entry: the form checks what is typed (as the database does) and says where.
    const form = page.getByRole('form', { name: 'Guest and check-in' });
    await expect(form.getByLabel('Kind of document').inputValue(), 'nothing read, nothing chosen').resolves.toBe('');
    await form.getByLabel('Full name').fill('');
    await form.getByLabel('Kind of document').selectOption('identity_card');
    await form.getByLabel('Document number').fill('ab 123 456');
    await form.getByLabel('Nationality', { exact: true }).fill('prt');
    await form.getByLabel('Date of birth').fill('1990-05-01');
    await form.getByLabel('Expiry date').fill('1989-05-01');
    await page.getByRole('button', { name: 'Save guest and check in' }).click();
    await page.getByText('Enter the guest’s name.').waitFor();
    await form.getByText('The document cannot expire before its holder was born.').waitFor();
    await expectAccessible(page, 'check-in with the form refused');
    await staffScreenshots(page, 'check-in-refused');
    expect(await documentsOf(bookings.manual), 'nothing recorded yet').toEqual([]);
    // Staff correct the expiry date: the corrected value is what is stored.
    await form.getByLabel('Full name').fill('Bruno Alves');
    await form.getByLabel('Expiry date').fill('2031-05-01');
    await page.getByRole('button', { name: 'Save guest and check in' }).click();
    await page.getByText('Bruno Alves is checked in', { exact: false }).waitFor();
    const [row] = await web.stack.admin<{ status: string; full_name: string }[]>`
      select b.status, g.full_name from public.bookings b join public.guests g on g.id = b.guest_id
      where b.id = ${bookings.manual}`;
    expect(row).toEqual({ status: 'checked_in', full_name: 'Bruno Alves' });
    expect(await documentsOf(bookings.manual)).toEqual([
      {
        document_type: 'identity_card',
        document_number: 'AB123456',
        issuing_country: null,
        nationality: 'PRT',
        birth_date: '1990-05-01',
        expiry_date: '2031-05-01',
        captured_by: staff.id,
        kept_until_checkout_plus_30: 'true',
      },
    ]);
    await page
      .getByRole('region', { name: 'Identity documents on file' })
      .getByText('Identity card AB123456 · PRT')
      .waitFor();
    await expectAccessible(page, 'checked in with the document on file');
    await staffScreenshots(page, 'check-in-on-file');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it("hides another property's check-in (404) and refuses a viewer (403, page and post)", async () => {
    const lodgeStaff = await openPage(web.browser, TABLET);
    await signIn(web.url, lodgeStaff, restricted, path(lodge, bookings.lodge));
    await lodgeStaff.page.getByRole('heading', { name: /^Check in / }).waitFor();
    const other = await lodgeStaff.page.goto(`${web.url}${path(seaside, bookings.passport)}`);
    expect(other?.status(), "another property's check-in").toBe(404);
    const wrongProperty = await lodgeStaff.page.goto(`${web.url}${path(lodge, bookings.passport)}`);
    expect(wrongProperty?.status(), 'a booking of another property under this one').toBe(404);
    await lodgeStaff.context.close();

    const watched = await openPage(web.browser, TABLET);
    const { page } = watched;
    await signIn(web.url, watched, viewer, `/o/${org.slug}`);
    await page.waitForURL(`${web.url}/o/${org.slug}`);
    const response = await page.goto(`${web.url}${path(lodge, bookings.lodge)}`);
    expect(response?.status(), 'a viewer on the check-in page').toBe(403);
    await expect(page.getByLabel('Full name').count(), 'no form rendered').resolves.toBe(0);
    const post = await page.request.post(`${web.url}${path(lodge, bookings.lodge)}`, {
      form: { intent: 'check-in', full_name: 'Hijacked', email: '', phone: '', language: '', notes: '' },
      headers: { Origin: web.url },
    });
    expect(post.status(), 'the action refuses too').toBe(403);
    const [row] = await web.stack.admin<
      { status: string }[]
    >`select status from public.bookings where id = ${bookings.lodge}`;
    expect(row?.status, 'not checked in').toBe('confirmed');
    await watched.context.close();
  });
});
