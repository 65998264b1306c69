import { z } from 'zod';

const email = z.string().trim().min(1, 'Enter your email address.').pipe(z.email('Enter a valid email address.'));

/** Step one: where to send the sign-in link and code. */
export const EmailLinkSchema = z.object({ email });

/** Step two: the 6-digit code from the same email. */
export const EmailCodeSchema = z.object({
  email,
  code: z
    .string()
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'Enter the code from the email.')
        .regex(/^\d{6}$/, 'The code is 6 digits.'),
    ),
});
