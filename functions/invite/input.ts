/// <reference lib="deno.window" />
// The invite request, validated at the boundary. Codes match the RPC's own (invalid_email, …), so
// a client sees the same code whether this check or the database refused the value.
import { z } from 'npm:zod@^4.6.7';
import { HttpError } from '../_shared/http.ts';

export const INVITABLE_ROLES = ['owner', 'admin', 'manager', 'staff', 'viewer'] as const;

const inviteSchema = z.strictObject({
  organization_id: z.uuid({ error: 'invalid_organization_id' }),
  email: z
    .string({ error: 'invalid_email' })
    .trim()
    .max(254, { error: 'invalid_email' })
    .pipe(z.email({ error: 'invalid_email' })),
  role: z.enum(INVITABLE_ROLES, { error: 'invalid_role' }),
  /** The properties the new member will work in; left out: every property. */
  property_ids: z
    .array(z.uuid({ error: 'invalid_property_ids' }), { error: 'invalid_property_ids' })
    .min(1, { error: 'invalid_property_ids' })
    .max(1000, { error: 'invalid_property_ids' })
    .optional(),
});

export type InviteInput = z.infer<typeof inviteSchema>;

const MESSAGES: Record<string, string> = {
  invalid_organization_id: 'organization_id must be a uuid.',
  invalid_email: 'email must be a valid address of at most 254 characters.',
  invalid_role: `role must be one of ${INVITABLE_ROLES.join(', ')}.`,
  invalid_property_ids: 'property_ids must be a list of 1 to 1000 property ids.',
  unknown_field: 'Only organization_id, email, role and property_ids are accepted.',
  invalid_body: 'Send a JSON object with organization_id, email and role.',
};

/** The parsed input, or 400 with the code of the first problem. */
export function parseInviteInput(body: unknown): InviteInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', MESSAGES.invalid_body ?? '');
  }
  const result = inviteSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const code = issue?.code === 'unrecognized_keys' ? 'unknown_field' : (issue?.message ?? 'invalid_body');
  const known = code in MESSAGES ? code : 'invalid_body';
  throw new HttpError(400, known, MESSAGES[known] ?? '');
}
