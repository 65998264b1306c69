// Data retention and offboarding in the portal (decision 038), in Chromium against a throwaway
// stack: an admin changes the retention periods (a bad value refused on its field before
// sending), sees the runs the worker logged; a staff member reads the periods without a form to
// send and gets 403 on a forged post; an owner prepares an export (the worker's export run from
// the test), follows it to "Ready" and downloads the zip with their own session, requests the
// deletion by typing the address, sees the date, and cancels it; an admin gets 403 there.
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOrganization } from '../../gpu-worker/src/retention/export.ts';
import { runRetention } from '../../gpu-worker/src/retention/policies.ts';
import { createObjectStore } from '../../gpu-worker/src/retention/storage.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

describe('data retention and offboarding', () => {
  let owner: SeededUser;
  let admin: SeededUser;
  let staff: SeededUser;
  const org = { slug: `keep-${Date.now().toString(36)}`, name: 'Lighthouse Inns' };
  let organizationId = '';
  const store = () => createObjectStore({ apiUrl: web.stack.url, serviceKey: web.stack.keys.service_role_key });

  beforeAll(async () => {
    owner = await createUser(web.stack, 'owner', 'Olga Owner');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    staff = await createUser(web.stack, 'staff', 'Stella Staff');
    await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: staff, role: 'staff' },
    ]);
    const [row] = await web.stack.admin<{ id: string }[]>`select id from public.organizations where slug = ${org.slug}`;
    organizationId = row?.id as string;
  });

  it('lets an admin change the retention periods and see the runs', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Data retention' }).click();
    await page.getByRole('heading', { name: 'Data retention', level: 1 }).waitFor();
    await expect(page.getByLabel('Delete ID documents and scans after (days)').inputValue()).resolves.toBe('30');
    await expect(page.getByLabel('Anonymise guests inactive for (years)').inputValue()).resolves.toBe('3');
    await page.getByText('No run yet.').waitFor();
    await expectAccessible(page, 'retention empty');

    await page.getByLabel('Delete ID documents and scans after (days)').fill('400');
    await page.getByRole('button', { name: 'Save policies' }).click();
    await page.getByText('Enter a whole number of days from 1 to 365.').waitFor();
    await page.getByLabel('Delete ID documents and scans after (days)').fill('14');
    await page.getByLabel('Empty sent emails after (days)').fill('60');
    await page.getByRole('button', { name: 'Save policies' }).click();
    await page.getByText('Retention policies saved.').waitFor();
    await page.reload();
    await expect(page.getByLabel('Delete ID documents and scans after (days)').inputValue()).resolves.toBe('14');
    await expect(page.getByLabel('Empty sent emails after (days)').inputValue()).resolves.toBe('60');
    const [saved] = await web.stack.admin`
      select id_scan_days, mail_body_days from public.retention_policies where organization_id = ${organizationId}`;
    expect(saved).toEqual({ id_scan_days: 14, mail_body_days: 60 });

    // The worker's nightly run, as it logs itself.
    const results = await runRetention({ sql: web.stack.admin, store: store(), organizationIds: [organizationId] });
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    await page.reload();
    await page.getByRole('cell', { name: 'ID documents and scans' }).waitFor();
    await page.getByRole('cell', { name: '14 days' }).waitFor();
    await expect(page.getByRole('cell', { name: 'Nothing was due' }).count()).resolves.toBe(4);
    await expectAccessible(page, 'retention with runs');
    await screenshots(page, 'retention');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('shows staff the periods read-only and refuses their forged post', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    const shown = await page.goto(`${web.url}/o/${org.slug}/settings/retention`);
    expect(shown?.status()).toBe(200);
    await expect(page.getByLabel('Delete ID documents and scans after (days)').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Save policies' }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { name: 'Recent runs' }).count(), 'runs are for admins').resolves.toBe(0);
    await expectAccessible(page, 'retention read-only');
    const post = await page.request.post(`${web.url}/o/${org.slug}/settings/retention`, {
      form: {
        intent: 'retention',
        id_scan_days: '1',
        inactive_guest_years: '1',
        mail_body_days: '7',
        notification_days: '7',
      },
      headers: { Origin: web.url },
    });
    expect(post.status()).toBe(403);
    const [row] = await web.stack
      .admin`select id_scan_days from public.retention_policies where organization_id = ${organizationId}`;
    expect(row?.id_scan_days).toBe(14);
    const offboarding = await page.goto(`${web.url}/o/${org.slug}/settings/offboarding`);
    expect(offboarding?.status(), 'offboarding is for owners').toBe(403);
    await watched.context.close();
  });

  it('lets an owner export everything, download it, schedule the deletion and cancel it', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, owner, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Export or delete' }).click();
    await page.getByRole('heading', { name: `Export or delete ${org.name}`, level: 1 }).waitFor();
    await page.getByText('No export yet.').waitFor();
    await expectAccessible(page, 'offboarding empty');

    await page.getByRole('button', { name: 'Prepare an export' }).click();
    await page.getByText('The export is being prepared.').waitFor();
    await page.getByRole('button', { name: 'Export in progress…' }).waitFor();
    const [requested] = await web.stack.admin<{ id: string }[]>`
      select id from public.organization_exports where organization_id = ${organizationId}`;
    // The worker's export job.
    await expect(
      exportOrganization({ sql: web.stack.admin, store: store() }, requested?.id as string),
    ).resolves.toMatchObject({ status: 'succeeded' });
    // The page reads the progress again by itself.
    const download = page.getByRole('link', { name: 'Download zip' });
    await download.waitFor({ timeout: 15_000 });
    await page.getByText('Ready', { exact: true }).waitFor();
    const href = await download.getAttribute('href');
    const zip = await page.request.get(`${web.url}${href}`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');
    const bytes = await zip.body();
    expect([bytes[0], bytes[1]], 'a zip').toEqual([0x50, 0x4b]);

    await page.getByRole('button', { name: 'Delete in 30 days' }).click();
    await page.getByText(`Type ${org.slug} exactly to confirm.`).waitFor();
    await page.getByLabel(`Type ${org.slug} to confirm`).fill(org.slug);
    await page.getByRole('button', { name: 'Delete in 30 days' }).click();
    await page.getByText('The deletion is scheduled.').waitFor();
    await page.getByText(`${org.name} will be deleted on`).waitFor();
    const [request] = await web.stack.admin`
      select delete_after - requested_at as grace from public.organization_deletion_requests
      where organization_id = ${organizationId} and cancelled_at is null`;
    expect(request?.grace).toBe('30 days');
    await expectAccessible(page, 'offboarding scheduled');
    await screenshots(page, 'offboarding');

    await page.getByRole('button', { name: 'Cancel the deletion' }).click();
    await page.getByText('The deletion is cancelled. Nothing will be deleted.').waitFor();
    const [open] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.organization_deletion_requests
      where organization_id = ${organizationId} and cancelled_at is null`;
    expect(open?.n).toBe(0);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to an admin on the offboarding page, a forged deletion and a download', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}`);
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Export or delete' }).count(),
    ).resolves.toBe(0);
    const shown = await page.goto(`${web.url}/o/${org.slug}/settings/offboarding`);
    expect(shown?.status()).toBe(403);
    const post = await page.request.post(`${web.url}/o/${org.slug}/settings/offboarding`, {
      form: { intent: 'delete', confirmation: org.slug },
      headers: { Origin: web.url },
    });
    expect(post.status()).toBe(403);
    const [exported] = await web.stack.admin<{ id: string }[]>`
      select id from public.organization_exports where organization_id = ${organizationId}`;
    const zip = await page.request.get(`${web.url}/o/${org.slug}/settings/offboarding/exports/${exported?.id}`);
    expect(zip.status()).toBe(403);
    const [open] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.organization_deletion_requests
      where organization_id = ${organizationId} and cancelled_at is null`;
    expect(open?.n).toBe(0);
    await watched.context.close();
  });
});
