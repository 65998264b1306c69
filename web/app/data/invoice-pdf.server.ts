// The invoice PDF moved to shared/pdf/ (the receipt email attaches the same document, decision 029).
export { type InvoiceFolio, type InvoiceParties, renderInvoicePdf } from '../../../shared/pdf/invoice.ts';
