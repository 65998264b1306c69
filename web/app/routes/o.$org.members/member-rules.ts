// What the signed-in member may do to another, as the tenancy RPCs decide it (check_can_manage_role,
// the keep-an-owner trigger), so the screen shows a rule before the database has to refuse.
import { ROLE_LABELS, ROLES, type Role, roleAtLeast } from '../../utils/roles.ts';

/** Roles `actor` may give: owners any, admins those below admin (check_can_manage_role). */
export function grantableRoles(actor: Role): Role[] {
  if (actor === 'owner') return [...ROLES].reverse();
  if (actor === 'admin') return ROLES.filter((role) => !roleAtLeast(role, 'admin')).reverse();
  return [];
}

export interface MemberControl {
  /** Whether the role select and the remove button work for this member. */
  editable: boolean;
  /** Why not, shown beside the disabled controls. */
  reason?: string;
}

export function memberControl(actor: Role, target: { role: Role }, ownerCount: number): MemberControl {
  if (!roleAtLeast(actor, 'admin')) return { editable: false, reason: 'Only admins and owners change members.' };
  if (target.role === 'owner' && ownerCount <= 1) {
    return {
      editable: false,
      reason:
        actor === 'owner'
          ? 'The only owner. Make another member an owner before changing this role or removing them.'
          : 'The only owner: an organization always keeps one.',
    };
  }
  if (actor !== 'owner' && roleAtLeast(target.role, 'admin')) {
    return { editable: false, reason: `Only owners change ${ROLE_LABELS[target.role].toLowerCase()}s.` };
  }
  return { editable: true };
}

/** Admins and owners reach every property whatever their list says: restricting them means nothing. */
export const canBeRestricted = (role: Role) => !roleAtLeast(role, 'admin');
