// Vendors, their quotes for work orders and the invoices matched against them (migration
// 20261206160610_vendor_quotes.sql), as the signed-in user: staff read the directory, managers
// write it, ask for quotes (public.request_vendor_quote queues the email with the link) and
// accept one (public.accept_vendor_quote tells every vendor). The vendor's own page reads its one
// request with the anon key (public.vendor_quote_request) and posts to the vendor-quote function.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export interface Vendor {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  trade: string | null;
  notes: string | null;
  active: boolean;
  updatedAt: string;
}

const VENDOR_COLUMNS = 'id, name, email, phone, trade, notes, active, updated_at';

type VendorRow = Database['public']['Tables']['vendors']['Row'];
const toVendor = (
  row: Pick<VendorRow, 'id' | 'name' | 'email' | 'phone' | 'trade' | 'notes' | 'active' | 'updated_at'>,
): Vendor => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  trade: row.trade,
  notes: row.notes,
  active: row.active,
  updatedAt: row.updated_at,
});

export async function listVendorPage(
  supabase: Supabase,
  organizationId: string,
  { page, perPage }: { page: number; perPage: number },
): Promise<{ vendors: Vendor[]; total: number }> {
  const { data, error, count } = await supabase
    .from('vendors')
    .select(VENDOR_COLUMNS, { count: 'exact' })
    .eq('organization_id', organizationId)
    .order('active', { ascending: false })
    .order('name')
    .range((page - 1) * perPage, page * perPage - 1);
  if (error?.code === 'PGRST103') return { vendors: [], total: count ?? 0 };
  if (error) throw new DataError(error);
  return { vendors: data.map(toVendor), total: count ?? data.length };
}

export async function listActiveVendors(supabase: Supabase, organizationId: string): Promise<Vendor[]> {
  const { data, error } = await supabase
    .from('vendors')
    .select(VENDOR_COLUMNS)
    .eq('organization_id', organizationId)
    .eq('active', true)
    .order('name')
    .limit(500);
  if (error) throw new DataError(error);
  return data.map(toVendor);
}

export interface VendorFields {
  name: string;
  email: string;
  phone: string | null;
  trade: string | null;
  notes: string | null;
}

export async function createVendor(
  supabase: Supabase,
  organizationId: string,
  fields: VendorFields,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('vendors')
    .insert({ organization_id: organizationId, ...fields })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function updateVendor(
  supabase: Supabase,
  organizationId: string,
  id: string,
  fields: Partial<VendorFields & { active: boolean }>,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('vendors')
    .update(fields)
    .eq('organization_id', organizationId)
    .eq('id', id)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

// ---------------------------------------------------------------------------------------------
// Quotes of a work order (managers and up see them; RLS hides them from staff)
// ---------------------------------------------------------------------------------------------

export interface QuoteRequest {
  id: string;
  vendorName: string;
  email: string;
  status: 'sent' | 'submitted' | 'closed';
  expiresAt: string;
  createdAt: string;
}

export interface VendorQuote {
  id: string;
  vendorName: string;
  amountMinor: number;
  currency: string;
  availableOn: string | null;
  notes: string | null;
  attachmentName: string | null;
  /** Whether the attachment arrived (the vendor announces it, then uploads it to Storage). */
  attachmentStored: boolean;
  status: 'submitted' | 'accepted' | 'declined';
  createdAt: string;
}

export async function listQuoteRequests(supabase: Supabase, workOrderId: string): Promise<QuoteRequest[]> {
  const { data, error } = await supabase
    .from('quote_requests')
    .select('id, email, status, expires_at, created_at, vendors(name)')
    .eq('work_order_id', workOrderId)
    .order('created_at', { ascending: false })
    .limit(100);
  if (error) throw new DataError(error);
  return data.map((row) => ({
    id: row.id,
    vendorName: (row.vendors as { name: string } | null)?.name ?? '',
    email: row.email,
    status: row.status as QuoteRequest['status'],
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  }));
}

/** Quotes cheapest first, the way they are compared. */
export async function listQuotes(supabase: Supabase, workOrderId: string): Promise<VendorQuote[]> {
  const { data, error } = await supabase
    .from('vendor_quotes')
    .select(
      'id, amount_minor, currency, available_on, notes, attachment_name, attachment_stored, status, created_at, vendors(name)',
    )
    .eq('work_order_id', workOrderId)
    .order('amount_minor')
    .limit(100);
  if (error) throw new DataError(error);
  return data.map((row) => ({
    id: row.id,
    vendorName: (row.vendors as { name: string } | null)?.name ?? '',
    amountMinor: row.amount_minor,
    currency: row.currency,
    availableOn: row.available_on,
    notes: row.notes,
    attachmentName: row.attachment_name,
    attachmentStored: row.attachment_stored === true,
    status: row.status as VendorQuote['status'],
    createdAt: row.created_at,
  }));
}

/**
 * A quote's attachment (PDF or image), for managers who can read the quote: from Storage as the
 * signed-in user (the documents bucket lets only managers of the property reach quote files), or
 * from the row for quotes submitted before attachments moved to Storage (decision 043).
 */
export async function getQuoteAttachment(
  supabase: Supabase,
  quoteId: string,
): Promise<{ name: string; type: string; bytes: Uint8Array } | null> {
  const { data, error } = await supabase
    .from('vendor_quotes')
    .select('attachment_name, attachment_type, attachment_path, attachment')
    .eq('id', quoteId)
    .maybeSingle();
  if (error?.code === '22P02') return null;
  if (error) throw new DataError(error);
  if (!data?.attachment_name || !data.attachment_type) return null;
  if (data.attachment_path) {
    const stored = await supabase.storage.from('documents').download(data.attachment_path);
    if (stored.error || !stored.data) return null;
    return {
      name: data.attachment_name,
      type: data.attachment_type,
      bytes: new Uint8Array(await stored.data.arrayBuffer()),
    };
  }
  if (!data.attachment) return null;
  // PostgREST sends bytea as `\x<hex>`.
  const hex = String(data.attachment).replace(/^\\x/, '');
  return { name: data.attachment_name, type: data.attachment_type, bytes: Uint8Array.from(Buffer.from(hex, 'hex')) };
}

export async function requestQuote(
  supabase: Supabase,
  workOrderId: string,
  vendorId: string,
  siteUrl: string,
  validDays: number,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .rpc('request_vendor_quote', {
      p_work_order_id: workOrderId,
      p_vendor_id: vendorId,
      p_site_url: siteUrl,
      p_valid_for: `${validDays} days`,
    })
    .single();
  return error ? { error } : { row: { id: data.quote_request_id } };
}

export async function acceptQuote(supabase: Supabase, quoteId: string): Promise<Saved<{ id: string }>> {
  const { error } = await supabase.rpc('accept_vendor_quote', { p_quote_id: quoteId });
  return error ? { error } : { row: { id: quoteId } };
}

// ---------------------------------------------------------------------------------------------
// Invoices: uploaded into inbox/invoices/<work order>/ (an OCR job), matched by the view
// ---------------------------------------------------------------------------------------------

export type MatchState = 'reading' | 'unreadable' | 'no_accepted_quote' | 'matched' | 'differs';

export interface InvoiceCheck {
  id: string;
  objectName: string;
  matchState: MatchState;
  readTotalMinor: number | null;
  readCurrency: string | null;
  readSupplier: string | null;
  quotedMinor: number | null;
  differenceMinor: number | null;
  createdAt: string;
}

export async function listInvoiceChecks(supabase: Supabase, workOrderId: string): Promise<InvoiceCheck[]> {
  const { data, error } = await supabase
    .from('work_order_invoice_checks')
    .select(
      'id, object_name, match_state, read_total_minor, read_currency, read_supplier, quoted_minor, difference_minor, created_at',
    )
    .eq('work_order_id', workOrderId)
    .order('created_at')
    .limit(50);
  if (error) throw new DataError(error);
  return data.map((row) => ({
    id: row.id ?? '',
    objectName: row.object_name ?? '',
    matchState: (row.match_state ?? 'reading') as MatchState,
    readTotalMinor: row.read_total_minor,
    readCurrency: row.read_currency,
    readSupplier: row.read_supplier,
    quotedMinor: row.quoted_minor,
    differenceMinor: row.difference_minor,
    createdAt: row.created_at ?? '',
  }));
}

export async function addInvoice(
  supabase: Supabase,
  ids: { organizationId: string; propertyId: string; workOrderId: string },
  objectName: string,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('work_order_invoices')
    .insert({
      organization_id: ids.organizationId,
      property_id: ids.propertyId,
      work_order_id: ids.workOrderId,
      object_name: objectName,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

// ---------------------------------------------------------------------------------------------
// The vendor's page: no account, the anon key, one request by its token
// ---------------------------------------------------------------------------------------------

export interface PublicQuoteRequest {
  vendorName: string;
  propertyName: string;
  workOrderNumber: number;
  title: string;
  description: string | null;
  location: string | null;
  currency: string;
  expiresAt: string;
}

/** The request a link names, or the database's refusal code (expired, used, closed, unknown). */
export async function readPublicQuoteRequest(
  browserEnv: { SUPABASE_URL: string; SUPABASE_KEY: string },
  token: string,
): Promise<{ request: PublicQuoteRequest } | { refusal: string }> {
  // Never the visitor's session: the link, not an account, is the vendor's credential.
  const anon = createClient<Database>(browserEnv.SUPABASE_URL, browserEnv.SUPABASE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const { data, error } = await anon.rpc('vendor_quote_request', { p_token: token }).maybeSingle();
  if (error) {
    if (/^[a-z_]+$/.test(error.message)) return { refusal: error.message };
    throw new DataError(error);
  }
  if (!data) return { refusal: 'quote_request_not_found' };
  return {
    request: {
      vendorName: data.vendor_name,
      propertyName: data.property_name,
      workOrderNumber: data.work_order_number,
      title: data.title,
      description: data.description,
      location: data.location,
      currency: data.currency,
      expiresAt: data.expires_at,
    },
  };
}
