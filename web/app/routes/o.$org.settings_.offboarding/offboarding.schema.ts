// The deletion form: the organization's address typed exactly (the RPC checks it again:
// confirmation_mismatch). Exports and cancelling take no input.
import { z } from 'zod';

export function deletionSchema(slug: string) {
  return z.object({
    confirmation: z
      .string()
      .trim()
      .refine((value) => value === slug, `Type ${slug} exactly to confirm.`),
  });
}
