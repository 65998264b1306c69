/** @jsxImportSource react */
// The guest's own data request (GDPR, decision 037): the download link of the export, mailed to
// the address on file only. In the guest's language, in the organization's branding.
import { Text } from '@react-email/components';
import { type Brand, ROOST_BRAND } from '../brand.ts';
import { CATALOGUES, type Language, LOCALES } from '../i18n.ts';
import { ActionButton, Frame, small, text } from './frame.tsx';
import { type RenderedMail, renderMail } from './render.ts';

export const GUEST_DATA_TEMPLATE = 'guest_data_export';

export interface GuestDataEmailInput {
  organizationName: string;
  /** The signed download link of the zip (its token is in no other place). */
  link: string;
  /** When the link stops working. */
  expiresAt: Date;
  brand?: Brand | undefined;
  language?: Language | undefined;
}

interface Copy {
  subject: (organization: string) => string;
  title: string;
  lead: (organization: string) => string;
  contents: string;
  action: string;
  validUntil: (when: string) => string;
  notYou: string;
}

const COPY: Record<Language, Copy> = {
  en: {
    subject: (organization) => `Your data held by ${organization}`,
    title: 'Your data is ready',
    lead: (organization) => `You asked ${organization} for a copy of the personal data it holds about you.`,
    contents:
      'The download is a zip of JSON and CSV files with your profile, bookings, orders, messages and documents.',
    action: 'Download your data',
    validUntil: (when) => `The link works until ${when}.`,
    notYou: 'If you did not ask for this, you can ignore this email: the link was sent only to this address.',
  },
  de: {
    subject: (organization) => `Ihre bei ${organization} gespeicherten Daten`,
    title: 'Ihre Daten stehen bereit',
    lead: (organization) =>
      `Sie haben ${organization} um eine Kopie der personenbezogenen Daten gebeten, die über Sie gespeichert sind.`,
    contents:
      'Der Download ist ein ZIP-Archiv mit JSON- und CSV-Dateien: Ihr Profil, Buchungen, Bestellungen, Nachrichten und Dokumente.',
    action: 'Daten herunterladen',
    validUntil: (when) => `Der Link gilt bis ${when}.`,
    notYou:
      'Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Der Link wurde nur an diese Adresse geschickt.',
  },
};

export function GuestDataEmail({ input }: { input: GuestDataEmailInput }) {
  const language = input.language ?? 'en';
  const copy = COPY[language];
  const brand = input.brand ?? ROOST_BRAND;
  const t = CATALOGUES[language];
  const expires = `${new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(input.expiresAt)} UTC`;
  return (
    <Frame
      brand={brand}
      language={language}
      preview={copy.lead(input.organizationName)}
      title={copy.title}
      footer={t.footer(brand.name)}
    >
      <Text style={text}>{t.helloStaff}</Text>
      <Text style={text}>{copy.lead(input.organizationName)}</Text>
      <Text style={text}>{copy.contents}</Text>
      <ActionButton brand={brand} href={input.link}>
        {copy.action}
      </ActionButton>
      <Text style={small}>{copy.validUntil(expires)}</Text>
      <Text style={small}>{copy.notYou}</Text>
    </Frame>
  );
}

export function renderGuestDataEmail(input: GuestDataEmailInput): Promise<RenderedMail> {
  const copy = COPY[input.language ?? 'en'];
  return renderMail(
    <GuestDataEmail input={input} />,
    copy.subject(input.organizationName).slice(0, 200),
    GUEST_DATA_TEMPLATE,
  );
}
