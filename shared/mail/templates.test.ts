// Snapshot tests of every email template (HTML and text, English and German) with fixed props,
// plus what must hold whatever the snapshot: values escaped, subjects one line, the brand colour
// on the button, the text part free of markup.
import { describe, expect, it } from 'vitest';
import { type Brand, fromHeader, ROOST_BRAND } from './brand.ts';
import { LANGUAGES, pickLanguage } from './i18n.ts';
import { bookingIcs } from './ics.ts';
import { PREVIEW_TEMPLATES, renderSample, sampleBookingData } from './samples.ts';
import { inkOn } from './templates/frame.tsx';
import { renderBookingEmail } from './templates/index.tsx';

const BRAND: Brand = {
  name: 'Harbour Group',
  color: '#b5482a',
  senderName: 'Harbour View',
  replyTo: 'desk@harbour.example',
  logoUrl: 'https://cdn.example.test/storage/v1/object/public/org-assets/org/logo/harbour.png',
};

describe('email templates', () => {
  for (const language of LANGUAGES) {
    for (const name of PREVIEW_TEMPLATES) {
      it(`${name} (${language}) matches its snapshots`, async () => {
        const mail = await renderSample(name, BRAND, language);
        expect(mail.subject, 'a subject is one line').not.toMatch(/[\r\n]/);
        expect(mail.text, 'the text part has no markup').not.toMatch(/<\/?[a-z]+[ >]/i);
        expect(mail.html.includes('\u0000'), 'no NUL (React 18 stream chunks)').toBe(false);
        await expect(`Subject: ${mail.subject}\n\n${mail.text}`).toMatchFileSnapshot(
          `__snapshots__/${name}.${language}.txt`,
        );
        // The preview text's invisible padding (React Email's Preview) as one readable marker.
        const html = mail.html.replace(/[\u00a0\u200b-\u200f\ufeff]{7,}/g, '[preview padding]');
        await expect(html).toMatchFileSnapshot(`__snapshots__/${name}.${language}.html.snap`);
      });
    }
  }

  it('escapes what people typed', async () => {
    const data = sampleBookingData(ROOST_BRAND, 'en', 'Bar & <Grill>');
    const mail = await renderBookingEmail('booking_confirmation', {
      ...data,
      guestName: '<script>alert(1)</script>',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('Bar &amp; &lt;Grill&gt;');
    expect(mail.subject).toBe('Your booking at Bar & <Grill> is confirmed (K7M2Q9XD)');
  });

  it('puts readable text on the brand colour', () => {
    expect(inkOn('#1f4f7a')).toBe('#ffffff');
    expect(inkOn('#ffd600')).toBe('#1a1a1a');
  });

  it('picks the catalogue from a profile language, English otherwise', () => {
    expect(pickLanguage('de')).toBe('de');
    expect(pickLanguage('de-CH')).toBe('de');
    expect(pickLanguage('pt')).toBe('en');
    expect(pickLanguage(null)).toBe('en');
  });

  it('names the organization in the From header with the installation address', () => {
    expect(fromHeader(BRAND, 'Roost <no-reply@roost.example>')).toBe('"Harbour View" <no-reply@roost.example>');
    expect(fromHeader({ ...BRAND, senderName: 'Bad "Name" <x@y>' }, 'no-reply@roost.example')).toBe(
      '"Bad Name x@y" <no-reply@roost.example>',
    );
  });

  it('writes a valid, folded iCalendar event', () => {
    const ics = bookingIcs({
      bookingId: '7f0c1b2a-0000-4000-8000-000000000001',
      summary: 'Harbour View Hotel: Room 204, a very long summary that needs folding; with, special characters',
      location: 'Rua do Cais 12, Lisboa',
      description: 'Booking K7M2Q9XD\nTwo guests',
      startsAt: new Date('2027-03-12T15:00:00Z'),
      endsAt: new Date('2027-03-14T11:00:00Z'),
      sequence: 3,
      now: new Date('2027-03-01T09:30:00Z'),
    });
    expect(ics).toContain('DTSTART:20270312T150000Z\r\n');
    expect(ics).toContain('DTSTAMP:20270301T093000Z\r\n');
    expect(ics).toContain('SEQUENCE:3\r\n');
    expect(ics).toContain('LOCATION:Rua do Cais 12\\, Lisboa\r\n');
    expect(ics).toContain('DESCRIPTION:Booking K7M2Q9XD\\nTwo guests\r\n');
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
