// Where a work order's files live in the private documents bucket (read by the browser, which
// uploads them, and by the server): photos under the order's own folder; invoices under the
// inbox's invoices/ folder, which makes an OCR job of each upload (migration 20261122004000_jobs.sql).

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

export function photoFolder(organizationId: string, propertyId: string, workOrderId: string): string {
  return `${organizationId}/${propertyId}/work-orders/${workOrderId}`;
}

export function invoiceFolder(organizationId: string, propertyId: string, workOrderId: string): string {
  return `${organizationId}/${propertyId}/inbox/invoices/${workOrderId}`;
}
