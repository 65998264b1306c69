import { describe, expect, it } from 'vitest';
import { RoutesSchema } from '../o.$org.catalogue.stations/stations.schema.ts';
import { availabilitySchema, itemSchema, newItemSchema } from './catalogue.schema.ts';

const CATEGORY = '0b9c3f4e-8a2d-4c1b-9e7f-2d3c4b5a6978';

describe('catalogue forms', () => {
  it('reads prices in the currency’s minor units and tax rates as basis points', () => {
    expect(newItemSchema('EUR').parse({ name: ' Soup ', category_id: CATEGORY, price_minor: '7.5' })).toEqual({
      name: 'Soup',
      category_id: CATEGORY,
      price_minor: 750,
    });
    expect(newItemSchema('JPY').parse({ name: 'Ramen', category_id: CATEGORY, price_minor: '1200' }).price_minor).toBe(
      1200,
    );
    const item = itemSchema('EUR').parse({
      name: 'Soup',
      category_id: CATEGORY,
      description: '',
      price_minor: '7.50',
      tax_rate_bp: '7.5',
      active: 'on',
    });
    expect(item).toMatchObject({ description: null, tax_rate_bp: 750, active: true });
  });

  it('refuses negative or malformed prices with a stable message', () => {
    const result = newItemSchema('EUR').safeParse({ name: 'Soup', category_id: CATEGORY, price_minor: '-1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter a price such as 12.50.');
    expect(newItemSchema('JPY').safeParse({ name: 'Soup', category_id: CATEGORY, price_minor: '1.5' }).success).toBe(
      false,
    );
  });

  it('reads where an item is sold: blanks mean the menu price and untracked stock', () => {
    expect(
      availabilitySchema('EUR').parse({ price_override_minor: '', stock_count: '', low_stock_threshold: '' }),
    ).toEqual({ sold: false, price_override_minor: null, stock_count: null, low_stock_threshold: 0 });
    expect(
      availabilitySchema('EUR').parse({
        sold: 'on',
        price_override_minor: '14',
        stock_count: '0',
        low_stock_threshold: '2',
      }),
    ).toEqual({ sold: true, price_override_minor: 1400, stock_count: 0, low_stock_threshold: 2 });
    expect(
      availabilitySchema('EUR').safeParse({ price_override_minor: '', stock_count: '-3', low_stock_threshold: '0' })
        .success,
    ).toBe(false);
  });

  it('reads the routing form: a station or none per category, other fields ignored', () => {
    const station = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
    expect(RoutesSchema.parse({ intent: 'routes', [`route-${CATEGORY}`]: station })).toEqual([
      { category_id: CATEGORY, station_id: station },
    ]);
    expect(RoutesSchema.parse({ [`route-${CATEGORY}`]: '' })).toEqual([{ category_id: CATEGORY, station_id: null }]);
    expect(RoutesSchema.safeParse({ 'route-nope': station }).success).toBe(false);
  });
});
