// The staff screens a property's kind uses, in the order a shift uses them. A hotel's front desk
// works from the booking grid and today's lists; a restaurant's floor, till and kitchen from the
// table plan, the POS and the kitchen display; venues and others get both sets; all end with the
// property's dashboard.
import type { PropertyKind } from '../../data/properties.server.ts';
import { type Role, roleAtLeast } from '../../utils/roles.ts';

export interface StaffScreen {
  /** Path below /o/:org/p/:property. */
  to: string;
  label: string;
  /** Listed only from this role up (the screen itself answers 403 below it). */
  minRole?: Role;
}

const FRONT_DESK: StaffScreen[] = [
  { to: 'today', label: 'Today' },
  { to: 'grid', label: 'Booking grid' },
];

const RESTAURANT: StaffScreen[] = [
  { to: 'floor', label: 'Floor' },
  { to: 'reservations', label: 'Reservations' },
  { to: 'pos', label: 'POS' },
  { to: 'kitchen', label: 'Kitchen' },
];

/** Every kind ends with its dashboard (the figures a manager keeps open all day). */
const DASHBOARD: StaffScreen = { to: 'dashboard', label: 'Dashboard' };

/** Rate suggestions per room type: managers. */
const RATES: StaffScreen = { to: 'rates', label: 'Rates', minRole: 'manager' };
/** Rooms to clean and inspect: hotels and venues. */
const HOUSEKEEPING: StaffScreen = { to: 'housekeeping', label: 'Housekeeping' };
/** Every kind has maintenance (work orders, rooms off sale, vendor quotes). */
const MAINTENANCE: StaffScreen = { to: 'maintenance', label: 'Maintenance' };

function screensOf(kind: PropertyKind): StaffScreen[] {
  if (kind === 'hotel') return [...FRONT_DESK, HOUSEKEEPING, MAINTENANCE, DASHBOARD, RATES];
  if (kind === 'restaurant') return [...RESTAURANT, MAINTENANCE, DASHBOARD];
  return [...FRONT_DESK, HOUSEKEEPING, ...RESTAURANT, MAINTENANCE, DASHBOARD, RATES];
}

/** The screens of a property's kind that a member of this role may open. */
export function staffScreens(kind: PropertyKind, role: Role): StaffScreen[] {
  return screensOf(kind).filter((screen) => !screen.minRole || roleAtLeast(role, screen.minRole));
}
