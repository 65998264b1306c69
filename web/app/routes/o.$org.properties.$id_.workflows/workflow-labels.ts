// How triggers, actions, templates and send statuses read in the portal.
export const TRIGGERS = [
  'booking_created',
  'booking_modified',
  'booking_cancelled',
  'before_arrival',
  'after_departure',
  'booking_no_show',
  'order_ready',
] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const SCHEDULED_TRIGGERS: readonly Trigger[] = ['before_arrival', 'after_departure'];

export const TRIGGER_LABELS: Record<Trigger, string> = {
  booking_created: 'A booking is confirmed',
  booking_modified: 'A booking changes (dates, room, guests)',
  booking_cancelled: 'A booking is cancelled',
  before_arrival: 'Hours before arrival',
  after_departure: 'Hours after departure',
  booking_no_show: 'A booking is marked no-show',
  order_ready: 'An order is ready',
};

export const ACTIONS = ['email_guest', 'email_staff', 'email_address', 'webhook'] as const;
export type Action = (typeof ACTIONS)[number];
export const ACTION_LABELS: Record<Action, string> = {
  email_guest: 'Email the guest',
  email_staff: 'Email the property’s staff',
  email_address: 'Email an address',
  webhook: 'Call a webhook endpoint',
};

export const TEMPLATES = [
  'booking_confirmation',
  'booking_modified',
  'booking_cancelled',
  'pre_arrival_reminder',
  'post_stay_thank_you',
  'booking_receipt',
  'order_ready',
] as const;
export type Template = (typeof TEMPLATES)[number];
export const TEMPLATE_LABELS: Record<Template, string> = {
  booking_confirmation: 'Booking confirmation',
  booking_modified: 'Booking changed',
  booking_cancelled: 'Booking cancelled',
  pre_arrival_reminder: 'Pre-arrival reminder',
  post_stay_thank_you: 'Thank you after the stay (marketing)',
  booking_receipt: 'Receipt',
  order_ready: 'Order ready',
};

export const STATUS_LABELS: Record<string, string> = {
  scheduled: 'Scheduled',
  sent: 'Sent',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export const REASON_LABELS: Record<string, string> = {
  no_marketing_consent: 'the guest has not agreed to marketing email',
  no_guest_email: 'the guest has no email address',
  no_recipient: 'nobody to send it to',
  no_booking: 'no booking to write about',
  workflow_paused: 'the workflow is paused',
  workflow_changed: 'the workflow changed',
  booking_cancelled: 'the booking was cancelled',
  booking_no_show: 'the guest did not show',
  due_time_passed: 'its time passed before the booking allowed it',
  no_webhook_event_type: 'webhooks have no event for this trigger',
  no_webhook_endpoint: 'no webhook endpoint',
  webhook_endpoint_disabled: 'the webhook endpoint is disabled',
};

/** "Email the guest: Booking confirmation when a booking is confirmed" in one line. */
export function describeWhen(trigger: Trigger, offsetHours: number): string {
  if (trigger === 'before_arrival') return `${offsetHours} h before check-in`;
  if (trigger === 'after_departure') return `${offsetHours} h after check-out`;
  return TRIGGER_LABELS[trigger];
}
