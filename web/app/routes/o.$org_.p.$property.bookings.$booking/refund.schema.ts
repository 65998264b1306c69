// A manager's "try again" on a refund that failed: the refund's id; the database checks the role
// and that it failed (retry_guest_refund).
import { z } from 'zod';

export const RetryRefundSchema = z.object({
  refund: z.string().trim().uuid('This refund no longer exists. Reload the page.'),
});

export const REFUND_ERRORS = {
  refund_not_found: { message: 'This refund no longer exists. Reload the page.' },
  refund_not_failed: { message: 'This refund is already being retried or was made. The list shows it now.' },
  insufficient_role: { message: 'Only managers can try a refund again.' },
  invalid_refund_id: { message: 'This refund no longer exists. Reload the page.' },
};
