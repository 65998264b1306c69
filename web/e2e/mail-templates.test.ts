// Email templates in Chromium: every template rendered at phone (375 px) and desktop (1280 px)
// width, screenshotted, and checked to fit the phone without sideways scrolling; then the
// portal's Emails page: an admin previews templates in English and German in the organization's
// branding, saves the branding (bad input refused on the field), and staff get 403 on the page
// and on a forged post.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brand } from '../../shared/mail/brand.ts';
import { renderSample } from '../../shared/mail/samples.ts';
import { PREVIEW_TEMPLATES } from '../../shared/mail/template-names.ts';
import { openPage, SCREENSHOT_DIR, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

const LOGO = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40"><rect width="40" height="40" rx="8" fill="#b5482a"/><text x="50" y="27" font-family="Arial" font-size="18" fill="#1a1a1a">Harbour</text></svg>',
).toString('base64')}`;
const BRAND: Brand = {
  name: 'Harbour Group',
  color: '#b5482a',
  senderName: 'Harbour View',
  replyTo: 'desk@harbour.example',
  logoUrl: LOGO,
};

describe('email templates in Chromium', () => {
  it('render every template at phone and desktop width without sideways scrolling', async () => {
    const dir = join(SCREENSHOT_DIR, 'mail');
    mkdirSync(dir, { recursive: true });
    const watched = await openPage(web.browser, { width: 375, height: 800 });
    const { page } = watched;
    for (const name of PREVIEW_TEMPLATES) {
      const language = name === 'booking_cancelled' || name === 'booking_receipt' ? 'de' : 'en';
      const mail = await renderSample(name, BRAND, language);
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.setContent(mail.html, { waitUntil: 'load' });
        const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
        expect(overflow, `${name} fits ${width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
      }
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      expect(heading, `${name} has its title`).toBeTruthy();
    }
    expectNoProblems(watched);
    await watched.context.close();
  });
});

describe('the Emails page of the portal', () => {
  let admin: SeededUser;
  let staff: SeededUser;
  let organizationId = '';
  let propertyId = '';
  const org = { slug: `mails-${Date.now().toString(36)}`, name: 'Harbour Hotels' };

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    staff = await createUser(web.stack, 'staff', 'Stella Staff');
    organizationId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: staff, role: 'staff' },
    ]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind) values (${organizationId}, 'Harbour View Hotel', 'hotel')
      returning id`;
    propertyId = property?.id ?? '';
  });

  afterAll(async () => {
    await web.stack.admin`delete from public.organizations where id = ${organizationId}`;
  });

  it('previews every template in the branding, in English and German, and saves the branding', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Emails' }).click();
    await page.getByRole('heading', { name: 'Email templates', level: 1 }).waitFor();
    const frame = page.locator('iframe.email-frame');
    await expect(frame.getAttribute('sandbox'), 'the preview runs no script').resolves.toBe('');
    await expect(page.locator('.email-subject').textContent()).resolves.toContain(
      'Your booking at Harbour View Hotel is confirmed',
    );
    const email = page.frameLocator('iframe.email-frame');
    await email.getByRole('heading', { name: 'Your booking is confirmed' }).waitFor();
    const previewHtml = async () => {
      const response = await page.request.get(`${web.url}${await frame.getAttribute('src')}`);
      expect(response.headers()['content-security-policy'], 'the preview runs nothing').toContain('sandbox');
      return response.text();
    };
    await expect(previewHtml()).resolves.toContain('#1f4f7a');

    const templates = page.getByRole('navigation', { name: 'Templates' });
    await expect(templates.getByRole('link').count(), 'every template is listed').resolves.toBe(
      PREVIEW_TEMPLATES.length,
    );
    await templates.getByRole('link', { name: /Booking cancelled/ }).click();
    await page.getByText('Subject: Your booking at Harbour View Hotel is cancelled').waitFor();
    await page.getByRole('radio', { name: 'Deutsch' }).check();
    await page.getByText('Subject: Ihre Buchung im Harbour View Hotel ist storniert').waitFor();
    await email.getByText('Es fällt eine Stornogebühr von 95,00 € an.').waitFor();
    await expectAccessible(page, 'email templates');

    // Refused in the browser, then saved.
    await page.getByLabel('Reply-to address').fill('not an address');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await page.getByText('Enter an email address such as desk@example.com.').waitFor();
    await page.getByLabel('Reply-to address').fill('desk@harbour.example');
    await page.getByLabel('Sender name').fill('Harbour Front Desk');
    await page.getByLabel('Brand colour').fill('#b5482a');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await page.getByText('Email branding saved').waitFor();
    await expect(page.getByLabel('Sender name').inputValue(), 'saved after the reload').resolves.toBe(
      'Harbour Front Desk',
    );
    await expect(previewHtml(), 'the preview takes the new colour').resolves.toContain('#b5482a');
    await expect(page.locator('.email-subject').textContent(), 'the preview stays in German').resolves.toContain(
      'storniert',
    );
    const [row] = await web.stack.admin<{ color: string; sender: string; reply: string }[]>`
      select email_brand_color as color, email_sender_name as sender, email_reply_to::text as reply
      from public.organizations where id = ${organizationId}`;
    expect(row).toEqual({ color: '#b5482a', sender: 'Harbour Front Desk', reply: 'desk@harbour.example' });

    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.locator('iframe.email-frame-phone').waitFor();
    await page
      .frameLocator('iframe.email-frame-phone')
      .getByText('Es fällt eine Stornogebühr von 95,00 € an.')
      .waitFor();
    await screenshots(page, 'mail-templates');
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('refuses a forged bad value with the database check, on the field', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}/emails`);
    const post = await page.request.post(`${web.url}/o/${org.slug}/emails`, {
      form: { intent: 'branding', email_brand_color: 'red', email_sender_name: '', email_reply_to: '' },
      headers: { Origin: web.url },
    });
    expect(post.status(), 'a bad colour is a 400, not a 5xx').toBe(400);
    await watched.context.close();
  });

  it("mails the daily manager report with its PDF to the signed-in member's own address", async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    const posted = await page.request.post(`${web.url}/o/${org.slug}/p/${propertyId}/dashboard/mail-report`, {
      headers: { Origin: web.url },
      maxRedirects: 0,
    });
    expect(posted.status(), 'back to the dashboard').toBe(302);
    expect(posted.headers().location).toBe(`/o/${org.slug}/p/${propertyId}/dashboard?mailed=report`);
    const [mail] = await web.stack.admin<{ recipient: string; subject: string; files: string[] }[]>`
      select o.recipient, o.subject, array(select filename from private.mail_attachments a where a.outbox_id = o.id) as files
      from private.mail_outbox o where o.template = 'manager_report' and o.recipient = ${staff.email}`;
    expect(mail).toMatchObject({ files: ['daily-report.pdf'] });
    expect(mail?.subject).toMatch(/^Daily report for Harbour View Hotel, /);
    await watched.context.close();
  });

  it('answers 403 to staff on the page and on a forged post', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Emails' }).count(),
      'no nav entry below admin',
    ).resolves.toBe(0);
    const shown = await page.goto(`${web.url}/o/${org.slug}/emails`);
    expect(shown?.status()).toBe(403);
    await expect(page.locator('iframe.email-frame').count(), 'no preview rendered').resolves.toBe(0);
    const post = await page.request.post(`${web.url}/o/${org.slug}/emails`, {
      form: { intent: 'branding', email_brand_color: '#000000', email_sender_name: 'Evil', email_reply_to: '' },
      headers: { Origin: web.url },
    });
    expect(post.status(), 'the action refuses too').toBe(403);
    const [row] = await web.stack.admin<{ sender: string | null }[]>`
      select email_sender_name as sender from public.organizations where id = ${organizationId}`;
    expect(row?.sender).not.toBe('Evil');
    await watched.context.close();
  });
});
