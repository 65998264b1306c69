// Memberships, read as the signed-in user: RLS shows a member their co-members only.
import type { Supabase } from '../utils/load-context.server.ts';
import type { Role } from '../utils/roles.ts';
import { DataError } from './data-error.ts';

export interface Membership {
  role: Role;
  allProperties: boolean;
}

export async function getMembership(supabase: Supabase, organizationId: string, userId: string) {
  const { data, error } = await supabase
    .from('memberships')
    .select('role, all_properties')
    .eq('organization_id', organizationId)
    .eq('user_id', userId)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data ? ({ role: data.role, allProperties: data.all_properties } satisfies Membership) : null;
}

export interface MyOrganization {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

/** The organizations the user belongs to, by name, with the user's role in each. */
export async function listMyOrganizations(supabase: Supabase, userId: string): Promise<MyOrganization[]> {
  const { data, error } = await supabase
    .from('memberships')
    .select('role, organization:organizations!inner(id, slug, name)')
    .eq('user_id', userId);
  if (error) throw new DataError(error);
  return data.map((row) => ({ ...row.organization, role: row.role })).sort((a, b) => a.name.localeCompare(b.name));
}

export interface Member {
  userId: string;
  displayName: string | null;
  role: Role;
  allProperties: boolean;
  since: string;
}

/** Members of an organization, highest role first, with their display names. */
export async function listMembers(supabase: Supabase, organizationId: string): Promise<Member[]> {
  const { data: rows, error } = await supabase
    .from('memberships')
    .select('user_id, role, all_properties, created_at')
    .eq('organization_id', organizationId)
    .order('created_at');
  if (error) throw new DataError(error);
  const ids = rows.map((row) => row.user_id);
  const profiles = ids.length
    ? await supabase.from('profiles').select('user_id, display_name').in('user_id', ids)
    : { data: [], error: null };
  if (profiles.error) throw new DataError(profiles.error);
  const names = new Map(profiles.data.map((p) => [p.user_id, p.display_name]));
  const rank = (role: Role) => ['owner', 'admin', 'manager', 'staff', 'viewer'].indexOf(role);
  return rows
    .map((row) => ({
      userId: row.user_id,
      displayName: names.get(row.user_id) ?? null,
      role: row.role,
      allProperties: row.all_properties,
      since: row.created_at,
    }))
    .sort((a, b) => rank(a.role) - rank(b.role) || (a.displayName ?? '').localeCompare(b.displayName ?? ''));
}
