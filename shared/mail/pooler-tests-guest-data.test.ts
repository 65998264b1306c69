// The self-service data request's mails (decision 037): the export link as a React Email template
// in English and German (snapshots), and the booking confirmation's link to the request page.
import { describe, expect, it } from 'vitest';
import type { Brand } from './brand.ts';
import { LANGUAGES } from './i18n.ts';
import { sampleBookingData } from './samples.ts';
import { renderBookingEmail, renderGuestDataEmail } from './templates/index.tsx';

const BRAND: Brand = { name: 'Harbour Group', color: '#b5482a', senderName: 'Harbour View' };
const LINK =
  'https://project.example.test/storage/v1/object/sign/guest-exports/org/request/guest-data.zip?token=eyJhbGciOi.sample';

describe('the guest data export mail', () => {
  for (const language of LANGUAGES) {
    it(`(${language}) carries the link as a button and in the text part`, async () => {
      const mail = await renderGuestDataEmail({
        organizationName: 'Harbour Group',
        link: LINK,
        expiresAt: new Date('2027-03-19T10:00:00Z'),
        brand: BRAND,
        language,
      });
      expect(mail.template).toBe('guest_data_export');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html).toContain(`href="${LINK.replaceAll('&', '&amp;')}"`);
      expect(mail.html, 'the button in the brand colour').toContain('#b5482a');
      expect(mail.text).toContain(LINK);
      await expect(`Subject: ${mail.subject}\n\n${mail.text}`).toMatchFileSnapshot(
        `__snapshots__/guest_data_export.${language}.txt`,
      );
    });
  }

  it('escapes the organization name and keeps the subject on one line', async () => {
    const mail = await renderGuestDataEmail({
      organizationName: 'Bar & <Grill>\r\nBcc: x@example.test',
      link: LINK,
      expiresAt: new Date('2027-03-19T10:00:00Z'),
    });
    expect(mail.html).not.toContain('<Grill>');
    expect(mail.html).toContain('Bar &amp; &lt;Grill&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});

describe('the booking confirmation', () => {
  for (const language of LANGUAGES) {
    it(`(${language}) links the data request page; other booking mails do not`, async () => {
      const data = { ...sampleBookingData(BRAND, language), dataRequestUrl: 'https://app.example.test/data-request' };
      const confirmation = await renderBookingEmail('booking_confirmation', data);
      expect(confirmation.html).toContain('href="https://app.example.test/data-request"');
      expect(confirmation.text).toContain('https://app.example.test/data-request');
      const reminder = await renderBookingEmail('pre_arrival_reminder', data);
      expect(reminder.html).not.toContain('/data-request');
      const without = await renderBookingEmail('booking_confirmation', { ...data, dataRequestUrl: undefined });
      expect(without.html, 'no link without a URL').not.toContain('/data-request');
    });
  }
});
