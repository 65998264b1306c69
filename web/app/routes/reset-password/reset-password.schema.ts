import { z } from 'zod';

/** 8 is supabase/config.toml's minimum_password_length; Auth checks it again. */
export const ResetPasswordSchema = z
  .object({
    password: z.string().min(8, 'Use at least 8 characters.').max(72, 'Use at most 72 characters.'),
    confirmation: z.string().min(1, 'Enter the new password again.'),
  })
  .refine((value) => value.confirmation === '' || value.password === value.confirmation, {
    path: ['confirmation'],
    message: 'The two passwords are not the same.',
  });
