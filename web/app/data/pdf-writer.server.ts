// The PDF writer moved to shared/pdf/ (mail attachments draw with it too, decision 029).
export { createPdfWriter, MARGIN, type PdfWriter, type WriteOptions } from '../../../shared/pdf/pdf-writer.ts';
