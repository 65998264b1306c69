// How the folio RPCs' refusals read (codes of migration 20261122001300).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const FOLIO_ERRORS: Record<string, ErrorPlacement> = {
  invalid_amount: { field: 'amount', message: 'Enter an amount above zero (adjustments: not zero).' },
  invalid_method: { field: 'method', message: 'Choose cash, card or external.' },
  invalid_external_reference: { field: 'reference', message: 'Use 1 to 200 characters.' },
  invalid_reason: { field: 'reason', message: 'Use 1 to 200 characters.' },
  refund_exceeds_payments: { field: 'amount', message: 'A refund cannot exceed what was paid on this folio.' },
  folio_settled: { message: 'This folio is settled: nothing more can be posted to it.' },
  balance_outstanding: { message: 'The folio still has a balance: take a payment (or refund) until it is zero.' },
  insufficient_role: { message: 'Only a manager can do this: the database refused it.' },
  folio_not_found: { message: 'This folio no longer exists.' },
  folio_entries_sign: { field: 'amount', message: 'This amount has the wrong sign for this entry.' },
};

export const ENTRY_LABELS: Record<string, string> = {
  room_charge: 'Night',
  order: 'Order',
  payment: 'Payment',
  refund: 'Refund',
  adjustment: 'Adjustment',
};
