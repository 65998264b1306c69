// Changes to an organization's members, made as the signed-in user through the tenancy RPCs
// (change_member_role, remove_member, set_member_property_access): the database decides who may
// change whom and keeps the last owner; its refusals come back for the screen to explain.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import type { Role } from '../utils/roles.ts';
import { DataError } from './data-error.ts';
import type { Member } from './memberships.server.ts';

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

export interface MemberPage {
  members: Member[];
  /** Members in the organization (all pages). */
  total: number;
  /** Owners in the organization (all pages): the last one cannot be demoted or removed. */
  owners: number;
}

/** One page of members, highest role first, then by joining date, with their display names. */
export async function listMemberPage(
  supabase: Supabase,
  organizationId: string,
  page: number,
  size: number,
): Promise<MemberPage> {
  const from = (page - 1) * size;
  const [rows, owners] = await Promise.all([
    supabase
      .from('memberships')
      .select('user_id, role, all_properties, created_at', { count: 'exact' })
      .eq('organization_id', organizationId)
      .order('role', { ascending: false })
      .order('created_at')
      .order('user_id')
      .range(from, from + size - 1),
    supabase
      .from('memberships')
      .select('user_id', { count: 'exact', head: true })
      .eq('organization_id', organizationId)
      .eq('role', 'owner'),
  ]);
  if (rows.error) throw new DataError(rows.error);
  if (owners.error) throw new DataError(owners.error);
  const ids = rows.data.map((row) => row.user_id);
  const profiles = ids.length
    ? await supabase.from('profiles').select('user_id, display_name').in('user_id', ids)
    : { data: [], error: null };
  if (profiles.error) throw new DataError(profiles.error);
  const names = new Map(profiles.data.map((profile) => [profile.user_id, profile.display_name]));
  return {
    members: rows.data.map((row) => ({
      userId: row.user_id,
      displayName: names.get(row.user_id) ?? null,
      role: row.role,
      allProperties: row.all_properties,
      since: row.created_at,
    })),
    total: rows.count ?? rows.data.length,
    owners: owners.count ?? 0,
  };
}
