// Organization roles in the database's order (public.org_role): each includes the ones before it.
import type { Database } from '../../../supabase/database.types.ts';

export type Role = Database['public']['Enums']['org_role'];
export const ROLES: readonly Role[] = ['viewer', 'staff', 'manager', 'admin', 'owner'];

export const roleAtLeast = (role: Role, min: Role) => ROLES.indexOf(role) >= ROLES.indexOf(min);

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  staff: 'Staff',
  manager: 'Manager',
  admin: 'Admin',
  owner: 'Owner',
};
