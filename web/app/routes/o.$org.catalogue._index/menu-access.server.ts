// Who may change the organization-wide menu, as the policies say ("unrestricted managers can
// manage…": a manager over every property, or an admin or owner). The screens use it to offer
// the forms; RLS decides each write.
import type { Membership } from '../../data/memberships.server.ts';
import { roleAtLeast } from '../../utils/roles.ts';

export function editsWholeMenu(membership: Membership): boolean {
  return roleAtLeast(membership.role, 'admin') || (roleAtLeast(membership.role, 'manager') && membership.allProperties);
}
