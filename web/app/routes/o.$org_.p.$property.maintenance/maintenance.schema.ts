// The forms of the maintenance screens, checked in the browser and again in the actions. Rules
// the database owns (the status flow, who can be assigned, a room needed for out of service, an
// end in the future) are left to it: its refusals come back on the fields.
import { z } from 'zod';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .transform((value) => value || null);

const optionalId = z
  .string()
  .trim()
  .refine((value) => value === '' || /^[0-9a-f-]{36}$/i.test(value), { error: 'Choose from the list.' })
  .transform((value) => value || null);

const optionalDate = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), { error: 'Enter a date.' })
  .transform((value) => value || null);

/** A local date and time (datetime-local) in the property's zone, or nothing. */
const optionalLocalTime = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value), { error: 'Enter a date and time.' })
  .transform((value) => value || null);

export const raiseSchema = z.object({
  title: z.string().trim().min(1, { error: 'Say what needs fixing.' }).max(200, { error: 'At most 200 characters.' }),
  description: optionalText(4000, 'At most 4,000 characters.'),
  priority: z.enum(['low', 'normal', 'high', 'urgent'], { error: 'Choose a priority.' }),
  resource_id: optionalId,
  area: optionalText(120, 'At most 120 characters.'),
  source: z.enum(['staff', 'housekeeping'], { error: 'Choose who reports it.' }),
  due_on: optionalDate,
  out_of_service_until: optionalLocalTime,
});
export type RaiseForm = z.infer<typeof raiseSchema>;

export const statusSchema = z.object({
  status: z.enum(['open', 'assigned', 'in_progress', 'on_hold', 'done', 'cancelled'], { error: 'Unknown status.' }),
});

export const assignSchema = z.object({ assigned_to: optionalId });

export const outOfServiceSchema = z.object({ out_of_service_until: optionalLocalTime });

export const photoSchema = z.object({
  object_name: z.string().min(1).max(1024),
});

export const requestQuoteSchema = z.object({
  vendor_id: z.string().regex(/^[0-9a-f-]{36}$/i, { error: 'Choose a vendor.' }),
  valid_days: z.coerce
    .number({ error: 'Enter a number of days.' })
    .int({ error: 'Enter a whole number of days.' })
    .min(1, { error: 'At least 1 day.' })
    .max(60, { error: 'At most 60 days.' }),
});

export const acceptQuoteSchema = z.object({
  quote_id: z.string().regex(/^[0-9a-f-]{36}$/i, { error: 'Unknown quote.' }),
});

export const scheduleSchema = z.object({
  title: z.string().trim().min(1, { error: 'Say what is done.' }).max(200, { error: 'At most 200 characters.' }),
  resource_id: optionalId,
  area: optionalText(120, 'At most 120 characters.'),
  priority: z.enum(['low', 'normal', 'high', 'urgent'], { error: 'Choose a priority.' }),
  every_months: z.coerce
    .number({ error: 'Enter a number of months.' })
    .int({ error: 'Enter a whole number of months.' })
    .min(1, { error: 'At least every month.' })
    .max(60, { error: 'At most every 60 months.' }),
  next_due_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the first due date.' }),
});

export const scheduleActiveSchema = z.object({
  schedule_id: z.string().regex(/^[0-9a-f-]{36}$/i, { error: 'Unknown schedule.' }),
  active: z.enum(['true', 'false']).transform((value) => value === 'true'),
});
