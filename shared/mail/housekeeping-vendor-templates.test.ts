// The vendor emails' templates (decision 041): every template in English and German matches its
// snapshots; the request carries its link and expiry, a decision its amount; what people typed is
// escaped; subjects are one line; the text part has no markup.
import { describe, expect, it } from 'vitest';
import type { Brand } from './brand.ts';
import { LANGUAGES } from './i18n.ts';
import { renderVendorEmail, VENDOR_TEMPLATES, type VendorEmailInput } from './templates/maintenance.tsx';

const BRAND: Brand = { name: 'Harbour Group', color: '#b5482a', senderName: 'Harbour View' };
const SAMPLE: VendorEmailInput = {
  vendorName: 'Lift Masters',
  propertyName: 'Harbourside Hotel',
  orderNumber: 42,
  orderTitle: 'Lift door sticks',
  orderDescription: 'The door on floor 2 closes slowly.',
  location: 'Lift, floor 2',
  link: 'https://app.roost.example/quote/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd',
  expiresAt: new Date('2026-12-20T17:00:00Z'),
  amountMinor: 24000,
  currency: 'EUR',
  brand: BRAND,
};

describe('vendor email templates', () => {
  for (const language of LANGUAGES) {
    for (const template of VENDOR_TEMPLATES) {
      it(`${template} (${language}) matches its snapshots`, async () => {
        const mail = await renderVendorEmail(template, { ...SAMPLE, language });
        expect(mail.template).toBe(template);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        expect(mail.text).not.toMatch(/<\/?[a-z]+[ >]/i);
        expect(mail.html).toContain('#b5482a');
        await expect(`Subject: ${mail.subject}\n\n${mail.text}`).toMatchFileSnapshot(
          `__snapshots__/${template}.${language}.txt`,
        );
        if (template === 'vendor_quote_request') {
          expect(mail.html).toContain(`href="${SAMPLE.link}"`);
          expect(mail.text).toContain(SAMPLE.link);
          expect(mail.text).not.toContain('240');
        } else {
          expect(mail.text).toMatch(language === 'en' ? /€240\.00/ : /240,00\s€/);
          expect(mail.html).not.toContain('/quote/');
        }
      });
    }
  }

  it('escapes what people typed', async () => {
    const mail = await renderVendorEmail('vendor_quote_declined', {
      ...SAMPLE,
      vendorName: '<b>Evil</b>',
      orderTitle: 'Fix "it" & <script>alert(1)</script>',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('<b>Evil</b>');
    expect(mail.subject).toBe('Your quote was not selected: Fix "it" & <script>alert(1)</script>');
  });
});
