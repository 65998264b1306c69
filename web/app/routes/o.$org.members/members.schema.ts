// The members screen's forms, checked in the browser and again in the action. Each form names
// its intent; the tenancy RPCs repeat every rule (roles, the last owner, property ownership).
import { z } from 'zod';

/** public.org_role's values (utils/roles.ts lists them in the same order). */
const role = z.enum(['viewer', 'staff', 'manager', 'admin', 'owner'], { error: 'Choose a role.' });
const id = (what: string) => z.uuid({ error: `No such ${what}.` });

export const InviteSchema = z.object({
  intent: z.literal('invite'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter the email address to invite.')
    .max(254, 'Use at most 254 characters.')
    .pipe(z.email('Enter a valid email address.')),
  role,
  /** Repeats `property` like the access form when `some`; ignored for admins and owners. */
  scope: z.enum(['all', 'some'], { error: 'Choose every property or some.' }).default('all'),
});

export const InvitationSchema = z.object({ intent: z.enum(['resend', 'revoke']), invitationId: id('invitation') });

export const RoleSchema = z.object({ intent: z.literal('role'), userId: id('member'), role });

export const RemoveSchema = z.object({ intent: z.literal('remove'), userId: id('member') });

/** `property` repeats (one per ticked box): read with FormData.getAll, see propertyIdsOf. */
export const AccessSchema = z.object({
  intent: z.literal('access'),
  userId: id('member'),
  scope: z.enum(['all', 'some'], { error: 'Choose all properties or some.' }),
});

export const PropertyIdsSchema = z.array(z.uuid()).max(1000);

/** The ticked properties of an access form, or the message to show on its list. */
export function propertyIdsOf(form: FormData): { ids: string[]; error?: never } | { ids?: never; error: string } {
  const parsed = PropertyIdsSchema.safeParse(form.getAll('property'));
  if (!parsed.success) return { error: 'One of the properties is not valid.' };
  if (form.get('scope') === 'some' && parsed.data.length === 0) return { error: 'Tick at least one property.' };
  return { ids: parsed.data };
}
