// The events a user can be notified of (public.notification_event), for the server and the browser.
export const NOTIFICATION_EVENTS = [
  'booking_created',
  'booking_cancelled',
  'booking_no_show',
  'order_ready',
  'job_finished',
  'refund_failed',
] as const;
export type NotificationEventName = (typeof NOTIFICATION_EVENTS)[number];
