// The guest's data request: their booking reference (8 letters and digits on the confirmation) and
// the email address the hotel has for them. The database checks the format again.
import { z } from 'zod';

export const DataRequestSchema = z.object({
  reference: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase().replace(/\s+/g, ''))
    .refine(
      (value) => /^[A-Z0-9]{4,20}$/.test(value),
      'Enter the booking reference from your confirmation, such as K7M2QX9A.',
    ),
  email: z
    .email('Enter the email address you gave when booking.')
    .max(254, 'Enter the email address you gave when booking.'),
});
