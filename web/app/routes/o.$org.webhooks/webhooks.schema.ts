// The endpoint form (URL, description, events), checked in the browser and again in the action;
// the database repeats every rule (private.webhook_url_problem, decision 030). http and private
// addresses depend on the installation, whose rules the loader reads (webhook_url_rules).
import { z } from 'zod';
import type { FormFailure, Parsed } from '../../utils/forms.ts';

export const EVENT_CHOICES = [
  {
    group: 'Bookings',
    events: [
      'booking.created',
      'booking.updated',
      'booking.cancelled',
      'booking.checked_in',
      'booking.checked_out',
      'booking.no_show',
    ],
  },
  { group: 'Orders', events: ['order.created', 'order.status_changed'] },
  { group: 'Payments', events: ['payment.succeeded', 'payment.refunded'] },
  { group: 'Guests', events: ['guest.created'] },
] as const;

export const EVENT_LABELS: Record<string, string> = {
  'booking.created': 'Booking created (confirmed)',
  'booking.updated': 'Booking changed',
  'booking.cancelled': 'Booking cancelled',
  'booking.checked_in': 'Guest checked in',
  'booking.checked_out': 'Guest checked out',
  'booking.no_show': 'Marked as no-show',
  'order.created': 'Order created',
  'order.status_changed': 'Order status changed',
  'payment.succeeded': 'Payment received',
  'payment.refunded': 'Payment refunded',
  'guest.created': 'Guest profile created',
  'webhook.test': 'Test event',
};

const ALL_EVENTS: string[] = EVENT_CHOICES.flatMap((choice) => [...choice.events]);

export interface UrlRulesInput {
  allowHttp: boolean;
}

export function endpointSchema(rules: UrlRulesInput) {
  return z.object({
    url: z
      .string()
      .trim()
      .min(1, 'Enter the URL that receives the events.')
      .max(2048, 'Use a URL of at most 2048 characters.')
      .superRefine((value, context) => {
        // Empty is min(1)'s message alone.
        if (value === '') return;
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          context.addIssue({ code: 'custom', message: 'Enter a full URL such as https://example.com/webhooks.' });
          return;
        }
        if (url.protocol !== 'https:' && !(rules.allowHttp && url.protocol === 'http:')) {
          context.addIssue({
            code: 'custom',
            message: rules.allowHttp ? 'Use an http or https URL.' : 'Use an https URL: events carry guest data.',
          });
        } else if (url.username || url.password || value.slice(0, value.indexOf(url.host)).includes('@')) {
          context.addIssue({ code: 'custom', message: 'Leave the user name and password out of the URL.' });
        }
      }),
    description: z
      .string()
      .trim()
      .max(500, 'Use at most 500 characters.')
      .transform((value) => (value === '' ? null : value)),
    events: z
      .array(z.string())
      .min(1, 'Choose at least one event.')
      .refine((events) => events.every((event) => ALL_EVENTS.includes(event)), 'Choose events from the list.')
      .refine((events) => new Set(events).size === events.length, 'Choose each event once.'),
  });
}

export type EndpointForm = z.infer<ReturnType<typeof endpointSchema>>;

/** The form's fields, the events being a group of checkboxes (one `events` value each). */
export function parseEndpointForm(form: FormData, rules: UrlRulesInput): Parsed<EndpointForm> {
  const result = endpointSchema(rules).safeParse({
    url: String(form.get('url') ?? ''),
    description: String(form.get('description') ?? ''),
    events: form.getAll('events').map(String),
  });
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: FormFailure['fieldErrors'] = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return { ok: false, failure: { fieldErrors } };
}

/** Ids posted by the other forms of the pages. */
export const IdSchema = z.string().uuid('This item is not known. Reload the page.');
