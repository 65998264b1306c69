// The code challenge form, checked in the browser and again in the action.
import { z } from 'zod';
import { totpCode } from '../account.mfa/mfa.schema.ts';

export const ChallengeSchema = z.object({
  factorId: z.uuid({ error: 'Choose the app to use.' }),
  code: totpCode,
  redirectTo: z.string().optional(),
});
