// The two-step verification forms, checked in the browser and again in the action; Auth has the
// last word (a wrong or reused code, an expired setup, a name already taken).
import { z } from 'zod';

/** The 6 digits an authenticator app shows (spaces, as some apps group them, are ignored). */
export const totpCode = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code your authenticator app shows.'));

const factorId = z.uuid({ error: 'This setup is no longer valid. Start again.' });

export const EnrolSchema = z.object({
  intent: z.literal('enrol'),
  name: z.string().trim().min(1, 'Name the app, such as “Phone” or “1Password”.').max(60, 'Use at most 60 characters.'),
});

export const VerifySchema = z.object({ intent: z.literal('verify'), factorId, code: totpCode });

export const RemoveSchema = z.object({ intent: z.literal('remove'), factorId });
