/** @jsxImportSource react */
// Every email template of Roost (React Email), in one module: Node loads it through
// ../load.ts, Vite and Deno import it (or the single template files) directly.
export { BOOKING_TEMPLATES, type BookingEmailData, type BookingTemplate, renderBookingEmail } from './booking.tsx';
export { GUEST_DATA_TEMPLATE, type GuestDataEmailInput, renderGuestDataEmail } from './guest-data.tsx';
export {
  renderVendorEmail,
  VENDOR_TEMPLATES,
  type VendorEmailInput,
  type VendorTemplate,
} from './maintenance.tsx';
export type { RenderedMail } from './render.ts';
export {
  AUTH_TEMPLATES,
  type AuthEmailInput,
  type AuthTemplate,
  type InvitationEmailInput,
  type ManagerReportEmailInput,
  renderAuthEmail,
  renderInvitationEmail,
  renderManagerReportEmail,
} from './staff.tsx';
