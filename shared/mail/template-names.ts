// The names of every email template, what the portal calls them and who gets them: plain data
// (no React), so pages and schemas can list templates without loading the renderer.

export const BOOKING_TEMPLATES = [
  'booking_confirmation',
  'booking_modified',
  'booking_cancelled',
  'pre_arrival_reminder',
  'post_stay_thank_you',
  'booking_receipt',
  'order_ready',
] as const;
export type BookingTemplate = (typeof BOOKING_TEMPLATES)[number];

export const AUTH_TEMPLATES = [
  'confirm_signup',
  'magic_link',
  'recovery',
  'email_change',
  'invite',
  'reauthentication',
] as const;
export type AuthTemplate = (typeof AUTH_TEMPLATES)[number];

export const PREVIEW_TEMPLATES = [...BOOKING_TEMPLATES, 'invitation', ...AUTH_TEMPLATES, 'manager_report'] as const;
export type PreviewTemplate = (typeof PREVIEW_TEMPLATES)[number];

/** What the portal calls each template. */
export const TEMPLATE_TITLES: Record<PreviewTemplate, string> = {
  booking_confirmation: 'Booking confirmation',
  booking_modified: 'Booking changed',
  booking_cancelled: 'Booking cancelled',
  pre_arrival_reminder: 'Reminder before arrival',
  post_stay_thank_you: 'Thank you after the stay',
  booking_receipt: 'Receipt (invoice PDF)',
  order_ready: 'Order ready',
  invitation: 'Staff invitation',
  confirm_signup: 'Sign-up confirmation',
  magic_link: 'Magic link',
  recovery: 'Password reset',
  email_change: 'Email change',
  invite: 'Account invitation (Auth)',
  reauthentication: 'Reauthentication code',
  manager_report: 'Daily manager report',
};

/** Who receives it and what it carries, for the portal's list. */
export const TEMPLATE_NOTES: Record<PreviewTemplate, string> = {
  booking_confirmation: 'Guest · with the booking as a calendar file (.ics)',
  booking_modified: 'Guest · with the updated calendar file',
  booking_cancelled: 'Guest · with the cancellation fee',
  pre_arrival_reminder: 'Guest · sent by a workflow before arrival',
  post_stay_thank_you: 'Guest · marketing: needs consent, has an unsubscribe link',
  booking_receipt: 'Guest · with the invoice as a PDF',
  order_ready: 'Guest · when a room-service order is ready',
  invitation: 'New staff member · your colour and name',
  confirm_signup: 'User · Roost branding',
  magic_link: 'User · Roost branding',
  recovery: 'User · Roost branding',
  email_change: 'User · Roost branding',
  invite: 'User · Roost branding',
  reauthentication: 'User · Roost branding',
  manager_report: 'Manager · with the daily report as a PDF',
};
