// The notification preferences form: two checkboxes per event (in the app, by email), named
// `<event>.in_app` and `<event>.email` (parseForm reads one value per name).
import { z } from 'zod';
import { NOTIFICATION_EVENTS } from '../../data/notification-events.ts';

const checkbox = z.literal('on').optional();

export const preferencesSchema = z
  .object(
    Object.fromEntries(
      NOTIFICATION_EVENTS.flatMap((event) => [
        [`${event}.in_app`, checkbox],
        [`${event}.email`, checkbox],
      ]),
    ) as Record<string, typeof checkbox>,
  )
  .strip()
  .transform((form) =>
    NOTIFICATION_EVENTS.map((event) => ({
      event,
      in_app: form[`${event}.in_app`] === 'on',
      email: form[`${event}.email`] === 'on',
    })),
  );

export const EVENT_LABELS: Record<(typeof NOTIFICATION_EVENTS)[number], { label: string; hint: string }> = {
  booking_created: { label: 'New bookings', hint: 'A booking is confirmed at a property you work in.' },
  booking_cancelled: { label: 'Cancellations', hint: 'A confirmed booking is cancelled.' },
  booking_no_show: { label: 'No-shows', hint: 'A guest is marked as not having arrived.' },
  order_ready: { label: 'Orders ready', hint: 'The kitchen or bar marks an order ready.' },
  job_finished: { label: 'Jobs you started', hint: 'A scan, import or forecast you started has finished.' },
  refund_failed: {
    label: 'Refunds that failed',
    hint: 'Stripe did not take a guest’s refund after its last attempt (managers are told).',
  },
};
