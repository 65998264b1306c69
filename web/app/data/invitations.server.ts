// Invitations: listed through the Data API (RLS shows them to admins), sent through the `invite`
// edge function (invite_member and the email in one transaction), revoked and accepted with the
// tenancy RPCs, all as the signed-in user.
import { FunctionsHttpError, type PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import type { Role } from '../utils/roles.ts';
import { DataError } from './data-error.ts';

export interface OpenInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  /** The properties the member will work in; null: every property. */
  propertyIds: string[] | null;
}

const INVITATION_COLUMNS =
  'id, email, role, expires_at, created_at, all_properties, invitation_property_access(property_id)';

type InvitationRow = {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
  created_at: string;
  all_properties: boolean;
  invitation_property_access: { property_id: string }[];
};

function toOpenInvitation(row: InvitationRow): OpenInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    propertyIds: row.all_properties ? null : row.invitation_property_access.map((access) => access.property_id),
  };
}

/** Invitations neither accepted nor revoked (expired ones included: they can be sent again). */
export async function listOpenInvitations(supabase: Supabase, organizationId: string): Promise<OpenInvitation[]> {
  const { data, error } = await supabase
    .from('invitations')
    .select(INVITATION_COLUMNS)
    .eq('organization_id', organizationId)
    .is('accepted_at', null)
    .is('revoked_at', null)
    .order('created_at', { ascending: false })
    .limit(500);
  if (error) throw new DataError(error);
  return data.map(toOpenInvitation);
}

export async function getInvitation(
  supabase: Supabase,
  organizationId: string,
  id: string,
): Promise<OpenInvitation | null> {
  const { data, error } = await supabase
    .from('invitations')
    .select(INVITATION_COLUMNS)
    .eq('organization_id', organizationId)
    .eq('id', id)
    .is('accepted_at', null)
    .is('revoked_at', null)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data ? toOpenInvitation(data) : null;
}

/** A refusal with the stable code of decision 003 as `message`, as the RPCs raise it. */
export type Refusal = Pick<PostgrestError, 'code' | 'message'>;

/**
 * Invites `email` (again: a new invitation replaces an open one, so this also resends) and sends
 * the email. Null when sent, else the function's refusal.
 */
export async function sendInvitation(
  supabase: Supabase,
  invitation: { organizationId: string; email: string; role: Role; propertyIds: string[] | null },
): Promise<Refusal | null> {
  const { organizationId, email, role, propertyIds } = invitation;
  const { error } = await supabase.functions.invoke('invite', {
    body: { organization_id: organizationId, email, role, ...(propertyIds ? { property_ids: propertyIds } : {}) },
  });
  if (!error) return null;
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    const body = (await response.json().catch(() => ({}))) as { code?: string };
    return { code: String(response.status), message: body.code ?? 'invite_failed' };
  }
  return { code: 'network', message: 'invite_unreachable' };
}

export async function revokeInvitation(supabase: Supabase, id: string): Promise<PostgrestError | null> {
  const { error } = await supabase.rpc('revoke_invitation', { p_invitation_id: id });
  return error;
}

/** Joins the organization the token invites to: its slug (readable now), or the database's refusal. */
export async function acceptInvitation(
  supabase: Supabase,
  token: string,
): Promise<{ slug: string; error?: never } | { slug?: never; error: PostgrestError }> {
  const accepted = await supabase.rpc('accept_invitation', { p_token: token });
  if (accepted.error) return { error: accepted.error };
  const { data, error } = await supabase
    .from('organizations')
    .select('slug')
    .eq('id', accepted.data.organization_id)
    .single();
  if (error) throw new DataError(error);
  return { slug: data.slug };
}
