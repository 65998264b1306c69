// The guest forms, checked in the browser and again in the action; the database functions
// (create_guest, update_guest, redeem_loyalty_points, adjust_loyalty_points) and the guests
// table's constraints repeat every rule.
import { z } from 'zod';

/** What the database stores: + and 7 to 15 digits, after spaces, dots, hyphens and parentheses go and 00 reads as +. */
const PHONE = /^\+[1-9][0-9]{6,14}$/;
const phoneAsStored = (typed: string) => typed.replace(/[\s.()-]/g, '').replace(/^00/, '+');

export const GuestSchema = z.object({
  full_name: z.string().trim().min(1, 'Enter the guest’s name.').max(200, 'Use at most 200 characters.'),
  email: z
    .string()
    .trim()
    .refine(
      (email) => email === '' || (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) && email.length <= 254),
      'Enter an email address such as ana@example.com.',
    ),
  phone: z
    .string()
    .trim()
    .refine(
      (phone) => phone === '' || PHONE.test(phoneAsStored(phone)),
      'Enter an international number with its country code, such as +351 912 345 678.',
    ),
  language: z
    .string()
    .trim()
    .refine((language) => language === '' || /^[a-z]{2,3}(-[A-Z]{2})?$/.test(language), 'Choose a language.'),
  notes: z.string().trim().max(4000, 'Use at most 4,000 characters.'),
});

export const NewGuestSchema = GuestSchema.extend({
  // A checkbox: sent as "on" when ticked, absent otherwise.
  marketing_consent: z
    .string()
    .optional()
    .transform((value) => value === 'on'),
});

export const ConsentSchema = z.object({
  consent: z.enum(['given', 'withdrawn'], 'Choose whether the guest consents.'),
});

const points = (min: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?\d{1,8}$/, message)
    .pipe(z.coerce.number<string>().int(message).min(min, message).max(10_000_000, message));

const reason = z
  .string()
  .trim()
  .min(1, 'Say why, such as “Free breakfast” or “Goodwill for the noisy room”.')
  .max(200, 'Use at most 200 characters.');

/** Staff and up: spend points. */
export const RedeemSchema = z.object({
  points: points(1, 'Enter a whole number of points from 1 to 10,000,000.'),
  reason,
});

/** Managers and up: add (positive) or remove (negative) points. */
export const AdjustSchema = z.object({
  points: points(-10_000_000, 'Enter a whole number of points, negative to remove them.').refine(
    (value) => value !== 0,
    'Enter a number of points other than 0.',
  ),
  reason,
});
