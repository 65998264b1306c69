// Words for the maintenance screens. NEXT_STEPS only chooses which buttons to offer: the database's
// trigger (migration 20261206160600) decides every move and refuses the rest.

import type { MatchState } from '../../data/vendors.server.ts';
import type { Priority, WorkOrderStatus } from '../../data/work-orders.server.ts';

export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  open: 'Open',
  assigned: 'Assigned',
  in_progress: 'In progress',
  on_hold: 'On hold',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

/** The buttons for an order's next step, each with the status it asks for. */
export const NEXT_STEPS: Record<WorkOrderStatus, { to: WorkOrderStatus; label: string }[]> = {
  open: [],
  assigned: [{ to: 'in_progress', label: 'Start work' }],
  in_progress: [
    { to: 'done', label: 'Mark done' },
    { to: 'on_hold', label: 'Put on hold' },
  ],
  on_hold: [
    { to: 'in_progress', label: 'Resume' },
    { to: 'done', label: 'Mark done' },
  ],
  done: [],
  cancelled: [],
};

export const MATCH_LABELS: Record<MatchState, string> = {
  reading: 'Reading the invoice…',
  unreadable: 'Could not read a total: check it by hand',
  no_accepted_quote: 'No accepted quote to compare with',
  matched: 'Matches the accepted quote',
  differs: 'Differs from the accepted quote',
};

/** Database refusals of the work order forms, by code or constraint. */
export const WORK_ORDER_ERRORS = {
  invalid_work_order_transition: { message: 'This step is not possible from the order’s current status.' },
  work_order_closed: { message: 'This work order is closed and can no longer change.' },
  invalid_assignee: { field: 'assigned_to', message: 'Choose a staff member who works at this property.' },
  invalid_out_of_service_until: { field: 'out_of_service_until', message: 'Choose a moment in the future.' },
  out_of_service_needs_room: { field: 'out_of_service_until', message: 'Choose a room to take off sale.' },
  work_orders_assignee_when_assigned: { field: 'assigned_to', message: 'Choose who does the work.' },
  work_orders_title_length: { field: 'title', message: 'Say what needs fixing in at most 200 characters.' },
  work_orders_area_length: { field: 'area', message: 'At most 120 characters.' },
  work_orders_resource_fkey: { field: 'resource_id', message: 'Choose a room of this property.' },
  work_order_photos_object_name_valid: { message: 'The photo was not stored in this order’s folder.' },
  work_order_invoices_object_name_valid: { message: 'The invoice was not stored in this order’s folder.' },
  vendor_not_found: { field: 'vendor_id', message: 'Choose a vendor of this organization.' },
  vendor_inactive: { field: 'vendor_id', message: 'This vendor is archived.' },
  quote_already_accepted: { message: 'A quote was already accepted for this work order.' },
  quote_already_decided: { message: 'A quote of this work order was already accepted.' },
  invalid_valid_for: { field: 'valid_days', message: 'A link is valid for 1 to 60 days.' },
};

/** "Until 12 Dec, 10:00" in the property's zone. */
export function formatLocalTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
