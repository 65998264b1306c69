// The staff screens a property's kind uses, in the order a shift uses them. A hotel's front desk
// works from the booking grid and today's lists; a restaurant's floor, till and kitchen from the
// table plan, the POS and the kitchen display; venues and others get both sets.
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

export function staffScreens(kind: PropertyKind): StaffScreen[] {
  if (kind === 'hotel') return FRONT_DESK;
  if (kind === 'restaurant') return RESTAURANT;
  return [...FRONT_DESK, ...RESTAURANT];
}
