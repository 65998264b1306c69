// How the property screens name the database's enums.
import type { Database } from '../../../../supabase/database.types.ts';

type Enums = Database['public']['Enums'];
type PropertyKind = Enums['property_kind'];
type ResourceKind = Enums['resource_kind'];
type PricingUnit = Enums['pricing_unit'];
type CancellationFeeKind = Enums['cancellation_fee_kind'];

export const KIND_LABELS: Record<PropertyKind, string> = {
  hotel: 'Hotel',
  restaurant: 'Restaurant',
  venue: 'Venue',
  other: 'Other',
};

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = { room: 'Room', table: 'Table', space: 'Space' };

export const PRICING_LABELS: Record<PricingUnit, string> = { night: 'Per night', slot: 'Per slot' };

export const FEE_KIND_LABELS: Record<CancellationFeeKind, string> = {
  first_night: 'First night',
  percentage: 'Percentage of total',
};

/** property_settings.deposit_kind (a checked text column, decision 034). */
export const DEPOSIT_KIND_LABELS: Record<'none' | 'first_night' | 'percentage' | 'full', string> = {
  none: 'No deposit',
  first_night: 'First night',
  percentage: 'Percentage of total',
  full: 'Full amount',
};
