// The erasure form: the guest's full name typed to confirm (the RPC checks it again, ignoring
// case and surrounding spaces: confirm_name_mismatch). The export takes no input.
import { z } from 'zod';

export function erasureSchema(fullName: string) {
  return z.object({
    confirm_name: z
      .string()
      .trim()
      .refine((value) => value.toLowerCase() === fullName.toLowerCase(), `Type ${fullName} to confirm.`),
  });
}
