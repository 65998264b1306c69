// Memberships, read as the signed-in user: RLS shows a member their co-members only.
import type { Supabase } from '../utils/load-context.server.ts';
import type { Role } from '../utils/roles.ts';
import { DataError } from './data-error.ts';
import { ORGANIZATION_COLUMNS, type Organization } from './organizations.server.ts';

export interface Membership {
  role: Role;
  allProperties: boolean;
}

/**
 * The organization at `slug` and the user's membership of it, in one request (every guarded
 * page asks), or null when there is no such organization or the user is not a member.
 */
export async function getMembershipBySlug(
  supabase: Supabase,
  slug: string,
  userId: string,
): Promise<{ organization: Organization; membership: Membership } | null> {
  const { data, error } = await supabase
    .from('memberships')
    // Unaliased: PostgREST filters an embedding by its name (organizations.slug).
    .select(`role, all_properties, organizations!inner(${ORGANIZATION_COLUMNS})`)
    .eq('organizations.slug', slug)
    .eq('user_id', userId)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!data) return null;
  return { organization: data.organizations, membership: { role: data.role, allProperties: data.all_properties } };
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
