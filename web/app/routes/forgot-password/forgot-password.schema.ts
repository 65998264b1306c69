import { z } from 'zod';

export const ForgotPasswordSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').pipe(z.email('Enter a valid email address.')),
});
