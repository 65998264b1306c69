import { describe, expect, it } from 'vitest';
import type { PropertyPeriodKpis } from '../../data/kpis.server.ts';
import { totalsByCurrency } from './rollup.ts';

const property = (
  name: string,
  currency: string,
  available: number,
  sold: number,
  revenue: number,
): PropertyPeriodKpis => ({
  propertyId: name,
  name,
  kind: 'hotel',
  currency,
  roomsAvailable: available,
  roomsSold: sold,
  occupancy: available ? sold / available : null,
  roomRevenueMinor: revenue,
  adrMinor: null,
  revparMinor: null,
  coversBooked: 1,
  bookingsMade: 2,
  cancellations: 0,
  foodRevenueMinor: 100,
  beverageRevenueMinor: 50,
  otherRevenueMinor: 7,
});

describe('totalsByCurrency', () => {
  it('sums like currencies only and works out the ratios from the sums', () => {
    const totals = totalsByCurrency([
      property('A', 'EUR', 10, 5, 50_000),
      property('B', 'EUR', 30, 30, 300_000),
      property('C', 'GBP', 4, 1, 9_000),
    ]);
    expect(totals).toEqual([
      {
        currency: 'EUR',
        properties: 2,
        roomsAvailable: 40,
        roomsSold: 35,
        // 35 / 40, not the mean of 50 % and 100 %.
        occupancy: 0.875,
        roomRevenueMinor: 350_000,
        adrMinor: 10_000,
        revparMinor: 8_750,
        coversBooked: 2,
        foodAndBeverageMinor: 300,
        bookingsMade: 4,
        cancellations: 0,
      },
      {
        currency: 'GBP',
        properties: 1,
        roomsAvailable: 4,
        roomsSold: 1,
        occupancy: 0.25,
        roomRevenueMinor: 9_000,
        adrMinor: 9_000,
        revparMinor: 2_250,
        coversBooked: 1,
        foodAndBeverageMinor: 150,
        bookingsMade: 2,
        cancellations: 0,
      },
    ]);
  });

  it('has no ratio where nothing was available or sold', () => {
    const [total] = totalsByCurrency([property('R', 'EUR', 0, 0, 0)]);
    expect([total?.occupancy, total?.adrMinor, total?.revparMinor]).toEqual([null, null, null]);
  });
});
