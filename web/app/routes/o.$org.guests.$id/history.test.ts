import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../data/guests.server.ts';
import type { Property } from '../../data/properties.server.ts';
import { formatHistory } from './history.server.ts';

const property = (id: string, name: string, time_zone: string, currency: string): Property => ({
  id,
  organization_id: 'org',
  name,
  kind: 'hotel',
  time_zone,
  currency,
  updated_at: '2026-01-01T00:00:00Z',
});

const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  kind: 'stay',
  id: 'b1',
  reference: 'ABCDEFGH',
  property_id: 'ny',
  status: 'checked_out',
  starts_at: '2026-07-10T19:00:00+00:00',
  ends_at: '2026-07-13T15:00:00+00:00',
  party_size: 2,
  currency: 'USD',
  total_minor: 45_000,
  ...fields,
});

const properties = [
  property('ny', 'Brooklyn Loft', 'America/New_York', 'USD'),
  property('kyoto', 'Kyoto Inn', 'Asia/Tokyo', 'JPY'),
];
const plain = (text: string) => text.replace(/\s+/g, ' ');

describe('formatHistory', () => {
  it('writes a stay in its property’s time zone and currency', () => {
    const [row] = formatHistory([entry({})], properties, 'en');
    expect(plain(row?.when ?? '')).toBe('Jul 10, 2026, 3:00 PM – Jul 13, 2026, 11:00 AM');
    expect(row).toMatchObject({
      property: 'Brooklyn Loft',
      status: 'Checked out',
      amount: '$450.00',
      detail: '2 guests',
    });
  });

  it('uses the currency’s own minor units and the locale', () => {
    const [row] = formatHistory(
      [entry({ property_id: 'kyoto', currency: 'JPY', total_minor: 12_000, starts_at: '2027-03-01T06:00:00Z' })],
      properties,
      'en-GB',
    );
    expect(row?.amount).toBe('JP¥12,000');
    expect(plain(row?.when ?? '')).toMatch(/^1 Mar 2027, 15:00 – /);
  });

  it('writes an order with its submission and closing times', () => {
    const [row] = formatHistory(
      [
        entry({
          kind: 'order',
          status: 'closed',
          starts_at: '2026-07-11T23:30:00Z',
          ends_at: '2026-07-12T00:15:00Z',
          party_size: null,
          total_minor: 2500,
        }),
      ],
      properties,
      'en',
    );
    expect(plain(row?.when ?? '')).toBe('Jul 11, 2026, 7:30 PM');
    expect(plain(row?.detail ?? '')).toBe('Closed Jul 11, 2026, 8:15 PM');
    expect(row?.status).toBe('Closed');
  });
});
