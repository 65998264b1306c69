// Guests in Chromium against a throwaway stack: a manager searches the guest list by part of a
// name, email or phone (hostile characters included) a page at a time, opens a profile, edits it
// (the database's duplicate refusal on the field), withdraws and records marketing consent, adjusts
// loyalty points and reads the stays and orders in each property's time zone and currency, then
// adds a guest; staff redeem points but cannot adjust them (not even by a forged post); a viewer
// gets 403 on every guest page and post; a member of another organization gets 404. Every page
// passes axe's WCAG A/AA rules with nothing serious or critical and is photographed at tablet and
// desktop sizes (.roost/screenshots/).
import { beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

const HOSTILE = 'Zoë "Zed" O\'Neil (Ltd), 50% off';

describe('guests', () => {
  let manager: SeededUser;
  let staff: SeededUser;
  let viewer: SeededUser;
  let outsider: SeededUser;
  const stamp = Date.now().toString(36);
  const org = { slug: `harbour-${stamp}`, name: 'Harbour Hotels' };
  const empty = { slug: `quiet-${stamp}`, name: 'Quiet Start Ltd' };
  const elsewhere = { slug: `elsewhere-${stamp}`, name: 'Elsewhere Group' };
  let orgId = '';
  let ana = '';

  beforeAll(async () => {
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    viewer = await createUser(web.stack, 'viewer', 'Val Viewer');
    outsider = await createUser(web.stack, 'outsider', 'Oscar Outsider');
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
      { user: viewer, role: 'viewer' },
    ]);
    await createOrganization(web.stack, empty, [{ user: manager, role: 'owner' }]);
    const otherId = await createOrganization(web.stack, elsewhere, [{ user: outsider, role: 'owner' }]);
    const sql = web.stack.admin;
    await sql`insert into public.guests (organization_id, full_name) values (${otherId}, 'Secret Guest')`;

    // Two properties in different zones and currencies, a room each.
    const [brooklyn, kyoto] = await sql<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Brooklyn Loft', 'hotel', 'America/New_York', 'USD'),
             (${orgId}, 'Kyoto Inn', 'hotel', 'Asia/Tokyo', 'JPY')
      returning id`;
    const room = async (propertyId: string) => {
      const [type] = await sql<{ id: string }[]>`
        insert into public.resource_types (organization_id, property_id, name, kind, pricing)
        values (${orgId}, ${propertyId}, 'Double', 'room', 'night') returning id`;
      const [resource] = await sql<{ id: string }[]>`
        insert into public.resources (organization_id, property_id, resource_type_id, name, max_guests)
        values (${orgId}, ${propertyId}, ${type?.id ?? ''}, '101', 2) returning id`;
      return resource?.id ?? '';
    };
    const brooklynRoom = await room(brooklyn?.id ?? '');
    const kyotoRoom = await room(kyoto?.id ?? '');

    const [guest] = await sql<{ id: string }[]>`
      insert into public.guests (organization_id, full_name, email, phone, language, marketing_consent, marketing_consent_at)
      values (${orgId}, 'Ana Costa', 'ana@example.test', '+351912345678', 'pt', true, now())
      returning id`;
    ana = guest?.id ?? '';
    await sql`
      insert into public.guests (organization_id, full_name, email, phone) values
        (${orgId}, ${HOSTILE}, 'zed@example.test', null),
        (${orgId}, 'Bruno Alves', 'bruno@example.test', '+442071234567')`;
    // Enough guests for a second page.
    await sql`
      insert into public.guests (organization_id, full_name)
      select ${orgId}, format('Guest %s', lpad(n::text, 2, '0')) from generate_series(1, 26) n`;

    // A past stay in New York (local check-in 15:00, check-out 11:00), a future one in Kyoto, and
    // a room-service order of the New York stay.
    const stay = async (
      propertyId: string,
      resourceId: string,
      zone: string,
      from: string,
      to: string,
      status: string,
      total: number,
    ) => {
      const [row] = await sql<{ id: string }[]>`
        insert into public.bookings (organization_id, property_id, resource_id, guest_id, status, period, blocked_period,
          arrival_date, departure_date, party_size, total_minor, price_breakdown, confirmed_at, checked_in_at, checked_out_at)
        select ${orgId}, ${propertyId}, ${resourceId}, ${ana}, ${status}::public.booking_status, p, p,
          ${from}::date, ${to}::date, 2, ${total}, '{}'::jsonb, now(),
          case when ${status} = 'checked_out' then now() end, case when ${status} = 'checked_out' then now() end
        from (select tstzrange((${from}::date + time '15:00') at time zone ${zone},
                               (${to}::date + time '11:00') at time zone ${zone}) as p) period
        returning id`;
      return row?.id ?? '';
    };
    const past = await stay(
      brooklyn?.id ?? '',
      brooklynRoom,
      'America/New_York',
      '2026-07-10',
      '2026-07-13',
      'checked_out',
      45_000,
    );
    await stay(kyoto?.id ?? '', kyotoRoom, 'Asia/Tokyo', '2027-03-01', '2027-03-03', 'confirmed', 12_000);
    await sql`
      insert into public.orders (organization_id, property_id, kind, booking_id, currency, status, subtotal_minor,
        total_minor, submitted_at, closed_at)
      values (${orgId}, ${brooklyn?.id ?? ''}, 'room', ${past}, 'USD', 'closed', 2500, 2500,
        '2026-07-11 23:30:00+00', '2026-07-12 00:15:00+00')`;
    await sql`
      insert into public.loyalty_ledger (organization_id, guest_id, points, reason)
      values (${orgId}, ${ana}, 120, 'Stay in Brooklyn')`;
  });

  it('lets a manager search guests, edit a profile, change consent and adjust points', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    // An organization without guests: the empty state says what to do.
    await signIn(web.url, watched, manager, `/o/${empty.slug}/guests`);
    await page.getByText('No guests yet.').waitFor();
    await page.getByRole('link', { name: 'Add a guest' }).waitFor();
    await expectAccessible(page, 'guests empty state');
    await screenshots(page, 'guests-empty');

    await page.goto(`${web.url}/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Guests' }).click();
    await page.getByRole('heading', { name: 'Guests', exact: true }).waitFor();
    await page.getByText('1–25 of 29 guests.').waitFor();
    await expectAccessible(page, 'guest list');
    await screenshots(page, 'guests');
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.getByText('26–29 of 29 guests.').waitFor();
    await expect(page.getByRole('row').count(), 'header and four guests').resolves.toBe(5);

    const searchFor = async (text: string) => {
      const form = page.getByRole('search', { name: 'Search guests' });
      await form.getByLabel('Name, email or phone').fill(text);
      await form.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === text);
      // The status line or the empty state quotes the search once the new rows are rendered.
      await page.getByRole('main').getByText(`“${text}”`).first().waitFor();
    };
    const listed = async () =>
      (await page.locator('tbody tr td:first-child').allTextContents()).map((name) => name.trim());
    await searchFor('cOsT');
    expect(await listed(), 'part of a name, any case').toEqual(['Ana Costa']);
    await searchFor('bruno@ex');
    expect(await listed(), 'part of an email').toEqual(['Bruno Alves']);
    await searchFor('912 345');
    expect(await listed(), 'phone digits as typed').toEqual(['Ana Costa']);
    // Characters PostgREST filters or LIKE would read specially are plain text.
    for (const hostile of ['50% off', '(Ltd),', '"Zed"', "O'Neil", '%']) {
      await searchFor(hostile);
      expect(await listed(), hostile).toEqual([HOSTILE]);
    }
    await searchFor('*');
    await page.getByText('No guest matches “*”.').waitFor();
    await searchFor('a,b)');
    await page.getByText('No guest matches “a,b)”.').waitFor();
    await expectAccessible(page, 'no match');
    await screenshots(page, 'guests-no-match');
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByText('1–25 of 29 guests.').waitFor();
    await page.getByLabel('Sort by').selectOption('last_stay');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/sort=last_stay/);
    // The only guest who stayed comes first (waited for: the rows render after the URL changes).
    await page.locator('tbody tr:first-child td:first-child', { hasText: 'Ana Costa' }).waitFor();

    // The profile: stays and orders in each property's zone and currency, newest first.
    await page.getByRole('link', { name: 'Ana Costa' }).click();
    await page.getByRole('heading', { name: 'Ana Costa', level: 1 }).waitFor();
    const history = page.locator('section[aria-labelledby="history-heading"] tbody tr');
    await expect(history.count()).resolves.toBe(3);
    const rows = (await history.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    expect(rows[0], 'Kyoto, in yen').toMatch(
      /^Mar 1, 2027, 3:00 PM – Mar 3, 2027, 11:00 AM Kyoto Inn .*Confirmed ¥12,000$/,
    );
    // 23:30 UTC on 11 July is 19:30 in New York.
    expect(rows[1], 'the order in New York time').toMatch(
      /^Jul 11, 2026, 7:30 PM Brooklyn Loft .*Order .*Closed \$25\.00$/,
    );
    expect(rows[2], 'the stay in New York time').toMatch(
      /^Jul 10, 2026, 3:00 PM – Jul 13, 2026, 11:00 AM Brooklyn Loft .*Checked out \$450\.00$/,
    );

    // Edit the profile: checked in the browser, then by the database.
    const profile = page.getByRole('form', { name: 'Profile' });
    await profile.getByLabel('Email (optional)').fill('not-an-email');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Enter an email address such as ana@example.com.').waitFor();
    await profile.getByLabel('Email (optional)').fill('BRUNO@example.test');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Another guest already has this email.', { exact: false }).waitFor();
    await expect(profile.getByLabel('Email (optional)').getAttribute('aria-invalid')).resolves.toBe('true');
    await profile.getByLabel('Email (optional)').fill('ana.costa@example.test');
    await profile.getByLabel('Phone (optional)').fill('+351 (912) 000-999');
    await profile.getByLabel('Language').selectOption({ label: 'English' });
    await profile.getByLabel('Notes (optional)').fill('Allergic to feathers; likes a quiet room.');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    const [saved] = await web.stack.admin`
      select email::text, phone, language, notes from public.guests where id = ${ana}`;
    expect(saved, 'the profile as saved').toEqual({
      email: 'ana.costa@example.test',
      phone: '+351912000999',
      language: 'en',
      notes: 'Allergic to feathers; likes a quiet room.',
    });
    await expect(page.getByLabel('Phone (optional)').inputValue(), 'shown as stored').resolves.toBe('+351912000999');

    // Consent: withdrawing asks first; both changes land in the history with who made them.
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Withdraw consent' }).click();
    await page.getByText('Marketing consent withdrawn.').waitFor();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.getByText('Marketing consent recorded.').waitFor();
    const consent = page.locator('section[aria-labelledby="consent-heading"] tbody tr');
    const changes = (await consent.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    expect(changes.map((change) => change.replace(/^.*(Consent \w+)/, '$1'))).toEqual([
      'Consent given Mia Manager',
      'Consent withdrawn Mia Manager',
      'Consent given Roost itself (no person)',
    ]);
    const [guest] = await web.stack.admin`select marketing_consent from public.guests where id = ${ana}`;
    expect(guest?.marketing_consent).toBe(true);

    // Loyalty: the database refuses an overdraft on the field; an adjustment moves the balance.
    const adjust = page.getByRole('form', { name: 'Adjust points' });
    await adjust.getByLabel('Points').fill('-500');
    await adjust.getByLabel('Reason').fill('Mistake');
    await adjust.getByRole('button', { name: 'Adjust points' }).click();
    await adjust.getByText('The guest does not have that many points.').waitFor();
    await adjust.getByLabel('Points').fill('30');
    await adjust.getByLabel('Reason').fill('Birthday gift');
    await adjust.getByRole('button', { name: 'Adjust points' }).click();
    await page.getByText('Points adjusted.').waitFor();
    await page.getByText('Balance: 150 points').waitFor();
    await page.getByRole('cell', { name: 'Birthday gift' }).waitFor();
    const [points] = await web.stack.admin`select loyalty_points from public.guests where id = ${ana}`;
    expect(points?.loyalty_points).toBe(150);

    await expectAccessible(page, 'guest profile');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, 'guest-profile');

    // A new guest: the same checks, and never a second profile for a known email.
    await page.getByRole('link', { name: 'Guests', exact: true }).first().click();
    await page.getByRole('link', { name: 'New guest' }).click();
    await page.getByRole('heading', { name: 'New guest' }).waitFor();
    await page.getByRole('button', { name: 'Add guest' }).click();
    await page.getByText('Enter the guest’s name.').waitFor();
    await page.getByLabel('Full name').fill('Carla Mendes');
    await page.getByLabel('Email (optional)').fill('Ana.Costa@example.test');
    await page.getByRole('button', { name: 'Add guest' }).click();
    await page.getByText('Another guest already has this email.', { exact: false }).waitFor();
    await expectAccessible(page, 'new guest with a database error');
    await screenshots(page, 'guest-new-error');
    await page.getByLabel('Email (optional)').fill('carla@example.test');
    await page.getByLabel('Phone (optional)').fill('00351 930 000 111');
    await page.getByLabel('The guest agrees to receive marketing messages').check();
    await page.getByRole('button', { name: 'Add guest' }).click();
    await page.getByText('Guest added.').waitFor();
    await page.getByRole('heading', { name: 'Carla Mendes', level: 1 }).waitFor();
    await page.getByText('No stays or orders yet.', { exact: false }).waitFor();
    const [carla] = await web.stack.admin`
      select phone, marketing_consent from public.guests where organization_id = ${orgId} and full_name = 'Carla Mendes'`;
    expect(carla, 'normalized by the database').toEqual({ phone: '+351930000111', marketing_consent: true });
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  it('lets staff redeem points but not adjust them, even by a forged post', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, staff, `/o/${org.slug}/guests/${ana}`);
    await page.getByRole('heading', { name: 'Ana Costa', level: 1 }).waitFor();
    await expect(page.getByRole('form', { name: 'Adjust points' }).count()).resolves.toBe(0);
    const [before] = await web.stack.admin`select loyalty_points from public.guests where id = ${ana}`;
    const redeem = page.getByRole('form', { name: 'Redeem points' });
    await redeem.getByLabel('Points to redeem').fill('-5');
    await redeem.getByRole('button', { name: 'Redeem points' }).click();
    await redeem.getByText('Enter a whole number of points from 1 to 10,000,000.').waitFor();
    await redeem.getByLabel('Points to redeem').fill('10');
    await redeem.getByLabel('Reason').fill('Late checkout');
    await redeem.getByRole('button', { name: 'Redeem points' }).click();
    await page.getByText('Points redeemed.').waitFor();
    await expectAccessible(page, 'guest profile for staff');
    const forged = await page.request.post(`${web.url}/o/${org.slug}/guests/${ana}`, {
      form: { intent: 'adjust', points: '1000', reason: 'Forged' },
      headers: { Origin: web.url },
    });
    expect(forged.status(), 'the database refuses the adjustment').toBe(400);
    const [after] = await web.stack.admin`select loyalty_points from public.guests where id = ${ana}`;
    expect(after?.loyalty_points, 'redeemed 10, nothing added').toBe((before?.loyalty_points as number) - 10);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to a viewer on every guest page and post', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, viewer, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).waitFor();
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Guests' }).count(),
      'no Guests in the navigation',
    ).resolves.toBe(0);
    for (const path of ['guests', `guests/${ana}`, 'guests/new']) {
      const response = await page.goto(`${web.url}/o/${org.slug}/${path}`);
      expect(response?.status(), path).toBe(403);
    }
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expectAccessible(page, '403 on guests');
    const posts: { path: string; form: Record<string, string> }[] = [
      {
        path: `guests/${ana}`,
        form: { intent: 'profile', full_name: 'Hijacked', email: '', phone: '', language: '', notes: '' },
      },
      { path: `guests/${ana}`, form: { intent: 'consent', consent: 'withdrawn' } },
      { path: 'guests/new', form: { full_name: 'Intruder', email: '', phone: '', language: '', notes: '' } },
    ];
    for (const post of posts) {
      const response = await page.request.post(`${web.url}/o/${org.slug}/${post.path}`, {
        form: post.form,
        headers: { Origin: web.url },
      });
      expect(response.status(), `POST ${post.path} ${post.form.intent ?? ''}`).toBe(403);
    }
    const [row] = await web.stack.admin`select full_name, marketing_consent from public.guests where id = ${ana}`;
    expect(row, 'unchanged').toEqual({ full_name: 'Ana Costa', marketing_consent: true });
    const [intruder] = await web.stack.admin`select count(*)::int as n from public.guests where full_name = 'Intruder'`;
    expect(intruder?.n).toBe(0);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 404 to a member of another organization, whatever the slug', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signIn(web.url, watched, outsider, `/o/${elsewhere.slug}/guests`);
    await page.getByRole('link', { name: 'Secret Guest' }).waitFor();
    await expect(page.getByText('Ana Costa').count(), 'not their guest').resolves.toBe(0);
    const theirs = await page.goto(`${web.url}/o/${org.slug}/guests/${ana}`);
    expect(theirs?.status(), 'another organization’s page').toBe(404);
    const mine = await page.goto(`${web.url}/o/${elsewhere.slug}/guests/${ana}`);
    expect(mine?.status(), 'another organization’s guest under their own slug').toBe(404);
    await page.getByText('No such guest in this organization.').waitFor();
    await expectAccessible(page, '404 on a guest');
    const forged = await page.request.post(`${web.url}/o/${elsewhere.slug}/guests/${ana}`, {
      form: { intent: 'consent', consent: 'withdrawn' },
      headers: { Origin: web.url },
    });
    expect(forged.status()).toBe(404);
    const malformed = await page.goto(`${web.url}/o/${elsewhere.slug}/guests/not-a-uuid`);
    expect(malformed?.status(), 'a malformed id').toBe(404);
    const [row] = await web.stack.admin`select marketing_consent from public.guests where id = ${ana}`;
    expect(row?.marketing_consent, 'unchanged').toBe(true);
    await watched.context.close();
  });
});
