// The audit log and jobs screens in Chromium against one throwaway stack: an admin changes the
// organization's settings and finds the change in the audit log with its fields before and
// after, filters the log by table, actor and days in the organization's time zone, pages through
// it and downloads it as CSV; a viewer gets 403; the jobs list shows a job queued through the
// create_job RPC. Every screen passes axe's WCAG A/AA rules with nothing serious or critical.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startOfDay } from '../app/utils/time-zones.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

/** A calendar day (YYYY-MM-DD) in `timeZone`, `days` from today. */
function dayIn(timeZone: string, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + days * 86_400_000));
}

describe('audit log and jobs', () => {
  let admin: SeededUser;
  let viewer: SeededUser;
  const slug = `audit-${Date.now().toString(36)}`;
  const audit = `/o/${slug}/audit`;

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olivia Owner');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    viewer = await createUser(web.stack, 'viewer', 'Vera Viewer');
    const organization = await createOrganization(web.stack, { slug, name: 'Harbour Hotels' }, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: viewer, role: 'viewer' },
    ]);
    // 30 properties written as the superuser: log rows without a person, enough for two pages.
    await web.stack.admin`
      insert into public.properties (organization_id, name, time_zone, currency)
      select ${organization}, 'Harbour Annex ' || n, 'Europe/Lisbon', 'EUR' from generate_series(1, 30) n`;
    // A job queued by the admin through the RPC, as the app's users queue them.
    const client = web.stack.client(web.stack.keys.publishable_key);
    const signedIn = await client.auth.signInWithPassword({ email: admin.email, password: admin.password });
    expect(signedIn.error, 'the admin signs in').toBeNull();
    const [property] = await web.stack.admin<{ id: string }[]>`
      select id from public.properties where organization_id = ${organization} and name = 'Harbour Annex 1'`;
    const job = await client.rpc('create_job', {
      p_property_id: property?.id ?? '',
      p_kind: 'forecast',
      p_input: { horizonDays: 14 },
    });
    expect(job.error, 'create_job as the admin').toBeNull();
    await client.auth.signOut();
  });

  it('reads calendar days in the organization time zone, daylight saving included', () => {
    expect(startOfDay('2026-07-01', 'Europe/Lisbon').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfDay('2026-01-01', 'Europe/Lisbon').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDay('2026-12-06', 'Asia/Kolkata').toISOString()).toBe('2026-12-05T18:30:00.000Z');
  });

  it('shows an admin the settings change with its diff, filters it, pages and downloads CSV', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${slug}/settings`);
    await page.getByLabel('Name').fill('Harbour Hotels & Suites');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    // Newest first: the admin's change, named by the row it touched.
    const first = page.locator('.audit-table > tbody > tr').first();
    await expect(first.locator('.audit-actor').textContent()).resolves.toBe('Adam Admin');
    await expect(first.locator('td').nth(1).textContent()).resolves.toBe(
      'Changed Organizations · Harbour Hotels & Suites',
    );
    await first.getByText(/fields changed/).click();
    const diff = first.locator('.diff-table');
    await expect(diff.getByRole('row', { name: /^name/ }).textContent()).resolves.toBe(
      'nameHarbour HotelsHarbour Hotels & Suites',
    );
    await expect(diff.getByRole('row', { name: /^currency/ }).textContent()).resolves.toBe('currencyEURGBP');
    await expect(diff.getByRole('rowheader', { name: 'slug' }).count(), 'unchanged fields left out').resolves.toBe(0);
    await expectAccessible(page, 'audit log with a diff open');
    await screenshots(page, 'audit-log');

    // Several pages: the 30 properties (each with its three built-in workflows), the memberships,
    // the organization, the job and the change.
    await page.getByText(/^1–25 of \d+ changes\.$/).waitFor();
    await page.getByRole('link', { name: 'Older →' }).click();
    await page.getByText(/^Page 2 of \d+$/).waitFor();
    await expect(page.getByRole('link', { name: '← Newer' }).count()).resolves.toBe(1);

    // Filtered by table, actor and days (Lisbon's calendar): the one change.
    await page.getByLabel('Table').selectOption('organizations');
    await page.getByLabel('Changed by').selectOption({ label: 'Adam Admin' });
    await page.getByLabel('From').fill(dayIn('Europe/Lisbon', -1));
    await page.getByLabel('To').fill(dayIn('Europe/Lisbon'));
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1–1 of 1 change matching the filter.').waitFor();
    expect(new URL(page.url()).searchParams.get('page'), 'a new filter starts on page 1').toBeNull();
    await expectAccessible(page, 'filtered audit log');
    await screenshots(page, 'audit-log-filtered');

    // The CSV carries the same filter: a header and the one row, straight from the Data API.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-log-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = readFileSync((await download.path()) ?? '', 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe('id,created_at,actor_id,actor_role,table_name,row_id,action,old_data,new_data');
    expect(lines, 'header and one row').toHaveLength(2);
    expect(lines[1]).toContain(`,${admin.id},authenticated,organizations,`);
    expect(lines[1]).toContain('Harbour Hotels & Suites');

    // Days before anything happened, and rows without a person.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To').fill('2020-01-31');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No change matches this filter.').waitFor();
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByRole('link', { name: 'Clear' }).waitFor({ state: 'detached' });
    await expect(page.getByLabel('From').inputValue(), 'the fields show the filter in force').resolves.toBe('');
    await page.getByLabel('Changed by').selectOption('system');
    await page.getByLabel('Table').selectOption('properties');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1–25 of 30 changes matching the filter.').waitFor();
    const unfiltered = await page.request.get(`${web.url}/o/${slug}/audit.csv`);
    expect(unfiltered.status()).toBe(200);
    expect((await unfiltered.text()).trimEnd().split('\n').length, 'every row of the log').toBeGreaterThan(33);

    // Jobs: the forecast queued through create_job.
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    const job = page.locator('.jobs-table > tbody > tr');
    await expect(job.count()).resolves.toBe(1);
    await expect(job.locator('td').nth(0).textContent()).resolves.toBe('Occupancy forecast');
    await expect(job.locator('td').nth(1).textContent()).resolves.toBe('Harbour Annex 1');
    await expect(job.locator('td').nth(2).textContent()).resolves.toBe('Queued');
    await expect(job.locator('td').nth(3).textContent()).resolves.toBe(' 0%');
    await expectAccessible(page, 'jobs');
    await screenshots(page, 'jobs');
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No job is failed.').waitFor();
    await expectAccessible(page, 'jobs, none');

    expect(watched.problems, 'console errors, page errors or CSP violations').toEqual([]);
    await watched.context.close();
  });

  it('answers 403 to a viewer on the audit log and its CSV, and RLS shows them no row', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, viewer, `/o/${slug}`);
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Audit log' }).count(),
    ).resolves.toBe(0);
    const response = await page.goto(`${web.url}${audit}`);
    expect(response?.status(), 'audit log for a viewer').toBe(403);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expect(page.locator('.audit-table').count(), 'no log rendered').resolves.toBe(0);
    await expectAccessible(page, 'audit 403');
    const csv = await page.request.get(`${web.url}${audit}.csv`);
    expect(csv.status(), 'CSV for a viewer').toBe(403);
    expect(await csv.text()).not.toContain('organizations');
    const client = web.stack.client(web.stack.keys.publishable_key);
    await client.auth.signInWithPassword({ email: viewer.email, password: viewer.password });
    const { data, error } = await client.from('audit_log').select('id');
    expect(error).toBeNull();
    expect(data, 'the Data API agrees: no audit row for a viewer').toEqual([]);
    await client.auth.signOut();
    await watched.context.close();
  });
});
