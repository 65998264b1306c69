// The staff screens a property's kind uses, in the order a shift uses them. A hotel's front desk
// works from the booking grid and today's lists; a restaurant's floor, till and kitchen from the
// table plan, the POS and the kitchen display; venues and others get both sets; all end with the
// property's dashboard.
import type { PropertyKind } from '../../data/properties.server.ts';

export interface StaffScreen {
  /** Path below /o/:org/p/:property. */
  to: string;
  label: string;
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

export function staffScreens(kind: PropertyKind): StaffScreen[] {
  if (kind === 'hotel') return [...FRONT_DESK, DASHBOARD];
  if (kind === 'restaurant') return [...RESTAURANT, DASHBOARD];
  return [...FRONT_DESK, ...RESTAURANT, DASHBOARD];
}
