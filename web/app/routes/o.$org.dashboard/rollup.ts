// The roll-up's totals: one row per currency (amounts are never converted), with occupancy, ADR
// and RevPAR worked out from the summed room nights and revenue, as the SQL does per property.
import type { PropertyPeriodKpis } from '../../data/kpis.server.ts';

export interface CurrencyTotal {
  currency: string;
  properties: number;
  roomsAvailable: number;
  roomsSold: number;
  occupancy: number | null;
  roomRevenueMinor: number;
  adrMinor: number | null;
  revparMinor: number | null;
  coversBooked: number;
  foodAndBeverageMinor: number;
  bookingsMade: number;
  cancellations: number;
}

export function totalsByCurrency(rows: PropertyPeriodKpis[]): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? {
      currency: row.currency,
      properties: 0,
      roomsAvailable: 0,
      roomsSold: 0,
      occupancy: null,
      roomRevenueMinor: 0,
      adrMinor: null,
      revparMinor: null,
      coversBooked: 0,
      foodAndBeverageMinor: 0,
      bookingsMade: 0,
      cancellations: 0,
    };
    total.properties += 1;
    total.roomsAvailable += row.roomsAvailable;
    total.roomsSold += row.roomsSold;
    total.roomRevenueMinor += row.roomRevenueMinor;
    total.coversBooked += row.coversBooked;
    total.foodAndBeverageMinor += row.foodRevenueMinor + row.beverageRevenueMinor;
    total.bookingsMade += row.bookingsMade;
    total.cancellations += row.cancellations;
    totals.set(row.currency, total);
  }
  return [...totals.values()]
    .map((total) => ({
      ...total,
      occupancy: total.roomsAvailable > 0 ? total.roomsSold / total.roomsAvailable : null,
      adrMinor: total.roomsSold > 0 ? Math.round(total.roomRevenueMinor / total.roomsSold) : null,
      revparMinor: total.roomsAvailable > 0 ? Math.round(total.roomRevenueMinor / total.roomsAvailable) : null,
    }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
