// What the kitchen is told when the database refuses a bump (its status flow, decision 003).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const KITCHEN_ERRORS: Record<string, ErrorPlacement> = {
  invalid_transition: {
    message: 'The database refused this step: it was already bumped on another screen. The display is refreshed.',
  },
  already_bumped: { message: 'This ticket was already bumped on another screen.' },
  invalid_order_status: { message: 'This order has left the kitchen (served, closed or voided): nothing to bump.' },
  order_not_found: { message: 'This order is gone, or you do not work at its property.' },
  order_item_not_found: { message: 'This line is gone, or you do not work at its property.' },
};
