// Changes to an organization's members, made as the signed-in user through the tenancy RPCs
// (change_member_role, remove_member, set_member_property_access): the database decides who may
// change whom and keeps the last owner; its refusals come back for the screen to explain.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import type { Role } from '../utils/roles.ts';
import { DataError } from './data-error.ts';

export interface PropertyChoice {
  id: string;
  name: string;
}

/** The organization's properties a member can be limited to, by name (RLS: the caller's view). */
export async function listPropertyChoices(supabase: Supabase, organizationId: string): Promise<PropertyChoice[]> {
  const { data, error } = await supabase
    .from('properties')
    .select('id, name')
    .eq('organization_id', organizationId)
    .order('name')
    .limit(1000);
  if (error) throw new DataError(error);
  return data;
}

/** The properties each restricted member works in (admins read every member's list). */
export async function listPropertyAccess(supabase: Supabase, organizationId: string): Promise<Map<string, string[]>> {
  const { data, error } = await supabase
    .from('member_property_access')
    .select('user_id, property_id')
    .eq('organization_id', organizationId)
    .limit(10000);
  if (error) throw new DataError(error);
  const access = new Map<string, string[]>();
  for (const row of data) access.set(row.user_id, [...(access.get(row.user_id) ?? []), row.property_id]);
  return access;
}

type Refusal = PostgrestError | null;

export async function changeMemberRole(
  supabase: Supabase,
  organizationId: string,
  userId: string,
  role: Role,
): Promise<Refusal> {
  const { error } = await supabase.rpc('change_member_role', {
    p_organization_id: organizationId,
    p_user_id: userId,
    p_role: role,
  });
  return error;
}

export async function removeMember(supabase: Supabase, organizationId: string, userId: string): Promise<Refusal> {
  const { error } = await supabase.rpc('remove_member', { p_organization_id: organizationId, p_user_id: userId });
  return error;
}

/** `propertyIds` null: every property; otherwise only those listed. */
export async function setMemberPropertyAccess(
  supabase: Supabase,
  organizationId: string,
  userId: string,
  propertyIds: string[] | null,
): Promise<Refusal> {
  const { error } = await supabase.rpc('set_member_property_access', {
    p_organization_id: organizationId,
    p_user_id: userId,
    // The RPC takes null for "every property"; the generated type does not say so.
    p_property_ids: propertyIds as string[],
  });
  return error;
}
