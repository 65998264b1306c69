/** @jsxImportSource react */
// Emails to staff and users rather than guests: the organization invitation (sent by the
// invite edge function), the Auth flows' emails and the daily manager report.
import { Text } from '@react-email/components';
import { type Brand, ROOST_BRAND } from '../brand.ts';
import { CATALOGUES, type Language, LOCALES } from '../i18n.ts';
import type { AuthTemplate } from '../template-names.ts';
import { ActionButton, Details, Frame, small, text } from './frame.tsx';
import { type RenderedMail, renderMail } from './render.ts';

export interface InvitationEmailInput {
  organizationName: string;
  role: string;
  acceptUrl: string;
  inviterName?: string | undefined;
  expiresAt: Date;
  brand?: Brand | undefined;
  language?: Language | undefined;
}

export function InvitationEmail(input: InvitationEmailInput) {
  const language = input.language ?? 'en';
  const t = CATALOGUES[language].invitation;
  const brand = input.brand ?? ROOST_BRAND;
  const expires = new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(input.expiresAt);
  return (
    <Frame
      brand={brand}
      language={language}
      preview={t.preview(input.organizationName)}
      title={t.title(input.organizationName)}
      footer={CATALOGUES[language].footer(brand.name)}
    >
      <Text style={text}>{t.who(input.inviterName, input.organizationName, input.role)}</Text>
      <ActionButton brand={brand} href={input.acceptUrl}>
        {t.action}
      </ActionButton>
      <Text style={small}>{t.validUntil(`${expires} UTC`)}</Text>
    </Frame>
  );
}

export function renderInvitationEmail(input: InvitationEmailInput): Promise<RenderedMail> {
  const t = CATALOGUES[input.language ?? 'en'].invitation;
  return renderMail(<InvitationEmail {...input} />, t.subject(input.organizationName), 'invitation');
}

export { AUTH_TEMPLATES, type AuthTemplate } from '../template-names.ts';

export interface AuthEmailInput {
  /** The link that completes the flow (upstream's {{ .ConfirmationURL }}); none for reauthentication. */
  confirmationUrl?: string | undefined;
  /** The one-time code (upstream's {{ .Token }}), shown when given. */
  token?: string | undefined;
  /** For email_change: the current and the new address. */
  email?: string | undefined;
  newEmail?: string | undefined;
  language?: Language | undefined;
}

export function AuthEmail({ template, input }: { template: AuthTemplate; input: AuthEmailInput }) {
  const language = input.language ?? 'en';
  const catalogue = CATALOGUES[language];
  const t = catalogue.auth[template];
  const intro = t.intro.replace('{email}', input.email ?? '').replace('{newEmail}', input.newEmail ?? '');
  return (
    <Frame
      brand={ROOST_BRAND}
      language={language}
      preview={intro}
      title={t.subject}
      footer={catalogue.footer(ROOST_BRAND.name)}
    >
      <Text style={text}>{intro}</Text>
      {input.confirmationUrl ? (
        <ActionButton brand={ROOST_BRAND} href={input.confirmationUrl}>
          {t.action}
        </ActionButton>
      ) : null}
      {input.token ? (
        <Text style={text}>
          {input.confirmationUrl ? `${catalogue.auth.orCode} ` : ''}
          <strong style={{ fontSize: '18px', letterSpacing: '2px' }}>{input.token}</strong>
        </Text>
      ) : null}
      <Text style={small}>{catalogue.ignoreHint}</Text>
    </Frame>
  );
}

export function renderAuthEmail(template: AuthTemplate, input: AuthEmailInput): Promise<RenderedMail> {
  const t = CATALOGUES[input.language ?? 'en'].auth[template];
  return renderMail(<AuthEmail template={template} input={input} />, t.subject, template);
}

export interface ManagerReportEmailInput {
  brand: Brand;
  language: Language;
  propertyName: string;
  /** The report's day as shown ("Mon, 14 Dec 2026"). */
  dayLabel: string;
  /** The headline figures, already formatted: [label, value]. */
  figures: [string, string][];
  dashboardUrl?: string | undefined;
}

export function ManagerReportEmail(input: ManagerReportEmailInput) {
  const t = CATALOGUES[input.language].manager_report;
  return (
    <Frame
      brand={input.brand}
      language={input.language}
      preview={t.preview(input.dayLabel)}
      title={`${t.title} · ${input.propertyName}`}
      footer={CATALOGUES[input.language].footer(input.brand.name)}
    >
      <Text style={text}>{CATALOGUES[input.language].helloStaff}</Text>
      <Text style={text}>{t.intro}</Text>
      <Details rows={input.figures} />
      {input.dashboardUrl ? (
        <ActionButton brand={input.brand} href={input.dashboardUrl}>
          {t.open}
        </ActionButton>
      ) : null}
    </Frame>
  );
}

export function renderManagerReportEmail(input: ManagerReportEmailInput): Promise<RenderedMail> {
  const t = CATALOGUES[input.language].manager_report;
  return renderMail(<ManagerReportEmail {...input} />, t.subject(input.propertyName, input.dayLabel), 'manager_report');
}
