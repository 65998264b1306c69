// Vendor emails (decision 041), rendered from the database: `renderVendorMessage(sql, queued)`
// loads the quote request or the quote the queued row's tags name, with its work order, property,
// vendor and organization (branding, language), through the connection it is given (the worker's
// transaction), and returns what private.enqueue_mail takes. The request's link comes from the
// queued row: the token is stored nowhere else.
import type { Sql, TransactionSql } from 'postgres';
import { brandFromOrganization, DEFAULT_SENDER, fromHeader } from './brand.ts';
import { pickLanguage } from './i18n.ts';
import { loadTemplates } from './load.ts';
import type { VendorTemplate } from './templates/maintenance.tsx';

export interface QueuedVendorMail {
  template: string;
  recipient: string;
  link: string | null;
  tags: Record<string, unknown>;
}

export interface VendorMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  template: VendorTemplate;
  from: string;
  replyTo?: string | undefined;
}

export class VendorMessageError extends Error {
  readonly code: 'invalid_template' | 'not_found';
  constructor(code: 'invalid_template' | 'not_found') {
    super(code);
    this.code = code;
  }
}

interface FactsRow {
  vendor_name: string;
  property_name: string;
  order_number: string;
  order_title: string;
  order_description: string | null;
  location: string | null;
  expires_at: Date | null;
  amount_minor: string | null;
  currency: string | null;
  organization_name: string;
  organization_locale: string | null;
  logo_path: string | null;
  email_brand_color: string | null;
  email_sender_name: string | null;
  email_reply_to: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEMPLATES: readonly string[] = ['vendor_quote_request', 'vendor_quote_accepted', 'vendor_quote_declined'];

function env(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return process?.env?.[name];
}

async function loadFacts(sql: Sql | TransactionSql, queued: QueuedVendorMail): Promise<FactsRow | undefined> {
  const request = queued.template === 'vendor_quote_request';
  const id = String(queued.tags[request ? 'quote_request' : 'vendor_quote'] ?? '');
  if (!UUID.test(id)) return undefined;
  // A request: its vendor and expiry; a decision: the quote's vendor and amount.
  const [row] = await sql<FactsRow[]>`
    select v.name as vendor_name, p.name as property_name, w.number::text as order_number, w.title as order_title,
      w.description as order_description, nullif(concat_ws(' · ', res.name, w.area), '') as location,
      r.expires_at, q.amount_minor::text as amount_minor, q.currency,
      o.name as organization_name, o.locale as organization_locale, o.logo_path, o.email_brand_color,
      o.email_sender_name, o.email_reply_to::text as email_reply_to
    from public.work_orders w
    join public.properties p on p.id = w.property_id
    join public.organizations o on o.id = w.organization_id
    left join public.resources res on res.id = w.resource_id
    left join public.quote_requests r on ${request} and r.id = ${id}::uuid
    left join public.vendor_quotes q on not ${request} and q.id = ${id}::uuid
    join public.vendors v on v.id = coalesce(r.vendor_id, q.vendor_id)
    where w.id = coalesce(r.work_order_id, q.work_order_id)`;
  return row;
}

export async function renderVendorMessage(
  sql: Sql | TransactionSql,
  queued: QueuedVendorMail,
  options: { storageUrl?: string; defaultFrom?: string } = {},
): Promise<VendorMessage> {
  if (!TEMPLATES.includes(queued.template)) throw new VendorMessageError('invalid_template');
  const template = queued.template as VendorTemplate;
  const facts = await loadFacts(sql, queued);
  if (!facts) throw new VendorMessageError('not_found');
  const supabaseUrl = env('SUPABASE_URL');
  const storageUrl = options.storageUrl ?? (supabaseUrl ? `${supabaseUrl.replace(/\/+$/, '')}/storage/v1` : undefined);
  const brand = brandFromOrganization(
    {
      name: facts.organization_name,
      logo_path: facts.logo_path,
      email_brand_color: facts.email_brand_color,
      email_sender_name: facts.email_sender_name,
      email_reply_to: facts.email_reply_to,
    },
    storageUrl,
  );
  const { renderVendorEmail } = await loadTemplates();
  const mail = await renderVendorEmail(template, {
    vendorName: facts.vendor_name,
    propertyName: facts.property_name,
    orderNumber: Number(facts.order_number),
    orderTitle: facts.order_title,
    orderDescription: facts.order_description,
    location: facts.location,
    link: queued.link ?? undefined,
    expiresAt: facts.expires_at ?? undefined,
    amountMinor: facts.amount_minor === null ? undefined : Number(facts.amount_minor),
    currency: facts.currency ?? undefined,
    brand,
    language: pickLanguage(facts.organization_locale),
  });
  return {
    to: queued.recipient,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    template,
    from: fromHeader(brand, options.defaultFrom ?? env('MAIL_FROM') ?? DEFAULT_SENDER),
    replyTo: brand.replyTo,
  };
}
