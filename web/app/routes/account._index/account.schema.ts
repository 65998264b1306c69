// The account page's forms, checked in the browser before sending and again in the action;
// Auth and the profiles table's constraints repeat each rule.
import { z } from 'zod';

export const ProfileSchema = z.object({
  display_name: z.string().trim().min(1, 'Enter your name.').max(80, 'Use at most 80 characters.'),
});

export const EmailSchema = z.object({
  email: z.string().trim().min(1, 'Enter the new email address.').pipe(z.email('Enter a valid email address.')),
});

/** Asking Auth to email a reauthentication code: nothing to fill in. */
export const CodeRequestSchema = z.object({});

/** 8 is supabase/config.toml's minimum_password_length; Auth's codes are 6 digits (otp_length). */
export const PasswordSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6,10}$/, 'Enter the 6-digit code from the email.'),
    password: z.string().min(8, 'Use at least 8 characters.').max(72, 'Use at most 72 characters.'),
    confirmation: z.string().min(1, 'Enter the new password again.'),
  })
  .refine((value) => value.confirmation === '' || value.password === value.confirmation, {
    path: ['confirmation'],
    message: 'The two passwords are not the same.',
  });

/** The avatars bucket's rules (migration 20261206120100_avatars.sql): the Storage API checks them again. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** What is wrong with a chosen photo, or null when it may be sent. */
export function avatarProblem(file: FormDataEntryValue | null): string | null {
  if (!file || typeof file === 'string' || file.size === 0) return 'Choose a photo.';
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'Use a PNG, JPEG, WebP or GIF image.';
  if (file.size > AVATAR_MAX_BYTES) return 'Use an image of at most 2 MB.';
  return null;
}
