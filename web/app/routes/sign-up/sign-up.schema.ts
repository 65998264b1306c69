import { z } from 'zod';

/** 8 is supabase/config.toml's minimum_password_length; Auth checks it again. */
export const SignUpSchema = z.object({
  displayName: z.string().trim().min(1, 'Enter your name.').max(80, 'Use at most 80 characters.'),
  email: z.string().trim().min(1, 'Enter your email address.').pipe(z.email('Enter a valid email address.')),
  password: z.string().min(8, 'Use at least 8 characters.').max(72, 'Use at most 72 characters.'),
});
