/** @jsxImportSource react */
// Emails to a property's vendors (decision 033, rendered here since decision 041): the quote
// request with its single-use link, and the answer once the manager has chosen (accepted or
// not selected). Vendors are businesses without a profile: the organization's language.
import { Text } from '@react-email/components';
import { type Brand, ROOST_BRAND } from '../brand.ts';
import { formatMoney } from '../format.ts';
import { CATALOGUES, type Language, LOCALES } from '../i18n.ts';
import { ActionButton, Details, Frame, small, text } from './frame.tsx';
import { type RenderedMail, renderMail } from './render.ts';

export const VENDOR_TEMPLATES = ['vendor_quote_request', 'vendor_quote_accepted', 'vendor_quote_declined'] as const;
export type VendorTemplate = (typeof VENDOR_TEMPLATES)[number];

export interface VendorEmailInput {
  vendorName: string;
  propertyName: string;
  orderNumber: number;
  orderTitle: string;
  orderDescription?: string | null | undefined;
  /** Where the work is: a room or an area, when the order names one. */
  location?: string | null | undefined;
  /** The request: the link (its token is in no other place) and when it expires. */
  link?: string | undefined;
  expiresAt?: Date | undefined;
  /** The decision: the quote's amount in minor units. */
  amountMinor?: number | undefined;
  currency?: string | undefined;
  brand?: Brand | undefined;
  language?: Language | undefined;
}

interface Copy {
  subject: (input: VendorEmailInput) => string;
  title: string;
  lead: (input: VendorEmailInput) => string;
  order: string;
  where: string;
  amount: string;
  action: string;
  validUntil: (when: string) => string;
  hello: (name: string) => string;
}

const COPY: Record<Language, Record<VendorTemplate, Copy>> = {
  en: {
    vendor_quote_request: {
      subject: (i) => `Quote request from ${i.propertyName}: ${i.orderTitle}`,
      title: 'Request for a quote',
      lead: (i) => `${i.propertyName} asks for your quote for the work below.`,
      order: 'Work order',
      where: 'Where',
      amount: 'Amount',
      action: 'Submit your quote',
      validUntil: (when) => `The link is valid until ${when} and accepts one submission; nobody else can use it.`,
      hello: (name) => `Hello ${name},`,
    },
    vendor_quote_accepted: {
      subject: (i) => `Your quote was accepted: ${i.orderTitle}`,
      title: 'Your quote was accepted',
      lead: (i) => `${i.propertyName} accepted your quote. They will contact you to schedule the work.`,
      order: 'Work order',
      where: 'Where',
      amount: 'Your quote',
      action: '',
      validUntil: () => '',
      hello: (name) => `Hello ${name},`,
    },
    vendor_quote_declined: {
      subject: (i) => `Your quote was not selected: ${i.orderTitle}`,
      title: 'Your quote was not selected',
      lead: (i) => `${i.propertyName} chose another quote for this work. Thank you for quoting.`,
      order: 'Work order',
      where: 'Where',
      amount: 'Your quote',
      action: '',
      validUntil: () => '',
      hello: (name) => `Hello ${name},`,
    },
  },
  de: {
    vendor_quote_request: {
      subject: (i) => `Angebotsanfrage von ${i.propertyName}: ${i.orderTitle}`,
      title: 'Bitte um ein Angebot',
      lead: (i) => `${i.propertyName} bittet Sie um ein Angebot für die folgende Arbeit.`,
      order: 'Auftrag',
      where: 'Ort',
      amount: 'Betrag',
      action: 'Angebot abgeben',
      validUntil: (when) => `Der Link gilt bis ${when} für eine einzige Abgabe; niemand sonst kann ihn verwenden.`,
      hello: (name) => `Guten Tag ${name},`,
    },
    vendor_quote_accepted: {
      subject: (i) => `Ihr Angebot wurde angenommen: ${i.orderTitle}`,
      title: 'Ihr Angebot wurde angenommen',
      lead: (i) => `${i.propertyName} hat Ihr Angebot angenommen und meldet sich für einen Termin.`,
      order: 'Auftrag',
      where: 'Ort',
      amount: 'Ihr Angebot',
      action: '',
      validUntil: () => '',
      hello: (name) => `Guten Tag ${name},`,
    },
    vendor_quote_declined: {
      subject: (i) => `Ihr Angebot wurde nicht ausgewählt: ${i.orderTitle}`,
      title: 'Ihr Angebot wurde nicht ausgewählt',
      lead: (i) => `${i.propertyName} hat sich für ein anderes Angebot entschieden. Danke für Ihr Angebot.`,
      order: 'Auftrag',
      where: 'Ort',
      amount: 'Ihr Angebot',
      action: '',
      validUntil: () => '',
      hello: (name) => `Guten Tag ${name},`,
    },
  },
};

export function VendorEmail({ template, input }: { template: VendorTemplate; input: VendorEmailInput }) {
  const language = input.language ?? 'en';
  const copy = COPY[language][template];
  const brand = input.brand ?? ROOST_BRAND;
  const rows: [string, string][] = [[copy.order, `#${input.orderNumber} ${input.orderTitle}`]];
  if (input.location) rows.push([copy.where, input.location]);
  if (template !== 'vendor_quote_request' && input.amountMinor !== undefined && input.currency) {
    rows.push([copy.amount, formatMoney(input.amountMinor, input.currency, language)]);
  }
  const expires = input.expiresAt
    ? `${new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(input.expiresAt)} UTC`
    : '';
  return (
    <Frame
      brand={brand}
      language={language}
      preview={copy.lead(input)}
      title={copy.title}
      footer={CATALOGUES[language].footer(brand.name)}
    >
      <Text style={text}>{copy.hello(input.vendorName)}</Text>
      <Text style={text}>{copy.lead(input)}</Text>
      <Details rows={rows} />
      {input.orderDescription ? <Text style={text}>{input.orderDescription}</Text> : null}
      {template === 'vendor_quote_request' && input.link ? (
        <>
          <ActionButton brand={brand} href={input.link}>
            {copy.action}
          </ActionButton>
          <Text style={small}>{copy.validUntil(expires)}</Text>
        </>
      ) : null}
    </Frame>
  );
}

export function renderVendorEmail(template: VendorTemplate, input: VendorEmailInput): Promise<RenderedMail> {
  const copy = COPY[input.language ?? 'en'][template];
  return renderMail(<VendorEmail template={template} input={input} />, copy.subject(input), template);
}
