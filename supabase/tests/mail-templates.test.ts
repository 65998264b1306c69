// Templates: every value escaped in the HTML, the link findable in both parts, one-line subjects
// that the outbox accepts. (Snapshots of every template: shared/mail/templates.test.ts.)
import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../shared/mail/outbox/links.ts';
import { renderAuthEmail, renderInvitationEmail } from '../../shared/mail/templates/index.tsx';
import { parseMailMessage } from '../local/mail/index.ts';

const url = 'http://127.0.0.1:54321/auth/v1/verify?token=pkce_1&type=signup&redirect_to=http://127.0.0.1:3000/"x"';

describe('mail templates', async () => {
  const rendered = {
    confirm_signup: await renderAuthEmail('confirm_signup', { confirmationUrl: url, token: '123456' }),
    magic_link: await renderAuthEmail('magic_link', { confirmationUrl: url }),
    recovery: await renderAuthEmail('recovery', { confirmationUrl: url, token: '<b>654321</b>' }),
    email_change: await renderAuthEmail('email_change', {
      confirmationUrl: url,
      email: 'old@example.test',
      newEmail: 'new<x>@example.test',
    }),
    invite: await renderAuthEmail('invite', { confirmationUrl: url }),
    invitation: await renderInvitationEmail({
      organizationName: 'Harbour "Hotels"',
      role: 'staff',
      acceptUrl: url,
      expiresAt: new Date('2026-12-01T00:00:00Z'),
    }),
  };

  for (const [template, mail] of Object.entries(rendered)) {
    it(`renders ${template} with its link in html and text, escaped`, () => {
      expect(mail.template, 'the template names itself').toBe(template);
      expect(extractLinks(mail.html, null), 'the html link').toEqual([url]);
      expect(mail.text, 'the text carries the link').toContain(url);
      expect(mail.html, 'quotes in the link are escaped').toContain('&quot;x&quot;');
      expect(mail.html, 'no raw markup from values').not.toMatch(/<b>|new<x>/);
      expect(() => parseMailMessage({ to: 'a@example.test', ...mail }), 'a valid message').not.toThrow();
    });
  }

  it('shows the one-time code when the flow has one', () => {
    expect(rendered.confirm_signup.text, 'code in the text').toContain('123456');
    expect(rendered.recovery.html, 'code escaped in the html').toContain('&lt;b&gt;654321&lt;/b&gt;');
    expect(rendered.magic_link.text, 'no code line without a code').not.toContain('code');
  });
});
