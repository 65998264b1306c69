import { describe, expect, it } from 'vitest';
import type { ChartData } from './chart-data.ts';
import {
  foldDays,
  needsRead,
  newerTiles,
  sameTiles,
  shownDays,
  tilesFromPush,
  touchesShownDays,
  withDay,
  withPushedDays,
} from './live-tiles.ts';

const PROPERTY = 'c0000000-0000-4000-8000-000000000001';
const row = {
  day: '2026-12-06',
  rooms_total: 40,
  rooms_out_of_order: 1,
  rooms_available: 39,
  rooms_sold: 13,
  occupancy: 0.3333,
  room_revenue_minor: 130000,
  adr_minor: 10000,
  revpar_minor: 3333,
  arrivals: 4,
  departures: 2,
  no_shows: 0,
  in_house: 9,
  covers_booked: 0,
  covers_seated: 0,
  bookings_made: 3,
  cancellations: 1,
  food_revenue_minor: 2500,
  beverage_revenue_minor: 900,
  other_revenue_minor: 0,
};
const push = {
  property_id: PROPERTY,
  day: '2026-12-06',
  read_at: 1_000,
  today: row,
  stations: [
    {
      station_id: 's1',
      station_name: 'Kitchen',
      station_kind: 'kitchen',
      tickets_done: 5,
      average_ticket_seconds: 420,
      lines_waiting: 2,
    },
  ],
  open_orders: [{ status: 'preparing', orders: 2 }],
  touched: [{ from: '2026-12-06', to: '2026-12-07' }],
};

describe('tilesFromPush', () => {
  it('reshapes a pushed message like the loader reshapes its rows', () => {
    const tiles = tilesFromPush(push, PROPERTY);
    expect(tiles?.today).toMatchObject({ roomsSold: 13, occupancy: 0.3333, bookingsMade: 3, foodRevenueMinor: 2500 });
    expect(tiles?.stations).toEqual([
      { id: 's1', name: 'Kitchen', kind: 'kitchen', ticketsDone: 5, averageTicketSeconds: 420, linesWaiting: 2 },
    ]);
    expect(tiles?.openOrders).toEqual({ submitted: 0, preparing: 2, ready: 0, served: 0 });
    expect(tiles?.readAt).toBe(1_000);
  });

  it("ignores another property's message and anything malformed", () => {
    expect(tilesFromPush(push, 'c0000000-0000-4000-8000-000000000002')).toBeNull();
    expect(tilesFromPush({ ...push, day: 'today' }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, read_at: '1000' }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, today: { ...row, day: '2026-12-05' } }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, stations: null }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, open_orders: [1] }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, touched: undefined }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, touched: [{ from: '2026-12-06' }] }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, touched: [{ from: 'today', to: '2026-12-07' }] }, PROPERTY)).toBeNull();
    expect(tilesFromPush('{"property_id":"x"}', PROPERTY)).toBeNull();
    expect(tilesFromPush(null, PROPERTY)).toBeNull();
  });
});

describe('newerTiles', () => {
  const pushed = tilesFromPush(push, PROPERTY);
  const loaded = { ...(pushed as NonNullable<typeof pushed>), readAt: 500 };
  it('keeps whichever was read later, and never another day', () => {
    expect(newerTiles(loaded, pushed)).toBe(pushed);
    expect(newerTiles({ ...loaded, readAt: 2_000 }, pushed).readAt).toBe(2_000);
    expect(newerTiles({ ...loaded, day: '2026-12-07' }, pushed).day).toBe('2026-12-07');
    expect(newerTiles(loaded, null)).toBe(loaded);
  });
});

describe('withDay', () => {
  const chart: ChartData = {
    id: 'pickup',
    title: 'Pickup',
    dates: ['2026-12-05', '2026-12-06'],
    columns: [
      { key: 'made', label: 'Made', unit: 'count', values: [4, 1] },
      { key: 'cancelled', label: 'Cancelled', unit: 'count', values: [0, 0] },
    ],
  };
  it("replaces the named columns' value on that day only", () => {
    const next = withDay(chart, '2026-12-06', { made: 3, cancelled: 1 });
    expect(next.columns.map((column) => column.values)).toEqual([
      [4, 3],
      [0, 1],
    ]);
    expect(chart.columns[0]?.values, 'the original is untouched').toEqual([4, 1]);
  });
  it('gives the same chart back when the day is not plotted or nothing moved', () => {
    expect(withDay(chart, '2026-12-07', { made: 9 })).toBe(chart);
    expect(withDay(chart, '2026-12-06', { made: 1, other: 5 })).toBe(chart);
  });
});

describe('touchesShownDays', () => {
  const shown = shownDays('2026-12-06', { from: '2026-12-06', to: '2027-01-04' }, 7);
  const spans = [...shown.charts, shown.risks];
  const stay = (from: string, to: string) => ({ from, to });
  it('is true for a stay in the period, last year, or either side of a move', () => {
    expect(touchesShownDays([stay('2026-12-20', '2026-12-22')], spans)).toBe(true);
    expect(touchesShownDays([stay('2025-12-10', '2025-12-11')], spans)).toBe(true);
    expect(touchesShownDays([stay('2027-01-04', '2027-01-05'), stay('2028-05-01', '2028-05-02')], spans)).toBe(true);
    expect(touchesShownDays([stay('2026-12-01', '2026-12-06')], spans), 'leaves today').toBe(true);
  });
  it('is false for stays far ahead or long past, and for a push that names no days', () => {
    expect(touchesShownDays([stay('2028-05-01', '2028-05-02'), stay('2024-01-01', '2024-01-03')], spans)).toBe(false);
    expect(touchesShownDays([], spans)).toBe(false);
  });
  it('keeps the days a push names', () => {
    expect(tilesFromPush(push, PROPERTY)?.touched).toEqual([{ from: '2026-12-06', to: '2026-12-07' }]);
  });
});

describe('pushed days', () => {
  const shown = shownDays('2026-12-06', { from: '2026-12-06', to: '2027-01-04' }, 7);
  const covering = (touched: { from: string; to: string }[], covered: { from: string; to: string }[]) => ({
    touched,
    covered,
  });
  it('need a read only for a shown day that was touched and not covered', () => {
    const stay = { from: '2026-12-20', to: '2026-12-22' };
    expect(needsRead(covering([stay], [stay]), shown.charts)).toBe(false);
    expect(needsRead(covering([stay], []), shown.charts)).toBe(true);
    expect(needsRead(covering([stay], [{ from: '2026-12-20', to: '2026-12-21' }]), shown.charts), 'a day short').toBe(
      true,
    );
    // A long stay reaching past the period: only its shown part needs covering.
    const long = { from: '2027-01-01', to: '2027-03-10' };
    expect(needsRead(covering([long], [{ from: '2027-01-01', to: '2027-01-04' }]), shown.charts)).toBe(false);
    expect(needsRead(covering([{ from: '2028-05-01', to: '2028-05-02' }], []), shown.charts), 'not shown').toBe(false);
    expect(needsRead(covering([], []), shown.charts)).toBe(false);
  });

  const tiles = tilesFromPush(
    {
      ...push,
      covered: [{ from: '2026-12-06', to: '2026-12-07' }],
      days: [row, { ...row, day: '2026-12-07', rooms_sold: 20 }],
    },
    PROPERTY,
  ) as NonNullable<ReturnType<typeof tilesFromPush>>;
  it('are read from a push, and a push without any has none', () => {
    expect(tiles.covered).toEqual([{ from: '2026-12-06', to: '2026-12-07' }]);
    expect(tiles.days.map((day) => [day.day, day.roomsSold])).toEqual([
      ['2026-12-06', 13],
      ['2026-12-07', 20],
    ]);
    expect(tilesFromPush(push, PROPERTY)?.days).toEqual([]);
    expect(tilesFromPush({ ...push, days: [{ day: 'x' }] }, PROPERTY)).toBeNull();
    expect(tilesFromPush({ ...push, covered: [{ from: '2026-12-06' }] }, PROPERTY)).toBeNull();
  });

  it('replace loaded days read before them, and give the same rows back when nothing differs', () => {
    const loaded = [
      { ...tiles.today, day: '2026-12-05' },
      tiles.today,
      { ...(tiles.days[1] as (typeof tiles.days)[number]), roomsSold: 19 },
    ];
    const pushed = withPushedDays(new Map(), tiles);
    const folded = foldDays(loaded, pushed, 500);
    expect(folded.map((day) => day.roomsSold)).toEqual([13, 13, 20]);
    expect(folded[1], 'an equal day stays the loaded one').toBe(loaded[1]);
    expect(foldDays(loaded, pushed, 2_000), 'the load is newer').toBe(loaded);
    expect(foldDays(folded, pushed, 500), 'nothing differs').toBe(folded);
    const later = withPushedDays(pushed, {
      days: [{ ...tiles.today, day: '2026-12-07', roomsSold: 21 }],
      readAt: 3_000,
    });
    expect(foldDays(loaded, later, 2_000).map((day) => day.roomsSold)).toEqual([13, 13, 21]);
  });

  it('compare tiles by what they show, not when they were read', () => {
    expect(sameTiles(tiles, { ...tiles, readAt: 9_000 })).toBe(true);
    expect(sameTiles(tiles, { ...tiles, today: { ...tiles.today, roomsSold: 14 } })).toBe(false);
    expect(sameTiles(tiles, { ...tiles, openOrders: { ...tiles.openOrders, ready: 1 } })).toBe(false);
    expect(sameTiles(tiles, { ...tiles, stations: [] })).toBe(false);
  });
});
